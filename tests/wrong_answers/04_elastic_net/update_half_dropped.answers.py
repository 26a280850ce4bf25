# Differentiates 0.5·alpha·(1 - l1_ratio)·w² as if the 1/2 were not there: 2·alpha·(1 - l1_ratio).
# based-on: solved
# expect-lost: enet_update_matches_reference, enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_update_matches_reference: the 1/2 cancels the 2
# expect-message: enet_cd_matches_sklearn: without the 1/2
# expect-message: enet_cd_ends_are_lasso_and_ridge: the 1/2 cancels the 2
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_ridge_at_0
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.update_l2_without_half
# expect-mistake: enet_update_matches_reference: elastic_net.enet_coordinate_update.denominator_2alpha

# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    n = len(x_j)
    numerator = soft_threshold(x_j @ partial_residual / n, alpha * l1_ratio)
    return float(numerator / (x_j @ x_j / n + 2 * alpha * (1.0 - l1_ratio)))
