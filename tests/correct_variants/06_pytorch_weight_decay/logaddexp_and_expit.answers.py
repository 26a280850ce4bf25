# Correct variant: cross-entropy written per class with logaddexp, gradient with scipy's expit.
# based-on: solved
# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    X, y, w = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
    z = X @ w + b
    ce = y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)
    return ce.mean() + lam * (w @ w) / len(y)
# %% answer: answer_logistic_gradient
from scipy.special import expit
def logistic_gradient(w, b, X, y, lam):
    X, y, w = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
    err = expit(X @ w + b) - y
    n = len(y)
    return (err @ X) / n + (2 * lam / n) * w, err.sum() / n
