# soft_threshold subtracts t from |z| but never clips at 0: |z| < t flips the sign instead of giving 0.
# Everything built on it (coordinate update, solver) inherits the mistake.
# based-on: solved
# expect-lost: soft_threshold_matches_reference, soft_threshold_gives_exact_zeros, coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: soft_threshold_matches_reference: missing the clip at 0
# expect-message: soft_threshold_gives_exact_zeros: missing the clip at 0
# expect-message: coordinate_update_matches_reference: clip at 0 is missing
# expect-message: lasso_cd_matches_sklearn: soft_threshold is wrong
# expect-message: lasso_cd_satisfies_kkt: soft_threshold is wrong
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.no_clip
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.soft_threshold_wrong
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.soft_threshold_wrong
# expect-mistake: soft_threshold_gives_exact_zeros: lasso.soft_threshold_exact_zeros.not_exact_zero
# expect-mistake: soft_threshold_matches_reference: lasso.soft_threshold.no_clip

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    return np.sign(z) * (np.abs(z) - t)
