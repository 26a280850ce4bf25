# Keeps scikit-learn's neg_mean_squared_error scores as they are (negative numbers).
# The 1-SE rule and the rest then run on negated errors; only the CV test cell checks fold_mse.
# based-on: solved
# expect-lost: cv_scaler_fitted_per_fold
# expect-message: cv_scaler_fitted_per_fold: negate it
# expect-mistake: cv_scaler_fitted_per_fold: lasso.fold_mse.negated_scores

# %% answer: answer_fold_mse
_, fold_mse = validation_curve(
    make_pipeline(preprocess, Lasso()), X_train, y_train, param_name="lasso__alpha",
    param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
