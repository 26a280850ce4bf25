# Uses the norm of w in the penalty, alpha * ||w||, instead of its square alpha * ||w||².
# based-on: solved
# expect-lost: ridge_objective_matches_definition
# expect-message: ridge_objective_matches_definition: you used the norm ||w||, not its square
# expect-mistake: ridge_objective_matches_definition: ridge.ridge_objective.norm_not_squared

# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = np.asarray(y, dtype=float) - b - np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)
    return float(np.linalg.norm(r) ** 2 + alpha * np.linalg.norm(w))
