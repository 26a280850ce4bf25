"""The instructor's Formgrader, opened the way the README says (`make formgrader`), in a real browser.

JupyterLab runs from autograder/ (so nbgrader loads the course config) with the server root
one level above the course root (nbgrader requires the course root inside it); headless
Chromium (Debian's package, driven by Playwright) opens the students page and each sample
student's page of the gradebook, and finds every lesson with the score the gradebook holds.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import LESSONS
from coursekit.paths import AUTOGRADER_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
pytestmark = [pytest.mark.nbgrader,
              pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                 reason="Chromium is not installed (apt-get install chromium; .ci/run does)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def formgrader(sample_run, tmp_path_factory):
    """The command `make formgrader` runs, on the sample course; yields its base URL."""
    port = _free_port()
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {**os.environ, "COURSE_ROOT": str(sample_run.course_root),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root",
         f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={sample_run.course_root.parent}",
         "--LabApp.default_url=/formgrader"],
        cwd=AUTOGRADER_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start: " + (home / "server.log").read_text()[-2000:])
    yield base, home / "server.log"
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium  # conftest's one browser per process (see there why)


def test_formgrader_shows_every_sample_student_and_their_scores(sample_run, formgrader, browser, tmp_path):
    base, server_log = formgrader
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/formgrader/manage_students")
    page.wait_for_selector("table tbody tr:has-text('cleo')", timeout=60_000)
    assert "Sorry, the formgrader encountered an error" not in page.inner_text("body")
    for student in ("ada", "ben", "cleo"):
        page.goto(f"{base}/formgrader/manage_students/{student}")
        page.wait_for_selector(f"table tbody tr:has-text('{LESSONS[0]}')", timeout=60_000)
        page.screenshot(path=str(tmp_path / f"formgrader-{student}.png"), full_page=True)
        rows = {r.split("\t")[0].strip(): r for r in page.locator("table tbody tr").all_inner_texts()}
        for lesson in LESSONS:
            result = sample_run.results[(student, lesson)]
            assert lesson in rows, f"{student}: {lesson} missing from the formgrader page: {list(rows)}"
            assert f"{result.score:g} / {result.max_score:g}" in rows[lesson], (student, lesson, rows[lesson])
    assert not errors, errors
    assert "not a subdirectory of the notebook server root" not in server_log.read_text()
