# Uses the standard deviation over folds instead of the standard error (std / sqrt(K)).
# based-on: solved
# expect-lost: one_se_rule_picks_largest_alpha
# expect-message: one_se_rule_picks_largest_alpha: divides it by sqrt(K)
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.std

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    alphas = np.asarray(alphas, dtype=float)
    mean = fold_mse.mean(axis=1)
    sd = fold_mse.std(axis=1, ddof=1)
    best = np.argmin(mean)
    return float(np.max(alphas[mean <= mean[best] + sd[best]]))
