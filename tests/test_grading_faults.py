"""Faults clean up after themselves: pool workers exit with their parent, a refused grading
leaves no scratch directory. (Re-running a killed class: tests/test_class_grading.py.)"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from coursekit.paths import LESSONS_DIR

LESSON = "01_linear_regression"

PARENT = textwrap.dedent("""
    import os, sys, time
    from coursekit.classgrading import _local_results
    # two jobs that fail at once (no lesson bundle): the pool's two workers are then idle, alive
    payloads = [{"student": s, "lesson": "01_linear_regression", "notebook": None, "source": s,
                 "filename": "x.ipynb", "bundle": b"not a tar"} for s in ("a", "b")]
    stream = _local_results(payloads, 2, {})
    next(stream)
    print("ready", flush=True)
    time.sleep(600)
""")


def test_pool_workers_exit_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    workers = []
    try:
        assert parent.stdout.readline().strip() == "ready"
        workers = [p for p in psutil.Process(parent.pid).children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2, [p.cmdline() for p in psutil.Process(parent.pid).children(recursive=True)]
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"pool workers still alive 10 s after their parent was killed: {alive}"
    finally:
        if parent.poll() is None:
            parent.kill()
        for p in workers:  # never leave a worker behind, whatever failed
            try:
                p.kill()
            except psutil.Error:
                pass


def test_a_refused_grading_leaves_no_scratch_directory(tmp_path, monkeypatch):
    """bubblewrap hidden from PATH: the grading is refused and nothing is left in the temp dir."""
    from coursekit.grading import grade_submission

    course = tmp_path / "course"
    release = course / "release" / LESSON / f"{LESSON}.ipynb"
    release.parent.mkdir(parents=True)
    shutil.copyfile(LESSONS_DIR / f"{LESSON}.ipynb", release)
    scratch_home = tmp_path / "tmp"
    scratch_home.mkdir()
    bin_dir = tmp_path / "bin"  # everything the grader may call but bwrap
    bin_dir.mkdir()
    for tool in ("sh", "rm", "chmod", "setpriv"):
        if shutil.which(tool):
            os.symlink(shutil.which(tool), bin_dir / tool)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_home))
    result = grade_submission(course, LESSON, "ada", release, feedback=False)
    assert result.status == "refused"
    assert "bubblewrap (bwrap) is not installed" in result.message
    assert list(scratch_home.iterdir()) == []
    assert not (course / "submitted").exists()


def _unit_that_may_die(payload):
    """A stand-in for grade_unit in a pool worker: the submission marked ``die`` kills its worker
    (as the host's OOM killer would), the others take a second."""
    if payload["die"]:
        os._exit(9)
    time.sleep(1)
    return {"student": payload["student"], "lesson": payload["lesson"], "graded": True}


def test_a_submission_that_kills_its_worker_twice_fails_alone():
    """The pool broke twice on the same jobs before any finished: each is then graded alone, and
    only the one whose own worker dies is failed, by name (the rest of the round used to be failed
    with it)."""
    from coursekit.classgrading import _local_results

    payloads = [{"student": name, "lesson": "01_linear_regression", "source": f"{name}.ipynb",
                 "filename": "01_linear_regression.ipynb", "die": name == "mallory"}
                for name in ("ada", "mallory", "ben")]
    outputs = list(_local_results(payloads, 2, {}, unit=_unit_that_may_die))
    graded = sorted(o["student"] for o in outputs if o.get("graded"))
    failed = [o for o in outputs if "result" in o]
    assert graded == ["ada", "ben"]
    assert [o["student"] for o in failed] == ["mallory"]
    assert "died twice" in failed[0]["result"]["message"] and "mallory.ipynb" in failed[0]["result"]["message"]
