# Keeps lesson 02's Lasso update: the L2 part never enters the denominator.
# based-on: solved
# expect-lost: enet_update_matches_reference, enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_update_matches_reference: the L2 part is missing
# expect-message: enet_cd_matches_sklearn: the L2 part is missing
# expect-message: enet_cd_ends_are_lasso_and_ridge: the L2 part is missing
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_ridge_at_0
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.update_wrong
# expect-mistake: enet_update_matches_reference: elastic_net.enet_coordinate_update.missing_l2_term

# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    n = len(x_j)
    return float(soft_threshold(x_j @ partial_residual / n, alpha * l1_ratio) / (x_j @ x_j / n))
