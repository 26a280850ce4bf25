"""Lesson 01 reference package: agrees with scikit-learn, and its checks catch typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
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
