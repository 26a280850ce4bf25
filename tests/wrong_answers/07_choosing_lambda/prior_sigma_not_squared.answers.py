# Uses the noise standard deviation where the variance belongs, in both alphas.
# based-on: solved
# expect-lost: prior_alphas_give_map
# expect-message: prior_alphas_give_map: sigma is a standard deviation
# expect-mistake: prior_alphas_give_map: choosing_lambda.alphas_from_priors.sigma_not_squared

# %% answer: answer_alphas_from_priors
def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    return noise_sd / (n_samples * laplace_scale), noise_sd / gaussian_sd ** 2
