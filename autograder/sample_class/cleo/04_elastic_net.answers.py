# Cleo converts Ridge's alpha in the wrong direction (alpha·n instead of alpha/n); the rest is right.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-mistake: ridge_enet_alpha_conversion: elastic_net.ridge_alpha_to_enet_alpha.alpha_times_n

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return ridge_alpha * n
