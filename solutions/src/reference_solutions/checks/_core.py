"""Shared pieces of the hidden-test checks: the failure type and seeded random problems."""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Sequence

import numpy as np

#: The seeds used when no grading run has set its own (the reference tests use these).
DEFAULT_SEEDS = (11, 23, 37, 41, 59)
_current_seeds: contextvars.ContextVar[tuple[int, ...]] = contextvars.ContextVar(
    "check_seeds", default=DEFAULT_SEEDS)


class _Seeds(Sequence):
    """The seeds of the random problems every check runs on.

    A sequence whose contents are set per grading run by :func:`use_seeds`: the judge derives
    them from the course secret, the lesson, the student and the test cell, so grading one
    submission twice gives the same problems, while a classmate's notebook (or feedback) shows
    other problems than the ones this student is graded on.
    """

    def __getitem__(self, index):
        return _current_seeds.get()[index]

    def __len__(self):
        return len(_current_seeds.get())

    def __repr__(self):
        return f"SEEDS{_current_seeds.get()!r}"


SEEDS = _Seeds()


@contextlib.contextmanager
def use_seeds(seeds):
    """Run checks with ``seeds`` (a tuple of 5 ints) instead of :data:`DEFAULT_SEEDS`."""
    token = _current_seeds.set(tuple(int(s) for s in seeds))
    try:
        yield
    finally:
        _current_seeds.reset(token)


class CheckFailed(AssertionError):
    """A student answer disagrees with the reference; the message says how and why, and
    ``mistake`` names the mistake with a stable id (``lasso.soft_threshold.no_clip``)."""

    def __init__(self, message: str = "", mistake: str = ""):
        super().__init__(message)
        self.mistake = mistake or ""


#: The last part of the id of a failure whose call site names no mistake.
OTHER = "other"


def check_namespace(depth: int = 2) -> str:
    """``<module>.<check>`` of the nearest check function (``check_*`` in a module of this package)
    on the call stack, e.g. ``lasso.soft_threshold``; ``checks.unknown`` when there is none."""
    frame = sys._getframe(depth)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        name = frame.f_code.co_name
        if module.startswith(f"{__package__}.") and name.startswith("check_"):
            return f"{module.rsplit('.', 1)[1]}.{name.removeprefix('check_')}"
        frame = frame.f_back
    return "checks.unknown"


def mistake_id(mistake: str | None = None, depth: int = 3) -> str:
    """The full mistake id: ``mistake`` when it is one (it has a dot), else
    ``<module>.<check>.<mistake or 'other'>`` of the calling check."""
    if mistake and "." in mistake:
        return mistake
    return f"{check_namespace(depth)}.{mistake or OTHER}"


def named(why: str | None, table: dict[str, str]) -> str | None:
    """The mistake id (last part) of a diagnosis message ``why``: the first key of ``table`` whose
    phrase occurs in it (case-insensitive), else None (the check's ``.other``). For checks that pick
    their message from a list of usual wrong answers."""
    text = (why or "").lower()
    for mistake, phrase in table.items():
        if phrase.lower() in text:
            return mistake
    return None


def fail(message: str, mistake: str | dict[str, str] | None = None):
    """Raise :class:`CheckFailed` with ``message`` (what the student reads) and a stable mistake id:
    ``mistake`` in full (``lasso.soft_threshold.no_clip``), or its last part (``no_clip``: the calling
    check's ``<module>.<check>`` goes first), or none: ``<module>.<check>.other``. A dict
    ``{last part: phrase}`` picks the id whose phrase the message contains (:func:`named`: for a
    message chosen from a list of usual wrong answers)."""
    if isinstance(mistake, dict):
        mistake = named(message, mistake)
    raise CheckFailed(message, mistake_id(mistake))


