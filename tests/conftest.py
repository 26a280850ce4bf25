"""Shared fixtures: one real nbgrader run of the sample class, reused by the grading tests.

``sample_run`` is the main job (``coursekit.sample_class.grade_sample_class``) run once per
test session in a temporary course root, building every lesson into a temporary lessons
folder. Tests then read its results, grade further submissions into the same course root
(under their own student ids), and compare the fresh lessons with the committed ones.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import time

from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from coursekit import build, paths, sample_class
from coursekit.classgrading import Job
from coursekit.grading import GradeResult
from coursekit.submissions import parse_answers, write_submission

from answer_groups import Group, cell_reach, combined_answers_text, group_answers

LESSONS = paths.lesson_names()

#: One course secret for the whole suite: the judge's inputs (seeds) are then the same on every
#: run and every machine, so a wrong answer whose lost cells depend on the problem drawn (a solver
#: that diverges on some problems only) loses the same cells every time.
os.environ.setdefault("L1L2_COURSE_SECRET", "l1l2-test-suite")
#: An environment value of the grading processes that no graded artefact may contain (test_red_team).
os.environ.setdefault("L1L2_REDTEAM_CANARY", "l1l2-env-canary-7f3a")
WRONG_ANSWERS_DIR = Path(__file__).parent / "wrong_answers"
CORRECT_VARIANTS_DIR = Path(__file__).parent / "correct_variants"
CLASS_REPORT_DIR = Path(__file__).parent / "class_report"


@dataclass
class SampleRun:
    course_root: Path
    lessons_dir: Path
    results: dict[tuple[str, str], GradeResult]  # (student, lesson) -> result, the sample class
    batch: dict[tuple[str, str], GradeResult] = field(default_factory=dict)  # wrong answers, attacks, edits


def answers_notebook(course_root: Path, lesson: str, student: str, answers: Path) -> Path:
    """The submission an answers file describes, written to ``incoming/<student>/<lesson>.ipynb``
    of a course root where the lesson is built."""
    return write_submission(build.release_path(course_root, lesson),
                            course_root / "source" / lesson / f"{lesson}.ipynb", answers,
                            course_root / "incoming" / student / f"{lesson}.ipynb")


def answers_job(course_root: Path, lesson: str, student: str, answers: Path, **job) -> Job:
    """The submission an answers file describes, as a grading job in the sample course."""
    notebook = answers_notebook(course_root, lesson, student, answers)
    return Job(student, lesson, notebook.read_bytes(), str(notebook), **job)


def solved_notebook(course_root: Path, lesson: str) -> Path:
    """The lesson's release notebook with every reference answer filled in, written to
    ``incoming/solved/<lesson>.ipynb`` (the base of the edits and trailing-cell submissions)."""
    answers = course_root / "incoming" / "solved.answers.py"
    answers.parent.mkdir(parents=True, exist_ok=True)
    answers.write_text("# based-on: solved\n")
    return answers_notebook(course_root, lesson, "solved", answers)


def notebook_job(course_root: Path, lesson: str, student: str, nb, **job) -> Job:
    path = course_root / "incoming" / student / f"{lesson}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return Job(student, lesson, path.read_bytes(), str(path), **job)


def _answer_files(folder: Path, lesson: str) -> list[Path]:
    return sorted((folder / lesson).glob("*.answers.py"))


@functools.cache
def _reach(lesson: str) -> dict[str, set[str]]:
    return cell_reach([parse_answers(p) for p in _answer_files(WRONG_ANSWERS_DIR, lesson)])


def wrong_answer_groups(lesson: str) -> list[Group]:
    """The lesson's wrong answers, independent ones sharing a submission (tests/answer_groups.py)."""
    return group_answers(_answer_files(WRONG_ANSWERS_DIR, lesson), _reach(lesson), "wrong-")


def variant_groups(lesson: str) -> list[Group]:
    """The lesson's correct variants, independent ones sharing a submission."""
    return group_answers(_answer_files(CORRECT_VARIANTS_DIR, lesson), _reach(lesson), "variant-")


def group_of(groups: list[Group], answers: Path) -> Group:
    """The group (shared submission) that grades ``answers``."""
    return next(g for g in groups if any(m.path == answers for m in g.members))


def _group_job(course_root: Path, lesson: str, group: Group) -> Job:
    combined = course_root / "incoming" / f"{group.student}.{lesson}.answers.py"
    combined.parent.mkdir(parents=True, exist_ok=True)
    combined.write_text(combined_answers_text(group))
    return answers_job(course_root, lesson, group.student, combined, feedback=False)


def _batch_jobs(course_root: Path) -> list[Job]:
    """Everything else the suite grades, graded with the sample class as one class."""
    import test_bad_submissions  # noqa: PLC0415 - these jobs are defined next to their tests
    import test_red_team  # noqa: PLC0415

    jobs = [_group_job(course_root, lesson, g) for lesson in LESSONS
            for g in wrong_answer_groups(lesson) + variant_groups(lesson)]
    # the class report's copying pair (tests/test_class_report.py): two students, graded with the class
    jobs += [answers_job(course_root, lesson, path.name.removesuffix(".answers.py"), path, feedback=False)
             for lesson in LESSONS for path in sorted((CLASS_REPORT_DIR / lesson).glob("*.answers.py"))]
    return jobs + test_red_team.batch_jobs(course_root) + test_bad_submissions.batch_jobs(course_root)


