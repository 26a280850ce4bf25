"""The class report: what the class got wrong, and which answers look copied (``coursekit class-report``).

Reads only what grading left in a course root (nbgrader's gradebook for the scores and flags, the
autograded notebooks for the judge's messages and mistake ids, the release and source notebooks for
the boilerplate) and writes one offline HTML page and a CSV next to it:

* per lesson and test cell: the pass rate; each named mistake (the judge's stable id, e.g.
  ``lasso.soft_threshold.no_clip``) with its count, the students who made it and the message as each
  student read it; the cells that were not judged (``not_judged.*``: time, memory, a dead kernel,
  malformed evidence, ...) counted apart; the flags; one bar chart per lesson (matplotlib, an embedded
  PNG);
* similarity (a pointer for a person, never a verdict, never a score): the students' answer cells
  compared pairwise with copydetect's winnowing fingerprints, the released notebook and the reference
  solution as boilerplate (the template, and the published solution, do not count), pairs over a
  threshold listed with both answers side by side; and value answers (``best_alpha``, kept-feature
  lists) that two students share exactly where the rest of the class's values differ.

Everything a student wrote is escaped; the page has no script, loads nothing (a Content-Security-Policy
of ``default-src 'none'`` with inline images and styles only), and reads offline.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

#: Pairs whose similarity (the smaller of the two shares of fingerprinted code found in the other) is
#: at least this are listed. Chosen on the suite's class: a copy with renamed variables and reordered
#: lines scores about 0.8-1.0, independent correct answers stay below about 0.3.
SIMILARITY_THRESHOLD = 0.5
#: copydetect's noise threshold k (characters of filtered code) and window size: its defaults (25, 30).
NOISE_K = 25
WINDOW = 30 - 25 + 1
#: Answers with fewer fingerprints than this (after the boilerplate is removed) are too short to compare.
MIN_FINGERPRINTS = 8
#: A value shared by at most this share of the class, in a cell where most values are unique.
VALUE_GROUP_SHARE = 0.1

REPORT_NAME = "class_report.html"
CSV_NAME = "class_report.csv"
NOT_JUDGED = "not_judged"
SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


@dataclass
class CellOutcome:
    student: str
    score: float
    max_score: float
    mistake: str | None = None
    message: str = ""


@dataclass
class LessonData:
    name: str
    cells: list[str] = field(default_factory=list)               # test cells, in the notebook's order
    max_scores: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, list[CellOutcome]] = field(default_factory=dict)  # grade_id -> one per student
    answers: dict[str, dict[str, str]] = field(default_factory=dict)      # student -> answer grade_id -> code
    values: dict[str, dict[str, str]] = field(default_factory=dict)       # test grade_id -> student -> digest
    flags: dict[str, list[str]] = field(default_factory=dict)             # student -> flag lines
    students: list[str] = field(default_factory=list)
    boilerplate: str = ""
    reference: dict[str, str] = field(default_factory=dict)              # answer grade_id -> reference code
    stub: dict[str, str] = field(default_factory=dict)                   # answer grade_id -> release stub


@dataclass
class Pair:
    lesson: str
    a: str
    b: str
    similarity: float
    cells: list[tuple[str, str, str]]  # (answer grade_id, a's code, b's code)


@dataclass
class ValueMatch:
    lesson: str
    grade_id: str
    students: list[str]
    distinct: int
    graded: int


# -- reading a course root --------------------------------------------------------------------

def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _is_test(cell) -> bool:
    m = _meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("grade")) and not m.get("solution")


def _is_answer(cell) -> bool:
    m = _meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("solution"))


def _first_error(cell) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return str(out.get("evalue", ""))
    return ""


def _read_notebook(path: Path):
    """An autograded notebook, without nbformat's schema validation (grading wrote it; validating 1400
    notebooks took most of the report's time)."""
    from nbformat import v4

    return v4.reads(Path(path).read_text(encoding="utf-8"))


