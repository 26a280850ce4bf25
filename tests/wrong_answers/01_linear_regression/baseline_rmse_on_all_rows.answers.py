# Reports the RMSE over every car (training and test rows together) as the test RMSE.
# based-on: solved
# expect-lost: baseline_fitted_on_training_split
# expect-message: baseline_fitted_on_training_split: over all the cars
# expect-mistake: baseline_fitted_on_training_split: linear_regression.baseline.all_rows_rmse

# %% answer: answer_baseline
baseline = make_pipeline(preprocess, LinearRegression()).fit(X_train, y_train)
baseline_test_rmse = root_mean_squared_error(y, baseline.predict(X))
