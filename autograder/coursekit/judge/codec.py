"""Decode the evidence a probe displayed (judge side): plain JSON in, plain values out.

The evidence comes from a kernel the student controls, so decoding trusts nothing: only the
tagged forms of :mod:`coursekit_probe.evidence` are accepted, and nothing from the kernel is
ever executed or unpickled. An object the student made (a float subclass that equals
everything, a fake array, a fitted pipeline) arrives as its plain value or as :class:`Opaque`:
no class named by the evidence is ever instantiated, except Keras layers from
:data:`KERAS_LAYERS` whose configuration passes :func:`check_keras_config` value by value.

Sizes are checked against what they would allocate *before* anything is allocated: every
array, string array and Keras model is charged to a :class:`Budget` (:data:`BUDGET_BYTES` per
submission by default), and evidence that would exceed it is malformed.
"""

from __future__ import annotations

import base64
import math
import re

import numpy as np

import contextvars

MAX_ARRAY_BYTES = 64 * 2**20
MAX_DEPTH = 25
#: Bytes the decoded evidence of one submission may allocate (arrays, strings, Keras weights).
BUDGET_BYTES = 512 * 2**20
KERAS_LAYERS = {"Dense", "Dropout", "InputLayer", "Activation", "BatchNormalization", "GaussianNoise"}
#: Largest Keras dimension (units, input features) and layer count the judge will build.
KERAS_MAX_UNITS, KERAS_MAX_LAYERS = 4096, 16


class Budget:
    """Bytes left to allocate for one submission's evidence."""

    def __init__(self, limit: int = BUDGET_BYTES):
        self.left = int(limit)

    def charge(self, nbytes: int, what: str) -> None:
        if nbytes > self.left:
            raise MalformedEvidence(f"{what} would need {nbytes / 2**20:.0f} MiB, over the evidence budget")
        self.left -= int(nbytes)


_budget: contextvars.ContextVar = contextvars.ContextVar("evidence_budget", default=None)


def charge(nbytes: int, what: str) -> None:
    budget = _budget.get()
    if budget is None:
        budget = Budget()
        _budget.set(budget)
    budget.charge(nbytes, what)


def use_budget(budget: Budget):
    """Charge everything decoded from now on (in this context) to ``budget``."""
    _budget.set(budget)
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
    count = 1
    for s in shape:
        count *= s
    _need(len(raw) == count * np.dtype(dtype).itemsize, "array data does not match its shape")
    charge(2 * len(raw), "an array")
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
        _need(isinstance(body, str) and len(body) <= 100_000, "bad str")
        return body
    if tag == "array":
        return _array(body)
    if tag == "strarray":
        _need(isinstance(body, dict) and isinstance(body.get("items"), list), "bad string array")
        items = body["items"]
        _need(all(isinstance(s, str) for s in items), "bad string array")
        shape = body.get("shape") or [len(items)]
        _need(isinstance(shape, list) and len(shape) <= 8 and all(isinstance(n, int) and not isinstance(n, bool)
                                                                   and n >= 0 for n in shape), "bad string array")
        count = 1
        for n in shape:
            count *= n
        _need(count == len(items), "string array items do not match its shape")
        # NumPy stores every item at the longest item's width (4 bytes a character): charge that
        charge(4 * max((len(s) for s in items), default=0) * len(items), "a string array")
        return np.array(items, dtype=str).reshape(shape)
    if tag in ("tuple", "list", "set"):
        _need(isinstance(body, list), f"bad {tag}")
        items = [dec(v) for v in body]
        if tag == "list" and "shape" in node:  # an object-dtype array sent item by item
            shape = node["shape"]
            _need(isinstance(shape, list) and len(shape) <= 8 and all(
                isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape), "bad object array")
            try:
                return np.array(items, dtype=object).reshape(shape)
            except ValueError:
                raise MalformedEvidence("object array items do not match its shape") from None
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
        raise MalformedEvidence("evidence may not carry a scikit-learn estimator (the judge asks the "
                                "estimator questions in the sandbox instead)")
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


class DecodedTensor:
    """A torch tensor as the probe saw it; :mod:`.replay` turns it into a real tensor."""

    def __init__(self, value, requires_grad, has_graph):
        _need(isinstance(value, np.ndarray) or isinstance(value, (int, float, bool)), "bad tensor value")
        self.value, self.requires_grad, self.has_graph = value, requires_grad, has_graph


class ParamRef:
    """A parameter of a module the grader passed in, named "argpos/parameter name"."""

    def __init__(self, path):
        self.path = path


