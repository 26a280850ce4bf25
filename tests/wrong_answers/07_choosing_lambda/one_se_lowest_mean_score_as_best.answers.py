# Takes the alpha with the LOWEST mean score as the best (np.argmin, as for errors) but keeps the
# rest of the rule for scores: every alpha is then "within one SE", and the largest alpha of the
# grid comes back.
# based-on: solved
# expect-lost: one_se_choice_uses_scores
# expect-message: one_se_choice_uses_scores: LOWEST mean score as the best
# expect-mistake: one_se_choice_uses_scores: choosing_lambda.one_se_choice.lowest_as_best

# %% answer: answer_one_se_choice
def one_se_choice(alphas, scores):
    alphas = np.asarray(alphas, dtype=float)
    scores = np.asarray(scores, dtype=float)
    mean = scores.mean(axis=1)
    se = scores.std(axis=1, ddof=1) / np.sqrt(scores.shape[1])
    best = np.argmin(mean)
    return float(np.max(alphas[mean >= mean[best] - se[best]]))
