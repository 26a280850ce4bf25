# Returns the position of the chosen alpha (an index into alphas) instead of the alpha itself.
# based-on: solved
# expect-lost: one_se_rule_picks_largest_alpha
# expect-message: one_se_rule_picks_largest_alpha: you returned the POSITION of the alpha
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.position

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    alphas = np.asarray(alphas, dtype=float)
    fold_mse = np.asarray(fold_mse, dtype=float)
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    qualifying = np.flatnonzero(mean <= mean[best] + se[best])
    return int(qualifying[np.argmax(alphas[qualifying])])
