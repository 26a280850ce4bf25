"""The readers' edition: every authored lesson as an executed page of an offline static site.

``python autograder/site/make_pages.py`` (what ``make site`` runs) does two things:

1. **Pages.** Each ``autograder/authored/NN_topic.py`` (the only edited copy of a lesson) becomes
   ``build/site-src/lessons/NN_topic.ipynb``, a notebook for MyST-NB in which

   - every exercise appears twice: the cell as the student gets it (nbgrader's stub, shown, not
     run) and the reference solution (run, its source folded behind **Show solution**);
   - the hidden-test block of every test cell is removed (the visible checks stay and run);
   - an ipywidgets cell is shown but not run (no live kernel on a static page), with a note
     pointing at the static figure the lesson draws next to it;
   - a note under the title links the student notebook (``lessons/NN_topic.ipynb``).

   The landing page ``index.md`` is ``autograder/site/index.md`` with the lesson table filled in
   (topics from the README's lesson table, else the lesson's title). A file is written only when
   its content changed, so Sphinx re-reads (and MyST-NB re-executes) only the lessons that did.

2. **Site.** ``sphinx-build -W`` with ``autograder/site/conf.py`` into ``build/site``. Execution
   is cached by MyST-NB (jupyter-cache under ``build/site-cache/``); a cell error, a stderr
   output or an output that cannot be rendered fails the build.

``$COURSE_LESSONS`` (comma-separated lesson names) restricts the site to some lessons, as it does
for the rest of the course tooling. ``--pages-only`` writes the pages and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

SITE_DIR = Path(__file__).resolve().parent
REPO_ROOT = SITE_DIR.parents[1]
BUILD_DIR = REPO_ROOT / "build"
SRC_DIR = BUILD_DIR / "site-src"  # generated Sphinx sources (pages, landing page, notebooks)
OUT_DIR = BUILD_DIR / "site"  # the website: open build/site/index.html
CACHE_DIR = BUILD_DIR / "site-cache"  # Sphinx doctrees and MyST-NB's jupyter-cache
#: MyST-NB's execution cache (conf.py's ``nb_execution_cache_path`` is the same folder).
EXECUTION_CACHE = CACHE_DIR / "jupyter"

from coursekit.build import source_notebook  # noqa: E402  (installed in the venv)
from coursekit.paths import LESSONS_DIR, lesson_names  # noqa: E402

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: What nbgrader puts in place of a solution (autograder/nbgrader_config.py sets the same).
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"
#: A cell that builds a live ipywidgets control (needs a kernel, so it is not run on the site).
WIDGET_CELL = re.compile(r"\b(widgets\.\w+\(|interact(ive)?\(|@interact)")

SOLUTION_PROMPTS = {"code_prompt_show": "Show solution", "code_prompt_hide": "Hide solution"}
WIDGET_NOTE = (
    ":::{note}\nThe interactive control above needs a running kernel, so on this page it is shown "
    "as code only: the lesson's static figure earlier in this section shows the same thing. Open the "
    "notebook to use the control.\n:::"
)


def _replace_region(source: str, begin: str, end: str, stub: str | None) -> str:
    """``source`` with each ``begin`` ... ``end`` block (delimiter lines included) replaced by
    ``stub`` at the block's indentation, or removed when ``stub`` is None."""
    out, inside = [], False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise ValueError(f"nested {begin!r}")
            inside = True
            if stub is not None:
                indent = line[: len(line) - len(line.lstrip())]
                out.extend(indent + s for s in stub.split("\n"))
        elif end in line:
            if not inside:
                raise ValueError(f"{end!r} without {begin!r}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{begin!r} without {end!r}")
    return "\n".join(out)


def student_stub(cell) -> str:
    """The cell's source as nbgrader releases it (ClearSolutions)."""
    stub = CODE_STUB if cell.cell_type == "code" else TEXT_STUB
    if BEGIN_SOLUTION in cell.source:
        return _replace_region(cell.source, BEGIN_SOLUTION, END_SOLUTION, stub)
    return stub  # a solution cell without delimiters is replaced whole


def solution_source(cell) -> str:
    """The reference solution without the delimiter lines."""
    return "\n".join(l for l in cell.source.split("\n") if BEGIN_SOLUTION not in l and END_SOLUTION not in l)


def _code(source: str, tags=(), mystnb=None):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    if mystnb:
        cell.metadata["mystnb"] = dict(mystnb)
    return cell


def page_notebook(lesson: str, student_notebook: str | None) -> nbformat.NotebookNode:
    """The site page of ``lesson``, built from its authored source (see the module docstring)."""
    nb = source_notebook(lesson)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.pop("nbgrader", {})
        cell.metadata.pop("editable", None)
        cell.metadata.pop("deletable", None)
        if meta.get("solution"):
            if cell.cell_type == "code":
                cells.append(_code(student_stub(cell), tags=["skip-execution", "exercise-stub"]))
                cells.append(_code(solution_source(cell), tags=["hide-input", "solution"],
                                   mystnb=SOLUTION_PROMPTS))
            else:
                cells.append(nbformat.v4.new_markdown_cell(student_stub(cell)))
                cells.append(nbformat.v4.new_markdown_cell(
                    f"<details class=\"solution\"><summary>Show solution</summary>\n\n"
                    f"{solution_source(cell)}\n\n</details>"))
            continue
        if cell.cell_type == "code" and BEGIN_HIDDEN in cell.source:
            cell.source = _replace_region(cell.source, BEGIN_HIDDEN, END_HIDDEN, None).strip("\n")
            if not cell.source.strip():
                continue
        if cell.cell_type == "code" and WIDGET_CELL.search(cell.source):
            cell.metadata.setdefault("tags", []).append("skip-execution")
            cells.append(cell)
            cells.append(nbformat.v4.new_markdown_cell(WIDGET_NOTE))
            continue
        cells.append(cell)
    note = ("This is the **readers' edition** of the lesson: every output was computed when the site "
            "was built, each exercise shows the cell you get followed by the reference solution "
            "behind **Show solution**, and the graded hidden tests are left out.")
    if student_notebook:
        note += f" To work through it yourself, {{download}}`download the student notebook <{student_notebook}>`."
    cells.insert(1, nbformat.v4.new_markdown_cell(f":::{{note}}\n{note}\n:::"))
    for i, cell in enumerate(cells):
        cell.id = f"site-{i:03d}"
    nb.cells = cells
    nbformat.validate(nb)
    return nb