_ACTIVATIONS = {"relu", "sigmoid", "tanh", "linear", "softmax", "elu", "selu", "softplus", "softsign",
                "swish", "silu", "gelu", "exponential", "hard_sigmoid", "leaky_relu", "relu6", "mish",
                "log_softmax", None}
#: Serialized objects a layer config may nest: (module, class names).
_NESTED = {"keras.regularizers": {"L1", "L2", "L1L2"},
           "keras.initializers": {"GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal",
                                  "LecunUniform", "Zeros", "Ones", "Constant", "RandomNormal",
                                  "RandomUniform", "TruncatedNormal", "Orthogonal", "VarianceScaling"},
           "keras.constraints": {"NonNeg", "MaxNorm", "UnitNorm", "MinMaxNorm"},
           "keras": {"DTypePolicy"}}
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{0,64}$")


def _plain_config_value(value, where, depth=0):
    """A config value is a bounded plain value, a short list of them, or an allowed nested object."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        _need(abs(value) <= 2**31, f"{where}: integer out of range")
        return
    if isinstance(value, float):
        return
    if isinstance(value, str):
        _need(_NAME.match(value) is not None, f"{where}: unexpected text")
        return
    if isinstance(value, list):
        _need(len(value) <= 8 and depth < 2, f"{where}: list too long")
        for v in value:
            _plain_config_value(v, where, depth + 1)
        return
    if isinstance(value, dict) and depth < 3:
        _need(set(value) <= {"module", "class_name", "config", "registered_name"}, f"{where}: unexpected keys")
        module, cls = value.get("module"), value.get("class_name")
        _need(cls in _NESTED.get(module, ()), f"{where}: {module}.{cls} is not accepted")
        _need(value.get("registered_name") is None, f"{where}: registered objects are not accepted")
        config = value.get("config", {})
        _need(isinstance(config, dict) and len(config) <= 12, f"{where}: bad nested config")
        for k, v in config.items():
            _need(isinstance(k, str) and _NAME.match(k) is not None, f"{where}: bad key")
            _need(not isinstance(v, dict), f"{where}: nested too deeply")
            _plain_config_value(v, f"{where}.{k}", depth + 1)
        return
    raise MalformedEvidence(f"{where}: a {type(value).__name__} is not accepted")


def _widest(layers) -> int:
    widths = [1]
    for entry in layers:
        config = entry["config"]
        widths.append(config.get("units") or 1)
        for s in config.get("batch_shape") or config.get("batch_input_shape") or []:
            widths.append(s or 1)
    return max(widths)


def check_keras_config(cls: str, config) -> None:
    """Every value of a layer config, one by one: bounded plain values and allowed nested objects."""
    _need(isinstance(config, dict) and len(config) <= 40, f"bad {cls} config")
    for key, value in config.items():
        _need(isinstance(key, str) and _NAME.match(key) is not None, f"bad {cls} config key")
        if key == "activation":
            _need(value in _ACTIVATIONS, f"{cls}: activation {str(value)[:40]!r} is not accepted")
        elif key == "units":
            _need(isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= KERAS_MAX_UNITS,
                  f"{cls}: units must be between 1 and {KERAS_MAX_UNITS}")
        elif key in ("batch_shape", "batch_input_shape"):
            _need(isinstance(value, list) and len(value) == 2 and all(
                s is None or (isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= KERAS_MAX_UNITS)
                for s in value), f"{cls}: bad input shape")
        elif key.startswith("lora"):
            _need(value is None or value is False or value == 0, f"{cls}: {key} is not accepted")
        else:
            _plain_config_value(value, f"{cls}.{key}")


def keras_model_from_description(body):
    """Rebuild a real Keras model from layer configs and weights (standard layers only)."""
    _need(isinstance(body, dict) and isinstance(body.get("layers"), list), "bad keras model")
    from lessonkit import quiet_tensorflow  # noqa: F401  (imports Keras without noise)
    import keras

    _need(len(body["layers"]) <= KERAS_MAX_LAYERS, "too many Keras layers")
    for entry in body["layers"]:
        _need(isinstance(entry, dict) and isinstance(entry.get("config"), dict), "bad keras layer")
        _need(entry.get("class_name") in KERAS_LAYERS, f"unsupported Keras layer {str(entry.get('class_name'))[:40]!r}")
        check_keras_config(entry["class_name"], entry["config"])
    # weights are bounded by the units and input sizes checked above; charge the worst case
    charge(4 * len(body["layers"]) * _widest(body["layers"]) * (_widest(body["layers"]) + 1),
           "a Keras model")
    layers = []
    for entry in body["layers"]:
        cls = entry.get("class_name")
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
