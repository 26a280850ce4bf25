"""Lesson 01 reference package: agrees with scikit-learn, and its checks catch typical mistakes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.metrics import root_mean_squared_error

from reference_solutions import linear_regression as ref
from reference_solutions.checks import CheckFailed, random_regression_problem
from reference_solutions.checks import linear_regression as checks


@pytest.mark.parametrize("seed", range(8))
def test_fit_least_squares_matches_sklearn_linear_regression(seed):
    X, y, *_ = random_regression_problem(seed, correlated=seed % 2 == 1)
    b, w = ref.fit_least_squares(X, y)
    sk = LinearRegression().fit(X, y)
    assert isinstance(b, float) and w.shape == (X.shape[1],)
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-8, atol=1e-8)
    assert b == pytest.approx(sk.intercept_, rel=1e-8, abs=1e-8)
    np.testing.assert_allclose(ref.predict(X, b, w), sk.predict(X), atol=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_rmse_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=30), rng.normal(size=30)
    assert ref.rmse(a, b) == pytest.approx(root_mean_squared_error(a, b), rel=1e-12)


def test_rmse_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="shapes differ"):
        ref.rmse([1.0, 2.0], [1.0])


def test_checks_accept_the_reference():
    checks.check_add_intercept_column(ref.add_intercept_column)
    checks.check_fit_returns_intercept_and_coef(ref.fit_least_squares)
    checks.check_fit_matches_reference(ref.fit_least_squares)
    checks.check_fit_satisfies_normal_equations(ref.fit_least_squares)
    checks.check_rmse(ref.rmse)


def _no_intercept(X, y):
    return 0.0, np.linalg.lstsq(X, y, rcond=None)[0]


def _theta_as_coef(X, y):
    A = ref.add_intercept_column(X)
    theta = np.linalg.solve(A.T @ A, A.T @ y)
    return float(theta[0]), theta


def _swapped(X, y):
    b, w = ref.fit_least_squares(X, y)
    return w, b


@pytest.mark.parametrize("fit, check, message", [
    (_no_intercept, checks.check_fit_matches_reference, "column of ones"),
    (_no_intercept, checks.check_fit_satisfies_normal_equations, "sum to"),
    (lambda X, y: (np.nan, np.full(X.shape[1], np.nan)), checks.check_fit_satisfies_normal_equations, "NaN"),
    (_theta_as_coef, checks.check_fit_returns_intercept_and_coef, "intercept was left"),
    (_swapped, checks.check_fit_returns_intercept_and_coef, "swapped"),
    (lambda X, y: (ref.fit_least_squares(X, y)[0] + 1.0, ref.fit_least_squares(X, y)[1]),
     checks.check_fit_matches_reference, "the weights are right but the intercept"),
])
def test_fit_checks_name_the_mistake(fit, check, message):
    with pytest.raises(CheckFailed, match=message):
        check(fit)


@pytest.mark.parametrize("rmse, message", [
    (lambda a, b: np.mean((a - b) ** 2), "mean squared error"),
    (lambda a, b: np.sqrt(np.sum((a - b) ** 2) / (len(a) - 1)), "n - 1"),
    (lambda a, b: np.mean(np.abs(a - b)), "mean absolute error"),
    (lambda a, b: np.sqrt(np.sum((a - b) ** 2)), "divide by n"),
])
def test_rmse_check_names_the_mistake(rmse, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_rmse(rmse)


def test_design_matrix_check_catches_ones_last_and_transposed():
    with pytest.raises(CheckFailed, match="last"):
        checks.check_add_intercept_column(lambda X: np.column_stack([X, np.ones(len(X))]))
    with pytest.raises(CheckFailed, match="transposed"):
        checks.check_add_intercept_column(lambda X: np.column_stack([np.ones(len(X)), X]).T)


def test_baseline_check_catches_fit_on_all_data():
    from lessonkit.data import auto_mpg_xy
    from sklearn.model_selection import train_test_split

    X, y = auto_mpg_xy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
    good = ref.fit_auto_mpg_baseline(X_tr, y_tr)
    good_rmse = root_mean_squared_error(y_te, good.predict(X_te))
    checks.check_baseline(good, X_tr, y_tr, X_te, y_te, good_rmse)
    leaky = ref.fit_auto_mpg_baseline(X, y)
    with pytest.raises(CheckFailed, match="all the data"):
        checks.check_baseline(leaky, X_tr, y_tr, X_te, y_te, good_rmse)
    with pytest.raises(CheckFailed, match="training RMSE"):
        checks.check_baseline(good, X_tr, y_tr, X_te, y_te, root_mean_squared_error(y_tr, good.predict(X_tr)))


def test_fit_check_turns_a_crash_into_a_shape_hint():
    def transposed(X, y):
        A = ref.add_intercept_column(X)
        return np.linalg.solve(A @ A.T, A @ y)

    with pytest.raises(CheckFailed, match=r"raised ValueError.*A Aᵀ \(n x n\)"):
        checks.check_fit_matches_reference(transposed)


def test_rmse_checks_accept_the_reference_and_correct_variants():
    for good in (ref.rmse, lambda a, b: np.linalg.norm(np.subtract(a, b)) / np.sqrt(len(a)),
                 lambda a, b: (sum((x - y) ** 2 for x, y in zip(list(a), list(b))) / len(a)) ** 0.5):
        checks.check_rmse_small_cases(good)
        checks.check_rmse(good)


def _n_minus_1_python(a, b):
    errors = [x - y for x, y in zip(list(a), list(b))]
    return (sum(e * e for e in errors) / (len(errors) - 1)) ** 0.5


@pytest.mark.parametrize("rmse, message, mistake", [
    (lambda a, b: np.sqrt(np.sum((a - b) ** 2) / (len(a) - 1)), "you divided by n - 1", "divided_by_n_minus_1"),
    (_n_minus_1_python, "you divided by n - 1", "divided_by_n_minus_1"),
    (lambda a, b: np.mean(np.abs(a - b)), "mean absolute error", "mae"),
    (lambda a, b: np.mean((a - b) ** 2), "did not take the square root", "mse_no_sqrt"),
    (lambda a, b: np.mean((a - b) ** 2) ** 1 / 2, r"is read as \(x \*\* 1\) / 2", "power_precedence"),
    (lambda a, b: np.std(a - b), "standard deviation of the errors", "std_of_errors"),
    (lambda a, b: np.linalg.norm(a - b) / len(a), "norm / sqrt", "norm_over_n"),
    (lambda a, b: np.sqrt(np.sum((a - b) ** 2)), "forgot to divide by n", "no_division_by_n"),
    (lambda a, b: np.sqrt((a - b) ** 2), "never averaged", "not_averaged"),
    (lambda a, b: np.sqrt(np.mean((a - b) ^ 2)), "bitwise XOR", "raised"),
])
def test_rmse_checks_name_what_the_student_did(rmse, message, mistake):
    """Both rmse cells name the mistake, in the student's terms (the small cases used to call n - 1
    'forgot to divide by n', and the MAE got the formula restated)."""
    for check in (checks.check_rmse_small_cases, checks.check_rmse):
        with pytest.raises(CheckFailed, match=message) as info:
            check(rmse)
        assert info.value.mistake.endswith(f".{mistake}"), info.value.mistake


@pytest.fixture(scope="module")
def auto_mpg_split():
    from lessonkit.data import auto_mpg_xy
    from sklearn.model_selection import train_test_split

    X, y = auto_mpg_xy()
    return train_test_split(X, y, test_size=0.25, random_state=0)


def test_baseline_check_says_that_a_wrong_rmse_is_to_blame(auto_mpg_split):
    X_tr, X_te, y_tr, y_te = auto_mpg_split
    good = ref.fit_auto_mpg_baseline(X_tr, y_tr)
    checks.check_baseline(good, X_tr, y_tr, X_te, y_te, ref.rmse(y_te, good.predict(X_te)), ref.rmse)

    def mse(a, b):
        return float(np.mean((np.asarray(a) - np.asarray(b)) ** 2))

    with pytest.raises(CheckFailed, match="your rmse function from Exercise 3.*did not take the square root") as info:
        checks.check_baseline(good, X_tr, y_tr, X_te, y_te, mse(y_te, good.predict(X_te)), mse)
    assert info.value.mistake == "linear_regression.baseline.wrong_rmse_function"

    def mae(a, b):
        return float(np.mean(np.abs(np.asarray(a) - np.asarray(b))))

    with pytest.raises(CheckFailed, match="your rmse function.*mean absolute error"):
        checks.check_baseline(good, X_tr, y_tr, X_te, y_te, mae(y_te, good.predict(X_te)), mae)
    # the same wrong value without the student's rmse still names the variant
    with pytest.raises(CheckFailed, match="mean absolute error") as info:
        checks.check_baseline(good, X_tr, y_tr, X_te, y_te, mae(y_te, good.predict(X_te)))
    assert info.value.mistake == "linear_regression.baseline.rmse_variant"


def test_baseline_check_names_a_test_split_fit_and_an_rmse_over_all_rows(auto_mpg_split):
    X_tr, X_te, y_tr, y_te = auto_mpg_split
    on_test = ref.fit_auto_mpg_baseline(X_te, y_te)
    with pytest.raises(CheckFailed, match="fitted on the test split") as info:
        checks.check_baseline(on_test, X_tr, y_tr, X_te, y_te, ref.rmse(y_te, on_test.predict(X_te)), ref.rmse)
    assert info.value.mistake == "linear_regression.baseline.fitted_on_test"
    good = ref.fit_auto_mpg_baseline(X_tr, y_tr)
    X_all, y_all = pd.concat([X_tr, X_te]), np.concatenate([y_tr, y_te])
    with pytest.raises(CheckFailed, match="all the cars") as info:
        checks.check_baseline(good, X_tr, y_tr, X_te, y_te, ref.rmse(y_all, good.predict(X_all)), ref.rmse)
    assert info.value.mistake == "linear_regression.baseline.all_rows_rmse"
