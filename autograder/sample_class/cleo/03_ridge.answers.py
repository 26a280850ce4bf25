# Cleo's Ridge puts the column of ones into the system and penalises the intercept; the rest is right.
# based-on: solved
# expect-lost: ridge_matches_sklearn, ridge_intercept_unpenalised
# expect-mistake: ridge_intercept_unpenalised: ridge.fit_ridge_intercept_unpenalised.penalised_intercept
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.penalised_intercept

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    A = np.column_stack([np.ones(len(X)), np.asarray(X, dtype=float)])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ np.asarray(y, dtype=float))
    return float(theta[0]), theta[1:]
