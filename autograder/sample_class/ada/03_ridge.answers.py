# Ada solves every exercise of lesson 03.
# based-on: solved
