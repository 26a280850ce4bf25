"""Grade one submission (one student, one lesson) with nbgrader, and read the gradebook.

:func:`grade_submission` is the unit of work: it checks the file first (missing, not JSON,
not a notebook, another lesson's notebook -> a clear message naming the file, nothing
written to the course), then copies it to ``submitted/``, runs ``nbgrader autograde`` and
``nbgrader generate_feedback`` for that one student in one child process with a time limit,
and reads the scores back from the gradebook. A failure of one submission never touches
another's records, so a class can be graded one submission at a time (and later in parallel,
each in its own process).

Inside ``nbgrader autograde`` the course's pipeline (``autograder/nbgrader_config.py``) runs
the submission in the sandbox (:mod:`coursekit.runner`) and lets the judge
(:mod:`coursekit.judge`) decide every test cell. When the sandbox cannot be set up, grading
refuses with the reason, unless ``unsandboxed=True`` (the result then says so).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from .build import release_path
from .nbgrader_cli import NbgraderError, run_nbgrader, run_nbgrader_steps, run_nbgrader_steps_here

#: Seconds one autograde run may take (all cells of one notebook, kernel start included). The
#: runner stops a notebook after its own total limit (600 s, nbgrader_config.py); this outer
#: limit only catches a stall of the harness itself, which is retried once.
AUTOGRADE_TIMEOUT = 900


class SubmissionError(ValueError):
    """A submission that cannot be graded; the message names the file and the reason."""


@dataclass
class CellScore:
    grade_id: str
    score: float
    max_score: float


@dataclass
class GradeResult:
    """Outcome of grading one submission. ``status`` is graded, rejected or failed."""

    student: str
    lesson: str
    path: Path
    status: str
    message: str = ""
    score: float | None = None
    max_score: float | None = None
    cells: list[CellScore] = field(default_factory=list)
    feedback: Path | None = None
    messages: dict[str, str] = field(default_factory=dict)  # grade_id -> first message of a lost cell
    # grade_id -> the stable id of the mistake the judge named in that test cell (lasso.soft_threshold.no_clip),
    # or why it was not judged (not_judged.time, ...); cells that passed are absent
    mistakes: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    sandboxed: bool = True
    notes: list[str] = field(default_factory=list)
    seconds: float | None = None  # wall time its worker spent grading it (unpacking to results)

    def cell_scores(self) -> dict[str, float]:
        return {c.grade_id: c.score for c in self.cells}


def db_url(course_root: Path) -> str:
    return f"sqlite:///{Path(course_root).resolve() / 'gradebook.db'}"


def _nbgrader_ids(nb) -> set[str]:
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if "grade_id" in c.metadata.get("nbgrader", {})}


def read_submission(path: Path, lesson: str, course_root: Path) -> nbformat.NotebookNode:
    """Load and check a submitted notebook; raise :class:`SubmissionError` when it is unusable."""
    path = Path(path)
    if not path.is_file():
        raise SubmissionError(f"{path}: missing: no submission for lesson {lesson}.")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SubmissionError(f"{path}: not valid notebook JSON ({exc}); re-download the notebook "
                              "from JupyterLab (File > Download) and submit it again.") from None
    try:
        nb = nbformat.from_dict(raw)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SubmissionError(f"{path}: JSON, but not a valid Jupyter notebook: {first}") from None
    expected = _nbgrader_ids(nbformat.read(release_path(course_root, lesson), as_version=4))
    got = _nbgrader_ids(nb)
    if not expected & got:
        other = [p.parent.name for p in sorted((Path(course_root) / "release").glob("*/*.ipynb"))
                 if p.parent.name != lesson and _nbgrader_ids(nbformat.read(p, as_version=4)) & got]
        where = f"it belongs to lesson {other[0]}" if other else "it has none of the lesson's graded cells"
        raise SubmissionError(f"{path}: submitted for lesson {lesson}, but {where}. "
                              f"Submit lessons/{lesson}.ipynb.")
    return nb


def read_scores(course_root: Path, lesson: str, student: str):
    """``(score, max_score, [CellScore, ...])`` of one submission, from the gradebook."""
    with Gradebook(db_url(course_root)) as gb:
        sub = gb.find_submission(lesson, student)
        cells = [CellScore(g.name, float(g.score), float(g.max_score))
                 for nb in sub.notebooks for g in nb.grades]
        return float(sub.score), float(sub.max_score), sorted(cells, key=lambda c: c.grade_id)


def read_autograded(course_root: Path, lesson: str, student: str):
    """The autograded notebook of one submission, or None when there is none."""
    path = Path(course_root) / "autograded" / student / lesson / f"{lesson}.ipynb"
    return nbformat.read(path, as_version=4) if path.is_file() else None


def read_messages(nb) -> dict[str, str]:
    """grade_id -> the first error message of each test cell that has one, in a graded notebook."""
    out = {}
    for cell in nb.cells if nb is not None else []:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                out[meta["grade_id"]] = f"{errors[0].get('ename')}: {errors[0].get('evalue')}"
    return out


def read_mistakes(nb) -> dict[str, str]:
    """grade_id -> the judge's mistake id of each test cell that has one, in a graded notebook
    (the test cell's ``l1l2_mistake`` metadata, :data:`coursekit.judge.preprocessors.MISTAKE_METADATA`)."""
    from .judge.preprocessors import MISTAKE_METADATA

    out = {}
    for cell in nb.cells if nb is not None else []:
        meta = cell.metadata.get("nbgrader", {})
        mistake = cell.metadata.get(MISTAKE_METADATA)
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and isinstance(mistake, str):
            out[meta["grade_id"]] = mistake
    return out


def read_runner_stop(nb) -> str | None:
    """The runner's message when it stopped the notebook early (a limit, a dead kernel), else None."""
    from .runner.execute import RUNNER_STOP, STOP_ERRORS

    stop = nb.metadata.get(RUNNER_STOP) if nb is not None else None
    if not isinstance(stop, dict):
        return None  # the runner did not stop it: an error named like the runner's is the student's own
    index = stop.get("cell")
    if isinstance(index, int) and 0 <= index < len(nb.cells) and nb.cells[index].cell_type == "code":
        cell = nb.cells[index]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") in STOP_ERRORS:
                gid = cell.metadata.get("nbgrader", {}).get("grade_id")
                return f"cell {index + 1}" + (f" ({gid})" if gid else "") + f": {out.get('evalue')}"
    return str(stop.get("why"))


def _printable_result(grade):
    """Every text of a result that a submission could shape (messages, notes, flags) with its control
    characters escaped (:func:`coursekit.terminal.printable`), whichever report prints it."""
    import functools

    from .terminal import printable

    @functools.wraps(grade)
    def wrapper(*args, **kwargs) -> GradeResult:
        result = grade(*args, **kwargs)
        result.message = printable(result.message)
        result.notes = [printable(n) for n in result.notes]
        result.flags = [printable(f) for f in result.flags]
        result.messages = {printable(k): printable(v) for k, v in result.messages.items()}
        return result

    return wrapper


def _prestart_judge(course_root: Path, lesson: str, env: dict) -> None:
    """Start this process's confined judge beside the notebook's run (a grading worker keeps it
    for the next submissions): it imports the lesson's checks while the kernel starts, instead
    of after the last cell. It gets the judge cache the grading's environment names."""
    from .judge import confine
    from .nbgrader_cli import JUDGE_CACHE

    source = course_root / "source" / lesson / f"{lesson}.ipynb"
    try:
        modules = confine.checks_modules(source)
    except OSError:
        return
    cache = env.get("L1L2_JUDGE_CACHE") or os.environ.get("L1L2_JUDGE_CACHE") or str(JUDGE_CACHE)
    confine.prestart(modules, cache=cache)


@_printable_result
def grade_submission(course_root: Path, lesson: str, student: str, path: Path,
                     timeout: float = AUTOGRADE_TIMEOUT, feedback: bool = True,
                     unsandboxed: bool = False, env: dict | None = None, in_process: bool = False,
                     timestamp: str | None = None, extra_files: dict[str, bytes] | None = None) -> GradeResult:
    """Autograde one student's notebook for one lesson; never raises for a bad submission.

    ``timestamp``: when the student submitted (the text of nbgrader's ``timestamp.txt``, as
    ``submit`` writes and ``collect`` copies it); the gradebook records it. Default: now.
    ``extra_files``: the submission folder's other files (relative path -> bytes), e.g. nbgrader's
    ``submission_secret.txt``, which ``release_feedback`` needs: they go where ``collect`` puts
    them, next to the notebook, and autograde carries them on as it does for a serial run.

    nbgrader runs in a child process, or with ``in_process=True`` in this one (a grading worker
    that grades submission after submission: :func:`~coursekit.nbgrader_cli.run_nbgrader_steps_here`).
    """
    from .runner.sandbox import SandboxUnavailable, check_available

    course_root = Path(course_root)
    result = GradeResult(student=student, lesson=lesson, path=Path(path), status="rejected",
                         sandboxed=not unsandboxed)
    try:
        read_submission(path, lesson, course_root)
    except SubmissionError as exc:
        result.message = str(exc)
        return result
    if not unsandboxed:
        try:
            check_available()
        except SandboxUnavailable as exc:
            result.status, result.message = "refused", f"not graded: the sandbox is unavailable: {exc}"
            return result
    env = {**(env or {}), **({"L1L2_UNSANDBOXED": "1"} if unsandboxed else {})}
    if in_process and not unsandboxed:
        _prestart_judge(course_root, lesson, env)
    dest = course_root / "submitted" / student / lesson
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, dest / f"{lesson}.ipynb")
    for rel, data in (extra_files or {}).items():
        target = (dest / rel).resolve()
        if dest.resolve() in target.parents:  # never outside the submission folder
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    stamp = timestamp or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    (dest / "timestamp.txt").write_text(stamp)
    try:
        steps = [["autograde", lesson, "--student", student, "--force"]]
        if feedback:
            steps.append(["generate_feedback", lesson, "--student", student, "--force"])
        for attempt in (1, 2):
            try:
                (run_nbgrader_steps_here if in_process else run_nbgrader_steps)(
                    course_root, steps, timeout=timeout, env=env)
                break
            except subprocess.TimeoutExpired:
                if attempt == 2:
                    raise
                result.notes.append(f"the grading harness stalled (no result after {timeout:.0f} s); "
                                    "retried once")
        result.score, result.max_score, result.cells = read_scores(course_root, lesson, student)
        graded = read_autograded(course_root, lesson, student)
        result.messages = read_messages(graded)
        result.mistakes = read_mistakes(graded)
        stop = read_runner_stop(graded)
        if stop:
            result.notes.append(f"stopped early: {stop}")
        from .runner.execute import CLEANUP_NOTES

        result.notes += [f"clean-up: {note}" for note in (graded.metadata.get(CLEANUP_NOTES, []) if graded else [])]
        from .flags import read_flags

        result.flags = read_flags(db_url(course_root), lesson, student)
        if feedback:
            result.feedback = course_root / "feedback" / student / lesson / f"{lesson}.html"
    except subprocess.TimeoutExpired:
        result.status, result.message = "failed", (f"{path}: the grading harness stalled twice "
                                                   f"(no result after {timeout:.0f} s, retried once).")
        return result
    except (NbgraderError, MissingEntry) as exc:
        result.status, result.message = "failed", f"{path}: {exc}"
        return result
    result.status = "graded"
    return result


def export_grades(course_root: Path, dest: Path) -> Path:
    """Write nbgrader's CSV export (CsvExportPlugin, via ``nbgrader export``) to ``dest``."""
    run_nbgrader(course_root, "export", "--to", str(Path(dest).resolve()))
    return Path(dest)


def format_score_table(results: list[GradeResult]) -> str:
    """Plain-text table: one row per student, one column per lesson, 'score / max'."""
    lessons = sorted({r.lesson for r in results})
    students = sorted({r.student for r in results})
    by_key = {(r.student, r.lesson): r for r in results}

    def cell(r):
        if r is None:
            return "-"
        if r.status == "graded":
            text = f"{r.score:g} / {r.max_score:g}"
            text += " FLAGGED" if r.flags else ""
            return text + (" UNSANDBOXED" if not r.sandboxed else "")
        return r.status

    rows = [["student", *lessons]] + [[s, *(cell(by_key.get((s, l))) for l in lessons)] for s in students]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
