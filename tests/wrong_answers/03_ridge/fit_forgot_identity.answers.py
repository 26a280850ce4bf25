# Writes XᵀX + alpha: NumPy adds alpha to every entry, not only the diagonal.
# based-on: solved
# expect-lost: ridge_matches_sklearn
# expect-message: ridge_matches_sklearn: instead of to its diagonal
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.no_identity

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha, Xc.T @ yc)
    return float(y_mean - x_mean @ w), w
