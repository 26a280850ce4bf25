# Attack: SIGKILL the kernel in the last exercise; everything before it keeps its points.
# based-on: solved
# expect-score: 7
# %% answer: answer_baseline
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
