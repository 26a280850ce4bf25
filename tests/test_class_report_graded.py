"""The class report on the suite's one-class run (real grading, ``sample_run``): it counts what grading
recorded per cell, names Cleo's mistakes, and lists the copying pair (``tests/class_report``, graded
with the class) first in its lesson. (A file of its own: files using ``sample_run`` wait for the class.)
"""

from __future__ import annotations

from collections import Counter

import pytest

from coursekit import classreport
from test_class_report import COPIERS, LESSON


@pytest.mark.nbgrader
def test_report_of_the_graded_class(sample_run):
    """On the suite's one-class run (real grading): the report counts what grading recorded per
    cell, names Cleo's mistakes, and lists the copying pair first in its lesson."""
    root = sample_run.course_root
    results = {(r.student, r.lesson): r for r in [*sample_run.results.values(), *sample_run.batch.values()]
               if r.status == "graded"}
    recorded = Counter((lesson, gid, m) for (_, lesson), r in results.items() for gid, m in r.mistakes.items())
    in_report = Counter()  # other tests may grade more students into this course root: only the class's
    for lesson in classreport.read_course(root):
        for gid, outcomes in lesson.outcomes.items():
            in_report.update((lesson.name, gid, o.mistake) for o in outcomes
                             if o.mistake and o.mistake != "unrecorded" and (o.student, lesson.name) in results)
    assert in_report == recorded
    page = classreport.build_report(root, root / "report")
    text = page.read_text()
    assert "<script" not in text.lower()
    cleo = [m for (s, _), r in sample_run.results.items() if s == "cleo" for m in r.mistakes.values()]
    assert cleo and all(m in text for m in cleo)
    if (COPIERS[0], LESSON) in sample_run.batch:
        [lesson] = classreport.read_course(root, [LESSON])
        pairs = classreport.similar_pairs(lesson)
        assert pairs and (pairs[0].a, pairs[0].b) == COPIERS, [(p.a, p.b, round(p.similarity, 2)) for p in pairs[:5]]


@pytest.mark.nbgrader
def test_cleo_carries_the_mistakes_her_answers_state(sample_run):
    from coursekit import sample_class
    from coursekit.submissions import parse_answers

    for (student, lesson), result in sample_run.results.items():
        path = sample_class.SAMPLE_CLASS_DIR / student / f"{lesson}.answers.py"
        if student != "cleo" or not path.is_file():
            continue
        for gid, mistake in parse_answers(path).expect_mistakes.items():
            assert result.mistakes.get(gid) == mistake, f"{lesson} {gid}: {result.mistakes.get(gid)} != {mistake}"


@pytest.mark.nbgrader
def test_a_submission_the_runner_stopped_has_not_judged_cells(sample_run):
    """A kernel that died or ran past a limit: the cells it did not run are not judged, with an id that
    says why (not_judged.time / memory / kernel_died), never a mistake of the student's answer."""
    stopped = [r for r in sample_run.batch.values() if r.status == "graded" and any(n.startswith("stopped early") for n in r.notes)]
    assert stopped, "the suite's class has submissions the runner stopped (red-team attacks)"
    from coursekit.judge.verdict import NOT_JUDGED_IDS

    stop_kinds = {NOT_JUDGED_IDS[k] for k in ("time", "memory", "kernel_died")}
    assert any(set(r.mistakes.values()) & stop_kinds for r in stopped), [(r.student, r.mistakes) for r in stopped]
    every = {m for r in [*sample_run.results.values(), *sample_run.batch.values()] for m in r.mistakes.values()}
    assert {m for m in every if m.startswith("not_judged.")} <= set(NOT_JUDGED_IDS.values())
