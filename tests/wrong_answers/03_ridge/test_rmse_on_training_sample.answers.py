# Reports the RMSE on the 60 training cars instead of the test split.
# based-on: solved
# expect-lost: ridge_test_rmse_reported
# expect-message: ridge_test_rmse_reported: is the training RMSE
# expect-mistake: ridge_test_rmse_reported: ridge.ridge_test_rmse.training_rmse

# %% answer: answer_choose_alpha
best_alpha = alphas[np.argmin(cv_rmse.mean(axis=1))]
small_ridge = poly_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_small_train, small_ridge.predict(X_small_train))
