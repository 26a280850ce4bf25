"""Hidden-test checks for lesson 01 (least squares with an intercept, RMSE, baseline)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import root_mean_squared_error

from .. import linear_regression as ref
from ._core import (SEEDS, CheckFailed, as_float, ask, call, fail, random_regression_problem,
                    unpack_intercept_coef)

FIT_HINT = ("Check the shapes: with A = [1 | X] of shape (n, p + 1), AᵀA is (p + 1) x (p + 1) and "
            "Aᵀy has length p + 1; A Aᵀ (n x n) is the transposed mistake.")


def check_add_intercept_column(add_intercept_column):
    """The design matrix is [1 | X]: ones first, X unchanged, shape (n, p + 1)."""
    for seed in SEEDS:
        X, *_ = random_regression_problem(seed)
        X_before = X.copy()
        A = np.asarray(call(add_intercept_column, X), dtype=float)
        n, p = X.shape
        if not np.array_equal(X, X_before):
            fail("add_intercept_column changed its input X in place; build a new array instead.",
                 mistake="changes_input")
        if A.shape == (p + 1, n):
            fail(f"got shape {A.shape}, expected {(n, p + 1)}: the design matrix looks transposed "
                 "(use np.column_stack or np.hstack, one row per sample).", mistake="transposed")
        if A.shape != (n, p + 1):
            fail(f"got shape {A.shape} for X of shape {X.shape}; expected {(n, p + 1)} "
                 "(one extra column of ones).", mistake="wrong_shape")
        if np.allclose(A[:, -1], 1.0) and not np.allclose(A[:, 0], 1.0):
            fail("the column of ones is last; put it first so the intercept is theta[0].", mistake="ones_column_last")
        if not np.allclose(A[:, 0], 1.0):
            fail("the first column should be all ones (it multiplies the intercept).", mistake="no_ones_column")
        if not np.allclose(A[:, 1:], X):
            fail("columns 1..p should be X itself, unchanged (no scaling or reordering here).", mistake="x_changed")


def check_fit_returns_intercept_and_coef(fit_least_squares):
    """Returns (float intercept, coef of shape (p,)) for several shapes; X and y untouched."""
    for seed, p in zip(SEEDS, (1, 2, 4, 6, 3)):
        X, y, *_ = random_regression_problem(seed, p=p)
        X0, y0 = X.copy(), y.copy()
        unpack_intercept_coef(call(fit_least_squares, X, y, hint=FIT_HINT), p)
        if not (np.array_equal(X, X0) and np.array_equal(y, y0)):
            fail("fit_least_squares changed X or y in place; work on copies.", mistake="changes_input")


def check_fit_matches_reference(fit_least_squares):
    """Intercept and coefficients equal the reference least-squares fit (to 1e-6)."""
    for i, seed in enumerate(SEEDS):
        X, y, *_ = random_regression_problem(seed, correlated=(i % 2 == 1))
        n, p = X.shape
        b, w = unpack_intercept_coef(call(fit_least_squares, X, y, hint=FIT_HINT), p)
        b_ref, w_ref = ref.fit_least_squares(X, y)
        if np.allclose(w, w_ref, atol=1e-6, rtol=1e-6) and np.isclose(b, b_ref, atol=1e-6, rtol=1e-6):
            continue
        w_no_intercept, *_ = np.linalg.lstsq(X, y, rcond=None)
        if np.allclose(w, w_no_intercept, atol=1e-6, rtol=1e-6):
            fail("your weights equal a fit without the column of ones: the design matrix has no "
                 "intercept column, so the line is forced through the origin. Fit on "
                 "add_intercept_column(X) and return theta[0] as the intercept.", mistake="no_intercept_column")
        theta = np.concatenate([[b_ref], w_ref])
        if np.allclose(w, theta[:-1], atol=1e-6):
            fail("your weights are the reference ones shifted by one place: check which entry of "
                 "theta is the intercept (the column of ones is first, so theta[0]).", mistake="shifted_weights")
        if np.allclose(w, np.concatenate([w_ref[1:], [b_ref]]), atol=1e-6) and np.isclose(b, w_ref[0], atol=1e-6):
            fail("the intercept came out as the last coefficient and the first weight as the "
                 "intercept: the column of ones is last in your design matrix. Put it first "
                 "(add_intercept_column) so that theta[0] is the intercept.", mistake="ones_column_last")
        if np.allclose(w, w_ref, atol=1e-6, rtol=1e-6):
            fail(f"the weights are right but the intercept is {b:.6g}, expected {b_ref:.6g} "
                 f"(seed {seed}). Return theta[0], the coefficient of the column of ones.",
                 mistake="intercept_differs")
        fail(f"on a random problem (seed {seed}, n={n}, p={p}) expected intercept {b_ref:.6g} and "
             f"coef {np.round(w_ref, 6).tolist()}, got intercept {b:.6g} and coef "
             f"{np.round(w, 6).tolist()}. Solve the normal equations AᵀA θ = Aᵀy with A = [1 | X] "
             "(np.linalg.solve or np.linalg.lstsq); do not scale or center X inside the function.", mistake="differs")


def check_fit_satisfies_normal_equations(fit_least_squares):
    """At the least-squares solution the residuals sum to 0 and are orthogonal to every column."""
    for seed in SEEDS:
        X, y, *_ = random_regression_problem(seed)
        b, w = unpack_intercept_coef(call(fit_least_squares, X, y, hint=FIT_HINT), X.shape[1])
        r = y - b - X @ w
        scale = np.linalg.norm(y) * np.sqrt(len(y))
        if not np.all(np.isfinite(r)):
            fail("the fit produced NaN or infinite values; solve AᵀA θ = Aᵀy (np.linalg.solve).",
                 mistake="not_finite")
        if not abs(r.sum()) <= 1e-8 * scale:
            fail(f"the residuals y - b - Xw sum to {r.sum():.4g}, not 0: with an unpenalised "
                 "intercept they must sum to zero. Is the column of ones in the design matrix?",
                 mistake="residuals_not_zero_sum")
        g = X.T @ r
        if not np.max(np.abs(g)) <= 1e-8 * scale * np.max(np.abs(X)):
            fail("the residuals are not orthogonal to the columns of X (Xᵀr != 0), so this is not "
                 "the least-squares solution. Solve AᵀA θ = Aᵀy exactly.", mistake="not_orthogonal")


#: The usual wrong RMSEs: (mistake id, value from (errors, n), what the student did). A variant whose
#: value is not finite (n - 1 = 0 for one point) matches a student's inf or NaN there.
def _rmse_variants(err):
    err = np.asarray(err, dtype=float)
    n = len(err)
    sse = float(err @ err)
    with np.errstate(all="ignore"):
        return [
            ("mse_no_sqrt", np.mean(err ** 2), "this is the mean squared error: you did not take the square "
             "root (RMSE = sqrt(mean((y_true - y_pred)**2)))."),
            ("power_precedence", np.mean(err ** 2) / 2, "this is the mean squared error divided by 2: `x ** 1/2` "
             "is read as (x ** 1) / 2 in Python. Write x ** 0.5 or np.sqrt(x)."),
            ("divided_by_n_minus_1", np.sqrt(np.float64(sse) / (n - 1)), "you divided by n - 1; RMSE "
             "divides by n (it measures these predictions, it is not a sample-variance estimate)."),
            ("sq_error_over_n_minus_1", np.float64(sse) / (n - 1), "this is the squared error divided "
             "by n - 1: divide by n and take the square root."),
            ("norm_over_n", np.sqrt(sse) / n, "you divided the root of the summed squares by n "
             "(norm / n); the mean comes before the root: sqrt(sum / n), i.e. norm / sqrt(n)."),
            ("no_division_by_n", np.sqrt(sse), "you forgot to divide by n before the square root "
             "(this is the length of the error vector, np.linalg.norm)."),
            ("sse", sse, "this is the sum of squared errors: divide by n, then take the square root."),
            ("std_of_errors", np.std(err), "this is the standard deviation of the errors (np.std subtracts "
             "their mean first): RMSE squares the errors themselves, sqrt(mean(err**2)), so a constant "
             "error counts in full."),
            ("std_of_errors_ddof1", np.std(err, ddof=1) if n > 1 else np.nan, "this is the sample standard "
             "deviation of the errors (it subtracts their mean and divides by n - 1): RMSE is "
             "sqrt(mean(err**2)), with no mean subtracted."),
            ("mae", np.mean(np.abs(err)), "this is the mean absolute error: you averaged |y_true - y_pred|; "
             "square the errors, average, then take the root."),
            ("sqrt_mae", np.sqrt(np.mean(np.abs(err))), "this is the square root of the mean ABSOLUTE error: "
             "square the errors instead of taking their absolute values."),
            ("averaged_before_squaring", abs(np.mean(err)), "you averaged the errors before squaring them, "
             "so positive and negative errors cancel: square each error first."),
            ("averaged_before_squaring", np.sqrt(abs(np.mean(err))), "you averaged the errors before squaring "
             "them, so positive and negative errors cancel: square each error first."),
            ("mean_error", np.mean(err), "this is the mean error (the bias, errors of both signs cancel): "
             "square each error, average, then take the root."),
            ("averaged_before_squaring", np.mean(err) ** 2, "you averaged the errors before squaring them, "
             "so positive and negative errors cancel: square each error first."),
            ("root_then_mean", np.mean(np.sqrt(np.abs(err))), "you took the root of each error before "
             "averaging: square each error, average, then take the root."),
        ]


def _same(got, value):
    """A student's value equals a variant's; two values that are not finite (inf or NaN from a division by
    n - 1 = 0) count as equal."""
    if not np.isfinite(value) or not np.isfinite(got):
        return not np.isfinite(value) and not np.isfinite(got)
    return bool(np.isclose(got, value, rtol=1e-9, atol=1e-12))


def _rmse_outcomes(rmse, cases):
    """Call ``rmse`` on every case (always all of them, in order); one outcome per case: a float, or
    ``("raised", exception)``, or ``("array", shape)`` for a result that is not one number."""
    outcomes = []
    for y_true, y_pred in cases:
        try:
            got = rmse(y_true, y_pred)
        except CheckFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
            if grader_fault(exc):
                raise
            outcomes.append(("raised", exc))
            continue
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            outcomes.append(("type", type(got).__name__))
            continue
        outcomes.append(float(arr.reshape(())) if arr.size == 1 else ("array", arr.shape))
    return outcomes


def grader_fault(exc) -> bool:
    """The exception is the judge's (evidence not in the probe's format), never the student's: re-raise it."""
    return any(cls.__name__ == "MalformedEvidence" for cls in type(exc).__mro__)


