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

import functools
import os
import pickle
import re
import secrets
import threading
from concurrent.futures import Future
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Unicode

from coursekit_probe import EVIDENCE_MIME

from . import codec
from .replay import MISSING_HINT, GraderError
from .spec import parse_hidden_block
from .verdict import (NOT_JUDGED_IDS, UNJUDGEABLE, Message, Unjudgeable, answers_digest, check_prefix, judge_cell,
                      plan_cell)

SECRET_ENV = "L1L2_COURSE_SECRET"
#: Verdict of a cell whose check passed but whose own code (a visible assert) raised: 0 points,
#: and the student reads the cell's own error.
KERNEL_ERROR = "the check passed, but the test cell itself raised an error"
#: Test-cell metadata key of the autograded notebook holding the id of the mistake its verdict names
#: (``lasso.soft_threshold.no_clip``, ``not_judged.time``); absent when the cell passed. The course's
#: ``l1l2_*`` keys are dropped from submissions (coursekit.restore), so a student cannot plant one.
MISTAKE_METADATA = "l1l2_mistake"
#: Test-cell metadata key: a digest of the evidence of a cell whose check calls no student code (a value
#: answer: ``best_alpha``, a list of kept features), so that the class report can point at two students
#: with exactly the same value where the class's values otherwise differ. Never used for a score.
VALUE_METADATA = "l1l2_value_digest"


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
        todo, problems = [], {}
        digest = answers_digest(nb)
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
                    todo.append((gid, spec))
                except (GraderError, ValueError) as exc:
                    problems[gid] = str(exc)
                    self.log.error("grader error in %s: %s", gid, exc)
        nonce = secrets.token_hex(16)

        def plan_all():
            plans = {}
            for gid, spec in todo:
                try:
                    plans[gid] = plan_cell(spec, lesson, student, gid, secret, digest)
                except (GraderError, ValueError) as exc:
                    problems[gid] = str(exc)
                    self.log.error("grader error in %s: %s", gid, exc)
            return plans

        # The plans (the checks imported, the reference's answers, the drawn problems) are made in
        # a thread while the kernel starts and runs the first cells; the first test cell waits for
        # them. An unexpected error in planning is raised there (or by JudgeEvidence), as before.
        future: Future = Future()

        def run():
            try:
                future.set_result(plan_all())
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the plans
                future.set_exception(exc)

        threading.Thread(target=run, name="l1l2-plan", daemon=True).start()

        @functools.lru_cache(maxsize=1)
        def parts() -> dict:
            # each test cell's part of the plan, handed to the kernel only when that cell runs
            return {gid: pickle.dumps({"nonce": nonce, "specs": {p.spec.spec: p.calls}}, protocol=4)
                    for gid, p in future.result().items()}

        @functools.lru_cache(maxsize=1)
        def state() -> dict:
            return {"plans": future.result(), "nonce": nonce, "problems": problems}

        resources["sandbox_plan_parts"] = parts  # a callable: SandboxedExecute calls it at the first test cell
        resources["l1l2_judge"] = state
        return nb, resources


#: The judge's detail for the instructor, in the gradebook comment of the answer cell before a
#: test cell (the feedback leaves these lines out: :class:`HideJudgeDetails`).
DETAIL_PREFIX = "JUDGE "


