# Cleo uses the λ/(2n) convention of another course in her cost, and decays every parameter
# (biases included) in her parameter groups; the rest is right.
# based-on: solved
# expect-lost: logistic_cost_matches_reference, param_groups_match_manual_loop
# expect-mistake: logistic_cost_matches_reference: torch_weight_decay.logistic_cost.lambda_over_2n
# expect-mistake: param_groups_match_manual_loop: torch_weight_decay.sgd_param_groups.biases_decayed

# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    n = X.shape[0]
    z = b + X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + lam / (2 * n) * np.sum(w ** 2))

# %% answer: answer_sgd_param_groups
def sgd_param_groups(model, lam):
    return [{"params": list(model.parameters()), "weight_decay": lam}]
