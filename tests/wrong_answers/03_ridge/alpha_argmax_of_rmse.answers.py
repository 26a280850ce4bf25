# Uses argmax (as for scores) on an RMSE, which picks the worst alpha.
# based-on: solved
# expect-lost: alpha_chosen_by_validation
# expect-message: alpha_chosen_by_validation: use argmin on RMSE
# expect-mistake: alpha_chosen_by_validation: ridge.best_alpha.argmax

# %% answer: answer_choose_alpha
best_alpha = alphas[np.argmax(cv_rmse.mean(axis=1))]
small_ridge = poly_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
