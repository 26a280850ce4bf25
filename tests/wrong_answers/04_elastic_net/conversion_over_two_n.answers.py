# Divides by 2n, forgetting that ElasticNet's L2 penalty already carries the 1/2.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-message: ridge_enet_alpha_conversion: you returned alpha/(2n)
# expect-mistake: ridge_enet_alpha_conversion: elastic_net.ridge_alpha_to_enet_alpha.over_2n

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return ridge_alpha / (2 * n)
