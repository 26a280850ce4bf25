# Adds a column of ones to X and runs coordinate descent over it like any weight: the
# intercept is soft-thresholded (penalised) too.
# based-on: solved
# expect-lost: lasso_cd_matches_sklearn, lasso_cd_intercept_unpenalised, lasso_cd_satisfies_kkt
# expect-message: lasso_cd_matches_sklearn: the intercept is penalised
# expect-message: lasso_cd_intercept_unpenalised: your intercept is the penalised one
# expect-message: lasso_cd_satisfies_kkt: the intercept is penalised
# expect-mistake: lasso_cd_intercept_unpenalised: lasso.lasso_cd_intercept_unpenalised.penalises_intercept | lasso.lasso_cd_intercept_unpenalised.no_intercept
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.penalises_intercept | lasso.lasso_cd_matches_reference.no_intercept
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.penalises_intercept | lasso.lasso_cd_kkt.no_intercept

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.column_stack([np.ones(len(y)), X])
    theta = np.zeros(A.shape[1])
    residual = y.copy()
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(A.shape[1]):
            a_j = A[:, j]
            partial = residual + a_j * theta[j]
            new = coordinate_update(a_j, partial, alpha)
            largest_change = max(largest_change, abs(new - theta[j]))
            theta[j] = new
            residual = partial - a_j * new
        if largest_change < tol:
            break
    return float(theta[0]), theta[1:]
