"""Plan a test cell's check, and judge the evidence of one test cell.

Every check ``reference_solutions.checks.<module>.check_*`` takes the student's answers by
name. The judge binds each parameter of the check: a name the probe sends -> a stand-in
(:mod:`.replay`); a name in the module's ``judge_context()`` (data the lesson's fixed cells
build: the training split, a CV splitter, ...) -> the judge's own copy, rebuilt here and never
taken from the kernel; any other parameter keeps its default.

The seeds of the check's random problems come from :func:`derive_seeds` (course secret,
lesson, student, test cell): deterministic per submission, different across students.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib
import inspect
from dataclasses import dataclass, field

from . import codec
from .replay import GraderError, Tape, stand_ins
from .spec import CheckSpec

CHECKS_PACKAGE = "reference_solutions.checks"
ATTEMPTS = 4  # seed sets tried when the reference itself fails a random problem


def derive_seeds(secret: str, lesson: str, student: str, grade_id: str, attempt: int = 0,
                 answers_digest: str = "") -> tuple:
    """Five seeds from the course secret, the lesson, the student, the test cell and a digest of
    the student's answer cells (:func:`answers_digest`): the same notebook always gets the same
    problems, and changing an answer draws new ones (feedback is no oracle across resubmissions)."""
    digest = hashlib.sha256(
        f"{secret}\0{lesson}\0{student}\0{grade_id}\0{attempt}\0{answers_digest}".encode()).digest()
    return tuple(int.from_bytes(digest[4 * i:4 * i + 4], "big") % 2**31 for i in range(5))


def answers_digest(nb) -> str:
    """sha256 of the sources of the notebook's answer cells, in order."""
    from nbgrader.utils import is_solution

    h = hashlib.sha256()
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and is_solution(cell):
            h.update(cell.get("source", "").encode() + b"\0")
    return h.hexdigest()


class Unjudgeable(Exception):
    """The check broke on the student's values in a way it does not diagnose (a library error).

    The student reads :data:`UNJUDGEABLE`; ``detail`` (the error, escaped and truncated) is
    for the instructor only."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


#: What the student reads when the check could not use their result.
UNJUDGEABLE = ("your answer could not be judged: the check could not use what your code returned "
               "(a value of another type or shape than the exercise asks for?). Check the type and "
               "shape of your result against the exercise text.")


def _escape_detail(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text[:300]


def warm(module_name: str, answers: bool = True) -> None:
    """Import a lesson's checks (and the libraries they import), and with ``answers`` compute its
    context and reference answers (judge start-up)."""
    if answers:
        _answers(module_name)
    else:
        checks_module(module_name)


@functools.lru_cache(maxsize=None)
def checks_module(name: str):
    return importlib.import_module(f"{CHECKS_PACKAGE}.{name}")


@functools.lru_cache(maxsize=None)
def _context(module_name: str) -> dict:
    """The module's ``judge_context()``, computed once per cache (``reference_solutions.memo``)."""
    from reference_solutions.memo import memoised

    module = checks_module(module_name)
    return memoised(module.judge_context)() if hasattr(module, "judge_context") else {}


@functools.lru_cache(maxsize=None)
def _answers(module_name: str) -> dict:
    from reference_solutions.memo import memoised

    module = checks_module(module_name)
    if not hasattr(module, "reference_answers"):
        return {}
    return memoised(module.reference_answers)(_context(module_name))


def reference_answer(module_name: str, name: str):
    answers = _answers(module_name)
    if name in answers:
        return answers[name]
    ref = importlib.import_module(f"reference_solutions.{module_name}")
    if hasattr(ref, name):
        return getattr(ref, name)
    raise GraderError(f"no reference answer for {name!r} in lesson module {module_name}")


def _bind(spec: CheckSpec, bindings: dict):
    check = getattr(checks_module(spec.module), spec.function)
    ctx = _context(spec.module)
    kwargs = {}
    for pname, param in inspect.signature(check).parameters.items():
        if pname in bindings:
            kwargs[pname] = bindings[pname]
        elif pname in ctx:
            kwargs[pname] = copy.deepcopy(ctx[pname])
        elif param.default is inspect.Parameter.empty:
            raise GraderError(f"{spec.spec}: no value for parameter {pname!r}")
    return check, kwargs


@dataclass
class CellPlan:
    spec: CheckSpec
    seeds: tuple
    calls: list = field(default_factory=list)


def plan_cell(spec: CheckSpec, lesson: str, student: str, grade_id: str, secret: str,
              digest: str = "") -> CellPlan:
    """Run the check on the reference answers, logging the calls the probe must make."""
    core = checks_module("_core")
    answers = {name: reference_answer(spec.module, name) for name in spec.names}
    errors = []
    for attempt in range(ATTEMPTS):
        seeds = derive_seeds(secret, lesson, student, grade_id, attempt, digest)
        log: list = []
        check, kwargs = _bind(spec, stand_ins("plan", spec.names, answers, log))
        try:
            with core.use_seeds(seeds):
                check(**kwargs)
        except core.CheckFailed as exc:  # the reference fails this random problem: next seeds
            errors.append(str(exc))
            continue
        return CellPlan(spec, seeds, log)
    raise GraderError(f"{spec.spec}: the reference answer failed its own check on {ATTEMPTS} seed sets: {errors[-1]}")


