# soft_threshold written as max(z - t, 0): right for z > 0, but every negative z becomes 0.
# based-on: solved
# expect-lost: soft_threshold_matches_reference, coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: soft_threshold_matches_reference: negative inputs are all set to 0
# expect-message: coordinate_update_matches_reference: only handles the positive side
# expect-message: lasso_cd_matches_sklearn: negative inputs are all set to 0
# expect-message: lasso_cd_satisfies_kkt: negative inputs are all set to 0
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.positive_side_only
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.soft_threshold_wrong
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.soft_threshold_wrong
# expect-mistake: soft_threshold_matches_reference: lasso.soft_threshold.positive_side_only

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    return np.maximum(np.asarray(z, dtype=float) - t, 0.0)