def error_rule(exc) -> str:
    """The Python rule behind a few errors students meet in these exercises ('' when none is known)."""
    text = f"{type(exc).__name__}: {exc}"
    if "bitwise_xor" in text or "for ^" in text:
        return "In Python `^` is bitwise XOR, not a power: write x ** 2 (or np.square(x))."
    if type(exc).__name__ == "ZeroDivisionError":
        return "A division by zero: look for a denominator that can be 0 (n - 1 for one point?)."
    if "truth value of an array" in text:
        return ("`if`, `and`, `or`, `max()` and `min()` work on single numbers; on arrays use elementwise "
                "NumPy functions (np.where, np.maximum, np.abs).")
    if "only integer scalar arrays" in text or "list indices must be" in text:
        return ("a Python list cannot be indexed with a NumPy array or mask: use np.asarray(the_list)[mask] "
                "or a list comprehension.")
    if "out of bounds for array of dimension 0" in text:
        return ("np.max(a, 0) and np.min(a, 0) reduce along axis 0 (a single number has none); the elementwise "
                "maximum of a and 0 is np.maximum(a, 0).")
    if type(exc).__name__ == "NotImplementedError":
        return "The exercise cell still raises NotImplementedError: delete that line and write your code."
    return ""


def _rmse_diagnosis(outcomes, cases, first_bad=None):
    """(mistake id, message) naming the wrong RMSE that explains every case, or None. A case where the
    student's rmse raised only agrees with variants that are not finite there (1 / (n - 1) at n = 1).
    When no variant explains every case, the one that explains case ``first_bad`` alone, if any."""
    consistent, alone = None, set()
    for i, (outcome, (y_true, y_pred)) in enumerate(zip(outcomes, cases)):
        variants = _rmse_variants(np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float))
        if isinstance(outcome, float):
            keys = {k for k, (_, value, _) in enumerate(variants) if _same(outcome, value)}
        elif outcome[0] == "raised" and type(outcome[1]).__name__ in ("ZeroDivisionError", "FloatingPointError"):
            keys = {k for k, (_, value, _) in enumerate(variants) if not np.isfinite(value)}
        else:
            keys = set()
        if i == first_bad:
            alone = keys
        consistent = keys if consistent is None else consistent & keys
    found = consistent or alone
    if not found:
        return None
    key, _, why = _rmse_variants(np.ones(2))[min(found)]
    return key, why, min(found)


