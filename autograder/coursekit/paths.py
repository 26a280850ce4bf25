"""Where things live in the repository, and where the nbgrader course working directory is."""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
AUTOGRADER_DIR = REPO_ROOT / "autograder"
AUTHORED_DIR = AUTOGRADER_DIR / "authored"
SAMPLE_CLASS_DIR = AUTOGRADER_DIR / "sample_class"
LESSONS_DIR = REPO_ROOT / "lessons"
DATA_DIR = REPO_ROOT / "data"

#: Lesson names are NN_topic: two digits, an underscore, lower-case words joined by underscores.
LESSON_NAME = re.compile(r"^\d{2}_[a-z0-9]+(?:_[a-z0-9]+)*$")


def default_course_root() -> Path:
    """The nbgrader course root (source/, release/, submitted/, gradebook.db, ...).

    ``$COURSE_ROOT`` when set, else ``build/course`` in the repository (git-ignored).
    ``autograder/nbgrader_config.py`` reads the same variable, so running ``nbgrader`` from
    ``autograder/`` and running the course tooling work on the same directory.
    """
    return Path(os.environ.get("COURSE_ROOT", REPO_ROOT / "build" / "course")).resolve()


def lesson_names() -> list[str]:
    """All lessons, in order: the stems of ``autograder/authored/NN_topic.py``.

    ``$COURSE_LESSONS`` (comma-separated names) restricts the list, e.g. to work on one
    lesson while another is half-written.
    """
    names = sorted(p.stem for p in AUTHORED_DIR.glob("*.py"))
    bad = [n for n in names if not LESSON_NAME.match(n)]
    if bad:
        raise ValueError(f"authored files must be named NN_topic.py; bad names: {bad}")
    only = [n.strip() for n in os.environ.get("COURSE_LESSONS", "").split(",") if n.strip()]
    unknown = sorted(set(only) - set(names))
    if unknown:
        raise ValueError(f"COURSE_LESSONS names unknown lessons {unknown}; known: {names}")
    return [n for n in names if not only or n in only]
