# Lists the positions of the nonzero coefficients (np.flatnonzero) instead of the feature names.
# based-on: solved
# expect-lost: grouping_effect_kept_features
# expect-message: grouping_effect_kept_features: holds positions
# expect-mistake: grouping_effect_kept_features: elastic_net.grouping.positions

# %% answer: answer_grouping
lasso_kept = list(np.flatnonzero(lasso_group.coef_))
enet_kept = list(np.flatnonzero(enet_group.coef_))
