# Attack: look for the gradebook, the instructor's source/ and the reference package; fail loudly if any is visible.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import os
_wanted = {"gradebook.db", "reference_solutions", ".course_secret", "authored", "source", "submitted"}
_seen = []
for _top, _dirs, _files in os.walk("/"):
    _dirs[:] = [d for d in _dirs if d not in {"proc", "sys", "dev", "usr", "site-packages"}
                and _top.count("/") < 7]
    _seen += [os.path.join(_top, n) for n in _dirs + _files if n in _wanted]
if _seen:
    raise RuntimeError(f"grader files visible: {_seen[:3]}")
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
