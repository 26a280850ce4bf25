"""The instructor notebook (with solutions and hidden tests) passes all its own tests."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import LESSONS
from coursekit.nbgrader_cli import NbgraderError, run_nbgrader


@pytest.fixture(scope="module")
def validate_logs(sample_run) -> dict[str, str]:
    """``nbgrader validate`` of every lesson's source notebook, run side by side (one child
    process each, as many at a time as there are cores): lesson -> its log or its error."""

    def validate(lesson):
        source = sample_run.course_root / "source" / lesson / f"{lesson}.ipynb"
        try:
            return run_nbgrader(sample_run.course_root, "validate", str(source))
        except NbgraderError as exc:
            return str(exc)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(LESSONS, pool.map(validate, LESSONS)))


@pytest.mark.parametrize("lesson", LESSONS)
def test_nbgrader_validate_passes_on_the_solution_notebook(validate_logs, lesson):
    log = validate_logs[lesson]
    assert "Success! Your notebook passes all the tests." in log, log[-3000:]
