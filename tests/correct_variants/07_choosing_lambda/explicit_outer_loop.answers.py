# Correct variant: nested CV written as an explicit outer loop of GridSearchCV fit/predict.
# based-on: solved
# %% answer: answer_nested_cv_score
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    y = np.asarray(y, dtype=float)
    mses = []
    for train, test in outer_cv.split(X, y):
        search = GridSearchCV(make_pipeline(clone(preprocess), Ridge()), {"ridge__alpha": list(alphas)},
                              cv=inner_cv, scoring="neg_mean_squared_error")
        search.fit(X.iloc[train], y[train])
        mses.append(float(np.mean((y[test] - search.predict(X.iloc[test])) ** 2)))
    return np.array(mses)
