# Leaves out scoring=..., so validation_curve returns the default R² scores of the regressor.
# based-on: solved
# expect-lost: cv_scaler_fitted_per_fold
# expect-message: cv_scaler_fitted_per_fold: R² scores
# expect-mistake: cv_scaler_fitted_per_fold: lasso.fold_mse.r2_scores

# %% answer: answer_fold_mse
_, validation_scores = validation_curve(
    make_pipeline(clone(preprocess), Lasso()), X_train, y_train, param_name="lasso__alpha",
    param_range=alphas, cv=cv)
fold_mse = validation_scores