def random_regression_problem(seed, n=None, p=None, *, correlated=False, noise=0.5):
    """A seeded random regression problem ``(X, y, intercept, coef)``.

    y = intercept + X @ coef + noise * N(0, 1), with a nonzero intercept (|b| in [2, 6])
    and columns on different scales (so a method that ignores the intercept or the
    scaling gives a visibly different answer). With ``correlated=True`` the last column
    is close to a combination of the first two.
    """
    rng = np.random.default_rng(seed)
    n = int(rng.integers(30, 90)) if n is None else n
    p = int(rng.integers(2, 7)) if p is None else p
    scales = rng.uniform(0.5, 5.0, size=p)
    X = rng.normal(size=(n, p)) * scales + rng.normal(size=p)
    if correlated and p >= 3:
        X[:, -1] = X[:, 0] - 0.5 * X[:, 1] + 0.05 * rng.normal(size=n)
    coef = rng.normal(size=p) * 2.0
    intercept = float(rng.choice([-1, 1]) * rng.uniform(2.0, 6.0))
    y = intercept + X @ coef + noise * rng.normal(size=n)
    return X, y, intercept, coef


def as_float(value, what):
    """``float(value)`` or a CheckFailed naming ``what`` when it is not a single number."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} should be a number, got {type(value).__name__}: {value!r}", mistake="not_a_number")
    if arr.size != 1:
        fail(f"{what} should be a single number, got an array of shape {arr.shape}", mistake="not_a_number")
    return float(arr.reshape(()))


def call(fn, *args, hint=""):
    """``fn(*args)``; an exception in the student's code becomes a CheckFailed that says so.

    ``hint`` is added to the message (e.g. what the shapes should be).
    """
    try:
        return fn(*args)
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
        name = getattr(fn, "__name__", "your function")
        fail(f"{name} raised {type(exc).__name__}: {exc}. {hint}".strip(), mistake="raised")


def ask(answer, op, *args):
    """What a student's *object* answer does under the probe operation ``op``
    (:mod:`coursekit_probe.ops`: ``describe``, ``predict``, ``refit_predict``) on ``args``.

    While grading, ``answer`` is the judge's stand-in: the operation is planned on the reference
    object and asked of the student's object inside the sandbox, and the judge gets plain
    evidence back (it never rebuilds or calls the student's object). Outside grading (the
    reference tests) the operation runs on ``answer`` directly.
    """
    hook = getattr(type(answer), "l1l2_ask", None)
    if hook is not None:
        return hook(answer, op, args)
    from coursekit_probe.ops import OPS

    return OPS[op](answer, *args)


def unpack_intercept_coef(result, p, what="fit_least_squares(X, y)"):
    """Split a student's ``(intercept, coef)`` return value; name the usual shape mistakes."""
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"{what} should return a tuple (intercept, coef); got {type(result).__name__}.", mistake="not_a_tuple")
    intercept, coef = result
    coef_arr = np.asarray(coef, dtype=float)
    if coef_arr.ndim == 0 and np.asarray(intercept).size == p:
        fail("the return order looks swapped: return (intercept, coef), intercept first.",
             mistake="return_order_swapped")
    if coef_arr.shape == (p + 1,):
        fail(f"coef has {p + 1} entries for {p} features: it looks like the intercept was left "
             "inside the weight vector. Return the intercept on its own (theta[0] when the column of "
             "ones comes first) and only the p feature weights as coef.", mistake="intercept_in_coef")
    if coef_arr.shape != (p,):
        fail(f"coef should have shape ({p},) for X with {p} columns; got shape {coef_arr.shape}.",
             mistake="wrong_shape")
    intercept = as_float(intercept, "the intercept")
    if not (np.isfinite(intercept) and np.all(np.isfinite(coef_arr))):
        fail(f"{what} returned NaN or infinite values (intercept {intercept}, coef "
             f"{np.round(coef_arr, 4).tolist()}): a solver that diverges or divides by zero never "
             "gives the least-squares answer.", mistake="not_finite")
    return intercept, coef_arr


