# Standardises the columns inside the solver and maps the weights back: a different problem
# from the one ElasticNet solves for the X it is given (standardising is the pipeline's job).
# based-on: solved
# expect-lost: enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_cd_matches_sklearn: standardised inside the solver
# expect-message: enet_cd_ends_are_lasso_and_ridge: standardised inside the solver
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.standardises_inside

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    sd = X.std(axis=0)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, residual = (X - x_mean) / sd, y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(X.shape[1]):
            x_j = Xc[:, j]
            partial = residual + x_j * w[j]
            new = enet_coordinate_update(x_j, partial, alpha, l1_ratio)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - x_j * new
        if largest_change < tol:
            break
    w = w / sd
    return float(y_mean - x_mean @ w), w
