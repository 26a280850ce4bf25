# Attack: make every probe run twice, so a test cell shows two pieces of evidence.
# based-on: solved
# expect-score: 0
# %% answer: answer_add_intercept_column
import coursekit_probe.runtime as _rt
_original = _rt.probe
def _twice(*a):
    _original(*a)
    _original(*a)
import coursekit_probe
coursekit_probe.probe = _twice
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
