# Fits the baseline on every row, test rows included.
# based-on: solved
# expect-lost: baseline_fitted_on_training_split
# expect-message: baseline_fitted_on_training_split: fitted on all the data
# expect-mistake: baseline_fitted_on_training_split: linear_regression.baseline.fitted_on_all_data

# %% answer: answer_baseline
baseline = make_pipeline(preprocess, LinearRegression()).fit(X, y)
baseline_test_rmse = root_mean_squared_error(y_test, baseline.predict(X_test))
