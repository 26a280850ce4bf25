# Fits the preprocessing once on every row (test rows included) before the loop.
# based-on: solved
# expect-lost: oof_preprocessing_fitted_per_fold
# expect-message: oof_preprocessing_fitted_per_fold: fitted on all rows
# expect-mistake: oof_preprocessing_fitted_per_fold: keras_regularizers.oof_preprocessing_fitted_per_fold.scaler_on_all_rows

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    fitted = clone(preprocess).fit(X)
    oof = np.zeros(len(y))
    for train, test in cv.split(X, y):
        oof[test] = fit_predict(fitted.transform(X.iloc[train]), y[train], fitted.transform(X.iloc[test]))
    return oof
