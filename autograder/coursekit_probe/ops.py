"""Questions the judge asks a student's *object* inside the sandbox (kernel side).

The judge never rebuilds or calls an object a student made (a fitted pipeline, say). When a
check needs to know what such an object does, it names one of the operations below and the
inputs it chose; the probe applies the operation to the student's object in the kernel and
sends back the answer as plain evidence (numbers, arrays, strings, containers). In planning
the judge applies the same operation to the *reference* object, in its own process.

``describe`` answers with plain values only: class names and the hyperparameters that are
numbers, booleans, short strings or None (paths, callables and nested objects are left out).
"""

from __future__ import annotations

import numpy as np

#: Longest string a description keeps (a hyperparameter like solver="auto", not a file).
MAX_TEXT = 40
#: Most steps of a pipeline described (a deeper or longer structure is cut).
MAX_STEPS = 20


def _plain(value):
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str) and len(value) <= MAX_TEXT and value.isprintable():
        return value
    return _SKIP


_SKIP = object()


def describe(obj, depth: int = 0) -> dict:
    """``{"type", "estimator", "has_predict", "fitted", "params", "coef_size", "steps"}`` of ``obj``."""
    out = {"type": type(obj).__name__[:80], "estimator": False, "has_predict": callable(getattr(obj, "predict", None)),
           "fitted": False, "params": {}, "coef_size": None, "steps": None}
    try:
        from sklearn.base import BaseEstimator
        from sklearn.utils.validation import check_is_fitted
    except ImportError:  # pragma: no cover - scikit-learn is in every lesson's kernel
        return out
    if not isinstance(obj, BaseEstimator):
        return out
    out["estimator"] = True
    try:
        check_is_fitted(obj)
        out["fitted"] = True
    except Exception:  # noqa: BLE001 - unfitted, or an estimator that cannot say
        pass
    try:
        params = obj.get_params(deep=False)
    except Exception:  # noqa: BLE001
        params = {}
    for key, value in list(params.items())[:50]:
        plain = _plain(value)
        if plain is not _SKIP and isinstance(key, str) and len(key) <= MAX_TEXT:
            out["params"][key] = plain
    coef = getattr(obj, "coef_", None)
    if coef is not None:
        try:
            out["coef_size"] = int(np.size(coef))
        except Exception:  # noqa: BLE001
            pass
    steps = getattr(obj, "steps", None)
    if depth < 3 and isinstance(steps, list):
        out["steps"] = [describe(step[1] if isinstance(step, tuple) and len(step) == 2 else step, depth + 1)
                        for step in steps[:MAX_STEPS]]
    return out


def predict(obj, X):
    """``obj.predict(X)`` as a float array."""
    return np.asarray(obj.predict(X), dtype=float)


def refit_predict(obj, X_fit, y_fit, X_pred):
    """An unfitted copy of ``obj`` (``sklearn.base.clone``) fitted on ``X_fit, y_fit``, predicting ``X_pred``."""
    from sklearn.base import clone

    return np.asarray(clone(obj).fit(X_fit, y_fit).predict(X_pred), dtype=float)


OPS = {"describe": describe, "predict": predict, "refit_predict": refit_predict}
