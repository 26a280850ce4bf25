"""Figures the lessons share: predicted vs actual, and coefficient bars."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def predicted_vs_actual(y_true, y_pred, ax=None, title="Predicted vs actual", unit="mpg"):
    """Scatter of predictions against true values with the y = x line."""
    ax = ax or plt.subplots(figsize=(4.5, 4.5))[1]
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    lo, hi = min(y_true.min(), y_pred.min()), max(y_true.max(), y_pred.max())
    ax.plot([lo, hi], [lo, hi], color="grey", lw=1, label="perfect prediction")
    ax.scatter(y_true, y_pred, s=14, alpha=0.7)
    ax.set(xlabel=f"actual {unit}", ylabel=f"predicted {unit}", title=title)
    ax.set_aspect("equal")
    ax.legend(loc="upper left")
    return ax


def coefficient_bars(names, values, ax=None, title="Coefficients", xlabel="coefficient"):
    """Horizontal bars, one per feature, sorted by value, with a zero line."""
    ax = ax or plt.subplots(figsize=(6, 0.35 * len(names) + 1.2))[1]
    order = np.argsort(values)
    ax.barh(np.asarray(names)[order], np.asarray(values, float)[order])
    ax.axvline(0, color="black", lw=0.8)
    ax.set(xlabel=xlabel, title=title)
    return ax
