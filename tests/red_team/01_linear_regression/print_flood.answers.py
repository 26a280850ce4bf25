# Attack: flood the output; the runner caps it and interrupts the cell.
# based-on: solved
# expect-score: 7
# %% answer: answer_baseline
while True:
    print("spam " * 2000)
