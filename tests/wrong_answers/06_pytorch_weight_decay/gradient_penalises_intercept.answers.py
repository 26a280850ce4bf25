# Adds the penalty's gradient to the intercept as well.
# based-on: solved
# expect-lost: logistic_gradient_matches_autograd
# expect-message: logistic_gradient_matches_autograd: grad_b includes a penalty term
# expect-mistake: logistic_gradient_matches_autograd: torch_weight_decay.logistic_gradient.grad_b_penalised

# %% answer: answer_logistic_gradient
def logistic_gradient(w, b, X, y, lam):
    n = X.shape[0]
    r = 1 / (1 + np.exp(-(b + X @ w))) - y
    return X.T @ r / n + 2 * lam / n * w, float(np.mean(r) + 2 * lam / n * b)
