"""Run the judge confined: a long-lived :mod:`.server` process in its own bubblewrap sandbox.

What the judging process sees and may do:

- read-only: the system (/usr, /etc), the Python installation and the virtual environment, the
  course's installed packages (``coursekit``, ``reference_solutions``, ``lessonkit``, the
  probe), ``data/`` and the judge cache (written only by the trusted grading process);
- nothing else of the host: no course root (gradebook, secret, ``source/``, submissions,
  feedback), no exchange, no repository beyond the packages above, an empty private /tmp;
- no network (own network namespace), own pid/ipc/uts namespaces, a clean environment;
- as root, it runs as the unprivileged host user ``nobody`` (bubblewrap sets the sandbox up as
  root, then ``setpriv`` drops to uid 65534 with no capabilities); as another user, as that user;
- memory: a cgroup v1 memory group where the machine has one, else a watchdog on its resident
  memory; time: every submission's verdicts must come back within :data:`JOB_SECONDS`.

The grading process sends plain data (the plan's call list without its pickled inputs, the seeds
and the evidence records as JSON) and gets plain verdicts back. A judge that dies, runs out of
memory or time is replaced for the next submission; the cells of the submission it was judging
are reported as not judged (never as the student's mistake, never as a crash of the grading).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import codec

#: Seconds one submission's verdicts may take (all its test cells).
JOB_SECONDS = float(os.environ.get("L1L2_JUDGE_SECONDS", 300))
#: Memory the judging process may use.
MEMORY_BYTES = int(float(os.environ.get("L1L2_JUDGE_MEMORY_GB", 3)) * 2**30)
NOBODY = 65534


class JudgeUnavailable(RuntimeError):
    """The confined judge could not start (the sandbox is missing)."""


def _package_dir(name: str) -> Path:
    import importlib

    return Path(importlib.import_module(name).__file__).resolve().parent


def _mounts() -> list[Path]:
    from lessonkit._paths import DATA_DIR

    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.base_prefix)),
             _package_dir("coursekit"), _package_dir("reference_solutions"), _package_dir("lessonkit"),
             _package_dir("coursekit_probe"), Path(DATA_DIR).resolve()}
    return sorted(paths)


def cache_dir() -> Path | None:
    from reference_solutions.memo import CACHE_ENV

    location = os.environ.get(CACHE_ENV)
    return Path(location).resolve() if location and Path(location).is_dir() else None


def command(python_args: list[str] | None = None) -> list[str]:
    """The bwrap command line of the judge server (``python_args``: run that instead, for tests)."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        raise JudgeUnavailable("bubblewrap (bwrap) is not installed: `apt-get install bubblewrap`")
    from lessonkit._paths import DATA_DIR

    from coursekit.runner import sandbox

    mounts = _mounts()
    cache = cache_dir()
    root = sandbox.as_root()
    args = [bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session"]
    if not root:
        args += ["--unshare-user", "--cap-drop", "ALL"]
    args += sandbox.system_binds()
    args += sandbox._parent_dirs([str(p) for p in mounts + ([cache] if cache else [])])
    for path in mounts:
        args += ["--ro-bind", str(path), str(path)]
    env = {"PATH": f"{sys.prefix}/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
           "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "KERAS_HOME": "/tmp/keras", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/mpl",
           "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
           "L1L2_DATA_DIR": str(Path(DATA_DIR).resolve())}
    if cache:
        args += ["--ro-bind", str(cache), str(cache)]
        env["L1L2_JUDGE_CACHE"] = str(cache)
    args += ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/", "--chdir", "/tmp", "--clearenv"]
    for key, value in env.items():
        if value:
            args += ["--setenv", key, value]
    python = [os.path.abspath(sys.executable), *(python_args or ["-m", "coursekit.judge.server"])]
    return args + ["--", *sandbox.drop_privileges(), *python]


class ConfinedJudge:
    """One judge server; :meth:`judge` sends one submission's cells and returns their verdicts."""

    def __init__(self):
        self.proc = None
        self.cgroup = None
        self.killed_for_memory = False
        self.warmed: list[str] = []  # the checks modules the judge has imported (:func:`prestart`)

    def start(self) -> None:
        from coursekit.runner import sandbox

        cmd = command()
        self.cgroup = sandbox.CgroupLimits(sandbox.Limits(memory_bytes=MEMORY_BYTES, max_pids=256))
        if self.cgroup.create():
            join = "; ".join(f"echo $$ > {sandbox._quote(f)}" for f in self.cgroup.procs_files)
            cmd = ["/bin/sh", "-c", f'{join}; exec "$@"', "sh", *cmd]
        else:
            self.cgroup = None
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"})
        self.killed_for_memory = False
        self.warmed = []

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        if self.cgroup is not None:
            self.cgroup.remove()
        self.proc = self.cgroup = None

    def _memory_hit(self) -> bool:
        return self.killed_for_memory or (self.cgroup is not None and self.cgroup.memory_hit())

    def _watch(self, done: threading.Event) -> None:
        import psutil

        while not done.wait(0.25):
            if self.cgroup is not None:
                continue
            try:
                root = psutil.Process(self.proc.pid)
                rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
            except psutil.Error:
                return
            if rss > MEMORY_BYTES:
                self.killed_for_memory = True
                self.proc.kill()
                return

    def request(self, doc: dict, seconds: float) -> dict:
        if not self.alive():
            self.start()
        data = json.dumps(doc).encode()
        result: dict = {}
        done = threading.Event()

        def talk():
            try:
                self.proc.stdin.write(len(data).to_bytes(8, "big") + data)
                self.proc.stdin.flush()
                header = self.proc.stdout.read(8)
                if len(header) == 8:
                    body = self.proc.stdout.read(int.from_bytes(header, "big"))
                    result["doc"] = json.loads(body)
            except (OSError, ValueError):
                pass
            finally:
                done.set()

        watcher = threading.Thread(target=self._watch, args=(done,), daemon=True)
        talker = threading.Thread(target=talk, daemon=True)
        watcher.start()
        talker.start()
        if not done.wait(seconds):
            self.stop()
            raise TimeoutError
        if "doc" not in result:
            memory = self._memory_hit()
            self.stop()
            raise MemoryError if memory else ChildProcessError
        return result["doc"]

    def judge(self, cells: list, budget: int = codec.BUDGET_BYTES) -> dict:
        """{gid: verdict dict} (see :mod:`.server`); a judge that fails gives every cell a note."""
        if not cells:
            return {}
        try:
            try:
                return self.request({"budget": budget, "cells": cells}, JOB_SECONDS)
            except ChildProcessError:  # it may have died before this job: once more, on a new judge
                return self.request({"budget": budget, "cells": cells}, JOB_SECONDS)
        except TimeoutError:
            why = f"the judge did not finish within {JOB_SECONDS:g} s"
        except MemoryError:
            why = f"the judge ran out of its {MEMORY_BYTES / 2**30:g} GiB of memory on this evidence"
        except ChildProcessError:
            why = "the judge process stopped"
        return {c["gid"]: {"status": "not-judged", "message": None, "detail": why} for c in cells}


_judge: ConfinedJudge | None = None
_lock = threading.Lock()


def judge_cells(cells: list) -> dict:
    """Verdicts of one submission's cells from this process's confined judge (started on first use)."""
    global _judge
    with _lock:
        if _judge is None:
            _judge = ConfinedJudge()
        return _judge.judge(cells)


def checks_modules(source: Path) -> list[str]:
    """The ``reference_solutions.checks`` modules the hidden tests of the lesson notebook (or
    authored source) at ``source`` call: ``probe("module.check", ...)``."""
    import re

    text = Path(source).read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r"""probe\(\s*[\\]?["']([A-Za-z_]\w*)\.""", text)))


