"""A jupyter_client kernel manager that starts ipykernel inside the sandbox.

TCP does not work across bwrap's network namespace, so the kernel talks over ipc (unix
sockets) in the scratch directory, which the sandbox sees at the same path.

Its session (:class:`BoundedSession`) parses no message part that would cost the grading
process far more memory than its bytes: a kernel's 75 MB ``[{},{},...]`` became 2.2 GB once
parsed. Such a part is dropped unparsed and the message arrives marked :data:`REFUSED`,
which the runner counts against the cell's output cap.
"""

from __future__ import annotations

import json
import os
import re
import signal
from hmac import compare_digest
from pathlib import Path

import psutil
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session

from . import sandbox

#: Bytes of one message part (header, parent header, metadata, content) the grader parses at most:
#: an output part that large is far over every output cap (2 MB per cell, 16 MiB of evidence).
MAX_PART_BYTES = 64 * 2**20
#: JSON objects and arrays one message part may hold: each costs the parser about 60-100 bytes
#: whatever its size in the message (``{}`` is 2 bytes), so this bounds a part at about 100 MB
#: parsed. The probe's evidence holds a few thousand.
MAX_CONTAINERS = 1_000_000
#: Key of a message (not of its content) whose part was refused: ``(why, bytes)``.
REFUSED = "l1l2_refused"
#: A JSON string (its escapes included), removed before containers are counted exactly.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _part_refusal(part: bytes) -> str | None:
    """Why the grader will not parse this message part, or None."""
    if len(part) > MAX_PART_BYTES:
        return f"a message part of {len(part) / 2**20:.0f} MB (the grader parses at most {MAX_PART_BYTES // 2**20} MB)"
    if part.count(b"{") + part.count(b"[") <= MAX_CONTAINERS:
        return None  # the usual case: no more brackets than allowed, in strings or not
    containers = _JSON_STRING.sub(b"", part)
    count = containers.count(b"{") + containers.count(b"[")
    if count <= MAX_CONTAINERS:
        return None
    return f"a message of {count} JSON objects and arrays (the grader parses at most {MAX_CONTAINERS})"


def _nesting_refusal(part: bytes) -> str | None:
    """Why the grader will not parse this message part (nested too deeply for the JSON parser), or None."""
    try:
        json.loads(part)
    except RecursionError:
        return "a message nested too deeply to parse"
    except ValueError:
        pass
    return None


class BoundedSession(Session):
    """A session that refuses, unparsed, message parts too large or too nested to parse safely.

    A refused header or parent header drops the message (nothing can be attributed to a cell);
    a refused metadata or content part gives the message an error content (an execute reply then
    reads as an error) and no buffers, and the message dict (never its content, which a kernel
    could forge) the key :data:`REFUSED`: ``(why, bytes on the wire)``.
    """

    def deserialize(self, msg_list, content=True, copy=True):
        parts = [p if isinstance(p, bytes) else bytes(p.bytes) for p in msg_list[:5]] + list(msg_list[5:])
        why = {i: _part_refusal(parts[i]) for i in range(1, min(5, len(parts)))}
        if not any(why.values()):
            try:
                return super().deserialize(parts, content=content, copy=True)
            except RecursionError:  # JSON nested deeper than the parser goes: refused like the rest
                why = {i: _nesting_refusal(parts[i]) for i in range(1, min(5, len(parts)))}
                if not any(why.values()):
                    raise
        if self.auth is not None and not compare_digest(parts[0], self.sign(parts[1:5])):
            raise ValueError("Invalid Signature")
        size = sum(len(p) for p in parts[1:])
        if why.get(1) or why.get(2):
            return {"header": {"msg_type": REFUSED, "msg_id": ""}, "msg_id": "", "msg_type": REFUSED,
                    "parent_header": {}, "metadata": {}, "content": {}, "buffers": [],
                    REFUSED: (why.get(1) or why.get(2), size)}
        reason = why.get(4) or why.get(3)
        stub = [b"", parts[1], parts[2], b"{}", json.dumps({
            "status": "error", "ename": "OutputRefused", "evalue": reason, "traceback": []}).encode()]
        stub[0] = self.sign(stub[1:5])
        message = super().deserialize(stub, content=content, copy=True)
        message[REFUSED] = (reason, size)
        return message


class SandboxedKernelManager(AsyncKernelManager):
    """Set ``scratch``, ``cgroup`` and ``env_extra`` (class attributes of a subclass made per run)."""

    scratch: Path = None
    cgroup = None
    env_extra: dict = {}

    def _session_default(self):  # ConnectionFileMixin's default, overridden
        return BoundedSession(parent=self)

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("connection_file", str(Path(self.scratch) / "kernel.json"))
        super().__init__(**kwargs)

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        # the HMAC key: readable by the sandbox user (the kernel) and root only
        sandbox.give_to_sandbox(Path(self.connection_file), 0o600)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kw.pop("cwd", None)  # the sandbox has its own working directory
        env = sandbox.sandbox_env(self.scratch, self.env_extra)
        cmd = sandbox.wrap_command(kernel_cmd, self.scratch, self.cgroup, env)
        return await super()._async_launch_kernel(cmd, **kw)

    def _kernel_processes(self):
        proc = getattr(self.provisioner, "process", None)
        if proc is None:
            return []
        try:
            return [p for p in psutil.Process(proc.pid).children(recursive=True)
                    if "ipykernel" in " ".join(p.cmdline())]
        except psutil.Error:
            return []

    def send_sigint(self):
        """SIGINT to ipykernel itself (bwrap does not forward signals)."""
        for p in self._kernel_processes():
            try:
                p.send_signal(signal.SIGINT)
            except psutil.Error:
                pass

    async def _async_interrupt_kernel(self):
        self.send_sigint()

    interrupt_kernel = _async_interrupt_kernel

    def memory_rss(self) -> int:
        """Resident memory of everything the kernel started (bytes)."""
        proc = getattr(self.provisioner, "process", None)
        if proc is None:
            return 0
        total = 0
        try:
            root = psutil.Process(proc.pid)
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            return 0
        return total
