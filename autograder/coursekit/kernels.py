"""Kernels this process starts talk to it over unix sockets, not TCP.

jupyter_client's kernel managers default to TCP on localhost, and ipykernel then warns on
stderr at every start: "Kernel is running over TCP without encryption" (any local user could
connect to the ports, and the HMAC key is the only protection). The grading sandbox already
uses ipc (``coursekit.runner.kernel``); :func:`use_ipc_transport` makes it the default for the
kernels the course starts unsandboxed too: the readers' site build (``autograder/site/conf.py``),
``make benchmark``, nbgrader runs through :mod:`coursekit.nbgrader_cli` (``--unsandboxed``).
The sockets live next to the kernel's connection file, in Jupyter's runtime directory (0700).
"""

from __future__ import annotations


def use_ipc_transport() -> None:
    """Make ``ipc`` the default transport of every kernel manager created from now on in this
    process (and in processes forked from it). An explicit ``transport=`` still wins.

    jupyter_client names an ipc kernel's sockets after its connection file, or ``kernel-ipc-N``
    in the working directory when it has none yet (the case of a manager nbclient makes): two
    kernels started at once in one folder (the site's parallel readers) would pick the same
    names. Such a manager gets a connection file of its own in the runtime directory first.
    """
    from jupyter_client.connect import ConnectionFileMixin

    if getattr(ConnectionFileMixin, "_coursekit_ipc", False):
        return
    ConnectionFileMixin.transport.default_value = "ipc"
    write = ConnectionFileMixin.write_connection_file

    def write_connection_file(self, **kwargs):
        if self.transport == "ipc" and not self.connection_file:
            import os
            import uuid

            from jupyter_core.paths import jupyter_runtime_dir

            runtime = jupyter_runtime_dir()
            os.makedirs(runtime, mode=0o700, exist_ok=True)
            self.connection_file = os.path.join(runtime, f"kernel-{uuid.uuid4()}.json")
            if self.ip == "kernel-ipc":  # the default without a connection file: relative, shared
                self.ip = os.path.splitext(self.connection_file)[0] + "-ipc"
        return write(self, **kwargs)

    ConnectionFileMixin.write_connection_file = write_connection_file
    ConnectionFileMixin._coursekit_ipc = True
