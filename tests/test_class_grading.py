"""Grading a class concurrently: the merged gradebook is the serial one, on a pool or on Dask.

All on lesson 01 (the fastest), in scratch course roots that share one course secret, so the
judge draws the same inputs whichever way a submission is graded.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import warnings
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from conftest import LESSONS, answers_job
from coursekit import build, sample_class
from coursekit.classgrading import (Job, grade_jobs, jobs_from_exchange, jobs_from_submitted, lesson_bundles,
                                    unpack_bundle)
from coursekit.grading import db_url, export_grades, grade_submission
from coursekit.paths import SAMPLE_CLASS_DIR

LESSON = LESSONS[0]
SECRET = {"L1L2_COURSE_SECRET": "class-grading-test-secret"}
# submission times (nbgrader's timestamp.txt), the same for the pooled and the serial run
STAMPS = {"ada": "2026-12-01 10:00:00.000000 UTC", "cleo": "2026-12-01 11:30:00.000000 UTC"}
pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A course root with lesson 01 built, and the sample students' notebooks."""
    root = tmp_path_factory.mktemp("class") / "course"
    build.build_lesson(root, LESSON, lessons_dir=None)
    notebooks = {}
    for student in ("ada", "cleo"):
        job = answers_job(root, LESSON, student, SAMPLE_CLASS_DIR / student / f"{LESSON}.answers.py")
        notebooks[student] = job.notebook
    return root, notebooks


def _fresh_copy(built_root: Path, dest: Path) -> Path:
    shutil.copytree(built_root, dest, ignore=shutil.ignore_patterns("incoming", "submitted", "autograded",
                                                                     "feedback", "*.csv"))
    with Gradebook(db_url(dest)) as gb:
        for student in [s.id for s in gb.students]:
            gb.remove_student(student)
    return dest


def _cell_scores(root: Path) -> dict:
    with Gradebook(db_url(root)) as gb:
        return {(sub.student.id, nb.name, g.name): (g.score, g.max_score)
                for sub in gb.assignment_submissions(LESSON) for nb in sub.notebooks for g in nb.grades}


def _all_fields(root: Path, students=None) -> dict:
    """Every field of every row autograde writes (SubmittedAssignment, SubmittedNotebook, Grade,
    Comment), keyed by student, notebook and cell: all columns but the row ids and foreign keys."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

    def fields(obj, model):
        return {c.key: getattr(obj, c.key) for c in model.__table__.columns
                if c.key != "id" and not c.key.endswith("_id")}

    rows = {}
    with Gradebook(db_url(root)) as gb:
        for sub in gb.assignment_submissions(LESSON):
            if students is not None and sub.student.id not in students:
                continue
            rows[(sub.student.id,)] = fields(sub, SubmittedAssignment)
            for nb in sub.notebooks:
                rows[(sub.student.id, nb.name)] = fields(nb, SubmittedNotebook)
                rows.update({(sub.student.id, nb.name, "grade", g.name): fields(g, Grade) for g in nb.grades})
                rows.update({(sub.student.id, nb.name, "comment", c.name): fields(c, Comment) for c in nb.comments})
    return rows


def _csv_rows(root: Path, students=None) -> list[tuple]:
    """nbgrader export's rows (without the timestamp), of ``students`` only if given."""
    path = export_grades(root, root / "grades.csv")
    rows = [line.split(",") for line in path.read_text().splitlines()]
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name != "timestamp"]
    student = header.index("student_id")
    return sorted(tuple(row[i] for i in keep) for row in rows[1:] if students is None or row[student] in students)


def _three_jobs(notebooks: dict) -> list[Job]:
    """ada, cleo and ada2 (ada's notebook again)."""
    jobs = [Job(s, LESSON, d, f"{s}.ipynb", feedback=False, timestamp=STAMPS[s]) for s, d in notebooks.items()]
    return jobs + [Job("ada2", LESSON, notebooks["ada"], "ada2.ipynb", feedback=False)]


