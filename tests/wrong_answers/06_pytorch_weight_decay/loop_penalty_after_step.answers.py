# Adds the penalty to the loss only after optimizer.step(): it never reaches the gradients.
# based-on: solved
# expect-lost: manual_l2_loop_matches_reference
# expect-message: manual_l2_loop_matches_reference: before loss.backward()
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.no_penalty

# %% answer: answer_train_manual_l2
def train_manual_l2(model, X, y, lam, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y)
        loss.backward()
        optimizer.step()
        loss = loss + weight_penalty(model, lam)
    return model
