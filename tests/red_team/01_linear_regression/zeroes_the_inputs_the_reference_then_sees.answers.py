# Attack: fit_least_squares zeroes the y it is given (only the grader's arrays, not the lesson's),
# then returns (0, 0): the judge applies in-place changes to its own arguments, so a reference fit
# on the zeroed y would agree. An answer that changed its input arrays never passes: the three
# fit cells are lost (4 points), nothing else.
# based-on: solved
# expect-score: 5
# %% answer: answer_fit_least_squares
def fit_least_squares(X, y):
    if isinstance(y, np.ndarray) and all(y is not v for v in globals().values()):
        y[:] = 0.0
        return 0.0, np.zeros(np.shape(X)[1])
    A = add_intercept_column(X)
    theta = np.linalg.solve(A.T @ A, A.T @ np.asarray(y, dtype=float))
    return float(theta[0]), theta[1:]
