"""Kernels the course starts outside the sandbox talk over unix sockets (coursekit.kernels):
no "Kernel is running over TCP without encryption" warning, and two kernels started at once in
one folder get sockets of their own (in Jupyter's runtime directory, not the working directory)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import asyncio, nbformat, os
    from coursekit.kernels import use_ipc_transport
    use_ipc_transport()
    from nbclient import NotebookClient

    async def run(i):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"print({i} * 2)")])
        client = NotebookClient(nb, kernel_name="python3")
        async with client.async_setup_kernel():
            ip = client.km.ip
            await client.async_execute_cell(nb.cells[0], 0)
        return ip, nb.cells[0].outputs[0]["text"].strip()

    async def main():
        return await asyncio.gather(run(1), run(2))

    results = asyncio.run(main())
    print(results)
    assert [text for _, text in results] == ["2", "4"], results
    assert len({ip for ip, _ in results}) == 2, results
    assert all(os.path.isabs(ip) for ip, _ in results), results
    assert os.listdir(".") == [], os.listdir(".")
""")


def test_unsandboxed_kernels_use_ipc_without_the_tcp_warning(tmp_path):
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path.parent / "rt")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "without encryption" not in proc.stderr, proc.stderr

