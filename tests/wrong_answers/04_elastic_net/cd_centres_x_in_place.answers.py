# Centres X with X -= X.mean(axis=0): the fit is right, but the caller's X is changed in place,
# which the exercise says not to do (the visible comparison with sklearn, fitted afterwards on the
# changed X, fails too).
# based-on: solved
# expect-lost: enet_cd_matches_sklearn, enet_cd_intercept_unpenalised, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_cd_matches_sklearn: changed X or y in place
# expect-message: enet_cd_intercept_unpenalised: changed X or y in place
# expect-message: enet_cd_ends_are_lasso_and_ridge: changed its input array

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    X -= x_mean
    residual = y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(X.shape[1]):
            x_j = X[:, j]
            partial = residual + x_j * w[j]
            new = enet_coordinate_update(x_j, partial, alpha, l1_ratio)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - x_j * new
        if largest_change < tol:
            break
    return float(y_mean - x_mean @ w), w
