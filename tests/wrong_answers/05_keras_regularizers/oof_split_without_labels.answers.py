# Loops over cv.split(X) without y: KFold does not mind, but StratifiedKFold needs the labels.
# based-on: solved
# expect-lost: oof_predicts_every_row_once_in_row_order, oof_preprocessing_fitted_per_fold
# expect-message: oof_predicts_every_row_once_in_row_order: call cv.split(X, y)
# expect-message: oof_preprocessing_fitted_per_fold: call cv.split(X, y)
# expect-mistake: oof_predicts_every_row_once_in_row_order: keras_regularizers.oof_every_row_once_in_row_order.split_without_y
# expect-mistake: oof_preprocessing_fitted_per_fold: keras_regularizers.oof_preprocessing_fitted_per_fold.split_without_y

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X):
        fitted = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(fitted.transform(X.iloc[train]), y[train], fitted.transform(X.iloc[test])))
    return oof
