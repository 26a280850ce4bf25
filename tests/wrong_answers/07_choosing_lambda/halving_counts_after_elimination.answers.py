# Divides the candidates before recording them, so each round lists the candidates left after its
# elimination (round 0 shows ceil(n_candidates / factor), not n_candidates).
# based-on: solved
# expect-lost: halving_budget_matches_sklearn
# expect-message: halving_budget_matches_sklearn: AFTER its elimination
# expect-mistake: halving_budget_matches_sklearn: choosing_lambda.halving_budget.recorded_after_elimination

# %% answer: answer_halving_budget
def halving_budget(n_candidates, factor, min_resources, max_resources):
    import math

    rounds = min(1 + math.floor(math.log(n_candidates, factor)),
                 1 + math.floor(math.log(max_resources // min_resources, factor)))
    candidates, resources = [], []
    c = n_candidates
    for i in range(rounds):
        c = math.ceil(c / factor)
        candidates.append(c)
        resources.append(min(min_resources * factor ** i, max_resources))
    return candidates, resources
