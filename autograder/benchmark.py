"""Benchmark (prints figures; not a test): per lesson, in fresh kernels,

- floor: kernel start + the lesson's import statements only;
- solved: kernel start + executing the whole solved instructor notebook (hidden tests included);
- the kernel's peak memory (ru_maxrss) after the solved run;
- autograde: ``nbgrader autograde`` of one solved submission (process start included);
- check: ``python -m coursekit check`` of the same submission, as a reader runs it (the whole
  command, Python's start-up included; the lesson's build already cached, as after a first check);
  the goal is the solved run plus 5 s;
- the cells that took over ``--slow`` seconds (default 4) in the solved run, by cell id, so the
  lessons' time notes can be checked against them.

Then runs every ``autograder/benchmarks/bench_*.py`` (lesson-specific solver comparisons),
unless ``--no-extra``. Usage: ``python autograder/benchmark.py [--lesson NN_topic] [--no-extra]``.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coursekit import build
from coursekit.grading import grade_submission
from coursekit.kernels import use_ipc_transport
from coursekit.nbgrader_cli import course_env
from coursekit.paths import AUTOGRADER_DIR, lesson_names
from coursekit.submissions import write_submission

use_ipc_transport()  # the kernels timed here talk over unix sockets (no TCP warning)

PEAK_RSS = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def import_lines(nb) -> str:
    """Top-level import statements (and os.environ settings made before them) of the notebook."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)) and "reference_solutions" not in ast.unparse(node):
                lines.append(ast.unparse(node))
            elif isinstance(node, ast.Assign) and "os.environ" in ast.unparse(node):
                lines.append(ast.unparse(node))
    return "\n".join(dict.fromkeys(lines))


def cell_seconds(nb) -> dict[str, float]:
    """cell id -> seconds the kernel spent on it (nbclient's execution timestamps)."""
    from datetime import datetime

    out = {}
    for cell in nb.cells:
        times = cell.get("metadata", {}).get("execution", {})
        start, end = times.get("iopub.execute_input"), times.get("shell.execute_reply")
        if start and end:
            out[cell.get("id", "?")] = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                                        - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
    return out


def run_kernel(nb, cwd: Path, env: dict, timings: dict | None = None) -> tuple[float, int]:
    """Seconds to start a kernel and run ``nb``; the kernel's peak RSS in MiB. ``timings``, when
    given, receives each cell's seconds (:func:`cell_seconds`)."""
    nb = nbformat.v4.new_notebook(cells=[*nb.cells, nbformat.v4.new_code_cell(PEAK_RSS)],
                                  metadata=nb.metadata)
    old = dict(os.environ)
    os.environ.update(env)
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
                       record_timing=True).execute()
        seconds = time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(old)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    if errors:
        raise RuntimeError(f"notebook raised {errors[0].ename}: {errors[0].evalue}")
    if timings is not None:
        timings.update(cell_seconds(nb))
    return seconds, int(nb.cells[-1].outputs[0].text.strip()) // 1024


def bench_lesson(lesson: str, root: Path, check: bool = True, quick: bool = False) -> dict:
    build.build_lesson(root, lesson, lessons_dir=None)
    source = nbformat.read(root / "source" / lesson / f"{lesson}.ipynb", as_version=4)
    env = course_env(root)
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(import_lines(source))],
                                        metadata=source.metadata)
    floor, floor_mem = run_kernel(floor_nb, root, env) if not quick else (float("nan"), 0)
    cells: dict[str, float] = {}
    solved, solved_mem = run_kernel(source, root, env, cells)
    answers = root / "solved.answers.py"
    answers.write_text("# based-on: solved\n")
    notebook = write_submission(build.release_path(root, lesson), root / "source" / lesson / f"{lesson}.ipynb",
                                answers, root / "incoming" / f"{lesson}.ipynb")
    autograde = float("nan")
    if not quick:
        start = time.perf_counter()
        result = grade_submission(root, lesson, "bench", notebook, feedback=False)
        autograde = time.perf_counter() - start
        if result.status != "graded" or result.score != result.max_score:
            raise RuntimeError(f"{lesson}: solved submission scored {result.score}/{result.max_score}: {result.message}")
    checked = float("nan")
    if check:
        from coursekit.selfcheck import built_lesson

        built_lesson(lesson)  # a reader's first check builds the lesson; every later one reuses it
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "coursekit", "check", str(notebook)], cwd=AUTOGRADER_DIR,
                             capture_output=True, text=True)
        checked = time.perf_counter() - start
        if run.returncode != 0 or "FAIL" in run.stdout:
            raise RuntimeError(f"{lesson}: check of the solved submission failed:\n{run.stdout}{run.stderr}")
    return dict(lesson=lesson, floor=floor, solved=solved, beyond=solved - floor, floor_mem=floor_mem,
                solved_mem=solved_mem, autograde=autograde, check=checked, cells=cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lesson", action="append", choices=lesson_names())
    parser.add_argument("--no-extra", action="store_true", help="skip autograder/benchmarks/bench_*.py")
    parser.add_argument("--no-check", action="store_true", help="skip timing `coursekit check`")
    parser.add_argument("--quick", action="store_true", help="only the solved run and the check (no floor, no autograde)")
    parser.add_argument("--slow", type=float, default=4.0, help="list the solved run's cells slower than this (s)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    header = (f"{'lesson':<28}{'floor s':>9}{'solved s':>10}{'beyond s':>10}{'peak MiB':>10}{'autograde s':>13}"
              f"{'check s':>9}{'check - solved':>16}")
    print(header, flush=True)
    slow = []
    with tempfile.TemporaryDirectory() as tmp:
        for lesson in args.lesson or lesson_names():
            r = bench_lesson(lesson, Path(tmp) / lesson, check=not args.no_check, quick=args.quick)
            print(f"{r['lesson']:<28}{r['floor']:>9.1f}{r['solved']:>10.1f}{r['beyond']:>10.1f}"
                  f"{r['solved_mem']:>10d}{r['autograde']:>13.1f}{r['check']:>9.1f}{r['check'] - r['solved']:>16.1f}",
                  flush=True)
            slow += [f"  {lesson} {cell}: {sec:.1f} s" for cell, sec in r["cells"].items() if sec > args.slow]
    print(f"\ncells slower than {args.slow:g} s in the solved runs:", *(slow or ["  none"]), sep="\n")
    if not args.no_extra:
        for script in sorted((AUTOGRADER_DIR / "benchmarks").glob("bench_*.py")):
            if args.lesson and not any(script.stem.startswith(f"bench_{l[:2]}") for l in args.lesson):
                continue
            print(f"\n== {script.relative_to(AUTOGRADER_DIR.parent)} ==", flush=True)
            subprocess.run([sys.executable, str(script)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
