# Accumulates the penalty with .item(), cutting it off from autograd: the loop then trains
# without any penalty.
# based-on: solved
# expect-lost: penalty_matches_reference, manual_l2_loop_matches_reference
# expect-message: penalty_matches_reference: not part of the autograd graph
# expect-message: manual_l2_loop_matches_reference: your weight_penalty (Exercise 3) is the cause
# expect-message: manual_l2_loop_matches_reference: cut off from autograd
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.no_penalty
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.detached

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = 0.0
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
            total += 0.5 * lam_l * torch.sum(param ** 2).item()
    return torch.tensor(total)
