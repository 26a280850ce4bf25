# Attack: read files only host root may read (/etc/shadow, /root); break the notebook if it works.
# The kernel runs as an unprivileged host user even when grading runs as root.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import os
_read = []
for _target in ("/etc/shadow", "/etc/gshadow", "/root/.bashrc", "/root/.profile"):
    try:
        with open(_target, "rb") as _fh:
            _fh.read(1)
        _read.append(_target)
    except OSError:
        pass
if os.getuid() == 0 or os.geteuid() == 0:
    _read.append(f"uid {os.getuid()}")
if _read:
    raise RuntimeError(f"read {_read}")
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
