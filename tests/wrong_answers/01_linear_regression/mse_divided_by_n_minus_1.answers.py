# Divides the squared errors by n - 1 (the sample-variance habit).
# based-on: solved
# expect-lost: rmse_sanity, rmse_matches_reference
# expect-message: rmse_sanity: you divided by n - 1
# expect-message: rmse_matches_reference: you divided by n - 1
# expect-mistake: rmse_matches_reference: linear_regression.rmse.divided_by_n_minus_1
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.divided_by_n_minus_1

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    err = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.sum(err ** 2) / (len(err) - 1)))
