"""Record a check's calls on the reference, then replay them on the student's evidence.

Planning: the check runs with :class:`Recorder` stand-ins wrapping the *reference* answers.
Each call the check makes into "student code" is logged with its pickled inputs (the plan),
and answered by the reference, so the check runs to the end and every call is logged.
Judging: the check runs again with :class:`Replayer` stand-ins. Call *i* returns the
student's recorded result *i* (or raises the student's recorded exception), after checking
that the inputs are byte for byte the planned ones; in-place changes the student's code made
to its arguments are applied to the judge's arguments. The check's own comparison and
diagnosis code runs unchanged, in this process.
"""

from __future__ import annotations

import hashlib
import re
import types

import numpy as np

from . import codec
from .pickling import dumps


#: The end of the judge's "name ... is not defined" for an answer the kernel did not have (a check
#: may catch it as any NameError; JudgeEvidence recognises it and names the exercise to fix).
MISSING_HINT = "run the cell that defines it before the test cell"


class GraderError(BaseException):
    """The grader itself went wrong (never the student's fault); the cell is reported, not charged.

    A BaseException, so that no ``except Exception`` in a check turns it into a student mistake.
    """


def fingerprint(obj) -> str:
    """A digest of a call's inputs by value (pickle bytes of torch modules are not reproducible)."""
    h = hashlib.sha256()

    def feed(x, depth=0):
        import sys

        torch = sys.modules.get("torch")
        keras = sys.modules.get("keras")
        pd = sys.modules.get("pandas")
        h.update(type(x).__name__.encode())
        if depth > 30:
            return
        if isinstance(x, np.ndarray):
            h.update(str((x.dtype.str, x.shape)).encode())
            h.update(np.ascontiguousarray(x).tobytes() if x.dtype != object else repr(x.tolist()).encode())
        elif torch is not None and isinstance(x, torch.Tensor):
            feed(x.detach().cpu().numpy(), depth + 1)
        elif torch is not None and isinstance(x, torch.nn.Module):
            for k, v in x.state_dict().items():
                h.update(k.encode())
                feed(v, depth + 1)
        elif keras is not None and isinstance(x, keras.Model):
            for w in x.get_weights():
                feed(w, depth + 1)
        elif pd is not None and isinstance(x, (pd.DataFrame, pd.Series)):
            feed(x.to_numpy(), depth + 1)
        elif isinstance(x, (list, tuple)):
            for v in x:
                feed(v, depth + 1)
        elif isinstance(x, dict):
            for k, v in x.items():
                feed(k, depth + 1)
                feed(v, depth + 1)
        elif isinstance(x, (int, float, str, bool, type(None), np.generic)):
            h.update(repr(x).encode())

    feed(obj)
    return h.hexdigest()


def _is_callable_answer(value) -> bool:
    return isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType))


def _is_object_answer(value) -> bool:
    """A reference answer that is an object (a fitted scikit-learn estimator): the student's
    counterpart is only ever asked questions (:func:`reference_solutions.checks._core.ask`)."""
    base = __import__("sys").modules.get("sklearn.base")
    return base is not None and isinstance(value, base.BaseEstimator)


def _op(name):
    from coursekit_probe.ops import OPS

    if name not in OPS:
        raise GraderError(f"unknown probe operation {name!r}")
    return OPS[name]


class Recorder:
    """Stands in for a student answer while planning: logs calls, answers with the reference."""

    def __init__(self, name, target, log, path=()):
        object.__setattr__(self, "_r", (name, target, log, tuple(path)))

    @property
    def __name__(self):
        return self._r[0] if not self._r[3] else self._r[3][-1]

    def __call__(self, *args, **kwargs):
        name, target, log, path = self._r
        payload = dumps((args, kwargs))
        log.append({"target": name, "path": list(path), "kind": "call", "args": payload,
                    "digest": fingerprint((args, kwargs)), "grads": False})
        entry = log[-1]
        result = target(*args, **kwargs)
        if _needs_grads(result):
            entry["grads"] = True
        return result

    def l1l2_ask(self, op, args):
        name, target, log, path = self._r
        log.append({"target": name, "path": list(path), "kind": "op", "op": op, "args": dumps((args, {})),
                    "digest": fingerprint((args, {})), "grads": False})
        return _op(op)(target, *args)

    def __getattr__(self, attr):
        name, target, log, path = self._r
        if _is_object_answer(target):
            raise GraderError(f"the check reads {name}.{attr} directly; ask the student's object instead")
        value = getattr(target, attr)
        if callable(value):
            return Recorder(name, value, log, path + (attr,))
        log.append({"target": name, "path": list(path + (attr,)), "kind": "value"})
        return value


