# Attack: a solver that returns NaN coefficients and intercept.
# based-on: solved
# expect-score: 12
# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    return float("nan"), np.full(np.shape(X)[1], np.nan)
