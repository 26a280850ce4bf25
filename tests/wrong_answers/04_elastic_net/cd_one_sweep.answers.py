# Stops after a single sweep over the coordinates (returns inside the loop).
# based-on: solved
# expect-lost: enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_cd_matches_sklearn: stops after one sweep
# expect-message: enet_cd_ends_are_lasso_and_ridge: stops after one sweep
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.one_sweep

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, residual = X - x_mean, y - y_mean
    w = np.zeros(X.shape[1])
    for j in range(X.shape[1]):
        partial = residual + Xc[:, j] * w[j]
        w[j] = enet_coordinate_update(Xc[:, j], partial, alpha, l1_ratio)
        residual = partial - Xc[:, j] * w[j]
    return float(y_mean - x_mean @ w), w
