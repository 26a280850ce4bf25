"""Benchmark (not a test): grading a synthetic class serially, on the local pool, and on Dask.

The class: for each of lessons 01, 02, 03 and 06, the solved notebook, the untouched one and
every known wrong answer up to ``--per-lesson`` submissions (default 6: 24 in all). Three runs,
each into a fresh copy of one built course root sharing one course secret:

* serial: plain ``nbgrader autograde <lesson>`` over all the class's submissions, one lesson
  after another (nbgrader's own serial loop, one process per lesson);
* pool:   ``grade_jobs`` with the local process pool (``--workers``, default: cores);
* dask:   ``grade_jobs`` on a Dask LocalCluster of ``--dask-workers`` (default 3) processes.

Prints wall time, speed-up over serial, peak resident memory of the whole process tree, the
machine's busy CPU seconds during each run (kernels included: run it on a quiet machine) and the
mean number of busy cores, and whether every run gave identical scores per cell. Each run starts with an empty judge cache
(``L1L2_JUDGE_CACHE`` in a fresh directory), so none profits from another's work. Usage::

    .venv/bin/python autograder/benchmarks/class_grading.py [--per-lesson 6] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "autograder"))

from coursekit import build  # noqa: E402
from coursekit.classgrading import Job, grade_jobs  # noqa: E402
from coursekit.submissions import write_submission  # noqa: E402

LESSONS = ["01_linear_regression", "02_lasso", "03_ridge", "06_pytorch_weight_decay"]


class PeakMemory:
    """Peak RSS of this process and all its descendants, sampled every 0.5 s."""

    def __init__(self):
        self.peak, self._stop = 0, threading.Event()

    def __enter__(self):
        threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self):
        me = psutil.Process()
        while not self._stop.wait(0.5):
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    def __exit__(self, *exc):
        self._stop.set()


def cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (all cores, every process; psutil.cpu_times).

    Machine-wide on purpose: the sandboxed kernels are not children this process waits for, so
    its own rusage misses them. Run the benchmark on an otherwise quiet machine.
    """
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


def class_jobs(root: Path, per_lesson: int) -> list[Job]:
    jobs = []
    for lesson in LESSONS:
        files = [None, "untouched"] + sorted((REPO / "tests" / "wrong_answers" / lesson).glob("*.answers.py"))
        for i, answers in enumerate(files[:per_lesson]):
            student = f"s{i:02d}"
            path = root / "answers" / lesson / f"{student}.answers.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            if answers is None:
                path.write_text("# based-on: solved\n")
            elif answers == "untouched":
                path.write_text("# based-on: untouched\n")
            else:
                shutil.copyfile(answers, path)
            nb = write_submission(build.release_path(root, lesson), root / "source" / lesson / f"{lesson}.ipynb",
                                  path, root / "incoming" / student / f"{lesson}.ipynb")
            jobs.append(Job(student, lesson, nb.read_bytes(), str(nb), feedback=False))
    return jobs


def scores(results) -> dict:
    return {(r.student, r.lesson): (r.status, tuple((c.grade_id, c.score) for c in r.cells)) for r in results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-lesson", type=int, default=6)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--dask-workers", type=int, default=3)
    parser.add_argument("--skip-serial", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("L1L2_COURSE_SECRET", "benchmark-secret")
    with tempfile.TemporaryDirectory(prefix="l1l2-class-bench-") as tmp:
        base = Path(tmp) / "built"
        for lesson in LESSONS:
            build.build_lesson(base, lesson, lessons_dir=None)
        jobs = class_jobs(base, args.per_lesson)
        print(f"{len(jobs)} submissions over {', '.join(LESSONS)}; {os.cpu_count()} cores")
        rows, outcomes = [], {}

        def run(name, fn):
            root = Path(tmp) / name.replace(" ", "_")
            shutil.copytree(base, root, ignore=shutil.ignore_patterns("incoming", "answers"))
            os.environ["L1L2_JUDGE_CACHE"] = str(Path(tmp) / f"judge-cache-{name.replace(' ', '_')}")
            cpu_before = cpu_seconds()
            with PeakMemory() as mem:
                start = time.perf_counter()
                results = fn(root)
                wall = time.perf_counter() - start
            cpu = cpu_seconds() - cpu_before
            outcomes[name] = scores(results)
            rows.append((name, wall, mem.peak, cpu))
            timed = sorted((r for r in results if r.seconds is not None), key=lambda r: -r.seconds)
            slowest = ", ".join(f"{r.lesson[:2]}/{r.student} {r.seconds:.0f} s" for r in timed[:4])
            print(f"  {name}: {wall:.0f} s" + (f" (slowest: {slowest})" if slowest else ""), flush=True)

        if not args.skip_serial:
            def serial(root):
                from coursekit.grading import GradeResult, read_scores
                from coursekit.nbgrader_cli import run_nbgrader

                for j in jobs:
                    dest = root / "submitted" / j.student / j.lesson
                    dest.mkdir(parents=True, exist_ok=True)
                    (dest / f"{j.lesson}.ipynb").write_bytes(j.notebook)
                out = []
                for lesson in LESSONS:
                    run_nbgrader(root, "autograde", lesson, "--force")
                    for j in (j for j in jobs if j.lesson == lesson):
                        score, max_score, cells = read_scores(root, lesson, j.student)
                        out.append(GradeResult(j.student, lesson, Path(j.source), "graded", score=score,
                                               max_score=max_score, cells=cells))
                return out
            run("serial nbgrader", serial)
        run(f"pool x{args.workers}", lambda root: grade_jobs(root, jobs, workers=args.workers, progress=False))
        if not args.skip_dask:
            run(f"dask LocalCluster x{args.dask_workers}",
                lambda root: grade_jobs(root, jobs, workers=args.dask_workers, scheduler="local", progress=False))
        base_wall = rows[0][1]
        print(f"\n{'run':<24}{'wall s':>8}{'x serial':>10}{'s/submission':>14}{'peak RSS GiB':>14}"
              f"{'CPU s':>8}{'busy cores':>12}")
        for name, wall, peak, cpu in rows:
            print(f"{name:<24}{wall:>8.0f}{base_wall / wall:>10.2f}{wall / len(jobs):>14.1f}{peak / 2**30:>14.1f}"
                  f"{cpu:>8.0f}{cpu / wall:>12.2f}")
        print("(CPU s: busy seconds of the whole machine during the run, all cores, kernels included; "
              "busy cores = CPU s / wall s. A run cannot beat serial by more than "
              f"{os.cpu_count()} / serial's busy cores unless it does less work.)")
        first = next(iter(outcomes.values()))
        same = all(o == first for o in outcomes.values())
        print(f"\nidentical scores per cell in every run: {same}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
