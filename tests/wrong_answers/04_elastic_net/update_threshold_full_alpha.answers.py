# Thresholds by alpha instead of alpha·l1_ratio (copied from the Lasso update).
# based-on: solved
# expect-lost: enet_update_matches_reference, enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_update_matches_reference: the threshold should be alpha·l1_ratio
# expect-message: enet_cd_matches_sklearn: the threshold should be alpha·l1_ratio
# expect-message: enet_cd_ends_are_lasso_and_ridge: the threshold should be alpha·l1_ratio
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_ridge_at_0
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.update_wrong
# expect-mistake: enet_update_matches_reference: elastic_net.enet_coordinate_update.threshold_full_alpha

# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    n = len(x_j)
    numerator = soft_threshold(x_j @ partial_residual / n, alpha)
    return float(numerator / (x_j @ x_j / n + alpha * (1.0 - l1_ratio)))
