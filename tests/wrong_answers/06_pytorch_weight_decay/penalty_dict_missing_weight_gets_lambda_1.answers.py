# With a dict, gives a weight that has no entry the default λ = 1 instead of leaving it
# unpenalised.
# based-on: solved
# expect-lost: penalty_matches_reference
# expect-message: penalty_matches_reference: is not in the dict, so it is not penalised
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.missing_weight_not_zero

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if not name.endswith("weight"):
            continue
        lam_l = lam.get(name, 1.0) if isinstance(lam, dict) else lam
        total = total + 0.5 * lam_l * torch.sum(param ** 2)
    return total
