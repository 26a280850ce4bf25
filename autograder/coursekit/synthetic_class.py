"""A graded course root made without grading, for the class report's tests and benchmark.

:func:`make_course` builds the lessons (nbgrader source/release and a gradebook that knows their
cells); :func:`add_graded` then writes one submission as grading would have left it: the gradebook
rows (nbgrader's ``Gradebook`` API: a score per test cell) and the autograded notebook, whose lost
test cells hold the judge's message as an error output and its mistake id in the cell metadata
(:data:`coursekit.judge.preprocessors.MISTAKE_METADATA`). Submissions come from answers files
(:mod:`coursekit.submissions`), so a test states each student's mistakes where it states the answers.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat.v4 import new_output

from . import build
from .judge.preprocessors import MISTAKE_METADATA, VALUE_METADATA
from .submissions import make_submission, parse_answers


def make_course(course_root: Path, lessons: list[str]) -> Path:
    course_root = Path(course_root)
    build.build_lessons(course_root, lessons, lessons_dir=None)
    return course_root


def _gid(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _is_test(cell) -> bool:
    m = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(m.get("grade")) and not m.get("solution")


def answers_notebook(course_root: Path, lesson: str, answers: Path):
    release = nbformat.read(build.release_path(course_root, lesson), as_version=4)
    source = nbformat.read(Path(course_root) / "source" / lesson / f"{lesson}.ipynb", as_version=4)
    return make_submission(release, source, parse_answers(answers))


def add_graded(gb, course_root: Path, lesson: str, student: str, nb, outcomes: dict[str, tuple[str, str]],
               values: dict[str, str] | None = None) -> None:
    """Record ``nb`` as ``student``'s graded submission: the test cells in ``outcomes``
    (grade_id -> (mistake id, message)) score 0, the others full points. ``values``: grade_id -> a
    value digest (a value answer's evidence)."""
    gb.update_or_create_student(student)
    with gb.db.no_autoflush:  # nbgrader builds the submission's graph before adding it (see classgrading.merge)
        sub = gb.add_submission(lesson, student)
    for notebook in sub.notebooks:
        for grade in notebook.grades:
            grade.auto_score = 0.0 if grade.name in outcomes else grade.max_score
    gb.db.commit()
    graded = copy.deepcopy(nb)
    for cell in graded.cells:
        if not _is_test(cell):
            continue
        gid = _gid(cell)
        cell.outputs = []
        if gid in outcomes:
            mistake, message = outcomes[gid]
            cell.outputs = [new_output("error", ename="CheckFailed", evalue=message,
                                       traceback=[f"CheckFailed: {message}"])]
            cell.metadata[MISTAKE_METADATA] = mistake
        if values and gid in values:
            cell.metadata[VALUE_METADATA] = values[gid]
    dest = Path(course_root) / "autograded" / student / lesson / f"{lesson}.ipynb"
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(graded, dest)
