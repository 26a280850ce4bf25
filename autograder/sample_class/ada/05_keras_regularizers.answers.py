# Ada solves every exercise (the reference answers from the authored source).
# based-on: solved
