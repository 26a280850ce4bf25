# Attack: import the reference answers.
# based-on: untouched
# expect-score: 0
# %% answer: answer_logistic_cost
from reference_solutions.torch_weight_decay import *  # noqa: F403
