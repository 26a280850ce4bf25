# Correct variant: centre the data, solve for w, recover b; warns and writes to stderr on the way.
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
# %% answer: answer_baseline
from sklearn.linear_model import LinearRegression as _LR
baseline = make_pipeline(preprocess, _LR())
baseline.fit(X_train, y_train)
baseline_test_rmse = float(np.sqrt(np.mean((np.asarray(y_test) - baseline.predict(X_test)) ** 2)))
