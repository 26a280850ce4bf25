"""Import TensorFlow and Keras without TensorFlow's start-up lines on stderr (lessons 04, 05).

TensorFlow prints a few C++ start-up lines (oneDNN, CUDA) to stderr while it loads, before it
reads ``TF_CPP_MIN_LOG_LEVEL``; in a notebook they show up as red output. Importing this module
sets that variable (if not set), and points file descriptor 2 at /dev/null *only while
TensorFlow and Keras load*. Import errors still raise, and stderr is restored afterwards, so
every later warning is shown as usual. After this, ``import keras`` / ``import tensorflow`` are
instant and silent.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

sys.stderr.flush()
_saved = os.dup(2)
_devnull = os.open(os.devnull, os.O_WRONLY)
try:
    os.dup2(_devnull, 2)
    import tensorflow  # noqa: E402,F401
    import keras  # noqa: E402,F401
finally:
    sys.stderr.flush()
    os.dup2(_saved, 2)
    os.close(_saved)
    os.close(_devnull)
