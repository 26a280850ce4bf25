# Uses NumPy's default np.std (ddof=0, the population SD) in the standard error, where the
# lesson says the sample standard deviation over the folds (ddof=1).
# based-on: solved
# expect-lost: one_se_rule_picks_largest_alpha
# expect-message: one_se_rule_picks_largest_alpha: ddof=0
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.ddof0

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    alphas = np.asarray(alphas, dtype=float)
    fold_mse = np.asarray(fold_mse, dtype=float)
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    return float(np.max(alphas[mean <= mean[best] + se[best]]))
