# Attack: a transformer that replaces the hidden probe line by `pass` and keeps the rest.
# based-on: untouched
# expect-score: 0
# %% answer: answer_add_intercept_column
def _drop_probe(lines):
    return ["pass\n" if "probe(" in line else line for line in lines]
get_ipython().input_transformers_post.append(_drop_probe)
