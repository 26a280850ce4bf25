"""The readers' edition (``make site``) checked in a real browser.

The site is built once per session with the same script as ``make site``
(``autograder/site/make_pages.py``: incremental, so an up-to-date build/site costs seconds and a
fresh clone builds it from scratch), served over ``http.server`` on 127.0.0.1 and opened in
headless Chromium (Debian's ``chromium`` package, driven by Playwright; Playwright's own browser
download is not used). Every page: no console error, no request leaving 127.0.0.1, every image
decoded, math typeset by the bundled MathJax; every lesson: no solution visible before its
toggle is opened and every solution visible after; every internal link answers 200. A
full-page screenshot of each lesson is saved under the test's tmp_path.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from coursekit.paths import REPO_ROOT, lesson_names

CHROMIUM = Path("/usr/bin/chromium")
MAKE_PAGES = REPO_ROOT / "autograder" / "site" / "make_pages.py"
SITE_SRC = REPO_ROOT / "build" / "site-src"
SITE = REPO_ROOT / "build" / "site"
LESSONS = lesson_names()
PAGES = ["index", "search", "genindex"] + [f"lessons/{lesson}" for lesson in LESSONS]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.site,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed (pip install -r requirements.txt)"),
]


@pytest.fixture(scope="session")
def site() -> Path:
    """build/site, built (or brought up to date) by the script behind ``make site``."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([sys.executable, str(MAKE_PAGES)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, f"the site build failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-10000:]}"
    assert (SITE / "index.html").is_file()
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site, chromium):
    return chromium  # conftest's one browser per process (see there why)


