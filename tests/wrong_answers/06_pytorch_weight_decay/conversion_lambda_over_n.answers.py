# Converts the lecture λ to weight_decay = λ/n (the 2 from the square is missing), and back.
# based-on: solved
# expect-lost: weight_decay_conversion_matches_reference
# expect-message: weight_decay_conversion_matches_reference: misses the 2
# expect-mistake: weight_decay_conversion_matches_reference: torch_weight_decay.weight_decay_conversion.lambda_over_n

# %% answer: answer_weight_decay_conversion
def lecture_lambda_to_weight_decay(lam, n):
    return lam / n


def weight_decay_to_lecture_lambda(weight_decay, n):
    return n * weight_decay
