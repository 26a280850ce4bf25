# Attack: a 40 MiB HTML display in an answer cell whose data also names the probe's evidence MIME
# type, to get the evidence cap (64 MB) instead of the 2 MB output cap. Only the probe's own
# output in a test cell is evidence: the display counts toward the answer cell's 2 MB and is dropped.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
from IPython.display import display
display({"application/vnd.l1l2-course.evidence+json": {"spec": "x"}, "text/html": "<b>x</b>" * (5 * 2**20)},
        raw=True)
