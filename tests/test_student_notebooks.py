"""The committed student notebooks are fresh builds and leak nothing."""

from __future__ import annotations


import nbformat
import pytest

from conftest import LESSONS
from coursekit import build, paths


def test_committed_lessons_match_a_fresh_build(sample_run):
    fresh = sorted(p.name for p in sample_run.lessons_dir.glob("*.ipynb"))
    assert fresh == [f"{lesson}.ipynb" for lesson in LESSONS]
    committed = sorted(p.stem for p in paths.LESSONS_DIR.glob("*.ipynb"))
    authored = sorted(p.stem for p in paths.AUTHORED_DIR.glob("*.py"))  # ignores $COURSE_LESSONS
    assert committed == authored, "lessons/ must hold exactly one student notebook per authored lesson"
    stale = [name for name in fresh
             if (sample_run.lessons_dir / name).read_bytes() != (paths.LESSONS_DIR / name).read_bytes()]
    assert not stale, f"lessons/ is out of date for {stale}: run `make build` and commit lessons/"


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_notebook_has_no_outputs(lesson):
    nb = nbformat.read(paths.LESSONS_DIR / f"{lesson}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


def _solution_lines(lesson):
    """Substantive code lines inside the authored solution regions that appear nowhere else."""
    text = build.authored_path(lesson).read_text()
    inside, outside = [], []
    in_solution = False
    for line in text.splitlines():
        if "### BEGIN SOLUTION" in line:
            in_solution = True
        elif "### END SOLUTION" in line:
            in_solution = False
        else:
            (inside if in_solution else outside).append(line.strip())
    outside_set = set(outside)
    return [l for l in inside if len(l) > 15 and not l.startswith(("#", '"""')) and l not in outside_set]


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_notebook_leaks_no_solution_hidden_test_or_reference_import(lesson):
    path = paths.LESSONS_DIR / f"{lesson}.ipynb"
    raw = path.read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "reference_solutions", "hidden_checks"):
        assert marker not in raw, f"{path} contains {marker!r}"
    nb = nbformat.read(path, as_version=4)
    student_code = "\n".join(c.source for c in nb.cells)
    leaked = [l for l in _solution_lines(lesson) if l in student_code]
    assert not leaked, f"solution lines visible in {path}: {leaked[:5]}"
    solution_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert solution_cells, "a lesson without exercises"
    for cell in solution_cells:
        if cell.cell_type == "code":
            assert "raise NotImplementedError()" in cell.source, cell.id


def test_leak_check_would_catch_a_solution_line():
    lesson = LESSONS[0]
    lines = _solution_lines(lesson)
    assert lines, "the leak check has nothing to look for"
    source = build.source_notebook(lesson)
    assert any(l in "\n".join(c.source for c in source.cells) for l in lines)
