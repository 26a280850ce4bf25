"""Lesson 01 reference: ordinary least squares with an unpenalised intercept, and RMSE.

Model: y ≈ b + X w, with intercept b (a scalar) and weights w (length p).

Objective (ordinary least squares)::

    minimise over (b, w):   (1/n) * ||y - b - X w||²

The factor 1/n (mean squared error) does not change the minimiser; it only rescales the
loss. Nothing is penalised in this lesson; the intercept is written separately from w
because later lessons penalise w and never b.
"""

from __future__ import annotations

import numpy as np


def add_intercept_column(X):
    """Return the design matrix A = [1 | X] of shape (n, p + 1).

    The first column is all ones, so ``A @ [b, w_1, ..., w_p] == b + X @ w``.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n, p), got shape {X.shape}")
    return np.column_stack([np.ones(X.shape[0]), X])


def fit_least_squares(X, y):
    """Least-squares fit of y ≈ b + X w; return ``(b, w)`` with b a float and w of shape (p,).

    Solves the normal equations AᵀA θ = Aᵀy for θ = [b, w] with A = [1 | X], using
    ``numpy.linalg.lstsq`` (an SVD-based solver that is also correct when AᵀA is
    ill-conditioned). The intercept is the first entry of θ and is not part of w.
    """
    A = add_intercept_column(X)
    y = np.asarray(y, dtype=float).ravel()
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return float(theta[0]), theta[1:]


def predict(X, intercept, coef):
    """Predictions b + X w."""
    return intercept + np.asarray(X, dtype=float) @ np.asarray(coef, dtype=float)


def rmse(y_true, y_pred):
    """Root mean squared error: sqrt( (1/n) * Σ (y_true - y_pred)² ).

    Divides by n (not n - 1): RMSE describes the errors of given predictions; it is not an
    unbiased variance estimate. Equals ``sklearn.metrics.root_mean_squared_error``.
    """
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shapes differ: {y_true.shape} vs {y_pred.shape}")
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


def auto_mpg_preprocess():
    """Standardise the numeric columns and one-hot encode origin (first level dropped).

    ``origin`` is categorical (USA, Europe, Japan), never the numbers 1, 2, 3. Dropping one
    level avoids a column set that is collinear with the intercept.
    """
    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    return ColumnTransformer([
        ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ])


def fit_auto_mpg_baseline(X_train, y_train):
    """Pipeline(preprocess, LinearRegression) fitted on the training split only."""
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(auto_mpg_preprocess(), LinearRegression()).fit(X_train, y_train)
