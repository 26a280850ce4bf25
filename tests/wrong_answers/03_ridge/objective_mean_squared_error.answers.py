# Uses the mean squared error (1/n) as the data term, as in lesson 01; Ridge uses the sum.
# based-on: solved
# expect-lost: ridge_objective_matches_definition
# expect-message: ridge_objective_matches_definition: divided the squared error by n
# expect-mistake: ridge_objective_matches_definition: ridge.ridge_objective.divided_by_n

# %% answer: answer_ridge_objective
def ridge_objective(X, y, b, w, alpha):
    r = y - b - X @ w
    return float(np.mean(r ** 2) + alpha * np.sum(w ** 2))
