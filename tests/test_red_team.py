"""Red team: submissions that try to cheat or break the grader get exactly an honest score.

Each ``tests/red_team/<lesson>/*.answers.py`` is an attack written as an answers file; its
``expect-score`` is the score an honest grader gives (what the submission's real answers
deserve: the attack itself must gain nothing and cost the other cells nothing). Each is graded
with real nbgrader, in the sandbox, in the sample course. The notebook-edit attacks (test cells
deleted, edited, duplicated, retyped; points and grade_ids changed) are built below.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, answers_job, notebook_job, solved_notebook
from coursekit import build
from coursekit.grading import read_scores
from coursekit.submissions import parse_answers

RED_TEAM_DIR = Path(__file__).parent / "red_team"
CASES = [(lesson, path) for lesson in LESSONS for path in sorted((RED_TEAM_DIR / lesson).glob("*.answers.py"))]
#: Tight limits for the attacks, so the loop and memory attacks end quickly.
LIMITS = {"L1L2_CELL_TIMEOUT": "60", "L1L2_MEMORY_GB": "3"}
#: Lesson 01's slowest cell is its import cell: about 2 s alone, about 4 s while the suite keeps
#: both cores busy. Its 25 attacks include an endless loop and a recursive search of the whole
#: file system, which burn CPU until the limit stops them: 12 s, three times that cell's time.
LESSON_LIMITS = {"01_linear_regression": {**LIMITS, "L1L2_CELL_TIMEOUT": "12"}}


def test_red_team_covers_every_lesson_and_has_at_least_30_attacks():
    per_lesson = {lesson: sum(1 for l, _ in CASES if l == lesson) for lesson in LESSONS}
    assert all(n >= 1 for n in per_lesson.values()), per_lesson
    if len(LESSONS) == len(list((RED_TEAM_DIR).iterdir())):
        assert len(CASES) >= 30


def attack_student(attack: Path) -> str:
    return "attack-" + attack.name.removesuffix(".answers.py").replace("_", "-")


@pytest.mark.nbgrader
@pytest.mark.parametrize("lesson, attack", CASES, ids=[f"{l}/{p.name.removesuffix('.answers.py')}" for l, p in CASES])
def test_attack_gets_exactly_the_honest_score(sample_run, lesson, attack):
    answers = parse_answers(attack)
    assert answers.expect_score is not None, f"{attack}: an attack must state its honest score (expect-score)"
    result = sample_run.batch[(attack_student(attack), lesson)]  # graded with the sample class (batch_jobs)
    assert result.status == "graded", result.message
    assert result.score == answers.expect_score, (
        f"score {result.score}, honest score {answers.expect_score}; lost: "
        + "; ".join(f"{c.grade_id}: {result.messages.get(c.grade_id, '')[:150]}" for c in result.cells
                    if c.score < c.max_score))
    assert result.sandboxed


def _live_markup(html: str) -> list[str]:
    """Elements that run or load something, and on* / javascript: attributes, as an HTML parser sees them."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "img", "iframe", "object", "embed", "link", "meta", "style"):
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}")

    Parser().feed(html)
    return found


