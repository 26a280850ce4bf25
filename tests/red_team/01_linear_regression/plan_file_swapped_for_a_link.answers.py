# Attack: a thread keeps replacing the plan file with a link to a host path, hoping the grader
# (root) writes or chowns the next cell's plan through it. The plan lives in a directory the
# kernel cannot change and is written through that directory's descriptor without following
# links: every swap fails and nothing appears on the host. Honest score: full marks.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import os as _os
import threading as _threading

_plan_path = _os.environ.get("L1L2_PLAN_FILE", "")


def _swap():
    for _ in range(20000):
        try:
            _os.symlink("/tmp/l1l2-redteam-plan-target", _plan_path + ".lnk")
            _os.replace(_plan_path + ".lnk", _plan_path)
        except OSError:
            pass


if _plan_path:
    _threading.Thread(target=_swap, daemon=True).start()


def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
