# Attack: find the reference package on disk and put it on sys.path.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import glob, sys
for hit in glob.glob("/**/reference_solutions/__init__.py", recursive=True)[:1]:
    sys.path.insert(0, hit.rsplit("/reference_solutions/", 1)[0])
from reference_solutions.linear_regression import add_intercept_column, fit_least_squares, rmse
