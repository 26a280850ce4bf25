# Attack: answers that return NaN (NaN comparisons are False, so a careless check passes them).
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
def add_intercept_column(X):
    return np.full((np.shape(X)[0], np.shape(X)[1] + 1), np.nan)
# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    return float("nan"), np.full(np.shape(X)[1], np.nan)
# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return float("nan")
