"""Who the grading kernel runs as, and who else can reach its scratch (issue 23).

Graded by root, the kernel must be an unprivileged host user (``nobody``), never host root (a
user namespace made by root maps the sandbox's uid to host root: the kernel read /etc/shadow).
Its scratch directory is 0700 and its connection file (the HMAC key) 0600, owned by that user,
so a second local user can neither plant files in a running kernel's home nor read its key.
Clean-up removes whatever the kernel left (a 1500-level directory chain, unwritable directories)
and never raises.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coursekit.runner import sandbox
from coursekit.runner.kernel import SandboxedKernelManager

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="grading as root is what this tests")

OTHER_USER = "l1l2-other"


def _run(make_coroutine):
    """A coroutine on a fresh event loop in its own thread (see tests/test_kernel_polling.py)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


async def _with_kernel(scratch: Path, code: str, while_running=None):
    """Start a sandboxed kernel on ``scratch``, run ``code``, call ``while_running()`` while the
    kernel is alive; return (the code's stdout, while_running's result)."""
    manager = type("TestKernelManager", (SandboxedKernelManager,), {"scratch": scratch, "cgroup": None,
                                                                     "env_extra": {}})
    km = manager(kernel_name="python3")
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        out = []

        def collect(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
        reply = await kc.execute_interactive(code, output_hook=collect, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        seen = while_running() if while_running else None
        return "".join(out), seen
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


@as_root
def test_the_kernel_is_not_host_root_and_cannot_read_root_only_files(tmp_path):
    secret = tmp_path / "root-only.txt"
    secret.write_text("only root")
    secret.chmod(0o600)
    os.chmod(tmp_path, 0o755)
    scratch = sandbox.make_scratch()
    planted = scratch / "root-only-in-scratch.txt"  # inside the sandbox's view, owned by root
    planted.write_text("only root")
    planted.chmod(0o600)
    code = (
        "import os\n"
        "print('uid', os.getuid(), os.geteuid(), os.getgid(), os.getgroups())\n"
        f"for p in ('/etc/shadow', {str(planted)!r}):\n"
        "    try:\n"
        "        open(p).read(); print('READ', p)\n"
        "    except OSError as e:\n"
        "        print('denied', p, e.errno)\n"
    )
    try:
        out, _ = _run(lambda: _with_kernel(scratch, code))
    finally:
        assert sandbox.remove_tree(scratch) is None
    assert f"uid {sandbox.SANDBOX_UID} {sandbox.SANDBOX_UID} {sandbox.SANDBOX_UID}" in out, out
    assert "READ" not in out, out
    assert out.count("denied") == 2, out
    assert not scratch.exists()


def _other_user() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(OTHER_USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", OTHER_USER],
                       check=True, capture_output=True)
        entry = pwd.getpwnam(OTHER_USER)
    return entry.pw_uid, entry.pw_gid


def _as_user(uid: int, gid: int, script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["setpriv", "--reuid", str(uid), "--regid", str(gid), "--clear-groups", "--",
                           "/bin/sh", "-c", script], capture_output=True, text=True, timeout=30)


@as_root
def test_another_local_user_cannot_touch_a_running_kernels_scratch():
    uid, gid = _other_user()
    scratch = sandbox.make_scratch()

    def attack():
        # (jupyter_client may add the sticky bit to the connection file's folder: harmless)
        modes = {p.name: (stat.S_IMODE(p.stat().st_mode) & 0o777, p.stat().st_uid)
                 for p in (scratch, scratch / "home", scratch / "work", scratch / "kernel.json")}
        probes = {
            "startup file": _as_user(uid, gid, f"mkdir -p {scratch}/home/.ipython/profile_default/startup && "
                                               f"echo 'x=1' > {scratch}/home/.ipython/profile_default/startup/00.py"),
            "write work": _as_user(uid, gid, f"touch {scratch}/work/planted"),
            "list scratch": _as_user(uid, gid, f"ls {scratch}"),
            "read key": _as_user(uid, gid, f"cat {scratch}/kernel.json"),
        }
        return modes, probes

    try:
        _, (modes, probes) = _run(lambda: _with_kernel(scratch, "print('running')", attack))
    finally:
        assert sandbox.remove_tree(scratch) is None
    for name in ("home", "work", scratch.name):
        assert modes[name] == (0o700, sandbox.SANDBOX_UID), modes
    assert modes["kernel.json"] == (0o600, sandbox.SANDBOX_UID), modes
    for what, proc in probes.items():
        assert proc.returncode != 0, (what, proc.stdout, proc.stderr)
        assert "key" not in proc.stdout, what


@as_root
def test_scratch_of_a_sandbox_file_is_readable_by_the_sandbox_user_only(tmp_path):
    scratch = sandbox.make_scratch()
    try:
        f = scratch / "plan.pkl"
        f.write_bytes(b"plan")
        sandbox.give_to_sandbox(f, 0o600)
        st = f.stat()
        assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o600, sandbox.SANDBOX_UID, sandbox.SANDBOX_UID)
    finally:
        sandbox.remove_tree(scratch)


def test_clean_up_removes_a_deep_chain_and_unwritable_directories():
    """A 1500-level chain breaks a recursive rmtree; the runner's removal takes it, and directories
    the kernel made unwritable, without raising."""
    scratch = sandbox.make_scratch()
    fd = os.open(scratch / "work", os.O_RDONLY)
    try:
        for _ in range(1500):
            os.mkdir("d", dir_fd=fd)
            new = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        os.mkdir("locked", dir_fd=fd)
    finally:
        os.close(fd)
    for sub in ("home/a/b", "home/a/c"):
        (scratch / sub).mkdir(parents=True)
    (scratch / "home/a/b/file").write_text("x")
    (scratch / "home/a").chmod(0o500)
    (scratch / "home/a/b").chmod(0o000)
    assert sandbox.remove_tree(scratch) is None
    assert not scratch.exists()


def test_clean_up_of_a_missing_directory_is_quiet(tmp_path):
    assert sandbox.remove_tree(tmp_path / "gone") is None


def test_a_python_named_through_a_folder_the_sandbox_lacks_still_starts_the_kernel_and_the_judge(tmp_path, monkeypatch):
    """``cd autograder && ../.venv/bin/python -m coursekit check ...`` names the interpreter
    through ``autograder/..``; the sandbox binds only the venv and the packages, so the kernel and
    the judge are started with ``..`` resolved (here: a path through ``tmp_path``, which the
    sandbox's private /tmp does not have)."""
    import sys

    from coursekit.judge import confine

    roundabout = os.path.join(str(tmp_path), os.path.relpath(sys.executable, tmp_path))
    assert ".." in roundabout and os.path.samefile(roundabout, sys.executable)
    monkeypatch.setattr(sys, "executable", roundabout)
    scratch = sandbox.make_scratch()
    try:
        out, _ = _run(lambda: _with_kernel(scratch, "print('kernel up')"))
    finally:
        assert sandbox.remove_tree(scratch) is None
    assert "kernel up" in out
    proc = subprocess.run(confine.command(["-c", "print('judge up')"]), capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "judge up", proc.stderr
