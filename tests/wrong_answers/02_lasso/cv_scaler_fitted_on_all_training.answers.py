# Scales the whole training split once, then cross-validates only the Lasso: each validation
# fold helped set the means and standard deviations it is scaled with.
# based-on: solved
# expect-lost: cv_scaler_fitted_per_fold
# expect-message: cv_scaler_fitted_per_fold: scaler was fitted on the whole training split
# expect-mistake: cv_scaler_fitted_per_fold: lasso.fold_mse.scaler_on_all_training

# %% answer: answer_fold_mse
Z_all = preprocess.fit_transform(X_train)
_, validation_scores = validation_curve(Lasso(), Z_all, y_train, param_name="alpha",
                                        param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
fold_mse = -validation_scores
