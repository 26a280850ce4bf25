# Attack: make numpy's comparisons always succeed, with wrong answers (only the return-shape cell is honestly earned: 1 point).
# based-on: untouched
# expect-score: 1
# %% answer: answer_add_intercept_column
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
def add_intercept_column(X):
    return np.zeros((1, 1))
# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    return 0.0, np.zeros(np.shape(X)[1])
# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return 0.0
