# Runs coordinate descent on the raw X and y and reports mean(y) as the intercept.
# based-on: solved
# expect-lost: enet_cd_matches_sklearn, enet_cd_intercept_unpenalised, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_cd_matches_sklearn: uncentred X and y
# expect-message: enet_cd_intercept_unpenalised: skip centring X
# expect-message: enet_cd_ends_are_lasso_and_ridge: uncentred X and y
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_intercept_unpenalised: elastic_net.enet_cd_intercept_unpenalised.penalised_intercept
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.uncentred

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    residual = np.asarray(y, dtype=float).copy()
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(X.shape[1]):
            partial = residual + X[:, j] * w[j]
            new = enet_coordinate_update(X[:, j], partial, alpha, l1_ratio)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - X[:, j] * new
        if largest_change < tol:
            break
    return float(np.mean(y)), w
