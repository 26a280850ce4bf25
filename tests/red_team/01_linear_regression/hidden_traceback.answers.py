# Attack: silence every error display (showtraceback, excepthook) and give wrong answers.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
import sys
ip = get_ipython()
ip.showtraceback = lambda *a, **k: None
ip.showsyntaxerror = lambda *a, **k: None
sys.excepthook = lambda *a: None
ip.set_custom_exc((BaseException,), lambda *a, **k: None)
def add_intercept_column(X):
    return X
