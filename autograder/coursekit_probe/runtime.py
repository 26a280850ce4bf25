"""Run the grader's planned calls on the student's objects and display the results."""

from __future__ import annotations

import os
import pickle
import re

from . import evidence

#: MIME type of the evidence outputs; the judge reads only outputs of this type.
EVIDENCE_MIME = "application/vnd.l1l2-course.evidence+json"
#: Where the runner puts the plan inside the sandbox.
PLAN_ENV = "L1L2_PLAN_FILE"

def _plan() -> dict:
    """The plan of the test cell being run (the runner writes it just before the cell runs)."""
    path = os.environ.get(PLAN_ENV)
    if not path or not os.path.isfile(path):
        return {"nonce": None, "specs": {}}  # not grading (e.g. nbgrader validate): a no-op
    with open(path, "rb") as fh:
        return pickle.load(fh)  # written by the trusted judge, never by a student


def _user_namespace() -> dict:
    from IPython import get_ipython

    shell = get_ipython()
    return shell.user_ns if shell is not None else {}


def _resolve(obj, path):
    for attr in path:
        obj = getattr(obj, attr)
    return obj


def _run_call(entry, values):
    """One planned operation on a student object -> one evidence record."""
    target = entry["target"]
    if target not in values:
        return {"missing": target}
    try:
        obj = _resolve(values[target], entry["path"])
        if entry["kind"] == "op":
            from .ops import OPS

            args, _ = pickle.loads(entry["args"])
            return {"ok": evidence.encode(OPS[entry["op"]](obj, *args))}
        if entry["kind"] != "call":
            return {"ok": evidence.encode(obj)}
        args, kwargs = pickle.loads(entry["args"])
        before = evidence.snapshot(args, kwargs)
        result = obj(*args, **kwargs)
        record = {"ok": evidence.encode(result, evidence.param_refs(args, kwargs))}
        if entry.get("grads"):
            record["grads"] = evidence.gradients(result, args, kwargs)
        mutated = evidence.mutations(before, args, kwargs)
        if mutated:
            record["mutated"] = mutated
        return record
    except evidence.EncodeError as exc:
        return {"unencodable": str(exc)[:500]}
    except BaseException as exc:  # noqa: BLE001 - the student's code may raise anything, even SystemExit
        if isinstance(exc, KeyboardInterrupt):
            raise
        return {"raised": [type(exc).__name__[:80], _exception_text(exc)]}


#: The last "SomeError: ..." line of a long message (scikit-learn's "All the N fits failed" ends
#: with the traceback of the first failure, whose last line is the cause).
_LAST_ERROR_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,79}(?:Error|Exception|Warning)?: .*", re.M)


def _exception_text(exc, limit: int = 2000) -> str:
    """The exception's text, at most about ``limit`` characters: a long one keeps its beginning and
    its last error line (the cause of a library's wrapped error), not only its beginning."""
    text = str(exc)
    if len(text) <= limit:
        return text
    head = text[: limit * 3 // 5]
    last = None
    for last in _LAST_ERROR_LINE.finditer(text, len(head)):
        pass
    tail = text[last.start():last.start() + limit * 3 // 10] if last is not None else text[-(limit * 3 // 10):]
    return f"{head}\n[...]\n{tail}"


def probe(spec: str, *names: str) -> None:
    """Make the planned calls of check ``spec`` on the student's ``names``; display the evidence."""
    from IPython.display import display

    plan = _plan()
    if plan["nonce"] is None:
        return
    ns = _user_namespace()
    values = {name: ns[name] for name in names if name in ns}
    records = [_run_call(entry, values) for entry in plan["specs"].get(spec, [])]
    payload = {"spec": spec, "nonce": plan["nonce"], "records": records}
    display({EVIDENCE_MIME: payload, "text/plain": f"<evidence for the grader: {spec}>"}, raw=True)
