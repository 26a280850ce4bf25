"""Run nbgrader's own command line in a child process, configured for this course.

Every nbgrader step goes through :func:`run_nbgrader`: it runs ``python -m nbgrader`` from
``autograder/`` (so ``nbgrader_config.py`` is loaded) with ``COURSE_ROOT`` pointing at the
course working directory, and with this interpreter's ``bin/`` first on PATH (nbgrader runs
``alembic`` from there when it creates a gradebook).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .paths import AUTOGRADER_DIR


class NbgraderError(RuntimeError):
    """An nbgrader command exited with an error; the message carries its log tail."""


def course_env(course_root: Path) -> dict[str, str]:
    """Environment for nbgrader and the kernels it starts (they inherit it)."""
    env = dict(os.environ)
    env["COURSE_ROOT"] = str(Path(course_root).resolve())
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    # Kernels must not write to stderr: nbgrader scores a test cell 0 when it does.
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env["PYTHONHASHSEED"] = "0"
    return env


def run_nbgrader(course_root: Path, *args: str, timeout: float | None = None, env: dict | None = None) -> str:
    """Run ``nbgrader ARGS`` for the course at ``course_root``; return its combined log.

    Raises :class:`NbgraderError` when nbgrader exits non-zero,
    and ``subprocess.TimeoutExpired`` when it runs past ``timeout`` seconds.
    """
    Path(course_root).mkdir(parents=True, exist_ok=True)
    # A session of its own, so that on timeout the whole nbgrader process group is killed; the
    # kernel it started (in its own session) exits by itself when its parent dies (ipykernel
    # polls its parent).
    proc = subprocess.Popen(
        [sys.executable, "-m", "nbgrader", *args],
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
        tail = "\n".join(log.strip().splitlines()[-25:])
        raise NbgraderError(f"`nbgrader {' '.join(args)}` failed (exit {proc.returncode}):\n{tail}")
    return log
