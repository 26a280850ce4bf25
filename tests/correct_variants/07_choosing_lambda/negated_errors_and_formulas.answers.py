# Correct variant: the one-SE rule applied to errors (-scores) as in lesson 02, with a print; priors
# written as precision ratios.
# based-on: solved
# %% answer: answer_one_se_choice
def one_se_choice(alphas, scores):
    errors = -np.asarray(scores, dtype=float)
    mean = errors.mean(axis=1)
    se = errors.std(axis=1, ddof=1) / np.sqrt(errors.shape[1])
    best = int(np.argmin(mean))
    ok = mean <= mean[best] + se[best]
    print(f"lowest mean error {mean[best]:.3f} at alpha {alphas[best]}; {int(ok.sum())} alphas within one SE")
    return max(a for a, keep in zip(alphas, ok) if keep)
# %% answer: answer_alphas_from_priors
def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    lasso_alpha = (noise_sd * noise_sd) / laplace_scale / n_samples
    ridge_alpha = (noise_sd / gaussian_sd) ** 2
    return lasso_alpha, ridge_alpha