@pytest.fixture(scope="module")
def pooled(built, tmp_path_factory):
    """ada, cleo and ada2 (ada's notebook again) graded by the local pool of 2 workers in a fresh
    copy of the course root: the reference the serial run, the re-grade and Dask are compared with."""
    root, notebooks = built
    course = _fresh_copy(root, tmp_path_factory.mktemp("pooled") / "course")
    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mp.setenv("L1L2_COURSE_SECRET", SECRET["L1L2_COURSE_SECRET"])
        results = grade_jobs(course, _three_jobs(notebooks), workers=2, feedback=False, progress=False)
    assert [r.status for r in results] == ["graded"] * 3, [r.message for r in results]
    # the merge adds new submissions without SQLAlchemy's "not in session" warnings (a quiet main job)
    assert not [w for w in caught if "not in session" in str(w.message)], [str(w.message) for w in caught]
    return course


def _only(rows: dict, students) -> dict:
    return {k: v for k, v in rows.items() if k[0] in students}


def test_merged_gradebook_equals_a_serial_run_and_exports_the_same_csv(built, pooled, tmp_path, monkeypatch):
    monkeypatch.setenv("L1L2_COURSE_SECRET", SECRET["L1L2_COURSE_SECRET"])
    root, notebooks = built
    serial = _fresh_copy(root, tmp_path / "serial")
    for student, data in notebooks.items():
        path = tmp_path / "in" / student / f"{LESSON}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        assert grade_submission(serial, LESSON, student, path, feedback=False,
                                timestamp=STAMPS[student]).status == "graded"
    assert _only(_cell_scores(pooled), notebooks) == _cell_scores(serial) and _cell_scores(serial)
    # field by field: scores, needs_manual_grade, comments, flags, late penalty, timestamps
    assert _all_fields(pooled, notebooks) == _all_fields(serial) and _all_fields(serial)
    grades = [v for k, v in _all_fields(pooled, notebooks).items() if "grade" in k]
    assert grades and not any(g["needs_manual_grade"] for g in grades)  # lesson 01 is all autograded
    assert str(_all_fields(pooled)[("ada",)]["timestamp"]).startswith("2026-12-01 10:00:00")
    assert _csv_rows(pooled, notebooks) == _csv_rows(serial) and _csv_rows(serial)
    # the files a serial run leaves are there too
    for student in notebooks:
        assert (pooled / "autograded" / student / LESSON / f"{LESSON}.ipynb").is_file()
        assert (pooled / "submitted" / student / LESSON / f"{LESSON}.ipynb").is_file()


def test_regrading_one_student_replaces_only_that_students_rows(built, pooled, tmp_path, monkeypatch):
    monkeypatch.setenv("L1L2_COURSE_SECRET", SECRET["L1L2_COURSE_SECRET"])
    _, notebooks = built
    course = shutil.copytree(pooled, tmp_path / "course")
    before = _cell_scores(course)
    # cleo resubmits ada's (solved) notebook: only cleo's rows change, and nothing is duplicated
    grade_jobs(course, [Job("cleo", LESSON, notebooks["ada"], "cleo-again")], workers=1, feedback=False,
               progress=False)
    after = _cell_scores(course)
    assert _only(after, {"ada", "ada2"}) == _only(before, {"ada", "ada2"})
    assert {k[2]: v for k, v in after.items() if k[0] == "cleo"} == {k[2]: v for k, v in after.items() if k[0] == "ada"}
    assert {k[2]: v for k, v in before.items() if k[0] == "cleo"} != {k[2]: v for k, v in before.items() if k[0] == "ada"}
    assert len(after) == len(before)


