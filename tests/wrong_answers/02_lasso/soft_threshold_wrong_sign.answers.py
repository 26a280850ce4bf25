# soft_threshold returns -sign(z) * max(|z| - t, 0): the zeros are right, the sign is not,
# and coordinate descent built on it diverges (each step jumps to the wrong side).
# based-on: solved
# expect-lost: soft_threshold_matches_reference, coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_intercept_unpenalised, lasso_cd_satisfies_kkt
# expect-message: soft_threshold_matches_reference: the sign is reversed
# expect-message: coordinate_update_matches_reference: the sign is reversed
# expect-message: lasso_cd_matches_sklearn: soft_threshold
# expect-message: lasso_cd_intercept_unpenalised: diverged
# expect-message: lasso_cd_satisfies_kkt: soft_threshold
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.sign_reversed
# expect-mistake: lasso_cd_intercept_unpenalised: lasso.lasso_cd_intercept_unpenalised.diverged | lasso.lasso_cd_intercept_unpenalised.soft_threshold_wrong
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.diverged | lasso.lasso_cd_matches_reference.soft_threshold_wrong
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.diverged | lasso.lasso_cd_kkt.soft_threshold_wrong
# expect-mistake: soft_threshold_matches_reference: lasso.soft_threshold.sign_reversed

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    return -np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
