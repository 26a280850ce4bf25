# Attack: the kernel exits inside the solver exercise; the cells before it keep their points.
# based-on: solved
# expect-score: 5
# %% answer: answer_lasso_cd
import os
os._exit(3)