def test_a_class_with_broken_submissions_grades_the_others_and_names_the_broken(built, tmp_path, monkeypatch):
    monkeypatch.setenv("L1L2_COURSE_SECRET", SECRET["L1L2_COURSE_SECRET"])
    root, notebooks = built
    course = _fresh_copy(root, tmp_path / "course")
    answer_id = "answer_add_intercept_column"

    def answers(student, code):
        path = tmp_path / f"{student}.answers.py"
        path.write_text(f"# based-on: solved\n# %% answer: {answer_id}\n{code}\n")
        return answers_job(course, LESSON, student, path, feedback=False)

    jobs = [Job("ada", LESSON, notebooks["ada"], "ada.ipynb", feedback=False),
            Job("corrupt", LESSON, b"{not a notebook", "corrupt.ipynb"),
            Job("missing", LESSON, None, "missing.ipynb"),
            answers("hangs", "import time\ntime.sleep(10_000)"),
            answers("hungry", "blocks = []\nwhile True:\n    blocks.append(np.ones(2**25))")]
    jobs[3].env = {"L1L2_CELL_TIMEOUT": "15"}
    jobs[4].env = {"L1L2_MEMORY_GB": "1"}
    results = {r.student: r for r in grade_jobs(course, jobs, workers=2, feedback=False, progress=False)}
    assert results["ada"].status == "graded" and results["ada"].score == results["ada"].max_score
    assert results["corrupt"].status == "rejected" and "corrupt.ipynb" in results["corrupt"].message
    assert results["missing"].status == "rejected" and "missing" in results["missing"].message
    assert results["hangs"].status == "graded" and results["hangs"].score == 0
    assert results["hungry"].status == "graded" and results["hungry"].score == 0
    report = sample_class.report(list(results.values()), course)
    for student in ("corrupt", "missing", "hangs", "hungry"):
        assert f"{student} / {LESSON}" in report, report
    assert "per-cell limit of 15 s" in report and "memory limit" in report, report
    with Gradebook(db_url(course)) as gb:  # consistent: exactly the graded ones, once each
        assert sorted(s.student.id for s in gb.assignment_submissions(LESSON)) == ["ada", "hangs", "hungry"]


def test_a_lesson_bundle_holds_the_lesson_and_a_gradebook_without_students(built, tmp_path):
    root, _ = built
    bundle = lesson_bundles(root, [LESSON])[LESSON]
    with tarfile.open(fileobj=io.BytesIO(bundle), mode="r:gz") as tar:
        names = tar.getnames()
    unpack_bundle(bundle, tmp_path / "unpacked")
    assert {n.split("/")[0] for n in names} == {"source", "release", "gradebook.db"}
    assert {n.split("/")[1] for n in names if "/" in n} == {LESSON}

    def grade_cells(path):
        with Gradebook(db_url(path)) as gb:
            return {c.name: c.max_score for nb in gb.find_assignment(LESSON).notebooks for c in nb.grade_cells}

    with Gradebook(db_url(tmp_path / "unpacked")) as gb:
        assert [a.name for a in gb.assignments] == [LESSON] and gb.students == []
    assert grade_cells(tmp_path / "unpacked") == grade_cells(root) and grade_cells(root)


def test_a_bundle_unpacks_where_python_has_no_tar_filters(built, tmp_path, monkeypatch):
    """Debian 12's python3.11 (3.11.2) has no tarfile extraction filters (3.11.4 added them)."""
    root, _ = built
    bundle = lesson_bundles(root, [LESSON])[LESSON]
    monkeypatch.delattr(tarfile, "data_filter")
    unpack_bundle(bundle, tmp_path / "old-python")
    assert (tmp_path / "old-python" / "gradebook.db").is_file()
    assert (tmp_path / "old-python" / "source" / LESSON / f"{LESSON}.ipynb").is_file()


