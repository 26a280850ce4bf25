# Takes the first array validation_curve returns (the training-fold scores) instead of the validation ones.
# based-on: solved
# expect-lost: cv_scaler_fitted_per_fold
# expect-message: cv_scaler_fitted_per_fold: TRAINING-fold errors
# expect-mistake: cv_scaler_fitted_per_fold: lasso.fold_mse.training_scores

# %% answer: answer_fold_mse
scores = validation_curve(
    make_pipeline(clone(preprocess), Lasso()), X_train, y_train, param_name="lasso__alpha",
    param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
fold_mse = -scores[0]
