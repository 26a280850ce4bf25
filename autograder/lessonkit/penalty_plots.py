"""Figures for the Ridge and elastic-net lessons: the L1/L2 geometry, traces, CV curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def constrained_minimum(center, hessian, budget, norm="l2", n_grid=40001):
    """Minimise (w - center)ᵀ H (w - center) over 2-D w with ||w||_q <= budget (q = 1 or 2).

    If the unconstrained minimum ``center`` is inside the ball it is the answer; otherwise the
    minimum of a convex quadratic over a convex ball lies on its boundary, which is searched on
    a fine grid of ``n_grid`` points. The four corners of the L1 diamond are grid points, so a
    corner solution comes out with an exact zero.
    """
    center = np.asarray(center, dtype=float)
    H = np.asarray(hessian, dtype=float)
    size = np.abs(center).sum() if norm == "l1" else np.linalg.norm(center)
    if size <= budget:
        return center.copy()
    if norm == "l2":
        t = np.linspace(0.0, 2 * np.pi, n_grid)
        pts = budget * np.column_stack([np.cos(t), np.sin(t)])
    elif norm == "l1":
        s = np.linspace(0.0, 4.0, n_grid)
        corners = budget * np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], dtype=float)
        k = np.minimum(s.astype(int), 3)
        frac = (s - k)[:, None]
        pts = corners[k] * (1 - frac) + corners[k + 1] * frac
        pts[np.isclose(pts, 0.0, atol=1e-12)] = 0.0
    else:
        raise ValueError("norm must be 'l1' or 'l2'")
    d = pts - center
    values = np.einsum("ij,jk,ik->i", d, H, d)
    return pts[int(np.argmin(values))]


def l1_l2_geometry(X, y, budget, ax=None, extent=None):
    """Contours of the mean squared error of y ≈ X w over two weights, with the L2 disk and the
    L1 diamond of the same ``budget``, and the best point inside each.

    X (n, 2) and y should be centred (no intercept here). Returns ``(w_ols, w_l2, w_l1)``.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    H = X.T @ X / n
    w_ols = np.linalg.solve(X.T @ X, X.T @ y)
    w_l2 = constrained_minimum(w_ols, H, budget, "l2")
    w_l1 = constrained_minimum(w_ols, H, budget, "l1")
    ax = ax or plt.subplots(figsize=(5, 5))[1]
    lim = extent or 1.3 * max(np.abs(w_ols).max(), budget)
    g = np.linspace(-lim, lim, 201)
    W1, W2 = np.meshgrid(g, g)
    W = np.stack([W1.ravel(), W2.ravel()], axis=1)
    mse = np.mean((y[:, None] - X @ W.T) ** 2, axis=0).reshape(W1.shape)
    mse_ols = np.mean((y - X @ w_ols) ** 2)
    levels = mse_ols + (np.mean(y ** 2) - mse_ols) * np.array([0.02, 0.08, 0.2, 0.4, 0.7, 1.0, 1.5])
    ax.contour(W1, W2, mse, levels=levels, colors="grey", linewidths=0.8)
    theta = np.linspace(0, 2 * np.pi, 400)
    ax.fill(budget * np.cos(theta), budget * np.sin(theta), color="tab:blue", alpha=0.15)
    ax.plot(budget * np.cos(theta), budget * np.sin(theta), color="tab:blue", lw=1.5,
            label=r"L2 disk $\|w\|_2 \leq t$")
    diamond = budget * np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]])
    ax.fill(diamond[:, 0], diamond[:, 1], color="tab:orange", alpha=0.15)
    ax.plot(diamond[:, 0], diamond[:, 1], color="tab:orange", lw=1.5,
            label=r"L1 diamond $\|w\|_1 \leq t$")
    ax.plot(*w_ols, "k*", ms=12, label="least squares (no penalty)")
    ax.plot(*w_l2, "o", color="tab:blue", ms=8, mec="black", label="best point in the disk")
    ax.plot(*w_l1, "s", color="tab:orange", ms=8, mec="black", label="best point in the diamond")
    ax.axhline(0, color="black", lw=0.5)
    ax.axvline(0, color="black", lw=0.5)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel="$w_1$", ylabel="$w_2$",
           title=f"budget t = {budget:.2f}")
    ax.set_aspect("equal")
    return w_ols, w_l2, w_l1


def coefficient_trace(alphas, coefs, names, ax=None, title="Coefficients vs alpha",
                      xlabel="alpha (log scale)"):
    """One line per feature: coefficient against alpha on a log x-axis."""
    ax = ax or plt.subplots(figsize=(6, 4))[1]
    coefs = np.asarray(coefs, dtype=float)
    for j, name in enumerate(names):
        ax.plot(alphas, coefs[:, j], label=name)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xscale("log")
    ax.set(xlabel=xlabel, ylabel="coefficient", title=title)
    return ax
