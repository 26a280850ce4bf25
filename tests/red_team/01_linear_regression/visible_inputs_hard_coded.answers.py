# Attack: answer only the visible test's input correctly (hard-coded), anything else wrongly.
# Honest score 4: the student's own fit_least_squares builds on this add_intercept_column, so the
# three fit cells lose their points too (the fit is wrong on every input but the visible one).
# based-on: solved
# expect-score: 4
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    X = np.asarray(X, dtype=float)
    if X.shape == (3, 2):
        return np.column_stack([np.ones(3), X])
    return np.zeros((X.shape[0], X.shape[1] + 1))