def _gradebook(course_root: Path) -> dict[str, dict[str, tuple[dict, list[str]]]]:
    """lesson -> student -> ({grade_id: (score, max_score)}, flag lines), read from nbgrader's gradebook
    with a few SQL queries (nbgrader's ORM loads each grade's score lazily: 30 s for 1400 submissions).
    A grade's score is nbgrader's: the manual score if any, else the automatic one, plus extra credit."""
    import sqlite3

    from .flags import FLAG_PREFIX, _natural

    db = sqlite3.connect(f"file:{Path(course_root).resolve() / 'gradebook.db'}?mode=ro", uri=True)
    try:
        out: dict = {}
        for (lesson,) in db.execute("SELECT name FROM assignment ORDER BY name"):
            out[lesson] = {}
        for lesson, student in db.execute(
                "SELECT a.name, sa.student_id FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id"):
            out[lesson][student] = ({}, [])
        for lesson, student, gid, auto, manual, extra, max_score in db.execute(
                "SELECT a.name, sa.student_id, bc.name, g.auto_score, g.manual_score, g.extra_credit, gc.max_score "
                "FROM grade g JOIN submitted_notebook sn ON sn.id = g.notebook_id "
                "JOIN submitted_assignment sa ON sa.id = sn.assignment_id JOIN assignment a ON a.id = sa.assignment_id "
                "JOIN base_cell bc ON bc.id = g.cell_id JOIN grade_cells gc ON gc.id = g.cell_id"):
            score = (manual if manual is not None else auto or 0.0) + (extra or 0.0)
            out[lesson][student][0][gid] = (float(score), float(max_score))
        for lesson, student, comment in db.execute(
                "SELECT a.name, sa.student_id, c.auto_comment FROM comment c "
                "JOIN submitted_notebook sn ON sn.id = c.notebook_id JOIN submitted_assignment sa ON sa.id = sn.assignment_id "
                "JOIN assignment a ON a.id = sa.assignment_id WHERE c.auto_comment IS NOT NULL"):
            out[lesson][student][1].extend(line[len(FLAG_PREFIX):] for line in comment.splitlines()
                                           if line.startswith(FLAG_PREFIX))
        for submissions in out.values():
            for _, flags in submissions.values():
                flags.sort(key=_natural)
        return out
    finally:
        db.close()


def read_course(course_root: Path, lessons: list[str] | None = None) -> list[LessonData]:
    """Everything the report needs from a graded course root."""
    from .judge.preprocessors import MISTAKE_METADATA, VALUE_METADATA

    course_root = Path(course_root)
    out = []
    for name, submissions in _gradebook(course_root).items():
        if lessons and name not in lessons:
            continue
        lesson = LessonData(name)
        release = course_root / "release" / lesson.name / f"{lesson.name}.ipynb"
        source = course_root / "source" / lesson.name / f"{lesson.name}.ipynb"
        if release.is_file():
            rnb = nbformat.read(release, as_version=4)
            lesson.cells = [_meta(c)["grade_id"] for c in rnb.cells if _is_test(c)]
            lesson.stub = {_meta(c)["grade_id"]: c.source for c in rnb.cells if _is_answer(c)}
            lesson.boilerplate = "\n\n".join(c.source for c in rnb.cells if c.cell_type == "code")
        if source.is_file():
            snb = nbformat.read(source, as_version=4)
            lesson.reference = {_meta(c)["grade_id"]: "\n".join(
                line for line in c.source.splitlines() if not SOLUTION_MARKER.match(line))
                for c in snb.cells if _is_answer(c)}
        for student, (scores, flags) in sorted(submissions.items()):
            lesson.students.append(student)
            if flags:
                lesson.flags[student] = flags
            path = course_root / "autograded" / student / lesson.name / f"{lesson.name}.ipynb"
            graded = _read_notebook(path) if path.is_file() else None
            by_gid = {_meta(c).get("grade_id"): c for c in (graded.cells if graded else [])}
            for gid in lesson.cells or sorted(g for g in scores if g in by_gid and _is_test(by_gid[g])):
                if gid not in scores:
                    continue
                score, max_score = scores[gid]
                lesson.max_scores[gid] = max_score
                cell = by_gid.get(gid)
                mistake = cell.metadata.get(MISTAKE_METADATA) if cell is not None else None
                message = _first_error(cell) if cell is not None else ""
                if score < max_score and not mistake:
                    mistake = "unrecorded"  # graded before the judge recorded mistake ids
                lesson.outcomes.setdefault(gid, []).append(
                    CellOutcome(student, score, max_score, mistake if score < max_score else None, message))
                digest = cell.metadata.get(VALUE_METADATA) if cell is not None else None
                if isinstance(digest, str) and score >= max_score:
                    lesson.values.setdefault(gid, {})[student] = digest
            lesson.answers[student] = {_meta(c)["grade_id"]: c.source
                                       for c in (graded.cells if graded else []) if _is_answer(c)}
        if not lesson.cells:
            lesson.cells = sorted(lesson.outcomes)
        out.append(lesson)
    return out


