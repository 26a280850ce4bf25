"""nbgrader configuration of the L1/L2 regularization course.

Run nbgrader from this directory (``cd autograder && nbgrader ...``) or through
``python -m coursekit``. The course root (source/, release/, submitted/, autograded/,
feedback/, gradebook.db) is ``$COURSE_ROOT`` or ``build/course`` in the repository: a
git-ignored working directory, never part of the tracked tree. ``source/`` there is
generated from ``autograder/authored/NN_topic.py`` by ``python -m coursekit build``.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

REPO_ROOT = Path(__file__).resolve().parent.parent

c.CourseDirectory.course_id = "l1l2-regularization"
c.CourseDirectory.root = os.environ.get("COURSE_ROOT", str(REPO_ROOT / "build" / "course"))

# The stub students see in every solution cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Per-cell time limit when validating or autograding (the default is 30 s).
c.Execute.timeout = 120
# One kernel start per notebook is enough: a failing kernel is an error, not a retry.
c.Execute.execute_retries = 0

# A submission whose student deleted a test cell gets the cell back (and graded) instead of
# silently losing it.
c.OverwriteCells.add_missing_cells = True
