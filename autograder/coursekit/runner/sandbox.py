"""The OS sandbox around a grading kernel: bubblewrap namespaces plus cgroup v1 limits.

Inside: a read-only view of the system (/usr, /etc), of the Python installation and the
virtual environment, of the student helper package ``lessonkit``, the probe ``coursekit_probe``
and ``data/``; a private writable scratch directory (home, working directory, the plan, the
kernel's ipc sockets); no network (own network namespace), own pid/ipc/uts namespaces, no
capabilities, unprivileged uid. Not inside: the repository, the course root (gradebook,
source/, release/, other students, feedback) and the reference package ``reference_solutions``.

Who the kernel runs as. Graded by root, bwrap makes the mounts as root without a user namespace
(a user namespace made by root maps the sandbox's uid to host root) and ``setpriv`` then drops to
host uid/gid :data:`SANDBOX_UID` (``nobody``) with no capabilities, an empty bounding set and
no_new_privs before the kernel starts: the kernel is an ordinary unprivileged host user and cannot
read root-only files such as /etc/shadow. The scratch directory is 0700 and owned by that user, the
connection file (``kernel.json``, the HMAC key) 0600, so no other local user can read or write
them. Graded by anyone else, bwrap maps the sandbox's uid to that user in a user namespace, as
before, and the scratch is 0700 and owned by that user.

Memory and process limits use a cgroup v1 group per kernel where the machine has one
(/sys/fs/cgroup/memory, /sys/fs/cgroup/pids) and it is writable; otherwise the runner's
watchdog (:mod:`.execute`) polls the kernel's memory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import lessonkit

import coursekit_probe

CGROUP_ROOT = Path("/sys/fs/cgroup")
SANDBOX_UID = 65534  # nobody
INSIDE = Path("/opt/l1l2")  # where the helper packages and data appear inside the sandbox


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be set up on this machine; the message says why and what to install."""


def bwrap_path() -> str:
    path = shutil.which("bwrap")
    if not path:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: `apt-get install bubblewrap` (Debian/Ubuntu) "
            "or pass --unsandboxed to grade without a sandbox (the report then says so on every row).")
    return path


def as_root() -> bool:
    """Grading runs as host root: the kernel then drops to :data:`SANDBOX_UID` (see the module docstring)."""
    return os.geteuid() == 0


def drop_privileges() -> list[str]:
    """The command prefix, run inside bwrap, that makes the kernel host uid :data:`SANDBOX_UID`
    (empty when grading does not run as root: the user namespace already maps it to the grader)."""
    if not as_root():
        return []
    setpriv = shutil.which("setpriv", path="/usr/bin:/bin")
    if not setpriv:
        raise SandboxUnavailable("setpriv (util-linux) is missing: grading as root needs it to run the "
                                 "kernel as an unprivileged user (`apt-get install util-linux`).")
    return [setpriv, "--reuid", str(SANDBOX_UID), "--regid", str(SANDBOX_UID), "--clear-groups",
            "--bounding-set", "-all", "--inh-caps", "-all", "--no-new-privs", "--"]


def check_available() -> None:
    """Raise :class:`SandboxUnavailable` unless a trivial command runs inside the sandbox, as the
    sandbox user."""
    bwrap, setpriv = bwrap_path(), drop_privileges()  # may refuse: before the scratch, so none is left behind
    scratch = make_scratch()
    cmd = [bwrap, *base_args(scratch), "--", *setpriv, "/bin/sh", "-c",
           f"cd {_quote(str(scratch / 'work'))} && test -w ."]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxUnavailable(f"bubblewrap could not start: {exc}") from None
    finally:
        remove_tree(scratch)
    if proc.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap could not create the sandbox ({proc.stderr.strip()[:300]}). It needs root, a "
            "setuid bwrap, or unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1).")


def _data_dir() -> Path:
    from lessonkit._paths import DATA_DIR

    return Path(DATA_DIR)


