# Solves on the raw X and y and takes the intercept to be the mean of y.
# based-on: solved
# expect-lost: ridge_matches_sklearn, ridge_intercept_unpenalised
# expect-message: ridge_matches_sklearn: you solved on uncentred X
# expect-message: ridge_intercept_unpenalised: you solved on uncentred X
# expect-mistake: ridge_intercept_unpenalised: ridge.fit_ridge_intercept_unpenalised.uncentred
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.uncentred

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    return float(np.mean(y)), w
