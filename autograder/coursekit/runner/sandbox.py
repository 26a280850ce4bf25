"""The OS sandbox around a grading kernel: bubblewrap namespaces plus cgroup v1 limits.

Inside: a read-only view of the system (/usr, /etc), of the Python installation and the
virtual environment, of the student helper package ``lessonkit``, the probe ``coursekit_probe``
and ``data/``; a private writable scratch directory (home, working directory, the plan, the
kernel's ipc sockets); no network (own network namespace), own pid/ipc/uts namespaces, no
capabilities, unprivileged uid. Not inside: the repository, the course root (gradebook,
source/, release/, other students, feedback) and the reference package ``reference_solutions``.

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


def check_available() -> None:
    """Raise :class:`SandboxUnavailable` unless a trivial command runs inside the sandbox."""
    scratch = make_scratch()
    cmd = [bwrap_path(), *base_args(scratch), "--", "/bin/true"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxUnavailable(f"bubblewrap could not start: {exc}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if proc.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap could not create the sandbox ({proc.stderr.strip()[:300]}). It needs root, a "
            "setuid bwrap, or unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1).")


def _data_dir() -> Path:
    from lessonkit._paths import DATA_DIR

    return Path(DATA_DIR)


def base_args(scratch: Path) -> list[str]:
    """bwrap options for a sandbox whose only writable place is ``scratch``."""
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
            "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
            # a private /tmp first: the binds below may live under /tmp (a clone in /tmp/...)
            "--tmpfs", "/tmp"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        p = Path("/") / name
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    for prefix in sorted({sys.base_prefix, sys.prefix, os.path.realpath(sys.base_prefix)}):
        args += ["--ro-bind", prefix, prefix]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--ro-bind", str(Path(lessonkit.__file__).parent), str(INSIDE / "lessonkit"),
             "--ro-bind", str(Path(coursekit_probe.__file__).parent), str(INSIDE / "coursekit_probe"),
             "--ro-bind", str(_data_dir()), str(INSIDE / "data"),
             "--bind", str(scratch), str(scratch),
             "--remount-ro", "/",  # the sandbox's own root tmpfs: read-only once the mounts are made
             "--chdir", str(scratch / "work")]
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
    """The kernel command, run inside bwrap, joined to the cgroup first."""
    inner = " ".join(_quote(a) for a in kernel_cmd) + "; exit $?"  # not exec: ipykernel must not see ppid 1
    args = [bwrap_path(), *base_args(scratch), "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--", "/bin/sh", "-c", inner]
    if cgroup and cgroup.dirs:
        join = "; ".join(f"echo $$ > {_quote(f)}" for f in cgroup.procs_files)
        return ["/bin/sh", "-c", f'{join}; exec "$@"', "sh", *args]
    return args


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def make_scratch() -> Path:
    """A fresh private directory for one kernel (outside the course root, writable by the sandbox uid)."""
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="l1l2-sandbox-"))
    for sub in ("home", "work"):
        (scratch / sub).mkdir()
    for p in (scratch, scratch / "home", scratch / "work"):
        os.chmod(p, 0o777)
    return scratch
