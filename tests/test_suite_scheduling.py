"""``make test``'s two pytest-xdist workers: the one-class run is computed by one worker only."""

from __future__ import annotations

from pathlib import Path

import pytest

import conftest


@pytest.fixture
def scheduler(request, monkeypatch):
    pytest.importorskip("xdist")
    monkeypatch.setattr(request.config.option, "dist", "loadfile")
    monkeypatch.setattr(request.config.option, "tx", ["2*popen"])
    return conftest.pytest_xdist_make_scheduler(request.config, log=None)


def test_files_whose_tests_use_the_one_class_run_form_one_unit_and_other_files_their_own(scheduler, request):
    """Checked against what pytest itself collected in this session (before any ``-k``): a file's
    tests need ``sample_run`` (directly or through another fixture) exactly when its unit is the
    class's. ``pytest tests -k suite_scheduling`` checks the whole suite without grading it."""
    items = request.config.stash[conftest.COLLECTED]
    files = {item.path for item in items}
    if len(files) < 3:
        pytest.skip("collect the whole suite (pytest tests -k suite_scheduling): only collected files can be checked")
    users = {item.path for item in items if "sample_run" in item.fixturenames}
    assert len(users) >= 5, users  # the sample class, wrong answers, variants, attacks, bad submissions
    for path in files:
        rel = Path(path).relative_to(request.config.rootpath).as_posix()
        scope = scheduler._split_scope(f"{rel}::test_x[a::b]")
        assert (scope == conftest.ONE_CLASS_GROUP) == (path in users), (rel, scope)
        if path not in users:
            assert scope == rel


def test_a_fixture_parameter_counts_and_a_mention_in_text_does_not(tmp_path):
    uses = tmp_path / "test_uses.py"
    uses.write_text("import pytest\n\n@pytest.fixture\ndef logs(sample_run):\n    return 1\n")
    mentions = tmp_path / "test_mentions.py"
    mentions.write_text('"""Not sample_run."""\n\ndef test_x(tmp_path):\n    assert "sample_run"\n')
    assert conftest.requests_sample_run(uses)
    assert not conftest.requests_sample_run(mentions)


def test_without_loadfile_xdist_keeps_its_own_scheduler(request, monkeypatch):
    monkeypatch.setattr(request.config.option, "dist", "load")
    assert conftest.pytest_xdist_make_scheduler(request.config, log=None) is None
