# Writes the training loop without optimizer.zero_grad(): every backward() adds to the gradients
# of all the steps before, so each step moves by their running sum.
# based-on: solved
# expect-lost: manual_l2_loop_matches_reference
# expect-message: manual_l2_loop_matches_reference: you never zero the gradients (optimizer.zero_grad())
# expect-mistake: manual_l2_loop_matches_reference: torch_weight_decay.train_manual_l2.no_zero_grad

# %% answer: answer_train_manual_l2
def train_manual_l2(model, X, y, lam, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y) + weight_penalty(model, lam)
        loss.backward()
        optimizer.step()
    return model
