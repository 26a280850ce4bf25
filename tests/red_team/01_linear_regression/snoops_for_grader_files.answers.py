# Attack: look for the gradebook, the instructor's source/ and the reference package; fail loudly if any is visible.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
import glob, os
_seen = [p for pattern in ("/**/gradebook.db", "/**/source/01_linear_regression/*.ipynb",
                           "/**/reference_solutions", "/**/.course_secret", "/**/autograder/authored")
         for p in glob.glob(pattern, recursive=True)]
if _seen:
    raise RuntimeError(f"grader files visible: {_seen[:3]}")
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
