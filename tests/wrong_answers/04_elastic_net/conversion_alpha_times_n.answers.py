# Converts in the wrong direction: multiplies Ridge's alpha by n.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-message: ridge_enet_alpha_conversion: you returned alpha·n

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return ridge_alpha * n
