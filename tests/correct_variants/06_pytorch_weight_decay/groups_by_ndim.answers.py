# Correct variant: parameter groups split by name with a dict (extra "label" keys, the bias group on
# SGD's default weight_decay), conversions as one-liners.
# based-on: solved
# %% answer: answer_sgd_param_groups
def sgd_param_groups(model, lam):
    params = dict(model.named_parameters())
    decay = [p for n, p in params.items() if n.endswith(".weight") or n == "weight"]
    no_decay = [p for n, p in params.items() if not (n.endswith(".weight") or n == "weight")]
    # extra keys are kept by torch.optim; the second group relies on SGD's default weight_decay=0
    return [dict(params=decay, weight_decay=lam, label="decay"), dict(params=no_decay, label="no decay")]
# %% answer: answer_weight_decay_conversion
def lecture_lambda_to_weight_decay(lam, n):
    return lam * 2 / n
def weight_decay_to_lecture_lambda(weight_decay, n):
    return weight_decay * n * 0.5
