# Attack: SIGKILL the kernel in the training-loop exercise; the cells before it keep their points.
# based-on: solved
# expect-score: 7
# %% answer: answer_train_manual_l2
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
