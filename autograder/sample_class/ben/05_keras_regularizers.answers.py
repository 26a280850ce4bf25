# Ben opens the notebook and submits it without answering anything.
# based-on: untouched