#: ``make test`` runs the suite in two pytest-xdist workers (``-n 2 --dist loadfile``), with the
#: scheduler below: every test file that uses the one-class run (``sample_run``) goes to one
#: worker as one unit, so the class is graded once, by its own pool of grading workers; the other
#: worker takes the remaining files one at a time (reference tests, flags, the readers' site, the
#: class-grading tests), whose single-threaded stretches alone left a core idle 40% of the time.
ONE_CLASS_GROUP = "one-class"


def requests_sample_run(path: Path) -> bool:
    """Some function in the file (a test or a fixture) takes ``sample_run`` as a parameter."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(arg.arg == "sample_run" for node in ast.walk(tree)
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) for arg in node.args.args)


#: Every item pytest collected, before ``-k`` or ``--deselect`` removed any (for test_suite_scheduling).
COLLECTED = pytest.StashKey[list]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    config.stash[COLLECTED] = list(items)


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, except that the files using ``sample_run`` form a single unit.

    (xdist's own ``--dist loadgroup`` cannot do it with pytest 9: it renames items through
    ``Item._nodeid``, which pytest 9 no longer reads, so the groups are silently ignored.) The
    controller sees node ids only, so a file belongs to the unit when one of its functions (a test
    or a fixture) takes ``sample_run`` as a parameter.
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling  # noqa: PLC0415 - only with xdist running

    root = Path(config.rootpath)

    @functools.cache
    def uses_one_class_run(path: str) -> bool:
        return (root / path).is_file() and requests_sample_run(root / path)

    class OneClassScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return ONE_CLASS_GROUP if uses_one_class_run(path) else path

    return OneClassScheduling(config, log)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per pytest process, shared by every browser test.

    Playwright's sync API keeps an event loop running in the main thread while it is open, so a
    second ``sync_playwright()`` in the same process fails ("using Playwright Sync API inside the
    asyncio loop"): the browser tests of one pytest-xdist worker share this one."""
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.skip(f"{path} is missing: apt-get install chromium")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> SampleRun:
    """The sample class, every wrong answer, attack and notebook edit: graded concurrently as one class."""
    base = tmp_path_factory.mktemp("sample")
    root, lessons_dir = base / "course", base / "lessons"
    # One worker more than cores: the cores stay busy while a worker waits (kernel start, sandbox
    # set-up, gradebook writes); autograder/benchmarks/class_grading.py measured 124 s with 2 and
    # 112 s with 3 workers for the same 24 submissions on 2 cores.
    started = time.perf_counter()
    results = sample_class.grade_sample_class(course_root=root, lessons_dir=lessons_dir, log=lambda *_: None,
                                              extra_jobs=_batch_jobs, progress=False,
                                              workers=(os.cpu_count() or 1) + 1)
    _record_one_class_timings(results, time.perf_counter() - started)
    sample = set(sample_class.students())
    return SampleRun(root, lessons_dir, {(r.student, r.lesson): r for r in results if r.student in sample},
                     {(r.student, r.lesson): r for r in results if r.student not in sample})


#: Where the one-class run leaves its timings for the end-of-session summary (the run happens in
#: a pytest-xdist worker; the summary is printed by the controller).
ONE_CLASS_TIMINGS = Path(__file__).resolve().parents[1] / "build" / "test-one-class-timings.json"


def _record_one_class_timings(results, seconds: float) -> None:
    per_lesson: dict[str, list[float]] = {}
    for r in results:
        per_lesson.setdefault(r.lesson, []).append(r.seconds or 0.0)
    ONE_CLASS_TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    ONE_CLASS_TIMINGS.write_text(json.dumps({"finished": time.time(), "seconds": seconds,
                                             "per_lesson": per_lesson}))


def pytest_sessionstart(session):
    session.config.stash[SESSION_START] = time.time()


SESSION_START = pytest.StashKey[float]()


def pytest_terminal_summary(terminalreporter, config):
    """The one-class run's wall time and its grading time per lesson (what to shorten when
    ``make test`` grows past its 15 minutes): printed when this session ran it."""
    if hasattr(config, "workerinput") or not ONE_CLASS_TIMINGS.is_file():
        return
    data = json.loads(ONE_CLASS_TIMINGS.read_text())
    if data["finished"] < config.stash.get(SESSION_START, float("inf")):
        return
    rows = sorted(data["per_lesson"].items())
    terminalreporter.write_sep("-", f"one-class run: {sum(len(v) for _, v in rows)} submissions in "
                                    f"{data['seconds']:.0f} s")
    for lesson, seconds in rows:
        terminalreporter.write_line(f"{lesson:26} {len(seconds):4d} submissions, {sum(seconds):7.0f} s of "
                                    f"worker time, slowest {max(seconds):5.1f} s")
