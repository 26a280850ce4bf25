# Ada solves every exercise of lesson 07 (the reference answers from the authored source).
# based-on: solved
