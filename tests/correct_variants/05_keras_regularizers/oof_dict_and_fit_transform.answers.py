# Correct variant: out-of-fold predictions gathered in a dict by row, fit_transform per fold.
# based-on: solved
# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    by_row = {}
    for train, test in cv.split(X, y):
        prep = clone(preprocess)
        X_tr = prep.fit_transform(X.iloc[train])
        X_te = prep.transform(X.iloc[test])
        for row, pred in zip(test, np.ravel(fit_predict(X_tr, y[train], X_te))):
            by_row[int(row)] = float(pred)
    return np.array([by_row[i] for i in range(len(y))])
