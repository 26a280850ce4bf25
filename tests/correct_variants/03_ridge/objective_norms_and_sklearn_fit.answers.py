# Correct variant: the objective with np.linalg.norm, the closed form with an explicit inverse.
# based-on: solved
# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    return np.linalg.norm(np.asarray(y) - b - np.asarray(X) @ np.asarray(w)) ** 2 + alpha * np.linalg.norm(w) ** 2
# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    G = (X - X.mean(0)).T @ (X - X.mean(0)) + alpha * np.eye(X.shape[1])
    w = np.linalg.inv(G) @ ((X - X.mean(0)).T @ (y - y.mean()))
    return y.mean() - X.mean(0) @ w, w
