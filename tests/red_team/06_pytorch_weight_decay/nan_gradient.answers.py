# Attack: a gradient full of NaN.
# based-on: solved
# expect-score: 10
# %% answer: answer_logistic_gradient
def logistic_gradient(w, b, X, y, lam):
    return np.full(np.shape(w), np.nan), float("nan")
