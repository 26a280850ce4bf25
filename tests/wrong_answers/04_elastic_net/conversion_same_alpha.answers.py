# Assumes the two libraries mean the same thing by alpha.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-message: ridge_enet_alpha_conversion: the alphas are not the same
# expect-mistake: ridge_enet_alpha_conversion: elastic_net.ridge_alpha_to_enet_alpha.same_alpha

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return ridge_alpha
