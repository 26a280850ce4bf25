# Correct variant: centre the data, solve for w, recover b; warns and writes to stderr on the way.
# RMSE as norm / sqrt(n) with a print (close to the norm / n and np.std mistakes, but right), and the
# baseline's test RMSE computed with that own rmse, from a Pipeline with named steps.
# based-on: solved
# %% answer: answer_fit_least_squares
import sys, warnings
def fit_least_squares(X, y):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    w = np.linalg.solve((X - xm).T @ (X - xm), (X - xm).T @ (y - ym))
    warnings.warn("centred solve")
    print("solved", file=sys.stderr)
    return ym - xm @ w, w
# %% answer: answer_rmse
def rmse(y_true, y_pred):
    errors = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    print("rmse of", len(errors), "points")
    return np.linalg.norm(errors) / np.sqrt(len(errors))
# %% answer: answer_baseline
from sklearn.linear_model import LinearRegression as _LR
from sklearn.pipeline import Pipeline
baseline = Pipeline([("prep", preprocess), ("ols", _LR())])
baseline.fit(X_train, y_train)
baseline_test_rmse = rmse(y_test, baseline.predict(X_test))
