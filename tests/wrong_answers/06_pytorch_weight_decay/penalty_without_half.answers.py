# Drops the 1/2: λΣ||W||², so the loop decays twice as hard as weight_decay=λ.
# based-on: solved
# expect-lost: penalty_matches_reference, manual_l2_loop_matches_reference
# expect-message: penalty_matches_reference: the 1/2 is missing
# expect-message: manual_l2_loop_matches_reference: the 1/2 is missing
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.without_half
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.without_half

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
            total = total + lam_l * torch.sum(param ** 2)
    return total
