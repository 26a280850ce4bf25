# Runs a fixed 3 sweeps and never checks convergence: close, but not the minimiser.
# The intercept is still mean(y) - mean(X)·w, so the residuals average 0.
# based-on: solved
# expect-lost: lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: lasso_cd_matches_sklearn: after 3 sweeps
# expect-message: lasso_cd_satisfies_kkt: after 3 sweeps
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.few_sweeps
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.few_sweeps

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, residual = X - x_mean, y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(3):
        for j in range(X.shape[1]):
            x_j = Xc[:, j]
            partial = residual + x_j * w[j]
            w[j] = coordinate_update(x_j, partial, alpha)
            residual = partial - x_j * w[j]
    return float(y_mean - x_mean @ w), w
