"""The judge runs confined and runs nothing a student shaped (coursekit.judge.confine, .codec).

The confined judge is the process that decodes evidence and runs the checks. These tests start
it (or the same sandbox around a probe script) directly, without a notebook: what it can see,
who it runs as, and what forged evidence does to it (a clear verdict, never a dead judge).
"""

from __future__ import annotations

import base64
import json
import os

import psutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coursekit.judge import codec, confine
from coursekit.judge.spec import CheckSpec
from coursekit.judge.verdict import answers_digest, derive_seeds, plan_cell

pytestmark = pytest.mark.skipif(not confine.shutil.which("bwrap"), reason="needs bubblewrap")

SPY = textwrap.dedent('''
    import json, os, socket, sys
    out = {"uid": os.getuid(), "env": dict(os.environ), "seen": {}}
    for path in sys.argv[1:]:
        try:
            with open(path) as fh:
                out["seen"][path] = fh.read()[:200]
        except OSError as exc:
            out["seen"][path] = "DENIED " + type(exc).__name__
    try:
        socket.create_connection(("127.0.0.1", int(os.environ.get("SPY_PORT", "9"))), timeout=2)
        out["network"] = True
    except OSError:
        out["network"] = False
    print(json.dumps(out))
''')


def _spy(paths, port):
    cmd = confine.command(["-c", SPY.replace('os.environ.get("SPY_PORT", "9")', repr(str(port))), *map(str, paths)])
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_judge_sees_no_course_root_no_secret_no_root_files_no_network_no_environment(tmp_path, monkeypatch):
    course = tmp_path / "course"
    course.mkdir()
    (course / ".course_secret").write_text("s3cret-canary")
    (course / "gradebook.db").write_text("gradebook-canary")
    root_only = tmp_path / "root_only.txt"
    root_only.write_text("root-canary")
    root_only.chmod(0o600)
    monkeypatch.setenv("L1L2_COURSE_SECRET", "env-secret-canary")
    monkeypatch.setenv("L1L2_REDTEAM_CANARY", "env-canary")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        seen = _spy([course / ".course_secret", course / "gradebook.db", root_only, "/etc/shadow"],
                    listener.getsockname()[1])
    finally:
        listener.close()
    assert all(text.startswith("DENIED") for text in seen["seen"].values()), seen["seen"]
    assert not seen["network"]
    assert "env-secret-canary" not in json.dumps(seen["env"]) and "env-canary" not in json.dumps(seen["env"])
    assert set(seen["env"]) <= {"PATH", "HOME", "LANG", "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE",
                                "TF_CPP_MIN_LOG_LEVEL", "KERAS_HOME", "MPLBACKEND", "MPLCONFIGDIR",
                                "OMP_NUM_THREADS", "L1L2_DATA_DIR", "L1L2_JUDGE_CACHE", "LC_CTYPE", "PWD"}
    if os.geteuid() == 0:
        assert seen["uid"] == confine.NOBODY


def _cells(spec: CheckSpec, records):
    plan = plan_cell(spec, "01_linear_regression", "eve", "rmse_sanity", "secret")
    return plan, [{"gid": "rmse_sanity", "spec": [spec.spec, spec.module, spec.function, list(spec.names)],
                   "seeds": list(plan.seeds), "records": records,
                   "calls": [{k: v for k, v in e.items() if k != "args"} for e in plan.calls]}]


RMSE = CheckSpec("linear_regression.check_rmse_small_cases", "linear_regression", "check_rmse_small_cases", ("rmse",))


@pytest.fixture(scope="module")
def judge():
    j = confine.ConfinedJudge()
    yield j
    j.stop()


def test_a_correct_and_a_wrong_answer_get_their_verdicts_from_the_confined_judge(judge):
    plan, cells = _cells(RMSE, [])
    right = [{"ok": {"float": repr(v)}} for v in (12.5 ** 0.5, 0.0, 3.0)]
    cells[0]["records"] = right
    assert judge.judge(cells)["rmse_sanity"]["status"] == "pass"
    cells[0]["records"] = [{"ok": {"float": "12.5"}}] + right[1:]
    verdict = judge.judge(cells)["rmse_sanity"]
    assert verdict["status"] == "fail" and "square root" in verdict["message"]


FORGED = {
    # a few MB of items that ask NumPy for ~40 GiB (every item stored at the longest one's width)
    "string array bomb": {"strarray": {"shape": [200_000], "items": ["x" * 50_000] + [""] * 199_999}},
    "estimator state": {"sklearn": {"class": "sklearn.pipeline.Pipeline", "state": {"dict": []}}},
    "huge Keras layer": {"keras_model": {"layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [None, 100_000]}},
        {"class_name": "Dense", "config": {"units": 100_000}}], "weights": []}},
    "Keras layer with a file path": {"keras_model": {"layers": [
        {"class_name": "Dense", "config": {"units": 3, "kernel_initializer": {
            "module": "keras.initializers", "class_name": "Constant", "registered_name": None,
            "config": {"value": "/etc/passwd"}}}}], "weights": []}},
    "Keras lambda layer": {"keras_model": {"layers": [{"class_name": "Lambda", "config": {"function": "x"}}],
                                           "weights": []}},
    "array larger than its data": {"array": {"dtype": "float64", "shape": [2**40], "b64": ""}},
}


