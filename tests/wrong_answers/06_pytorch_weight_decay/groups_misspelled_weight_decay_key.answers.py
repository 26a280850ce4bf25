# Splits the parameters right but spells the option "decay": SGD keeps the unknown key and gives
# both groups the default weight_decay=0.
# based-on: solved
# expect-lost: param_groups_match_manual_loop
# expect-message: param_groups_match_manual_loop: has no 'weight_decay' key
# expect-mistake: param_groups_match_manual_loop: torch_weight_decay.sgd_param_groups.misspelled_key

# %% answer: answer_sgd_param_groups
def sgd_param_groups(model, lam):
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if not name.endswith("weight")]
    return [{"params": weights, "decay": lam}, {"params": biases, "decay": 0.0}]
