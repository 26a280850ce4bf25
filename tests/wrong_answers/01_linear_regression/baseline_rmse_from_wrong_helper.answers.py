# Computes baseline_test_rmse with an `rmse` that forgot the square root, as a student whose Exercise 3
# rmse returns the MSE does when reusing it. (The wrong rmse is written in the baseline cell itself, after
# the rmse tests have run, so that this file replaces one cell and shares a submission with the others;
# the baseline check sees the same `rmse` either way.)
# based-on: solved
# expect-lost: baseline_fitted_on_training_split
# expect-message: baseline_fitted_on_training_split: your rmse function from Exercise 3
# expect-message: baseline_fitted_on_training_split: did not take the square root
# expect-mistake: baseline_fitted_on_training_split: linear_regression.baseline.wrong_rmse_function

# %% answer: answer_baseline
def rmse(y_true, y_pred):
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))


baseline = make_pipeline(preprocess, LinearRegression()).fit(X_train, y_train)
baseline_test_rmse = rmse(y_test, baseline.predict(X_test))
