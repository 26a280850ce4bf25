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
        failed = steps[0]
        for line in log.splitlines():
            if line.startswith(_FAILED_STEP):
                failed = json.loads(line[len(_FAILED_STEP):])
        tail = "\n".join(line for line in log.strip().splitlines()[-26:] if not line.startswith(_FAILED_STEP))
        raise NbgraderError(f"`nbgrader {' '.join(failed)}` failed (exit {proc.returncode}):\n{tail}")
    return log


_FAILED_STEP = "coursekit: failed step: "


def _main(steps: list[list[str]]) -> int:
    """The child of :func:`run_nbgrader_steps`."""
    from jupyter_core.application import NoStart
    from nbgrader.apps import NbGraderApp

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
