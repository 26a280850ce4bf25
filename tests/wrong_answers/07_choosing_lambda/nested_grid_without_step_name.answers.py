# Builds the nested search right but writes the grid as {"alpha": alphas}: on a pipeline the
# parameter is named after its step ("ridge__alpha"), so every fit raises "Invalid parameter".
# Through cross_val_score the student's error reads "All the 4 fits failed"; the probe keeps the
# message's beginning and its last error line (the cause), so the judge names the grid key.
# based-on: solved
# expect-lost: nested_cv_keeps_test_folds_out
# expect-message: nested_cv_keeps_test_folds_out: <step name>__<parameter>
# expect-mistake: nested_cv_keeps_test_folds_out: choosing_lambda.nested_cv_score.grid_key

# %% answer: answer_nested_cv_score
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    search = GridSearchCV(make_pipeline(preprocess, Ridge()), {"alpha": list(alphas)},
                          cv=inner_cv, scoring="neg_mean_squared_error")
    return -cross_val_score(search, X, y, cv=outer_cv, scoring="neg_mean_squared_error")
