# Attack: silence every error display, with wrong soft-threshold and update.
# based-on: solved
# expect-score: 9
# %% answer: answer_soft_threshold
get_ipython().showtraceback = lambda *a, **k: None
get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)
def soft_threshold(z, t):
    return np.asarray(z, dtype=float)
