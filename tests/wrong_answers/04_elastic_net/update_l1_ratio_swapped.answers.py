# Swaps the roles of l1_ratio and 1 - l1_ratio in the update.
# based-on: solved
# expect-lost: enet_update_matches_reference, enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_update_matches_reference: l1_ratio is swapped
# expect-message: enet_cd_matches_sklearn: swapped
# expect-message: enet_cd_ends_are_lasso_and_ridge: l1_ratio is swapped
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.update_l1_ratio_swapped
# expect-mistake: enet_update_matches_reference: elastic_net.enet_coordinate_update.l1_ratio_swapped

# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    n = len(x_j)
    numerator = soft_threshold(x_j @ partial_residual / n, alpha * (1.0 - l1_ratio))
    return float(numerator / (x_j @ x_j / n + alpha * l1_ratio))
