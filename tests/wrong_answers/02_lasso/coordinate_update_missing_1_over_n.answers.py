# The coordinate update drops the 1/n factors: S(x·r, alpha) / (x·x), i.e. alpha is effectively alpha/n.
# The intercept is still computed from the means, so that test passes.
# based-on: solved
# expect-lost: coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: coordinate_update_matches_reference: the 1/n factors are missing
# expect-message: lasso_cd_matches_sklearn: 1/n factor is missing
# expect-message: lasso_cd_satisfies_kkt: 1/n factor is missing
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.no_1_over_n
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.missing_1_over_n
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.missing_1_over_n

# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    return float(soft_threshold(x_j @ partial_residual, alpha) / (x_j @ x_j))
