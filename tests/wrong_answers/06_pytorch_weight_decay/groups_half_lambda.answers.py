# Gives the weights weight_decay = lam / 2, copying the 1/2 of the penalty.
# based-on: solved
# expect-lost: param_groups_match_manual_loop
# expect-message: param_groups_match_manual_loop: weight_decay=λ/2
# expect-mistake: param_groups_match_manual_loop: torch_weight_decay.sgd_param_groups.half_lambda

# %% answer: answer_sgd_param_groups
def sgd_param_groups(model, lam):
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    return [{"params": weights, "weight_decay": lam / 2}, {"params": biases, "weight_decay": 0.0}]
