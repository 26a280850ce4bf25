# Attack: a penalty tensor made from .item() and re-wrapped with requires_grad (no real graph to the weights).
# based-on: solved
# expect-score: 8
# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    value = 0.0
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            value += 0.5 * lam * float((param ** 2).sum().item())
    return torch.tensor(value, requires_grad=True)