class JudgeEvidence(NbGraderPreprocessor):
    confined = Bool(True, help="Judge in the confined judge process (coursekit.judge.confine); False only "
                               "when the instructor grades unsandboxed.").tag(config=True)

    def preprocess(self, nb, resources):
        state = resources.get("l1l2_judge", {"plans": {}, "nonce": None, "problems": {}})
        if callable(state):  # PlanProbes' plans, made in the background: wait for them
            state = state()
        verdicts, pending, details, mistakes = {}, {}, {}, {}
        self._stop_kind = _stop_kind(nb)
        cells = [c for c in nb.cells if is_test_cell(c)]
        for cell in cells:
            gid = cell.metadata["nbgrader"]["grade_id"]
            early = self._screen(cell, gid, state)
            if isinstance(early, str):
                verdicts[gid] = str(early)  # the notebook gets plain text; the id goes to the metadata
                mistakes[gid] = getattr(early, "mistake", None) or NOT_JUDGED_IDS["grader_error"]
            else:
                pending[gid] = early
        for gid, outcome in self._verdicts(pending, state).items():
            status, message, detail = outcome["status"], outcome.get("message"), outcome.get("detail", "")
            mistake = outcome.get("mistake")
            if status in ("pass", "fail"):
                verdicts[gid] = None if message is None else str(message)
                if message is not None:
                    mistake = mistake or f"{check_prefix(state['plans'][gid].spec)}.other"
            elif status == "malformed":
                verdicts[gid] = f"the evidence in this test cell is malformed ({message})."
                mistake = NOT_JUDGED_IDS["malformed"]
            elif status == "unjudgeable":
                verdicts[gid] = UNJUDGEABLE
                mistake = mistake or NOT_JUDGED_IDS["unjudgeable"]
            elif status == "grader-error":
                self.log.error("grader error judging %s: %s", gid, detail)
                verdicts[gid] = "the grader could not check this cell (a grader error, not your mistake)."
                mistake = NOT_JUDGED_IDS["grader_error"]
            else:
                verdicts[gid] = f"this cell could not be judged ({detail}); ask your instructor to grade it again."
                mistake = NOT_JUDGED_IDS["judge_failed"]
            mistakes[gid] = mistake if verdicts[gid] is not None else None
            if detail:
                details[gid] = detail
                self.log.warning("judge detail for %s: %s", gid, detail)
        for gid, mistake in list(mistakes.items()):
            if verdicts.get(gid) and "is not defined" in verdicts[gid]:
                # the judge's own missing-answer text, whether the check reported it or wrapped it
                missing = (mistake or "").endswith(".name_missing") or MISSING_HINT in verdicts[gid]
                message = _name_missing_message(nb, verdicts[gid], missing)
                if missing and message != verdicts[gid] and gid in state["plans"]:
                    mistakes[gid] = f"{check_prefix(state['plans'][gid].spec)}.name_missing"
                verdicts[gid] = message
        for cell in cells:
            gid = cell.metadata["nbgrader"]["grade_id"]
            message = verdicts.get(gid)
            if message is None and pending.get(gid, {}).get("kernel_error"):
                message = KERNEL_ERROR
                mistakes[gid] = f"{check_prefix(state['plans'][gid].spec)}.test_cell_raised"
            verdicts[gid] = message
            self._rewrite_outputs(cell, message)
            cell.metadata.pop(MISTAKE_METADATA, None)
            cell.metadata.pop(VALUE_METADATA, None)
            if message is not None and mistakes.get(gid):
                cell.metadata[MISTAKE_METADATA] = mistakes[gid]
            job = pending.get(gid)
            if job is not None and not job["calls"]:
                cell.metadata[VALUE_METADATA] = _digest(job["records"])
        resources["l1l2_verdicts"] = verdicts
        resources["l1l2_mistakes"] = {gid: mistakes.get(gid) for gid in verdicts}
        resources["l1l2_judge_details"] = details
        return nb, resources

    def _screen(self, cell, gid, state):
        """A verdict string when the cell cannot reach the check, else the job for the judge."""
        if gid in state["problems"]:
            return Message(f"the grader could not check this cell (grader error, not your mistake: "
                           f"{state['problems'][gid]})", NOT_JUDGED_IDS["grader_error"])
        plan = state["plans"].get(gid)
        if plan is None:
            return Message("the grader has no check for this cell", NOT_JUDGED_IDS["grader_error"])
        evidence = [o for o in cell.outputs if o.get("output_type") in ("display_data", "execute_result")
                    and EVIDENCE_MIME in o.get("data", {})]
        kernel_errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        first_error = (f" The cell stopped with {kernel_errors[0].get('ename')}: {kernel_errors[0].get('evalue')}"
                       if kernel_errors else "")
        if not evidence:
            stop = _stop_kind_of_error(kernel_errors[0]) if kernel_errors else None
            return Message("the grader received no evidence from this test cell: its hidden check did not run "
                           "(was the cell changed, or stopped early?)." + first_error,
                           NOT_JUDGED_IDS[stop or getattr(self, "_stop_kind", None) or "no_evidence"])
        if len(evidence) > 1:
            return Message("the grader received duplicated evidence from this test cell; it accepts exactly one.",
                           NOT_JUDGED_IDS["duplicated"])
        payload = evidence[0]["data"][EVIDENCE_MIME]
        if not isinstance(payload, dict) or payload.get("spec") != plan.spec.spec or payload.get("nonce") != state["nonce"]:
            return Message("the evidence in this test cell does not come from this grading run (foreign evidence).",
                           NOT_JUDGED_IDS["foreign"])
        records = payload.get("records")
        if not isinstance(records, list):
            return Message("the evidence in this test cell is malformed (the evidence records are not a list).",
                           NOT_JUDGED_IDS["malformed"])
        return {"gid": gid, "spec": [plan.spec.spec, plan.spec.module, plan.spec.function, list(plan.spec.names)],
                "seeds": list(plan.seeds), "records": records, "kernel_error": bool(kernel_errors),
                "calls": [{k: v for k, v in entry.items() if k != "args"} for entry in plan.calls]}

    def _verdicts(self, pending, state):
        if not pending:
            return {}
        if self.confined:
            from .confine import judge_cells

            return judge_cells([{k: v for k, v in job.items() if k != "kernel_error"} for job in pending.values()])
        out = {}  # unsandboxed grading: judged in this process (the report says UNSANDBOXED)
        budget = codec.Budget()
        codec.use_budget(budget)
        for gid, job in pending.items():
            plan = state["plans"][gid]
            try:
                message = judge_cell(plan, job["records"])
                out[gid] = {"status": "pass" if message is None else "fail", "message": message,
                            "mistake": getattr(message, "mistake", None)}
            except codec.MalformedEvidence as exc:
                out[gid] = {"status": "malformed", "message": str(exc)[:300]}
            except Unjudgeable as exc:
                out[gid] = {"status": "unjudgeable", "detail": exc.detail}
            except GraderError as exc:
                out[gid] = {"status": "grader-error", "detail": str(exc)[:300]}
        return out

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


