"""Lesson 03 reference (Ridge) agrees with scikit-learn, and its checks name typical mistakes."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from reference_solutions import ridge as ref
from reference_solutions.checks import CheckFailed, random_regression_problem
from reference_solutions.checks import ridge as checks

SEEDS = [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("seed", SEEDS)
def test_fit_ridge_matches_sklearn_ridge(seed):
    X, y, *_ = random_regression_problem(seed, correlated=seed % 2 == 0)
    alpha = [0.01, 0.5, 3.0, 40.0, 1e3, 7.0][seed]
    b, w = ref.fit_ridge(X, y, alpha)
    sk = Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-8, atol=1e-8)
    assert b == pytest.approx(sk.intercept_, rel=1e-8, abs=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
def test_ridge_solution_minimises_the_sklearn_objective(seed):
    X, y, *_ = random_regression_problem(seed)
    b, w = ref.fit_ridge(X, y, 2.5)
    best = ref.ridge_objective(X, y, b, w, 2.5)
    rng = np.random.default_rng(seed)
    for _ in range(20):
        assert ref.ridge_objective(X, y, b + 0.01 * rng.normal(), w + 0.01 * rng.normal(size=w.shape), 2.5) > best


def test_ridge_is_unique_with_duplicated_columns_and_splits_them_equally():
    X, y, *_ = random_regression_problem(3, n=40, p=3)
    X_dup = np.column_stack([X, X[:, 0]])
    _, w = ref.fit_ridge(X_dup, y, 1.0)
    assert w[0] == pytest.approx(w[-1], rel=1e-10)
    np.testing.assert_allclose(w, Ridge(alpha=1.0).fit(X_dup, y).coef_, atol=1e-8)


def test_ridge_trace_has_no_exact_zeros():
    X, y, *_ = random_regression_problem(5, n=50, p=5)
    trace = ref.ridge_trace(X, y, np.logspace(-2, 6, 30))
    assert np.all(trace != 0.0)
    assert np.all(np.abs(trace[-1]) < np.abs(trace[0]).max())


def test_checks_accept_the_reference():
    checks.check_ridge_objective(ref.ridge_objective)
    checks.check_fit_ridge_shapes(ref.fit_ridge)
    checks.check_fit_ridge_matches_reference(ref.fit_ridge)
    checks.check_fit_ridge_intercept_unpenalised(ref.fit_ridge)


@pytest.mark.parametrize("wrong, message", [
    (lambda X, y, b, w, a: float(np.mean((y - b - X @ w) ** 2) + a * w @ w), "divided the squared error by n"),
    (lambda X, y, b, w, a: float(np.sum((y - b - X @ w) ** 2) + 0.5 * a * w @ w), "1/2 in front of the penalty"),
    (lambda X, y, b, w, a: float(np.sum((y - b - X @ w) ** 2) + a * (w @ w + b ** 2)), "penalised the intercept"),
    (lambda X, y, b, w, a: float(np.sum((y - b - X @ w) ** 2) + a * np.abs(w).sum()), "L1 penalty"),
])
def test_objective_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_ridge_objective(wrong)


def _penalised_intercept(X, y, alpha):
    A = np.column_stack([np.ones(len(X)), X])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return float(theta[0]), theta[1:]


def _no_identity(X, y, alpha):
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha, Xc.T @ yc)
    return float(y.mean() - X.mean(0) @ w), w


def _uncentred(X, y, alpha):
    return float(y.mean()), np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)


@pytest.mark.parametrize("wrong, message", [
    (_penalised_intercept, "penalised the intercept"),
    (_no_identity, "every entry"),
    (lambda X, y, a: ref.fit_ridge(X, y, a * len(y)), "alpha·n"),
    (lambda X, y, a: ref.fit_ridge(X, y, 2 * a), "2·alpha"),
    (_uncentred, "uncentred"),
    (lambda X, y, a: ref.fit_ridge(X, y, 0.0), "plain least squares"),
])
def test_fit_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_fit_ridge_matches_reference(wrong)


@pytest.mark.parametrize("wrong", [_penalised_intercept, _uncentred])
def test_intercept_check_rejects_a_penalised_or_uncentred_intercept(wrong):
    with pytest.raises(CheckFailed, match="intercept|residuals"):
        checks.check_fit_ridge_intercept_unpenalised(wrong)


def test_shape_check_rejects_in_place_centring():
    def in_place(X, y, alpha):
        x_mean, y_mean = X.mean(0), y.mean()
        X -= x_mean
        y -= y_mean
        w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
        return float(y_mean - x_mean @ w), w

    with pytest.raises(CheckFailed, match="in place"):
        checks.check_fit_ridge_shapes(in_place)


def test_best_alpha_check_names_training_error_and_argmax():
    alphas = np.logspace(-2, 2, 9)
    rng = np.random.default_rng(0)
    valid = (np.log10(alphas)[:, None] + 0.5) ** 2 + 2 + 0.01 * rng.random((9, 5))
    train = 1 + 0.1 * np.log10(alphas)[:, None] + 0.01 * rng.random((9, 5))
    assert checks.check_best_alpha(alphas[np.argmin(valid.mean(1))], alphas, valid, train) is None
    with pytest.raises(CheckFailed, match="training RMSE"):
        checks.check_best_alpha(alphas[0], alphas, valid, train)
    with pytest.raises(CheckFailed, match="LARGEST"):
        checks.check_best_alpha(alphas[np.argmax(valid.mean(1))], alphas, valid, train)


@pytest.fixture(scope="module")
def lesson_context():
    return checks.judge_context()


def test_best_alpha_check_names_the_wrong_axis(lesson_context):
    ctx = lesson_context
    alphas, cv_rmse, train_rmse = ctx["alphas"], ctx["cv_rmse"], ctx["train_rmse"]
    with pytest.raises(CheckFailed, match="axis=0"):
        checks.check_best_alpha(alphas[np.argmin(cv_rmse.mean(axis=0))], alphas, cv_rmse, train_rmse)


def test_test_rmse_check_requires_the_polynomial_pipeline(lesson_context):
    from sklearn.compose import ColumnTransformer
    from sklearn.metrics import root_mean_squared_error
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS

    ctx = lesson_context
    answers = checks.reference_answers(ctx)
    context = {k: ctx[k] for k in ("X_small_train", "y_small_train", "X_test", "y_test", "pipeline")}
    checks.check_ridge_test_rmse(answers["small_ridge"], answers["ridge_test_rmse"], answers["best_alpha"], **context)
    plain = make_pipeline(ColumnTransformer([
        ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ]), Ridge(alpha=answers["best_alpha"])).fit(ctx["X_small_train"], ctx["y_small_train"])
    plain_rmse = root_mean_squared_error(ctx["y_test"], plain.predict(ctx["X_test"]))
    with pytest.raises(CheckFailed, match="not poly_pipeline"):
        checks.check_ridge_test_rmse(plain, plain_rmse, answers["best_alpha"], **context)


def _centred_means_intercept(X, y, alpha):
    X = np.asarray(X, dtype=float) - np.mean(X, axis=0)
    y = np.asarray(y, dtype=float) - np.mean(y)
    w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    return float(y.mean() - X.mean(0) @ w), w


def _mean_y_intercept(X, y, alpha):
    return float(np.mean(y)), ref.fit_ridge(X, y, alpha)[1]


@pytest.mark.parametrize("wrong, message, mistake", [
    (_centred_means_intercept, "already-centred", "intercept_from_centred_means"),
    (_mean_y_intercept, "your intercept is mean", "intercept_mean_y"),
    (_penalised_intercept, "you penalised the intercept", "penalised_intercept"),
    (_uncentred, "uncentred", "uncentred"),
])
def test_intercept_checks_name_the_intercept_formula_not_a_penalty(wrong, message, mistake):
    """Issue 25: an intercept computed from already-centred means was asked "did you penalise b, or solve on
    uncentred data?"; both intercept cells now say what was computed."""
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_fit_ridge_intercept_unpenalised(wrong)
    assert info.value.mistake == f"ridge.fit_ridge_intercept_unpenalised.{mistake}"
    if mistake.startswith("intercept"):
        with pytest.raises(CheckFailed, match=message) as info:
            checks.check_fit_ridge_matches_reference(wrong)
        assert info.value.mistake == f"ridge.fit_ridge_matches_reference.{mistake}"


