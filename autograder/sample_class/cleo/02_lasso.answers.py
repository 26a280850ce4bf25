# Cleo forgets the clip at 0 in her soft-threshold (so her coordinate descent is wrong too)
# and, in the one-standard-error rule, picks the smallest alpha within one SE instead of the
# largest. Her other answers are right.
# based-on: solved
# expect-lost: soft_threshold_matches_reference, soft_threshold_gives_exact_zeros, coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt, one_se_rule_picks_largest_alpha
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.no_clip
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.soft_threshold_wrong
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.soft_threshold_wrong
# expect-mistake: one_se_rule_picks_largest_alpha: lasso.one_standard_error_alpha.smallest
# expect-mistake: soft_threshold_gives_exact_zeros: lasso.soft_threshold_exact_zeros.not_exact_zero
# expect-mistake: soft_threshold_matches_reference: lasso.soft_threshold.no_clip

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    return np.sign(z) * (np.abs(z) - t)

# %% answer: answer_one_standard_error_alpha
def one_standard_error_alpha(alphas, fold_mse):
    alphas = np.asarray(alphas, dtype=float)
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    return float(np.min(alphas[mean <= mean[best] + se[best]]))
