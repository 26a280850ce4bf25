# Attack: replace the probe; at each test cell read that cell's plan and display evidence built
# to exhaust the judge: a string array whose few MB of items ask NumPy for ~40 GiB, an
# estimator's state, a Keras Input(100000) -> Dense(100000), an array far larger than its data.
# Each is malformed evidence (0 points), and the judge survives to grade the next submission.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import itertools as _it
import os as _os
import pickle as _pickle
import sys as _sys
import types as _types

from IPython.display import display as _display

_bombs = _it.cycle([
    {"strarray": {"shape": [200000], "items": ["x" * 50000] + [""] * 199999}},
    {"sklearn": {"class": "sklearn.pipeline.Pipeline", "state": {"dict": []}}},
    {"keras_model": {"layers": [{"class_name": "InputLayer", "config": {"batch_shape": [None, 100000]}},
                                {"class_name": "Dense", "config": {"units": 100000}}], "weights": []}},
    {"array": {"dtype": "float64", "shape": [2**40], "b64": ""}},
])


def _forge(spec, *names):
    with open(_os.environ["L1L2_PLAN_FILE"], "rb") as fh:
        plan = _pickle.load(fh)
    records = [{"ok": next(_bombs)} for _ in plan["specs"].get(spec, [])]
    _display({"application/vnd.l1l2-course.evidence+json": {"spec": spec, "nonce": plan["nonce"],
                                                           "records": records}}, raw=True)


_fake = _types.ModuleType("coursekit_probe")
_fake.probe = _forge
_sys.modules["coursekit_probe"] = _fake
