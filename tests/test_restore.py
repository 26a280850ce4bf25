"""coursekit.restore puts a submitted notebook back into its lesson's shape (no kernel needed)."""

from __future__ import annotations

import copy

import nbformat
import pytest

from coursekit.restore import RESTORED_METADATA, restore_cells


def _cell(kind, gid, source, *, locked, solution=False, grade=False, points=0):
    meta = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if grade:
        meta["points"] = points
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    return make(source, metadata={"nbgrader": meta})


@pytest.fixture
def release():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lesson"),
        _cell("code", "setup", "import numpy as np", locked=True),
        _cell("code", "answer_f", "# YOUR CODE HERE\nraise NotImplementedError()", locked=False, solution=True),
        _cell("code", "test_f", "probe('m.check_f', 'f')\nassert f(1) == 2", locked=True, grade=True, points=2),
        _cell("code", "answer_g", "# YOUR CODE HERE", locked=False, solution=True),
        _cell("code", "test_g", "probe('m.check_g', 'g')", locked=True, grade=True, points=1),
    ]
    return nb


def _student(release):
    nb = copy.deepcopy(release)
    nb.cells[2].source = "def f(x):\n    return 2 * x"
    nb.cells[4].source = "def g(x):\n    return x"
    return nb


def _ids(nb):
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]


def test_untouched_structure_is_left_alone_and_reports_nothing(release):
    nb = _student(release)
    before = copy.deepcopy(nb)
    assert restore_cells(nb, release) == []
    assert nb.cells == before.cells and RESTORED_METADATA not in nb.metadata


def test_deleted_test_cell_comes_back_after_its_answer(release):
    nb = _student(release)
    del nb.cells[3]
    notes = restore_cells(nb, release)
    assert _ids(nb) == [None, "setup", "answer_f", "test_f", "answer_g", "test_g"]
    assert nb.cells[3].source == release.cells[3].source
    assert any("'test_f' was missing" in n for n in notes) and nb.metadata[RESTORED_METADATA] == notes


def test_edited_retyped_or_ungraded_test_cell_is_replaced_by_the_release_cell(release):
    nb = _student(release)
    nb.cells[3].source = "pass"
    nb.cells[5] = nbformat.v4.new_markdown_cell("gone", metadata=copy.deepcopy(nb.cells[5].metadata))
    nb.cells[5].metadata["nbgrader"].update(grade=False, locked=False, points=100)
    restore_cells(nb, release)
    assert nb.cells[3] == release.cells[3] and nb.cells[5] == release.cells[5]


def test_duplicated_test_cell_is_removed_and_duplicated_answer_becomes_ordinary(release):
    nb = _student(release)
    nb.cells.insert(3, copy.deepcopy(nb.cells[3]))
    nb.cells.insert(3, copy.deepcopy(nb.cells[2]))
    notes = restore_cells(nb, release)
    assert _ids(nb) == [None, "setup", "answer_f", None, "test_f", "answer_g", "test_g"]
    assert nb.cells[3].source == "def f(x):\n    return 2 * x"
    assert len(notes) == 2


def test_changed_grade_id_is_dropped_and_the_real_cell_put_back(release):
    nb = _student(release)
    nb.cells[3].metadata["nbgrader"]["grade_id"] = "test_f_mine"
    nb.cells[3].metadata["nbgrader"]["points"] = 100
    restore_cells(nb, release)
    assert _ids(nb) == [None, "setup", "answer_f", "test_f", None, "answer_g", "test_g"]
    assert nb.cells[3] == release.cells[3] and "nbgrader" not in nb.cells[4].metadata


def test_answers_and_extra_cells_of_the_student_are_kept(release):
    nb = _student(release)
    helper = nbformat.v4.new_code_cell("def helper():\n    return 1")
    nb.cells.insert(3, helper)
    nb.cells[2].metadata["nbgrader"]["points"] = 5  # metadata of an answer cell is the release's
    restore_cells(nb, release)
    assert nb.cells[2].source == "def f(x):\n    return 2 * x"
    assert nb.cells[2].metadata == release.cells[2].metadata
    assert nb.cells[3] is helper or nb.cells[3] == helper
    nbformat.validate(nb)


def test_course_internal_metadata_is_dropped_from_student_cells_and_the_scan_sees_what_ran(release):
    """A code cell carrying the flags cell's mark (``l1l2_flags``) used to run, score, and vanish before
    the flag scan; restore drops every ``l1l2_*`` key the release does not have, so the cell stays and
    is scanned (issue 23)."""
    from coursekit.flags import FLAGS_CELL_METADATA, scan_notebook

    nb = _student(release)
    sneaky = nbformat.v4.new_code_cell("import reference_solutions\nf = reference_solutions.f",
                                       metadata={FLAGS_CELL_METADATA: True, "L1L2_other": 1, "tags": ["x"]})
    nb.cells.insert(3, sneaky)
    nb.cells[2].metadata["l1l2_flags"] = True  # the answer cell too
    nb.metadata["l1l2_cleanup_notes"] = ["\x1b[2Kfake note"]
    nb.metadata[RESTORED_METADATA] = ["forged"]
    notes = restore_cells(nb, release)
    assert all(not k.lower().startswith("l1l2") for c in nb.cells for k in c.metadata), [dict(c.metadata) for c in nb.cells]
    assert nb.cells[3].metadata == {"tags": ["x"]}
    assert "l1l2_cleanup_notes" not in nb.metadata
    assert nb.metadata[RESTORED_METADATA] == notes and "forged" not in notes
    assert any("internal metadata" in n for n in notes)
    flags = [str(f) for f in scan_notebook(nb)]
    assert any("reference_solutions" in f and "(added)" in f for f in flags), flags


def test_release_cells_keep_their_own_metadata(release):
    nb = _student(release)
    assert restore_cells(nb, release) == []
