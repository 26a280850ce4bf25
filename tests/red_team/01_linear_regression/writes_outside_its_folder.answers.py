# Attack: try to write into the repository and the course root; break the notebook if it works.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import os
_written = []
for _target in ("/work/main/pwned.txt", "/work/main/build/pwned.txt", "/root/pwned.txt", "/etc/pwned.txt",
                "/usr/pwned.txt", os.path.join(os.path.dirname(np.__file__), "pwned.txt")):
    try:
        with open(_target, "w") as _fh:
            _fh.write("x")
        _written.append(_target)
    except OSError:
        pass
if _written:
    raise RuntimeError(f"wrote {_written}")
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
