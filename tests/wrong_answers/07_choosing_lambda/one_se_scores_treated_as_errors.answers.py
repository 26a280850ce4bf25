# Copies lesson 02's rule for errors onto scikit-learn scores (higher is better): takes the
# argmin as the best alpha and keeps alphas whose mean is below min + SE.
# based-on: solved
# expect-lost: one_se_choice_uses_scores
# expect-message: one_se_choice_uses_scores: treated the scores as errors
# expect-mistake: one_se_choice_uses_scores: choosing_lambda.one_se_choice.errors

# %% answer: answer_one_se_choice
def one_se_choice(alphas, scores):
    alphas = np.asarray(alphas, dtype=float)
    scores = np.asarray(scores, dtype=float)
    mean = scores.mean(axis=1)
    se = scores.std(axis=1, ddof=1) / np.sqrt(scores.shape[1])
    best = np.argmin(mean)
    return float(np.max(alphas[mean <= mean[best] + se[best]]))
