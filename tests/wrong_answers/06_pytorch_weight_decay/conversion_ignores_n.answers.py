# Treats the lecture λ and PyTorch's weight_decay as the same number.
# based-on: solved
# expect-lost: weight_decay_conversion_matches_reference
# expect-message: weight_decay_conversion_matches_reference: is not PyTorch's weight_decay
# expect-mistake: weight_decay_conversion_matches_reference: torch_weight_decay.weight_decay_conversion.same_lambda

# %% answer: answer_weight_decay_conversion
def lecture_lambda_to_weight_decay(lam, n):
    return lam


def weight_decay_to_lecture_lambda(weight_decay, n):
    return weight_decay
