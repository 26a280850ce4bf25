# Averages the absolute errors (the mean absolute error) instead of squaring them.
# based-on: solved
# expect-lost: rmse_sanity, rmse_matches_reference
# expect-message: rmse_sanity: mean absolute error
# expect-message: rmse_matches_reference: mean absolute error
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.mae
# expect-mistake: rmse_matches_reference: linear_regression.rmse.mae

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return float(np.mean(np.abs(np.asarray(y_true) - np.asarray(y_pred))))