class Message(str):
    """A verdict: the message the student reads, with the stable id of the mistake it names
    (``.mistake``, e.g. ``lasso.soft_threshold.no_clip``; see ``reference_solutions.checks._core.fail``)."""

    mistake: str = ""

    def __new__(cls, text: str, mistake: str = ""):
        obj = super().__new__(cls, text)
        obj.mistake = mistake
        return obj

    def __reduce__(self):  # copies and pickles keep the id
        return (Message, (str(self), self.mistake))


#: Ids of the outcomes that are no mistake of the student's answer: the cell was not judged.
NOT_JUDGED = "not_judged"
NOT_JUDGED_IDS = {
    "time": f"{NOT_JUDGED}.time",                    # the runner stopped the notebook at a time limit
    "memory": f"{NOT_JUDGED}.memory",                # the kernel went over the memory limit
    "kernel_died": f"{NOT_JUDGED}.kernel_died",      # the kernel exited or broke its I/O
    "no_evidence": f"{NOT_JUDGED}.no_evidence",      # the hidden check did not run
    "malformed": f"{NOT_JUDGED}.malformed_evidence",  # evidence not in the probe's format
    "duplicated": f"{NOT_JUDGED}.duplicated_evidence",
    "foreign": f"{NOT_JUDGED}.foreign_evidence",     # evidence of another grading run
    "unjudgeable": f"{NOT_JUDGED}.unjudgeable",      # the check could not use the student's value
    "grader_error": f"{NOT_JUDGED}.grader_error",    # the grader's own fault
    "judge_failed": f"{NOT_JUDGED}.judge_failed",    # the confined judge died, stalled or ran out of memory
}


def check_prefix(spec: CheckSpec) -> str:
    """``<module>.<check>`` of a cell's check (``lasso.soft_threshold``): the namespace of its mistake ids."""
    return f"{spec.module}.{spec.function.removeprefix('check_')}"


def judge_cell(plan: CellPlan, records: list) -> str | None:
    """None when the student's evidence passes the check, else the message naming the mistake
    (a :class:`Message`: its ``.mistake`` is the mistake's stable id).

    Raises :class:`codec.MalformedEvidence` for evidence not in the probe's format and
    :class:`GraderError` when the grader itself is at fault.
    """
    core = checks_module("_core")
    spec = plan.spec
    answers = {name: reference_answer(spec.module, name) for name in spec.names}
    if not isinstance(records, list):
        raise codec.MalformedEvidence("the evidence records are not a list")
    tape = Tape(plan.calls, records)
    check = None
    try:
        with core.use_seeds(plan.seeds):
            check, kwargs = _bind(spec, stand_ins("judge", spec.names, answers, tape))
            check(**kwargs)
    except core.CheckFailed as exc:
        return Message(str(exc), getattr(exc, "mistake", "") or f"{check_prefix(spec)}.other")
    except (GraderError, codec.MalformedEvidence):
        # the student's code changed what the check then passed on (the next call no longer
        # matches the plan): that is the student's doing, not the grader's
        changed = _changed_inputs(spec, tape, check)
        if changed:
            return changed
        raise
    except NameError as exc:  # a name the probe reported missing
        return Message(str(exc), f"{check_prefix(spec)}.name_missing")
    except Exception as exc:  # noqa: BLE001 - the student's values broke the check's arithmetic
        if type(exc).__module__ == "student":  # the student's own exception, replayed (see .replay)
            return Message(f"your code raised {type(exc).__name__}: {str(exc)[:500]}", f"{check_prefix(spec)}.raised")
        raise Unjudgeable(_escape_detail(exc)) from None
    return _changed_inputs(spec, tape, check)


def _changed_inputs(spec: CheckSpec, tape, check) -> Message | None:
    """The failure of an answer that changed its inputs in place (an array, or a torch model whose
    parameters the check does not let it train: ``check.changes_models`` names the answers that
    may), whatever the check concluded: its comparison then used the changed values."""
    def which(key):
        return f"argument {int(key) + 1}" if key.isdigit() else f"argument {key!r}"

    if tape.changed_in_place:
        name, key = tape.changed_in_place[0]
        return Message(f"{name} changed its input array ({which(key)}) in place: the caller's data changes too, and the "
                       "check's own comparison then used the changed values. Leave the arrays you are given "
                       "unchanged and work on a copy (e.g. X = np.array(X, dtype=float)).",
                       f"{check_prefix(spec)}.changes_input")
    allowed = set(getattr(check, "changes_models", ()) or ())
    changed = [(name, key) for name, key in tape.changed_models if name not in allowed]
    if changed:
        name, key = changed[0]
        return Message(f"{name} changed the parameters of the model it was given ({which(key)}): computing a "
                       "penalty or a prediction must leave the model as it was (no in-place changes to "
                       "its weights, no optimizer step); the check's own comparison then used the changed "
                       "model.", f"{check_prefix(spec)}.changes_model")
    return None
