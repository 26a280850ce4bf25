# Forgets the 1/n in front of the penalty: mean BCE + λΣw².
# based-on: solved
# expect-lost: logistic_cost_matches_reference
# expect-message: logistic_cost_matches_reference: divide it by n
# expect-mistake: logistic_cost_matches_reference: torch_weight_decay.logistic_cost.lambda_without_n

# %% answer: answer_logistic_cost
def logistic_cost(w, b, X, y, lam):
    z = b + X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + lam * np.sum(w ** 2))
