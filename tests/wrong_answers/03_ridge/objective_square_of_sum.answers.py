# Writes the penalty as alpha * sum(w)**2: the square of the summed weights, not the sum of their squares.
# based-on: solved
# expect-lost: ridge_objective_matches_definition
# expect-message: ridge_objective_matches_definition: you squared the SUM of the weights
# expect-mistake: ridge_objective_matches_definition: ridge.ridge_objective.square_of_sum

# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = np.asarray(y, dtype=float) - b - np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)
    return float(np.sum(r ** 2) + alpha * np.sum(w) ** 2)
