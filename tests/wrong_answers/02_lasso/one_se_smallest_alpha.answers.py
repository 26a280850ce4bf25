# The 1-SE rule picking the SMALLEST alpha within one SE of the minimum instead of the largest.
# based-on: solved
# expect-lost: one_se_rule_picks_largest_alpha
# expect-message: one_se_rule_picks_largest_alpha: you picked the SMALLEST alpha
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.smallest

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    alphas = np.asarray(alphas, dtype=float)
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    return float(np.min(alphas[mean <= mean[best] + se[best]]))
