"""Lesson 04 reference: the elastic net by coordinate descent, and how libraries scale penalties.

Objective, exactly as ``sklearn.linear_model.ElasticNet`` defines it::

    minimise over (b, w):
        (1/(2n)) * ||y - b - X w||²  +  alpha * l1_ratio * ||w||_1
                                     +  0.5 * alpha * (1 - l1_ratio) * ||w||²

n samples; the intercept b is NOT penalised. l1_ratio = 1 is ``Lasso(alpha)``;
l1_ratio = 0 is Ridge with the data term divided by 2n and the penalty halved, so
``ElasticNet(alpha, l1_ratio=0) == Ridge(alpha * n)``, i.e. ``Ridge(a) == ElasticNet(a / n, 0)``.

glmnet writes (1/(2n)) RSS + lambda * [(1 - a)/2 ||w||² + a ||w||_1]: lambda = alpha, a = l1_ratio.

The soft-threshold operator comes from lesson 02 (:func:`reference_solutions.lasso.soft_threshold`).
"""

from __future__ import annotations

import numpy as np

from .lasso import soft_threshold


def enet_objective(X, y, intercept, coef, alpha, l1_ratio):
    """scikit-learn's ElasticNet objective (see the module docstring); b not penalised."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    w = np.asarray(coef, dtype=float).ravel()
    r = y - float(intercept) - X @ w
    n = len(y)
    return float(r @ r / (2 * n) + alpha * l1_ratio * np.abs(w).sum()
                 + 0.5 * alpha * (1 - l1_ratio) * (w @ w))


def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    """Exact minimiser of the elastic-net objective over one weight w_j, the others fixed.

    With r_(j) = y - b - Σ_{k≠j} x_k w_k, the objective in w_j is
    (1/(2n))||r_(j) - x_j w_j||² + alpha·l1_ratio·|w_j| + 0.5·alpha·(1 - l1_ratio)·w_j², whose
    minimiser is::

        w_j = S( x_jᵀ r_(j) / n,  alpha * l1_ratio ) / ( x_jᵀ x_j / n + alpha * (1 - l1_ratio) )

    The L1 part thresholds the numerator (Lasso's update), the L2 part adds to the
    denominator (Ridge's shrink; the 0.5 in the penalty cancels the 2 of its derivative).
    """
    x_j = np.asarray(x_j, dtype=float).ravel()
    r = np.asarray(partial_residual, dtype=float).ravel()
    n = len(x_j)
    denom = x_j @ x_j / n + alpha * (1.0 - l1_ratio)
    if denom == 0.0:
        return 0.0
    return float(soft_threshold(x_j @ r / n, alpha * l1_ratio) / denom)


def enet_cd(X, y, alpha, l1_ratio, *, tol=1e-10, max_sweeps=100_000):
    """Elastic net by cyclic coordinate descent on centred data; return ``(b, w)``.

    Centres X and y (the intercept is unpenalised, so b = mean(y) - mean(X)·w), then sweeps
    :func:`enet_coordinate_update` over the coordinates with covariance updates
    (G = XcᵀXc/n, q = Xcᵀr/n kept up to date) until no weight moves by more than
    ``tol * std(y) / sqrt(G_jj)`` in a sweep.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if not 0.0 <= l1_ratio <= 1.0:
        raise ValueError("l1_ratio must be in [0, 1]")
    n, p = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    G = Xc.T @ Xc / n
    q = Xc.T @ yc / n
    diag = np.diag(G).copy()
    l1, l2 = alpha * l1_ratio, alpha * (1.0 - l1_ratio)
    y_scale = float(np.std(y)) or 1.0
    step_tol = tol * y_scale / np.sqrt(np.where(diag > 0, diag, 1.0))
    w = np.zeros(p)
    for _ in range(max_sweeps):
        worst = 0.0
        for j in range(p):
            d = diag[j] + l2
            if d <= 0.0:
                continue
            rho = q[j] + diag[j] * w[j]
            new = soft_threshold(rho, l1) / d
            delta = new - w[j]
            if delta != 0.0:
                w[j] = new
                q -= G[:, j] * delta
                worst = max(worst, abs(delta) / step_tol[j])
        if worst <= 1.0:
            break
    return float(y_mean - x_mean @ w), w


def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    """The ElasticNet alpha (with l1_ratio=0) that reproduces ``Ridge(ridge_alpha)`` on n samples.

    Ridge: ||r||² + a_R ||w||². Divide by 2n: (1/(2n))||r||² + (a_R/(2n))||w||², which is
    ElasticNet's (1/(2n))||r||² + 0.5·alpha·||w||² with alpha = a_R / n.
    """
    return float(ridge_alpha) / int(n)


def penalty_conversions(alpha, l1_ratio, n):
    """How ``ElasticNet(alpha, l1_ratio)`` on n samples is written elsewhere (same minimiser).

    Returns a dict:
    - ``ridge_alpha``: alpha * n (only meaningful for l1_ratio = 0);
    - ``lasso_alpha``: alpha (only for l1_ratio = 1);
    - ``glmnet_lambda``, ``glmnet_alpha``: alpha, l1_ratio;
    - ``keras_l1``, ``keras_l2``: Keras adds l1·||w||_1 + l2·||w||² (no 1/2) to a mean squared
      error (1/n)||r||², i.e. twice ElasticNet's objective: l1 = 2·alpha·l1_ratio,
      l2 = alpha·(1 - l1_ratio);
    - ``torch_sgd_weight_decay``: SGD adds wd·w to the gradient of the mean squared error, i.e.
      the penalty (wd/2)||w||² next to (1/n)||r||²: wd = 2·alpha·(1 - l1_ratio) (L2 part only;
      weight decay has no L1 form, and must be switched off for the bias).
    """
    return {
        "ridge_alpha": alpha * n,
        "lasso_alpha": alpha,
        "glmnet_lambda": alpha,
        "glmnet_alpha": l1_ratio,
        "keras_l1": 2.0 * alpha * l1_ratio,
        "keras_l2": alpha * (1.0 - l1_ratio),
        "torch_sgd_weight_decay": 2.0 * alpha * (1.0 - l1_ratio),
    }


def nonzero_features(coef, names):
    """Names whose coefficient is exactly nonzero, in the order of ``names``."""
    return [name for name, c in zip(names, np.asarray(coef).ravel()) if c != 0.0]


def grouping_data(seed=1, n=100):
    """Data built for the grouping effect: three near-copies of one signal, three noise columns.

    x_a, x_b, x_c = z + 0.03·noise (pairwise correlation about 0.999); n1..n3 independent;
    y = 3 z + N(0, 1). Returns ``(X, y, names)``, X standardised column-wise.
    """
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    group = z[:, None] + 0.03 * rng.normal(size=(n, 3))
    noise = rng.normal(size=(n, 3))
    X = np.column_stack([group, noise])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = 3.0 * z + rng.normal(size=n)
    return X, y, ["x_a", "x_b", "x_c", "noise_1", "noise_2", "noise_3"]
