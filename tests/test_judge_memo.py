"""The judge's memo of reference results (reference_solutions.memo): same answers, computed once."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import KFold

from reference_solutions import memo

COUNTING_MODULE = textwrap.dedent('''
    from pathlib import Path
    from reference_solutions.memo import memoised

    CALLS = Path(__file__).with_name("calls.txt")

    @memoised
    def column_means(frame, cv, scale):
        """Appends a line to calls.txt each time it really computes."""
        with open(CALLS, "a") as fh:
            fh.write("computed\\n")
        return {"means": frame.mean().to_numpy() * scale, "folds": cv.get_n_splits()}
''')


@pytest.fixture
def counting(tmp_path, monkeypatch):
    (tmp_path / "memo_counting.py").write_text(COUNTING_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(memo.CACHE_ENV, raising=False)
    monkeypatch.delenv("L1L2_UNSANDBOXED", raising=False)
    sys.modules.pop("memo_counting", None)
    memo.clear()
    import memo_counting

    yield memo_counting, tmp_path / "calls.txt"
    memo.clear()
    sys.modules.pop("memo_counting", None)


def calls(path):
    return len(path.read_text().splitlines()) if path.exists() else 0


def frame():
    return pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 5.0, 7.0]})


def test_equal_plain_arguments_are_computed_once_and_results_are_private_copies(counting):
    module, log = counting
    first = module.column_means(frame(), KFold(3, shuffle=True, random_state=0), 2.0)
    first["means"][:] = -1  # a caller mutating its result must not change the memo
    second = module.column_means(frame(), KFold(3, shuffle=True, random_state=0), 2.0)
    assert calls(log) == 1
    np.testing.assert_array_equal(second["means"], [14 / 3, 10.0])
    module.column_means(frame(), KFold(3, shuffle=True, random_state=1), 2.0)  # another splitter
    module.column_means(frame() * 2, KFold(3, shuffle=True, random_state=0), 2.0)  # other data
    assert calls(log) == 3


def test_calls_with_a_function_or_a_random_state_object_are_never_memoised(counting):
    module, log = counting
    for _ in range(2):
        module.column_means(frame(), KFold(3, shuffle=True, random_state=np.random.RandomState(0)), 1.0)
    assert calls(log) == 2
    seen = []

    @memo.memoised
    def apply(f, x):
        seen.append(x)
        return f(x)

    assert apply(lambda v: v + 1, 1) == 2 and apply(lambda v: v - 1, 1) == 0
    assert len(seen) == 2


def run_in_fresh_process(tmp_path, env):
    code = ("import pandas as pd; from sklearn.model_selection import KFold; import memo_counting as m; "
            "print(m.column_means(pd.DataFrame({'a': [1.0, 2.0, 4.0], 'b': [3.0, 5.0, 7.0]}), "
            "KFold(3, shuffle=True, random_state=0), 2.0)['means'].tolist())")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def test_the_disk_cache_serves_the_next_grading_process(counting, tmp_path):
    import os

    _, log = counting
    env = {**os.environ, "PYTHONPATH": str(tmp_path), memo.CACHE_ENV: str(tmp_path / "cache")}
    env.pop("L1L2_UNSANDBOXED", None)
    assert run_in_fresh_process(tmp_path, env) == run_in_fresh_process(tmp_path, env) == "[4.666666666666667, 10.0]"
    assert calls(log) == 1
    assert any((tmp_path / "cache").rglob("output.pkl"))


def test_unsandboxed_grading_never_reads_or_writes_the_disk_cache(counting, tmp_path):
    import os

    _, log = counting
    env = {**os.environ, "PYTHONPATH": str(tmp_path), memo.CACHE_ENV: str(tmp_path / "cache"),
           "L1L2_UNSANDBOXED": "1"}
    run_in_fresh_process(tmp_path, env)
    run_in_fresh_process(tmp_path, env)
    assert calls(log) == 2
    assert not (tmp_path / "cache").exists()


def test_the_lesson_reference_values_are_the_same_memoised_or_not():
    from reference_solutions import lasso
    from reference_solutions.checks.lasso import judge_context

    ctx = judge_context()
    args = (ctx["X_train"], ctx["y_train"], ctx["alphas"][::6], ctx["cv"])
    np.testing.assert_array_equal(lasso.auto_mpg_fold_mse(*args), lasso.auto_mpg_fold_mse.uncached(*args))
