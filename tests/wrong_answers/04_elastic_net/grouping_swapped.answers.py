# Mixes up which model keeps the group.
# based-on: solved
# expect-lost: grouping_effect_kept_features
# expect-message: grouping_effect_kept_features: are swapped
# expect-mistake: grouping_effect_kept_features: elastic_net.grouping.swapped

# %% answer: answer_grouping
enet_kept = [name for name, c in zip(group_names, lasso_group.coef_) if c != 0]
lasso_kept = [name for name, c in zip(group_names, enet_group.coef_) if c != 0]
