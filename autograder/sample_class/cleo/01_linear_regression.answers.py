# Cleo forgets the column of ones in her fit and the square root in RMSE; the rest is right.
# based-on: solved
# expect-lost: ols_matches_reference, ols_residuals_satisfy_normal_equations, rmse_sanity, rmse_matches_reference
# expect-mistake: ols_matches_reference: linear_regression.fit_matches_reference.no_intercept_column
# expect-mistake: ols_residuals_satisfy_normal_equations: linear_regression.fit_satisfies_normal_equations.residuals_not_zero_sum
# expect-mistake: rmse_matches_reference: linear_regression.rmse.mse_no_sqrt
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.mse_no_sqrt

# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    X = np.asarray(X, dtype=float)
    w = np.linalg.solve(X.T @ X, X.T @ np.asarray(y, dtype=float))
    return 0.0, w

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))
