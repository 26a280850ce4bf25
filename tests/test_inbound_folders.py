"""A submission folder is read once, as it was when checked, within bounds, and alone.

Anyone may create folders in nbgrader's exchange inbound directory, and the student owns what is
in hers: she can swap it for a link after the grader checked it, fill it with hard links, write a
timestamp.txt of any bytes, or name it with a newline. ``coursekit.classgrading`` reads each
folder through one descriptor opened without following links (the red team's swap had alice
graded on bob's notebook), bounds what it holds in memory (200 hard links to a 10 MiB file held
2 GiB in the grade-class parent), refuses a folder it cannot read without failing the class (a
``\\xff`` in timestamp.txt stopped grade-class for everyone), and never puts a control character
of a folder name into a report.
"""

from __future__ import annotations

import os
from pathlib import Path

from coursekit import classgrading
from coursekit.classgrading import FolderProblem, _read_folder, jobs_from_exchange, jobs_from_submitted

LESSON = "01_linear_regression"
STAMP = "2026-01-01 10:00:00.000000 UTC"


def _folder(parent: Path, name: str, notebook: bytes = b"{}") -> Path:
    folder = parent / name
    folder.mkdir(parents=True)
    (folder / f"{LESSON}.ipynb").write_bytes(notebook)
    (folder / "timestamp.txt").write_text(STAMP)
    return folder


def test_a_folder_swapped_for_a_link_after_its_checks_is_still_read_as_it_was(tmp_path, monkeypatch):
    alice = _folder(tmp_path / "inbound", f"alice+{LESSON}+{STAMP}", b"alice's own notebook")
    bob = _folder(tmp_path / "bob", LESSON, b"bob's private work")
    real = os.fwalk

    def swap_then_walk(*args, **kwargs):  # the swap lands after the owner check, before any read
        alice.rename(alice.with_name("alice-spare"))
        alice.symlink_to(bob)
        return real(*args, **kwargs)

    monkeypatch.setattr(classgrading.os, "fwalk", swap_then_walk)
    notebook, stamp, files = _read_folder(alice, LESSON, owner="root" if os.geteuid() == 0 else None)
    assert notebook == b"alice's own notebook" and stamp == STAMP and files == {}


def test_a_folder_that_is_a_link_or_holds_one_is_refused(tmp_path):
    bob = _folder(tmp_path / "bob", LESSON, b"bob's private work")
    inbound = tmp_path / "inbound"
    inbound.mkdir()
    (inbound / f"eve+{LESSON}+{STAMP}").symlink_to(bob)
    holder = _folder(inbound, f"mal+{LESSON}+{STAMP}", b"x")
    (holder / "notes.txt").symlink_to(bob / f"{LESSON}.ipynb")
    jobs = jobs_from_exchange(inbound, check_owner=False)
    assert [j.notebook for j in jobs] == [None, None]
    assert "is a symbolic link, not a submission folder" in jobs[0].refused
    assert "holds a symbolic link (notes.txt ->" in jobs[1].refused
    try:
        _read_folder(inbound / f"eve+{LESSON}+{STAMP}", LESSON)
    except FolderProblem as exc:
        assert "symbolic link" in str(exc)
    else:
        raise AssertionError("a link was read as a submission folder")


def test_what_a_folder_holds_is_read_within_bounds(tmp_path, monkeypatch):
    folder = _folder(tmp_path, f"ada+{LESSON}+{STAMP}")
    big = folder / "big.bin"
    big.write_bytes(b"x" * 2**20)
    for i in range(200):  # hard links: 200 names, one file on disk
        os.link(big, folder / f"link{i:03}.bin")
    for i in range(60):
        (folder / f"small{i:02}.txt").write_bytes(b"s")
    for i in range(3):
        (folder / f"nine{i}.bin").write_bytes(b"n" * 9 * 2**20)
    os.mkfifo(folder / "pipe")  # reading a FIFO by name would wait forever
    _, _, files = _read_folder(folder, LESSON)
    assert not any(name.startswith(("big", "link")) for name in files)  # hard-linked: skipped
    assert len(files) <= classgrading._MAX_EXTRA_FILES and "pipe" not in files
    assert sum(map(len, files.values())) <= classgrading._MAX_EXTRA_BYTES
    monkeypatch.setattr(classgrading, "_MAX_NOTEBOOK", 10)
    (folder / f"{LESSON}.ipynb").write_bytes(b"y" * 1000)
    notebook, _, _ = _read_folder(folder, LESSON)
    assert len(notebook) == 11  # read to one byte past the bound: grading refuses it as too large


def test_an_unreadable_timestamp_or_folder_refuses_that_folder_only(tmp_path, monkeypatch):
    submitted = tmp_path / "submitted"
    _folder(submitted / "ada", LESSON, b"A")
    odd = _folder(submitted / "ben", LESSON, b"B")
    (odd / "timestamp.txt").write_bytes(b"\xff\xfe not a time")
    broken = _folder(submitted / "cleo", LESSON, b"C")
    real = classgrading._read_at

    def unreadable(dir_fd, name, limit):
        if os.path.realpath(f"/proc/self/fd/{dir_fd}") == str(broken) and name.endswith(".ipynb"):
            raise PermissionError(13, "Permission denied")
        return real(dir_fd, name, limit)

    monkeypatch.setattr(classgrading, "_read_at", unreadable)
    jobs = {j.student: j for j in jobs_from_submitted(submitted)}
    assert jobs["ada"].notebook == b"A" and not jobs["ada"].refused
    assert jobs["ben"].notebook == b"B" and "not a time" in jobs["ben"].timestamp
    assert jobs["cleo"].notebook is None and "cannot be read (Permission denied); not graded." in jobs["cleo"].refused


def test_a_folder_name_with_control_characters_is_refused_and_printed_escaped(tmp_path):
    inbound = tmp_path / "inbound"
    _folder(inbound, f"ada+{LESSON}+{STAMP}", b"A")
    _folder(inbound, f"alice\nScores\n  ada 0 of 9+{LESSON}+{STAMP}", b"forged")
    submitted = tmp_path / "submitted"
    _folder(submitted / "bob\x1b[2K", LESSON, b"B")
    jobs = jobs_from_exchange(inbound, check_owner=False) + jobs_from_submitted(submitted)
    refused = [j for j in jobs if j.refused]
    assert len(refused) == 2 and all(j.notebook is None for j in refused)
    for job in refused:
        for text in (job.student, job.lesson, job.source, job.refused):
            assert text.isprintable(), text
    assert [(j.student, j.notebook) for j in jobs if not j.refused] == [("ada", b"A")]
