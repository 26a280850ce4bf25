# Correct variant: np.linalg.lstsq instead of the normal equations, Python lists, prints.
# based-on: solved
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    rows = np.asarray(X, dtype=float).tolist()
    return np.array([[1.0] + list(row) for row in rows])
# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    A = add_intercept_column(X)
    theta, *_ = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)
    print("fitted", theta.shape)
    return theta[0], list(theta[1:])
# %% answer: answer_rmse
def rmse(y_true, y_pred):
    diffs = [(a - b) ** 2 for a, b in zip(list(y_true), list(y_pred))]
    return (sum(diffs) / len(diffs)) ** 0.5
