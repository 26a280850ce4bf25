# Refits the chosen alpha with plain_pipeline (no polynomial features) instead of poly_pipeline,
# the pipeline whose cross-validation chose it.
# based-on: solved
# expect-lost: ridge_test_rmse_reported
# expect-message: ridge_test_rmse_reported: not poly_pipeline
# expect-mistake: ridge_test_rmse_reported: ridge.ridge_test_rmse.plain_features

# %% answer: answer_choose_alpha
best_alpha = alphas[np.argmin(cv_rmse.mean(axis=1))]
small_ridge = plain_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
