# Two slips in the Lasso alpha at once: the noise SD where its square belongs, and no 1/n
# (sigma / s); the Ridge alpha is right.
# based-on: solved
# expect-lost: prior_alphas_give_map
# expect-message: prior_alphas_give_map: sigma not squared
# expect-message: prior_alphas_give_map: no 1/n
# expect-mistake: prior_alphas_give_map: choosing_lambda.alphas_from_priors.lasso_factors

# %% answer: answer_alphas_from_priors
def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    return noise_sd / laplace_scale, noise_sd ** 2 / gaussian_sd ** 2
