# Attack: kill the kernel with os._exit(0) halfway; the cells before it keep their points.
# based-on: solved
# expect-score: 5
# %% answer: answer_rmse
import os
os._exit(0)
