# Reports the RMSE on the training split as the test RMSE.
# based-on: solved
# expect-lost: baseline_fitted_on_training_split
# expect-message: baseline_fitted_on_training_split: is the training RMSE
# expect-mistake: baseline_fitted_on_training_split: linear_regression.baseline.training_rmse

# %% answer: answer_baseline
baseline = make_pipeline(preprocess, LinearRegression()).fit(X_train, y_train)
baseline_test_rmse = root_mean_squared_error(y_train, baseline.predict(X_train))
