# The ridge (L2) update (x·r/n) / (x·x/n + alpha): shrinks but never gives an exact 0.
# based-on: solved
# expect-lost: coordinate_update_matches_reference, lasso_cd_matches_sklearn, lasso_cd_satisfies_kkt
# expect-message: coordinate_update_matches_reference: L2 (ridge) update
# expect-message: lasso_cd_matches_sklearn: ridge (L2) regression
# expect-message: lasso_cd_satisfies_kkt: ridge (L2) regression
# expect-mistake: coordinate_update_matches_reference: lasso.coordinate_update.l2_update
# expect-mistake: lasso_cd_matches_sklearn: lasso.lasso_cd_matches_reference.ridge
# expect-mistake: lasso_cd_satisfies_kkt: lasso.lasso_cd_kkt.ridge

# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    n = len(x_j)
    return float((x_j @ partial_residual / n) / (x_j @ x_j / n + alpha))
