"""No reference result travels to the kernel: no planned input is an earlier call's reference output.

Every check of every lesson (each ``probe(...)`` of the authored lessons) is planned on the
reference answers, with the reference's output of every call recorded beside the plan. A call's
inputs that contain one of those outputs (a float that is not a whole number, or an array of
two or more values) would let student code read the answer from the plan file it is given.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import numpy as np
import pytest

from coursekit.judge import replay, verdict
from coursekit.judge.spec import CheckSpec

AUTHORED = Path(__file__).resolve().parents[1] / "autograder" / "authored"
PROBE = re.compile(r'probe\("([\w.]+)"((?:, "\w+")*)\)')
SPECS = sorted({(m.group(1), tuple(re.findall(r'"(\w+)"', m.group(2))))
                for path in AUTHORED.glob("*.py") for m in PROBE.finditer(path.read_text())})


def _leaves(value, out, depth=0):
    """Numbers and arrays inside ``value`` that could carry an answer."""
    import pandas as pd
    import torch

    if depth > 6:
        return out
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value) != round(float(value)):
        out.append(np.array([float(value)]))
    elif isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size >= 2:
        out.append(value.astype(float).ravel())
    elif isinstance(value, torch.Tensor):
        _leaves(value.detach().double().numpy(), out, depth + 1)
    elif isinstance(value, (pd.DataFrame, pd.Series)):
        _leaves(value.select_dtypes("number").to_numpy(dtype=float) if isinstance(value, pd.DataFrame)
                else (value.to_numpy(dtype=float) if value.dtype.kind == "f" else None), out, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _leaves(v, out, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            _leaves(v, out, depth + 1)
    return out


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=0)


def _plan_with_outputs(spec: CheckSpec, monkeypatch):
    """The plan's calls, each with the reference output it got."""
    outputs = []
    original_call, original_op = replay.Recorder.__call__, replay._op

    def call(self, *args, **kwargs):
        result = original_call(self, *args, **kwargs)
        outputs.append((len(self._r[2]) - 1, result))
        return result

    def op(name):
        fn = original_op(name)

        def recorded(*args):
            result = fn(*args)
            outputs.append((None, result))
            return result
        return recorded

    monkeypatch.setattr(replay.Recorder, "__call__", call)
    monkeypatch.setattr(replay, "_op", op)
    plan = verdict.plan_cell(spec, "lesson", "student", "cell", "secret")
    return plan.calls, outputs


@pytest.mark.parametrize("spec, names", SPECS, ids=[s for s, _ in SPECS])
def test_no_planned_input_is_an_earlier_reference_output(spec, names, monkeypatch):
    module, function = spec.split(".", 1)
    calls, outputs = _plan_with_outputs(CheckSpec(spec, module, function, names), monkeypatch)
    assert calls, f"{spec} plans no call"
    seen = []  # reference outputs so far
    position = 0
    for index, entry in enumerate(calls):
        if "args" in entry:
            args, kwargs = pickle.loads(entry["args"])
            for leaf in _leaves((args, kwargs), []):
                leaked = [out for out in seen if _same(leaf, out)]
                assert not leaked, (f"{spec}: call {index} ({entry['target']}{'.' + '.'.join(entry['path']) if entry['path'] else ''}) "
                                    f"gets a reference output as input: {leaf[:5]}")
        while position < len(outputs) and (outputs[position][0] is None or outputs[position][0] <= index):
            seen.extend(_leaves(outputs[position][1], []))
            position += 1


def test_every_lesson_has_planned_checks():
    assert len({spec.split(".")[0] for spec, _ in SPECS}) == 7 and len(SPECS) >= 40
