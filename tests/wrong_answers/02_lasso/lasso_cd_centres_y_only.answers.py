# Centres y but not the columns of X: coordinate descent runs on the raw columns with the centred y
# as residual (no intercept absorbs the columns' means). The intercept mean(y) - mean(X)·w still makes
# the residuals average 0, so only the comparison with sklearn and the KKT conditions fail.
# based-on: solved
# expect-lost: lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: lasso_cd_matches_sklearn: you centred y but not the columns of X
# expect-message: lasso_cd_satisfies_kkt: you centred y but not the columns of X
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.y_centred_only
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.y_centred_only

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    residual = y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(X.shape[1]):
            x_j = X[:, j]
            partial = residual + x_j * w[j]
            new = coordinate_update(x_j, partial, alpha)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - x_j * new
        if largest_change < tol:
            break
    return float(y_mean - x_mean @ w), w
