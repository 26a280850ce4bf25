"""Bad input gets a clear message naming the file, and never touches the gradebook."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import nbformat
import psutil
import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.grading import grade_submission, read_scores
from coursekit.submissions import write_submission

LESSON = LESSONS[0]


def _db_state(run):
    with open(run.course_root / "gradebook.db", "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    return digest, read_scores(run.course_root, LESSON, "ada")


@pytest.fixture
def other_lesson(sample_run):
    """A release notebook of another lesson (a made-up one if the course has a single lesson)."""
    if len(LESSONS) > 1:
        yield LESSONS[1], build.release_path(sample_run.course_root, LESSONS[1])
        return
    path = sample_run.course_root / "release" / "99_other" / "99_other.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {
        "grade": True, "grade_id": "other_lesson_test", "locked": True, "points": 1,
        "schema_version": 3, "solution": False, "task": False}})
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    yield "99_other", path
    shutil.rmtree(path.parent)


def _bad_files(tmp_path, other):
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
    for case, (path, reason) in _bad_files(tmp_path, other_lesson).items():
        result = grade_submission(sample_run.course_root, LESSON, "mallory", path)
        assert result.status == "rejected", case
        assert str(path) in result.message, f"{case}: message does not name the file: {result.message}"
        assert reason in result.message, f"{case}: {result.message}"
        assert not (sample_run.course_root / "submitted" / "mallory").exists(), case
    assert _db_state(sample_run) == before


def test_good_submission_after_bad_ones_still_grades(sample_run, tmp_path, other_lesson):
    for path, _ in _bad_files(tmp_path, other_lesson).values():
        grade_submission(sample_run.course_root, LESSON, "trudy", path)
    solved = sample_run.course_root / "incoming" / "ada" / f"{LESSON}.ipynb"
    result = grade_submission(sample_run.course_root, LESSON, "trudy", solved, feedback=False)
    assert result.status == "graded", result.message
    assert result.score == result.max_score


def test_grading_the_same_submission_twice_gives_the_same_scores(sample_run):
    first = sample_run.results[("cleo", LESSON)]
    again = grade_submission(sample_run.course_root, LESSON, "cleo",
                             sample_run.course_root / "incoming" / "cleo" / f"{LESSON}.ipynb", feedback=False)
    assert again.status == "graded", again.message
    assert again.cell_scores() == first.cell_scores()
    assert again.score == first.score



def _is_grading_kernel(proc: psutil.Process) -> bool:
    """A grading kernel: its connection file lives in a sandbox scratch directory."""
    try:
        cmdline = " ".join(proc.cmdline() or [])
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    return "ipykernel_launcher" in cmdline and "l1l2-sandbox-" in cmdline


def _kernel_pids():
    """This test process's grading kernels (its descendants): the kernels of gradings that run
    beside it in another pytest worker are not counted."""
    return {proc.pid for proc in psutil.Process().children(recursive=True) if _is_grading_kernel(proc)}


def _still_running(pids: set[int]) -> set[int]:
    """Those of ``pids`` that are still grading kernels, wherever they were reparented."""
    left = set()
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            if proc.status() != psutil.STATUS_ZOMBIE and _is_grading_kernel(proc):
                left.add(pid)
        except psutil.NoSuchProcess:
            continue
    return left


def test_cell_that_runs_too_long_is_stopped_graded_and_leaves_no_kernel(sample_run, tmp_path):
    solution_id = next(c.metadata["nbgrader"]["grade_id"] for c in build.source_notebook(LESSON).cells
                       if c.metadata.get("nbgrader", {}).get("solution"))
    answers = tmp_path / "slow.answers.py"
    answers.write_text(f"# based-on: solved\n# %% answer: {solution_id}\nimport time\ntime.sleep(600)\n")
    notebook = write_submission(build.release_path(sample_run.course_root, LESSON),
                                sample_run.course_root / "source" / LESSON / f"{LESSON}.ipynb",
                                answers, tmp_path / "slow.ipynb")
    before = _db_state(sample_run)
    seen = set()
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(grade_submission, sample_run.course_root, LESSON, "sloth", notebook,
                              feedback=False, env={"L1L2_CELL_TIMEOUT": "10"})
        while not running.done():
            seen |= _kernel_pids()
            time.sleep(0.5)
        result = running.result()
    assert seen, "never saw the grading kernel, so the leftover check below would prove nothing"
    assert result.status == "graded", result.message
    assert result.score == 0 and result.max_score == before[1][1]
    assert any("ran past the per-cell limit of 10 s" in m for m in result.messages.values()), result.messages
    assert read_scores(sample_run.course_root, LESSON, "ada") == before[1]
    deadline = time.time() + 15
    while (left := _still_running(seen)) and time.time() < deadline:
        time.sleep(0.5)
    assert not left, f"kernel processes left running: {left}"


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

