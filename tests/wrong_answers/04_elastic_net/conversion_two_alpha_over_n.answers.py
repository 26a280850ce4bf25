# Cancels the 1/2 of the data term but not the one of ElasticNet's L2 penalty: returns 2·alpha/n.
# based-on: solved
# expect-lost: ridge_enet_alpha_conversion
# expect-message: ridge_enet_alpha_conversion: you returned 2·alpha/n
# expect-mistake: ridge_enet_alpha_conversion: elastic_net.ridge_alpha_to_enet_alpha.two_alpha_over_n

# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return 2 * ridge_alpha / n
