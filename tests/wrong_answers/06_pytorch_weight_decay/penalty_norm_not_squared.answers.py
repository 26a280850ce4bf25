# Uses the Frobenius norm itself, not its square.
# based-on: solved
# expect-lost: penalty_matches_reference, manual_l2_loop_matches_reference
# expect-message: penalty_matches_reference: not squared
# expect-message: manual_l2_loop_matches_reference: not squared
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.norm_not_squared
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.norm_not_squared

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
            total = total + 0.5 * lam_l * torch.linalg.norm(param)
    return total
