# Attack: leave a 1500-level directory chain (recursive clean-up hits Python's recursion limit) and
# directories without write permission in the scratch; clean-up must neither fail the submission
# nor leave the scratch behind.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import os
_fd = os.open(".", os.O_RDONLY)
for _ in range(1500):
    os.mkdir("d", dir_fd=_fd)
    _next = os.open("d", os.O_RDONLY, dir_fd=_fd)
    os.close(_fd)
    _fd = _next
os.close(_fd)
os.makedirs(os.path.expanduser("~/locked/inner"), exist_ok=True)
open(os.path.expanduser("~/locked/inner/file"), "w").close()
os.chmod(os.path.expanduser("~/locked/inner"), 0)
os.chmod(os.path.expanduser("~/locked"), 0o500)
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
