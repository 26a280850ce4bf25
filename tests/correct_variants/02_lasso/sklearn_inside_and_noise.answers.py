# Correct variant: soft_threshold with np.clip (a float back for a single number); fold_mse from
# GridSearchCV's per-split scores, with a print.
# based-on: solved
# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    out = np.asarray(np.sign(z) * np.clip(np.abs(z) - t, 0, None)) + 0.0  # + 0.0: no -0.0
    return out if out.ndim else float(out)
# %% answer: answer_fold_mse
from sklearn.model_selection import GridSearchCV
_search = GridSearchCV(make_pipeline(preprocess, Lasso()), {"lasso__alpha": list(alphas)}, cv=cv,
                       scoring="neg_mean_squared_error").fit(X_train, y_train)
fold_mse = -np.column_stack([_search.cv_results_[f"split{k}_test_score"] for k in range(cv.get_n_splits())])
print("fold_mse", fold_mse.shape)
