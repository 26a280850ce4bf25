# Correct variant: coordinate descent that recomputes the residual from scratch, a while loop, the
# coordinates swept in reverse order, y left uncentred (the centred columns make that harmless) and a
# sweep budget named `sweeps` (the probes that name solver mistakes ask for `max_sweeps=1` and must not
# count against it); selected features from np.flatnonzero, the fixed model built step by step.
# based-on: solved
# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, sweeps=10_000):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    Xc = X - xm
    w = np.zeros(X.shape[1])
    done, change = 0, np.inf
    while change >= tol and done < sweeps:
        change = 0.0
        for j in reversed(range(len(w))):
            r = y - Xc @ w + Xc[:, j] * w[j]
            new = coordinate_update(Xc[:, j], r, alpha)
            change = max(change, abs(new - w[j]))
            w[j] = new
        done += 1
    return ym - float(xm @ w), w
# %% answer: answer_selected_features
def selected_features(coef, names):
    return [list(names)[i] for i in np.flatnonzero(np.asarray(coef))]
# %% answer: answer_lasso_fixed
from sklearn.pipeline import Pipeline
lasso_fixed = Pipeline([("prep", preprocess), ("lasso", Lasso(alpha=ALPHA_FIXED))])
lasso_fixed.fit(X_train, y_train)
selected_fixed = selected_features(lasso_fixed[-1].coef_, feature_names)