def coordinate_descent_variant(X, y, update, *, centre=True, ones_column=False, sweeps=10_000, tol=1e-10,
                               blow_up=np.inf):
    """Coordinate descent as the lessons write it, with a pluggable ``update(x_j, partial_residual, n)``.

    Residual updates, stop when no weight moved by more than ``tol`` in a sweep (the lessons'
    rule), so a student's solver built on the same mistake gives the same numbers. The checks use
    it to reproduce mistakes: a wrong update, uncentred data (``centre=False``), a penalised column
    of ones (``ones_column=True``), too few sweeps. Returns ``(b, w)``: b = mean(y) - mean(X)·w when
    centred, the weight of the ones column with ``ones_column``, else 0; NaNs when an update is not
    finite or exceeds ``blow_up`` in size.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if ones_column:
        X = np.column_stack([np.ones(len(X)), X])
    Xc, r = (X - X.mean(0), y - y.mean()) if centre else (X, y.copy())
    n, w = len(y), np.zeros(X.shape[1])
    with np.errstate(all="ignore"):
        for _ in range(sweeps):
            largest = 0.0
            for j in range(X.shape[1]):
                x = Xc[:, j]
                partial = r + x * w[j]
                new = float(update(x, partial, n))
                if not np.isfinite(new) or abs(new) > blow_up:
                    return np.nan, np.full(X.shape[1] - ones_column, np.nan)
                largest, w[j], r = max(largest, abs(new - w[j])), new, partial - x * new
            if largest < tol:
                break
    if ones_column:
        return float(w[0]), w[1:]
    return (float(y.mean() - X.mean(0) @ w) if centre else 0.0), w


def one_se_ddof_case(seed, alphas, n_scores):
    """A CV-error table (one row per alpha in increasing order, lower is better) on which the
    one-standard-error rule with SE = std(ddof=1)/sqrt(K) and its usual mistakes all disagree.

    Rows are ``mean_i + s_i * z_i`` with z_i of mean 0 and sample SD 1, so each row's mean and
    std(ddof=1) are exact. With the minimum at index b (mean m, SD s, se1 = s/sqrt(K), se0 the
    same with ddof=0):

    - b - 1 at m + 0.3·se0 (within one SE under every convention: the SMALLEST qualifying alpha);
    - b + 1 at m + 0.5·se0 (the answer with ddof=0);
    - b + 2 halfway between m + se0 and m + se1 (the answer: qualifies with ddof=1 only);
    - b + 3 halfway between m + se1 and m + s, with SD s·sqrt(K) (the answer of std-instead-of-SE);
    - b + 4 at m + 1.5s, with SD 2s·sqrt(K) (the answer of "each alpha's own SE");
    - every other alpha more than s above the minimum.
    """
    rng = np.random.default_rng(seed)
    alphas = np.sort(np.asarray(alphas, dtype=float))
    m, k = len(alphas), int(n_scores)
    s = float(rng.uniform(1.0, 2.0))
    se1 = s / np.sqrt(k)
    se0 = s * np.sqrt((k - 1) / k) / np.sqrt(k)
    b = int(rng.integers(m // 3, m - 5))
    best = float(rng.uniform(8.0, 12.0))
    offsets = np.empty(m)
    for i in range(m):
        if i < b - 1:
            offsets[i] = s * (2.0 + (b - 1 - i))
        elif i >= b + 4:
            offsets[i] = s * (1.5 + (i - b - 4))
    offsets[b - 1], offsets[b], offsets[b + 1] = 0.3 * se0, 0.0, 0.5 * se0
    offsets[b + 2], offsets[b + 3] = (se0 + se1) / 2, (se1 + s) / 2
    spreads = np.full(m, s)
    spreads[b + 3], spreads[b + 4] = s * np.sqrt(k), 2 * s * np.sqrt(k)
    z = rng.normal(size=(m, k))
    z = (z - z.mean(1, keepdims=True)) / z.std(1, ddof=1, keepdims=True)
    return alphas, best + offsets[:, None] + spreads[:, None] * z
