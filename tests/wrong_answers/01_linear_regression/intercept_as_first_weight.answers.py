# Returns the whole theta (intercept included) as the weight vector.
# based-on: solved
# expect-lost: ols_returns_intercept_and_coef, ols_matches_reference, ols_residuals_satisfy_normal_equations
# expect-message: ols_returns_intercept_and_coef: intercept was left inside the weight vector
# expect-message: ols_matches_reference: intercept was left inside the weight vector
# expect-message: ols_residuals_satisfy_normal_equations: intercept was left inside the weight vector
# expect-mistake: ols_matches_reference: linear_regression.fit_matches_reference.intercept_in_coef
# expect-mistake: ols_residuals_satisfy_normal_equations: linear_regression.fit_satisfies_normal_equations.intercept_in_coef
# expect-mistake: ols_returns_intercept_and_coef: linear_regression.fit_returns_intercept_and_coef.intercept_in_coef

# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    A = add_intercept_column(X)
    theta = np.linalg.solve(A.T @ A, A.T @ y)
    return float(theta[0]), theta
