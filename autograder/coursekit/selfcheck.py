"""Self-check for readers: grade your own copy of a lesson, touching no gradebook.

``python -m coursekit check NOTEBOOK`` finds the lesson from the notebook's graded cells (or takes
``--lesson``), builds that lesson in a throw-away course root, grades the notebook there with the
same unit the instructor uses (:func:`coursekit.grading.grade_submission`: sandboxed kernel, the
judge outside it, limits), and prints one line per test cell: points, pass/fail and the message
naming the mistake, then the flags. The notebook can be saved anywhere; nothing is written next
to it. Self-check needs the reference package (``solutions/``), which an instructor's class
release does not ship.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat

from . import build
from .grading import GradeResult, _nbgrader_ids, grade_submission
from .paths import lesson_names

#: Self-check seeds are fixed (readers get the same verdict every run); class grading uses the
#: course's own secret instead.
SELF_CHECK_SECRET = "l1l2-self-check"


class NotALesson(ValueError):
    """The notebook is not (a copy of) a lesson of this course, or not the one asked for."""


def which_lesson(path: Path, lesson: str | None = None) -> str:
    """The lesson a notebook belongs to (by its graded cells); refuse another lesson's notebook."""
    try:
        nb = nbformat.from_dict({"cells": [], **json.loads(Path(path).read_text(encoding="utf-8"))})
        ids = _nbgrader_ids(nb)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, KeyError, TypeError) as exc:
        raise NotALesson(f"{path}: not a readable notebook ({exc})") from None
    shared = {name: len(ids & _nbgrader_ids(build.source_notebook(name))) for name in lesson_names()}
    matches = [name for name, count in shared.items() if count]
    if lesson is not None:
        if lesson not in matches:
            found = f"it looks like lesson {matches[0]}" if matches else "it has none of its graded cells"
            raise NotALesson(f"{path}: you asked to check lesson {lesson}, but {found}.")
        return lesson
    if not matches:
        raise NotALesson(f"{path}: none of the course's graded cells are in this notebook; "
                         "check a copy of one of the notebooks in lessons/.")
    return max(matches, key=shared.get)


def check_notebook(path: Path, lesson: str | None = None, unsandboxed: bool = False) -> GradeResult:
    lesson = which_lesson(path, lesson)
    with tempfile.TemporaryDirectory(prefix="l1l2-check-") as tmp:
        root = Path(tmp) / "course"
        build.build_lesson(root, lesson, lessons_dir=None)
        result = grade_submission(root, lesson, "reader", Path(path), feedback=False, unsandboxed=unsandboxed,
                                  env={"L1L2_COURSE_SECRET": SELF_CHECK_SECRET})
    return result


def format_report(result: GradeResult) -> str:
    if result.status != "graded":
        return f"{result.lesson}: not checked: {result.message}"
    lines = [f"{result.lesson}: {result.score:g} / {result.max_score:g} points"
             + ("" if result.sandboxed else " (UNSANDBOXED)")]
    width = max((len(c.grade_id) for c in result.cells), default=0)
    for cell in result.cells:
        ok = cell.score >= cell.max_score
        line = f"  {'pass' if ok else 'FAIL'}  {cell.grade_id:<{width}}  {cell.score:g} / {cell.max_score:g}"
        if not ok:
            line += "\n        " + result.messages.get(cell.grade_id, "(no message)").removeprefix("CheckFailed: ")
        lines.append(line)
    for note in result.notes:
        lines.append(f"  note: {note}")
    if result.flags:
        lines.append("Flags (things a grader would look at; they never change points):")
        lines += [f"  {flag}" for flag in result.flags]
    return "\n".join(lines)
