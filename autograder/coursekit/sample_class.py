"""The bundled sample class: build each student's submissions and grade them all.

``autograder/sample_class/<student>/`` holds, per lesson, either ``NN_topic.answers.py``
(an answers file, see :mod:`coursekit.submissions`) or ``NN_topic.ipynb`` (a notebook
submitted as is, e.g. a deliberately corrupt one). A lesson with neither is a missing
submission.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import build
from .classgrading import Job, grade_jobs
from .grading import GradeResult, export_grades, format_score_table
from .paths import LESSONS_DIR, REPO_ROOT, SAMPLE_CLASS_DIR, lesson_names
from .submissions import write_submission

SAMPLE_COURSE_ROOT = REPO_ROOT / "build" / "sample-course"
# The students whose submissions are meant to be rejected (a corrupt file, missing lessons);
# any other submission not graded makes the main job fail.
REJECTED_BY_DESIGN = frozenset({"dev"})


def students(class_dir: Path = SAMPLE_CLASS_DIR) -> list[str]:
    return sorted(p.name for p in Path(class_dir).iterdir() if p.is_dir())


def submission_path(course_root: Path, class_dir: Path, student: str, lesson: str) -> Path:
    """The notebook to grade for (student, lesson), built from an answers file if needed."""
    folder = Path(class_dir) / student
    answers = folder / f"{lesson}.answers.py"
    if answers.is_file():
        return write_submission(
            build.release_path(course_root, lesson),
            Path(course_root) / "source" / lesson / f"{lesson}.ipynb",
            answers,
            Path(course_root) / "incoming" / student / f"{lesson}.ipynb",
        )
    return folder / f"{lesson}.ipynb"  # as is; may be missing or corrupt, grading says so


def grade_sample_class(course_root: Path = SAMPLE_COURSE_ROOT, class_dir: Path = SAMPLE_CLASS_DIR,
                       lessons: list[str] | None = None, lessons_dir: Path | None = LESSONS_DIR,
                       log=print, workers: int | None = None, scheduler: str | None = None,
                       extra_jobs: list | None = None, progress: bool = True) -> list[GradeResult]:
    """Fresh course root, build every lesson (refreshing ``lessons_dir``), grade every submission
    concurrently (:func:`coursekit.classgrading.grade_jobs`); ``extra_jobs(course_root)`` gives more jobs, graded with them."""
    course_root = Path(course_root)
    if course_root.exists():
        shutil.rmtree(course_root)
    lessons = lessons or lesson_names()
    log(f"building {', '.join(lessons)} ...")
    build.build_lessons(course_root, lessons, lessons_dir)
    jobs = []
    for student in students(class_dir):
        for lesson in lessons:
            path = submission_path(course_root, class_dir, student, lesson)
            jobs.append(Job(student, lesson, path.read_bytes() if path.is_file() else None, str(path)))
    jobs += list(extra_jobs(course_root) if extra_jobs else [])
    log(f"grading {len(jobs)} submissions ({workers or os.cpu_count()} at a time) ...")
    results = grade_jobs(course_root, jobs, workers=workers, scheduler=scheduler, progress=progress)
    for result in results:
        log(f"{result.status:>8}  {result.student} / {result.lesson}" + (f": {result.message}" if result.message else ""))
    return results


def unexpectedly_not_graded(results: list[GradeResult]) -> list[GradeResult]:
    """Submissions the sample class should have graded but did not (e.g. the sandbox is unavailable)."""
    return [r for r in results if r.status != "graded" and r.student not in REJECTED_BY_DESIGN]


def report(results: list[GradeResult], course_root: Path = SAMPLE_COURSE_ROOT) -> str:
    """Score table, problems, and where the feedback and the CSV export are."""
    csv = export_grades(course_root, Path(course_root) / "grades.csv")
    lines = ["", "Scores (autograded points / available points):", format_score_table(results), ""]
    problems = [r for r in results if r.status != "graded"]
    if problems:
        lines.append("Not graded:")
        lines += [f"  {r.student} / {r.lesson}: {r.message}" for r in problems]
        lines.append("")
    stopped = [r for r in results if r.status == "graded" and r.notes]
    if stopped:
        lines.append("Graded, with notes (a limit stopped the notebook, or the harness was retried):")
        lines += [f"  {r.student} / {r.lesson}: {note}" for r in stopped for note in r.notes]
        lines.append("")
    flagged = [r for r in results if r.flags]
    if flagged:
        lines.append("Flags (for a person to look at; they never change a score):")
        lines += [f"  {r.student} / {r.lesson}: {flag}" for r in flagged for flag in r.flags]
        lines.append("")
    lines.append(f"Feedback HTML: {Path(course_root).resolve() / 'feedback'}/<student>/<lesson>/<lesson>.html")
    lines += [f"  {r.feedback}" for r in results if r.feedback]
    lines.append(f"Gradebook: {Path(course_root).resolve() / 'gradebook.db'}; CSV export: {csv.resolve()}")
    return "\n".join(lines)
