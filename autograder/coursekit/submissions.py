"""Make student submissions from a release notebook and an answers file.

An answers file (``*.answers.py``) describes one submission without copying a notebook::

    # based-on: solved            <- or "untouched": the starting point
    # expect-lost: rmse_sanity, rmse_matches_reference   <- (tests only) grade cells that must score 0
    # expect-score: 7             <- (red-team tests) the total an honest grader gives
    # expect-message: rmse_sanity: square root   <- (tests) words the cell's first message contains
    # expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.mse_no_sqrt
                                  <- (tests) the judge's mistake id for that cell (a bare id: some lost cell's)
    # %% answer: answer_rmse      <- grade_id of a solution cell; the code below replaces it
    def rmse(y_true, y_pred):
        ...

"solved" fills every solution cell with the reference answer from the authored source
(the ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers removed); "untouched" keeps
the stubs of the student notebook. ``# %% answer:`` blocks then replace single cells.
The sample class and the wrong-answer tests use this one format.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")
ANSWER_HEADER = re.compile(r"^# %% answer:\s*(\S+)\s*$")
KEY_LINE = re.compile(r"^#\s*(based-on|expect-lost|expect-score|expect-message|expect-mistake):\s*(.*)$")


@dataclass
class Answers:
    """A parsed answers file."""

    path: Path
    based_on: str = "solved"
    expect_lost: list[str] = field(default_factory=list)
    expect_score: float | None = None   # (red-team tests) the score an honest grader gives
    expect_messages: dict[str, list[str]] = field(default_factory=dict)  # grade_id -> words
    # grade_id -> the judge's mistake id for that cell; "" as the key: an id some lost cell must carry
    expect_mistakes: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)


def parse_answers(path: Path) -> Answers:
    """Read an answers file; raise ``ValueError`` naming the file on a malformed one."""
    path = Path(path)
    answers = Answers(path=path)
    current = None
    for lineno, line in enumerate(path.read_text().splitlines(), start=1):
        header = ANSWER_HEADER.match(line)
        if header:
            current = header.group(1)
            if current in answers.cells:
                raise ValueError(f"{path}:{lineno}: answer for {current!r} given twice")
            answers.cells[current] = ""
            continue
        if current is None:
            key = KEY_LINE.match(line)
            if key and key.group(1) == "based-on":
                answers.based_on = key.group(2).strip()
            elif key and key.group(1) == "expect-score":
                answers.expect_score = float(key.group(2))
            elif key and key.group(1) == "expect-mistake":
                gid, sep, mistake = key.group(2).strip().rpartition(":")
                answers.expect_mistakes[gid.strip() if sep else ""] = mistake.strip()
            elif key and key.group(1) == "expect-message":
                gid, _, words = key.group(2).partition(":")
                answers.expect_messages.setdefault(gid.strip(), []).append(words.strip())
            elif key:
                answers.expect_lost = [s.strip() for s in key.group(2).split(",") if s.strip()]
            continue
        answers.cells[current] += line + "\n"
    if answers.based_on not in ("solved", "untouched"):
        raise ValueError(f"{path}: based-on must be 'solved' or 'untouched', not {answers.based_on!r}")
    answers.cells = {k: v.strip("\n") for k, v in answers.cells.items()}
    return answers


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _is_solution(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


def reference_answers(source_nb) -> dict[str, str]:
    """grade_id -> solution code, for every solution cell of the instructor notebook."""
    return {
        _grade_id(cell): "\n".join(
            line for line in cell.source.splitlines() if not SOLUTION_MARKER.match(line))
        for cell in source_nb.cells if _is_solution(cell)
    }


def make_submission(release_nb, source_nb, answers: Answers):
    """The student notebook ``release_nb`` with its solution cells answered as ``answers`` says."""
    nb = copy.deepcopy(release_nb)
    filled = reference_answers(source_nb) if answers.based_on == "solved" else {}
    filled.update(answers.cells)
    solution_ids = {_grade_id(c) for c in nb.cells if _is_solution(c)}
    unknown = sorted(set(answers.cells) - solution_ids)
    if unknown:
        raise ValueError(f"{answers.path}: no solution cell with grade_id {unknown}; "
                         f"the lesson's solution cells are {sorted(solution_ids)}")
    for cell in nb.cells:
        gid = _grade_id(cell)
        if _is_solution(cell) and gid in filled:
            cell.source = filled[gid]
    return nb


def write_submission(release_path: Path, source_path: Path, answers_path: Path, dest: Path) -> Path:
    """Build the submission described by ``answers_path`` and write it to ``dest``."""
    release_nb = nbformat.read(release_path, as_version=4)
    source_nb = nbformat.read(source_path, as_version=4)
    nb = make_submission(release_nb, source_nb, parse_answers(answers_path))
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return dest


def mistake_mismatches(expect_mistakes: dict[str, str], mistakes: dict[str, str | None]) -> list[tuple[str, str, str | None]]:
    """The stated mistake ids (``# expect-mistake: <grade_id>: <id>``; ``<id> | <id>`` when either may
    be drawn; no grade_id: some lost cell carries it) that the graded ``mistakes`` (grade_id -> id)
    do not match, as (grade_id, stated, got)."""
    out = []
    for gid, mistake in expect_mistakes.items():
        allowed = {m.strip() for m in mistake.split("|")}
        got = mistakes.get(gid) if gid else next((m for m in mistakes.values() if m in allowed), None)
        if got not in allowed:
            out.append((gid, mistake, got))
    return out
