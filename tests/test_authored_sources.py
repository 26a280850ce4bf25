"""The authored sources follow the course's format: py:percent, no outputs, well-formed nbgrader cells."""

from __future__ import annotations

import re
import subprocess

import inspect
from importlib import import_module

import pytest

from coursekit.judge.spec import parse_hidden_block

from conftest import LESSONS, WRONG_ANSWERS_DIR
from coursekit import build, paths
from coursekit.submissions import parse_answers

HEADER = re.compile(r"\A# ---\n# jupyter:\n(#  .*\n)*#   kernelspec:\n(#  .*\n)*# ---\n")


def test_lessons_are_named_nn_topic_and_numbered_without_gaps():
    assert LESSONS, "no authored lessons"
    every = sorted(p.stem for p in paths.AUTHORED_DIR.glob("*.py"))  # ignores $COURSE_LESSONS
    assert all(paths.LESSON_NAME.match(name) for name in every), every
    assert [int(name[:2]) for name in every] == list(range(1, len(every) + 1)), every


def test_no_notebook_is_tracked_outside_lessons():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=paths.REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    outside = [p for p in tracked if not p.startswith("lessons/")
               and not p.startswith("autograder/sample_class/")]
    assert not outside, f"authored sources are py:percent files; these notebooks should not be tracked: {outside}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_authored_source_is_jupytext_percent_with_python3_kernel(lesson):
    text = build.authored_path(lesson).read_text()
    assert HEADER.match(text), "start with a jupytext header that sets the kernelspec"
    assert "# %%" in text
    nb = build.source_notebook(lesson)  # raises on duplicate ids or a wrong kernelspec
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all(c.get("outputs", []) == [] for c in nb.cells)


def _cells(lesson):
    return [(c, c.metadata.get("nbgrader", {})) for c in build.source_notebook(lesson).cells]


@pytest.mark.parametrize("lesson", LESSONS)
def test_nbgrader_cells_are_well_formed(lesson):
    cells = _cells(lesson)
    tests = [(c, m) for c, m in cells if m.get("grade") and not m.get("solution")]
    solutions = [(c, m) for c, m in cells if m.get("solution")]
    assert tests and solutions
    for cell, meta in solutions:
        assert meta["grade_id"].startswith("answer_"), meta["grade_id"]
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, meta["grade_id"]
    for cell, meta in tests:
        assert meta.get("locked") and meta.get("points", 0) > 0, meta
        assert re.fullmatch(r"[a-z0-9_]+", meta["grade_id"]), meta["grade_id"]
        src = cell.source
        assert src.count("### BEGIN HIDDEN TESTS") == src.count("### END HIDDEN TESTS") == 1, \
            f"{meta['grade_id']}: every test cell has exactly one hidden block"
        visible, hidden = src.split("### BEGIN HIDDEN TESTS")
        visible += hidden.split("### END HIDDEN TESTS")[1]
        assert "reference_solutions" not in visible, f"{meta['grade_id']}: visible code imports the reference"
        assert "assert" in visible or "raise" in visible, f"{meta['grade_id']}: no visible check"
        assert src.startswith("### BEGIN HIDDEN TESTS"), \
            f"{meta['grade_id']}: the hidden block comes first, so the judge's message is read first"
        block = hidden.split("### END HIDDEN TESTS")[0]
        spec = parse_hidden_block(src)  # raises unless exactly one probe("<module>.<check>", "<name>", ...)
        assert "from coursekit_probe import probe" in block and "reference_solutions" not in block, \
            f"{meta['grade_id']}: the hidden block imports the probe only (the reference never enters the kernel)"
        check = getattr(import_module(f"reference_solutions.checks.{spec.module}"), spec.function)
        params = set(inspect.signature(check).parameters)
        assert set(spec.names) <= params, f"{meta['grade_id']}: probe names {spec.names} are not parameters of {spec.spec}"
    for cell, meta in cells:
        if not meta.get("solution") and not (meta.get("grade") and not meta.get("solution")):
            assert "reference_solutions" not in cell.source, "only hidden tests may use the reference"


@pytest.mark.parametrize("lesson", LESSONS)
def test_sample_class_and_wrong_answers_cover_the_lesson(lesson):
    test_ids = {m["grade_id"] for c, m in _cells(lesson) if m.get("grade") and not m.get("solution")}
    for student, based_on in (("ada", "solved"), ("ben", "untouched"), ("cleo", "solved")):
        answers = parse_answers(paths.SAMPLE_CLASS_DIR / student / f"{lesson}.answers.py")
        assert answers.based_on == based_on, student
    for path in [paths.SAMPLE_CLASS_DIR / "cleo" / f"{lesson}.answers.py",
                 *sorted((WRONG_ANSWERS_DIR / lesson).glob("*.answers.py"))]:
        unknown = set(parse_answers(path).expect_lost) - test_ids
        assert not unknown, f"{path}: expect-lost names no test cell: {unknown}"
