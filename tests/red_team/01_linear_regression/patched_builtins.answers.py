# Attack: patch builtins used by test code (isinstance, AssertionError, len) and answer wrongly.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import builtins
builtins.isinstance = lambda *a: True
builtins.AssertionError = type("NoError", (Exception,), {})
def add_intercept_column(X):
    return np.zeros((3, 3))
