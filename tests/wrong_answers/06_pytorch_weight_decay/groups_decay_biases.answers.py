# One group with every parameter at weight_decay=lam: the biases decay too.
# based-on: solved
# expect-lost: param_groups_match_manual_loop
# expect-message: param_groups_match_manual_loop: biases get weight_decay
# expect-mistake: param_groups_match_manual_loop: torch_weight_decay.sgd_param_groups.biases_decayed

# %% answer: answer_sgd_param_groups
def sgd_param_groups(model, lam):
    return [{"params": list(model.parameters()), "weight_decay": lam}]
