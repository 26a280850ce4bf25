"""Whatever a submission produced stays inert where people look at it (issue 23).

An attack notebook (tests/red_team/01_linear_regression/stored_xss_against_the_instructor: a
<script>, an <img onerror>, a Javascript output, an SVG onload, a widget, a flagged string holding
<img onerror>) and an edited notebook (a student markdown cell with raw HTML and a javascript: link,
a code cell carrying the course's own ``l1l2_flags`` mark) are graded with feedback into a course
root of their own. Then headless Chromium opens each feedback page, and Formgrader's view of each
submission logged in as the instructor (the server's ``_xsrf`` cookie set): no script of the
attack runs, it makes no request, and nothing is written through ``/api/contents``.
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

import nbformat
import pytest

from conftest import LESSONS, answers_notebook, solved_notebook
from coursekit import build
from coursekit.grading import db_url, grade_submission, read_autograded
from coursekit.paths import AUTOGRADER_DIR

LESSON = LESSONS[0]
ATTACK = Path(__file__).parent / "red_team" / LESSON / "stored_xss_against_the_instructor.answers.py"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
pytestmark = [pytest.mark.nbgrader,
              pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                 reason="Chromium is not installed (apt-get install chromium; .ci/run does)")]

_JS = ("window.__l1l2_pwned = 3; document.title = 'PWNED'; fetch('/api/contents/pwned-by-markdown.txt', "
       "{method: 'PUT', headers: {'X-XSRFToken': ((document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '')}, "
       "body: JSON.stringify({type: 'file', format: 'text', content: 'pwned'})})")
MARKDOWN_ATTACK = (f"My notes <script>{_JS}</script> <img src=x onerror=\"{_JS}\">\n\n"
                   f"[click](javascript:{_JS}) <svg onload=\"{_JS}\"></svg> <iframe src=\"javascript:{_JS}\"></iframe>\n\n"
                   "$a < b$ and **bold**")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("inert") / "course"
    build.build_lessons(root, [LESSON], lessons_dir=None)
    xss = grade_submission(root, LESSON, "mallory", answers_notebook(root, LESSON, "mallory", ATTACK))
    assert xss.status == "graded" and xss.score == xss.max_score, (xss.message, xss.score)

    nb = nbformat.read(solved_notebook(root, LESSON), as_version=4)
    first_answer = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    nb.cells.insert(first_answer + 1, nbformat.v4.new_markdown_cell(MARKDOWN_ATTACK))
    nb.cells.insert(first_answer + 2, nbformat.v4.new_code_cell(
        "import reference_solutions as _r  # hidden from the flag scan by the flags cell's mark?",
        metadata={"l1l2_flags": True}))
    path = root / "incoming" / "trudy" / f"{LESSON}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    edited = grade_submission(root, LESSON, "trudy", path)
    assert edited.status == "graded", edited.message
    return root, {"mallory": xss, "trudy": edited}


def test_course_metadata_in_a_submission_hides_nothing_from_the_flags(course):
    _, results = course
    flags = results["trudy"].flags
    assert any("reference_solutions" in f and "(added)" in f for f in flags), flags
    assert any("internal metadata" in f for f in flags), flags


def test_student_markdown_is_stored_inert(course):
    root, _ = course
    nb = read_autograded(root, LESSON, "trudy")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown" and "My notes" in c.source)
    assert text, "the student's markdown cell is missing"
    assert not _live_markup(text), (_live_markup(text), text)
    assert "&lt;script&gt;" in text and "<strong>bold</strong>" in text  # shown as text, formatting kept


def _attack_markup(html: str) -> list:
    """Live markup of the attacks in a whole page: a script element or an attribute carrying their
    code, a javascript: URL, an image loading ``x`` or the attacker's site."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            for name, value in attrs:
                value = (value or "").strip()
                if ("__l1l2" in value or value.lower().startswith("javascript:") or (tag == "img" and value == "x")
                        or "attacker.example" in value):
                    found.append(f"<{tag} {name}={value[:40]}>")

        def handle_data(self, data):
            if self.in_script and "__l1l2" in data:
                found.append(f"<script>{data[:40]}")

        def handle_endtag(self, tag):
            self.in_script = False

    Parser().feed(html)
    return found


def _live_markup(html: str) -> list:
    """Tags that run or load something, event-handler attributes and javascript: URLs in ``html``."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "img", "svg", "iframe", "object", "embed", "style", "link", "meta"):
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:")):
                    found.append(f"{tag} {name}={value[:40] if value else value}")

    Parser().feed(html)
    return found


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium  # conftest's one browser per process (see there why)


def _watch(page) -> list[tuple[str, str]]:
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    return requests


def _assert_inert(page, requests, allowed) -> None:
    page.wait_for_timeout(1500)  # time for an onerror, a fetch, a timer
    assert page.evaluate("typeof window.__l1l2_pwned") == "undefined"
    assert page.title() != "PWNED"
    suspicious = [(m, u) for m, u in requests
                  if m != "GET" or "pwned" in u or "javascript" in u or u.rstrip("/").endswith("/x")
                  or not any(u.startswith(a) for a in allowed)]
    assert not suspicious, suspicious


@pytest.mark.parametrize("student", ["mallory", "trudy"])
def test_feedback_page_runs_no_script_and_makes_no_request(course, browser, student):
    root, results = course
    feedback = results[student].feedback
    assert feedback and feedback.is_file()
    html = feedback.read_text()
    assert "window.__l1l2_pwned" in html  # the attack's text is shown, escaped
    assert not _attack_markup(html), _attack_markup(html)
    page = browser.new_page()
    requests = _watch(page)
    page.goto(feedback.as_uri())
    _assert_inert(page, requests, allowed=[feedback.as_uri(), "data:"])
    assert "table" in page.inner_text("body")
    page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def formgrader(course, tmp_path_factory):
    """Formgrader the way `make formgrader` starts it, on this course root."""
    root, _ = course
    port = _free_port()
    home = tmp_path_factory.mktemp("jupyter-home-inert")
    env = {**os.environ, "COURSE_ROOT": str(root),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root",
         f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root.parent}",
         "--ServerApp.default_url=/formgrader"],
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


@pytest.mark.parametrize("student", ["mallory", "trudy"])
def test_formgrader_submission_view_runs_no_script_and_writes_nothing(course, formgrader, browser, student):
    from nbgrader.api import Gradebook

    root, _ = course
    with Gradebook(db_url(root)) as gb:
        submission_id = gb.find_submission_notebook(LESSON, LESSON, student).id
    page = browser.new_page()
    page.goto(f"{formgrader}/formgrader")  # logged in: the server sets the instructor's _xsrf cookie
    assert any(c["name"] == "_xsrf" for c in page.context.cookies()), page.context.cookies()
    requests = _watch(page)
    page.goto(f"{formgrader}/formgrader/submissions/{submission_id}/")
    page.wait_for_selector("#notebook-container, .container", timeout=60_000)
    assert "Sorry, the formgrader encountered an error" not in page.inner_text("body")
    # nbgrader's formgrade page itself loads MathJax from its CDN (not the attack's doing)
    _assert_inert(page, requests, allowed=[formgrader, "data:", "https://cdnjs.cloudflare.com/ajax/libs/mathjax/"])
    # the formgrade page's own API calls are GETs of the grades; nothing was written anywhere
    for name in ("pwned-by-student.txt", "pwned-by-markdown.txt"):
        assert not (root.parent / name).exists()
        assert not list(root.parent.rglob(name))
    page.close()
