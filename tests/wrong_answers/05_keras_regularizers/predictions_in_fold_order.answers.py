# Appends each fold's predictions and concatenates them: fold order, not row order.
# based-on: solved
# expect-lost: oof_predicts_every_row_once_in_row_order
# expect-message: oof_predicts_every_row_once_in_row_order: in fold order
# expect-mistake: oof_predicts_every_row_once_in_row_order: keras_regularizers.oof_every_row_once_in_row_order.fold_order

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    predictions = []
    for train, test in cv.split(X, y):
        fitted = clone(preprocess).fit(X.iloc[train])
        predictions.append(fit_predict(fitted.transform(X.iloc[train]), y[train], fitted.transform(X.iloc[test])))
    return np.concatenate(predictions)
