"""The grader's session with a sandboxed kernel (coursekit.runner.kernel.BoundedSession) never
parses a message part that would cost far more memory than its bytes: a kernel's 75 MB
``[{},{},...]`` became 2.2 GB in the grading process. Such a message arrives unparsed and marked,
and the runner counts it against the cell's output cap; every honest message parses as before."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from jupyter_client.session import Session

from coursekit.runner.execute import SandboxedExecute
from coursekit.runner.kernel import MAX_CONTAINERS, MAX_PART_BYTES, REFUSED, BoundedSession

KEY = b"a-test-key"


def wire(header_extra: bytes = b"", content: bytes = b"{}", metadata: bytes = b"{}") -> list[bytes]:
    """A signed iopub message as a kernel sends it (parts after the identities)."""
    kernel = Session(key=KEY)
    header = kernel.pack(kernel.msg_header("stream"))
    if header_extra:
        header = header[:-1] + b', "pad": ' + header_extra + b"}"
    parent = kernel.pack(kernel.msg_header("execute_request"))
    parts = [header, parent, metadata, content]
    return [kernel.sign(parts), *parts]


def receive(parts):
    return BoundedSession(key=KEY).deserialize(parts)


def test_a_json_bomb_is_refused_without_being_parsed():
    bomb = b'{"name": "stdout", "text": [' + b"{}," * (4 * MAX_CONTAINERS) + b"{}]}"
    parts = wire(content=bomb)
    tracemalloc.start()
    try:
        message = receive(parts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message[REFUSED][1] >= len(bomb)
    assert "JSON objects and arrays" in message[REFUSED][0]
    assert message["msg_type"] == "stream" and message["content"]["status"] == "error"
    # parsed, it would take about 25 bytes per byte of message; refused, a copy or two of it
    assert peak < 3 * len(bomb), peak


def test_brackets_inside_strings_and_ordinary_outputs_parse_as_before():
    text = "{[" * (MAX_CONTAINERS + 10)  # a student printing brackets: one string, no containers
    content = json.dumps({"name": "stdout", "text": text}).encode()
    message = receive(wire(content=content))
    assert REFUSED not in message and message["content"]["text"] == text
    nested = {"data": {"application/json": [[i, {"k": [i]}] for i in MAX_CONTAINERS // 4 * [0]]}}
    message = receive(wire(content=json.dumps(nested).encode()))
    assert REFUSED not in message and message["content"] == nested


def test_an_oversized_part_is_refused_and_a_refused_envelope_drops_the_message():
    big = b'{"name": "stdout", "text": "' + b"x" * (MAX_PART_BYTES + 1) + b'"}'
    message = receive(wire(content=big))
    assert "MB" in message[REFUSED][0] and message["content"]["ename"] == "OutputRefused"
    message = receive(wire(header_extra=b"[" + b"[]," * MAX_CONTAINERS + b"[]]"))
    assert message["msg_type"] == REFUSED and message["parent_header"] == {}  # nbclient ignores it


def test_a_forged_signature_is_still_rejected():
    parts = wire(content=b"[" + b"{}," * (MAX_CONTAINERS + 1) + b"{}]")
    parts[0] = b"0" * len(parts[0])
    with pytest.raises(ValueError, match="Signature"):
        receive(parts)


def test_the_runner_counts_a_refused_output_over_the_cells_cap():
    import nbformat

    runner = SandboxedExecute()
    runner._bytes, runner._truncated, runner._evidence_bytes = __import__("collections").defaultdict(int), set(), 0
    runner.km = None
    cell = nbformat.v4.new_code_cell("x")
    message = {"msg_type": "stream", "header": {"msg_type": "stream"}, "parent_header": {},
               "content": {"status": "error"}, REFUSED: ("a message of many JSON objects", 3_000_000)}
    assert runner.process_message(message, cell, 0) is None
    assert "output limit" in cell.outputs[-1]["text"]
    status = dict(message, msg_type="status", header={"msg_type": "status"})
    assert runner.process_message(status, cell, 0) is None  # dropped, not read


def test_json_nested_too_deeply_is_refused_instead_of_failing_the_submission():
    deep = b'{"name": "stdout", "text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    message = receive(wire(content=deep))
    assert message[REFUSED][0] == "a message nested too deeply to parse"
    assert message["content"]["ename"] == "OutputRefused"