class PageVisit:
    """A page opened in a fresh browser context, with what it logged and requested."""

    def __init__(self, browser, base_url: str, page_name: str):
        self.base_url = base_url
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = page = self.context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda resp: resp.status >= 400 and self.failed.append(f"{resp.url} -> {resp.status}"))
        page.goto(base_url + page_name + ".html", wait_until="load")
        page.wait_for_load_state("networkidle")
        # MathJax 3 typesets after load; wait for it where the page loads it
        page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise"
                      " ? MathJax.startup.promise.then(() => true) : true")

    def _request(self, request):
        url = request.url
        if not (url.startswith(self.base_url) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened = []

    def open_page(name: str) -> PageVisit:
        opened.append(PageVisit(browser, base_url, name))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_with_images_and_math(visit, name, tmp_path):
    v = visit(name)
    page = v.page
    # every image: decoded and non-empty (lazy ones are made eager and awaited)
    images = page.evaluate("""async () => {
        const imgs = Array.from(document.images);
        for (const img of imgs) img.loading = 'eager';
        await Promise.all(imgs.map(img => img.complete ? null : new Promise(r => { img.onload = img.onerror = r; })));
        return imgs.map(img => [img.getAttribute('src'), img.naturalWidth, img.naturalHeight]);
    }""")
    empty = [src for src, w, h in images if not (w > 0 and h > 0)]
    assert not empty, f"{name}: images that did not render: {empty}"
    # math: every math element holds MathJax output, and no raw TeX delimiters are left in the text
    math = page.evaluate("""() => {
        const els = Array.from(document.querySelectorAll('span.math, div.math'));
        const text = Array.from(document.querySelectorAll('article p, article li, article td'))
            .map(e => e.innerText).join('\\n');
        return {count: els.length, typeset: els.filter(e => e.querySelector('mjx-container')).length,
                raw: (text.match(/\\$\\$|\\\\\\(|\\\\\\[/g) || []).length};
    }""")
    assert math["typeset"] == math["count"], f"{name}: {math['count'] - math['typeset']} math elements not typeset"
    assert math["raw"] == 0, f"{name}: raw TeX delimiters ($$, \\(, \\[) left in the text"
    if name.startswith("lessons/"):
        assert math["count"] > 0, f"{name}: a lesson page with no typeset math"
        assert images, f"{name}: a lesson page with no figure"
        page.screenshot(path=str(tmp_path / f"{name.split('/')[-1]}.png"), full_page=True)
    assert not v.foreign, f"{name}: requests leaving 127.0.0.1: {v.foreign}"
    assert not v.failed, f"{name}: failed requests: {v.failed}"
    assert not v.errors, f"{name}: console errors: {v.errors}"


def _solution_lines(lesson: str) -> list[list[str]]:
    """Per solution cell of the page: its lines that appear nowhere else on the page."""
    nb = nbformat.read(SITE_SRC / "lessons" / f"{lesson}.ipynb", as_version=4)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    elsewhere = "\n".join(c.source for c in nb.cells if c not in solutions)  # prose, stubs, other code
    return [[line.strip() for line in c.source.splitlines()
             if len(line.strip()) >= 12 and line.strip() not in elsewhere] for c in solutions]


@pytest.mark.parametrize("lesson", LESSONS)
def test_solutions_hidden_until_toggled(visit, lesson):
    expected = _solution_lines(lesson)
    assert expected and all(expected), f"{lesson}: every exercise should have solution-only lines"
    v = visit(f"lessons/{lesson}")
    page = v.page
    cells = page.locator("div.cell.tag_solution")
    assert cells.count() == len(expected), f"{lesson}: {cells.count()} folded solutions, expected {len(expected)}"
    stubs = page.locator("div.cell.tag_exercise-stub")
    assert stubs.count() == len(expected), f"{lesson}: {stubs.count()} student cells shown, expected {len(expected)}"
    for i in range(stubs.count()):
        assert stubs.nth(i).locator("div.cell_input").is_visible()
        assert "raise NotImplementedError()" in stubs.nth(i).inner_text()
    hidden_text = page.evaluate("() => document.body.innerText")
    for i, lines in enumerate(expected):
        cell = cells.nth(i)
        source = cell.locator("div.cell_input")
        assert not source.is_visible(), f"{lesson}: solution {i + 1} is visible before its toggle is clicked"
        visible_early = [line for line in lines if line in hidden_text]
        assert not visible_early, f"{lesson}: solution {i + 1} text visible before the toggle: {visible_early}"
        toggle = cell.locator("details summary").first
        assert "Show solution" in toggle.inner_text()
        toggle.click()
        source.wait_for(state="visible", timeout=5000)
        shown = source.inner_text()
        missing = [line for line in lines if line not in shown]
        assert not missing, f"{lesson}: solution {i + 1} lacks lines after the toggle: {missing}"
    shown_text = page.evaluate("() => document.body.innerText")
    assert all(line in shown_text for lines in expected for line in lines)
    # the graded hidden tests never reach the page
    html = page.content()
    assert "BEGIN HIDDEN TESTS" not in html and "coursekit_probe" not in html
    assert not v.errors, f"{lesson}: console errors: {v.errors}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_internal_links_resolve(base_url):
    """Every relative link of every page answers 200, and its #fragment names an element there."""
    pages, seen, broken = {}, set(), []

    def parsed(url: str) -> _Links:
        if url not in pages:
            status, body = _fetch(url)
            pages[url] = (status, _Links())
            if status == 200 and url.endswith(".html"):
                pages[url][1].feed(body.decode("utf-8", "replace"))
        return pages[url][1]

    for name in PAGES:
        page_url = base_url + name + ".html"
        for href in parsed(page_url).hrefs:
            target = urllib.parse.urljoin(page_url, href)
            if not target.startswith(base_url):
                continue  # mailto:, external references (none should be requested; see above)
            url, _, fragment = target.partition("#")
            if (url, fragment) in seen:
                continue
            seen.add((url, fragment))
            links = parsed(url)
            if pages[url][0] != 200:
                broken.append(f"{name}: {href} -> {pages[url][0]}")
            elif fragment and url.endswith(".html") and urllib.parse.unquote(fragment) not in links.ids:
                broken.append(f"{name}: {href} -> no element #{fragment}")
    assert len(seen) > len(PAGES), "expected links between the pages"
    assert not broken, "broken internal links:\n" + "\n".join(broken)
