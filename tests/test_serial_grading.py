"""Grading one submission at a time into one course gradebook (nbgrader's serial path): a cell
past its limit is stopped and leaves no kernel, a repeat gives the same scores, and a good
submission still grades after bad ones.

These tests grade into a course root of their own (the first lesson, and the second for a
wrong-lesson file), not into the one-class run's: they then run beside the class, on the other
pytest worker, instead of after it.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from conftest import LESSONS, answers_notebook
from coursekit import build
from coursekit.grading import GradeResult, grade_submission, read_scores
from coursekit.paths import SAMPLE_CLASS_DIR
from test_bad_submissions import bad_files, other_lesson_in

LESSON = LESSONS[0]
pytestmark = pytest.mark.nbgrader


@dataclass
class Course:
    root: Path
    notebooks: dict[str, Path]  # sample student -> their notebook of LESSON
    cleo: GradeResult  # cleo's notebook, graded once by the fixture


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("serial") / "course"
    build.build_lessons(root, LESSONS[:2], lessons_dir=None)
    notebooks = {student: answers_notebook(root, LESSON, student, SAMPLE_CLASS_DIR / student / f"{LESSON}.answers.py")
                 for student in ("ada", "cleo")}
    cleo = grade_submission(root, LESSON, "cleo", notebooks["cleo"], feedback=False)
    assert cleo.status == "graded", cleo.message
    return Course(root, notebooks, cleo)


def test_grading_the_same_submission_twice_gives_the_same_scores(course):
    again = grade_submission(course.root, LESSON, "cleo", course.notebooks["cleo"], feedback=False)
    assert again.status == "graded", again.message
    assert again.cell_scores() == course.cleo.cell_scores()
    assert again.score == course.cleo.score and 0 < again.score < again.max_score


def test_good_submission_after_bad_ones_still_grades(course, tmp_path):
    with other_lesson_in(course.root) as other:
        for path, _ in bad_files(tmp_path, other).values():
            assert grade_submission(course.root, LESSON, "trudy", path).status == "rejected", path
    result = grade_submission(course.root, LESSON, "trudy", course.notebooks["ada"], feedback=False)
    assert result.status == "graded", result.message
    assert result.score == result.max_score


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


def test_cell_that_runs_too_long_is_stopped_graded_and_leaves_no_kernel(course, tmp_path):
    solution_id = next(c.metadata["nbgrader"]["grade_id"] for c in build.source_notebook(LESSON).cells
                       if c.metadata.get("nbgrader", {}).get("solution"))
    answers = tmp_path / "slow.answers.py"
    answers.write_text(f"# based-on: solved\n# %% answer: {solution_id}\nimport time\ntime.sleep(600)\n")
    notebook = answers_notebook(course.root, LESSON, "sloth", answers)
    before = read_scores(course.root, LESSON, "cleo")
    seen = set()
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(grade_submission, course.root, LESSON, "sloth", notebook,
                              feedback=False, env={"L1L2_CELL_TIMEOUT": "10"})
        while not running.done():
            seen |= _kernel_pids()
            time.sleep(0.5)
        result = running.result()
    assert seen, "never saw the grading kernel, so the leftover check below would prove nothing"
    assert result.status == "graded", result.message
    assert result.score == 0 and result.max_score == before[1]
    assert any("ran past the per-cell limit of 10 s" in m for m in result.messages.values()), result.messages
    assert read_scores(course.root, LESSON, "cleo") == before  # another student's rows are untouched
    deadline = time.time() + 15
    while (left := _still_running(seen)) and time.time() < deadline:
        time.sleep(0.5)
    assert not left, f"kernel processes left running: {left}"