def _rmse_verdict(outcomes, cases, wants, name="rmse"):
    """Fail with the message naming the student's mistake when any outcome differs from ``wants``."""
    bad = [i for i, (got, want) in enumerate(zip(outcomes, wants))
           if not (isinstance(got, float) and np.isclose(got, want, rtol=1e-9, atol=1e-12))]
    if not bad:
        return
    i = bad[0]
    y_true, y_pred = cases[i]
    shown = f"{name}({np.round(np.asarray(y_true, dtype=float), 4).tolist()}, {np.round(np.asarray(y_pred, dtype=float), 4).tolist()})" \
        if len(y_true) <= 3 else f"{name}(y_true, y_pred) on {len(y_true)} points"
    found = _rmse_diagnosis(outcomes, cases, first_bad=i)
    got = outcomes[i]
    if isinstance(got, tuple) and got[0] == "array":
        n = len(y_true)
        fail(f"{shown} returned an array of shape {got[1]}, not one number"
             + (": one value per point, so the errors were never averaged. Average the squared errors "
                "(np.mean) before the square root." if got[1] == (n,) else "."), mistake="not_averaged")
    if isinstance(got, tuple) and got[0] == "type":
        fail(f"{shown} returned a {got[1]}; it should return one number.", mistake="not_a_number")
    if found:
        key, why, _ = found
        if isinstance(got, tuple):
            exc = got[1]
            fail(f"{shown} raised {type(exc).__name__}: {exc}. With one point n = 1, so n - 1 = 0: {why}",
                 mistake=key)
        fail(f"{shown} returned {got:.6g}, expected {wants[i]:.6g}: {why}", mistake=key)
    if isinstance(got, tuple):
        exc = got[1]
        rule = error_rule(exc)
        fail(f"{shown} raised {type(exc).__name__}: {exc}." + (f" {rule}" if rule else ""), mistake="raised")
    fail(f"{shown} returned {got:.6g}, expected {wants[i]:.6g} = sqrt(mean((y_true - y_pred)**2)).",
         mistake="differs")


def check_rmse(rmse):
    """Matches sklearn's root_mean_squared_error on random vectors and perfect predictions; when it does
    not, names the usual wrong RMSE (no sqrt, n - 1, MAE, norm / n, std of the errors, ...) that explains
    every case."""
    rng = np.random.default_rng(SEEDS[0])
    cases = []
    for trial in range(5):
        n = int(rng.integers(5, 40))
        y_true = rng.normal(3.0, 2.0, size=n)
        cases.append((y_true, y_true + rng.normal(0.5, 1.5, size=n)))
    for n in (1, 7):
        y = rng.normal(size=n)
        cases.append((y, y.copy()))
    outcomes = _rmse_outcomes(rmse, cases)
    wants = [root_mean_squared_error(a, b) for a, b in cases]
    _rmse_verdict(outcomes, cases, wants)


def judge_context():
    """What the lesson's fixed cells build, rebuilt by the judge (never taken from the kernel)."""
    from sklearn.model_selection import train_test_split

    from lessonkit.data import auto_mpg_xy

    X, y = auto_mpg_xy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    return {"X_train": X_train, "X_test": X_test, "y_train": y_train, "y_test": y_test}


def reference_answers(ctx):
    """Reference values of the lesson's non-function answers (functions come from the reference module)."""
    baseline = ref.fit_auto_mpg_baseline(ctx["X_train"], ctx["y_train"])
    return {"baseline": baseline,
            "baseline_test_rmse": ref.rmse(ctx["y_test"], baseline.predict(ctx["X_test"]))}


def check_rmse_small_cases(rmse):
    """The hand-checkable cases: errors 3 and 4 give sqrt(12.5); perfect predictions give 0; one point gives
    its error (and tells n from n - 1, which is 0 there). All three are asked before any verdict, and the
    mistake named is the one that explains all three."""
    cases = [((0.0, 0.0), (3.0, 4.0)), ((1.0, 2.0, 3.0), (1.0, 2.0, 3.0)), ((5.0,), (2.0,))]
    cases = [(np.array(a), np.array(b)) for a, b in cases]
    outcomes = _rmse_outcomes(rmse, cases)
    _rmse_verdict(outcomes, cases, [np.sqrt(12.5), 0.0, 3.0])


def check_baseline(baseline, X_train, y_train, X_test, y_test, baseline_test_rmse, rmse=None):
    """The baseline pipeline is fitted on the training split only, and its test RMSE is reported.

    Least-squares predictions do not depend on how the features are scaled or one-hot encoded
    (as long as the columns span the same space), so the check compares predictions with the
    reference pipeline rather than raw coefficients. ``rmse`` is the student's Exercise 3 function,
    called once (always, before any verdict) on made-up predictions for the test cars: when it is wrong
    and baseline_test_rmse is what it gives on the test split, the message says that rmse is to blame.
    """
    shape = ask(baseline, "describe")  # asked in the sandbox: the judge never calls the student's object
    if not shape["has_predict"]:
        fail(f"baseline should be a fitted scikit-learn Pipeline (make_pipeline(preprocess, "
             f"LinearRegression()).fit(X_train, y_train)); got a {shape['type']}.", mistake="not_a_pipeline")
    ref_model = ref.fit_auto_mpg_baseline(X_train, y_train)
    ref_pred = ref_model.predict(X_test)
    y_test_arr = np.asarray(y_test, dtype=float)
    # The student's rmse on made-up predictions for the test cars (never a reference result), read only to
    # say, when baseline_test_rmse is off, that the rmse of Exercise 3 is what is wrong.
    made_up = y_test_arr + np.random.default_rng(SEEDS[0] + 1).normal(0.5, 2.0, size=len(y_test_arr))
    own_rmse = None
    if rmse is not None:
        try:
            own_rmse = float(np.asarray(rmse(y_test, made_up), dtype=float).reshape(()))
        except Exception as exc:  # noqa: BLE001 - a broken rmse is the rmse cells' business
            if grader_fault(exc):
                raise
            own_rmse = None
    extra = _made_up_cars(X_train)  # cars no notebook has seen: the pipeline, not a copied number
    try:
        pred = np.asarray(ask(baseline, "predict", X_test), dtype=float).ravel()
    except Exception as exc:  # noqa: BLE001 - report the student's error in the message
        fail(f"baseline.predict(X_test) raised {type(exc).__name__}: {exc}. Was the pipeline "
             "fitted on X_train with the preprocess step first?", mistake="raised")
    try:
        extra_pred = np.asarray(ask(baseline, "predict", extra), dtype=float).ravel()
    except Exception:  # noqa: BLE001 - reported through the comparison below
        extra_pred = np.full(len(extra), np.nan)
    if extra_pred.shape != (len(extra),):
        extra_pred = np.full(len(extra), np.nan)
    if pred.shape != (len(X_test),):
        fail(f"baseline.predict(X_test) gave {pred.size} values for {len(X_test)} test cars.", mistake="wrong_size")
    if np.allclose(pred, ref_pred, atol=1e-6) and not np.allclose(extra_pred, ref_model.predict(extra), atol=1e-6):
        fail("the baseline predicts the test split like the reference but not other cars: is it "
             "the fitted preprocess + LinearRegression pipeline itself?", mistake="not_the_pipeline")
    if not np.allclose(pred, ref_pred, atol=1e-6):
        everything = ref.fit_auto_mpg_baseline(
            _concat(X_train, X_test), np.concatenate([np.asarray(y_train), np.asarray(y_test)]))
        if np.allclose(pred, everything.predict(X_test), atol=1e-6):
            fail("the baseline was fitted on all the data, test rows included: fit it on "
                 "X_train, y_train only, so the test RMSE measures unseen data.", mistake="fitted_on_all_data")
        if np.allclose(pred, ref.fit_auto_mpg_baseline(X_test, y_test).predict(X_test), atol=1e-6):
            fail("the baseline was fitted on the test split: fit it on X_train, y_train, and keep the test "
                 "split for measuring.", mistake="fitted_on_test")
        fail("the baseline's test predictions differ from a preprocess + LinearRegression "
             "pipeline fitted on X_train, y_train. Use the given preprocess step and fit only on "
             "the training split.", mistake="differs")
    want = ref.rmse(y_test, ref_pred)
    got = as_float(baseline_test_rmse, "baseline_test_rmse")
    own_wrong = own_rmse is not None and not np.isclose(own_rmse, ref.rmse(y_test_arr, made_up), rtol=1e-9)
    if own_wrong and not np.isclose(got, want, rtol=1e-6):
        found = _rmse_diagnosis([own_rmse], [(y_test_arr, made_up)])
        if found and _same(got, _rmse_variants(y_test_arr - ref_pred)[found[2]][1]):
            fail(f"baseline_test_rmse = {got:.6g} is what your rmse function from Exercise 3 gives on the test "
                 f"split, and that rmse is wrong (the test RMSE is {want:.6g}): {found[1]} Fix rmse in "
                 "Exercise 3 (its tests say how); the baseline pipeline itself is right.",
                 mistake="wrong_rmse_function")
    train_rmse = ref.rmse(y_train, ref_model.predict(X_train))
    if np.isclose(got, train_rmse, rtol=1e-6) and not np.isclose(got, want, rtol=1e-6):
        fail("baseline_test_rmse is the training RMSE; compute it on X_test, y_test.", mistake="training_rmse")
    if np.isclose(got, want ** 2, rtol=1e-6):
        fail("baseline_test_rmse is the test MSE; take the square root "
             "(sklearn.metrics.root_mean_squared_error).", mistake="test_mse")
    X_all, y_all = _concat(X_train, X_test), np.concatenate([np.asarray(y_train), y_test_arr])
    if np.isclose(got, ref.rmse(y_all, ref_model.predict(X_all)), rtol=1e-6):
        fail("baseline_test_rmse is the RMSE over all the cars, training and test split together; compute "
             "it on the test split only (X_test, y_test), the cars the baseline was not fitted on.",
             mistake="all_rows_rmse")
    found = _rmse_diagnosis([got], [(y_test_arr, ref_pred)])
    if found and not np.isclose(got, want, rtol=1e-6):
        fail(f"baseline_test_rmse = {got:.6g}, but the test RMSE is {want:.6g}: {found[1]}",
             mistake="rmse_variant")
    if own_wrong and not np.isclose(got, want, rtol=1e-6):
        fail(f"baseline_test_rmse is {got:.6g}, but the test RMSE of the baseline is {want:.6g}; your rmse "
             "function from Exercise 3 is wrong too (on other predictions it does not give "
             "sqrt(mean((y_true - y_pred)**2))). If you computed baseline_test_rmse with it, fix rmse "
             "first.", mistake="wrong_rmse_function")
    if not np.isclose(got, want, rtol=1e-6):
        fail(f"baseline_test_rmse is {got:.6g}; the test RMSE of the baseline is {want:.6g}.", mistake="rmse_differs")


def _made_up_cars(X_train):
    """A few cars drawn from the grader's seeds: training rows with their numeric columns jittered."""
    rng = np.random.default_rng(SEEDS[0])
    cars = X_train.sample(n=8, random_state=int(rng.integers(2**31))).copy()
    numeric = cars.select_dtypes("number").columns
    cars[numeric] = cars[numeric] * rng.uniform(0.9, 1.1, size=(len(cars), len(numeric)))
    return cars


def _concat(a, b):
    import pandas as pd

    if isinstance(a, pd.DataFrame):
        return pd.concat([a, b])
    return np.concatenate([np.asarray(a), np.asarray(b)])
