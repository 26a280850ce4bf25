# Attack: a correct pipeline whose joblib memory is a host path: a judge that rebuilt and refitted
# the student's pipeline on the trusted side would write its cache there (and load pickles from it).
# The judge only asks the pipeline questions inside the sandbox, so nothing appears on the host.
# based-on: solved
# expect-score: 7
# %% answer: answer_choose_alpha
from sklearn.pipeline import Pipeline
best_alpha = alphas[np.argmin(cv_rmse.mean(axis=1))]
small_ridge = Pipeline(poly_pipeline(Ridge(alpha=best_alpha)).steps,
                       memory="/tmp/l1l2-redteam-joblib-cache").fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
