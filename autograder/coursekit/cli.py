"""Command line of the course tooling: ``python -m coursekit COMMAND``.

  build           authored sources -> nbgrader source/release -> lessons/
  check-lessons   fail if the committed lessons/ differ from a fresh build
  grade-sample    build, autograde the bundled sample class, print the score table
  grade           autograde one submission: grade LESSON STUDENT NOTEBOOK
  grade-class     grade a folder of submissions concurrently (process pool or Dask), merge the gradebook
  check           self-check a reader's notebook: per-exercise points and messages, no gradebook
  class-report    the class report of a graded course root: mistakes, not-judged counts, flags, similarity
  try-answers     build LESSON in a scratch course, grade answers files, compare with expect-lost
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from . import build, sample_class
from .grading import format_score_table, grade_submission
from .paths import LESSONS_DIR, default_course_root, lesson_names
from .submissions import mistake_mismatches, parse_answers, write_submission
from .terminal import printable


def lessons_out_of_date(lessons_dir: Path = LESSONS_DIR) -> list[str]:
    """Names of lesson notebooks whose committed copy differs from a fresh build (or is missing/extra)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "lessons"
        build.build_all(Path(tmp) / "course", fresh)
        names = {p.name for p in fresh.glob("*.ipynb")} | {p.name for p in Path(lessons_dir).glob("*.ipynb")}
        return sorted(n for n in names
                      if not (fresh / n).is_file() or not (Path(lessons_dir) / n).is_file()
                      or not filecmp.cmp(fresh / n, Path(lessons_dir) / n, shallow=False))


