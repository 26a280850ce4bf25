# Attack: an IPython input transformer that empties every later cell (test cells included).
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
get_ipython().input_transformers_cleanup.append(lambda lines: [])
