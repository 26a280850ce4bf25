# Multiplies by n where it should divide (weight_decay = 2λn), and inverts that consistently, so
# the two functions undo each other.
# based-on: solved
# expect-lost: weight_decay_conversion_matches_reference
# expect-message: weight_decay_conversion_matches_reference: n in the numerator
# expect-mistake: weight_decay_conversion_matches_reference: torch_weight_decay.weight_decay_conversion.wrong_factors

# %% answer: answer_weight_decay_conversion
def lecture_lambda_to_weight_decay(lam, n):
    return 2.0 * lam * n


def weight_decay_to_lecture_lambda(weight_decay, n):
    return weight_decay / (2.0 * n)
