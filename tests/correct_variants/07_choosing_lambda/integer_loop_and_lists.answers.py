# Correct variant: successive halving counted with an integer loop; paired SE with lists.
# based-on: solved
# %% answer: answer_halving_budget
def halving_budget(n_candidates, factor, min_resources, max_resources):
    rounds_needed, c = 1, n_candidates
    while c >= factor:
        c //= factor
        rounds_needed += 1
    rounds_possible, r = 1, max_resources // min_resources
    while r >= factor:
        r //= factor
        rounds_possible += 1
    candidates, resources, c = [], [], n_candidates
    for i in range(min(rounds_needed, rounds_possible)):
        candidates.append(c)
        resources.append(min(min_resources * factor ** i, max_resources))
        c = -(-c // factor)
    return candidates, resources
# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    d = [a - b for a, b in zip(list(scores_a), list(scores_b))]
    k = len(d)
    mean = sum(d) / k
    var = sum((x - mean) ** 2 for x in d) / (k - 1)
    return mean, (var / k) ** 0.5