# -- similarity -------------------------------------------------------------------------------

def _own_code(lesson: LessonData, student: str) -> dict[str, str]:
    """The student's answer cells that are neither the release stub nor the reference solution."""
    own = {}
    for gid, code in lesson.answers.get(student, {}).items():
        norm = code.strip()
        if norm and norm != lesson.stub.get(gid, "").strip() and norm != lesson.reference.get(gid, "").strip():
            own[gid] = code
    return own


def _fingerprint(code: str, boilerplate=None):
    from copydetect import CodeFingerprint

    return CodeFingerprint("answer.py", NOISE_K, WINDOW, boilerplate=boilerplate if boilerplate is not None else [],
                           fp=io.StringIO(code), language="python")


def similar_pairs(lesson: LessonData, threshold: float = SIMILARITY_THRESHOLD) -> list[Pair]:
    """Pairs of students whose own answer code (boilerplate removed) overlaps by at least ``threshold``,
    most similar first."""
    from copydetect import compare_files

    bp_text = lesson.boilerplate + "\n\n" + "\n\n".join(lesson.reference.values())
    import numpy as np

    boilerplate = np.unique(np.array(list(_fingerprint(bp_text).hashes))) if bp_text.strip() else []
    prints, own = {}, {}
    for student in lesson.students:
        code = _own_code(lesson, student)
        if not code:
            continue
        fp = _fingerprint("\n\n".join(code[g] for g in sorted(code)), boilerplate)
        if len(fp.hashes) >= MIN_FINGERPRINTS:
            prints[student], own[student] = fp, code
    hash_sets = {s: set(fp.hashes) for s, fp in prints.items()}
    pairs = []
    for a, b in itertools.combinations(sorted(prints), 2):
        shared = len(hash_sets[a] & hash_sets[b])
        if shared < threshold * min(len(hash_sets[a]), len(hash_sets[b])) * 0.5:
            continue  # cannot reach the threshold (a cheap bound before copydetect's own comparison)
        _, (sa, sb), _ = compare_files(prints[a], prints[b])
        similarity = float(min(sa, sb))
        if similarity >= threshold:
            gids = sorted(set(own[a]) | set(own[b]))
            cells = [(g, lesson.answers[a].get(g, ""), lesson.answers[b].get(g, "")) for g in gids]
            pairs.append(Pair(lesson.name, a, b, similarity, cells))
    return sorted(pairs, key=lambda p: (-p.similarity, p.a, p.b))


def value_matches(lesson: LessonData) -> list[ValueMatch]:
    """Students who share a value answer exactly in a cell where most of the class's values differ
    (a random split or seed of their own makes honest values differ)."""
    out = []
    for gid, by_student in lesson.values.items():
        graded = len(by_student)
        if graded < 4:
            continue
        groups = defaultdict(list)
        for student, digest in by_student.items():
            groups[digest].append(student)
        singles = sum(1 for g in groups.values() if len(g) == 1)
        if singles < graded / 2:
            continue  # most of the class agrees: a fixed split gives everyone the same value
        for students in groups.values():
            if 2 <= len(students) <= max(2, int(VALUE_GROUP_SHARE * graded)):
                out.append(ValueMatch(lesson.name, gid, sorted(students), len(groups), graded))
    return sorted(out, key=lambda m: (m.grade_id, m.students))


# -- the page ---------------------------------------------------------------------------------

def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _is_not_judged(mistake: str | None) -> bool:
    return bool(mistake) and mistake.startswith(f"{NOT_JUDGED}.")


