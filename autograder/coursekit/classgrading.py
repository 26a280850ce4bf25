"""Grade a whole class: every (student, lesson) submission concurrently, then one merged gradebook.

nbgrader has no parallel autograde (its gradebook is one SQLite file). As its users do, each
submission is graded on its own: a worker unpacks a *lesson bundle* (the lesson's source/ and
release/ folders and a gradebook holding the class's assignments, no student) into a scratch course root, grades
the one submission there with :func:`coursekit.grading.grade_submission` (sandbox, judge,
limits, feedback), and sends back plain data: the result, the autograded notebook, the feedback
HTML and the gradebook rows of that submission. The parent merges the rows into the course
gradebook with nbgrader's own :class:`~nbgrader.api.Gradebook` API and copies the files into
``submitted/``, ``autograded/`` and ``feedback/``, so formgrader, ``nbgrader generate_feedback``
and ``nbgrader export`` see the same thing as after a serial run. Re-grading a student replaces
only that student's rows for that lesson.

Executors: a local pool of worker processes (default, one per core), or Dask distributed
(``scheduler="tcp://host:port"``, or ``"local"`` for a LocalCluster); files and results travel
through the executor, never through a shared file system. The course secret that seeds the
judge travels with each job (workers are the instructor's machines).
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import stat
import tarfile
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from .grading import AUTOGRADE_TIMEOUT, CellScore, GradeResult, db_url, grade_submission
from .judge.preprocessors import SECRET_ENV, course_secret
from .nbgrader_cli import run_nbgrader_steps
from .terminal import printable


@dataclass
class Job:
    """One submission to grade: its notebook travels as bytes."""

    student: str
    lesson: str
    notebook: bytes | None  # None: the submission is missing
    source: str = ""  # where it came from (for messages)
    env: dict = field(default_factory=dict)  # extra limits, e.g. {"L1L2_CELL_TIMEOUT": "60"}
    feedback: bool = True  # also write the feedback HTML (when the run asks for feedback)
    timestamp: str | None = None  # when it was submitted (nbgrader's timestamp.txt); None: now
    refused: str = ""  # why this submission is not graded at all (an exchange folder that fails a check)
    files: dict = field(default_factory=dict)  # the folder's other files (e.g. submission_secret.txt)


# -- finding submissions ---------------------------------------------------------------------

_SKIP = {".ipynb_checkpoints", "__pycache__", "feedback"}
_MAX_EXTRA_FILE = 10 * 2**20
#: Limits on a submission folder's other files (all of them read into the grading process's memory).
_MAX_EXTRA_FILES, _MAX_EXTRA_BYTES = 50, 20 * 2**20
#: The notebook itself: a larger file is not read (grading refuses it as too large).
_MAX_NOTEBOOK = 200 * 2**20
_MAX_TIMESTAMP = 200


class FolderProblem(Exception):
    """A submission folder that must not be graded; the message names it and says why."""


def _safe_name(name: str) -> bool:
    """A student or lesson name a report can print as it is: printable, no blank, no path separator."""
    return bool(name) and name.isprintable() and not any(ch.isspace() for ch in name) and "/" not in name


def _badly_named(student: str, lesson: str, folder: Path) -> Job:
    """The refused job of a folder whose student or lesson name fails :func:`_safe_name`, every
    field escaped for printing."""
    shown = printable(str(folder))
    return Job(printable(student), printable(lesson), None, shown,
               refused=f"{shown}: the folder's name is not a student and lesson name (control characters "
                       "or blanks); not graded.")


def _read_at(dir_fd: int, name: str, limit: int) -> bytes | None:
    """Up to ``limit + 1`` bytes of the regular file ``name`` in the directory ``dir_fd``, never
    through a symbolic link (O_NOFOLLOW); None if it is absent or not a regular file."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FolderProblem(f"holds a symbolic link ({name}); not graded (a submission is the student's "
                                "own files).") from None
        raise
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return f.read(limit + 1)


def _decode_timestamp(data: bytes | None) -> str | None:
    if data is None:
        return None
    return data[:_MAX_TIMESTAMP].decode("utf-8", errors="replace").strip() or None