def test_fit_checks_state_the_rule_behind_an_identity_of_size_n():
    def eye_n(X, y, alpha):
        Xc, yc = X - X.mean(0), y - y.mean()
        w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(len(X)), Xc.T @ yc)
        return float(y.mean() - X.mean(0) @ w), w

    for check in (checks.check_fit_ridge_shapes, checks.check_fit_ridge_matches_reference,
                  checks.check_fit_ridge_intercept_unpenalised):
        with pytest.raises(CheckFailed, match=r"np.eye\(X.shape\[1\]\), not np.eye\(len\(X\)\)") as info:
            check(eye_n)
        # with one feature (the shapes check's first problem) the (1, 1) identity broadcasts and the error
        # comes from solve: the message names the identity's size among the shape rules
        assert info.value.mistake.endswith(".eye_n" if check is not checks.check_fit_ridge_shapes else ".shapes")


def test_fit_checks_accept_a_centred_copy_changed_in_place():
    def copy_then_in_place(X, y, alpha):
        X, y = np.array(X, dtype=float), np.array(y, dtype=float)
        xm, ym = X.mean(0), y.mean()
        X -= xm
        y -= ym
        w = np.linalg.inv(X.T @ X + alpha * np.eye(X.shape[1])) @ (X.T @ y)
        return ym - xm @ w, w

    checks.check_fit_ridge_shapes(copy_then_in_place)
    checks.check_fit_ridge_matches_reference(copy_then_in_place)
    checks.check_fit_ridge_intercept_unpenalised(copy_then_in_place)


@pytest.mark.parametrize("wrong, message, mistake", [
    (lambda X, y, b, w, a: float(np.sum((y - b - X @ w) ** 2) + a * np.sum(w) ** 2), "squared the SUM", "square_of_sum"),
    (lambda X, y, b, w, a: float(np.sum(y - b - X @ w) ** 2 + a * w @ w), "square of the summed residuals",
     "residual_sum_squared"),
])
def test_objective_check_names_squares_of_sums(wrong, message, mistake):
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_ridge_objective(wrong)
    assert info.value.mistake == f"ridge.ridge_objective.{mistake}"


def test_best_alpha_check_names_a_position(lesson_context):
    ctx = lesson_context
    alphas, cv_rmse, train_rmse = ctx["alphas"], ctx["cv_rmse"], ctx["train_rmse"]
    with pytest.raises(CheckFailed, match="POSITION") as info:
        checks.check_best_alpha(np.argmin(cv_rmse.mean(axis=1)), alphas, cv_rmse, train_rmse)
    assert info.value.mistake == "ridge.best_alpha.index_not_alpha"
