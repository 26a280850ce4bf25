# Differentiates (λ/n)Σw² as (λ/n)w: the 2 from d/dw w² is missing.
# based-on: solved
# expect-lost: logistic_gradient_matches_autograd
# expect-message: logistic_gradient_matches_autograd: (2λ/n)·w
# expect-mistake: logistic_gradient_matches_autograd: torch_weight_decay.logistic_gradient.drops_factor_2

# %% answer: answer_logistic_gradient
def logistic_gradient(w, b, X, y, lam):
    n = X.shape[0]
    r = 1 / (1 + np.exp(-(b + X @ w))) - y
    return X.T @ r / n + lam / n * w, float(np.mean(r))
