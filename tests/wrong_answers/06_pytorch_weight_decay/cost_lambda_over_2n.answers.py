# Uses the λ/(2n) convention for the penalty instead of the lecture's λ/n.
# based-on: solved
# expect-lost: logistic_cost_matches_reference
# expect-message: logistic_cost_matches_reference: the penalty is λ/(2n)
# expect-mistake: logistic_cost_matches_reference: torch_weight_decay.logistic_cost.lambda_over_2n

# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    n = X.shape[0]
    z = b + X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + lam / (2 * n) * np.sum(w ** 2))
