"""How long the class report takes for a large class: 200 students x 7 lessons (1400 submissions).

Builds a synthetic graded course root (no grading: :mod:`coursekit.synthetic_class` writes the
gradebook rows and autograded notebooks grading would leave) in which every student hands in, per
lesson, one of the suite's answers files (the solved notebook, the untouched one, a known wrong answer
with its mistakes, a correct variant, or the report tests' copying pair), then times
``coursekit.classreport.build_report`` on it: reading the gradebook and 1400 notebooks, the mistake
tables, 7 charts and the pairwise similarity over each lesson's 200 students.

    .venv/bin/python autograder/benchmarks/class_report.py [--students 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    from nbgrader.api import Gradebook

    from coursekit import classreport
    from coursekit.grading import db_url
    from coursekit.paths import lesson_names
    from coursekit.submissions import parse_answers
    from coursekit.synthetic_class import add_graded, answers_notebook, make_course

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("--lessons", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="build the course here and keep it")
    args = ap.parse_args(argv)
    lessons = lesson_names()[: args.lessons]
    tmp = Path(tempfile.mkdtemp(prefix="l1l2-report-bench-"))
    root = args.keep or tmp / "course"
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(0)
    started = time.perf_counter()
    make_course(root, lessons)
    with Gradebook(db_url(root)) as gb:
        for lesson in lessons:
            choices = [REPO / "autograder" / "sample_class" / s / f"{lesson}.answers.py" for s in ("ada", "ben", "cleo")]
            for folder in ("wrong_answers", "correct_variants", "class_report"):
                choices += sorted((REPO / "tests" / folder / lesson).glob("*.answers.py"))
            notebooks = {path: (answers_notebook(root, lesson, path), parse_answers(path)) for path in choices}
            for i in range(args.students):
                path = choices[0] if rng.random() < 0.3 else rng.choice(choices)
                nb, parsed = notebooks[path]
                outcomes = {gid: (parsed.expect_mistakes.get(gid) or f"{lesson}.{gid}.synthetic",
                                  f"{gid}: a synthetic message naming the mistake of {path.name}")
                            for gid in parsed.expect_lost}
                if path.parent.name == "ben":
                    outcomes = {gid: ("not_judged.no_evidence", "the grader received no evidence")
                                for gid in _test_cells(nb)}
                values = {gid: f"{rng.getrandbits(64):016x}" for gid in _test_cells(nb)[-1:]}
                add_graded(gb, root, lesson, f"s{i:03d}", nb, outcomes, values)
    setup = time.perf_counter() - started
    started = time.perf_counter()
    page = classreport.build_report(root)
    seconds = time.perf_counter() - started
    print(f"synthetic course: {args.students} students x {len(lessons)} lessons "
          f"({args.students * len(lessons)} submissions), built in {setup:.0f} s")
    print(f"class report: {seconds:.1f} s -> {page} ({page.stat().st_size / 1e6:.1f} MB)")
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _test_cells(nb) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")]


if __name__ == "__main__":
    sys.exit(main())
