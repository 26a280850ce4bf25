# soft_threshold with Python if/else: right on single numbers, but fails on arrays.
# The coordinate update only passes single numbers, so everything after it still works.
# based-on: solved
# expect-lost: soft_threshold_matches_reference, soft_threshold_gives_exact_zeros
# expect-message: soft_threshold_matches_reference: elementwise on NumPy arrays
# expect-message: soft_threshold_gives_exact_zeros: elementwise on NumPy arrays
# expect-mistake: soft_threshold_gives_exact_zeros: lasso.soft_threshold_exact_zeros.raised
# expect-mistake: soft_threshold_matches_reference: lasso.soft_threshold.raised

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    if z > t:
        return z - t
    if z < -t:
        return z + t
    return 0.0