#: The judge's message for an answer the kernel did not have (coursekit.judge.replay); the name is
#: the check's own (a name the lesson defines), never the kernel's.
_NAME_MISSING = re.compile(r"name '([A-Za-z_][A-Za-z0-9_]*)' is not defined")
#: The same, raised by the student's code (a function that calls an earlier exercise's answer).
_RAISED_NAME_ERROR = re.compile(r"NameError: name '([A-Za-z_][A-Za-z0-9_]{0,79})' is not defined")
#: A lesson's exercise heading ("## 5. Exercise 3 — the full solver").
_EXERCISE_HEADING = re.compile(r"^#+[ \t]*(?:\d+\.[ \t]*)?(Exercise \d{1,3}(?: [—-] [^\x00-\x1f\x7f-\x9f]{1,80})?)", re.M)


def _defining_exercise(nb, name: str) -> str | None:
    """The exercise (its heading, else its answer cell's id) whose answer cell defines ``name``."""
    heading = None
    defines = re.compile(rf"^\s*(?:def\s+{name}\s*\(|{name}\s*=)", re.M)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((m.group(1).strip() for m in _EXERCISE_HEADING.finditer(cell.source)), heading)
        elif is_solution(cell) and (cell.metadata["nbgrader"].get("grade_id") == f"answer_{name}"
                                    or defines.search(cell.source)):
            return heading or f"the answer cell {cell.metadata['nbgrader'].get('grade_id')}"
    return None


