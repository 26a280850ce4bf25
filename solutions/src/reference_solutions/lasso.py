"""Lesson 02 reference: the Lasso (L1-penalised least squares) by coordinate descent.

Objective, exactly as ``sklearn.linear_model.Lasso`` defines it::

    minimise over (b, w):   (1/(2n)) * ||y - b - X w||²  +  alpha * ||w||_1

with n the number of samples, ||w||_1 = Σ_j |w_j|, and the intercept b NOT penalised.
The data term has the factor 1/(2n): alpha is therefore on the scale of a mean squared
error, and the same alpha means the same thing for any n. (Ridge in scikit-learn has no
1/n; glmnet's lambda equals this alpha.)
"""

from __future__ import annotations

import numpy as np

from .memo import memoised


def soft_threshold(z, t):
    """Soft-threshold operator S(z, t) = sign(z) * max(|z| - t, 0), elementwise.

    Parameters
    ----------
    z : float or array_like
        Value(s) to shrink.
    t : float or array_like (broadcast against z), t >= 0
        Threshold.

    Returns
    -------
    float or ndarray
        Every entry moved toward 0 by exactly t, and set to exactly 0 (clipped) when
        |z| <= t. A float for scalar input, otherwise an ndarray of the broadcast shape.

    S(z, t) is the minimiser over w of ``0.5 * (w - z)**2 + t * |w|`` (the proximal
    operator of t*|.|), which is why one coordinate of the Lasso is solved by it.
    Compare L2: the minimiser of ``0.5 * (w - z)**2 + 0.5 * t * w**2`` is ``z / (1 + t)``,
    a proportional shrink that never reaches 0.
    """
    z_arr = np.asarray(z, dtype=float)
    t_arr = np.asarray(t, dtype=float)
    if np.any(t_arr < 0):
        raise ValueError("the threshold t must be >= 0")
    out = np.sign(z_arr) * np.maximum(np.abs(z_arr) - t_arr, 0.0) + 0.0  # -0.0 -> 0.0
    if out.ndim == 0:
        return float(out)
    return out


def lasso_objective(X, y, intercept, coef, alpha):
    """(1/(2n)) * ||y - b - X w||² + alpha * ||w||_1 — the intercept b is not in the penalty."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    coef = np.asarray(coef, dtype=float)
    r = y - intercept - X @ coef
    return float(r @ r / (2 * len(y)) + alpha * np.abs(coef).sum())


def coordinate_update(x_j, partial_residual, alpha):
    """Exact minimiser of the Lasso objective over one weight w_j, the others held fixed.

    ``partial_residual`` is r_(j) = y - b - Σ_{k≠j} x_k w_k (the residual with feature j left
    out). With the data term (1/(2n))||r_(j) - x_j w_j||², setting the subgradient to zero gives::

        w_j = S( x_jᵀ r_(j) / n ,  alpha ) / ( x_jᵀ x_j / n )

    where S is :func:`soft_threshold`. Both inner products carry the factor 1/n; the
    threshold is alpha itself (not alpha/2, not n*alpha). A column of zeros gives w_j = 0.
    """
    x_j = np.asarray(x_j, dtype=float).ravel()
    r = np.asarray(partial_residual, dtype=float).ravel()
    n = len(x_j)
    norm = x_j @ x_j / n
    if norm == 0.0:
        return 0.0
    return float(soft_threshold(x_j @ r / n, alpha) / norm)


def lasso_cd(X, y, alpha, *, tol=1e-10, max_sweeps=100_000, coef_init=None, fit_intercept=True):
    """Lasso by cyclic coordinate descent; return ``(intercept, coef)``.

    Minimises (1/(2n)) ||y - b - X w||² + alpha ||w||_1 (scikit-learn's ``Lasso`` objective).

    The intercept is unpenalised, so at the optimum b = mean(y) - mean(X) · w. We therefore
    centre X and y once, solve for w on the centred data (where the intercept is 0), and
    recover b at the end. X is *not* standardised here: that is the caller's job (a
    ``StandardScaler`` in a Pipeline), exactly as with scikit-learn.

    Vectorised "covariance updates": with Xc, yc centred, G = XcᵀXc / n and c = Xcᵀyc / n are
    computed once, and q = c - G w (= Xcᵀ r / n, the correlation of each column with the
    current residual) is kept up to date with one O(p) update whenever a weight changes. One
    coordinate step is then

        rho_j = q_j + G_jj w_j,    w_j ← S(rho_j, alpha) / G_jj

    After a sweep over all coordinates, sweeps run over the nonzero (active) coordinates only
    until they settle, then a full sweep checks that no other coordinate wants to enter.

    ``fit_intercept=False`` skips the centring and returns intercept 0 (the model y ≈ X w).

    Convergence: stop when a full sweep changes no weight by more than
    ``tol * std(y) / sqrt(G_jj)`` (i.e. the largest change in any fitted contribution x_j w_j,
    in RMS, is below tol times the spread of y).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if X.ndim != 2 or X.shape[0] != len(y):
        raise ValueError(f"X must be (n, p) with n = len(y); got {X.shape} and {y.shape}")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    n, p = X.shape
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(p), 0.0)
    Xc, yc = X - x_mean, y - y_mean
    G = Xc.T @ Xc / n
    c = Xc.T @ yc / n
    diag = np.diag(G).copy()
    w = np.zeros(p) if coef_init is None else np.array(coef_init, dtype=float)
    q = c - G @ w
    y_scale = float(np.std(y)) or 1.0
    # threshold on |Δw_j| per coordinate
    step_tol = np.where(diag > 0, tol * y_scale / np.sqrt(np.where(diag > 0, diag, 1.0)), np.inf)
    alpha = float(alpha)
    wl, dl, tl = w.tolist(), diag.tolist(), step_tol.tolist()  # python floats: fast scalars

    def sweep(indices):
        worst = 0.0
        for j in indices:
            d = dl[j]
            if d <= 0.0:
                continue
            old = wl[j]
            rho = q.item(j) + d * old
            if rho > alpha:
                new = (rho - alpha) / d
            elif rho < -alpha:
                new = (rho + alpha) / d
            else:
                new = 0.0
            delta = new - old
            if delta != 0.0:
                wl[j] = new
                q[:] -= G[:, j] * delta
                worst = max(worst, abs(delta) / tl[j])
        return worst

    for _ in range(max_sweeps):
        if sweep(range(p)) <= 1.0:
            break
        for _ in range(max_sweeps):
            active = [j for j in range(p) if wl[j] != 0.0]
            if sweep(active) <= 1.0:
                break
    coef = np.array(wl)
    return float(y_mean - x_mean @ coef), coef


