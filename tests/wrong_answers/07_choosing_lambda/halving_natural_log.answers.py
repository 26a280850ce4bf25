# Counts the rounds with math.log(x) and no base: the natural logarithm, not log base `factor`.
# based-on: solved
# expect-lost: halving_budget_matches_sklearn
# expect-message: halving_budget_matches_sklearn: natural logarithm
# expect-mistake: halving_budget_matches_sklearn: choosing_lambda.halving_budget.log_base

# %% answer: answer_halving_budget
def halving_budget(n_candidates, factor, min_resources, max_resources):
    import math

    n_required = 1 + math.floor(math.log(n_candidates))
    n_possible = 1 + math.floor(math.log(max_resources // min_resources))
    candidates, resources = [], []
    c = n_candidates
    for i in range(min(n_required, n_possible)):
        candidates.append(int(c))
        resources.append(int(min(min_resources * factor ** i, max_resources)))
        c = math.ceil(c / factor)
    return candidates, resources
