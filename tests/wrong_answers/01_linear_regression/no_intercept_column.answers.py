# Fits y ≈ Xw with no column of ones (the line is forced through the origin).
# based-on: solved
# expect-lost: ols_matches_reference, ols_residuals_satisfy_normal_equations
# expect-message: ols_matches_reference: without the column of ones
# expect-message: ols_residuals_satisfy_normal_equations: Is the column of ones in the design matrix
# expect-mistake: ols_matches_reference: linear_regression.fit_matches_reference.no_intercept_column
# expect-mistake: ols_residuals_satisfy_normal_equations: linear_regression.fit_satisfies_normal_equations.residuals_not_zero_sum

# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    X = np.asarray(X, dtype=float)
    w = np.linalg.solve(X.T @ X, X.T @ np.asarray(y, dtype=float))
    return 0.0, w