def lesson_summary(lesson: LessonData) -> list[dict]:
    """Per test cell: graded, passed, pass rate, named mistakes (id -> students, messages), not judged."""
    rows = []
    for gid in lesson.cells:
        outcomes = lesson.outcomes.get(gid, [])
        passed = [o for o in outcomes if o.mistake is None]
        mistakes, not_judged = defaultdict(list), defaultdict(list)
        for o in outcomes:
            if o.mistake is not None:
                (not_judged if _is_not_judged(o.mistake) else mistakes)[o.mistake].append(o)
        rows.append({"grade_id": gid, "max_score": lesson.max_scores.get(gid, 0.0), "graded": len(outcomes),
                     "passed": len(passed), "rate": len(passed) / len(outcomes) if outcomes else None,
                     "mistakes": dict(sorted(mistakes.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
                     "not_judged": dict(sorted(not_judged.items()))})
    return rows


def _chart(lesson: LessonData, summary: list[dict]) -> str:
    """A horizontal stacked bar per test cell (passed / named mistake / not judged), as base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r["grade_id"] for r in summary]
    passed = [r["passed"] for r in summary]
    wrong = [sum(len(v) for v in r["mistakes"].values()) for r in summary]
    nj = [sum(len(v) for v in r["not_judged"].values()) for r in summary]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(names) + 1.2), dpi=80)
    y = range(len(names))
    ax.barh(y, passed, color="#4c9a2a", label="passed")
    ax.barh(y, wrong, left=passed, color="#c0392b", label="named mistake")
    ax.barh(y, nj, left=[p + w for p, w in zip(passed, wrong)], color="#999999", label="not judged")
    ax.set_yticks(list(y), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("students")
    ax.set_title(lesson.name, fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


CSS = """body{font-family:sans-serif;margin:1.5em;max-width:75em}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
pre{white-space:pre-wrap;margin:0;font-size:85%}.id{font-family:monospace}.note{background:#fff6d5;padding:.5em}
.side{table-layout:fixed;width:100%}.side td:first-child,.side th:first-child{width:16em}"""


def render(lessons: list[LessonData], pairs: dict[str, list[Pair]], values: dict[str, list[ValueMatch]],
           course_root: Path) -> str:
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
             "style-src 'unsafe-inline'\">",
             f"<title>Class report</title><style>{CSS}</style></head><body>",
             f"<h1>Class report</h1><p>Course root: {_e(Path(course_root).resolve())}. "
             "Mistakes are the judge's diagnoses (stable ids); messages are shown as each student read them.</p>"]
    parts.append("<h2>Contents</h2><ul>" + "".join(
        f"<li><a href='#{_e(l.name)}'>{_e(l.name)}</a> ({len(l.students)} students)</li>" for l in lessons)
        + "<li><a href='#similarity'>Similarity</a></li></ul>")
    for lesson in lessons:
        summary = lesson_summary(lesson)
        parts.append(f"<h2 id='{_e(lesson.name)}'>{_e(lesson.name)}</h2>")
        parts.append(f"<p>{len(lesson.students)} graded submissions.</p>")
        if summary:
            parts.append(f"<img alt='pass rate per test cell of {_e(lesson.name)}' "
                         f"src='data:image/png;base64,{_chart(lesson, summary)}'>")
        parts.append("<table><tr><th>test cell</th><th>points</th><th>passed</th><th>pass rate</th>"
                     "<th>named mistakes</th><th>not judged</th></tr>")
        for row in summary:
            rate = "-" if row["rate"] is None else f"{100 * row['rate']:.0f}%"
            mistakes = "".join(
                f"<details><summary><span class='id'>{_e(mid)}</span>: {len(os)} "
                f"({_e(', '.join(o.student for o in os))})</summary><ul>"
                + "".join(f"<li>{_e(o.student)}: {_e(o.message)}</li>" for o in os) + "</ul></details>"
                for mid, os in row["mistakes"].items()) or "-"
            nj = "".join(f"<div><span class='id'>{_e(mid)}</span>: {len(os)} "
                         f"({_e(', '.join(o.student for o in os))})</div>"
                         for mid, os in row["not_judged"].items()) or "-"
            parts.append(f"<tr><td class='id'>{_e(row['grade_id'])}</td><td>{row['max_score']:g}</td>"
                         f"<td>{row['passed']} / {row['graded']}</td><td>{rate}</td><td>{mistakes}</td>"
                         f"<td>{nj}</td></tr>")
        parts.append("</table>")
        if lesson.flags:
            parts.append("<h3>Flags</h3><ul>" + "".join(
                f"<li>{_e(s)}: {_e(f)}</li>" for s, fl in sorted(lesson.flags.items()) for f in fl) + "</ul>")
    parts.append("<h2 id='similarity'>Similarity</h2>")
    parts.append("<p class='note'>A pointer for a person to look at, not a verdict: similar code can have "
                 "innocent reasons (a shared tutorial, a hint followed closely). It never changes a score. "
                 f"Answer cells are compared with copydetect (winnowing fingerprints, k={NOISE_K}); the "
                 "released notebook and the reference solution are boilerplate and do not count. Pairs with a "
                 f"similarity of at least {SIMILARITY_THRESHOLD:g} are listed, most similar first.</p>")
    for lesson in lessons:
        lp, lv = pairs.get(lesson.name, []), values.get(lesson.name, [])
        parts.append(f"<h3>{_e(lesson.name)}</h3>")
        if not lp and not lv:
            parts.append("<p>No pair over the threshold, no shared value.</p>")
        for pair in lp:
            parts.append(f"<h4 class='pair'>{_e(pair.a)} and {_e(pair.b)}: similarity {pair.similarity:.2f}</h4>"
                         f"<table class='side'><tr><th>cell</th><th>{_e(pair.a)}</th><th>{_e(pair.b)}</th></tr>")
            for gid, ca, cb in pair.cells:
                parts.append(f"<tr><td class='id'>{_e(gid)}</td><td><pre>{_e(ca)}</pre></td>"
                             f"<td><pre>{_e(cb)}</pre></td></tr>")
            parts.append("</table>")
        for match in lv:
            parts.append(f"<p class='value'>Value answer <span class='id'>{_e(match.grade_id)}</span>: "
                         f"{_e(', '.join(match.students))} have exactly the same value, while the class's "
                         f"{match.graded} correct values take {match.distinct} different ones.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def csv_rows(lessons: list[LessonData], pairs: dict[str, list[Pair]], values: dict[str, list[ValueMatch]]):
    yield ["lesson", "grade_id", "kind", "id", "count", "students", "pass_rate"]
    for lesson in lessons:
        for row in lesson_summary(lesson):
            rate = "" if row["rate"] is None else f"{row['rate']:.4f}"
            yield [lesson.name, row["grade_id"], "passed", "", row["passed"], "", rate]
            for kind in ("mistakes", "not_judged"):
                for mid, os in row[kind].items():
                    yield [lesson.name, row["grade_id"], "mistake" if kind == "mistakes" else "not_judged", mid,
                           len(os), " ".join(o.student for o in os), rate]
        for pair in pairs.get(lesson.name, []):
            yield [lesson.name, "", "similar_pair", f"{pair.similarity:.3f}", 2, f"{pair.a} {pair.b}", ""]
        for match in values.get(lesson.name, []):
            yield [lesson.name, match.grade_id, "same_value", "", len(match.students), " ".join(match.students), ""]


def build_report(course_root: Path, out_dir: Path | None = None, lessons: list[str] | None = None,
                 threshold: float = SIMILARITY_THRESHOLD) -> Path:
    """Write ``class_report.html`` and ``class_report.csv`` (default: in the course root); return the page."""
    course_root = Path(course_root)
    out_dir = Path(out_dir) if out_dir else course_root
    data = read_course(course_root, lessons)
    pairs = {lesson.name: similar_pairs(lesson, threshold) for lesson in data}
    values = {lesson.name: value_matches(lesson) for lesson in data}
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / REPORT_NAME
    page.write_text(render(data, pairs, values, course_root), encoding="utf-8")
    with open(out_dir / CSV_NAME, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(csv_rows(data, pairs, values))
    return page


def mistake_counts(course_root: Path) -> Counter:
    """(lesson, grade_id, mistake id) -> number of students, for every lost cell of the course."""
    counts = Counter()
    for lesson in read_course(course_root):
        for gid, outcomes in lesson.outcomes.items():
            for o in outcomes:
                if o.mistake:
                    counts[(lesson.name, gid, o.mistake)] += 1
    return counts
