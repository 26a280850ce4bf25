# Cleo compares the two alphas without pairing (the SE of two independent means) and counts one
# round too many in successive halving. Her other answers are right.
# based-on: solved
# expect-lost: paired_difference_matches_reference, halving_budget_matches_sklearn
# expect-mistake: halving_budget_matches_sklearn: choosing_lambda.halving_budget.one_round_too_many
# expect-mistake: paired_difference_matches_reference: choosing_lambda.paired_difference_se.unpaired

# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    a = np.asarray(scores_a, dtype=float)
    b = np.asarray(scores_b, dtype=float)
    return float(np.mean(a - b)), float(np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b)))

# %% answer: answer_halving_budget
def halving_budget(n_candidates, factor, min_resources, max_resources):
    import math

    rounds = 1 + min(math.floor(math.log(n_candidates, factor)),
                     math.floor(math.log(max_resources // min_resources, factor)))
    candidates, resources = [], []
    c = n_candidates
    for i in range(rounds + 1):
        candidates.append(c)
        resources.append(min(min_resources * factor ** i, max_resources))
        c = math.ceil(c / factor)
    return candidates, resources
