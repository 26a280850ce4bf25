"""Correct answers written differently keep full marks (other algorithms, other APIs, lists
instead of arrays, prints and warnings on the way).

Each ``tests/correct_variants/<lesson>/*.answers.py`` is graded with real nbgrader with the
sample class (one class, see conftest) and must score every point. Variants that replace
different cells with disjoint reaches share one submission (``tests/answer_groups.py``).
"""

from __future__ import annotations

import pytest

from conftest import CORRECT_VARIANTS_DIR, LESSONS, group_of, variant_groups

CASES = [(lesson, path) for lesson in LESSONS for path in sorted((CORRECT_VARIANTS_DIR / lesson).glob("*.answers.py"))]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_three_correct_variants(lesson):
    assert sum(1 for l, _ in CASES if l == lesson) >= 3, f"add correct variants under {CORRECT_VARIANTS_DIR / lesson}"


@pytest.mark.nbgrader
@pytest.mark.parametrize("lesson, answers", CASES, ids=[f"{l}/{p.name.removesuffix('.answers.py')}" for l, p in CASES])
def test_correct_variant_keeps_full_marks(sample_run, lesson, answers):
    group = group_of(variant_groups(lesson), answers)
    result = sample_run.batch[(group.student, lesson)]
    assert result.status == "graded", result.message
    lost = {c.grade_id: result.messages.get(c.grade_id, "")[:300] for c in result.cells if c.score < c.max_score}
    assert not lost, (lost, f"graded in one submission with {group.names()}" if len(group.members) > 1 else "")
