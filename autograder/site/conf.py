"""Sphinx configuration of the readers' edition (``make site``; sources in build/site-src).

``autograder/site/make_pages.py`` writes the sources and runs ``sphinx-build -c autograder/site``.
Everything the pages load ships in build/site: the theme's assets, MathJax 3 (from the
``sphinx-mathjax-offline`` package) and the figures; nothing is fetched at build or view time.
"""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# The kernels MyST-NB starts inherit this environment: TensorFlow logs nothing but errors.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# ... and talk to Sphinx over unix sockets: no "Kernel is running over TCP without encryption"
# warning from each of them (sphinx -j forks its readers from this process, so they inherit it).
from coursekit.kernels import use_ipc_transport  # noqa: E402

use_ipc_transport()

project = "L1/L2 regularization"
author = "the course authors"
copyright = "the course authors"
html_title = "L1/L2 regularization — readers' edition"

extensions = ["myst_nb"]
# MathJax 3 comes from the pinned sphinx-mathjax-offline package and is copied into
# _static/mathjax by setup() below. The package's own Sphinx extension does just that but does not
# declare itself safe for parallel reading, which would keep `sphinx-build -j` (the lessons
# executed side by side) serial.

# MyST: $...$ and $$...$$ math as in Jupyter; ::: fences for the notes.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# MathJax from the site itself, never a CDN (sphinx-mathjax-offline sets this too).
mathjax_path = "mathjax/tex-chtml.js"

# Execution: every page is executed once and cached (jupyter-cache under build/); a lesson is
# re-executed only when its code changes. A failing cell fails the build; a cell that never
# finishes (e.g. an ipywidgets cell waiting for a front end, nbclient issue 312) times out.
nb_execution_mode = "cache"
nb_execution_cache_path = str(REPO_ROOT / "build" / "site-cache" / "jupyter")
nb_execution_timeout = int(os.environ.get("SITE_CELL_TIMEOUT", "600"))
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_excludepatterns = []
# Output on stderr is a warning, and -W makes it an error: TF's logs or a stray warning fail the
# build instead of landing on a page.
nb_output_stderr = "warn"
nb_merge_streams = True
# A widget output would pull the widget manager from a CDN: the site has none (make_pages.py
# leaves widget cells unexecuted), and no widget JavaScript is loaded.
nb_ipywidgets_js = {}

# notebooks/ holds the student notebooks offered for download: files, not pages.
exclude_patterns = ["notebooks", "_build", "**.ipynb_checkpoints", "jupyter_execute"]
master_doc = "index"
language = "en"

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "navigation_with_keys": False,
}
# a page icon of our own, so the browser does not ask the server for /favicon.ico
html_favicon = "_static/favicon.svg"
# a valid colour mode from the first visit (an empty one logs a console error in the theme)
html_context = {"default_mode": "auto"}
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True  # the theme's download button offers the page's .ipynb


def _copy_mathjax(app, exc):
    import importlib.util

    from sphinx.util.fileutil import copy_asset

    spec = importlib.util.find_spec("sphinx-mathjax-offline")  # the module name has dashes
    if spec is None:
        raise RuntimeError("sphinx-mathjax-offline is not installed (requirements.txt pins it)")
    if exc is None:
        copy_asset(str(Path(spec.origin).parent / "static" / "mathjax"),
                   os.path.join(app.outdir, "_static", "mathjax"))


def setup(app):
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
