"""Bad input gets a clear message naming the file, and never touches the gradebook."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.grading import grade_submission, read_scores

LESSON = LESSONS[0]


def _db_state(run):
    with open(run.course_root / "gradebook.db", "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    return digest, read_scores(run.course_root, LESSON, "ada")


@contextlib.contextmanager
def other_lesson_in(course_root: Path):
    """(name, release notebook) of another lesson built in ``course_root`` (a made-up one, removed
    afterwards, if the course has a single lesson)."""
    if len(LESSONS) > 1:
        yield LESSONS[1], build.release_path(course_root, LESSONS[1])
        return
    path = course_root / "release" / "99_other" / "99_other.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {
        "grade": True, "grade_id": "other_lesson_test", "locked": True, "points": 1,
        "schema_version": 3, "solution": False, "task": False}})
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    try:
        yield "99_other", path
    finally:
        shutil.rmtree(path.parent)


@pytest.fixture
def other_lesson(sample_run):
    with other_lesson_in(sample_run.course_root) as other:
        yield other


def bad_files(tmp_path, other):
    truncated = tmp_path / "truncated.ipynb"
    truncated.write_text('{"cells": [{"cell_type": "code", "source": "def f(')
    binary = tmp_path / "binary.ipynb"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    not_notebook = tmp_path / "not_a_notebook.ipynb"
    not_notebook.write_text(json.dumps({"hello": "world"}))
    other_name, other_path = other
    wrong_lesson = tmp_path / "wrong_lesson.ipynb"
    shutil.copyfile(other_path, wrong_lesson)
    return {
        "missing": (tmp_path / "does_not_exist.ipynb", "missing"),
        "truncated JSON": (truncated, "not valid notebook JSON"),
        "binary": (binary, "not valid notebook JSON"),
        "JSON but not a notebook": (not_notebook, "not a valid Jupyter notebook"),
        "another lesson": (wrong_lesson, f"belongs to lesson {other_name}"),
    }


def test_bad_submissions_are_rejected_by_name_and_gradebook_is_untouched(sample_run, tmp_path, other_lesson):
    before = _db_state(sample_run)
    for case, (path, reason) in bad_files(tmp_path, other_lesson).items():
        result = grade_submission(sample_run.course_root, LESSON, "mallory", path)
        assert result.status == "rejected", case
        assert str(path) in result.message, f"{case}: message does not name the file: {result.message}"
        assert reason in result.message, f"{case}: {result.message}"
        assert not (sample_run.course_root / "submitted" / "mallory").exists(), case
    assert _db_state(sample_run) == before


#: A solved notebook with one more cell of the student's own at the end (sleeps 600 s), graded
#: with the sample class (conftest's one class) under a 10-s cell limit: as is, and with
#: L1L2_RUN_ALL_CELLS=1.
TRAILERS = {"trailer": {"L1L2_CELL_TIMEOUT": "10"},
            "trailer-all": {"L1L2_CELL_TIMEOUT": "10", "L1L2_RUN_ALL_CELLS": "1"}}


def batch_jobs(course_root):
    """The trailing-cell submissions, as jobs graded with the sample class (see conftest)."""
    from conftest import notebook_job, solved_notebook  # noqa: PLC0415

    nb = nbformat.read(solved_notebook(course_root, LESSON), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(600)  # a student's own cell, at the end"))
    return [notebook_job(course_root, LESSON, student, nb, feedback=False, env=env)
            for student, env in TRAILERS.items()]


def test_cells_after_the_last_graded_cell_are_not_run_and_cannot_change_the_score(sample_run):
    from coursekit.grading import read_autograded
    from coursekit.runner.execute import AFTER_LAST_GRADED

    full = read_scores(sample_run.course_root, LESSON, "ada")[1]
    result = sample_run.batch[("trailer", LESSON)]
    assert (result.status, result.score, result.notes) == ("graded", full, []), (result.message, result.notes)
    graded = read_autograded(sample_run.course_root, LESSON, "trailer")
    last_graded = max(i for i, c in enumerate(graded.cells) if c.metadata.get("nbgrader", {}).get("grade"))
    after = [c for c in graded.cells[last_graded + 1:] if c.cell_type == "code"]
    assert after and after[0].outputs[0]["text"] == AFTER_LAST_GRADED
    assert all(not c.outputs for c in after[1:]), "a cell after the last graded cell ran"

    # asked to run everything, the grader runs the student's last cell, and its limit stops it
    result = sample_run.batch[("trailer-all", LESSON)]
    assert result.score == full and any("ran past the per-cell limit" in n for n in result.notes), result.notes

