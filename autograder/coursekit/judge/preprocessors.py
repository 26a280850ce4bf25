"""The judge's two nbgrader preprocessors, around the runner's ``SandboxedExecute``.

``PlanProbes`` (before execution) reads each test cell's check from the gradebook's source
cell, plans it (:func:`.verdict.plan_cell`) with seeds from the course secret, and hands the
plan to the runner as a file for the sandbox. ``JudgeEvidence`` (after execution, before
``SaveAutoGrades``) replaces each test cell's outputs by the verdict: no outputs (full
points) when the cell ran without error and its evidence passes the check, else an error
output whose first line is the judge's message. Kernel-side partial-credit values and stderr
no longer decide anything: stderr is kept as ordinary output, evidence is removed.
"""

from __future__ import annotations

import os
import pickle
import secrets
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import Unicode

from coursekit_probe import EVIDENCE_MIME

from . import codec
from .replay import GraderError
from .spec import parse_hidden_block
from .verdict import plan_cell, judge_cell

SECRET_ENV = "L1L2_COURSE_SECRET"
#: Verdict of a cell whose check passed but whose own code (a visible assert) raised: 0 points,
#: and the student reads the cell's own error.
KERNEL_ERROR = "the check passed, but the test cell itself raised an error"


def course_secret(secret_file: str) -> str:
    """``$L1L2_COURSE_SECRET``, else the course root's secret file (made on first use, mode 600)."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = Path(secret_file)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def is_test_cell(cell) -> bool:
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def verdict_output(message: str):
    return new_output("error", ename="CheckFailed", evalue=message, traceback=[f"CheckFailed: {message}"])


class PlanProbes(NbGraderPreprocessor):
    secret_file = Unicode("", help="File holding the course secret (kept in the course root, never in "
                                   "the repository or the release).").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        lesson, student, notebook = info["assignment"], info["student"], info["notebook"]
        resources["l1l2_restored"] = list(nb.metadata.get("l1l2_restored", []))  # see coursekit.restore
        secret = course_secret(self.secret_file or os.path.join(os.environ.get("COURSE_ROOT", "."), ".course_secret"))
        plans, problems = {}, {}
        with Gradebook(info["db_url"]) as gb:
            for cell in nb.cells:
                if not is_test_cell(cell):
                    continue
                gid = cell.metadata["nbgrader"]["grade_id"]
                try:
                    source = gb.find_source_cell(gid, notebook, lesson).source
                except MissingEntry:
                    continue
                try:
                    spec = parse_hidden_block(source)
                    if spec is None:
                        raise GraderError("this test cell has no hidden check")
                    plans[gid] = plan_cell(spec, lesson, student, gid, secret)
                except (GraderError, ValueError) as exc:
                    problems[gid] = str(exc)
                    self.log.error("grader error in %s: %s", gid, exc)
        nonce = secrets.token_hex(16)
        payload = {"nonce": nonce, "specs": {p.spec.spec: p.calls for p in plans.values()}}
        resources.setdefault("sandbox_files", {})["plan.pkl"] = pickle.dumps(payload, protocol=4)
        resources["l1l2_judge"] = {"plans": plans, "nonce": nonce, "problems": problems}
        return nb, resources


class JudgeEvidence(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        state = resources.get("l1l2_judge", {"plans": {}, "nonce": None, "problems": {}})
        verdicts = {}
        for cell in nb.cells:
            if is_test_cell(cell):
                gid = cell.metadata["nbgrader"]["grade_id"]
                message = self._judge(cell, gid, state)
                verdicts[gid] = message
                self._rewrite_outputs(cell, message)
        resources["l1l2_verdicts"] = verdicts
        return nb, resources

    def _judge(self, cell, gid, state):
        """None (pass) or the message the student reads first."""
        if gid in state["problems"]:
            return f"the grader could not check this cell (grader error, not your mistake: {state['problems'][gid]})"
        plan = state["plans"].get(gid)
        if plan is None:
            return "the grader has no check for this cell"
        evidence = [o for o in cell.outputs if o.get("output_type") in ("display_data", "execute_result")
                    and EVIDENCE_MIME in o.get("data", {})]
        kernel_errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        first_error = (f" The cell stopped with {kernel_errors[0].get('ename')}: {kernel_errors[0].get('evalue')}"
                       if kernel_errors else "")
        if not evidence:
            return ("the grader received no evidence from this test cell: its hidden check did not run "
                    "(was the cell changed, or stopped early?)." + first_error)
        if len(evidence) > 1:
            return "the grader received duplicated evidence from this test cell; it accepts exactly one."
        payload = evidence[0]["data"][EVIDENCE_MIME]
        if not isinstance(payload, dict) or payload.get("spec") != plan.spec.spec or payload.get("nonce") != state["nonce"]:
            return "the evidence in this test cell does not come from this grading run (foreign evidence)."
        try:
            message = judge_cell(plan, payload.get("records"))
        except codec.MalformedEvidence as exc:
            return f"the evidence in this test cell is malformed ({exc})."
        except GraderError as exc:
            self.log.error("grader error judging %s: %s", gid, exc)
            return f"the grader could not check this cell (grader error, not your mistake: {exc})"
        if message is None and kernel_errors:
            return KERNEL_ERROR
        return message

    @staticmethod
    def _rewrite_outputs(cell, message):
        kept = []
        for out in cell.outputs:
            if EVIDENCE_MIME in out.get("data", {}):
                continue
            if out.get("output_type") == "execute_result":
                continue  # a value on the last line must not become nbgrader partial credit
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                out = new_output("stream", name="stdout", text=out.get("text", ""))  # warnings cost nothing
            kept.append(out)
        if message is KERNEL_ERROR:
            cell.outputs = kept  # the check accepts the answer, but the cell itself raised
        elif message is None:
            cell.outputs = [o for o in kept if o.get("output_type") != "error"]
        else:
            cell.outputs = [verdict_output(message)] + kept
