# Adds a column of ones and alpha on the whole diagonal, so the intercept is shrunk too.
# based-on: solved
# expect-lost: ridge_matches_sklearn, ridge_intercept_unpenalised
# expect-message: ridge_matches_sklearn: you penalised the intercept
# expect-message: ridge_intercept_unpenalised: you penalised the intercept
# expect-mistake: ridge_intercept_unpenalised: ridge.fit_ridge_intercept_unpenalised.penalised_intercept
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.penalised_intercept

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    A = np.column_stack([np.ones(len(X)), X])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return float(theta[0]), theta[1:]
