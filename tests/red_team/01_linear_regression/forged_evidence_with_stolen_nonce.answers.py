# Attack: read the plan in the sandbox, then display forged evidence with its nonce for every check.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import os, pickle, sys, types
from IPython.display import display
_plan = pickle.load(open(os.environ["L1L2_PLAN_FILE"], "rb"))
def _forge(spec, *names):
    records = [{"ok": {"tuple": [{"float": "0.0"}, {"array": {"dtype": "float64", "shape": [0], "b64": ""}}]}}
               for _ in _plan["specs"].get(spec, [])]
    display({"application/vnd.l1l2-course.evidence+json": {"spec": spec, "nonce": _plan["nonce"], "records": records}}, raw=True)
fake = types.ModuleType("coursekit_probe")
fake.probe = _forge
sys.modules["coursekit_probe"] = fake
