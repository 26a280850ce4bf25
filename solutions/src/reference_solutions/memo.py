"""Memoised reference computations: the judge computes each expensive reference result once.

The judge runs a check twice per submission (once on the reference answers to plan the probe's
calls, once on the student's evidence), and a check often recomputes the same reference value
the reference answer itself produced (``want = ref.nested_cv_score(...)`` after calling the
reference as the student's stand-in). Lesson-wide values (``judge_context()``,
``reference_answers(ctx)``, a validation curve on the lesson's fixed split) are moreover the
same for every student. :func:`memoised` keeps such results:

- in this process, keyed by the content hash of the arguments (``joblib.hash``), so equal
  DataFrames or splitters built twice hit the same entry;
- on disk with ``joblib.Memory`` under ``$L1L2_JUDGE_CACHE/<source digest>`` when that variable
  names a directory, so the next submission's grading process (another worker, another run)
  finds them too. The digest covers the reference package, ``lessonkit`` and ``data/``: any
  change to them starts a fresh cache.

Only calls whose arguments are plain data are memoised (numbers, strings, NumPy arrays, pandas
objects, scikit-learn estimators and CV splitters, and containers of these); a call that gets a
function, a torch module or anything else runs every time. Results are deep-copied on the way
out, so a caller that mutates its result cannot alter the cache. The disk cache is read and
written only by the trusted grading process: the sandbox does not mount it, and with
``L1L2_UNSANDBOXED`` set (student code runs unconfined) it is not used at all.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import numbers
import os
import sys
import warnings
from pathlib import Path

import numpy as np

CACHE_ENV = "L1L2_JUDGE_CACHE"
_memory: dict[str, object] = {}


def _is_plain(value, depth: int = 0) -> bool:
    # pandas and scikit-learn objects can exist only once their modules are imported: a process
    # that has not imported them (a self-check planning a NumPy-only lesson) need not (about 2 s)
    pd, base, model_selection = (sys.modules.get(name) for name in
                                 ("pandas", "sklearn.base", "sklearn.model_selection"))
    if depth > 4:
        return False
    if value is None or isinstance(value, (bool, numbers.Number, str, bytes, np.ndarray, np.generic)):
        return True
    if pd is not None and isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        return True
    if ((base is not None and isinstance(value, base.BaseEstimator))
            or (model_selection is not None and isinstance(value, model_selection.BaseCrossValidator))
            or type(value).__module__.startswith("sklearn.model_selection")):
        return all(_is_plain(v, depth + 1) for v in vars(value).values())
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v, depth + 1) for k, v in value.items())
    return False


@functools.lru_cache(maxsize=1)
def source_digest() -> str:
    """sha256 over the reference package, lessonkit and the data files (names and bytes)."""
    import lessonkit
    from lessonkit._paths import DATA_DIR

    roots = [Path(__file__).parent, Path(lessonkit.__file__).parent, Path(DATA_DIR)]
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _disk_location() -> Path | None:
    location = os.environ.get(CACHE_ENV, "")
    if not location or os.environ.get("L1L2_UNSANDBOXED"):
        return None
    return Path(location) / source_digest()


@functools.lru_cache(maxsize=None)
def _disk_function(fn, location: str):
    from joblib import Memory

    return Memory(location, verbose=0).cache(fn)


def memoised(fn):
    """Decorator: ``fn(*args, **kwargs)`` computed once per distinct plain-data arguments."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not (_is_plain(args) and _is_plain(kwargs)):
            return fn(*args, **kwargs)
        import joblib

        key = joblib.hash((fn.__module__, fn.__qualname__, args, kwargs))
        if key not in _memory:
            location = _disk_location()
            result = None
            if location is not None:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        result = (_disk_function(fn, str(location))(*args, **kwargs),)
                except Exception:  # noqa: BLE001 - an unwritable or unreadable cache only costs time
                    result = None
            _memory[key] = result[0] if result is not None else fn(*args, **kwargs)
        return copy.deepcopy(_memory[key])

    wrapper.uncached = fn
    return wrapper


def clear() -> None:
    """Forget this process's memo (the disk cache is left alone)."""
    _memory.clear()
