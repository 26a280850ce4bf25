"""Helpers for lesson 05 (Keras regularizers): two figures, and a quiet TensorFlow import.

Importing this module imports TensorFlow and Keras once through :mod:`lessonkit.quiet_tensorflow`
(stderr silenced only while they load, so their start-up lines do not show as red output);
``import keras`` after it is instant and silent.
"""

from __future__ import annotations

from . import quiet_tensorflow  # noqa: F401  (loads TensorFlow and Keras quietly, once)

import matplotlib.pyplot as plt
from matplotlib.ticker import NullFormatter, ScalarFormatter
import numpy as np


def weight_histograms(weights_by_label, *, bins=36, ax=None, title=None):
    """Histograms of the sizes |w| of first-layer weights on a log axis, one outline per label.

    ``weights_by_label``: dict label -> array of weights (flattened here). A log axis separates
    weights that are essentially off (|w| around 0.001) from small but active ones (around 0.1),
    which a histogram of w itself lumps into one bar at 0. Shared bins from 1e-5 to the largest |w|.
    """
    ax = ax or plt.gca()
    sizes = {label: np.maximum(np.abs(np.ravel(w)), 1e-5) for label, w in weights_by_label.items()}
    top = max(np.max(s) for s in sizes.values())
    edges = np.logspace(-5, np.log10(top) + 0.01, bins + 1)
    for label, s in sizes.items():
        ax.hist(s, bins=edges, histtype="step", linewidth=1.8, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("|first-layer weight| (values below 1e-5 counted at 1e-5)")
    ax.set_ylabel("number of weights")
    ax.legend(fontsize=8, loc="upper left")
    if title:
        ax.set_title(title)
    return ax


def training_curves(history, *, ax=None, title=None, steps_per_check=1):
    """Training and held-out data loss per check (``history.history['mse']`` and ``['val_mse']``).

    The x axis counts gradient steps (``steps_per_check`` per Keras epoch); the dot marks the
    check with the lowest held-out loss.
    """
    ax = ax or plt.gca()
    train, val = np.asarray(history.history["mse"]), np.asarray(history.history["val_mse"])
    steps = steps_per_check * np.arange(1, len(train) + 1)
    ax.plot(steps, train, label="training rows (data loss)")
    ax.plot(steps, val, label="held-out rows")
    best = int(np.argmin(val))
    ax.plot(steps[best], val[best], "o", color="black", label="lowest held-out loss")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(ScalarFormatter())
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks([3, 5, 10, 20, 40])
    ax.set_xlabel("gradient steps")
    ax.set_ylabel("MSE (mpg²)")
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax
