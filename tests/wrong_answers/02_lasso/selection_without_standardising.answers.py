# Fits the Lasso for the selection on the raw, unscaled features.
# based-on: solved
# expect-lost: auto_mpg_selection_standardised
# expect-message: auto_mpg_selection_standardised: UNSCALED features
# expect-mistake: auto_mpg_selection_standardised: lasso.auto_mpg_selection.unscaled

# %% answer: answer_lasso_fixed
lasso_fixed = make_pipeline(raw_features, Lasso(alpha=ALPHA_FIXED, max_iter=100_000)).fit(X_train, y_train)
selected_fixed = selected_features(lasso_fixed[-1].coef_, feature_names)
