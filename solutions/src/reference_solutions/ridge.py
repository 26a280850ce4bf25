"""Lesson 03 reference: Ridge regression (L2-penalised least squares) in closed form.

Objective, exactly as ``sklearn.linear_model.Ridge`` defines it::

    minimise over (b, w):   ||y - b - X w||²  +  alpha * ||w||²

- no 1/n and no 1/2 in front of either term (unlike Lasso and ElasticNet, whose data term
  is (1/(2n)) * ||y - b - X w||²); so Ridge(alpha) == ElasticNet(alpha / n, l1_ratio=0);
- ||w||² = Σ_j w_j²; the intercept b is NOT penalised.

Because b is unpenalised, its optimum is b = ȳ - x̄ᵀw (the residuals sum to zero). Putting
that back leaves a problem in the centred data Xc = X - x̄, yc = y - ȳ only::

    w = (Xcᵀ Xc + alpha * I)⁻¹ Xcᵀ yc,        b = ȳ - x̄ᵀ w

For alpha > 0 the matrix Xcᵀ Xc + alpha * I is positive definite (its eigenvalues are those
of XcᵀXc, which are >= 0, plus alpha), so the solution exists and is unique even when columns
are perfectly correlated or p > n, and its condition number is (λ_max + alpha)/(λ_min + alpha).
"""

from __future__ import annotations

import numpy as np


def ridge_objective(X, y, intercept, coef, alpha):
    """scikit-learn's Ridge objective ||y - b - X w||² + alpha * ||w||² (b not penalised)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    w = np.asarray(coef, dtype=float).ravel()
    r = y - float(intercept) - X @ w
    return float(r @ r + alpha * (w @ w))


def fit_ridge(X, y, alpha):
    """Ridge fit in closed form on centred data; return ``(b, w)``, b a float, w of shape (p,).

    w = solve(XcᵀXc + alpha * I, Xcᵀyc) with Xc = X - mean(X, axis=0), yc = y - mean(y);
    b = mean(y) - mean(X, axis=0) @ w. Equals ``sklearn.linear_model.Ridge(alpha).fit(X, y)``.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    p = X.shape[1]
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(p), Xc.T @ yc)
    return float(y_mean - x_mean @ w), w


def ridge_trace(X, y, alphas):
    """Coefficients of :func:`fit_ridge` for each alpha; array of shape (len(alphas), p)."""
    return np.array([fit_ridge(X, y, a)[1] for a in alphas])


def best_alpha_from_cv(alphas, cv_rmse):
    """The alpha whose mean cross-validated RMSE is smallest (first one on ties).

    ``cv_rmse`` has shape (len(alphas), n_folds): RMSE of each fold's held-out part.
    """
    cv_rmse = np.asarray(cv_rmse, dtype=float)
    return float(np.asarray(alphas, dtype=float)[int(np.argmin(cv_rmse.mean(axis=1)))])

