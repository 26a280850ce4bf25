"""Formgrader on a class graded by grade-class, in headless Chromium with no network.

A course root of its own (lesson 01, ada's solved notebook graded by the local pool), so this
does not wait for the one-class run: the gradebook page does not ask for manual grading of an
autograded-only submission (the merge writes needs_manual_grade as autograde does), and the
submission view shows the lesson's formulas as MathML with every request off the machine blocked
(Formgrader's template loads MathJax from a CDN; the course converts the math as the feedback does).
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
from nbgrader.api import Gradebook

from conftest import answers_job
from coursekit import build
from coursekit.classgrading import grade_jobs
from coursekit.grading import db_url
from coursekit.paths import AUTOGRADER_DIR, SAMPLE_CLASS_DIR

LESSON = "01_linear_regression"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
pytestmark = [pytest.mark.nbgrader,
              pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Chromium is not installed (make test-packages)")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("formgrader-offline") / "course"
    build.build_lesson(root, LESSON, lessons_dir=None)
    job = answers_job(root, LESSON, "ada", SAMPLE_CLASS_DIR / "ada" / f"{LESSON}.answers.py", feedback=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("L1L2_COURSE_SECRET", "formgrader-offline-secret")
        [result] = grade_jobs(root, [job], workers=1, feedback=False, progress=False)
    assert result.status == "graded" and result.score == result.max_score, result
    return root


@pytest.fixture(scope="module")
def server(course, tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {**os.environ, "COURSE_ROOT": str(course), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root",
         f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={course.parent}", "--LabApp.default_url=/formgrader"],
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
    yield base
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def offline_page(server, chromium):
    """A Chromium page that can reach the Jupyter server and nothing else (conftest's browser)."""
    context = chromium.new_context()
    page = context.new_page()
    blocked = []

    def only_local(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    yield page, blocked
    context.close()


def test_no_manual_grading_asked_for_an_autograded_submission(course, server, offline_page):
    page, _ = offline_page
    page.goto(f"{server}/formgrader/gradebook/{LESSON}/{LESSON}")
    page.wait_for_selector("table tbody tr:has-text('ada')", timeout=60_000)
    cell = page.locator("table tbody tr:has-text('ada') td.needs-manual-grade")
    assert cell.count() == 1
    assert cell.get_attribute("data-search") != "needs manual grade"
    assert cell.locator("span").count() == 0  # no check mark


def test_the_submission_view_shows_math_without_network(course, server, offline_page):
    page, blocked = offline_page
    with Gradebook(db_url(course)) as gb:
        submission_id = gb.find_submission_notebook(LESSON, LESSON, "ada").id
    page.goto(f"{server}/formgrader/submissions/{submission_id}")
    page.wait_for_selector("#notebook-container .text_cell_render", timeout=60_000)
    text = page.inner_text("#notebook-container")
    assert "$$" not in text, text[:2000]
    assert page.locator("#notebook-container math").count() > 5
    # what the page wanted from outside (the template's MathJax) was never needed to show the math
    assert all("mathjax" in url.lower() or "cdn" in url.lower() for url in blocked), blocked
