"""The instructor notebook (with solutions and hidden tests) passes ``nbgrader validate``.

The README's instructor steps run ``nbgrader validate`` on lesson 01's source notebook; this
test runs exactly that on the first lesson (``$COURSE_LESSONS`` decides which), built from its
authored source into a scratch course root so the file does not wait for the one-class run.

The other lessons are not validated here, because under ``nbgrader validate`` a hidden test is
a no-op (the probe finds no grading plan, ``coursekit_probe.runtime``), so validating them
would only re-run what two other tests already run on every lesson:

- the readers' site (``tests/test_site.py``) executes every solution cell and every visible
  check of every lesson, and any error fails the build;
- the sample class (``tests/test_sample_class.py``) grades Ada's solved notebook of every
  lesson with full marks, hidden tests and judge included.

Validating all seven cost about 190 s of the suite on 2 cores.
"""

from __future__ import annotations

import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.nbgrader_cli import NbgraderError, run_nbgrader


@pytest.mark.parametrize("lesson", LESSONS[:1])
def test_nbgrader_validate_passes_on_the_solution_notebook(tmp_path, lesson):
    course_root = tmp_path / "course"
    source = build.write_source(course_root, lesson)
    try:
        log = run_nbgrader(course_root, "validate", str(source))
    except NbgraderError as exc:
        log = str(exc)
    assert "Success! Your notebook passes all the tests." in log, log[-3000:]
