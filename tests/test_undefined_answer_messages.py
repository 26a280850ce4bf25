"""A test cell whose answer is undefined (its answer cell raised, e.g. a syntax error) names the
exercise to fix first, and so does a later answer that calls it (coursekit.judge.preprocessors).
The lesson-07 wrong answer ``priors_cell_has_a_syntax_error`` checks the first case end to end."""

from __future__ import annotations

import nbformat

from coursekit.judge.preprocessors import _name_missing_message


def _lesson():
    v4 = nbformat.v4
    answer = v4.new_code_cell("def coordinate_update(x_j, r, alpha)\n    return 0.0\n")
    answer.metadata["nbgrader"] = {"grade_id": "answer_coordinate_update", "solution": True, "grade": False}
    later = v4.new_code_cell("def lasso_cd(X, y, alpha):\n    return coordinate_update(X, y, alpha)\n")
    later.metadata["nbgrader"] = {"grade_id": "answer_lasso_cd", "solution": True, "grade": False}
    return v4.new_notebook(cells=[v4.new_markdown_cell("## 4. Exercise 2 — one coordinate-descent update"),
                                  answer, v4.new_markdown_cell("## 5. Exercise 3 — the full solver"), later])


def test_the_judges_undefined_name_names_the_exercise_that_defines_it():
    message = _name_missing_message(_lesson(), "name 'coordinate_update' is not defined: run the cell", True)
    assert message.startswith("name 'coordinate_update' is not defined when this test ran: "
                              "Exercise 2 — one coordinate-descent update defines it")


def test_a_later_answer_raising_that_name_error_points_at_the_earlier_exercise():
    raised = "lasso_cd(X, y, alpha) raised NameError: name 'coordinate_update' is not defined (X of shape (5, 2))."
    message = _name_missing_message(_lesson(), raised, False)
    assert message.startswith(raised) and "is the answer of Exercise 2 — one coordinate-descent update" in message


def test_a_name_no_answer_defines_keeps_the_message_and_headings_carry_no_control_characters():
    raised = "f raised NameError: name 'undefined_thing' is not defined"
    assert _name_missing_message(_lesson(), raised, False) == raised
    nb = _lesson()
    nb.cells[0].source = "## 4. Exercise 2 — \x1b[2Jclear the terminal"
    message = _name_missing_message(nb, "name 'coordinate_update' is not defined", True)
    assert "\x1b" not in message and "Exercise 2 defines it" in message
