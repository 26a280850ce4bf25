"""Pickle the inputs the judge sends into the sandbox (judge -> kernel only, never back).

Keras models do not pickle; they travel as (JSON config, weights, last eager input) and are
rebuilt by :func:`coursekit_probe.rebuild.keras_model` inside the kernel.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import sys


def _keras_reducer(model):
    from coursekit_probe.rebuild import keras_model

    eager = getattr(model, "_l1l2_eager_input", None)
    return keras_model, (model.to_json(), model.get_weights(), eager)


def dumps(obj) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=4)
    keras = sys.modules.get("keras")
    if keras is not None:
        table = dict(copyreg.dispatch_table)
        from keras.src.models.functional import Functional

        for cls in (keras.Model, keras.Sequential, Functional):
            table[cls] = _keras_reducer
        pickler.dispatch_table = table
    pickler.dump(obj)
    payload = buf.getvalue()
    if b"reference_solutions" in payload:
        from .replay import GraderError

        raise GraderError("an input of this check refers to the reference package, which the sandbox "
                          "cannot (and must not) load; move the class to coursekit_probe.doubles")
    return payload
