"""Decode the evidence a probe displayed (judge side): plain JSON in, plain values out.

The evidence comes from a kernel the student controls, so decoding trusts nothing: only the
tagged forms of :mod:`coursekit_probe.evidence` are accepted, sizes are bounded, and nothing
from the kernel is ever executed or unpickled. An object the student made (a float subclass
that equals everything, a fake array) arrives as its plain value or as :class:`Opaque`.
"""

from __future__ import annotations

import base64
import math
import re

import numpy as np

MAX_ARRAY_BYTES = 64 * 2**20
MAX_DEPTH = 25
KERAS_LAYERS = {"Dense", "Dropout", "InputLayer", "Activation", "BatchNormalization", "Flatten",
                "GaussianNoise", "Normalization"}
_DTYPES = {"float64": np.float64, "int64": np.int64, "bool": np.bool_}
_INT = re.compile(r"^-?\d{1,400}$")


class MalformedEvidence(ValueError):
    """Evidence that is not in the probe's format."""


class Opaque:
    """A result the probe could not encode: only its type name is known."""

    def __init__(self, type_name: str):
        self.type_name = str(type_name)[:80]

    def __repr__(self):
        return f"<{self.type_name} object>"


def _need(cond, what):
    if not cond:
        raise MalformedEvidence(what)


def _array(spec):
    _need(isinstance(spec, dict), "array spec is not an object")
    dtype = _DTYPES.get(spec.get("dtype"))
    shape = spec.get("shape")
    _need(dtype is not None, f"unknown array dtype {spec.get('dtype')!r}")
    _need(isinstance(shape, list) and len(shape) <= 8
          and all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s for s in shape), "bad array shape")
    data = spec.get("b64")
    _need(isinstance(data, str) and len(data) <= MAX_ARRAY_BYTES * 4 // 3 + 8, "array data missing or too big")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise MalformedEvidence("array data is not base64") from None
    count = int(np.prod(shape, dtype=np.int64)) if shape else 1
    _need(len(raw) == count * np.dtype(dtype).itemsize, "array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _float(text):
    _need(isinstance(text, str) and len(text) <= 40, "bad float")
    try:
        return float(text)
    except ValueError:
        raise MalformedEvidence("bad float") from None


def decode(node, depth: int = 0):
    """One evidence value -> a Python / NumPy value (torch and Keras values: see below)."""
    _need(depth <= MAX_DEPTH, "evidence nested too deeply")
    _need(isinstance(node, dict) and len(node) >= 1, "evidence value is not a tagged object")
    tag = next(iter(node))
    body = node[tag]
    dec = lambda v: decode(v, depth + 1)  # noqa: E731
    if tag == "none":
        return None
    if tag == "bool":
        _need(isinstance(body, bool), "bad bool")
        return body
    if tag == "int":
        _need(isinstance(body, str) and _INT.match(body), "bad int")
        return int(body)
    if tag == "float":
        return _float(body)
    if tag == "str":
        _need(isinstance(body, str), "bad str")
        return body
    if tag == "array":
        return _array(body)
    if tag == "strarray":
        _need(isinstance(body, dict) and isinstance(body.get("items"), list), "bad string array")
        _need(all(isinstance(s, str) for s in body["items"]), "bad string array")
        return np.array(body["items"], dtype=str).reshape(body.get("shape") or [len(body["items"])])
    if tag in ("tuple", "list", "set"):
        _need(isinstance(body, list), f"bad {tag}")
        items = [dec(v) for v in body]
        if tag == "list" and "shape" in node:  # an object-dtype array sent item by item
            return np.array(items, dtype=object).reshape(node["shape"])
        return tuple(items) if tag == "tuple" else set(items) if tag == "set" else items
    if tag == "dict":
        _need(isinstance(body, list) and all(isinstance(kv, list) and len(kv) == 2 for kv in body), "bad dict")
        out = {}
        for k, v in body:
            key = dec(k)
            _need(isinstance(key, (str, int, float, bool, tuple, type(None))), "unhashable dict key")
            out[key] = dec(v)
        return out
    if tag in ("series", "frame"):
        import pandas as pd

        _need(isinstance(body, dict), f"bad {tag}")
        values, index = dec(body.get("values")), dec(body.get("index"))
        try:
            if tag == "series":
                return pd.Series(values, index=index, name=dec(body.get("name", {"none": 1})))
            return pd.DataFrame(values, index=index, columns=dec(body.get("columns")))
        except (ValueError, TypeError) as exc:
            raise MalformedEvidence(f"bad {tag}: {exc}") from None
    if tag == "tensor":
        _need(isinstance(body, dict), "bad tensor")
        return DecodedTensor(dec(body.get("value")), bool(body.get("requires_grad")), bool(body.get("has_graph")))
    if tag == "param":
        _need(isinstance(body, str) and len(body) < 300, "bad parameter reference")
        return ParamRef(body)
    if tag == "keras_model":
        return keras_model_from_description(body)
    if tag == "sklearn":
        return _sklearn(body, depth)
    if tag == "type":
        _need(body in _TYPES, f"type {body!r} is not accepted in evidence")
        return _TYPES[body]
    if tag == "dtype":
        try:
            return np.dtype(str(body)[:20]) if str(body)[:20] in ("float64", "float32", "int64", "int32", "bool", "object") else Opaque("dtype")
        except TypeError:
            raise MalformedEvidence("bad dtype") from None
    if tag == "slice":
        _need(isinstance(body, list) and len(body) == 3, "bad slice")
        parts = [dec(v) for v in body]
        _need(all(p is None or isinstance(p, int) for p in parts), "bad slice")
        return slice(*parts)
    if tag == "object":
        return Opaque(body)
    raise MalformedEvidence(f"unknown evidence tag {tag!r}")


_TYPES = {f"{t.__module__}.{t.__qualname__}": t for t in (
    np.float64, np.float32, np.int64, np.int32, np.bool_, float, int, bool, str, object)}


def _sklearn(body, depth):
    """Rebuild a scikit-learn estimator: a class from ``sklearn.*`` and its decoded state only."""
    import importlib

    from sklearn.base import BaseEstimator

    _need(isinstance(body, dict) and isinstance(body.get("class"), str), "bad estimator")
    path = body["class"]
    _need(re.fullmatch(r"sklearn(\.[A-Za-z_][A-Za-z0-9_]*)+", path) is not None, f"{path!r} is not a scikit-learn class")
    module_name, _, cls_name = path.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module_name), cls_name)
    except (ImportError, AttributeError):
        raise MalformedEvidence(f"unknown estimator class {path}") from None
    _need(isinstance(cls, type) and issubclass(cls, BaseEstimator), f"{path} is not an estimator")
    state = decode(body.get("state"), depth + 1)
    _need(isinstance(state, dict) and all(isinstance(k, str) for k in state), "bad estimator state")
    est = cls.__new__(cls)
    try:
        est.__setstate__(state)
    except Exception as exc:  # noqa: BLE001
        raise MalformedEvidence(f"cannot rebuild {cls_name}: {exc}") from None
    return est


