# Attack: forge evidence for every check from the plan file (right count, wrong values).
# based-on: untouched
# expect-score: 0
# %% answer: answer_soft_threshold
import os, pickle, sys, types
from IPython.display import display
_plan = pickle.load(open(os.environ["L1L2_PLAN_FILE"], "rb"))
def _forge(spec, *names):
    records = [{"ok": {"float": "0.0"}} for _ in _plan["specs"].get(spec, [])]
    display({"application/vnd.l1l2-course.evidence+json": {"spec": spec, "nonce": _plan["nonce"], "records": records}}, raw=True)
sys.modules["coursekit_probe"] = types.SimpleNamespace(probe=_forge)
