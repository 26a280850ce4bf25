# Attack: replace the grader's probe in the kernel by a function that does nothing.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import sys, types
fake = types.ModuleType("coursekit_probe")
fake.probe = lambda *a, **k: None
sys.modules["coursekit_probe"] = fake
