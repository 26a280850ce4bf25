"""Course helpers and tooling for the L1/L2 regularization course.

Students import :mod:`lessonkit.data` (data sets) and :mod:`lessonkit.plots` (figures).
Instructors and the build use :mod:`coursekit.build`, :mod:`coursekit.submissions` and
:mod:`coursekit.grading` (through ``python -m coursekit``). Nothing here imports the
reference solutions.
"""
