"""The site build's execution cache exists before Sphinx's parallel readers open it.

On a fresh clone, ``sphinx-build -j`` started two readers that both created jupyter-cache's
SQLite tables; one failed with "table settings already exists" and the site build stopped (CI of
stop 20). ``make_pages.build_site`` now creates the database first, in one process.
"""

from __future__ import annotations

import importlib.util
import runpy
import sqlite3
from pathlib import Path

from jupyter_cache.cache.db import DB_NAME

from coursekit.paths import REPO_ROOT

SITE_DIR = REPO_ROOT / "autograder" / "site"


def _make_pages():
    spec = importlib.util.spec_from_file_location("make_pages", SITE_DIR / "make_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {row[0] for row in con.execute("select name from sqlite_master where type='table'")}


def test_execution_cache_is_the_folder_conf_py_names():
    conf = runpy.run_path(str(SITE_DIR / "conf.py"))
    assert Path(conf["nb_execution_cache_path"]) == _make_pages().EXECUTION_CACHE


def test_prepared_cache_has_its_tables(tmp_path):
    db = _make_pages().prepare_execution_cache(tmp_path / "jupyter")
    assert db.is_file()
    assert {"settings", "nbcache", "nbproject"} <= _tables(db)


def test_build_site_creates_the_cache_before_sphinx_starts(tmp_path, monkeypatch):
    make_pages = _make_pages()
    cache = tmp_path / "fresh-clone" / "jupyter"
    seen = {}

    def fake_sphinx(cmd, **kwargs):
        seen["tables"] = _tables(cache / DB_NAME) if (cache / DB_NAME).is_file() else set()
        return 0

    monkeypatch.setattr(make_pages, "EXECUTION_CACHE", cache)
    monkeypatch.setattr(make_pages, "write_sources", lambda lessons: [])
    monkeypatch.setattr(make_pages.subprocess, "call", fake_sphinx)
    assert make_pages.build_site() == 0
    assert "settings" in seen["tables"]