def _write_if_changed(path: Path, text: str | bytes) -> bool:
    data = text.encode() if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _title(nb) -> str:
    for line in nb.cells[0].source.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError("the first cell of a lesson must hold its '# Lesson NN — title' heading")


def readme_topics() -> dict[str, str]:
    """Lesson name -> topic, from the README's lesson table (rows ``| `lessons/NN_x.ipynb` | topic |``)."""
    topics = {}
    for line in (REPO_ROOT / "README.md").read_text().splitlines():
        m = re.match(r"^\|\s*`lessons/(\d{2}_[a-z0-9_]+)\.ipynb`\s*\|(.*)\|\s*$", line)
        if m:
            topics[m.group(1)] = m.group(2).strip()
    return topics


def write_sources(lessons: list[str]) -> list[str]:
    """Write the pages, the student notebooks and the landing page; return what changed."""
    changed = []
    topics = readme_topics()
    rows, pages = [], []
    for lesson in lessons:
        student = LESSONS_DIR / f"{lesson}.ipynb"
        link = None
        if student.is_file():
            if _write_if_changed(SRC_DIR / "notebooks" / student.name, student.read_bytes()):
                changed.append(f"notebooks/{student.name}")
            link = f"../notebooks/{student.name}"
        nb = page_notebook(lesson, link)
        if _write_if_changed(SRC_DIR / "lessons" / f"{lesson}.ipynb", nbformat.writes(nb) + "\n"):
            changed.append(f"lessons/{lesson}.ipynb")
        title = _title(nb)
        download = f"{{download}}`{student.name} <notebooks/{student.name}>`" if link else "(not built yet)"
        rows.append(f"| [{title}](lessons/{lesson}.ipynb) | {topics.get(lesson, title)} | {download} |")
        pages.append(f"lessons/{lesson}")
    # pages of lessons no longer built (removed, or left out by COURSE_LESSONS) go away
    for sub in ("lessons", "notebooks"):
        for old in (SRC_DIR / sub).glob("*.ipynb"):
            if old.stem not in lessons:
                old.unlink()
                changed.append(f"{sub}/{old.name} (removed)")
    table = "\n".join(["| lesson | what you learn | student notebook |", "|---|---|---|", *rows])
    toctree = "```{toctree}\n:hidden:\n:caption: Lessons\n\n" + "\n".join(pages) + "\n```"
    index = (SITE_DIR / "index.md").read_text()
    for marker, value in (("<!-- lesson-table -->", table), ("<!-- lesson-toctree -->", toctree)):
        if marker not in index:
            raise ValueError(f"autograder/site/index.md lacks the marker {marker}")
        index = index.replace(marker, value)
    if _write_if_changed(SRC_DIR / "index.md", index):
        changed.append("index.md")
    return changed


def sphinx_command() -> list[str]:
    # -j: pages are read (and their lessons executed) side by side, one process per core
    return [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-j", "auto",
            "-c", str(SITE_DIR), "-d", str(CACHE_DIR / "doctrees"), str(SRC_DIR), str(OUT_DIR)]


def prepare_execution_cache(path: Path | None = None) -> Path:
    """Create jupyter-cache's database before Sphinx's parallel readers start.

    jupyter-cache creates its SQLite tables on first use. Under ``sphinx-build -j`` with no cache
    yet (a fresh clone), two reader processes both find no database and both create its tables;
    the second fails with "table settings already exists" and the build stops. Created here, in one
    process, it already exists when the readers open it.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import DB_NAME

    path = EXECUTION_CACHE if path is None else path
    path.mkdir(parents=True, exist_ok=True)
    get_cache(path).db  # noqa: B018  (the property creates the database and its tables)
    return path / DB_NAME


def build_site() -> int:
    """Write the sources and run Sphinx; return Sphinx's exit code."""
    lessons = lesson_names()
    start = time.perf_counter()
    changed = write_sources(lessons)
    print(f"site: {len(lessons)} lessons; sources changed: {', '.join(changed) or 'none'}", flush=True)
    prepare_execution_cache()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    code = subprocess.call(sphinx_command(), cwd=REPO_ROOT, env=env)
    took = time.perf_counter() - start
    if code == 0:
        print(f"site: built in {took:.0f} s -> {(OUT_DIR / 'index.html').relative_to(REPO_ROOT)}")
    else:
        print(f"site: sphinx-build failed (exit {code}) after {took:.0f} s", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages-only", action="store_true", help="write build/site-src and stop")
    parser.add_argument("--clean", action="store_true",
                        help="remove build/site and Sphinx's saved environment first (keeps the execution cache)")
    args = parser.parse_args(argv)
    if args.clean:
        shutil.rmtree(OUT_DIR, ignore_errors=True)
        shutil.rmtree(CACHE_DIR / "doctrees", ignore_errors=True)
    if args.pages_only:
        print(json.dumps(write_sources(lesson_names())))
        return 0
    return build_site()


if __name__ == "__main__":
    sys.exit(main())