def _read_folder(folder: Path, lesson: str, owner: str | None = None) -> tuple[bytes | None, str | None, dict]:
    """(notebook, timestamp, other files) of a submission folder, every file read through one
    descriptor of the folder opened without following links, so that renaming or swapping the
    folder (or anything in it) while it is read changes nothing that was read.

    Raises :class:`FolderProblem` when the folder is a link, holds one, is not owned by ``owner``
    (a Unix user name) or cannot be read. The other files (nbgrader's ``submission_secret.txt``,
    files the student handed in) are regular files only, single-linked, none over 10 MiB, at most
    50 of them and 20 MiB in all (as ``nbgrader collect`` would copy them, with bounds)."""
    import pwd

    try:
        top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise FolderProblem("is a symbolic link, not a submission folder; not graded.") from None
        raise FolderProblem(f"cannot be read ({exc.strerror}); not graded.") from None
    try:
        if owner is not None:
            uid = os.fstat(top).st_uid
            try:
                name = pwd.getpwuid(uid).pw_name
            except KeyError:
                name = f"uid {uid}"
            if name != owner:
                raise FolderProblem(f"submitted in the name of {owner} but owned by {name}; not graded (only "
                                    f"{owner} can submit for {owner}; nbgrader's collect would only warn).")
        notebook = timestamp = None
        files, total = {}, 0
        for root, dirs, names, root_fd in os.fwalk(".", dir_fd=top, follow_symlinks=False):
            for name in dirs + names:
                if stat.S_ISLNK(os.stat(name, dir_fd=root_fd, follow_symlinks=False).st_mode):
                    rel = os.path.normpath(os.path.join(root, name))
                    raise FolderProblem(f"holds a symbolic link ({rel} -> {os.readlink(name, dir_fd=root_fd)}); "
                                        "not graded (a submission is the student's own files).")
            dirs[:] = sorted(d for d in dirs if d not in _SKIP)
            for name in sorted(names):
                rel = os.path.normpath(os.path.join(root, name))
                if rel == f"{lesson}.ipynb":
                    notebook = _read_at(root_fd, name, _MAX_NOTEBOOK)
                    continue
                if rel == "timestamp.txt":
                    timestamp = _decode_timestamp(_read_at(root_fd, name, _MAX_TIMESTAMP))
                    continue
                info = os.stat(name, dir_fd=root_fd, follow_symlinks=False)
                if (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1 or info.st_size > _MAX_EXTRA_FILE
                        or len(files) >= _MAX_EXTRA_FILES or total + info.st_size > _MAX_EXTRA_BYTES):
                    continue
                data = _read_at(root_fd, name, _MAX_EXTRA_FILE)
                if data is not None and len(data) <= _MAX_EXTRA_FILE and total + len(data) <= _MAX_EXTRA_BYTES:
                    files[rel] = data
                    total += len(data)
        return notebook, timestamp, files
    except FolderProblem:
        raise
    except OSError as exc:
        raise FolderProblem(f"cannot be read ({exc.strerror}); not graded.") from None
    finally:
        os.close(top)


def jobs_from_submitted(folder: Path, lessons: list[str] | None = None) -> list[Job]:
    """nbgrader's layout: ``<folder>/<student>/<lesson>/<lesson>.ipynb`` (``submitted/``). A folder
    that cannot be read as a submission becomes a refused job naming it (the others are graded)."""
    jobs = []
    for student_dir in sorted(p for p in Path(folder).iterdir() if p.is_dir()):
        for lesson_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if lessons and lesson_dir.name not in lessons:
                continue
            path = lesson_dir / f"{lesson_dir.name}.ipynb"
            student, lesson = student_dir.name, lesson_dir.name
            if not (_safe_name(student) and _safe_name(lesson)):
                jobs.append(_badly_named(student, lesson, lesson_dir))
                continue
            try:
                notebook, stamp, files = _read_folder(lesson_dir, lesson)
            except FolderProblem as exc:
                jobs.append(Job(student, lesson, None, str(path), refused=f"{printable(str(lesson_dir))}: {exc}"))
                continue
            jobs.append(Job(student, lesson, notebook, str(path), timestamp=stamp, files=files))
    return jobs


_INBOUND = re.compile(r"^(?P<student>[^+]+)\+(?P<lesson>[^+]+)\+(?P<stamp>[^+]+)(\+.*)?$")


def _submitted_at(stamp: str):
    """The submission time in an inbound folder's name, as nbgrader's collect parses it."""
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(stamp)
    except Exception:  # noqa: BLE001 - a malformed name: not a submission nbgrader made
        return None


