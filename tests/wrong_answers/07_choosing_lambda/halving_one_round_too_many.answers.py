# Counts the rounds right but loops over range(rounds + 1): one round more than scikit-learn runs
# (the extra round's rows capped at max_resources).
# based-on: solved
# expect-lost: halving_budget_matches_sklearn
# expect-message: halving_budget_matches_sklearn: one round too many
# expect-mistake: halving_budget_matches_sklearn: choosing_lambda.halving_budget.one_round_too_many

# %% answer: answer_halving_budget
def halving_budget(n_candidates, factor, min_resources, max_resources):
    import math

    n_required = 1 + math.floor(math.log(n_candidates, factor))
    n_possible = 1 + math.floor(math.log(max_resources // min_resources, factor))
    candidates, resources = [], []
    c = n_candidates
    for i in range(min(n_required, n_possible) + 1):
        candidates.append(int(c))
        resources.append(int(min(min_resources * factor ** i, max_resources)))
        c = math.ceil(c / factor)
    return candidates, resources
