"""Benchmark (not a test): where the test suite's one-class run spends its time.

Grades exactly what ``tests/conftest.py``'s ``sample_run`` fixture grades (the sample class, every
wrong answer, correct variant, attack and notebook edit) in a fresh course root, with the same
workers, and prints the wall time, then the grading seconds per lesson and per kind of submission
(each worker's own wall time for the submission: unpacking, nbgrader, kernel, judge), and the
slowest submissions. Usage::

    .venv/bin/python autograder/benchmarks/suite_class.py [--workers N] [--top 25]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "autograder"), str(REPO / "tests")]
os.environ.setdefault("L1L2_COURSE_SECRET", "l1l2-test-suite")

from coursekit import sample_class  # noqa: E402


def _kind(student: str) -> str:
    for prefix in ("wrong-", "variant-", "attack-", "edit-"):
        if student.startswith(prefix):
            return prefix.rstrip("-")
    return "sample" if student in sample_class.students() else "other"


def main() -> None:
    import conftest  # noqa: PLC0415 - the suite's own job list

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="l1l2-suite-bench-") as tmp:
        os.environ.setdefault("L1L2_JUDGE_CACHE", str(Path(tmp) / "judge-cache"))
        started = time.perf_counter()
        results = sample_class.grade_sample_class(course_root=Path(tmp) / "course", lessons_dir=Path(tmp) / "lessons",
                                                  log=lambda *_: None, extra_jobs=conftest._batch_jobs,
                                                  progress=True, workers=args.workers)
        wall = time.perf_counter() - started
    graded = [r for r in results if r.seconds is not None]
    total = sum(r.seconds for r in graded)
    print(f"\n{len(results)} submissions, {args.workers} workers: {wall:.0f} s wall (building included), "
          f"{total:.0f} worker-s grading, {total / max(1, len(graded)):.1f} s per submission")
    for title, key in (("lesson", lambda r: r.lesson), ("kind", lambda r: _kind(r.student))):
        groups = collections.defaultdict(list)
        for r in graded:
            groups[key(r)].append(r.seconds)
        print(f"\n{title:<26} {'n':>4} {'total s':>8} {'mean s':>7} {'max s':>6}")
        for name, secs in sorted(groups.items()):
            print(f"{name:<26} {len(secs):>4} {sum(secs):>8.0f} {sum(secs) / len(secs):>7.1f} {max(secs):>6.1f}")
    print(f"\nslowest {args.top}:")
    for r in sorted(graded, key=lambda r: -r.seconds)[:args.top]:
        print(f"{r.seconds:>6.1f} s  {r.lesson} / {r.student} ({r.status})")


if __name__ == "__main__":
    main()
