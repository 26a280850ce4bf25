"""Command line of the course tooling: ``python -m coursekit COMMAND``.

  build           authored sources -> nbgrader source/release -> lessons/
  check-lessons   fail if the committed lessons/ differ from a fresh build
  grade-sample    build, autograde the bundled sample class, print the score table
  grade           autograde one submission: grade LESSON STUDENT NOTEBOOK
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


def lessons_out_of_date(lessons_dir: Path = LESSONS_DIR) -> list[str]:
    """Names of lesson notebooks whose committed copy differs from a fresh build (or is missing/extra)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "lessons"
        build.build_all(Path(tmp) / "course", fresh)
        names = {p.name for p in fresh.glob("*.ipynb")} | {p.name for p in Path(lessons_dir).glob("*.ipynb")}
        return sorted(n for n in names
                      if not (fresh / n).is_file() or not (Path(lessons_dir) / n).is_file()
                      or not filecmp.cmp(fresh / n, Path(lessons_dir) / n, shallow=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the student notebooks into lessons/")
    p_build.add_argument("--course-root", type=Path, default=None)
    sub.add_parser("check-lessons", help="fail if lessons/ is stale")
    sub.add_parser("grade-sample", help="grade the bundled sample class")
    p_grade = sub.add_parser("grade", help="autograde one submission")
    p_grade.add_argument("lesson", choices=lesson_names())
    p_grade.add_argument("student")
    p_grade.add_argument("notebook", type=Path)
    p_grade.add_argument("--course-root", type=Path, default=None)
    args = parser.parse_args(argv)

    if args.command == "build":
        root = args.course_root or default_course_root()
        for lesson in build.build_all(root):
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
        results = sample_class.grade_sample_class()
        print(sample_class.report(results))
        return 1 if any(r.status == "failed" for r in results) else 0
    if args.command == "grade":
        root = args.course_root or default_course_root()
        if not build.release_path(root, args.lesson).is_file():
            build.build_lesson(root, args.lesson)
        result = grade_submission(root, args.lesson, args.student, args.notebook)
        if result.status != "graded":
            print(result.message, file=sys.stderr)
            return 1
        print(format_score_table([result]))
        for cell in result.cells:
            print(f"  {cell.grade_id}: {cell.score:g} / {cell.max_score:g}")
        print(f"feedback: {result.feedback}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
