"""Feedback HTML is readable offline: the lessons' TeX becomes MathML (coursekit.feedback)."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import LESSONS
from coursekit.feedback import tex_to_mathml
from coursekit.paths import LESSONS_DIR


def test_display_inline_and_code_math_are_told_apart():
    out = tex_to_mathml(r"cost $\frac{1}{2n}\|r\|^2$, code `$x$`, price \$5, and $$\alpha \|w\|_1$$")
    assert out.count("<math") == 2 and 'display="block"' in out and 'display="inline"' in out
    assert "`$x$`" in out and r"\$5" in out


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_formula_of_a_lesson_becomes_mathml(lesson):
    nb = nbformat.read(LESSONS_DIR / f"{lesson}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "$" not in cell.source:
            continue
        out = re.sub(r"`[^`]*`", "", tex_to_mathml(cell.source))
        assert "$" not in out.replace(r"\$", ""), f"TeX left in: {cell.source[:200]}"
        assert "<math" in out and "<code>" not in out, f"a formula latex2mathml could not read: {out[:300]}"


def test_the_feedback_preprocessor_is_enabled_and_converts_markdown_only():
    """nbconvert runs a preprocessor through __call__, which skips it unless it is enabled."""
    from coursekit.feedback import MathToMathML

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("cost $\\alpha\\|w\\|_1$"),
                                         nbformat.v4.new_code_cell("x = '$a$'")])
    nb, _ = MathToMathML()(nb, {})
    assert "<math" in nb.cells[0].source and nb.cells[1].source == "x = '$a$'"
