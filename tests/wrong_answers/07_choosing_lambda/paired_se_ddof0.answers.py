# Uses NumPy's default np.std (ddof=0) for the standard deviation of the paired differences.
# based-on: solved
# expect-lost: paired_difference_matches_reference
# expect-message: paired_difference_matches_reference: ddof=0
# expect-mistake: paired_difference_matches_reference: choosing_lambda.paired_difference_se.ddof0

# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)
    return float(np.mean(d)), float(np.std(d) / np.sqrt(len(d)))
