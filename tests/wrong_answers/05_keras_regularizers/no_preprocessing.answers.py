# Ignores the preprocess argument and hands fit_predict the raw feature values.
# based-on: solved
# expect-lost: oof_preprocessing_fitted_per_fold
# expect-message: oof_preprocessing_fitted_per_fold: received the raw features
# expect-mistake: oof_preprocessing_fitted_per_fold: keras_regularizers.oof_preprocessing_fitted_per_fold.no_preprocessing

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    oof = np.zeros(len(y))
    for train, test in cv.split(X, y):
        oof[test] = fit_predict(X.iloc[train].to_numpy(), y[train], X.iloc[test].to_numpy())
    return oof
