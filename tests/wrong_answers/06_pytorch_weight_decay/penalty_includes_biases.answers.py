# Penalises every parameter, biases included (and so does the training loop that uses it).
# based-on: solved
# expect-lost: penalty_excludes_biases, penalty_matches_reference, manual_l2_loop_matches_reference
# expect-message: penalty_excludes_biases: the biases are penalised too
# expect-message: penalty_matches_reference: the biases are penalised too
# expect-message: manual_l2_loop_matches_reference: the biases were penalised
# expect-message: manual_l2_loop_matches_reference: your weight_penalty (Exercise 3) is the cause
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.penalises_biases
# expect-mistake: penalty_excludes_biases: torch_weight_decay.penalty_excludes_biases.includes_biases
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.includes_biases

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = 0.0
    for name, param in model.named_parameters():
        lam_l = lam.get(name.replace("bias", "weight"), 0.0) if isinstance(lam, dict) else lam
        total = total + 0.5 * lam_l * torch.sum(param ** 2)
    return total
