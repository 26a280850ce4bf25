# Lists the features set to zero instead of those kept.
# based-on: solved
# expect-lost: grouping_effect_kept_features
# expect-message: grouping_effect_kept_features: coef != 0
# expect-mistake: grouping_effect_kept_features: elastic_net.grouping.wrong_features

# %% answer: answer_grouping
lasso_kept = [name for name, c in zip(group_names, lasso_group.coef_) if c == 0]
enet_kept = [name for name, c in zip(group_names, enet_group.coef_) if c == 0]