def lasso_path(X, y, alphas, *, tol=1e-10):
    """Coefficients along a grid of alphas, warm-started from one alpha to the next.

    Returns ``(intercepts, coefs)``: intercepts of shape (k,) and coefs of shape (p, k), in the
    order of ``alphas`` (give them decreasing, as ``sklearn.linear_model.lasso_path`` does, so
    each fit starts from a sparser neighbour). Same objective as :func:`lasso_cd`.
    """
    alphas = np.asarray(alphas, dtype=float).ravel()
    X = np.asarray(X, dtype=float)
    coefs = np.zeros((X.shape[1], len(alphas)))
    intercepts = np.zeros(len(alphas))
    w = None
    for k, a in enumerate(alphas):
        intercepts[k], w = lasso_cd(X, y, a, tol=tol, coef_init=w)
        coefs[:, k] = w
    return intercepts, coefs


def alpha_max(X, y):
    """Smallest alpha at which every Lasso weight is 0: max_j |x_jᵀ(y - ȳ)| / n (X centred)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    return float(np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y))


def selected_features(coef, names):
    """Names of the features whose coefficient is exactly nonzero, in the order of ``names``.

    The Lasso sets weights to exactly 0.0, so the test is ``coef != 0`` — no tolerance: a
    weight of 1e-4 is small but still in the model.
    """
    coef = np.asarray(coef, dtype=float).ravel()
    return [name for name, value in zip(names, coef) if value != 0.0]


def one_standard_error_alpha(alphas, fold_mse):
    """The one-standard-error rule: the LARGEST alpha whose mean CV error is within one SE of
    the minimum.

    ``fold_mse`` has shape (len(alphas), K): the validation MSE of each alpha on each of the K
    folds (the layout of ``LassoCV.mse_path_`` and of ``validation_curve``'s test scores,
    negated). For each alpha, mean = average over folds, SE = std over folds with ddof=1,
    divided by sqrt(K). With i* the alpha of smallest mean error, the rule returns the largest
    alpha (the simplest model: most weights at zero) whose mean <= mean[i*] + SE[i*].
    ``alphas`` may be in any order.
    """
    alphas = np.asarray(alphas, dtype=float).ravel()
    fold_mse = np.asarray(fold_mse, dtype=float)
    if fold_mse.shape[0] != len(alphas):
        raise ValueError(f"fold_mse must have one row per alpha: {fold_mse.shape} vs {len(alphas)} alphas")
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = int(np.argmin(mean))
    within = mean <= mean[best] + se[best]
    return float(np.max(alphas[within]))


def minimum_cv_alpha(alphas, fold_mse):
    """The alpha with the smallest mean CV error (mean over axis 1 of ``fold_mse``)."""
    alphas = np.asarray(alphas, dtype=float).ravel()
    return float(alphas[int(np.argmin(np.asarray(fold_mse, dtype=float).mean(axis=1)))])


# ---- Auto MPG pieces used by the lesson ----------------------------------------------------

def auto_mpg_lasso(alpha, max_iter=10_000):
    """Pipeline(preprocess, Lasso(alpha)): numeric columns standardised, origin one-hot."""
    from sklearn.linear_model import Lasso
    from sklearn.pipeline import make_pipeline

    from .linear_regression import auto_mpg_preprocess

    return make_pipeline(auto_mpg_preprocess(), Lasso(alpha=alpha, max_iter=max_iter))


@memoised
def auto_mpg_fold_mse(X_train, y_train, alphas, cv):
    """Validation MSE, shape (len(alphas), K), of the Lasso pipeline for each alpha and fold.

    The whole pipeline (scaler included) is refitted on each training fold by
    ``sklearn.model_selection.validation_curve``, so no fold's validation rows influence
    the scaling. Scores are negated back to MSE.
    """
    from sklearn.model_selection import validation_curve

    _, test_scores = validation_curve(
        auto_mpg_lasso(1.0), X_train, y_train, param_name="lasso__alpha", param_range=alphas,
        cv=cv, scoring="neg_mean_squared_error")
    return -test_scores
