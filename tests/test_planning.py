"""The judge's plans are made while the kernel starts, and a planning error still stops the grading.

``PlanProbes`` draws each test cell's problems (importing the lesson's checks and the reference's
answers, about 1.5 s in a fresh process) in a background thread; the sandboxed run waits for them
only when the first graded cell runs, and ``JudgeEvidence`` before it judges. These tests hold the
planning back and show that the preprocessor has already returned, that the plans are complete
once it finishes, and that an unexpected error in planning reaches whoever waits for the plans.
"""

from __future__ import annotations

import shutil
import threading

import nbformat
import pytest

from coursekit.judge import preprocessors
from coursekit.judge.preprocessors import PlanProbes, is_test_cell
from coursekit.selfcheck import built_lesson

LESSON = "01_linear_regression"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("planning") / "course"
    shutil.copytree(built_lesson(LESSON), root)
    return root


def _plan(course, monkeypatch, fake_plan_cell):
    monkeypatch.setattr(preprocessors, "plan_cell", fake_plan_cell)
    nb = nbformat.read(course / "source" / LESSON / f"{LESSON}.ipynb", as_version=4)
    resources = {"nbgrader": {"assignment": LESSON, "student": "eve", "notebook": LESSON,
                              "db_url": f"sqlite:///{course / 'gradebook.db'}"}}
    PlanProbes(secret_file=str(course / ".course_secret")).preprocess(nb, resources)
    return nb, resources


def test_planning_runs_beside_the_kernel_start_and_the_first_test_cell_gets_the_whole_plan(course, monkeypatch):
    real = preprocessors.plan_cell
    gate, finished = threading.Event(), threading.Event()

    def slow_plan_cell(*args):
        gate.wait(15)
        plan = real(*args)
        finished.set()
        return plan

    nb, resources = _plan(course, monkeypatch, slow_plan_cell)
    assert not finished.is_set(), "PlanProbes waited for the plans instead of leaving them to a thread"
    gate.set()
    parts = resources["sandbox_plan_parts"]()  # what SandboxedExecute calls at the first graded cell
    state = resources["l1l2_judge"]()
    test_cells = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells if is_test_cell(c)}
    assert set(parts) == set(state["plans"]) == test_cells and not state["problems"]
    assert state["nonce"] and all(state["nonce"].encode() in part for part in parts.values())


def test_an_unexpected_planning_error_reaches_the_grading(course, monkeypatch):
    def broken_plan_cell(*args):
        raise RuntimeError("planning broke")

    _, resources = _plan(course, monkeypatch, broken_plan_cell)
    with pytest.raises(RuntimeError, match="planning broke"):
        resources["l1l2_judge"]()
    with pytest.raises(RuntimeError, match="planning broke"):
        resources["sandbox_plan_parts"]()
