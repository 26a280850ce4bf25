# Differentiates the data term without its factor 2, so the system has 2·alpha on the diagonal.
# based-on: solved
# expect-lost: ridge_matches_sklearn
# expect-message: ridge_matches_sklearn: Ridge with 2·alpha
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.two_alpha

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + 2 * alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y_mean - x_mean @ w), w
