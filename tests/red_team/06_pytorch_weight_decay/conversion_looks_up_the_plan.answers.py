# Attack: both conversion functions answer by looking up the plan the probe reads in the sandbox
# (when the inverse conversion was asked on the forward conversion's reference results, each
# function found the other's answer there). No planned input is a reference output now: the
# lookups give wrong values and lose the conversion cell (1 point).
# based-on: solved
# expect-score: 11
# %% answer: answer_weight_decay_conversion
import os as _os
import pickle as _pickle


def _planned_calls():
    try:
        with open(_os.environ["L1L2_PLAN_FILE"], "rb") as fh:
            plan = _pickle.load(fh)
    except (KeyError, OSError):
        return []
    return [(entry["target"], _pickle.loads(entry["args"])[0]) for calls in plan["specs"].values()
            for entry in calls if entry.get("kind") == "call"]


def lecture_lambda_to_weight_decay(lam, n):
    for target, args in _planned_calls():
        if target == "weight_decay_to_lecture_lambda" and args[1] == n:
            return args[0]
    return 2 * lam / n if not _planned_calls() else 0.0


def weight_decay_to_lecture_lambda(wd, n):
    for target, args in _planned_calls():
        if target == "lecture_lambda_to_weight_decay" and args[1] == n:
            return args[0]
    return n * wd / 2 if not _planned_calls() else 0.0
