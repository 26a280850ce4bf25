"""Figures for lesson 06: decision boundaries of a small PyTorch classifier on 2-D data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def decision_boundary(model, X, y, ax=None, title="", resolution=150, margin=0.6):
    """Shade where ``model`` (logits of shape (m, 1)) predicts class 1, draw its 0.5 contour,
    and scatter the points ``X`` (n, 2) coloured by their labels ``y`` (0/1)."""
    import torch

    ax = ax or plt.subplots(figsize=(4, 4))[1]
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).ravel()
    (x0, y0), (x1, y1) = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = torch.tensor(np.column_stack([gx.ravel(), gy.ravel()]), dtype=torch.get_default_dtype())
    with torch.no_grad():
        prob = torch.sigmoid(model(grid)).reshape(gx.shape).numpy()
    ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    if prob.min() < 0.5 < prob.max():
        ax.contour(gx, gy, prob, levels=[0.5], colors="black", linewidths=1.2)
    ax.scatter(X[y == 0, 0], X[y == 0, 1], s=18, c="tab:blue", edgecolors="white", linewidths=0.5,
               label="class 0")
    ax.scatter(X[y == 1, 0], X[y == 1, 1], s=18, c="tab:red", edgecolors="white", linewidths=0.5,
               label="class 1")
    ax.set(title=title, xticks=[], yticks=[], xlim=(x0, x1), ylim=(y0, y1))
    return ax
