"""Self-check for readers: grade your own copy of a lesson, touching no gradebook.

``python -m coursekit check NOTEBOOK`` finds the lesson from the notebook's graded cells (or takes
``--lesson``), grades the notebook in a throw-away course root with the same unit the instructor uses (:func:`coursekit.grading.grade_submission`: sandboxed kernel, the
judge outside it, limits), and prints one line per test cell: points, pass/fail and the message
naming the mistake, then the flags. The notebook can be saved anywhere; nothing is written next
to it. Self-check needs the reference package (``solutions/``), which an instructor's class
release does not ship.

The lesson is built once per machine and reused (:func:`built_lesson`): its ``source/``, ``release/``
and a gradebook that knows the lesson are kept in ``build/check-cache/``, keyed by everything the
build reads, so a check copies them (no ``generate_assignment``, no new gradebook and its alembic
migration) and starts one nbgrader process, the autograde.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat

from . import build
from .grading import GradeResult, _nbgrader_ids, grade_submission
from .paths import AUTOGRADER_DIR, LESSONS_DIR, REPO_ROOT, lesson_names

#: Built lessons kept for self-check (git-ignored; ``make clean`` removes ``build/``).
CHECK_CACHE = REPO_ROOT / "build" / "check-cache"

#: Self-check seeds are fixed (readers get the same verdict every run); class grading uses the
#: course's own secret instead.
SELF_CHECK_SECRET = "l1l2-self-check"


class NotALesson(ValueError):
    """The notebook is not (a copy of) a lesson of this course, or not the one asked for."""


def _lesson_ids(lesson: str) -> set[str]:
    """The grade_ids of a lesson's graded cells: from its student notebook in ``lessons/`` (plain
    JSON, quick), else from its authored source."""
    try:
        cells = json.loads((LESSONS_DIR / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
        return {c["metadata"]["nbgrader"]["grade_id"] for c in cells
                if "grade_id" in c.get("metadata", {}).get("nbgrader", {})}
    except (OSError, ValueError, KeyError, TypeError):
        return _nbgrader_ids(build.source_notebook(lesson))


def which_lesson(path: Path, lesson: str | None = None) -> str:
    """The lesson a notebook belongs to (by its graded cells); refuse another lesson's notebook."""
    try:
        nb = nbformat.from_dict({"cells": [], **json.loads(Path(path).read_text(encoding="utf-8"))})
        ids = _nbgrader_ids(nb)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, KeyError, TypeError) as exc:
        raise NotALesson(f"{path}: not a readable notebook ({exc})") from None
    shared = {name: len(ids & _lesson_ids(name)) for name in lesson_names()}
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


def _build_key(lesson: str) -> str:
    """A digest of everything a lesson's build reads: its authored source, the nbgrader
    configuration, the build code and nbgrader's version."""
    import nbgrader

    digest = hashlib.sha256(nbgrader.__version__.encode())
    for part in (build.authored_path(lesson), AUTOGRADER_DIR / "nbgrader_config.py", Path(build.__file__)):
        digest.update(Path(part).read_bytes())
    return digest.hexdigest()[:16]


def built_lesson(lesson: str, cache: Path | None = None) -> Path:
    """A course root holding ``lesson`` built (``source/``, ``release/``, ``gradebook.db`` with the
    assignment and its cells, no student): built on first use, then reused while nothing the build
    reads changes. Concurrent checks build it once (a lock); the finished root appears atomically.
    Treat it as read-only: grade in a copy (:func:`check_notebook` does)."""
    cache = Path(cache or CHECK_CACHE)
    final = cache / lesson / _build_key(lesson)
    if (final / "gradebook.db").is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    with open(final.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (final / "gradebook.db").is_file():
            for old in final.parent.iterdir():  # builds of older versions of the lesson
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=final.parent))
            try:
                build.build_lesson(tmp, lesson, lessons_dir=None)
                os.rename(tmp, final)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return final


def check_notebook(path: Path, lesson: str | None = None, unsandboxed: bool = False) -> GradeResult:
    """Grade ``path`` as lesson ``lesson`` (found from its cells when None) in a copy of the cached
    build, nbgrader running in this process (one process in all: no nbgrader child)."""
    lesson = which_lesson(path, lesson)
    built = built_lesson(lesson)
    try:
        with tempfile.TemporaryDirectory(prefix="l1l2-check-") as tmp:
            root = Path(tmp) / "course"
            for part in ("source", "release"):
                shutil.copytree(built / part / lesson, root / part / lesson)
            shutil.copyfile(built / "gradebook.db", root / "gradebook.db")
            result = grade_submission(root, lesson, "reader", Path(path), feedback=False, unsandboxed=unsandboxed,
                                      env={"L1L2_COURSE_SECRET": SELF_CHECK_SECRET}, in_process=True)
    finally:
        if not unsandboxed:  # grade_submission started this process's judge beside the notebook
            from .judge import confine

            confine.shutdown()
    order = notebook_order(lesson)
    result.cells.sort(key=lambda c: order.get(c.grade_id, len(order)))
    return result


def notebook_order(lesson: str) -> dict[str, int]:
    """grade_id -> position of its cell in the lesson's notebook."""
    nb = build.source_notebook(lesson)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})]
    return {gid: i for i, gid in enumerate(ids)}


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
