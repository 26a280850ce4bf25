"""Test doubles the judge passes into student code (they must load inside the kernel).

A double records how the student's code used it; the probe sends that record back as the
double's *evidence state* (``evidence_state()``), and the judge loads it into its own copy
(``load_evidence_state``), so the check reads the calls the student's code really made.
"""

from __future__ import annotations

import numpy as np


class OLSFitPredict:
    """``fit_predict(Z_train, y_train, Z_test)``: least squares with an intercept; records its calls."""

    __name__ = "fit_predict"

    def __init__(self, calls=None):
        self.calls = calls if calls is not None else []

    def _record(self, Z_train, y_train, Z_test):
        """The arguments as float arrays, a copy of each appended to ``calls``."""
        Z_train = np.asarray(Z_train, dtype=float)
        Z_test = np.asarray(Z_test, dtype=float)
        self.calls.append((Z_train.copy(), np.asarray(y_train, dtype=float).copy(), Z_test.copy()))
        return Z_train, Z_test

    def __call__(self, Z_train, y_train, Z_test):
        Z_train, Z_test = self._record(Z_train, y_train, Z_test)
        A = np.column_stack([np.ones(len(Z_train)), Z_train])
        theta, *_ = np.linalg.lstsq(A, np.asarray(y_train, dtype=float), rcond=None)
        return theta[0] + Z_test @ theta[1:]

    def evidence_state(self):
        return list(self.calls)

    def load_evidence_state(self, calls):
        if not isinstance(calls, list) or not all(isinstance(c, tuple) and len(c) == 3 for c in calls):
            raise ValueError("bad fit_predict call record")
        self.calls[:] = [tuple(np.asarray(a, dtype=float) for a in c) for c in calls]


class ScaleSensitiveFitPredict(OLSFitPredict):
    """``fit_predict(Z_train, y_train, Z_test)``: the mean of y_train plus a fixed weighting of the
    test rows' features (weights 1, 2, 3, ...). Unlike least squares with an intercept, whose
    predictions do not change when a column is shifted or rescaled, its predictions show how the
    features were scaled: a check can judge the preprocessing from the returned predictions
    alone, and use the recorded calls only to name the mistake."""

    __name__ = "fit_predict"

    def __call__(self, Z_train, y_train, Z_test):
        _, Z_test = self._record(Z_train, y_train, Z_test)
        weights = np.arange(1, Z_test.shape[1] + 1, dtype=float) if Z_test.ndim == 2 else 1.0
        return float(np.mean(np.asarray(y_train, dtype=float))) + Z_test @ weights


try:  # torch is optional for the probe; NamedNet exists where torch does
    import torch
    from torch import nn

    class NamedNet(nn.Module):
        """A network whose layers have names (not 0, 1, 2) and one layer without a bias."""

        def __init__(self, p, h):
            super().__init__()
            self.hidden = nn.Linear(p, h)
            self.mid = nn.Linear(h, h, bias=False)
            self.out = nn.Linear(h, 1)

        def forward(self, x):
            return self.out(torch.tanh(self.mid(torch.relu(self.hidden(x)))))
except ImportError:  # pragma: no cover - a course without the PyTorch lesson
    pass
