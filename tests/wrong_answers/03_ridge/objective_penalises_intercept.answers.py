# Puts the intercept into the penalty.
# based-on: solved
# expect-lost: ridge_objective_matches_definition
# expect-message: ridge_objective_matches_definition: you penalised the intercept
# expect-mistake: ridge_objective_matches_definition: ridge.ridge_objective.penalises_intercept

# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = y - b - X @ w
    return float(r @ r + alpha * (w @ w + b ** 2))
