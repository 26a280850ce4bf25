"""The confined judge process: decodes evidence and runs the checks, returns verdicts as data.

Started by :mod:`.confine` inside its own bubblewrap sandbox (no network, a clean environment,
an unprivileged uid, a memory limit; read-only views of the Python installation, the reference
package, ``lessonkit``, the probe, ``data/`` and the judge cache; no course root, gradebook,
course secret, exchange or other submissions). It reads jobs from stdin and writes verdicts to
stdout, each a length-prefixed JSON document:

    job:     {"budget": bytes, "cells": [{"gid", "spec": [spec, module, function, [names]],
              "seeds": [5 ints], "calls": [planned call, without its pickled inputs], "records": [...]}]}
    verdict: {gid: {"status": "pass" | "fail" | "malformed" | "unjudgeable" | "grader-error",
              "message": str | null, "mistake": str | null, "detail": str}}

``mistake`` is the stable id of the mistake the message names (``lasso.soft_threshold.no_clip``), or
of the reason the cell was not judged (``not_judged.*``); null for a pass.

A job's evidence is charged to one :class:`.codec.Budget`; nothing it names is instantiated
except through :mod:`.codec`'s allow-lists. Run ``python -m coursekit.judge.server``.
"""

from __future__ import annotations

import json
import os
import sys


def _read(stream) -> dict | None:
    header = stream.read(8)
    if len(header) < 8:
        return None
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    if len(data) < size:
        return None
    return json.loads(data)


def _write(stream, doc) -> None:
    data = json.dumps(doc).encode()
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def judge_job(job: dict) -> dict:
    from . import codec
    from .replay import GraderError
    from .spec import CheckSpec
    from .verdict import NOT_JUDGED_IDS, CellPlan, Unjudgeable, judge_cell

    budget = codec.Budget(int(job.get("budget", codec.BUDGET_BYTES)))
    codec.use_budget(budget)
    verdicts = {}
    for cell in job["cells"]:
        spec, module, function, names = cell["spec"]
        plan = CellPlan(CheckSpec(spec, module, function, tuple(names)), tuple(cell["seeds"]), cell["calls"])
        try:
            message = judge_cell(plan, cell["records"])
            verdicts[cell["gid"]] = {"status": "pass" if message is None else "fail", "message": message,
                                     "mistake": getattr(message, "mistake", None), "detail": ""}
        except codec.MalformedEvidence as exc:
            verdicts[cell["gid"]] = {"status": "malformed", "message": str(exc)[:300],
                                     "mistake": NOT_JUDGED_IDS["malformed"], "detail": ""}
        except Unjudgeable as exc:
            verdicts[cell["gid"]] = {"status": "unjudgeable", "message": None,
                                     "mistake": NOT_JUDGED_IDS["unjudgeable"], "detail": exc.detail}
        except GraderError as exc:
            verdicts[cell["gid"]] = {"status": "grader-error", "message": None,
                                     "mistake": NOT_JUDGED_IDS["grader_error"], "detail": str(exc)[:300]}
        except MemoryError:
            verdicts[cell["gid"]] = {"status": "unjudgeable", "message": None,
                                     "mistake": NOT_JUDGED_IDS["judge_failed"], "detail": "MemoryError"}
    return verdicts


def main() -> None:
    stdin = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints of libraries go to stderr, never into the verdict stream
    while True:
        job = _read(stdin)
        if job is None:
            return
        if job.get("warm"):  # import a lesson's checks and reference answers before the first job
            from .verdict import warm

            warm(job["warm"], answers=job.get("answers", True) is not False)
            _write(out, {"imported": sorted(m for m in sys.modules if m.startswith("reference_solutions.checks."))})
            continue
        _write(out, judge_job(job))


if __name__ == "__main__":
    main()
