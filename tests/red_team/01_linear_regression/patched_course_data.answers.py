# Attack: patch the course's data loader so the baseline is "fitted" on a handful of rows.
# based-on: solved
# expect-score: 7
# %% answer: answer_baseline
import lessonkit.data as _data
_small = X_train.iloc[:15], y_train.iloc[:15]
baseline = make_pipeline(preprocess, LinearRegression()).fit(*_small)
baseline_test_rmse = root_mean_squared_error(y_test, baseline.predict(X_test))