def prestart(modules: list[str], cache: str | None = None) -> threading.Thread | None:
    """Start this process's judge now, if it is not running, and let it import ``modules`` (a
    lesson's checks and the libraries they use) in the background while the notebook runs, so
    that the first verdicts wait for no start-up. ``cache``: the judge cache grading will use
    (created if missing, so the judge gets it mounted). Reference answers are not computed here:
    the grading process computes them first (to plan the probe's calls) and writes them to the
    cache, where the judge finds them at its first verdict.

    Returns the thread that warms it, or None when the judge cannot start here (grading then
    reports that itself, or starts it on first use)."""
    from reference_solutions.memo import CACHE_ENV

    saved = os.environ.get(CACHE_ENV)
    if cache:
        try:
            Path(cache).mkdir(parents=True, exist_ok=True)
            os.environ[CACHE_ENV] = str(cache)
        except OSError:
            pass
    global _judge
    try:
        with _lock:
            if _judge is None:
                _judge = ConfinedJudge()
            if not _judge.alive():
                _judge.start()
    except Exception:  # noqa: BLE001 - no sandbox here: grading reports that itself
        return None
    finally:
        if saved is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = saved
    judge = _judge

    def warm():
        with _lock:  # the first verdicts wait for this (judge_cells takes the same lock)
            for module in modules:
                try:
                    judge.warmed = judge.request({"warm": module, "answers": False}, JOB_SECONDS).get("imported", [])
                except Exception:  # noqa: BLE001 - a judge that failed is restarted by the first job
                    return

    thread = threading.Thread(target=warm, name="judge-warm", daemon=True)
    thread.start()
    return thread


def shutdown() -> None:
    global _judge
    with _lock:
        if _judge is not None:
            _judge.stop()
            _judge = None
