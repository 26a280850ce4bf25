"""The runner's kernel channels poll in slices (coursekit.runner.execute.poll_in_slices).

A single long poll on a zmq.asyncio socket can miss the wake-up of a message that already
arrived (nbclient issue 312: after a cell that displays an ipywidget, the next cell waited for the
whole 120-s per-cell limit). The fake channel below behaves that way: a poll longer than its
``misses_polls_over`` seconds sleeps to its end and finds nothing; a short one finds the message.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from queue import Empty

import pytest

from coursekit.runner.execute import poll_in_slices


def _run(make_coroutine):
    """Run a coroutine on a fresh event loop in its own thread: while the session-scoped browser
    of tests/test_site.py is open, Playwright's sync API keeps an event loop running in the main
    thread (under pytest-xdist that file may run first in the same process)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


class MissesLongPolls:
    def __init__(self, arrives_after: float, misses_polls_over: float = 1.0):
        self.ready_at = time.monotonic() + arrives_after
        self.misses_polls_over = misses_polls_over
        self.polls = []

    async def get_msg(self, timeout=None):
        self.polls.append(timeout)
        if timeout is None or timeout > self.misses_polls_over:
            await asyncio.sleep(3 if timeout is None else timeout)  # the missed wake-up
            raise Empty
        await asyncio.sleep(timeout)
        if time.monotonic() >= self.ready_at:
            return {"msg": "reply"}
        raise Empty


def test_a_message_a_long_poll_would_miss_arrives_within_a_slice():
    channel = MissesLongPolls(arrives_after=0.3)
    poll_in_slices(channel, slice_seconds=0.1)
    start = time.monotonic()
    assert _run(lambda: channel.get_msg(timeout=120)) == {"msg": "reply"}
    assert time.monotonic() - start < 1.0
    assert max(channel.polls) <= 0.1


def test_sliced_poll_without_timeout_waits_until_the_message_comes():
    channel = MissesLongPolls(arrives_after=0.3)
    poll_in_slices(channel, slice_seconds=0.1)
    assert _run(lambda: channel.get_msg(timeout=None)) == {"msg": "reply"}


def test_sliced_poll_still_gives_up_at_its_timeout():
    channel = MissesLongPolls(arrives_after=60)
    poll_in_slices(channel, slice_seconds=0.1)
    start = time.monotonic()
    with pytest.raises(Empty):
        _run(lambda: channel.get_msg(timeout=0.35))
    assert 0.3 <= time.monotonic() - start < 1.0


def test_the_runner_polls_its_kernels_channels_in_slices(tmp_path):
    """Through the path nbgrader takes (the synchronous setup_kernel), not only the async one."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from coursekit.runner.execute import SandboxedExecute

    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("print(x + 1)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    seen = []
    runner = SandboxedExecute(timeout=60, sandboxed=False)
    runner.on_cell_execute = lambda cell, cell_index: seen.append(
        (getattr(runner.kc.shell_channel.get_msg, "sliced", False),
         getattr(runner.kc.iopub_channel.get_msg, "sliced", False)))
    out, _ = runner.preprocess(nbformat.from_dict(nb), {"metadata": {"path": str(tmp_path)}})
    assert seen == [(True, True), (True, True)]
    assert out.cells[1].outputs[0]["text"] == "2\n"
