# Correct variant: np.where soft threshold, scalar-friendly update, the CV matrix from an explicit
# loop over folds with cross_val_score, the 1-SE rule written with a mask over sorted alphas.
# based-on: solved
# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    return np.where(z > t, z - t, np.where(z < -t, z + t, 0.0))
# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    x_j = np.asarray(x_j, dtype=float)
    rho = np.dot(x_j, partial_residual) / len(x_j)
    z = np.dot(x_j, x_j) / len(x_j)
    return float(soft_threshold(rho, alpha)) / z
# %% answer: answer_fold_mse
from sklearn.base import clone
from sklearn.model_selection import cross_val_score
fold_mse = np.array([
    -cross_val_score(make_pipeline(clone(preprocess), Lasso(alpha=a)), X_train, y_train, cv=cv,
                     scoring="neg_mean_squared_error")
    for a in alphas])
# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    scores = np.asarray(fold_mse, dtype=float)
    k = scores.shape[1]
    means = scores.mean(axis=1)
    i = int(np.argmin(means))
    threshold = means[i] + np.std(scores[i], ddof=1) / np.sqrt(k)
    return max(a for a, m in zip(alphas, means) if m <= threshold)
