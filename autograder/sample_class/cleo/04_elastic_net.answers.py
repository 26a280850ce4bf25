# Cleo converts Ridge's alpha in the wrong direction (alpha·n instead of alpha/n); the rest is right.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return ridge_alpha * n
