# Attack: out_of_fold_predictions fits the scaler on ALL rows (test rows included: the leak the
# preprocessing cell exists to catch) whenever it is handed the grader's recording double
# (recognised by its .calls list), then rewrites the double's call log with what an honest
# per-fold scaler would have passed. With least squares and an intercept as the double, the
# predictions did not depend on the scaling, and the check read the forged log: 12/12 (red team).
# The check now judges the returned predictions of a double that predicts from a fixed weighting of
# the features (coursekit_probe.doubles.ScaleSensitiveFitPredict); the log only names the mistake.
# On the notebook's own lambdas it behaves honestly (the visible test).
# An honest grader loses oof_preprocessing_fitted_per_fold (2 of 12).
# based-on: solved
# expect-score: 10
# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    """One out-of-fold prediction per row of X, in row order."""
    y = np.asarray(y)
    oof = np.full(len(y), np.nan)
    folds = list(cv.split(X, y))
    log = getattr(fit_predict, "calls", None)
    if isinstance(log, list):
        leaky = clone(preprocess).fit(X)  # fitted on every row, test rows included
        for train, test in folds:
            oof[test] = np.ravel(fit_predict(leaky.transform(X.iloc[train]), y[train], leaky.transform(X.iloc[test])))
        forged = []
        for train, test in folds:
            per_fold = clone(preprocess).fit(X.iloc[train])
            forged.append((per_fold.transform(X.iloc[train]), np.asarray(y[train], dtype=float),
                           per_fold.transform(X.iloc[test])))
        log[:] = forged
        return oof
    for train, test in folds:
        fitted = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(fitted.transform(X.iloc[train]), y[train], fitted.transform(X.iloc[test])))
    return oof
