# Appends the column of ones at the end instead of the front.
# based-on: solved
# expect-lost: design_matrix_has_intercept_column, ols_matches_reference, ols_residuals_satisfy_normal_equations

# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([X, np.ones(X.shape[0])])
