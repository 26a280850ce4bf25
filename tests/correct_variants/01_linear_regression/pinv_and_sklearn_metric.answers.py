# Correct variant: the pseudo-inverse, ones column appended by hstack, RMSE from scikit-learn.
# based-on: solved
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.hstack([np.ones((len(X), 1)), X])
# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    theta = np.linalg.pinv(add_intercept_column(X)) @ np.asarray(y, dtype=float)
    return float(theta[0]), theta[1:].copy()
# %% answer: answer_rmse
from sklearn.metrics import mean_squared_error
def rmse(y_true, y_pred):
    return np.sqrt(mean_squared_error(y_true, y_pred))