@pytest.mark.parametrize("what", sorted(FORGED))
def test_forged_evidence_is_malformed_and_the_judge_survives(judge, what):
    plan, cells = _cells(RMSE, [{"ok": FORGED[what]}, {"ok": {"float": "0.0"}}, {"ok": {"float": "3.0"}}])
    verdict = judge.judge(cells)["rmse_sanity"]
    assert verdict["status"] in ("malformed", "fail"), verdict
    assert judge.alive()


def test_a_judge_that_dies_or_stalls_costs_its_submission_a_note_and_the_next_one_nothing(judge, monkeypatch):
    plan, cells = _cells(RMSE, [{"ok": {"float": repr(v)}} for v in (12.5 ** 0.5, 0.0, 3.0)])
    assert judge.judge(cells)["rmse_sanity"]["status"] == "pass"
    root = psutil.Process(judge.proc.pid)
    for proc in [root, *root.children(recursive=True)]:
        proc.suspend()  # a judge that never answers
    monkeypatch.setattr(confine, "JOB_SECONDS", 2)
    verdict = judge.judge(cells)["rmse_sanity"]
    assert verdict["status"] == "not-judged" and "did not finish" in verdict["detail"]
    monkeypatch.setattr(confine, "JOB_SECONDS", 120)
    assert judge.judge(cells)["rmse_sanity"]["status"] == "pass"
    judge.proc.kill()
    assert judge.judge(cells)["rmse_sanity"]["status"] == "pass"


def test_the_budget_is_charged_before_anything_is_allocated():
    codec.use_budget(codec.Budget(1000))
    with pytest.raises(codec.MalformedEvidence, match="budget"):
        codec.decode({"array": {"dtype": "float64", "shape": [1000],
                                "b64": base64.b64encode(bytes(8000)).decode()}})
    codec.use_budget(codec.Budget())


def test_problems_depend_on_the_answers_and_nothing_else():
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("def rmse(a, b):\n    return 0.0",
                                     metadata={"nbgrader": {"solution": True, "grade": False, "grade_id": "a"}})
    nb.cells = [cell, nbformat.v4.new_markdown_cell("text")]
    first = answers_digest(nb)
    nb.cells[1].source = "other text"
    assert answers_digest(nb) == first  # only answer cells count
    nb.cells[0].source += "  # refilled lookup table"
    second = answers_digest(nb)
    assert second != first
    seeds = lambda d: derive_seeds("secret", "02_lasso", "eve", "soft_threshold", 0, d)  # noqa: E731
    assert seeds(first) == seeds(first) and seeds(first) != seeds(second)


def test_every_lesson_names_the_checks_modules_its_hidden_tests_call():
    """The warm-up imports the modules the hidden tests' ``probe("module.check", ...)`` calls name."""
    import reference_solutions.checks as checks_package
    from coursekit import build
    from coursekit.paths import lesson_names

    package = Path(checks_package.__file__).parent
    for lesson in lesson_names():
        modules = confine.checks_modules(build.authored_path(lesson))
        assert modules, lesson
        assert all((package / f"{m}.py").is_file() for m in modules), (lesson, modules)


def test_a_judge_started_early_has_imported_the_lessons_checks_and_sees_the_cache(tmp_path, monkeypatch):
    """``prestart`` (grading calls it as a notebook starts) starts this process's judge, creates the
    judge cache it is given and mounts it, and imports the lesson's checks in the background, so
    the first verdict waits for none of it."""
    cache = tmp_path / "judge-cache"
    monkeypatch.delenv("L1L2_JUDGE_CACHE", raising=False)
    confine.shutdown()
    try:
        thread = confine.prestart(["linear_regression", "lasso"], cache=str(cache))
        assert thread is not None
        thread.join(120)
        judge = confine._judge
        assert judge.alive()
        assert {"reference_solutions.checks.linear_regression", "reference_solutions.checks.lasso"} <= set(judge.warmed)
        assert "reference_solutions.checks.ridge" not in judge.warmed
        assert cache.is_dir() and "L1L2_JUDGE_CACHE" not in os.environ  # this process's environment is as it was
        python = [p for p in psutil.Process(judge.proc.pid).children(recursive=True) if "python" in p.name()]
        assert python and python[-1].environ().get("L1L2_JUDGE_CACHE") == str(cache.resolve())
        plan, cells = _cells(RMSE, [])
        right = [{"ok": {"float": repr(v)}} for v in (12.5 ** 0.5, 0.0, 3.0)]
        cells[0]["records"] = right
        assert confine.judge_cells(cells)["rmse_sanity"]["status"] == "pass"
        assert confine._judge is judge  # the same judge answers the verdicts
    finally:
        confine.shutdown()
