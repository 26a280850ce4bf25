"""Independent wrong answers (and correct variants) share one graded submission.

Every wrong answer is still graded, but a lesson's wrong answers that cannot interfere with each
other are written into the **same** solved notebook and graded once: that halves the
submissions the suite grades (each one costs a kernel, the lesson's imports and every cell).

Two answers files may share a submission when

- they replace different solution cells, and
- their **reaches** are disjoint. The reach of a solution cell is every test cell that some
  known wrong answer of that cell loses (the union of the ``expect-lost`` lists of the files
  that replace it), so it includes the cells downstream of it: in lesson 06 a wrong
  ``weight_penalty`` also loses ``manual_l2_loop_matches_reference``, so a penalty answer and a
  training-loop answer are never graded together. An answers file's reach is the union of its
  cells' reaches.

The tests then check, for each answer in a shared submission, that the submission lost
exactly the union of the members' ``expect-lost`` cells (no cell outside any member's reach),
that the cells of its own reach lost are exactly its own ``expect-lost``, and that its cells'
first messages name its own mistake. ``L1L2_ANSWERS_ALONE=1`` grades every file alone (to see
whether a failure comes from a combination).

Grouping is greedy in file-name order, so it is deterministic.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coursekit.submissions import Answers, parse_answers


def cell_reach(wrong_answers: list[Answers]) -> dict[str, set[str]]:
    """Solution cell grade_id -> the test cells its known wrong answers lose."""
    reach: dict[str, set[str]] = {}
    for answers in wrong_answers:
        for cell in answers.cells:
            reach.setdefault(cell, set()).update(answers.expect_lost)
    return reach


def answers_reach(answers: Answers, reach: dict[str, set[str]]) -> set[str]:
    """The test cells an answers file can affect: its cells' reaches and its own expect-lost."""
    return set(answers.expect_lost).union(*(reach.get(cell, set()) for cell in answers.cells))


@dataclass
class Group:
    """Answers files graded as one submission, under ``student``."""

    student: str
    members: list[Answers]

    @property
    def expect_lost(self) -> set[str]:
        return set().union(*(set(m.expect_lost) for m in self.members))

    def names(self) -> list[str]:
        return [m.path.name.removesuffix(".answers.py") for m in self.members]


def group_answers(files: list[Path], reach: dict[str, set[str]], prefix: str) -> list[Group]:
    """Pack ``files`` (one lesson's) into groups of mutually independent answers (see module doc).

    Each group's student id is ``<prefix><first member's name>`` (dashes for underscores), so a
    file graded alone keeps the id it always had.
    """
    alone = os.environ.get("L1L2_ANSWERS_ALONE") == "1"
    groups: list[tuple[set[str], set[str], list[Answers]]] = []  # (cells, reach, members)
    for path in sorted(files):
        answers = parse_answers(path)
        if answers.based_on != "solved":
            raise ValueError(f"{path}: only answers based on the solved notebook can share a submission")
        cells, own = set(answers.cells), answers_reach(answers, reach)
        for g_cells, g_reach, members in ([] if alone else groups):
            if not cells & g_cells and not own & g_reach:
                g_cells |= cells
                g_reach |= own
                members.append(answers)
                break
        else:
            groups.append((cells, own, [answers]))
    return [Group(prefix + members[0].path.name.removesuffix(".answers.py").replace("_", "-"), members)
            for _, _, members in groups]


def combined_answers_text(group: Group) -> str:
    """One answers file with every member's cells (headers and expectations dropped)."""
    parts = ["# based-on: solved"]
    for member in group.members:
        for cell, source in member.cells.items():
            parts.append(f"# %% answer: {cell}\n{source}")
    return "\n".join(parts) + "\n"
