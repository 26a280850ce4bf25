# Correct variant: coordinate descent that recomputes the residual from scratch, a while loop,
# selected features from np.flatnonzero, the fixed model built step by step.
# based-on: solved
# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    Xc, yc = X - xm, y - ym
    w = np.zeros(X.shape[1])
    sweeps, change = 0, np.inf
    while change >= tol and sweeps < max_sweeps:
        change = 0.0
        for j in range(len(w)):
            r = yc - Xc @ w + Xc[:, j] * w[j]
            new = coordinate_update(Xc[:, j], r, alpha)
            change = max(change, abs(new - w[j]))
            w[j] = new
        sweeps += 1
    return ym - float(xm @ w), w
# %% answer: answer_selected_features
def selected_features(coef, names):
    return [list(names)[i] for i in np.flatnonzero(np.asarray(coef))]
# %% answer: answer_lasso_fixed
from sklearn.pipeline import Pipeline
lasso_fixed = Pipeline([("prep", preprocess), ("lasso", Lasso(alpha=ALPHA_FIXED))])
lasso_fixed.fit(X_train, y_train)
selected_fixed = selected_features(lasso_fixed[-1].coef_, feature_names)
