"""nbgrader run in a grading worker's own process (run_nbgrader_steps_here): same errors as the
child-process run, nothing of the course's environment left behind, and a stall ends the worker."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coursekit.nbgrader_cli import STALLED_EXIT, NbgraderError, run_nbgrader_steps_here


def test_a_failed_step_is_named_and_the_process_keeps_its_environment_and_directory(tmp_path):
    env_before, cwd_before = dict(os.environ), os.getcwd()
    with pytest.raises(NbgraderError, match="`nbgrader autograde no_such_lesson --student nobody` failed") as err:
        run_nbgrader_steps_here(tmp_path / "course", [["autograde", "no_such_lesson", "--student", "nobody"]],
                                env={"L1L2_SOMETHING_ONLY_FOR_THE_RUN": "1"})
    assert "No notebooks were matched" in str(err.value)  # nbgrader's own log, captured
    assert dict(os.environ) == env_before
    assert os.getcwd() == cwd_before


def test_a_run_past_its_time_limit_ends_the_worker_process(tmp_path):
    # the limit (0.2 s) is shorter than importing nbgrader: the watchdog ends the process
    code = ("import sys; from coursekit.nbgrader_cli import run_nbgrader_steps_here; "
            f"run_nbgrader_steps_here({str(tmp_path / 'course')!r}, [['validate', 'none.ipynb']], timeout=0.2); "
            "sys.exit(0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == STALLED_EXIT, proc.stderr.decode()[-2000:]
