# Computes both numbers right but returns them as (se, mean_diff), the SE first.
# based-on: solved
# expect-lost: paired_difference_matches_reference
# expect-message: paired_difference_matches_reference: you returned (se, mean_diff)
# expect-mistake: paired_difference_matches_reference: choosing_lambda.paired_difference_se.tuple_swapped

# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)
    se = d.std(ddof=1) / np.sqrt(len(d))
    return float(se), float(d.mean())
