# No centring and no intercept: the model is forced through the origin and b = 0 is returned.
# based-on: solved
# expect-lost: lasso_cd_matches_sklearn, lasso_cd_intercept_unpenalised, lasso_cd_satisfies_kkt
# expect-message: lasso_cd_matches_sklearn: there is no intercept
# expect-message: lasso_cd_intercept_unpenalised: forced through the origin
# expect-message: lasso_cd_satisfies_kkt: there is no intercept
# expect-mistake: lasso_cd_intercept_unpenalised: lasso.lasso_cd_intercept_unpenalised.no_intercept
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.no_intercept
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.no_intercept

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    residual = y.copy()
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
    return 0.0, w
