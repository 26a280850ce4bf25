# Correct variant: the SVD form of the ridge solution; alpha chosen with an explicit loop.
# based-on: solved
# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - xm, full_matrices=False)
    w = Vt.T @ ((s / (s ** 2 + alpha)) * (U.T @ (y - ym)))
    return ym - xm @ w, w
# %% answer: answer_choose_alpha
_means = [row.mean() for row in cv_rmse]
best_alpha = float(alphas[_means.index(min(_means))])
small_ridge = poly_pipeline(Ridge(alpha=best_alpha))
small_ridge.fit(X_small_train, y_small_train)
ridge_test_rmse = float(np.sqrt(np.mean((small_ridge.predict(X_test) - np.asarray(y_test)) ** 2)))