def _artefacts(root: Path):
    """Every graded artefact of the class: autograded notebooks, feedback pages, gradebook comments."""
    import sqlite3

    for folder in ("autograded", "feedback"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                yield str(path.relative_to(root)), path.read_bytes().decode("utf-8", "replace")
    with sqlite3.connect(root / "gradebook.db") as db:
        for row_id, text in db.execute("select id, auto_comment from comment where auto_comment is not null"):
            yield f"gradebook comment {row_id}", text


@pytest.mark.nbgrader
def test_no_graded_artefact_carries_the_secret_an_environment_value_or_a_host_file(sample_run):
    """Whatever the attacks did (errors carrying files, forged evidence, pipelines pointing at host
    paths), no verdict, feedback page or gradebook comment of the class contains the course secret,
    an environment value of the grading processes, or a line of a root-only host file; and nothing
    was written where an attack's pipeline pointed on the host."""
    import os

    canaries = {os.environ["L1L2_COURSE_SECRET"], os.environ["L1L2_REDTEAM_CANARY"]}
    shadow = [line.split(":")[1] for line in Path("/etc/shadow").read_text().splitlines()
              if len(line.split(":")) > 2 and len(line.split(":")[1]) > 20] if os.geteuid() == 0 else []
    leaks = [(where, canary[:12]) for where, text in _artefacts(sample_run.course_root)
             for canary in canaries | set(shadow) if canary in text]
    assert not leaks, leaks
    assert not Path("/tmp/l1l2-redteam-joblib-cache").exists()
    assert not Path("/tmp/l1l2-redteam-plan-target").exists()
    leaky = sample_run.batch[("attack-baseline-leaks-files-through-its-errors", "01_linear_regression")]
    assert "LEAK:" in leaky.messages["baseline_fitted_on_training_split"]  # the attack did run


# -- notebook edits -------------------------------------------------------------------------

LESSON = LESSONS[0]


def _test_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")]


def _edits():
    def delete(nb):
        nb.cells = [c for c in nb.cells if c not in _test_cells(nb)[:3]]

    def empty_source(nb):
        for c in _test_cells(nb):
            c.source = "pass"

    def duplicate(nb):
        cell = _test_cells(nb)[0]
        nb.cells.insert(nb.cells.index(cell), copy.deepcopy(cell))

    def retype(nb):
        for c in _test_cells(nb)[:2]:
            c.cell_type = "markdown"
            c.pop("outputs", None)
            c.pop("execution_count", None)

    def points(nb):
        for c in _test_cells(nb):
            c.metadata["nbgrader"]["points"] = 100

    def grade_ids(nb):
        for c in _test_cells(nb):
            c.metadata["nbgrader"]["grade_id"] += "_mine"

    def unlock(nb):
        for c in _test_cells(nb):
            c.metadata["nbgrader"]["locked"] = False
            c.metadata["nbgrader"]["grade"] = False

    return {"deleted test cells": delete, "test cells emptied": empty_source, "duplicated test cell": duplicate,
            "test cells retyped as markdown": retype, "points raised": points, "grade_ids changed": grade_ids,
            "test cells unlocked and ungraded": unlock}


EDITS = _edits()


def _edit_student(edit: str, solved: bool) -> str:
    return ("edit-solved-" if solved else "edit-") + hashlib.sha1(edit.encode()).hexdigest()[:8]


SOLVED_EDITS = ["deleted test cells", "grade_ids changed"]


def batch_jobs(course_root: Path) -> list:
    """The attacks and notebook edits, as jobs graded with the sample class (see conftest)."""
    jobs = [answers_job(course_root, lesson, attack_student(path), path,
                        env=LESSON_LIMITS.get(lesson, LIMITS), feedback=False)
            for lesson, path in CASES]
    release = nbformat.read(build.release_path(course_root, LESSON), as_version=4)
    for edit, apply in EDITS.items():
        nb = copy.deepcopy(release)
        apply(nb)
        jobs.append(notebook_job(course_root, LESSON, _edit_student(edit, False), nb, feedback=False))
    solved = solved_notebook(course_root, LESSON)
    for edit in SOLVED_EDITS:
        nb = nbformat.read(solved, as_version=4)
        EDITS[edit](nb)
        jobs.append(notebook_job(course_root, LESSON, _edit_student(edit, True), nb, feedback=False))
    return jobs


@pytest.mark.nbgrader
@pytest.mark.parametrize("edit", list(EDITS))
def test_edited_test_cells_never_raise_the_score(sample_run, edit):
    """On the untouched notebook every test cell scores 0, whatever the student did to the test cells;
    the edit is repaired (coursekit.restore), graded, and flagged for the instructor."""
    result = sample_run.batch[(_edit_student(edit, False), LESSON)]
    assert result.status == "graded", result.message
    assert result.score == 0, [(c.grade_id, c.score) for c in result.cells]
    assert result.max_score == read_scores(sample_run.course_root, LESSON, "ada")[1]
    assert any(": notebook-edit: " in flag for flag in result.flags), result.flags


@pytest.mark.nbgrader
@pytest.mark.parametrize("edit", SOLVED_EDITS)
def test_solved_notebook_with_edited_test_cells_keeps_full_marks(sample_run, edit):
    """An honest student who deleted or re-labelled a test cell by accident loses nothing: the cell is
    put back and graded."""
    result = sample_run.batch[(_edit_student(edit, True), LESSON)]
    assert result.status == "graded", result.message
    assert (result.score, result.max_score) == read_scores(sample_run.course_root, LESSON, "ada")[:2]


# -- what the attacks must not leave behind (issue 23) -----------------------------------------

OUTPUT_FLOODS = ["evidence_type_in_a_huge_display", "update_display_flood", "print_flood"]


@pytest.mark.nbgrader
@pytest.mark.parametrize("name", OUTPUT_FLOODS)
def test_output_floods_are_capped_in_the_graded_notebook(sample_run, name):
    """Every output kind counts toward a cell's 2 MB (update_display_data too), and a display that
    merely contains the evidence MIME type gets no evidence cap outside a test cell."""
    from coursekit.grading import read_autograded

    lesson = LESSONS[0]
    student = attack_student(RED_TEAM_DIR / lesson / f"{name}.answers.py")
    nb = read_autograded(sample_run.course_root, lesson, student)
    assert nb is not None
    for cell in nb.cells:
        size = len(str(cell.get("outputs", [])))
        assert size < 3 * 2**20, (cell.metadata.get("nbgrader", {}).get("grade_id"), size)
    texts = [o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream"]
    assert any("[output limit: more than 2 MB of output" in t for t in texts)


@pytest.mark.nbgrader
def test_active_outputs_are_gone_from_the_graded_notebook(sample_run):
    """The stored-XSS attack's graded notebook keeps text, drops JavaScript and widgets with a note,
    and its HTML and SVG hold no script, event handler or javascript: URL."""
    from coursekit.grading import read_autograded

    lesson = LESSONS[0]
    student = attack_student(RED_TEAM_DIR / lesson / "stored_xss_against_the_instructor.answers.py")
    nb = read_autograded(sample_run.course_root, lesson, student)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    mimes = {m for o in outputs for m in o.get("data", {})}
    assert not mimes & {"application/javascript", "application/vnd.jupyter.widget-view+json"}, mimes
    rich = " ".join(str(o["data"].get(m, "")) for o in outputs if "data" in o for m in ("text/html", "image/svg+xml"))
    assert "<b>table</b>" in rich
    live = _live_markup(rich)  # escaped text like "&lt;img onerror=...&gt;" is inert and allowed
    assert not live, live
    notes = [o.get("text", "") for o in outputs if o.get("output_type") == "stream"]
    assert any("removed by the grader: application/javascript" in n for n in notes), notes


@pytest.mark.nbgrader
def test_no_report_text_carries_a_control_character(sample_run):
    """Whatever a submission produced, the texts reports print (messages, notes, flags) hold no control
    character, and a student's exception named like the runner's stop is not reported as one."""
    import re

    control = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
    for key, result in {**sample_run.results, **sample_run.batch}.items():
        texts = [result.message, *result.notes, *result.flags, *result.messages.values()]
        assert not any(control.search(t) for t in texts), (key, [t for t in texts if control.search(t)])
    fake = sample_run.batch[(attack_student(RED_TEAM_DIR / LESSON / "fake_runner_note_with_terminal_escapes.answers.py"),
                             LESSON)]
    assert not any("stopped early" in n for n in fake.notes), fake.notes