class DecodedTensor:
    """A torch tensor as the probe saw it; :mod:`.replay` turns it into a real tensor."""

    def __init__(self, value, requires_grad, has_graph):
        _need(isinstance(value, np.ndarray) or isinstance(value, (int, float, bool)), "bad tensor value")
        self.value, self.requires_grad, self.has_graph = value, requires_grad, has_graph


class ParamRef:
    """A parameter of a module the grader passed in, named "argpos/parameter name"."""

    def __init__(self, path):
        self.path = path


def keras_model_from_description(body):
    """Rebuild a real Keras model from layer configs and weights (standard layers only)."""
    _need(isinstance(body, dict) and isinstance(body.get("layers"), list), "bad keras model")
    from lessonkit import quiet_tensorflow  # noqa: F401  (imports Keras without noise)
    import keras

    layers = []
    for entry in body["layers"]:
        _need(isinstance(entry, dict) and isinstance(entry.get("config"), dict), "bad keras layer")
        cls = entry.get("class_name")
        _need(cls in KERAS_LAYERS, f"unsupported Keras layer {cls!r}")
        if cls == "InputLayer":
            shape = entry["config"].get("batch_shape") or entry["config"].get("batch_input_shape")
            _need(isinstance(shape, list) and all(s is None or isinstance(s, int) for s in shape), "bad input shape")
            layers.append(keras.Input(shape=tuple(shape[1:])))
            continue
        try:
            layers.append(keras.saving.deserialize_keras_object(
                {"class_name": cls, "config": entry["config"], "module": "keras.layers",
                 "registered_name": None}, safe_mode=True))
        except Exception as exc:  # noqa: BLE001 - a config Keras cannot rebuild is malformed evidence
            raise MalformedEvidence(f"cannot rebuild Keras layer {cls}: {exc}") from None
    try:
        weights = [_array(w["array"]) if isinstance(w, dict) and "array" in w else None for w in body.get("weights", [])]
        _need(all(w is not None for w in weights), "bad keras weights")
        if weights and (not layers or not isinstance(layers[0], keras.KerasTensor)):
            _need(weights[0].ndim == 2, "bad keras weights")
            layers.insert(0, keras.Input(shape=(weights[0].shape[0],)))  # a Sequential built without Input
        model = keras.Sequential(layers)
        if weights:
            model.set_weights(weights)
    except MalformedEvidence:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MalformedEvidence(f"cannot rebuild the Keras model: {exc}") from None
    return model