def base_args(scratch: Path) -> list[str]:
    """bwrap options for a sandbox whose only writable place is ``scratch``."""
    if as_root():
        # no user namespace (root's would map the sandbox uid to host root): bwrap keeps only what
        # setpriv needs to drop to SANDBOX_UID (drop_privileges), which then drops those too
        args = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"]
    else:
        args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID)]
    args += system_binds()
    prefixes = sorted({sys.base_prefix, sys.prefix, os.path.realpath(sys.base_prefix)})
    args += _parent_dirs([*prefixes, str(INSIDE / "lessonkit"), str(scratch)])
    for prefix in prefixes:
        args += ["--ro-bind", prefix, prefix]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--ro-bind", str(Path(lessonkit.__file__).parent), str(INSIDE / "lessonkit"),
             "--ro-bind", str(Path(coursekit_probe.__file__).parent), str(INSIDE / "coursekit_probe"),
             "--ro-bind", str(_data_dir()), str(INSIDE / "data"),
             "--bind", str(scratch), str(scratch),
             "--remount-ro", "/"]  # the sandbox's own root tmpfs: read-only once the mounts are made
    if not as_root():
        args += ["--chdir", str(scratch / "work")]
    # as root, bwrap (without capabilities) cannot enter the sandbox user's 0700 scratch: the
    # command changes directory after dropping to that user (wrap_command, check_available)
    return args


def system_binds() -> list[str]:
    """bwrap options for the read-only system (/usr, /etc, /bin, /lib...) and a private /tmp
    (first: later binds may live under /tmp, a clone in /tmp/...); the judge's sandbox uses them too."""
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--perms", "1777", "--tmpfs", "/tmp"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        p = Path("/") / name
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    return args


def _parent_dirs(destinations: list[str]) -> list[str]:
    """``--dir`` options making the parents of the bind destinations 0755 (bwrap makes them 0700,
    which the sandbox user, host ``nobody`` when grading as root, could not pass through)."""
    taken = ["/usr", "/etc", "/proc", "/dev", *destinations]
    parents = set()
    for dest in destinations:
        for parent in Path(dest).parents:
            text = str(parent)
            if text not in ("/", "/tmp") and not any(text == t or text.startswith(t.rstrip("/") + "/") for t in taken):
                parents.add(text)
    args = []
    for parent in sorted(parents, key=lambda d: (d.count("/"), d)):
        args += ["--perms", "0755", "--dir", parent]
    return args


#: Thread-pool sizes the kernel inherits from the grader (class grading sets them so that
#: concurrent submissions do not oversubscribe the cores: OpenMP, BLAS, TensorFlow).
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
               "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")


def sandbox_env(scratch: Path, extra: dict | None = None) -> dict[str, str]:
    env = {
        "HOME": str(scratch / "home"), "PATH": f"{sys.prefix}/bin:/usr/bin:/bin",
        "PYTHONPATH": str(INSIDE), "L1L2_DATA_DIR": str(INSIDE / "data"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline", "MPLCONFIGDIR": str(scratch / "home" / "mpl"),
        "KERAS_HOME": str(scratch / "home" / "keras"), "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", str(os.cpu_count() or 1)),
        "NBGRADER_EXECUTION": "autograde",
    }
    env.update({name: os.environ[name] for name in THREAD_VARS if name in os.environ})
    env.update(extra or {})
    return env


@dataclass
class Limits:
    memory_bytes: int = 6 * 2**30
    max_pids: int = 512


