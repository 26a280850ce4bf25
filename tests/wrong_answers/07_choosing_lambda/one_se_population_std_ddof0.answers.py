# Uses NumPy's default np.std (ddof=0, the population SD) in the one-SE rule, where the exercise
# says std(ddof=1) / sqrt(n_scores).
# based-on: solved
# expect-lost: one_se_choice_uses_scores
# expect-message: one_se_choice_uses_scores: ddof=0
# expect-mistake: one_se_choice_uses_scores: choosing_lambda.one_se_choice.ddof0

# %% answer: answer_one_se_choice
def one_se_choice(alphas, scores):
    alphas = np.asarray(alphas, dtype=float)
    scores = np.asarray(scores, dtype=float)
    mean = scores.mean(axis=1)
    se = np.std(scores, axis=1) / np.sqrt(scores.shape[1])
    best = np.argmax(mean)
    return float(np.max(alphas[mean >= mean[best] - se[best]]))