def _needs_grads(result) -> bool:
    torch = __import__("sys").modules.get("torch")
    return torch is not None and isinstance(result, torch.Tensor) and result.grad_fn is not None


def _exception_type(name: str):
    name = name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,79}", name or "") else "Exception"
    return type(name, (Exception,), {"__module__": "student"})


class Replayer:
    """Stands in for a student answer while judging: returns the student's recorded results."""

    def __init__(self, name, target, tape, path=()):
        object.__setattr__(self, "_r", (name, target, tape, tuple(path)))

    @property
    def __name__(self):
        return self._r[0] if not self._r[3] else self._r[3][-1]

    def __call__(self, *args, **kwargs):
        name, target, tape, path = self._r
        entry, record = tape.next(name, list(path), "call")
        if fingerprint((args, kwargs)) != entry["digest"]:
            raise GraderError(f"the check called {name} with other inputs than planned (call {tape.position})")
        value = tape.outcome(record, name)
        if "mutated" in record:
            arrays, modules = _apply_mutations(record["mutated"], args, kwargs)
            tape.changed_in_place += [(name, key) for key in arrays]
            tape.changed_models += [(name, key) for key in modules]
        return _realise(value, args, kwargs, record.get("grads"))

    def l1l2_ask(self, op, args):
        name, target, tape, path = self._r
        entry, record = tape.next(name, list(path), "op")
        if entry.get("op") != op or fingerprint((args, {})) != entry["digest"]:
            raise GraderError(f"the check asked {name} another question than planned (call {tape.position})")
        return tape.outcome(record, name)

    def __getattr__(self, attr):
        name, target, tape, path = self._r
        if _is_object_answer(target):
            raise GraderError(f"the check reads {name}.{attr} directly; ask the student's object instead")
        value = getattr(target, attr)
        if callable(value):
            return Replayer(name, value, tape, path + (attr,))
        _, record = tape.next(name, list(path + (attr,)), "value")
        return tape.outcome(record, name)


class Tape:
    """The planned calls of one check and the student's evidence records, consumed in order."""

    def __init__(self, plan, records):
        self.plan, self.records, self.position = plan, records, 0
        #: (answer name, argument) of every array argument the student's code changed in place:
        #: the check then works on the changed values, so a pass does not count (see verdict)
        self.changed_in_place: list = []
        #: (answer name, argument) of every torch module whose parameters the student's code
        #: changed: a pass does not count either, unless the check lets that answer train its model
        #: (``changes_models`` on the check function, e.g. a training loop)
        self.changed_models: list = []

    def next(self, name, path, kind):
        if self.position >= len(self.plan):
            raise GraderError(f"the check made more calls than planned ({name})")
        entry = self.plan[self.position]
        if (entry["target"], entry["path"], entry["kind"]) != (name, path, kind):
            raise GraderError(f"the check's call {self.position} does not match the plan")
        if self.position >= len(self.records):
            raise codec.MalformedEvidence(f"the evidence has {len(self.records)} results, "
                                          f"the grader asked for {len(self.plan)}")
        record = self.records[self.position]
        self.position += 1
        return entry, record

    @staticmethod
    def outcome(record, name):
        """The decoded result of one record, or the student's exception raised again."""
        if not isinstance(record, dict):
            raise codec.MalformedEvidence("an evidence record is not an object")
        if "raised" in record:
            kind, message = record["raised"] if isinstance(record["raised"], list) and len(record["raised"]) == 2 else ("Exception", "")
            raise _exception_type(str(kind))(str(message))
        if "missing" in record:
            raise NameError(f"name '{name}' is not defined: {MISSING_HINT}")
        if "unencodable" in record:
            raise TypeError(f"{name} gave a result the grader cannot read: {record['unencodable']}")
        if "ok" not in record:
            raise codec.MalformedEvidence("an evidence record has no result")
        return codec.decode(record["ok"])


