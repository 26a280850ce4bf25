# Averages cv_rmse over axis=0 (over the alphas, one number per fold) and indexes alphas with
# the fold that comes out best.
# based-on: solved
# expect-lost: alpha_chosen_by_validation
# expect-message: alpha_chosen_by_validation: cv_rmse.mean(axis=0)
# expect-mistake: alpha_chosen_by_validation: ridge.best_alpha.mean_over_alphas

# %% answer: answer_choose_alpha
best_alpha = alphas[np.argmin(cv_rmse.mean(axis=0))]
small_ridge = poly_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
