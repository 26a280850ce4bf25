"""The instructor notebook (with solutions and hidden tests) passes all its own tests."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.nbgrader_cli import NbgraderError, run_nbgrader


@pytest.fixture(scope="module")
def validate_logs(tmp_path_factory) -> dict[str, str]:
    """``nbgrader validate`` of every lesson's source notebook (built from its authored source
    into a scratch course root, so this file does not wait for the one-class run), run side by
    side (one child process each, as many at a time as there are cores): lesson -> its log or
    its error."""
    course_root = tmp_path_factory.mktemp("validate") / "course"

    def validate(lesson):
        source = build.write_source(course_root, lesson)
        try:
            return run_nbgrader(course_root, "validate", str(source))
        except NbgraderError as exc:
            return str(exc)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(LESSONS, pool.map(validate, LESSONS)))


@pytest.mark.parametrize("lesson", LESSONS)
def test_nbgrader_validate_passes_on_the_solution_notebook(validate_logs, lesson):
    log = validate_logs[lesson]
    assert "Success! Your notebook passes all the tests." in log, log[-3000:]
