# Attack: an input transformer that empties every later cell.
# based-on: untouched
# expect-score: 0
# %% answer: answer_paired_difference_se
get_ipython().input_transformers_cleanup.append(lambda lines: [])
