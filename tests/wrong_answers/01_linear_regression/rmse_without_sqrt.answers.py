# Returns the mean squared error.
# based-on: solved
# expect-lost: rmse_sanity, rmse_matches_reference
# expect-message: rmse_sanity: take the square root
# expect-message: rmse_matches_reference: take the square root
# expect-mistake: rmse_matches_reference: linear_regression.rmse.mse_no_sqrt
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.mse_no_sqrt

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))
