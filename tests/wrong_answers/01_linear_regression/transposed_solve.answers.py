# Builds the normal equations with A Aᵀ (n x n) instead of Aᵀ A.
# based-on: solved
# expect-lost: ols_returns_intercept_and_coef, ols_matches_reference, ols_residuals_satisfy_normal_equations
# expect-message: ols_returns_intercept_and_coef: Check the shapes
# expect-message: ols_matches_reference: Check the shapes
# expect-message: ols_residuals_satisfy_normal_equations: Check the shapes
# expect-mistake: ols_matches_reference: linear_regression.fit_matches_reference.raised
# expect-mistake: ols_residuals_satisfy_normal_equations: linear_regression.fit_satisfies_normal_equations.raised
# expect-mistake: ols_returns_intercept_and_coef: linear_regression.fit_returns_intercept_and_coef.raised

# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    A = add_intercept_column(X)
    theta = np.linalg.solve(A @ A.T, A @ y)
    return float(theta[0]), theta[1:]
