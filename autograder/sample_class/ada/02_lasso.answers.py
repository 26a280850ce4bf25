# Ada solves every exercise of lesson 02 (the reference answers from the authored source).
# based-on: solved
