# Attack: answer only the visible test's input correctly (hard-coded), anything else wrongly.
# based-on: solved
# expect-score: 8
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    if X.shape == (3, 2):
        return np.column_stack([np.ones(3), X])
    return np.zeros((X.shape[0], X.shape[1] + 1))
