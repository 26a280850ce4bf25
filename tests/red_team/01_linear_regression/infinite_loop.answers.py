# Attack: an infinite loop in the last exercise (the grader's cell time limit stops it).
# based-on: solved
# expect-score: 7
# %% answer: answer_baseline
while True:
    pass
