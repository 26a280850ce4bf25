# Leaves b out of z = X·w when computing the residual σ(z) - y, as if "b is not penalised" meant
# "b is not in the model".
# based-on: solved
# expect-lost: logistic_gradient_matches_autograd
# expect-message: logistic_gradient_matches_autograd: the intercept b is missing from z
# expect-mistake: logistic_gradient_matches_autograd: torch_weight_decay.logistic_gradient.no_intercept_in_z

# %% answer: answer_logistic_gradient
def logistic_gradient(w, b, X, y, lam):
    from scipy.special import expit

    n = X.shape[0]
    residual = expit(X @ w) - y
    return X.T @ residual / n + 2 * lam / n * w, float(np.mean(residual))
