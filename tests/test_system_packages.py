"""autograder/system_packages.sh: the system packages a make target needs (bubblewrap, chromium).

Run with a PATH that hides the real tools: a directory holding only the commands the script
may use, plus fakes (an ``id`` that says which user we are, an ``apt-get`` that logs its
arguments and may "install" a package by creating its command).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "autograder" / "system_packages.sh"
DEBIAN = Path("/etc/debian_version").is_file()
CHMOD = shutil.which("chmod")


def _fake(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)


@pytest.fixture
def bin_dir(tmp_path):
    """A PATH with sh and make only; ``fake(uid=..., apt=...)`` adds the fakes."""
    d = tmp_path / "bin"
    d.mkdir()
    for tool in ("sh", "make"):
        os.symlink(shutil.which(tool), d / tool)
    log = tmp_path / "apt.log"

    def fake(uid: int = 0, apt: str | None = None, present: tuple[str, ...] = ()):
        _fake(d / "id", f"echo {uid}")
        if apt is not None:  # "install": create the commands; "noop": log only
            mk = " ".join(f'{p}) printf "#!/bin/sh\\n" > {d}/{c}; {CHMOD} +x {d}/{c};;'
                          for p, c in (("bubblewrap", "bwrap"), ("chromium", "chromium")))
            create = f'for p in "$@"; do case "$p" in {mk} esac; done' if apt == "install" else ":"
            _fake(d / "apt-get", f'echo "$@" >> {log}\n' + (f'[ "$1" = install ] && {{ {create}; }}\nexit 0'))
        for cmd in present:
            _fake(d / cmd, "exit 0")
        return d, log

    return fake


def _run(bin_path: Path, *packages: str):
    return subprocess.run([str(bin_path / "sh"), str(SCRIPT), *packages], capture_output=True, text=True,
                          env={"PATH": str(bin_path)}, timeout=60)


def test_all_present_says_nothing_and_installs_nothing(bin_dir):
    d, log = bin_dir(uid=0, apt="install", present=("bwrap", "chromium"))
    r = _run(d, "bubblewrap", "chromium")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    assert not log.exists()


def test_root_with_apt_installs_what_is_missing(bin_dir):
    d, log = bin_dir(uid=0, apt="install", present=("bwrap",))
    r = _run(d, "bubblewrap", "chromium")
    assert r.returncode == 0, r.stderr
    assert "installing the system packages this needs: chromium" in r.stdout
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium"]
    assert (d / "chromium").exists()


def test_root_apt_that_installs_nothing_fails(bin_dir):
    d, log = bin_dir(uid=0, apt="noop")
    r = _run(d, "bubblewrap")
    assert r.returncode == 1
    assert "still missing: bubblewrap" in r.stderr


def test_not_root_stops_with_the_command_to_run(bin_dir):
    d, log = bin_dir(uid=1000, apt="install")
    r = _run(d, "bubblewrap", "chromium")
    assert r.returncode == 1
    assert "missing system packages: bubblewrap chromium" in r.stderr
    assert "  sudo apt-get update && sudo apt-get install -y bubblewrap chromium\n" in r.stderr
    assert not log.exists()  # never tried


def test_root_without_apt_stops_with_the_command_to_run(bin_dir):
    d, log = bin_dir(uid=0)
    r = _run(d, "bubblewrap")
    assert r.returncode == 1
    expected = ("  apt-get update && apt-get install -y bubblewrap\n" if DEBIAN
                else "  install bubblewrap with your system's package manager\n")
    assert expected in r.stderr


def test_unknown_package_is_a_usage_error(bin_dir):
    d, _ = bin_dir(uid=0)
    r = _run(d, "firefox")
    assert r.returncode == 2 and "unknown package 'firefox'" in r.stderr


@pytest.mark.parametrize("target", ["grade-sample", "check", "grade-class", "test"])
def test_make_target_stops_before_building_the_venv(bin_dir, tmp_path, target):
    """Without bubblewrap and not root, the target prints the command and does no work (no venv)."""
    d, _ = bin_dir(uid=1000)
    venv = tmp_path / "venv"
    r = subprocess.run([str(d / "make"), "-C", str(REPO), "--no-print-directory", target, f"VENV={venv}",
                        "PYTHON=false", "NB=x.ipynb"],
                       capture_output=True, text=True, env={"PATH": str(d)}, timeout=60)
    assert r.returncode != 0
    assert "missing system packages: bubblewrap" in r.stderr
    assert "apt-get install -y bubblewrap" in r.stderr
    assert not venv.exists()


def test_main_job_fails_when_a_submission_it_should_grade_was_not_graded(monkeypatch, capsys):
    """Only the sample's deliberately broken student may be rejected; a refusal of anyone else
    (here: the sandbox unavailable) makes `coursekit grade-sample` exit non-zero."""
    from coursekit import cli, sample_class
    from coursekit.grading import GradeResult

    def results(refused: bool):
        return [GradeResult("ada", "01_linear_regression", Path("a.ipynb"), "refused" if refused else "graded",
                            message="not graded: the sandbox is unavailable: bubblewrap (bwrap) is not installed"
                            if refused else ""),
                GradeResult("dev", "01_linear_regression", Path("d.ipynb"), "rejected", message="corrupt")]

    monkeypatch.setattr(sample_class, "report", lambda results, *a: "report")
    for refused, code in ((True, 1), (False, 0)):
        monkeypatch.setattr(sample_class, "grade_sample_class", lambda workers=None, r=refused: results(r))
        assert cli.main(["grade-sample"]) == code
        err = capsys.readouterr().err
        assert ("FAILED: 1 submission(s) that should have been graded were not" in err) == refused
