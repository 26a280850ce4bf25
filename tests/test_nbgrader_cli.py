"""nbgrader run in a grading worker's own process (run_nbgrader_steps_here): same errors as the
child-process run, nothing of the course's environment left behind, and a stall ends the worker.

Each case runs in a fresh Python process, as in a grading worker (pytest replaces sys.stderr,
which nbgrader's log would otherwise bypass)."""

from __future__ import annotations

import json
import subprocess
import sys

from coursekit.nbgrader_cli import STALLED_EXIT

AS_A_WORKER = """
import json, os, sys
from coursekit.nbgrader_cli import NbgraderError, run_nbgrader_steps_here
env_before, cwd_before = dict(os.environ), os.getcwd()
try:
    run_nbgrader_steps_here(sys.argv[1], json.loads(sys.argv[2]), timeout=float(sys.argv[3]),
                            env={"L1L2_SOMETHING_ONLY_FOR_THE_RUN": "1"})
    error = None
except NbgraderError as exc:
    error = str(exc)
print(json.dumps({"error": error, "env_kept": dict(os.environ) == env_before, "cwd_kept": os.getcwd() == cwd_before}))
"""


def _as_a_worker(tmp_path, steps, timeout):
    return subprocess.run([sys.executable, "-c", AS_A_WORKER, str(tmp_path / "course"), json.dumps(steps),
                           str(timeout)], capture_output=True, text=True, timeout=300)


def test_a_failed_step_is_named_with_nbgraders_log_and_the_process_keeps_its_environment(tmp_path):
    proc = _as_a_worker(tmp_path, [["autograde", "no_such_lesson", "--student", "nobody"]], 300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["error"].startswith("`nbgrader autograde no_such_lesson --student nobody` failed (exit 1)")
    assert "No notebooks were matched" in out["error"]  # nbgrader's own log, captured from fd 2
    assert out["env_kept"] and out["cwd_kept"]


def test_a_run_past_its_time_limit_ends_the_worker_process(tmp_path):
    # the limit (0.2 s) is shorter than importing nbgrader: the watchdog ends the process
    proc = _as_a_worker(tmp_path, [["validate", "none.ipynb"]], 0.2)
    assert proc.returncode == STALLED_EXIT, proc.stderr[-2000:]
