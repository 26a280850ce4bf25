"""A jupyter_client kernel manager that starts ipykernel inside the sandbox.

TCP does not work across bwrap's network namespace, so the kernel talks over ipc (unix
sockets) in the scratch directory, which the sandbox sees at the same path.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import psutil
from jupyter_client.manager import AsyncKernelManager

from . import sandbox


class SandboxedKernelManager(AsyncKernelManager):
    """Set ``scratch``, ``cgroup`` and ``env_extra`` (class attributes of a subclass made per run)."""

    scratch: Path = None
    cgroup = None
    env_extra: dict = {}

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
