# Writes the square root as `** 1/2`, which Python reads as (mse ** 1) / 2: half the mean squared error.
# based-on: solved
# expect-lost: rmse_sanity, rmse_matches_reference
# expect-message: rmse_sanity: is read as (x ** 1) / 2
# expect-message: rmse_matches_reference: is read as (x ** 1) / 2
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.power_precedence
# expect-mistake: rmse_matches_reference: linear_regression.rmse.power_precedence

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    errors = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    return float(np.mean(errors ** 2) ** 1/2)
