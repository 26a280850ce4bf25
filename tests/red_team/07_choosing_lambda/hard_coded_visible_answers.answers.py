# Attack: paired_difference_se is right only on the visible assert's input (hard-coded), wrong
# everywhere else; the other exercises are solved honestly. Honest score: 11 - 2.
# based-on: solved
# expect-score: 9
# %% answer: answer_paired_difference_se
def paired_difference_se(scores_a, scores_b):
    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)
    if d.shape == (4,) and np.allclose(d, [1.0, 0.5, 1.0, 0.5]):
        return 0.75, float(np.sqrt(0.25 / 3) / 2)
    return float(d.mean()), 0.0
