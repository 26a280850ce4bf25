# Takes the last qualifying alpha, assuming alphas increase; LassoCV-style grids decrease.
# based-on: solved
# expect-lost: one_se_rule_picks_largest_alpha
# expect-message: one_se_rule_picks_largest_alpha: Do not rely on the order
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.smallest

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    qualifying = np.flatnonzero(mean <= mean[best] + se[best])
    return float(alphas[qualifying[-1]])
