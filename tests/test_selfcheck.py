"""`python -m coursekit check NOTEBOOK`: a reader's self-check, through the real grading unit."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import LESSONS
from coursekit.paths import LESSONS_DIR, REPO_ROOT
from coursekit.selfcheck import NotALesson, which_lesson


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_lesson_is_found_from_the_notebook_saved_anywhere(lesson, tmp_path):
    copy = tmp_path / "my copy.ipynb"
    shutil.copyfile(LESSONS_DIR / f"{lesson}.ipynb", copy)
    assert which_lesson(copy) == lesson


def test_another_lessons_notebook_or_a_non_notebook_is_refused_by_name(tmp_path):
    with pytest.raises(NotALesson, match=f"you asked to check lesson {LESSONS[1]}, but it looks like lesson {LESSONS[0]}"):
        which_lesson(LESSONS_DIR / f"{LESSONS[0]}.ipynb", LESSONS[1])
    junk = tmp_path / "notes.ipynb"
    junk.write_text("{}")
    with pytest.raises(NotALesson, match="none of the course's graded cells"):
        which_lesson(junk)


@pytest.mark.nbgrader
def test_check_prints_points_and_the_message_naming_each_mistake(sample_run, tmp_path):
    lesson = LESSONS[0]
    notebook = tmp_path / "anywhere" / "cleo.ipynb"
    notebook.parent.mkdir()
    shutil.copyfile(sample_run.course_root / "incoming" / "cleo" / f"{lesson}.ipynb", notebook)
    proc = subprocess.run([sys.executable, "-m", "coursekit", "check", str(notebook)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    cleo = sample_run.results[("cleo", lesson)]
    assert f"{lesson}: {cleo.score:g} / {cleo.max_score:g} points" in proc.stdout
    for cell in cleo.cells:
        status = "pass" if cell.score >= cell.max_score else "FAIL"
        assert f"{status}  {cell.grade_id}" in proc.stdout, proc.stdout
    assert "column of ones" in proc.stdout  # cleo's first mistake, named
    assert not (notebook.parent / "gradebook.db").exists() and sorted(notebook.parent.iterdir()) == [notebook]
