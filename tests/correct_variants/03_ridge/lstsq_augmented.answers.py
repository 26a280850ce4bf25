# Correct variant: ridge as least squares on an augmented system (sqrt(alpha) I rows), lists.
# based-on: solved
# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = [yi - b - sum(xij * wj for xij, wj in zip(xi, w)) for xi, yi in zip(np.asarray(X).tolist(), list(y))]
    return sum(ri * ri for ri in r) + alpha * sum(wj * wj for wj in w)
# %% answer: answer_fit_ridge
def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    p = X.shape[1]
    A = np.vstack([X - xm, np.sqrt(alpha) * np.eye(p)])
    w, *_ = np.linalg.lstsq(A, np.concatenate([y - ym, np.zeros(p)]), rcond=None)
    return float(ym - xm @ w), w