def _print_class_report(root: Path) -> None:
    """Build the class report of a graded course root and print its path last (a report that cannot be
    built is a note, never a failed grading)."""
    from .classreport import build_report

    try:
        page = build_report(root)
    except Exception as exc:  # noqa: BLE001 - the report is a reading aid; grading already succeeded
        print(printable(f"Class report: not written ({type(exc).__name__}: {exc})"))
        return
    print(f"Class report (mistakes per lesson, similarity pointers): {page.resolve()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the student notebooks into lessons/")
    p_build.add_argument("--course-root", type=Path, default=None)
    p_build.add_argument("--lesson", action="append", choices=lesson_names(),
                         help="build only this lesson (repeatable); default: all")
    sub.add_parser("check-lessons", help="fail if lessons/ is stale")
    p_sample = sub.add_parser("grade-sample", help="grade the bundled sample class (concurrently)")
    p_sample.add_argument("--workers", type=int, default=None, help="concurrent submissions (default: cores)")
    p_grade = sub.add_parser("grade", help="autograde one submission")
    p_grade.add_argument("lesson", choices=lesson_names())
    p_grade.add_argument("student")
    p_grade.add_argument("notebook", type=Path)
    p_grade.add_argument("--course-root", type=Path, default=None)
    p_grade.add_argument("--unsandboxed", action="store_true",
                         help="grade without the sandbox (only when it cannot be set up; the report says so)")
    p_class = sub.add_parser("grade-class", help="grade a folder of submissions concurrently, merge the gradebook")
    p_class.add_argument("submissions", type=Path,
                         help="nbgrader's submitted/ layout (<student>/<lesson>/<lesson>.ipynb) or an "
                              "exchange inbound folder (<student>+<lesson>+<timestamp>/<lesson>.ipynb)")
    p_class.add_argument("--course-root", type=Path, default=None)
    p_class.add_argument("--lesson", action="append", choices=lesson_names(), help="only this lesson (repeatable)")
    p_class.add_argument("--workers", type=int, default=None, help="concurrent submissions (default: cores)")
    p_class.add_argument("--scheduler", default=None,
                         help="Dask scheduler address (tcp://HOST:PORT), or 'local' for a LocalCluster; "
                              "default: a local process pool")
    p_class.add_argument("--no-feedback", action="store_true", help="skip the feedback HTML")
    p_class.add_argument("--no-owner-check", action="store_true",
                         help="an exchange inbound folder copied elsewhere: do not require each submission "
                              "folder to be owned by the user it names (folders holding links are still refused)")
    p_class.add_argument("--unsandboxed", action="store_true",
                         help="grade without the sandbox (only when it cannot be set up; every row says so)")
    p_check = sub.add_parser("check", help="self-check: grade your own copy of a lesson (no gradebook)")
    p_check.add_argument("notebook", type=Path)
    p_check.add_argument("--lesson", choices=lesson_names(), default=None,
                         help="the lesson it should be (default: found from its graded cells)")
    p_check.add_argument("--unsandboxed", action="store_true", help="run without the sandbox (says so)")
    p_report = sub.add_parser("class-report", help="the class report of a graded course root: mistakes per "
                              "lesson and test cell, not-judged counts, flags, similarity pointers (HTML + CSV)")
    p_report.add_argument("--course-root", type=Path, default=None,
                          help="the graded course root (default: $COURSE_ROOT or build/course)")
    p_report.add_argument("--out", type=Path, default=None, help="folder for the report (default: the course root)")
    p_report.add_argument("--lesson", action="append", choices=lesson_names(), help="only this lesson (repeatable)")
    p_try = sub.add_parser("try-answers", help="grade answers files against their expect-lost")
    p_try.add_argument("lesson", choices=lesson_names())
    p_try.add_argument("answers", type=Path, nargs="+")
    p_try.add_argument("--course-root", type=Path, default=None,
                       help="scratch course root (default: a temporary directory)")
    args = parser.parse_args(argv)

    if args.command == "build":
        root = args.course_root or default_course_root()
        lessons = args.lesson or lesson_names()
        build.build_lessons(root, lessons)
        for lesson in lessons:
            print(f"built lessons/{lesson}.ipynb (nbgrader course root: {root})")
        return 0
    if args.command == "check-lessons":
        stale = lessons_out_of_date()
        if stale:
            print(f"lessons/ is out of date for {stale}: run `make build` and commit lessons/.")
            return 1
        print("lessons/ matches a fresh build.")
        return 0
    if args.command == "grade-sample":
        results = sample_class.grade_sample_class(workers=args.workers)
        print(printable(sample_class.report(results), keep_newlines=True))
        unexpected = sample_class.unexpectedly_not_graded(results)
        if unexpected:
            print(f"FAILED: {len(unexpected)} submission(s) that should have been graded were not "
                  f"(only {', '.join(sorted(sample_class.REJECTED_BY_DESIGN))} is rejected by design; see above).",
                  file=sys.stderr)
        _print_class_report(sample_class.SAMPLE_COURSE_ROOT)
        return 1 if unexpected else 0
    if args.command == "grade":
        root = args.course_root or default_course_root()
        if not build.release_path(root, args.lesson).is_file():
            build.build_lesson(root, args.lesson)
        result = grade_submission(root, args.lesson, args.student, args.notebook, unsandboxed=args.unsandboxed)
        if result.status != "graded":
            print(printable(result.message), file=sys.stderr)
            return 1
        print(printable(format_score_table([result]), keep_newlines=True))
        for cell in result.cells:
            mistake = result.mistakes.get(cell.grade_id)
            print(printable(f"  {cell.grade_id}: {cell.score:g} / {cell.max_score:g}" + (f"  [{mistake}]" if mistake else "")))
        print(f"feedback: {result.feedback}")
        return 0
    if args.command == "check":
        from .selfcheck import NotALesson, check_notebook, format_report

        try:
            result = check_notebook(args.notebook, args.lesson, unsandboxed=args.unsandboxed)
        except NotALesson as exc:
            print(exc, file=sys.stderr)
            return 2
        print(printable(format_report(result), keep_newlines=True))
        return 0 if result.status == "graded" else 1
    if args.command == "grade-class":
        from .classgrading import grade_jobs, jobs_from_exchange, jobs_from_submitted

        root = args.course_root or default_course_root()
        folder = args.submissions
        inbound = any("+" in p.name for p in folder.iterdir()) if folder.is_dir() else False
        if not folder.is_dir():
            print(f"{folder}: no such folder of submissions", file=sys.stderr)
            return 2
        jobs = (jobs_from_exchange(folder, args.lesson, check_owner=not args.no_owner_check) if inbound
                else jobs_from_submitted(folder, args.lesson))
        known = set(lesson_names())
        unknown = sorted({j.lesson for j in jobs} - known)
        jobs = [j for j in jobs if j.lesson in known]
        build.build_lessons(root, [lesson for lesson in sorted({j.lesson for j in jobs})
                                   if not build.release_path(root, lesson).is_file()], lessons_dir=None)
        results = grade_jobs(root, jobs, workers=args.workers, scheduler=args.scheduler,
                             feedback=not args.no_feedback, unsandboxed=args.unsandboxed)
        print(printable(sample_class.report(results, root), keep_newlines=True))
        if unknown:
            print(f"Skipped folders that are not lessons of this course: {unknown}")
        _print_class_report(root)
        # a refusal (no sandbox) or a harness failure is the grader's problem, not the student's
        return 1 if any(r.status in ("failed", "refused") for r in results) else 0
    if args.command == "class-report":
        from .classreport import build_report

        root = args.course_root or default_course_root()
        if not (Path(root) / "gradebook.db").is_file():
            print(f"{root}: no gradebook.db: grade the class first (make grade-class)", file=sys.stderr)
            return 2
        page = build_report(root, args.out, args.lesson)
        print(f"Class report: {page.resolve()}\nCSV: {page.with_name('class_report.csv').resolve()}")
        return 0
    if args.command == "try-answers":
        with tempfile.TemporaryDirectory() as tmp:
            root = args.course_root or Path(tmp) / "course"
            ok = True
            build.build_lesson(root, args.lesson, lessons_dir=None)
            for i, answers_path in enumerate(args.answers):
                notebook = write_submission(build.release_path(root, args.lesson),
                                            root / "source" / args.lesson / f"{args.lesson}.ipynb",
                                            answers_path, root / "incoming" / f"{i}.ipynb")
                result = grade_submission(root, args.lesson, f"try{i}", notebook, feedback=False)
                if result.status != "graded":
                    print(printable(f"{answers_path}: {result.status}: {result.message}"))
                    ok = False
                    continue
                lost = sorted(c.grade_id for c in result.cells if c.score < c.max_score)
                parsed = parse_answers(answers_path)
                expected = sorted(parsed.expect_lost)
                verdict = "as expected" if lost == expected else f"EXPECTED {expected}"
                ok &= lost == expected
                print(f"{answers_path.name}: {result.score:g}/{result.max_score:g}, lost {lost} {verdict}")
                for gid in lost:
                    print(f"  {gid}: {result.mistakes.get(gid, '-')}")
                for gid, mistake, got in mistake_mismatches(parsed.expect_mistakes, result.mistakes):
                    ok = False
                    print(f"  EXPECTED mistake {mistake} for {gid or 'a lost cell'}, got {got}")
        return 0 if ok else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
