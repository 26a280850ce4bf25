# Attack: raise SystemExit / KeyboardInterrupt in an answer cell (the kernel survives; rmse is never defined).
# based-on: solved
# expect-score: 7
# %% answer: answer_rmse
raise SystemExit("bye")
