"""The instructor notebook (with solutions and hidden tests) passes all its own tests."""

from __future__ import annotations

import pytest

from conftest import LESSONS
from coursekit.nbgrader_cli import run_nbgrader


@pytest.mark.parametrize("lesson", LESSONS)
def test_nbgrader_validate_passes_on_the_solution_notebook(sample_run, lesson):
    source = sample_run.course_root / "source" / lesson / f"{lesson}.ipynb"
    log = run_nbgrader(sample_run.course_root, "validate", str(source))
    assert "Success! Your notebook passes all the tests." in log, log[-3000:]
