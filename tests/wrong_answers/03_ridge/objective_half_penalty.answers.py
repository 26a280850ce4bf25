# Puts ElasticNet's 1/2 in front of the L2 penalty.
# based-on: solved
# expect-lost: ridge_objective_matches_definition
# expect-message: ridge_objective_matches_definition: 1/2 in front of the penalty
# expect-mistake: ridge_objective_matches_definition: ridge.ridge_objective.half_penalty

# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = y - b - X @ w
    return float(r @ r + 0.5 * alpha * (w @ w))
