# A typo leaves the answer cell unparsable (an unclosed bracket): the cell raises SyntaxError and
# alphas_from_priors is never defined. The test cell then names the exercise to fix first.
# based-on: solved
# expect-lost: prior_alphas_give_map
# expect-message: prior_alphas_give_map: Exercise 5
# expect-message: prior_alphas_give_map: raised an error or was not run
# expect-mistake: prior_alphas_give_map: choosing_lambda.alphas_from_priors.name_missing
# %% answer: answer_alphas_from_priors
def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    lasso_alpha = noise_sd ** 2 / (n_samples * laplace_scale
    ridge_alpha = noise_sd ** 2 / gaussian_sd ** 2
    return lasso_alpha, ridge_alpha
