# Carries Lasso's 1/n over to Ridge and ends up solving with alpha * n.
# based-on: solved
# expect-lost: ridge_matches_sklearn
# expect-message: ridge_matches_sklearn: Ridge with alpha·n
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.alpha_times_n

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    n = len(y)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * n * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y_mean - x_mean @ w), w