def _name_missing_message(nb, message: str, missing: bool) -> str:
    """A verdict about an undefined name, with the exercise whose answer cell defines it: that
    earlier cell raised (or was not run), and it is the one to fix first.

    ``missing``: the judge's own "name ... is not defined" (the test found no such answer);
    otherwise the student's code raised that NameError (a function calling an earlier answer)."""
    found = (_NAME_MISSING if missing else _RAISED_NAME_ERROR).search(message)
    where = _defining_exercise(nb, found.group(1)) if found else None
    if where is None:
        return message
    name = found.group(1)
    if missing:
        return (f"name '{name}' is not defined when this test ran: {where} defines it, and its answer "
                "cell raised an error or was not run. Fix that cell first (its error is shown under "
                "it), then run this test again.")
    return (f"{message.rstrip()} ({name} is the answer of {where}: its cell raised an error or was not "
            "run; fix that cell first.)")


def _digest(records) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(records, sort_keys=True, default=str).encode()).hexdigest()[:24]


def _stop_kind_of_error(error) -> str | None:
    """``time``, ``memory`` or ``kernel_died`` for the runner's own stop error in a cell, else None."""
    from coursekit.runner.execute import STOP_ERRORS

    name, value = error.get("ename"), str(error.get("evalue", ""))
    if name not in STOP_ERRORS:
        return None
    if name == "TimeLimit":
        return "time"
    return "memory" if "memory limit" in value else "kernel_died"


def _stop_kind(nb) -> str | None:
    """Why the runner stopped this notebook early (``time``, ``memory``, ``kernel_died``), or None:
    the cells it did not run were not judged for that reason."""
    from coursekit.runner.execute import RUNNER_STOP

    stop = nb.metadata.get(RUNNER_STOP)
    if not isinstance(stop, dict):
        return None
    why = str(stop.get("why", ""))
    if "memory limit" in why:
        return "memory"
    if "time limit" in why or "ran past" in why:
        return "time"
    return "kernel_died"


def _escape_markdown(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text).replace("\\", "\\\\").replace(
        "`", "'").replace("<", "&lt;").replace(">", "&gt;")


class RecordJudgeDetails(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: the judge's details (why a cell could not be judged) go into the
    gradebook comment of the answer cell before each test cell, as ``JUDGE <grade_id>: ...``
    lines, escaped. Never raises."""

    def preprocess(self, nb, resources):
        details = resources.get("l1l2_judge_details") or {}
        info = resources.get("nbgrader", {})
        if not details or not info.get("db_url"):
            return nb, resources
        try:
            owner, owners = None, {}
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if is_solution(cell):
                    owner = meta.get("grade_id")
                elif is_test_cell(cell):
                    owners[meta.get("grade_id")] = owner
            with Gradebook(info["db_url"]) as gb:
                for gid, detail in details.items():
                    if owners.get(gid) is None:
                        continue
                    try:
                        comment = gb.find_comment(owners[gid], info["notebook"], info["assignment"], info["student"])
                    except MissingEntry:
                        continue
                    lines = [line for line in (comment.auto_comment or "").splitlines()
                             if not line.startswith(f"{DETAIL_PREFIX}{gid}:")]
                    comment.auto_comment = "\n".join(lines + [f"{DETAIL_PREFIX}{gid}: {_escape_markdown(detail)}"])
                gb.db.commit()
        except Exception:  # noqa: BLE001 - details are a courtesy; they must never break grading
            self.log.exception("could not record the judge's details")
        return nb, resources


class HideJudgeDetails(NbGraderPreprocessor):
    """Feedback step (after ``GetGrades``): the judge's ``JUDGE`` lines are for the instructor only."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("comment"):
                kept = [line for line in str(meta["comment"]).splitlines() if not line.startswith(DETAIL_PREFIX)]
                meta["comment"] = "\n".join(kept) or None
        return nb, resources
