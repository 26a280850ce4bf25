"""Run nbgrader's own command line in a child process, configured for this course.

Every nbgrader step goes through :func:`run_nbgrader`: it runs ``python -m nbgrader`` from
``autograder/`` (so ``nbgrader_config.py`` is loaded) with ``COURSE_ROOT`` pointing at the
course working directory, and with this interpreter's ``bin/`` first on PATH (nbgrader runs
``alembic`` from there when it creates a gradebook).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from .paths import AUTOGRADER_DIR, REPO_ROOT

#: Where the judge keeps reference results between grading processes (``reference_solutions.memo``):
#: outside the repository's mounted parts, so the sandbox never sees it. ``make clean`` removes it.
JUDGE_CACHE = REPO_ROOT / "build" / "judge-cache"
#: This interpreter with ``..`` resolved (symlinks kept: a venv's python is one): the kernel is
#: started with the same path inside the sandbox, where ``.venv/../autograder`` does not exist.
PYTHON = os.path.abspath(sys.executable)


class NbgraderError(RuntimeError):
    """An nbgrader command exited with an error; the message carries its log tail."""


def course_env(course_root: Path) -> dict[str, str]:
    """Environment for nbgrader and the kernels it starts (they inherit it)."""
    env = dict(os.environ)
    env["COURSE_ROOT"] = str(Path(course_root).resolve())
    env["PATH"] = str(Path(PYTHON).parent) + os.pathsep + env.get("PATH", "")
    # Kernels must not write to stderr: nbgrader scores a test cell 0 when it does.
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("L1L2_JUDGE_CACHE", str(JUDGE_CACHE))
    return env


def run_nbgrader(course_root: Path, *args: str, timeout: float | None = None, env: dict | None = None) -> str:
    """Run ``nbgrader ARGS`` for the course at ``course_root``; return its combined log.

    Raises :class:`NbgraderError` when nbgrader exits non-zero,
    and ``subprocess.TimeoutExpired`` when it runs past ``timeout`` seconds.
    """
    return run_nbgrader_steps(course_root, [list(args)], timeout=timeout, env=env)


def run_nbgrader_steps(course_root: Path, steps: list[list[str]], timeout: float | None = None,
                       env: dict | None = None) -> str:
    """Run several nbgrader commands in order in ONE child process; stop at the first failure.

    Each step is what follows ``nbgrader`` on the command line (``["autograde", "02_lasso",
    "--student", "ada", "--force"]``). The child runs them as nbgrader's own test suite does
    (one ``NbGraderApp`` per step, reset in between), so a submission's autograde and feedback
    pay Python's and nbgrader's start-up (about 2 s) once. ``timeout`` covers all the steps.
    """
    Path(course_root).mkdir(parents=True, exist_ok=True)
    # A session of its own, so that on timeout the whole nbgrader process group is killed; the
    # kernel it started (in its own session) exits by itself when its parent dies (ipykernel
    # polls its parent).
    proc = subprocess.Popen(
        [PYTHON, "-m", "coursekit.nbgrader_cli", json.dumps(steps)],
        cwd=AUTOGRADER_DIR, env={**course_env(course_root), **(env or {})}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        log, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    if proc.returncode != 0:
        raise _failure(steps, proc.returncode, log)
    return log


_FAILED_STEP = "coursekit: failed step: "


def _failure(steps: list[list[str]], code: int, log: str) -> NbgraderError:
    """The error for a run that exited with ``code``: the step that failed and the log's tail."""
    failed = steps[0]
    for line in log.splitlines():
        if line.startswith(_FAILED_STEP):
            failed = json.loads(line[len(_FAILED_STEP):])
    tail = "\n".join(line for line in log.strip().splitlines()[-26:] if not line.startswith(_FAILED_STEP))
    return NbgraderError(f"`nbgrader {' '.join(failed)}` failed (exit {code}):\n{tail}")


#: Exit status of a grading worker whose in-process nbgrader run went past its time limit.
STALLED_EXIT = 75
_HERE_LOCK = threading.Lock()


def run_nbgrader_steps_here(course_root: Path, steps: list[list[str]], timeout: float | None = None,
                            env: dict | None = None) -> str:
    """:func:`run_nbgrader_steps` in THIS process, for a grading worker that grades many
    submissions one after another: Python's, nbgrader's, the checks' and the libraries' imports
    (TensorFlow, PyTorch) are then paid once per worker instead of once per submission.

    Same environment, working directory, log and errors as the child-process version; the
    student's code still runs in the sandboxed kernel nbgrader starts. For the duration the
    process's environment and working directory are the course's (runs are serialised by a
    lock). A run past ``timeout`` ends the whole worker process (exit status
    :data:`STALLED_EXIT`): its executor (process pool or Dask) re-runs the job elsewhere.
    The log is read from file descriptors 1 and 2, so ``sys.stdout``/``sys.stderr`` must write
    to them, as in any worker process (not inside a test runner that replaces them).
    """
    Path(course_root).mkdir(parents=True, exist_ok=True)
    with _HERE_LOCK, tempfile.TemporaryFile() as captured:
        saved_env, saved_cwd = dict(os.environ), os.getcwd()
        watchdog = threading.Timer(timeout, os._exit, args=(STALLED_EXIT,)) if timeout else None
        run_env = {**course_env(course_root), **(env or {})}
        sys.stdout.flush()
        sys.stderr.flush()
        saved_fds = os.dup(1), os.dup(2)
        try:
            os.environ.clear()
            os.environ.update(run_env)
            os.chdir(AUTOGRADER_DIR)
            # nbgrader's log and everything the kernel prints go to one file, as the child's pipe does
            os.dup2(captured.fileno(), 1)
            os.dup2(captured.fileno(), 2)
            if watchdog:
                watchdog.daemon = True
                watchdog.start()
            try:
                code = _main(steps)
            except Exception:  # noqa: BLE001 - as the child process would: exit 1 with the traceback
                traceback.print_exc()
                code = 1
        finally:
            if watchdog:
                watchdog.cancel()
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved_fds[0], 1)
            os.dup2(saved_fds[1], 2)
            for fd in saved_fds:
                os.close(fd)
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)
        captured.seek(0)
        text = captured.read().decode("utf-8", errors="replace")
    if code:
        raise _failure(steps, code, text)
    return text


def _main(steps: list[list[str]]) -> int:
    """The child of :func:`run_nbgrader_steps`."""
    from jupyter_core.application import NoStart
    from nbgrader.apps import NbGraderApp

    from .kernels import use_ipc_transport

    use_ipc_transport()  # an unsandboxed kernel too talks over unix sockets (the sandbox's already do)
    for argv in steps:
        app = NbGraderApp.instance()
        try:
            app.initialize(argv)
            app.start()
            code = 0
        except NoStart:  # raised once the subcommand has run (launch_instance swallows it too)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            app.reset()
        if code:
            print(_FAILED_STEP + json.dumps(argv), flush=True)
            return code
    return 0


if __name__ == "__main__":
    sys.exit(_main(json.loads(sys.argv[1])))