def jobs_from_exchange(inbound: Path, lessons: list[str] | None = None, check_owner: bool = True) -> list[Job]:
    """nbgrader's exchange: ``<inbound>/<student>+<lesson>+<timestamp>[+random]/<lesson>.ipynb``;
    the latest submission of each (student, lesson) is graded, as ``nbgrader collect`` does
    (timestamps compared as times, not strings).

    Anyone may create a folder in the inbound directory, so a folder is graded only if it is
    owned by the Unix user it names (``check_owner``; nbgrader's student id is the user name),
    holds no symbolic link and has printable names; otherwise it becomes a refused job naming the
    folder and never replaces that student's own submission. (``nbgrader collect`` only warns
    about the owner and copies what a link points to.) The chosen folder is then read through one
    descriptor (:func:`_read_folder`): swapping it for a link to another student's folder after
    the checks reads nothing of theirs. A folder that cannot be read is refused alone.
    """
    candidates: dict[tuple[str, str], list] = {}
    refused = []
    for entry in sorted(Path(inbound).iterdir()):
        m = _INBOUND.match(entry.name)
        if not m or (lessons and m["lesson"] not in lessons) or not (entry.is_dir() or entry.is_symlink()):
            continue
        key = (m["student"], m["lesson"])
        shown = printable(str(entry))
        if not (_safe_name(key[0]) and _safe_name(key[1])):
            refused.append(_badly_named(*key, entry))
            continue
        when = _submitted_at(m["stamp"])
        if not when:
            refused.append(Job(*key, None, shown, refused=f"{shown}: the timestamp in its name cannot be read; "
                                                          "not graded."))
            continue
        candidates.setdefault(key, []).append((when, entry))
    jobs = []
    for (student, lesson), entries in sorted(candidates.items()):
        chosen = None
        for _, entry in sorted(entries, key=lambda e: e[0], reverse=True):  # the latest good one is graded
            try:
                read = _read_folder(entry, lesson, owner=student if check_owner else None)
            except FolderProblem as exc:
                refused.append(Job(student, lesson, None, str(entry), refused=f"{printable(str(entry))}: {exc}"))
                continue
            if chosen is None:
                chosen = (entry, read)
        if chosen is not None:
            entry, (notebook, stamp, files) = chosen
            jobs.append(Job(student, lesson, notebook, str(entry / f"{lesson}.ipynb"), timestamp=stamp, files=files))
    refused.sort(key=lambda job: job.source)  # in the folder's order, whatever the reason
    return refused + jobs


# -- the worker side -------------------------------------------------------------------------

def lesson_bundles(course_root: Path, lessons: list[str]) -> dict[str, bytes]:
    """lesson -> tar.gz of the lesson's source/ and release/ plus a gradebook that knows the
    ``lessons`` (their assignments and cells, no student).

    The gradebook is made by ``nbgrader generate_assignment`` of every lesson in one scratch
    course root, in one nbgrader process: nbgrader's start-up and the new gradebook's alembic
    migration are paid once, not once per lesson (about 5 s each).
    """
    course_root = Path(course_root)
    with tempfile.TemporaryDirectory(prefix="l1l2-bundle-") as tmp:
        root = Path(tmp) / "course"
        for lesson in lessons:
            for part in ("source", "release"):
                shutil.copytree(course_root / part / lesson, root / part / lesson)
        if lessons:  # the gradebook learns the cells
            run_nbgrader_steps(root, [["generate_assignment", lesson, "--force"] for lesson in lessons])
        bundles = {}
        for lesson in lessons:
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w:gz") as tar:
                for part in ("source", "release"):
                    tar.add(root / part / lesson, arcname=f"{part}/{lesson}")
                tar.add(root / "gradebook.db", arcname="gradebook.db")
            bundles[lesson] = buf.getvalue()
        return bundles


def _written_columns(model, skip: tuple[str, ...] = ()) -> list[str]:
    """The columns of an nbgrader table that autograde may write: every column but the keys
    (ids, foreign keys), so a field a later nbgrader adds travels too."""
    return [c.key for c in model.__table__.columns
            if not c.primary_key and not c.foreign_keys and c.key not in skip]


def _row(obj, model, skip: tuple[str, ...] = ()) -> dict:
    return {key: getattr(obj, key) for key in _written_columns(model, skip)}


