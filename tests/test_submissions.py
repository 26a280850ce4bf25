"""Answers files are parsed strictly: mistakes in them are reported with the file name."""

from __future__ import annotations

import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.submissions import make_submission, parse_answers, reference_answers


def test_parse_reads_based_on_expect_lost_and_cells(tmp_path):
    path = tmp_path / "a.answers.py"
    path.write_text("# based-on: untouched\n# expect-lost: t1, t2\n# %% answer: answer_x\nx = 1\n\n# %% answer: answer_y\ny = 2\n")
    answers = parse_answers(path)
    assert answers.based_on == "untouched" and answers.expect_lost == ["t1", "t2"]
    assert answers.cells == {"answer_x": "x = 1", "answer_y": "y = 2"}


@pytest.mark.parametrize("text, message", [
    ("# based-on: half\n", "based-on must be"),
    ("# %% answer: a\nx = 1\n# %% answer: a\nx = 2\n", "given twice"),
])
def test_malformed_answers_file_is_rejected_with_its_name(tmp_path, text, message):
    path = tmp_path / "bad.answers.py"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as info:
        parse_answers(path)
    assert str(path) in str(info.value)


def test_answer_for_unknown_cell_is_rejected(tmp_path):
    source = build.source_notebook(LESSONS[0])
    path = tmp_path / "typo.answers.py"
    path.write_text("# %% answer: answer_does_not_exist\nx = 1\n")
    with pytest.raises(ValueError, match="no solution cell"):
        make_submission(source, source, parse_answers(path))


def test_reference_answers_strip_solution_markers():
    answers = reference_answers(build.source_notebook(LESSONS[0]))
    assert answers and all("### " not in code for code in answers.values())


def test_stated_mistake_ids_match_either_alternative_and_a_bare_id_any_lost_cell():
    from coursekit.submissions import mistake_mismatches

    got = {"t1": "lasso.cd.jacobi", "t2": "lasso.cd.diverged"}
    assert mistake_mismatches({"t1": "lasso.cd.no_intercept | lasso.cd.jacobi"}, got) == []
    assert mistake_mismatches({"": "lasso.cd.diverged"}, got) == []
    assert mistake_mismatches({"t1": "lasso.cd.no_intercept"}, got) == [("t1", "lasso.cd.no_intercept", "lasso.cd.jacobi")]
    assert mistake_mismatches({"": "lasso.cd.other | lasso.cd.x"}, got) == [("", "lasso.cd.other | lasso.cd.x", None)]
