"""Student helpers of the L1/L2 regularization course: what the lessons import.

:mod:`lessonkit.data` loads the data sets that ship in ``data/``; :mod:`lessonkit.plots`,
:mod:`lessonkit.penalty_plots`, :mod:`lessonkit.weight_decay_plots` and
:mod:`lessonkit.keras_lesson` draw the lessons' figures; :mod:`lessonkit.quiet_tensorflow`
imports TensorFlow without its start-up noise. This package holds no grading tooling and no
reference answers, so a class release can ship it alone; the grading sandbox mounts it
read-only next to the data.
"""
