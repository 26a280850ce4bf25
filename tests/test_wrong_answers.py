"""Each known wrong answer loses exactly the points of the tests that should catch it.

Every ``tests/wrong_answers/<lesson>/*.answers.py`` is turned into a submission (the solved
notebook with the named cells replaced) and autograded with real nbgrader (with the sample class,
as one class); the set of test cells that lose points must equal the file's ``expect-lost`` list.
Independent wrong answers of a lesson share one submission (``tests/answer_groups.py``): the
cells it loses must then equal the union of its members' lists, and among the cells this answer
can reach exactly its own list (``L1L2_ANSWERS_ALONE=1`` grades each file alone).
"""

from __future__ import annotations

import pytest

from answer_groups import answers_reach
from conftest import LESSONS, WRONG_ANSWERS_DIR, _reach, group_of, wrong_answer_groups
from coursekit.submissions import mistake_mismatches, parse_answers

CASES = [(lesson, path) for lesson in LESSONS
         for path in sorted((WRONG_ANSWERS_DIR / lesson).glob("*.answers.py"))]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_wrong_answers_to_test_its_hidden_tests(lesson):
    assert len([c for c in CASES if c[0] == lesson]) >= 3, f"add wrong answers under {WRONG_ANSWERS_DIR / lesson}"


@pytest.mark.parametrize("lesson, answers", CASES, ids=[f"{l}/{p.name.removesuffix('.answers.py')}" for l, p in CASES])
def test_wrong_answer_loses_exactly_the_expected_tests(sample_run, lesson, answers):
    parsed = parse_answers(answers)
    expected = set(parsed.expect_lost)
    assert expected, f"{answers}: a wrong answer must name the test cells it loses"
    group = group_of(wrong_answer_groups(lesson), answers)
    result = sample_run.batch[(group.student, lesson)]  # graded with the sample class
    assert result.status == "graded", result.message
    unknown = expected - {c.grade_id for c in result.cells}
    assert not unknown, f"expect-lost names cells that do not exist: {unknown}"
    lost = {c.grade_id for c in result.cells if c.score < c.max_score}
    shared = f" (one submission, {group.student}, graded {group.names()})" if len(group.members) > 1 else ""
    assert lost & answers_reach(parsed, _reach(lesson)) == expected, (
        f"lost {sorted(lost)}, expected {sorted(expected)}{shared}")
    assert lost == group.expect_lost, f"lost {sorted(lost)}, expected the union {sorted(group.expect_lost)}{shared}"
    for cell in result.cells:
        assert cell.score in (0, cell.max_score), f"{cell.grade_id} got partial credit {cell.score}"


@pytest.mark.parametrize("lesson, answers", CASES, ids=[f"{l}/{p.name.removesuffix('.answers.py')}" for l, p in CASES])
def test_first_message_of_every_lost_cell_names_the_mistake(sample_run, lesson, answers):
    """Each lost cell's first message (the judge's verdict, what the feedback shows first) contains
    the words the answers file states for it (``# expect-message: <grade_id>: <words>``)."""
    parsed = parse_answers(answers)
    missing = sorted(set(parsed.expect_lost) - set(parsed.expect_messages))
    assert not missing, f"{answers}: add `# expect-message: <grade_id>: <words>` for {missing}"
    result = sample_run.batch[(group_of(wrong_answer_groups(lesson), answers).student, lesson)]
    for gid, phrases in parsed.expect_messages.items():
        message = result.messages.get(gid, "")
        assert message.startswith("CheckFailed: "), f"{gid}: the first message is not the judge's: {message[:300]}"
        for words in phrases:
            assert words.lower() in message.lower(), f"{gid}: {words!r} not in its message: {message[:500]}"


@pytest.mark.parametrize("lesson, answers", CASES, ids=[f"{l}/{p.name.removesuffix('.answers.py')}" for l, p in CASES])
def test_lost_cells_carry_the_stated_mistake_id(sample_run, lesson, answers):
    """The judge records a stable mistake id per lost cell (``GradeResult.mistakes``, from the test cell's
    ``l1l2_mistake`` metadata); it equals the id the answers file states
    (``# expect-mistake: <grade_id>: <id>``, or ``<id> | <id>`` when either may be drawn; a bare id:
    one of the lost cells carries it)."""
    parsed = parse_answers(answers)
    if not parsed.expect_mistakes:
        pytest.skip("this wrong answer states no mistake id")
    result = sample_run.batch[(group_of(wrong_answer_groups(lesson), answers).student, lesson)]
    lost = {c.grade_id for c in result.cells if c.score < c.max_score}
    assert lost <= set(result.mistakes), f"lost cells without a mistake id: {sorted(lost - set(result.mistakes))}"
    # "a | b": either id (the diagnosis depends on the random problem the student drew, e.g. a
    # penalised intercept thresholded to exactly 0 is also "no intercept"); the same rule as try-answers
    mismatches = mistake_mismatches(parsed.expect_mistakes, result.mistakes)
    assert not mismatches, [f"{gid or 'a lost cell'}: stated {want}, got {got}" for gid, want, got in mismatches]
