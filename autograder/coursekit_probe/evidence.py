"""Encode the student's results as plain JSON evidence (kernel side).

Every value becomes a one-key dict naming its type, so the judge can decode it without ever
running code from the kernel (no pickle in that direction)::

    {"none": 1} {"bool": b} {"int": "12"} {"float": "0.5"} {"str": s}
    {"array": {"dtype": "float64", "shape": [...], "b64": ...}}    numpy arrays, array-likes
    {"series": {...}} {"frame": {...}}                              pandas objects (values + labels)
    {"tuple": [...]} {"list": [...]} {"dict": [[k, v], ...]} {"set": [...]}
    {"tensor": {"array": ..., "requires_grad": b, "has_graph": b}}  torch tensors
    {"param": "0/fc1.weight"}           a parameter of a module the grader passed in (by path)
    {"keras_model": {"layers": [...], "weights": [...]}}           a Keras model's description
    {"type": "numpy.float64"} {"dtype": "float64"} {"slice": [...]}
    {"object": "<type name>"}           anything else (the judge can only say what it got)

Framework types are recognised only when their library is already imported in the kernel.
"""

from __future__ import annotations

import base64
import math
import sys

import numpy as np

MAX_ITEMS = 100_000  # containers longer than this are not evidence a check needs


class EncodeError(ValueError):
    """A result that cannot be turned into evidence (too big, too deep, cyclic)."""


def _array(a) -> dict:
    a = np.asarray(a)
    if a.dtype == object:
        return {"list": [encode(v) for v in a.ravel().tolist()], "shape": list(a.shape)}
    if a.dtype.kind == "b":
        dtype = "bool"
    elif a.dtype.kind in "iu":
        dtype = "int64"
    elif a.dtype.kind == "f":
        dtype = "float64"
    elif a.dtype.kind in "US":
        return {"strarray": {"shape": list(a.shape), "items": [str(v) for v in a.ravel().tolist()]}}
    else:
        raise EncodeError(f"arrays of dtype {a.dtype} are not supported")
    data = np.array(a, dtype=dtype, order="C")  # (np.ascontiguousarray would turn a 0-d array into shape (1,))
    return {"array": {"dtype": dtype, "shape": list(data.shape),
                      "b64": base64.b64encode(data.tobytes()).decode("ascii")}}


def param_refs(args, kwargs) -> dict:
    """id(parameter) -> "argpos/name" for every torch module among the call's arguments."""
    torch = sys.modules.get("torch")
    refs = {}
    if torch is None:
        return refs
    for key, value in list(enumerate(args)) + list(kwargs.items()):
        if isinstance(value, torch.nn.Module):
            for name, param in value.named_parameters():
                refs[id(param)] = f"{key}/{name}"
    return refs


def _keras_model(model) -> dict:
    layers = []
    for layer in model.layers:
        config = layer.get_config()
        layers.append({"class_name": type(layer).__name__, "config": _jsonable(config)})
    weights = [_array(w) for w in model.get_weights()]
    return {"layers": layers, "weights": weights}


