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


def derive_seeds(secret: str, lesson: str, student: str, grade_id: str, attempt: int = 0) -> tuple:
    digest = hashlib.sha256(f"{secret}\0{lesson}\0{student}\0{grade_id}\0{attempt}".encode()).digest()
    return tuple(int.from_bytes(digest[4 * i:4 * i + 4], "big") % 2**31 for i in range(5))


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


def plan_cell(spec: CheckSpec, lesson: str, student: str, grade_id: str, secret: str) -> CellPlan:
    """Run the check on the reference answers, logging the calls the probe must make."""
    core = checks_module("_core")
    answers = {name: reference_answer(spec.module, name) for name in spec.names}
    errors = []
    for attempt in range(ATTEMPTS):
        seeds = derive_seeds(secret, lesson, student, grade_id, attempt)
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


def judge_cell(plan: CellPlan, records: list) -> str | None:
    """None when the student's evidence passes the check, else the message naming the mistake.

    Raises :class:`codec.MalformedEvidence` for evidence not in the probe's format and
    :class:`GraderError` when the grader itself is at fault.
    """
    core = checks_module("_core")
    spec = plan.spec
    answers = {name: reference_answer(spec.module, name) for name in spec.names}
    if not isinstance(records, list):
        raise codec.MalformedEvidence("the evidence records are not a list")
    tape = Tape(plan.calls, records)
    try:
        with core.use_seeds(plan.seeds):
            check, kwargs = _bind(spec, stand_ins("judge", spec.names, answers, tape))
            check(**kwargs)
    except core.CheckFailed as exc:
        return str(exc)
    except (GraderError, codec.MalformedEvidence):
        raise
    except NameError as exc:  # a name the probe reported missing
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - the student's values broke the check's arithmetic
        return (f"your answer could not be checked: the grader got {type(exc).__name__}: {exc} when "
                "it used your result. Check the type and shape your code returns.")
    return None
