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
    out = np.sign(z_arr) * np.maximum(np.abs(z_arr) - t_arr, 0.0)
    if out.ndim == 0:
        return float(out)
    return out
