# Creates the output with np.zeros_like(y): with 0/1 class labels it is an integer array, and every
# prediction stored in it is cut to a whole number.
# based-on: solved
# expect-lost: oof_predicts_every_row_once_in_row_order
# expect-message: oof_predicts_every_row_once_in_row_order: cut to whole numbers
# expect-mistake: oof_predicts_every_row_once_in_row_order: keras_regularizers.oof_every_row_once_in_row_order.integer_array

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    oof = np.zeros_like(y)
    for train, test in cv.split(X, y):
        fitted = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(fitted.transform(X.iloc[train]), y[train], fitted.transform(X.iloc[test])))
    return oof