def _jsonable(value):
    """Layer configs hold plain data (and nested serialized objects); keep only JSON types."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else repr(float(value))
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return repr(value)[:200]


def encode(value, refs: dict | None = None, depth: int = 0):
    """``value`` as JSON evidence (see the module docstring)."""
    if depth > 20:
        raise EncodeError("the result is nested more than 20 levels deep")
    refs = refs or {}
    enc = lambda v: encode(v, refs, depth + 1)  # noqa: E731
    torch = sys.modules.get("torch")
    keras = sys.modules.get("keras")
    pd = sys.modules.get("pandas")
    if value is None:
        return {"none": 1}
    if isinstance(value, (bool, np.bool_)):
        return {"bool": bool(value)}
    if isinstance(value, (int, np.integer)):
        return {"int": str(int(value))}
    if isinstance(value, (float, np.floating)):
        return {"float": repr(float(value))}
    if isinstance(value, str):
        return {"str": value[:100_000]}
    if torch is not None and isinstance(value, torch.Tensor):
        if id(value) in refs:
            return {"param": refs[id(value)]}
        return {"tensor": {"value": _array(value.detach().cpu().double().numpy()
                                           if value.is_floating_point() else value.detach().cpu().numpy()),
                           "requires_grad": bool(value.requires_grad),
                           "has_graph": value.grad_fn is not None}}
    if keras is not None and isinstance(value, keras.Model):
        return {"keras_model": _keras_model(value)}
    sklearn_base = sys.modules.get("sklearn.base")
    if sklearn_base is not None and isinstance(value, sklearn_base.BaseEstimator):
        # never its state: the judge asks an estimator questions (coursekit_probe.ops) instead
        return {"object": type(value).__name__[:80]}
    if isinstance(value, type):
        return {"type": f"{value.__module__}.{value.__qualname__}"}
    if isinstance(value, np.dtype):
        return {"dtype": str(value)}
    if isinstance(value, slice):
        return {"slice": [enc(value.start), enc(value.stop), enc(value.step)]}
    if pd is not None and isinstance(value, pd.Series):
        return {"series": {"values": enc(value.to_numpy()), "index": enc(list(value.index)),
                           "name": enc(value.name if isinstance(value.name, (str, int, float)) else None)}}
    if pd is not None and isinstance(value, pd.DataFrame):
        return {"frame": {"values": enc(value.to_numpy()), "index": enc(list(value.index)),
                          "columns": enc([str(c) for c in value.columns])}}
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, (tuple, list, set, frozenset, dict)) and len(value) > MAX_ITEMS:
        raise EncodeError(f"a container with {len(value)} items is too big to be evidence")
    if isinstance(value, tuple):
        return {"tuple": [enc(v) for v in value]}
    if isinstance(value, list):
        return {"list": [enc(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": [enc(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[enc(k), enc(v)] for k, v in value.items()]}
    if hasattr(value, "__array__") and not callable(getattr(value, "predict", None)):
        try:
            return _array(np.asarray(value))
        except Exception:  # noqa: BLE001 - fall through to an opaque object
            pass
    return {"object": type(value).__name__[:80]}


def snapshot(args, kwargs) -> dict:
    """Copies of the mutable arguments (arrays, torch modules), to detect in-place changes."""
    torch = sys.modules.get("torch")
    saved = {}
    for key, value in list(enumerate(args)) + list(kwargs.items()):
        if isinstance(value, np.ndarray):
            saved[key] = value.copy()
        elif torch is not None and isinstance(value, torch.nn.Module):
            saved[key] = {k: v.detach().clone() for k, v in value.state_dict().items()}
        elif hasattr(value, "evidence_state"):
            saved[key] = "double"
    return saved


def mutations(before: dict, args, kwargs) -> dict:
    """Arguments the student's code changed in place, as evidence (key -> new state)."""
    torch = sys.modules.get("torch")
    values = dict(list(enumerate(args)) + list(kwargs.items()))
    changed = {}
    for key, old in before.items():
        new = values[key]
        if isinstance(old, str) and old == "double":
            changed[str(key)] = {"double": encode(new.evidence_state())}
        elif isinstance(new, np.ndarray):
            if new.shape != old.shape or not np.array_equal(new, old, equal_nan=True):
                changed[str(key)] = _array(new)
        elif torch is not None and isinstance(new, torch.nn.Module):
            state = new.state_dict()
            if set(state) != set(old) or any(not torch.equal(state[k], old[k]) for k in old):
                changed[str(key)] = {"state_dict": [[k, _array(v.detach().cpu().double().numpy())]
                                                    for k, v in state.items()]}
    return changed


def gradients(result, args, kwargs) -> dict:
    """d(result)/d(parameter) for every parameter of the module arguments ("argpos/name" -> array).

    Only for a scalar tensor that is part of an autograd graph; parameters the result does not
    depend on are left out (that is evidence too: e.g. biases that are not penalised).
    """
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(result, torch.Tensor) or result.grad_fn is None or result.numel() != 1:
        return {}
    named = []
    for key, value in list(enumerate(args)) + list(kwargs.items()):
        if isinstance(value, torch.nn.Module):
            named += [(f"{key}/{name}", p) for name, p in value.named_parameters() if p.requires_grad]
    if not named:
        return {}
    grads = torch.autograd.grad(result.sum(), [p for _, p in named], allow_unused=True, retain_graph=True)
    return {path: _array(g.detach().cpu().double().numpy()) for (path, _), g in zip(named, grads) if g is not None}
