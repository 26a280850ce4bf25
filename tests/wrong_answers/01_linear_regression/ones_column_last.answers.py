# Appends the column of ones at the end instead of the front.
# based-on: solved
# expect-lost: design_matrix_has_intercept_column, ols_matches_reference, ols_residuals_satisfy_normal_equations
# expect-message: design_matrix_has_intercept_column: the column of ones is last
# expect-message: ols_matches_reference: the column of ones is last
# expect-message: ols_residuals_satisfy_normal_equations: must sum to zero
# expect-mistake: design_matrix_has_intercept_column: linear_regression.add_intercept_column.ones_column_last
# expect-mistake: ols_matches_reference: linear_regression.fit_matches_reference.ones_column_last
# expect-mistake: ols_residuals_satisfy_normal_equations: linear_regression.fit_satisfies_normal_equations.residuals_not_zero_sum

# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([X, np.ones(X.shape[0])])
