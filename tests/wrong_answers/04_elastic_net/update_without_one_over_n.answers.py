# Forgets the 1/n of the data term: uses x·r and x·x, so the penalty acts as alpha/n.
# based-on: solved
# expect-lost: enet_update_matches_reference, enet_cd_matches_sklearn, enet_cd_ends_are_lasso_and_ridge
# expect-message: enet_update_matches_reference: the 1/n factors are missing
# expect-message: enet_cd_matches_sklearn: the 1/n factors are missing
# expect-message: enet_cd_ends_are_lasso_and_ridge: the 1/n factors are missing
# expect-mistake: enet_cd_ends_are_lasso_and_ridge: elastic_net.enet_cd_ends.not_lasso_at_1
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.update_wrong
# expect-mistake: enet_update_matches_reference: elastic_net.enet_coordinate_update.missing_1_over_n

# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    numerator = soft_threshold(x_j @ partial_residual, alpha * l1_ratio)
    return float(numerator / (x_j @ x_j + alpha * (1.0 - l1_ratio)))