def test_submissions_are_found_in_nbgraders_submitted_and_exchange_layouts(tmp_path):
    submitted = tmp_path / "submitted"
    (submitted / "ada" / LESSON).mkdir(parents=True)
    (submitted / "ada" / LESSON / f"{LESSON}.ipynb").write_bytes(b"A")
    (submitted / "ben" / LESSON).mkdir(parents=True)  # a folder without the notebook: missing
    jobs = jobs_from_submitted(submitted)
    assert [(j.student, j.lesson, j.notebook) for j in jobs] == [("ada", LESSON, b"A"), ("ben", LESSON, None)]
    inbound = tmp_path / "inbound"
    for name, data in ((f"ada+{LESSON}+2026-01-01 10:00:00.000000 UTC", b"old"),
                       (f"ada+{LESSON}+2026-01-02 09:00:00.000000 UTC", b"new"),
                       (f"ben+{LESSON}+2026-01-01 10:00:00.000000 UTC+x1y2", b"B")):
        (inbound / name).mkdir(parents=True)
        (inbound / name / f"{LESSON}.ipynb").write_bytes(data)
    # timestamps compared as times: 9:00 on the 2nd is later than 10:00 on the 1st
    (inbound / f"ada+{LESSON}+2026-01-01 23:00:00.000000 UTC").mkdir()
    (inbound / f"ada+{LESSON}+2026-01-01 23:00:00.000000 UTC" / f"{LESSON}.ipynb").write_bytes(b"late on the 1st")
    # the files are root's, not ada's or ben's: the owner check is tests/test_exchange.py's
    jobs = jobs_from_exchange(inbound, check_owner=False)
    assert [(j.student, j.notebook) for j in jobs] == [("ada", b"new"), ("ben", b"B")]
    assert [j.refused for j in jobs_from_exchange(inbound)] == [  # owned by root, not by the students
        f"{inbound / name}: submitted in the name of {name.split('+')[0]} but owned by root; not graded "
        f"(only {name.split('+')[0]} can submit for {name.split('+')[0]}; nbgrader's collect would only warn)."
        for name in sorted(p.name for p in inbound.iterdir())]
    # a folder holding a link (to another student's notebook) is refused and never replaces a submission
    later = inbound / f"ben+{LESSON}+2026-02-01 10:00:00.000000 UTC"
    later.mkdir()
    (later / f"{LESSON}.ipynb").symlink_to(inbound / f"ada+{LESSON}+2026-01-02 09:00:00.000000 UTC" / f"{LESSON}.ipynb")
    jobs = jobs_from_exchange(inbound, check_owner=False)
    assert [(j.student, j.notebook) for j in jobs if not j.refused] == [("ada", b"new"), ("ben", b"B")]
    assert [j.refused for j in jobs if j.refused] == [
        f"{later}: holds a symbolic link ({LESSON}.ipynb -> {inbound}/ada+{LESSON}+2026-01-02 09:00:00.000000 UTC/"
        f"{LESSON}.ipynb); not graded (a submission is the student's own files)."]


def _start_dask(tmp_path: Path, n_workers: int):
    dask = Path(sys.executable).parent / "dask"
    scheduler_file = tmp_path / "scheduler.json"
    env = {**os.environ, **SECRET}
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(scheduler_file)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    deadline = time.time() + 60
    while not scheduler_file.is_file() and time.time() < deadline:
        time.sleep(0.2)
    for i in range(n_workers):
        procs.append(subprocess.Popen([str(dask), "worker", "--scheduler-file", str(scheduler_file), "--nthreads",
                                       "1", "--no-dashboard", "--name", f"w{i}"],
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
    address = json.loads(scheduler_file.read_text())["address"]
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(n_workers, timeout=120)
    return address, procs


def _stop(procs):
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()


def test_a_real_dask_cluster_grades_like_the_local_pool_even_when_a_worker_dies(built, pooled, tmp_path, monkeypatch):
    monkeypatch.setenv("L1L2_COURSE_SECRET", SECRET["L1L2_COURSE_SECRET"])
    root, notebooks = built
    address, procs = _start_dask(tmp_path, 3)
    try:
        on_dask = _fresh_copy(root, tmp_path / "dask")
        import threading

        def kill_one_worker_soon():
            time.sleep(4)  # the tasks are running by now
            os.killpg(procs[1].pid, signal.SIGKILL)

        threading.Thread(target=kill_one_worker_soon, daemon=True).start()
        results = grade_jobs(on_dask, _three_jobs(notebooks), scheduler=address, feedback=False, progress=False)
    finally:
        _stop(procs)
    assert [r.status for r in results] == ["graded"] * 3, [r.message for r in results]
    assert _cell_scores(on_dask) == _cell_scores(pooled)
    with Gradebook(db_url(on_dask)) as gb:
        assert sorted(s.student.id for s in gb.assignment_submissions(LESSON)) == ["ada", "ada2", "cleo"]