@dataclass
class CgroupLimits:
    """A cgroup v1 memory (+ pids) group for one kernel; ``procs_files`` to join at start."""

    limits: Limits
    name: str = field(default_factory=lambda: f"l1l2-grade-{uuid.uuid4().hex[:12]}")
    dirs: list = field(default_factory=list)

    def create(self) -> bool:
        mem = CGROUP_ROOT / "memory"
        if not (mem / "cgroup.procs").exists() or not os.access(mem, os.W_OK):
            return False
        try:
            d = mem / self.name
            d.mkdir()
            self.dirs.append(d)
            (d / "memory.limit_in_bytes").write_text(str(self.limits.memory_bytes))
            swap = d / "memory.memsw.limit_in_bytes"
            if swap.exists():
                swap.write_text(str(self.limits.memory_bytes))
            pids = CGROUP_ROOT / "pids"
            if (pids / "cgroup.procs").exists() and os.access(pids, os.W_OK):
                p = pids / self.name
                p.mkdir()
                self.dirs.append(p)
                (p / "pids.max").write_text(str(self.limits.max_pids))
        except OSError:
            self.remove()
            return False
        return True

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def memory_hit(self) -> bool:
        """True when the group reached its memory limit: the OOM killer acted in it (its
        ``oom_control`` counts the kills), or it hit the limit (``failcnt``, peak usage)."""
        for d in self.dirs:
            if not (d / "memory.oom_control").exists():
                continue
            try:
                control = dict(line.split() for line in (d / "memory.oom_control").read_text().splitlines()
                               if len(line.split()) == 2)
                if int(control.get("oom_kill", 0)) > 0 or int((d / "memory.failcnt").read_text()) > 0:
                    return True
                return int((d / "memory.max_usage_in_bytes").read_text()) >= self.limits.memory_bytes
            except (OSError, ValueError):
                return False
        return False

    def remove(self) -> None:
        for d in self.dirs:
            for _ in range(50):
                try:
                    procs = (d / "cgroup.procs").read_text().split()
                    for pid in procs:
                        try:
                            os.kill(int(pid), 9)
                        except OSError:
                            pass
                    d.rmdir()
                    break
                except OSError:
                    import time

                    time.sleep(0.1)
        self.dirs = []


def wrap_command(kernel_cmd: list[str], scratch: Path, cgroup: CgroupLimits | None, env: dict) -> list[str]:
    """The kernel command, run inside bwrap, joined to the cgroup first. Its interpreter path has
    ``..`` resolved (``cd autograder && ../.venv/bin/python ...`` names a python through a folder
    the sandbox does not have; symlinks are kept: a venv's python is one)."""
    if kernel_cmd and os.path.isabs(kernel_cmd[0]):
        kernel_cmd = [os.path.abspath(kernel_cmd[0]), *kernel_cmd[1:]]
    inner = (f"cd {_quote(str(scratch / 'work'))} || exit 1; "
             + " ".join(_quote(a) for a in kernel_cmd) + "; exit $?")  # not exec: ipykernel must not see ppid 1
    args = [bwrap_path(), *base_args(scratch), "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--", *drop_privileges(), "/bin/sh", "-c", inner]
    if cgroup and cgroup.dirs:
        join = "; ".join(f"echo $$ > {_quote(f)}" for f in cgroup.procs_files)
        return ["/bin/sh", "-c", f'{join}; exec "$@"', "sh", *args]
    return args


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def make_scratch() -> Path:
    """A fresh private directory for one kernel (outside the course root): 0700 and owned by the
    sandbox user (:data:`SANDBOX_UID` when grading as root, else the grader, whom the user
    namespace maps to the sandbox uid)."""
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="l1l2-sandbox-"))
    for sub in ("home", "work"):
        (scratch / sub).mkdir(mode=0o700)
    for p in (scratch, scratch / "home", scratch / "work"):
        give_to_sandbox(p, 0o700)
    return scratch


def give_to_sandbox(path: Path, mode: int) -> None:
    """``chmod mode`` and, grading as root, ``chown`` to the sandbox user (only it and root can use it)."""
    if as_root():
        os.chown(path, SANDBOX_UID, SANDBOX_UID)
    os.chmod(path, mode)


def remove_tree(path: Path) -> str | None:
    """Remove a scratch directory whatever the kernel left in it (any depth, any modes, files it
    made unwritable): ``rm -rf`` (no recursion limit), as root or as the grader who owns it, after
    making every directory writable again. Never raises; returns a note for the instructor when
    something could not be removed, else None."""
    path = Path(path)
    if not os.path.lexists(path):
        return None
    try:
        if not as_root():
            # the sandbox runs as the grader: directories it made read-only block rm, make them writable
            subprocess.run(["chmod", "-R", "u+rwx", "--", str(path)], capture_output=True, timeout=600)
        proc = subprocess.run(["rm", "-rf", "--one-file-system", "--", str(path)],
                              capture_output=True, text=True, timeout=600)
        if not os.path.lexists(path):
            return None
        return f"the sandbox's scratch directory {path} could not be removed: {proc.stderr.strip()[:300]}"
    except (OSError, subprocess.SubprocessError) as exc:
        return f"the sandbox's scratch directory {path} could not be removed: {exc}"
