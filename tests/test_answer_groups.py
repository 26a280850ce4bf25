"""The suite's shared submissions (tests/answer_groups.py): only independent answers share one."""

from __future__ import annotations

import pytest

from answer_groups import answers_reach, cell_reach, combined_answers_text, group_answers
from conftest import CORRECT_VARIANTS_DIR, LESSONS, WRONG_ANSWERS_DIR, _answer_files as _files, _reach, variant_groups, wrong_answer_groups
from coursekit.submissions import parse_answers


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_answers_file_is_graded_in_exactly_one_submission(lesson):
    for groups, folder in ((wrong_answer_groups(lesson), WRONG_ANSWERS_DIR), (variant_groups(lesson), CORRECT_VARIANTS_DIR)):
        members = [m.path for g in groups for m in g.members]
        assert sorted(members) == _files(folder, lesson)
        assert len({g.student for g in groups}) == len(groups)


@pytest.mark.parametrize("lesson", LESSONS)
def test_answers_sharing_a_submission_touch_different_cells_and_reaches(lesson):
    reach = _reach(lesson)
    for group in wrong_answer_groups(lesson) + variant_groups(lesson):
        for i, a in enumerate(group.members):
            for b in group.members[i + 1:]:
                assert not set(a.cells) & set(b.cells), (group.student, a.path.name, b.path.name)
                assert not answers_reach(a, reach) & answers_reach(b, reach), (group.student, a.path.name, b.path.name)


def test_a_cell_whose_wrong_answers_break_a_later_cell_never_shares_with_that_cells_answers():
    """Lesson 06: a wrong weight_penalty also fails the manual training loop (it calls the penalty),
    so no penalty answer is graded together with a training-loop answer."""
    lesson = "06_pytorch_weight_decay"
    assert "manual_l2_loop_matches_reference" in _reach(lesson)["answer_weight_penalty"]
    for group in wrong_answer_groups(lesson):
        cells = [set(m.cells) for m in group.members]
        assert not (any("answer_weight_penalty" in c for c in cells) and any("answer_train_manual_l2" in c for c in cells))


def test_independent_answers_share_a_submission():
    """Lesson 07's wrong answers touch five different cells with separate tests: a handful of submissions."""
    groups = wrong_answer_groups("07_choosing_lambda")
    assert len(groups) < len(_files(WRONG_ANSWERS_DIR, "07_choosing_lambda")) / 2


def test_alone_switch_grades_every_file_by_itself(monkeypatch):
    monkeypatch.setenv("L1L2_ANSWERS_ALONE", "1")
    for lesson in LESSONS:
        groups = wrong_answer_groups(lesson)
        assert all(len(g.members) == 1 for g in groups)
        # a file graded alone keeps the student id it always had
        assert {g.student for g in groups} == {"wrong-" + p.name.removesuffix(".answers.py").replace("_", "-")
                                               for p in _files(WRONG_ANSWERS_DIR, lesson)}


def test_combined_answers_file_holds_every_members_cells(tmp_path):
    for group in wrong_answer_groups("06_pytorch_weight_decay"):
        path = tmp_path / f"{group.student}.answers.py"
        path.write_text(combined_answers_text(group))
        combined = parse_answers(path)
        assert combined.based_on == "solved"
        assert combined.cells == {cell: src for m in group.members for cell, src in m.cells.items()}


def test_reach_is_the_union_of_the_known_wrong_answers_losses(tmp_path):
    a = tmp_path / "a.answers.py"
    a.write_text("# expect-lost: t1, t2\n# %% answer: c1\nx = 1\n")
    b = tmp_path / "b.answers.py"
    b.write_text("# expect-lost: t3\n# %% answer: c1\nx = 2\n")
    c = tmp_path / "c.answers.py"
    c.write_text("# expect-lost: t2\n# %% answer: c2\ny = 1\n")
    d = tmp_path / "d.answers.py"
    d.write_text("# expect-lost: t4\n# %% answer: c3\nz = 1\n")
    reach = cell_reach([parse_answers(p) for p in (a, b, c, d)])
    assert reach == {"c1": {"t1", "t2", "t3"}, "c2": {"t2"}, "c3": {"t4"}}
    groups = group_answers([a, b, c, d], reach, "wrong-")
    # a and b replace the same cell; c reaches t2 like a: neither shares with a; d shares with a
    assert [g.names() for g in groups] == [["a", "d"], ["b"], ["c"]]


def test_answers_not_based_on_the_solved_notebook_are_refused(tmp_path):
    path = tmp_path / "x.answers.py"
    path.write_text("# based-on: untouched\n# expect-lost: t\n# %% answer: c\npass\n")
    with pytest.raises(ValueError, match="solved"):
        group_answers([path], {}, "wrong-")
