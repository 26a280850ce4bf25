# Stores the position np.argmin returns as best_alpha instead of the alpha at that position. small_ridge
# and its RMSE are consistent with that (wrong) best_alpha, so only the alpha test fails.
# based-on: solved
# expect-lost: alpha_chosen_by_validation
# expect-message: alpha_chosen_by_validation: POSITION of the best alpha
# expect-mistake: alpha_chosen_by_validation: ridge.best_alpha.index_not_alpha

# %% answer: answer_choose_alpha
best_alpha = np.argmin(cv_rmse.mean(axis=1))
small_ridge = poly_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
