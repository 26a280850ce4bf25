# With a dict of per-layer λs, uses the first λ for every layer.
# based-on: solved
# expect-lost: penalty_matches_reference
# expect-message: penalty_matches_reference: one λ is used for every layer
# expect-mistake: penalty_matches_reference: torch_weight_decay.penalty_matches_reference.one_lambda_for_all_layers

# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    lam_all = next(iter(lam.values())) if isinstance(lam, dict) else lam
    total = torch.zeros(())
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            total = total + 0.5 * lam_all * torch.sum(param ** 2)
    return total
