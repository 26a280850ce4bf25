"""Shared fixtures: one real nbgrader run of the sample class, reused by the grading tests.

``sample_run`` is the main job (``coursekit.sample_class.grade_sample_class``) run once per
test session in a temporary course root, building every lesson into a temporary lessons
folder. Tests then read its results, grade further submissions into the same course root
(under their own student ids), and compare the fresh lessons with the committed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit import build, paths, sample_class
from coursekit.grading import GradeResult, grade_submission
from coursekit.submissions import write_submission

LESSONS = paths.lesson_names()
WRONG_ANSWERS_DIR = Path(__file__).parent / "wrong_answers"


@dataclass
class SampleRun:
    course_root: Path
    lessons_dir: Path
    results: dict[tuple[str, str], GradeResult]  # (student, lesson) -> result


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> SampleRun:
    base = tmp_path_factory.mktemp("sample")
    root, lessons_dir = base / "course", base / "lessons"
    results = sample_class.grade_sample_class(course_root=root, lessons_dir=lessons_dir, log=lambda *_: None)
    return SampleRun(root, lessons_dir, {(r.student, r.lesson): r for r in results})


def grade_answers(run: SampleRun, lesson: str, student: str, answers: Path, feedback=False) -> GradeResult:
    """Build the submission an answers file describes and autograde it in the sample course."""
    notebook = write_submission(
        build.release_path(run.course_root, lesson),
        run.course_root / "source" / lesson / f"{lesson}.ipynb",
        answers,
        run.course_root / "incoming" / student / f"{lesson}.ipynb",
    )
    return grade_submission(run.course_root, lesson, student, notebook, feedback=feedback)
