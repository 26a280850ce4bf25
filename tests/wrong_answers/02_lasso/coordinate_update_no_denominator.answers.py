# Forgets to divide by x·x/n (true only for columns with mean square 1, i.e. standardised ones).
# On columns with a large spread each step overshoots, coordinate descent diverges and even
# the intercept is no longer the least-squares one.
# based-on: solved
# expect-lost: coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_intercept_unpenalised, lasso_cd_satisfies_kkt
# expect-message: coordinate_update_matches_reference: forgot to divide by x_jᵀx_j / n
# expect-message: lasso_cd_matches_sklearn: diverged
# expect-message: lasso_cd_intercept_unpenalised: diverged
# expect-message: lasso_cd_satisfies_kkt: diverged
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.no_denominator
# expect-mistake: lasso_cd_intercept_unpenalised: lasso.lasso_cd_intercept_unpenalised.diverged
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.diverged
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.diverged

# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    n = len(x_j)
    return float(soft_threshold(x_j @ partial_residual / n, alpha))
