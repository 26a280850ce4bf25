# Stores the True/False masks coef_ != 0 instead of the names they select.
# based-on: solved
# expect-lost: grouping_effect_kept_features
# expect-message: grouping_effect_kept_features: is a True/False mask
# expect-mistake: grouping_effect_kept_features: elastic_net.grouping.boolean_mask

# %% answer: answer_grouping
lasso_kept = list(lasso_group.coef_ != 0)
enet_kept = list(enet_group.coef_ != 0)
