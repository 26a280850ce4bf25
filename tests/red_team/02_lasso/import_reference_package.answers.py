# Attack: import the reference Lasso solver.
# based-on: untouched
# expect-score: 0
# %% answer: answer_soft_threshold
from reference_solutions.lasso import soft_threshold, coordinate_update, lasso_cd  # noqa: F401