# The submission's ``extension`` is the instructor's (granted in the course gradebook), not
# something autograde writes: the merge leaves it as the course has it.
_SUBMISSION_SKIP = ("extension",)


def _gradebook_rows(course_root: Path, lesson: str, student: str) -> dict:
    """Every field autograde wrote for this submission: the submission (timestamp), each notebook
    (flagged, late_submission_penalty), each grade (scores, needs_manual_grade), each comment."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

    with Gradebook(db_url(course_root)) as gb:
        sub = gb.find_submission(lesson, student)
        return {"submission": _row(sub, SubmittedAssignment, _SUBMISSION_SKIP),
                "notebooks": [{"name": nb.name, "fields": _row(nb, SubmittedNotebook),
                               "grades": [{"name": g.name, **_row(g, Grade)} for g in nb.grades],
                               "comments": [{"name": c.name, **_row(c, Comment)} for c in nb.comments]}
                              for nb in sub.notebooks]}


def _in_process(requested: bool | None) -> bool:
    """Run nbgrader in this worker process? ``None``: yes on a Dask worker with one thread (one
    submission at a time, as ``grade-class`` starts them), else a child process per submission."""
    if requested is not None:
        return requested
    try:
        from distributed import get_worker

        return get_worker().state.nthreads == 1
    except (ImportError, ValueError, AttributeError):
        return False


def unpack_bundle(bundle: bytes, root: Path) -> None:
    """Unpack a lesson bundle (:func:`lesson_bundles`, the grading process's own) into ``root``:
    with tarfile's ``data`` filter where Python has it, else as it is (Python 3.11 before 3.11.4,
    e.g. Debian 12's python3.11, has no extraction filters; a non-root instructor's venv there
    failed every submission with "unexpected keyword argument 'filter'")."""
    with tarfile.open(fileobj=io.BytesIO(bundle), mode="r:gz") as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(root, filter="data")
        else:
            tar.extractall(root)


def grade_unit(payload: dict) -> dict:
    """Worker: grade one submission in a scratch course root; return plain data (no paths)."""
    student, lesson = payload["student"], payload["lesson"]
    out = {"student": student, "lesson": lesson, "files": {}, "rows": None}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="l1l2-unit-") as tmp:
        root = Path(tmp) / "course"
        unpack_bundle(payload["bundle"], root)
        path = Path(tmp) / "in" / payload["filename"]
        if payload["notebook"] is not None:
            path.parent.mkdir(parents=True)
            path.write_bytes(payload["notebook"])
        env = {SECRET_ENV: payload["secret"], **payload.get("env", {})}
        result = grade_submission(root, lesson, student, path, timeout=payload.get("timeout", AUTOGRADE_TIMEOUT),
                                  feedback=payload.get("feedback", True), unsandboxed=payload.get("unsandboxed", False),
                                  env=env, in_process=_in_process(payload.get("in_process", False)),
                                  timestamp=payload.get("timestamp"), extra_files=payload.get("files"))
        result.path = Path(payload["source"] or payload["filename"])
        if result.message:
            result.message = result.message.replace(str(path), str(result.path))
        out["result"] = _result_to_dict(result)
        if result.status == "graded":
            out["rows"] = _gradebook_rows(root, lesson, student)
            for part in ("submitted", "autograded", "feedback"):
                folder = root / part / student / lesson
                if folder.is_dir():
                    for f in folder.rglob("*"):
                        if f.is_file():
                            out["files"][f"{part}/{f.relative_to(folder)}"] = f.read_bytes()
    out["result"]["seconds"] = round(time.perf_counter() - started, 2)
    return out


def _result_to_dict(result: GradeResult) -> dict:
    d = asdict(result)
    d["path"] = str(result.path)
    d["feedback"] = str(result.feedback) if result.feedback else None
    return d


def _result_from_dict(d: dict) -> GradeResult:
    d = dict(d)
    d["path"] = Path(d["path"])
    d["feedback"] = Path(d["feedback"]) if d.get("feedback") else None
    d["cells"] = [CellScore(**c) for c in d.get("cells", [])]
    return GradeResult(**d)


# -- merging into the course gradebook -------------------------------------------------------

def merge(course_root: Path, out: dict) -> GradeResult:
    """Write one worker result into the course: gradebook rows (nbgrader API) and files."""
    course_root = Path(course_root)
    result = _result_from_dict(out["result"])
    student, lesson = out["student"], out["lesson"]
    if result.status != "graded" or not out.get("rows"):
        return result
    rows = out["rows"]
    from nbgrader.api import Comment, Grade, SubmittedNotebook

    with Gradebook(db_url(course_root)) as gb:
        gb.update_or_create_student(student)
        # re-grading replaces this student's rows for this lesson: every field autograde writes.
        # nbgrader's add_submission builds the submission, its notebooks, grades and comments
        # through relationships before adding them to the session; reading
        # ``submission.assignment.notebooks`` meanwhile autoflushes the half-built graph
        # (SQLAlchemy's SAWarning "... not in session, add operation ... will not proceed").
        # Without autoflush the whole graph is added at once by its own db.add (as the warning advises).
        with gb.db.no_autoflush:
            gb.update_or_create_submission(lesson, student, **rows["submission"])
        for nb_rows in rows["notebooks"]:
            notebook = gb.find_submission_notebook(nb_rows["name"], lesson, student)
            for key in _written_columns(SubmittedNotebook):
                setattr(notebook, key, nb_rows["fields"][key])
            for g in nb_rows["grades"]:
                grade = gb.find_grade(g["name"], nb_rows["name"], lesson, student)
                for key in _written_columns(Grade):
                    setattr(grade, key, g[key])
            for c in nb_rows["comments"]:
                comment = gb.find_comment(c["name"], nb_rows["name"], lesson, student)
                for key in _written_columns(Comment):
                    setattr(comment, key, c[key])
        gb.db.commit()
    for part in ("submitted", "autograded", "feedback"):
        shutil.rmtree(course_root / part / student / lesson, ignore_errors=True)
    for rel, data in out["files"].items():
        part, name = rel.split("/", 1)
        dest = course_root / part / student / lesson / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    if result.feedback:
        result.feedback = course_root / "feedback" / student / lesson / result.feedback.name
    return result


# -- executors -------------------------------------------------------------------------------

def _init_worker(threads: dict[str, str], parent: int | None = None) -> None:
    """A local worker's own thread pools (its checks run NumPy, PyTorch, TensorFlow) get the
    same share of the cores as the kernels it starts; set before any of them is imported.
    The worker also exits when its parent, pid ``parent``, dies (:func:`_exit_with_parent`; the
    pid comes from the parent: a worker still importing when the parent dies is already orphaned)."""
    os.environ.update(threads)
    _exit_with_parent(parent or os.getppid())


def _exit_with_parent(parent: int, poll: float = 0.5, grace: float = 20.0) -> None:
    """End this pool worker when the ``grade-class`` process that spawned it dies (``kill -9``,
    a crash): its siblings keep the pool's call queue open, so an idle worker would otherwise
    wait on it forever (about 1 GB each, with TensorFlow and PyTorch imported).

    A daemon thread polls the parent pid; when the worker is re-parented it sends itself
    SIGINT, so a submission being graded unwinds through its clean-ups (the kernel, the
    sandbox's and the unit's scratch directories), and exits after ``grace`` seconds anyway.
    """
    import signal
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(poll)
        devnull = os.open(os.devnull, os.O_WRONLY)  # no KeyboardInterrupt traceback on the terminal
        os.dup2(devnull, 2)
        # to the main thread itself: a signal the kernel hands to this thread would not interrupt
        # the main thread's blocking read of the call queue
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        time.sleep(grace)
        os._exit(1)

    signal.signal(signal.SIGINT, signal.default_int_handler)  # SIGINT raises KeyboardInterrupt here
    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _local_results(payloads: list[dict], workers: int, threads: dict[str, str], unit=None):
    """Yield worker outputs from a process pool; a broken pool fails only the jobs it held.

    Workers are spawned (never forked from a parent that may hold TensorFlow or PyTorch state)
    and run nbgrader in-process (``in_process``): one worker grades many submissions, paying
    the imports once, each submission still in its own scratch course root and sandboxed kernel.
    """
    import multiprocessing

    def run(indices: list[int], n: int):
        """Grade ``indices`` on a pool of ``n``; yield outputs; return the jobs the broken pool held."""
        broken = []
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_init_worker, initargs=(threads, os.getpid())) as pool:
            futures = {pool.submit(unit or grade_unit, {**payloads[i], "in_process": True}): i for i in indices}
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken.append(i)
                except Exception as exc:  # noqa: BLE001 - one job's failure is reported, never fatal
                    yield _failed(payloads[i], f"the grading worker failed: {type(exc).__name__}: {exc}")
        return broken

    pending = list(range(len(payloads)))
    while pending:
        retry = yield from run(pending, workers)
        if retry and len(retry) == len(pending):
            # the pool broke again before finishing any of these: one submission may be killing
            # its worker (e.g. the host's OOM killer), so grade each alone; only the one whose own
            # worker dies is failed, by name
            for i in retry:
                if (yield from run([i], 1)):
                    yield _failed(payloads[i], "the grading worker process died twice on this submission")
            return
        pending = retry


def _dask_results(payloads: list[dict], scheduler: str, workers: int):
    from distributed import Client, LocalCluster, as_completed as dask_completed

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) if scheduler == "local" else None
    with Client(cluster or scheduler) as client:
        futures = {client.submit(grade_unit, {**p, "in_process": None}, pure=False, retries=1,
                                 key=f"grade-{p['lesson']}-{p['student']}-{time.time_ns()}"): p for p in payloads}
        for fut in dask_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:  # noqa: BLE001
                yield _failed(futures[fut], f"the Dask worker failed: {type(exc).__name__}: {exc}")
    if cluster is not None:
        cluster.close()


def _failed(payload: dict, message: str) -> dict:
    result = GradeResult(payload["student"], payload["lesson"], Path(payload["source"] or payload["filename"]),
                         "failed", message=f"{payload['source'] or payload['filename']}: {message}")
    return {"student": payload["student"], "lesson": payload["lesson"], "files": {}, "rows": None,
            "result": _result_to_dict(result)}


def kernel_threads(workers: int, scheduler: str | None) -> dict[str, str]:
    """Thread-pool sizes for each submission's grading process and kernel: the cores shared out
    among the local workers (1 on a Dask cluster, as Dask's own workers default to), so that
    NumPy, PyTorch and TensorFlow in concurrent kernels do not fight over the same cores.
    An instructor's own ``OMP_NUM_THREADS`` wins."""
    from .runner.sandbox import THREAD_VARS

    n = 1 if scheduler else max(1, (os.cpu_count() or 1) // max(1, workers))
    n = int(os.environ.get("OMP_NUM_THREADS", n))
    return {name: str(n) for name in THREAD_VARS}


def grade_jobs(course_root: Path, jobs: list[Job], *, workers: int | None = None, scheduler: str | None = None,
               feedback: bool = True, unsandboxed: bool = False, timeout: float = AUTOGRADE_TIMEOUT,
               progress: bool = True) -> list[GradeResult]:
    """Grade ``jobs`` concurrently and merge them into ``course_root`` (lessons already built there)."""
    from tqdm import tqdm

    course_root = Path(course_root)
    refused = [GradeResult(j.student, j.lesson, Path(j.source), "rejected", message=j.refused)
               for j in jobs if j.refused]  # never graded: first, so a graded row wins in the score table
    jobs = [j for j in jobs if not j.refused]
    workers = workers or os.cpu_count() or 1
    secret = course_secret(str(course_root / ".course_secret"))
    bundles = lesson_bundles(course_root, sorted({j.lesson for j in jobs}))
    threads = kernel_threads(workers, scheduler)
    payloads = [{"student": j.student, "lesson": j.lesson, "notebook": j.notebook, "source": j.source,
                 "filename": f"{j.lesson}.ipynb", "bundle": bundles[j.lesson], "secret": secret,
                 "env": {**threads, **j.env}, "feedback": feedback and j.feedback, "unsandboxed": unsandboxed, "timeout": timeout,
                 "timestamp": j.timestamp, "files": j.files}
                for j in jobs]
    results = []
    stream = _dask_results(payloads, scheduler, workers) if scheduler else _local_results(payloads, workers, threads)
    with tqdm(total=len(payloads), unit="submission", disable=not progress, dynamic_ncols=True) as bar:
        failures = 0
        for out in stream:
            result = merge(course_root, out)
            results.append(result)
            failures += result.status != "graded"
            bar.set_postfix_str(f"not graded: {failures}")
            bar.update()
    order = {(j.student, j.lesson): i for i, j in enumerate(jobs)}
    return refused + sorted(results, key=lambda r: order.get((r.student, r.lesson), 0))
