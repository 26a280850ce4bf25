# Treats the intercept as one more coordinate (a column of ones) and updates it with the penalised update.
# based-on: solved
# expect-lost: enet_cd_matches_sklearn, enet_cd_intercept_unpenalised, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_cd_matches_sklearn: the intercept is penalised
# expect-message: enet_cd_intercept_unpenalised: Did you penalise b
# expect-message: enet_cd_ends_are_lasso_and_ridge: the intercept is penalised
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_intercept_unpenalised: elastic_net.enet_cd_intercept_unpenalised.penalised_intercept
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.penalised_intercept

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    A = np.column_stack([np.ones(len(X)), np.asarray(X, dtype=float)])
    residual = np.asarray(y, dtype=float).copy()
    theta = np.zeros(A.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(A.shape[1]):
            partial = residual + A[:, j] * theta[j]
            new = enet_coordinate_update(A[:, j], partial, alpha, l1_ratio)
            largest_change = max(largest_change, abs(new - theta[j]))
            theta[j] = new
            residual = partial - A[:, j] * new
        if largest_change < tol:
            break
    return float(theta[0]), theta[1:]
