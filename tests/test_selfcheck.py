"""`python -m coursekit check NOTEBOOK`: a reader's self-check, through the real grading unit."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import LESSONS
from coursekit import build
from coursekit.paths import LESSONS_DIR, REPO_ROOT, SAMPLE_CLASS_DIR
from coursekit.selfcheck import NotALesson, which_lesson
from coursekit.submissions import parse_answers, write_submission


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
def test_check_prints_points_and_the_message_naming_each_mistake(tmp_path):
    """Cleo's notebook, written from the committed student copy and her answers file, saved
    outside the repository: the check passes and fails exactly the cells her answers file says
    she loses (``expect-lost``, which the one-class run holds the instructor's grading to)."""
    lesson = LESSONS[0]
    answers = SAMPLE_CLASS_DIR / "cleo" / f"{lesson}.answers.py"
    notebook = write_submission(LESSONS_DIR / f"{lesson}.ipynb", build.write_source(tmp_path / "course", lesson),
                                answers, tmp_path / "anywhere" / "cleo.ipynb")
    proc = subprocess.run([sys.executable, "-m", "coursekit", "check", str(notebook)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
              for c in build.source_notebook(lesson).cells if c.metadata.get("nbgrader", {}).get("grade")}
    lost = set(parse_answers(answers).expect_lost)
    assert lost and lost < set(points), lost
    total = sum(points.values())
    assert f"{lesson}: {total - sum(points[g] for g in lost):g} / {total:g} points" in proc.stdout, proc.stdout
    for grade_id in points:
        status = "FAIL" if grade_id in lost else "pass"
        assert f"{status}  {grade_id}" in proc.stdout, proc.stdout
    listed = sorted(points, key=lambda g: proc.stdout.index(f"  {g}  "))
    assert listed == list(points), "test cells are listed in notebook order"
    assert "column of ones" in proc.stdout  # cleo's first mistake, named
    assert sorted(notebook.parent.iterdir()) == [notebook]  # nothing written next to it


@pytest.mark.nbgrader
def test_the_lesson_is_built_once_and_rebuilt_when_its_source_changes(tmp_path, monkeypatch):
    """Self-check reuses one build of the lesson (no nbgrader run, no new gradebook per check)."""
    from coursekit import selfcheck

    lesson = LESSONS[0]
    first = selfcheck.built_lesson(lesson, cache=tmp_path)
    assert (first / "gradebook.db").is_file() and build.release_path(first, lesson).is_file()
    stamp = (first / "gradebook.db").stat().st_mtime_ns
    assert selfcheck.built_lesson(lesson, cache=tmp_path) == first
    assert (first / "gradebook.db").stat().st_mtime_ns == stamp
    monkeypatch.setattr(selfcheck, "_build_key", lambda name: "another-version")
    second = selfcheck.built_lesson(lesson, cache=tmp_path)
    assert second != first and (second / "gradebook.db").is_file() and not first.exists()
