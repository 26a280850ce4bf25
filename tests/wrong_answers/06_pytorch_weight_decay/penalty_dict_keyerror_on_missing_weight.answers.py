# Looks each weight up with lam[name]: a weight missing from the dict raises KeyError instead of
# being left unpenalised.
# based-on: solved
# expect-lost: penalty_matches_reference
# expect-message: penalty_matches_reference: raised KeyError
# expect-message: penalty_matches_reference: has no entry in the dict is not penalised
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.missing_weight_keyerror

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if not name.endswith("weight"):
            continue
        lam_l = lam[name] if isinstance(lam, dict) else lam
        total = total + 0.5 * lam_l * torch.sum(param ** 2)
    return total
