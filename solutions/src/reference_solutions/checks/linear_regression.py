"""Hidden-test checks for lesson 01 (least squares with an intercept, RMSE, baseline)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import root_mean_squared_error

from .. import linear_regression as ref
from ._core import SEEDS, as_float, ask, call, fail, random_regression_problem, unpack_intercept_coef

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


def check_rmse(rmse):
    """Matches sklearn's root_mean_squared_error on random vectors; names sqrt, n-1, MAE mistakes."""
    rng = np.random.default_rng(SEEDS[0])
    for trial in range(5):
        n = int(rng.integers(5, 40))
        y_true = rng.normal(3.0, 2.0, size=n)
        y_pred = y_true + rng.normal(0.5, 1.5, size=n)
        got = as_float(call(rmse, y_true, y_pred), "rmse(y_true, y_pred)")
        want = root_mean_squared_error(y_true, y_pred)
        if np.isclose(got, want, rtol=1e-9, atol=1e-12):
            continue
        err = y_true - y_pred
        mse = np.mean(err ** 2)
        diagnoses = [
            (mse, "this is the mean squared error: take the square root."),
            (np.sqrt(np.sum(err ** 2) / (n - 1)), "you divided by n - 1; RMSE divides by n "
             "(it measures these predictions, it is not a sample-variance estimate)."),
            (np.sum(err ** 2) / (n - 1), "this is the squared error divided by n - 1: divide by n "
             "and take the square root."),
            (np.sqrt(np.sum(err ** 2)), "you forgot to divide by n before the square root."),
            (np.sum(err ** 2), "this is the sum of squared errors: divide by n, then sqrt."),
            (np.mean(np.abs(err)), "this is the mean absolute error; square the errors instead."),
            (np.sqrt(np.abs(np.mean(err))), "you averaged the errors before squaring them."),
            (np.mean(np.sqrt(np.abs(err))), "square each error, average, then take the root."),
        ]
        for value, why in diagnoses:
            if np.isclose(got, value, rtol=1e-9):
                fail(f"rmse returned {got:.6g}, expected {want:.6g}: {why}",
                     mistake={"mse_no_sqrt": "mean squared error",
                              "sq_error_over_n_minus_1": "squared error divided by n - 1",
                              "divided_by_n_minus_1": "divided by n - 1",
                              "no_division_by_n": "forgot to divide by n", "sse": "sum of squared errors",
                              "mae": "mean absolute error",
                              "averaged_before_squaring": "averaged the errors"})
        fail(f"rmse returned {got:.6g} for {n} points, expected {want:.6g} = "
             "sqrt(mean((y_true - y_pred)**2)).", mistake="differs")
    for n in (1, 7):
        y = rng.normal(size=n)
        if not np.isclose(as_float(rmse(y, y.copy()), "rmse(y, y)"), 0.0, atol=1e-12):
            fail("rmse of perfect predictions should be exactly 0.", mistake="perfect_not_zero")


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
    """The hand-checkable cases: errors 3 and 4 give sqrt(12.5); perfect predictions give 0; one point."""
    cases = [((0.0, 0.0), (3.0, 4.0), np.sqrt(12.5)), ((1.0, 2.0, 3.0), (1.0, 2.0, 3.0), 0.0), ((5.0,), (2.0,), 3.0)]
    for y_true, y_pred, want in cases:
        got = as_float(call(rmse, np.array(y_true), np.array(y_pred)), "rmse(y_true, y_pred)")
        if not np.isclose(got, want, atol=1e-12):
            if len(y_true) == 2 and np.isclose(got, 12.5):
                fail("rmse([0, 0], [3, 4]) returned 12.5, the mean squared error: take the square root.",
                     mistake="mse_no_sqrt")
            if len(y_true) == 2 and np.isclose(got, 5.0):
                fail("rmse([0, 0], [3, 4]) returned 5 = sqrt(9 + 16): divide by n before the square root.",
                     mistake="no_division_by_n")
            fail(f"rmse({list(y_true)}, {list(y_pred)}) returned {got:.6g}, expected {want:.6g} = "
                 "sqrt(mean((y_true - y_pred)**2)).", mistake="differs")


def check_baseline(baseline, X_train, y_train, X_test, y_test, baseline_test_rmse):
    """The baseline pipeline is fitted on the training split only, and its test RMSE is reported.

    Least-squares predictions do not depend on how the features are scaled or one-hot encoded
    (as long as the columns span the same space), so the check compares predictions with the
    reference pipeline rather than raw coefficients.
    """
    shape = ask(baseline, "describe")  # asked in the sandbox: the judge never calls the student's object
    if not shape["has_predict"]:
        fail(f"baseline should be a fitted scikit-learn Pipeline (make_pipeline(preprocess, "
             f"LinearRegression()).fit(X_train, y_train)); got a {shape['type']}.", mistake="not_a_pipeline")
    ref_model = ref.fit_auto_mpg_baseline(X_train, y_train)
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
    ref_pred = ref_model.predict(X_test)
    if np.allclose(pred, ref_pred, atol=1e-6) and not np.allclose(extra_pred, ref_model.predict(extra), atol=1e-6):
        fail("the baseline predicts the test split like the reference but not other cars: is it "
             "the fitted preprocess + LinearRegression pipeline itself?", mistake="not_the_pipeline")
    if not np.allclose(pred, ref_pred, atol=1e-6):
        everything = ref.fit_auto_mpg_baseline(
            _concat(X_train, X_test), np.concatenate([np.asarray(y_train), np.asarray(y_test)]))
        if np.allclose(pred, everything.predict(X_test), atol=1e-6):
            fail("the baseline was fitted on all the data, test rows included: fit it on "
                 "X_train, y_train only, so the test RMSE measures unseen data.", mistake="fitted_on_all_data")
        fail("the baseline's test predictions differ from a preprocess + LinearRegression "
             "pipeline fitted on X_train, y_train. Use the given preprocess step and fit only on "
             "the training split.", mistake="differs")
    want = ref.rmse(y_test, ref_pred)
    got = as_float(baseline_test_rmse, "baseline_test_rmse")
    train_rmse = ref.rmse(y_train, ref_model.predict(X_train))
    if np.isclose(got, train_rmse, rtol=1e-6) and not np.isclose(got, want, rtol=1e-6):
        fail("baseline_test_rmse is the training RMSE; compute it on X_test, y_test.", mistake="training_rmse")
    if np.isclose(got, want ** 2, rtol=1e-6):
        fail("baseline_test_rmse is the test MSE; take the square root "
             "(sklearn.metrics.root_mean_squared_error).", mistake="test_mse")
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
