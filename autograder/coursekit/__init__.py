"""Course helpers and tooling for the L1/L2 regularization course.

Students import :mod:`coursekit.data` (data sets) and :mod:`coursekit.plots` (figures).
Instructors and the build use :mod:`coursekit.build`, :mod:`coursekit.submissions` and
:mod:`coursekit.grading` (through ``python -m coursekit``). Nothing here imports the
reference solutions.
"""
