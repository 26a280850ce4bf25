# Puts the intercept b into the penalty: (λ/n)(Σw² + b²).
# based-on: solved
# expect-lost: logistic_cost_matches_reference
# expect-message: logistic_cost_matches_reference: the intercept b is penalised
# expect-mistake: logistic_cost_matches_reference: torch_weight_decay.logistic_cost.penalises_intercept

# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    n = X.shape[0]
    z = b + X @ w
    p = 1 / (1 + np.exp(-z))
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(bce + lam / n * (np.sum(w ** 2) + b ** 2))
