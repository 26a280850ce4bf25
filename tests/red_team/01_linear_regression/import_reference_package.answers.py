# Attack: import the reference answers instead of writing them.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
from reference_solutions.linear_regression import *  # noqa: F403
# %% answer: answer_fit_least_squares
from reference_solutions.linear_regression import fit_least_squares
# %% answer: answer_rmse
from reference_solutions.linear_regression import rmse
