# Takes n from the wrong axis (X.shape[1], the number of features), so the penalty is (λ/p)·Σw².
# based-on: solved
# expect-lost: logistic_cost_matches_reference
# expect-message: logistic_cost_matches_reference: the number of weights
# expect-mistake: logistic_cost_matches_reference: torch_weight_decay.logistic_cost.lambda_over_p

# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    n = X.shape[1]
    z = b + X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + lam / n * np.sum(w ** 2))
