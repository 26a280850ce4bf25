# Replaces the manual penalty with SGD(weight_decay=lam) on every parameter: biases decay too.
# based-on: solved
# expect-lost: manual_l2_loop_matches_reference
# expect-message: manual_l2_loop_matches_reference: the biases were penalised
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.penalises_biases

# %% answer: answer_train_manual_l2
def train_manual_l2(model, X, y, lam, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
        loss.backward()
        optimizer.step()
    return model
