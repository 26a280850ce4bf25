# Treats small weights (|coef| < 1e-3) as dropped instead of testing for exact zeros.
# based-on: solved
# expect-lost: selected_features_uses_exact_zeros
# expect-message: selected_features_uses_exact_zeros: test coef != 0
# expect-mistake: selected_features_uses_exact_zeros: lasso.selected_features.near_zero_threshold

# %% answer: answer_selected_features
def selected_features(coef, names):
    return [name for name, value in zip(names, coef) if abs(value) > 1e-3]
