# Writes the ratio upside down: n / alpha.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-message: ridge_enet_alpha_conversion: upside down
# expect-mistake: ridge_enet_alpha_conversion: elastic_net.ridge_alpha_to_enet_alpha.inverted

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return n / ridge_alpha
