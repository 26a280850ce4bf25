"""Reference solutions for the L1/L2 regularization course.

One module per lesson holds the reference implementation of that lesson's exercises
(``linear_regression`` for lesson 01, ``lasso``, ``ridge``, ``elastic_net``,
``keras_regularizers``, ``torch_weight_decay``, ``choosing_lambda``).
``reference_solutions.checks`` holds the checks that the hidden nbgrader tests call: they
compare a student's function with the reference on seeded random problems and raise
:class:`~reference_solutions.checks.CheckFailed` with a message that names the likely mistake.

Student-visible notebook cells never import this package; only hidden tests do.
"""

__all__ = [
    "linear_regression",
    "lasso",
    "ridge",
    "elastic_net",
    "keras_regularizers",
    "torch_weight_decay",
    "choosing_lambda",
]
