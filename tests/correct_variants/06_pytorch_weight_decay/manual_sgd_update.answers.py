# Correct variant: the penalty from a list of terms, training with a hand-written SGD step.
# based-on: solved
# %% answer: answer_weight_penalty
def weight_penalty(model, lam):
    terms = []
    for name, p in model.named_parameters():
        if "bias" in name:
            continue
        strength = lam.get(name, 0.0) if isinstance(lam, dict) else lam
        terms.append(strength / 2 * (p * p).sum())
    return torch.stack(terms).sum() if terms else torch.zeros(())
# %% answer: answer_train_manual_l2
def train_manual_l2(model, X, y, lam, lr, steps):
    for step in range(steps):
        model.zero_grad()
        loss = nn.BCEWithLogitsLoss()(model(X), y) + weight_penalty(model, lam)
        if step % 5 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    return model
