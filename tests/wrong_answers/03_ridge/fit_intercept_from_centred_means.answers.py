# Centres X and y by reassigning them, then computes the intercept from the means of the centred arrays
# (which are 0): the weights are right, the intercept is 0.
# based-on: solved
# expect-lost: ridge_matches_sklearn, ridge_intercept_unpenalised
# expect-message: ridge_matches_sklearn: already-centred
# expect-message: ridge_intercept_unpenalised: already-centred
# expect-mistake: ridge_matches_sklearn: ridge.fit_ridge_matches_reference.intercept_from_centred_means
# expect-mistake: ridge_intercept_unpenalised: ridge.fit_ridge_intercept_unpenalised.intercept_from_centred_means

# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    X = X - X.mean(axis=0)
    y = y - y.mean()
    w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    b = y.mean() - X.mean(axis=0) @ w
    return float(b), w
