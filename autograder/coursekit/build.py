"""Build the course: authored py:percent sources -> nbgrader source -> student notebooks.

The authored source of lesson ``NN_topic`` is ``autograder/authored/NN_topic.py`` (jupytext
py:percent, nbgrader cell metadata in the ``# %%`` headers). It is the only copy anyone edits.
``build_lesson`` converts it to ``<course root>/source/NN_topic/NN_topic.ipynb`` with
deterministic cell ids, runs ``nbgrader generate_assignment`` (which strips solutions and
hidden tests), and copies the release notebook to ``lessons/NN_topic.ipynb``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import nbformat

from .nbgrader_cli import run_nbgrader_steps
from .paths import AUTHORED_DIR, LESSONS_DIR, lesson_names

#: Notebook-level metadata kept in generated notebooks (jupytext's own is dropped).
KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")


def authored_path(lesson: str) -> Path:
    return AUTHORED_DIR / f"{lesson}.py"


def source_notebook(lesson: str) -> nbformat.NotebookNode:
    """The instructor notebook of a lesson, read from its authored py:percent file.

    Cell ids are made deterministic (the nbgrader grade_id where there is one, else
    ``cell-NNN``) so that building twice gives byte-identical notebooks.
    """
    nb = jupytext.read(authored_path(lesson), fmt="py:percent")
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK_METADATA}
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        raise ValueError(f"{authored_path(lesson)}: the jupytext header must set kernelspec name python3")
    seen = set()
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("lines_to_next_cell", None)
        cell.metadata.pop("lines_to_end_of_cell_marker", None)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell.id = grade_id or f"cell-{i:03d}"
        if cell.id in seen:
            raise ValueError(f"{authored_path(lesson)}: duplicate cell id / grade_id {cell.id!r}")
        seen.add(cell.id)
    nbformat.validate(nb)
    return nb


def write_source(course_root: Path, lesson: str) -> Path:
    """Write the nbgrader source notebook of ``lesson`` into the course root."""
    dest = Path(course_root) / "source" / lesson / f"{lesson}.ipynb"
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(source_notebook(lesson), dest)
    return dest


def release_path(course_root: Path, lesson: str) -> Path:
    return Path(course_root) / "release" / lesson / f"{lesson}.ipynb"


def build_lesson(course_root: Path, lesson: str, lessons_dir: Path | None = LESSONS_DIR) -> Path:
    """Source -> ``nbgrader generate_assignment`` -> release; copy it to ``lessons_dir``.

    Returns the release notebook's path. ``lessons_dir=None`` skips the copy.
    """
    return build_lessons(course_root, [lesson], lessons_dir)[0]


def build_lessons(course_root: Path, lessons: list[str], lessons_dir: Path | None = LESSONS_DIR) -> list[Path]:
    """:func:`build_lesson` for several lessons, their ``generate_assignment`` runs in one nbgrader
    process (nbgrader's start-up, about 2 s, is paid once, not once per lesson).

    Returns the release notebooks' paths, in the order of ``lessons``.
    """
    for lesson in lessons:
        write_source(course_root, lesson)
    if lessons:
        run_nbgrader_steps(course_root, [["generate_assignment", lesson, "--force"] for lesson in lessons])
    releases = [release_path(course_root, lesson) for lesson in lessons]
    if lessons_dir is not None:
        Path(lessons_dir).mkdir(parents=True, exist_ok=True)
        for lesson, release in zip(lessons, releases):
            shutil.copyfile(release, Path(lessons_dir) / f"{lesson}.ipynb")
    return releases


def build_all(course_root: Path, lessons_dir: Path | None = LESSONS_DIR) -> list[str]:
    """Build every lesson; return their names."""
    names = lesson_names()
    build_lessons(course_root, names, lessons_dir)
    return names
