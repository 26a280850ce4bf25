# Attack: patch torch.optim.SGD.step in the kernel to do nothing, with groups that decay the biases.
# based-on: solved
# expect-score: 10
# %% answer: answer_sgd_param_groups
torch.optim.SGD.step = lambda self, closure=None: None
def sgd_param_groups(model, lam):
    return [{"params": list(model.parameters()), "weight_decay": lam}]
