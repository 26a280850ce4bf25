# Transforms all of X once (scaler and polynomial features fitted on every row) and only then
# runs the nested search on Ridge: every outer test fold helped set its own scaling.
# based-on: solved
# expect-lost: nested_cv_keeps_test_folds_out
# expect-message: nested_cv_keeps_test_folds_out: fitted on all of X
# expect-mistake: nested_cv_keeps_test_folds_out: choosing_lambda.nested_cv_score.preprocessing_outside_folds

# %% answer: answer_nested_cv_score
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    Z = preprocess.fit_transform(X)
    search = GridSearchCV(Ridge(), {"alpha": list(alphas)}, cv=inner_cv, scoring="neg_mean_squared_error")
    return -cross_val_score(search, Z, y, cv=outer_cv, scoring="neg_mean_squared_error")
