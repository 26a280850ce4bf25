"""The main job grades the bundled sample class with real nbgrader, as the README promises."""

from __future__ import annotations

import csv
import html
import re

import pytest

from conftest import LESSONS
from coursekit import sample_class
from coursekit.submissions import parse_answers


@pytest.mark.parametrize("lesson", LESSONS)
def test_solved_submission_scores_full_marks_on_every_cell(sample_run, lesson):
    result = sample_run.results[("ada", lesson)]
    assert result.status == "graded", result.message
    assert result.cells, "no graded cells were recorded"
    short = {c.grade_id: (c.score, c.max_score) for c in result.cells if c.score != c.max_score}
    assert not short, f"the solved notebook lost points on {short}"
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("lesson", LESSONS)
def test_untouched_notebook_scores_zero_on_every_autograded_cell(sample_run, lesson):
    result = sample_run.results[("ben", lesson)]
    assert result.status == "graded", result.message
    scored = {c.grade_id: c.score for c in result.cells if c.score != 0}
    assert not scored, f"the untouched notebook earned points on {scored}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_partly_wrong_submission_loses_exactly_its_mistakes(sample_run, lesson):
    answers = sample_class.SAMPLE_CLASS_DIR / "cleo" / f"{lesson}.answers.py"
    expected = set(parse_answers(answers).expect_lost)
    result = sample_run.results[("cleo", lesson)]
    assert result.status == "graded", result.message
    lost = {c.grade_id for c in result.cells if c.score < c.max_score}
    assert expected, f"{answers} should name the cells it loses (expect-lost)"
    assert lost == expected
    assert 0 < result.score < result.max_score


def test_corrupt_sample_submission_is_reported_by_file_name_and_others_are_graded(sample_run):
    result = sample_run.results[("dev", LESSONS[0])]
    assert result.status == "rejected"
    assert str(result.path) in result.message and "not valid notebook JSON" in result.message
    assert all(r.status == "graded" for (student, _), r in sample_run.results.items() if student != "dev")


def test_feedback_html_is_written_for_every_graded_submission(sample_run):
    for result in sample_run.results.values():
        if result.status == "graded":
            assert result.feedback and result.feedback.is_file(), result
            assert "<html" in result.feedback.read_text()[:2000].lower()


@pytest.mark.parametrize("lesson", LESSONS)
def test_feedback_names_each_lost_cell_with_its_message_and_reads_offline(sample_run, lesson):
    """The student's feedback page: math as MathML (no MathJax from a CDN, nothing loaded from the
    network), and each lost test cell listed by grade_id with the judge's message."""
    result = sample_run.results[("cleo", lesson)]
    page = result.feedback.read_text()
    assert "cdnjs" not in page and not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
    assert "<math" in page and "$$" not in page
    for cell in result.cells:
        if cell.score < cell.max_score:
            assert f"<code>{cell.grade_id}</code>" in page
            first_words = result.messages[cell.grade_id].removeprefix("CheckFailed: ")[:40]
            assert first_words in html.unescape(page), (cell.grade_id, first_words)


def test_report_prints_score_table_feedback_location_and_csv_export(sample_run):
    text = sample_class.report(list(sample_run.results.values()), sample_run.course_root)
    for (student, lesson), result in sample_run.results.items():
        assert student in text and lesson in text
    ada = sample_run.results[("ada", LESSONS[0])]
    assert f"{ada.score:g} / {ada.max_score:g}" in text
    assert "Feedback HTML:" in text and str(sample_run.course_root.resolve() / "feedback") in text
    with open(sample_run.course_root / "grades.csv") as fh:
        rows = list(csv.DictReader(fh))
    exported = {(r["student_id"], r["assignment"]): float(r["score"]) for r in rows}
    for (student, lesson), result in sample_run.results.items():
        if result.status == "graded":
            assert exported[(student, lesson)] == pytest.approx(result.score)
