# Ada solves every exercise of lesson 04.
# based-on: solved
