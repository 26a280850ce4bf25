# Chooses alpha with one grid search on all of X and then cross-validates that fixed alpha with
# the outer splitter: the outer test folds were used for tuning.
# based-on: solved
# expect-lost: nested_cv_keeps_test_folds_out
# expect-message: nested_cv_keeps_test_folds_out: used for tuning
# expect-mistake: nested_cv_keeps_test_folds_out: choosing_lambda.nested_cv_score.tuned_on_all_data

# %% answer: answer_nested_cv_score
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    search = GridSearchCV(make_pipeline(preprocess, Ridge()), {"ridge__alpha": list(alphas)},
                          cv=inner_cv, scoring="neg_mean_squared_error").fit(X, y)
    return -cross_val_score(search.best_estimator_, X, y, cv=outer_cv, scoring="neg_mean_squared_error")
