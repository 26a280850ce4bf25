# Takes np.std of the errors: it subtracts the mean error first, so a constant offset is not counted.
# based-on: solved
# expect-lost: rmse_sanity, rmse_matches_reference
# expect-message: rmse_sanity: standard deviation of the errors
# expect-message: rmse_matches_reference: standard deviation of the errors
# expect-mistake: rmse_sanity: linear_regression.rmse_small_cases.std_of_errors
# expect-mistake: rmse_matches_reference: linear_regression.rmse.std_of_errors

# %% answer: answer_rmse
def rmse(y_true, y_pred):
    return float(np.std(np.asarray(y_true) - np.asarray(y_pred)))
