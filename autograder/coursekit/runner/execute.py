"""nbgrader's Execute, run in the sandbox, with limits that never turn a submission into "failed".

* per-cell time limit (``timeout``) and a total limit (``total_timeout``): a cell that runs past
  its limit gets an error naming the limit, and the cells after it are marked "not run";
* memory: a cgroup limit (or, without cgroups, a watchdog that kills the kernel); a kernel that
  dies (memory, ``os._exit``, a signal) gives the cell an error naming what happened, and the
  cells after it are marked "not run";
* output: more than ``output_limit`` bytes in one cell are dropped (and the cell interrupted),
  counting every output kind (stream, display_data, update_display_data, execute_result, error)
  before anything is kept; the probe's own evidence output in a test cell (and nothing else: not a
  display that merely contains the evidence MIME type) has its own, larger cap.

Cells that completed keep their outputs; the judge then scores the notebook as usual.

Waiting for the kernel's messages polls in slices of :data:`POLL_SLICE` seconds: a single long
poll on a zmq.asyncio socket can miss the wake-up of a message that has already arrived and
only return it when the poll times out. Seen here after a cell that displays an ipywidget (nbclient
issue 312): the next cell started after the full per-cell limit, 120 s later, on a third of the
lesson-03 runs when three kernels ran side by side. Sliced, a missed wake-up costs at most one slice.

Code cells after the last graded cell are not run (``run_after_last_graded = False``, the
default): no grade can depend on them, since every graded cell has run before them, and in
the lessons they are the long demonstrations (a lesson 05 submission grades in a fraction of
the time). The first of them gets a line saying so; ``L1L2_RUN_ALL_CELLS=1`` runs them all.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from queue import Empty

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Int

from coursekit_probe import EVIDENCE_MIME

from . import sandbox
from .kernel import REFUSED, SandboxedKernelManager


#: Seconds of one poll of a kernel channel (see the module docstring).
POLL_SLICE = 0.25


def poll_in_slices(channel, slice_seconds: float = POLL_SLICE) -> None:
    """Make ``channel.get_msg(timeout)`` poll in slices of ``slice_seconds`` until ``timeout``
    (``None``: forever), so that a missed wake-up never holds a message back for the whole timeout."""
    whole = channel.get_msg

    async def get_msg(timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = slice_seconds if deadline is None else min(slice_seconds, max(0.0, deadline - time.monotonic()))
            try:
                return await whole(timeout=left)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    get_msg.sliced = True
    channel.get_msg = get_msg


#: Error names of the cells the runner stopped (grading reports them as "stopped early").
STOP_ERRORS = ("TimeLimit", "KernelDied", "KernelBroken")


#: Every kind of output a kernel sends; each counts against its cell's cap (update_display_data too).
OUTPUT_KINDS = frozenset({"stream", "display_data", "update_display_data", "execute_result", "error"})


#: Notebook metadata key where the runner records that it stopped the notebook, and in which cell
#: (a student's own exception named TimeLimit is not a stop; restore drops the key from submissions).
RUNNER_STOP = "l1l2_runner_stop"


#: Notebook metadata key of the runner's clean-up problems (notes for the instructor, see grading).
CLEANUP_NOTES = "l1l2_cleanup_notes"


#: The line the first code cell after the last graded cell shows in the graded notebook.
AFTER_LAST_GRADED = ("[not run by the autograder: no graded cell comes after this point, so this cell "
                     "and the ones below cannot change your score. Run them yourself in JupyterLab.]\n")


def _label(cell, index) -> str:
    gid = cell.metadata.get("nbgrader", {}).get("grade_id")
    return f"cell {index + 1}" + (f" ({gid})" if gid else "")


def error_output(ename: str, message: str):
    return new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


class SandboxedExecute(Execute):
    sandboxed = Bool(True, help="Run kernels in the bubblewrap sandbox (False only when the "
                                "instructor asked to grade unsandboxed).").tag(config=True)
    total_timeout = Int(600, help="Seconds the whole notebook may run.").tag(config=True)
    memory_limit = Int(6 * 2**30, help="Bytes of memory the kernel may use.").tag(config=True)
    output_limit = Int(2 * 2**20, help="Bytes of output one cell may produce (evidence excluded).").tag(config=True)
    evidence_limit = Int(16 * 2**20, help="Bytes of evidence one cell may produce.").tag(config=True)
    notebook_evidence_limit = Int(32 * 2**20, help="Bytes of evidence the whole notebook may produce (it is "
                                                    "kept, parsed, until judged).").tag(config=True)
    run_after_last_graded = Bool(False, help="Also run the code cells after the last graded cell "
                                             "(no grade depends on them).").tag(config=True)
    iopub_timeout = Int(10, help="Seconds to wait for a cell's last output after its reply; a kernel "
                                 "whose output channel stays silent longer is treated as broken.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._stopped = None
        self._stopped_cell = None
        self._deadline = time.monotonic() + self.total_timeout
        self._bytes = defaultdict(int)
        self._evidence_bytes = 0  # the whole notebook's
        self._truncated = set()
        self._killed_for_memory = False
        self._cell_index = 0
        graded = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and is_grade(cell)]
        self._last_graded = len(nb.cells) if self.run_after_last_graded or not graded else graded[-1]
        self._noted_skip = False
        if self.sandboxed:
            sandbox.check_available()  # may refuse: before the scratch, so none is left behind
        scratch = sandbox.make_scratch()
        for name, data in (resources or {}).get("sandbox_files", {}).items():
            (scratch / name).write_bytes(data)
            sandbox.give_to_sandbox(scratch / name, 0o600)
        # the judge's plan reaches the kernel one test cell at a time: written just before that
        # cell runs, removed before the next cell (see _hand_plan_part), in a directory the kernel
        # can read but not change, through a descriptor opened before the kernel starts
        plan_dir = scratch / "plan"
        plan_dir.mkdir()
        if sandbox.as_root():
            os.chown(plan_dir, 0, sandbox.SANDBOX_UID)
            os.chmod(plan_dir, 0o750)
        else:
            os.chmod(plan_dir, 0o700)
        self._plan_fd = os.open(plan_dir, os.O_RDONLY | os.O_DIRECTORY)
        # a dict, or a callable giving it (PlanProbes plans while the kernel starts): resolved
        # when the first test cell runs
        self._plan_parts = (resources or {}).get("sandbox_plan_parts", {})
        env = {"L1L2_PLAN_FILE": str(plan_dir / "plan.pkl")}
        cgroup = None
        if self.sandboxed:
            cgroup = sandbox.CgroupLimits(sandbox.Limits(memory_bytes=self.memory_limit))
            cgroup.create()
            self.kernel_manager_class = type("RunKernelManager", (SandboxedKernelManager,),
                                             {"scratch": scratch, "cgroup": cgroup, "env_extra": env})
        else:
            os.environ.update(env)  # the unsandboxed kernel inherits nbgrader's environment
        self._cgroup = cgroup
        stop_watch = threading.Event()
        watchdog = threading.Thread(target=self._watch_memory, args=(stop_watch,), daemon=True)
        watchdog.start()
        try:
            try:
                return super().preprocess(nb, resources, km)
            except DeadKernelError:
                # the kernel died outside a cell (at start-up): nothing ran
                self._stop("the kernel could not start or died before the first cell")
                for index, cell in enumerate(nb.cells):
                    self._mark_not_run(cell)
                return nb, resources
        finally:
            stop_watch.set()
            if self._stopped is not None:  # what grading reports as "stopped early" (never a student's own error)
                nb.metadata[RUNNER_STOP] = {"cell": self._stopped_cell, "why": self._stopped}
            if cgroup:
                try:
                    cgroup.remove()
                except Exception as exc:  # noqa: BLE001 - clean-up never fails a submission
                    self._cleanup_note(nb, f"the kernel's cgroup could not be removed: {exc}")
            # no recursion (a 1500-level chain broke shutil.rmtree), whatever the kernel left;
            # a problem is a note for the instructor, never a failed submission
            os.close(self._plan_fd)
            note = sandbox.remove_tree(scratch)
            if note:
                self._cleanup_note(nb, note)

    def _cleanup_note(self, nb, note: str) -> None:
        self.log.warning("Sandbox clean-up: %s", note)
        try:
            nb.metadata.setdefault(CLEANUP_NOTES, []).append(note)
        except Exception:  # noqa: BLE001
            pass

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        poll_in_slices(kc.shell_channel)
        poll_in_slices(kc.iopub_channel)
        return kc

    # nbclient's synchronous setup_kernel() calls this name, bound to its own coroutine
    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    # -- limits ---------------------------------------------------------------------------
    def _watch_memory(self, stop):
        while not stop.wait(0.5):
            km = getattr(self, "km", None)
            if km is None or not hasattr(km, "memory_rss"):
                continue
            if km.memory_rss() > self.memory_limit:
                self._killed_for_memory = True
                proc = getattr(km.provisioner, "process", None) if km.provisioner else None
                if proc is not None:
                    proc.kill()

    def _stop(self, why: str):
        if self._stopped is None:
            self._stopped = why
            self._stopped_cell = self._cell_index

    def _mark_not_run(self, cell):
        if cell.cell_type == "code":
            cell.outputs = [error_output("NotRun", f"this cell did not run: {self._stopped}.")]

    def _hand_plan_part(self, cell):
        """plan/plan.pkl holds the part of the plan of this cell when it is a test cell, else nothing.

        Written through the plan directory's descriptor, never following a link: whatever the
        kernel did to its scratch, the grader writes nowhere else."""
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") if cell.cell_type == "code" else None
        if gid and callable(self._plan_parts):
            self._plan_parts = dict(self._plan_parts())
        part = self._plan_parts.get(gid) if gid and not callable(self._plan_parts) else None
        try:
            os.unlink("plan.pkl", dir_fd=self._plan_fd)
        except FileNotFoundError:
            pass
        except OSError:
            return
        if part is None:
            return
        try:
            fd = os.open("plan.pkl", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=self._plan_fd)
        except OSError:
            return  # the probe then finds no plan: this cell gets no evidence
        try:
            if sandbox.as_root():
                os.fchown(fd, 0, sandbox.SANDBOX_UID)
                os.fchmod(fd, 0o640)
            view = memoryview(part)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)

    def timeout_func(self, cell):  # noqa: D401 - nbclient calls this per cell
        remaining = max(1, int(self._deadline - time.monotonic()))
        return min(self.timeout, remaining) if self.timeout else remaining

    def preprocess_cell(self, cell, resources, index):
        self._cell_index = index
        if index > self._last_graded:
            if cell.cell_type == "code" and not self._noted_skip:
                self._noted_skip = True
                cell.outputs = [new_output("stream", name="stdout", text=AFTER_LAST_GRADED)]
            return cell, resources
        if self._stopped is None and time.monotonic() >= self._deadline:
            self._stop(f"the notebook used up its total time limit of {self.total_timeout} s")
        if self._stopped is not None:
            self._mark_not_run(cell)
            return cell, resources
        self._hand_plan_part(cell)
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            if self._killed_for_memory or (self._cgroup is not None and self._cgroup.memory_hit()):
                why = f"it used more than the memory limit of {self.memory_limit / 2**30:g} GiB"
            else:
                why = "the kernel process exited (os._exit, a crash or a signal)"
            self._stop(f"the kernel died in {_label(cell, index)}: {why}")
            cell.outputs.append(error_output("KernelDied", f"the kernel died while running this cell: {why}. "
                                             "The cells after it did not run."))
            return cell, resources
        except CellTimeoutError:
            # the reply came but the kernel's output channel went silent (its I/O machinery was
            # broken, e.g. by patched builtins): the kernel cannot be trusted to run more cells
            why = "the kernel stopped sending output (its I/O machinery was broken by the code in this cell)"
            self._stop(f"{_label(cell, index)}: {why}")
            cell.outputs.append(error_output("KernelBroken", f"{why}. The cells after it did not run."))
            return cell, resources

    async def _async_handle_timeout(self, timeout, cell=None):
        index = self._cell_index
        label = _label(cell, index) if cell is not None else "a cell"
        limit = "the total time limit" if time.monotonic() >= self._deadline - 1 else f"the per-cell limit of {timeout} s"
        self._stop(f"{label} ran past {limit}")
        await super()._async_handle_timeout(timeout, cell)
        return {"content": {"status": "error", "ename": "TimeLimit",
                            "evalue": f"this cell ran past {limit} and was stopped; the cells after it did not run.",
                            "traceback": [f"TimeLimit: this cell ran past {limit} and was stopped; "
                                          "the cells after it did not run."]}}

    def _is_evidence(self, cell, msg_type: str, content: dict) -> bool:
        """Only the probe's own output in a test cell is evidence: a ``display_data`` whose data is the
        evidence MIME type and the probe's one-line text, nothing else."""
        if msg_type != "display_data" or not is_grade(cell) or is_solution(cell):
            return False
        data = content.get("data") or {}
        return (EVIDENCE_MIME in data and set(data) <= {EVIDENCE_MIME, "text/plain"}
                and len(str(data.get("text/plain", ""))) <= 1000)

    def process_message(self, msg, cell, cell_index):
        """Count every output kind against the cell's cap before nbclient keeps it (or, for
        ``update_display_data`` and displays with an id, writes it into an earlier output)."""
        msg_type = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
        content = msg.get("content", {})
        refused = msg.get(REFUSED)  # (why, bytes): left unparsed by runner.kernel.BoundedSession
        if refused and msg_type not in OUTPUT_KINDS:
            return None  # a status or comm message nobody could parse safely: as if never sent
        if msg_type in OUTPUT_KINDS:
            evidence = not refused and self._is_evidence(cell, msg_type, content)
            key = (cell_index, evidence)
            # a refused message counts with its size on the wire (always over the output cap)
            size = max(refused[1], self.output_limit + 1) if refused else len(str(content))
            self._bytes[key] += size
            if evidence:
                self._evidence_bytes += size
            limit = self.evidence_limit if evidence else self.output_limit
            if self._bytes[key] > limit or (evidence and self._evidence_bytes > self.notebook_evidence_limit):
                if evidence and self._bytes[key] <= limit:
                    limit = self.notebook_evidence_limit  # the notebook's evidence, not this cell's
                if key not in self._truncated:
                    self._truncated.add(key)
                    cell.outputs.append(new_output("stream", name="stdout", text=(
                        f"\n[output limit: more than {limit / 2**20:g} MB of "
                        f"{'evidence' if evidence else 'output'} from "
                        f"{'this notebook' if limit == self.notebook_evidence_limit else 'this cell'}; "
                        "the rest was dropped and the cell was interrupted]\n")))
                    if hasattr(self.km, "send_sigint"):
                        self.km.send_sigint()
                return None
        return super().process_message(msg, cell, cell_index)