def _arg(args, kwargs, key):
    return args[int(key)] if key.isdigit() else kwargs[key]


def _apply_mutations(mutated, args, kwargs) -> tuple[list, list]:
    """Apply the student's in-place changes to the judge's arguments; (the array arguments
    changed, the module arguments whose parameters changed)."""
    if not isinstance(mutated, dict):
        raise codec.MalformedEvidence("bad mutation record")
    arrays, modules = [], []
    for key, enc in mutated.items():
        try:
            target = _arg(args, kwargs, str(key))
        except (IndexError, KeyError):
            raise codec.MalformedEvidence("a mutation names an argument that does not exist") from None
        if isinstance(target, np.ndarray):
            arrays.append(str(key))
            new = codec.decode(enc)
            if isinstance(new, np.ndarray) and new.shape == target.shape:
                np.copyto(target, new.astype(target.dtype, copy=False))
            else:
                target[...] = np.nan if target.dtype.kind == "f" else 0  # changed beyond recognition
        elif isinstance(enc, dict) and "double" in enc and hasattr(target, "load_evidence_state"):
            try:
                target.load_evidence_state(codec.decode(enc["double"]))
            except (ValueError, TypeError) as exc:
                raise codec.MalformedEvidence(str(exc)) from None
        elif isinstance(enc, dict) and "state_dict" in enc:
            import torch

            state = {k: torch.as_tensor(codec.decode(v)) for k, v in enc["state_dict"]}
            current = target.state_dict()
            if set(state) != set(current):
                raise codec.MalformedEvidence("the module's parameters changed names")
            modules.append(str(key))
            with torch.no_grad():
                for k, v in current.items():
                    v.copy_(state[k].to(v.dtype).reshape(v.shape))
    return arrays, modules


def _params(args, kwargs):
    import torch

    out = {}
    for key, value in list(enumerate(args)) + list(kwargs.items()):
        if isinstance(value, torch.nn.Module):
            out.update({f"{key}/{name}": p for name, p in value.named_parameters()})
    return out


def _realise(value, args, kwargs, grads):
    """Turn decoded tensors and parameter references back into objects tied to the judge's inputs."""
    if isinstance(value, (codec.DecodedTensor, codec.ParamRef)):
        import torch

        params = _params(args, kwargs)
        if isinstance(value, codec.ParamRef):
            if value.path not in params:
                raise codec.MalformedEvidence("a parameter reference names no parameter of the inputs")
            return params[value.path]
        tensor = torch.as_tensor(value.value)
        if value.has_graph and isinstance(grads, dict):
            # A tensor with the student's value whose gradient w.r.t. each judge parameter is the
            # student's gradient: value + sum(<p, g>) - sum(<p, g>).detach().
            link = sum(((p * torch.as_tensor(codec.decode(grads[path])).to(p.dtype)).sum()
                        for path, p in params.items() if path in grads), torch.zeros(()))
            tensor = tensor.to(link.dtype) + link - link.detach()
        elif value.requires_grad:
            tensor = tensor.clone().requires_grad_(True)
        return tensor
    if isinstance(value, list):
        return [_realise(v, args, kwargs, grads) for v in value]
    if isinstance(value, tuple):
        return tuple(_realise(v, args, kwargs, grads) for v in value)
    if isinstance(value, dict):
        return {k: _realise(v, args, kwargs, grads) for k, v in value.items()}
    return value


def stand_ins(kind, names, answers, log_or_tape):
    """Bindings for the student's names: Recorders (planning) or Replayers / decoded values (judging)."""
    out = {}
    for name in names:
        target = answers[name]
        if _is_callable_answer(target) or _is_object_answer(target):
            out[name] = (Recorder if kind == "plan" else Replayer)(name, target, log_or_tape)
        elif kind == "plan":
            log_or_tape.append({"target": name, "path": [], "kind": "value"})
            out[name] = target
        else:
            _, record = log_or_tape.next(name, [], "value")
            out[name] = Tape.outcome(record, name)
    return out
