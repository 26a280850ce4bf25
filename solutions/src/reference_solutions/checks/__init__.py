"""Checks that the hidden nbgrader tests call.

Each ``check_*`` function takes the student's answer (a function, a fitted model or a
number), compares it with the reference implementation on several seeded random problems
and properties, and raises :class:`CheckFailed` (an ``AssertionError``) whose message names
the likely mistake. A check returns ``None`` when the answer is right, so a test cell that
ends with a call to it prints nothing and gets full marks.
"""

from ._core import CheckFailed, random_regression_problem

__all__ = ["CheckFailed", "random_regression_problem"]
