# Keeps the nonzero coefficients themselves (coef_[coef_ != 0]) instead of the names of their features.
# based-on: solved
# expect-lost: grouping_effect_kept_features
# expect-message: grouping_effect_kept_features: nonzero coefficient VALUES
# expect-mistake: grouping_effect_kept_features: elastic_net.grouping.values

# %% answer: answer_grouping
lasso_kept = lasso_group.coef_[lasso_group.coef_ != 0]
enet_kept = enet_group.coef_[enet_group.coef_ != 0]
