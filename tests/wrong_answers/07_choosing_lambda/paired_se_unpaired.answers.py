# Computes the standard error from the two score lists separately, sqrt(s_a²/K + s_b²/K), as if
# they were independent samples: the unpaired SE ignores that both settings used the same folds.
# based-on: solved
# expect-lost: paired_difference_matches_reference
# expect-message: paired_difference_matches_reference: UNPAIRED standard error
# expect-mistake: paired_difference_matches_reference: choosing_lambda.paired_difference_se.unpaired

# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    a = np.asarray(scores_a, dtype=float)
    b = np.asarray(scores_b, dtype=float)
    k = len(a)
    return float(a.mean() - b.mean()), float(np.sqrt(a.var(ddof=1) / k + b.var(ddof=1) / k))
