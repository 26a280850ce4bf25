"""Lesson 04 reference (elastic net) agrees with scikit-learn, and its checks name typical mistakes."""

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, Ridge, enet_path

from reference_solutions import elastic_net as ref
from reference_solutions.checks import CheckFailed, random_regression_problem
from reference_solutions.checks import elastic_net as checks
from reference_solutions.lasso import soft_threshold

CASES = [(0, 0.1, 0.5), (1, 0.5, 0.2), (2, 0.05, 1.0), (3, 1.0, 0.0), (4, 0.3, 0.9), (5, 0.02, 0.7)]


@pytest.mark.parametrize("seed, alpha, l1_ratio", CASES)
def test_enet_cd_matches_sklearn_elastic_net(seed, alpha, l1_ratio):
    X, y, *_ = random_regression_problem(seed, correlated=True)
    b, w = ref.enet_cd(X, y, alpha, l1_ratio)
    sk = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, atol=1e-6)
    assert b == pytest.approx(sk.intercept_, abs=1e-6)


def test_enet_cd_follows_sklearn_enet_path():
    X, y, *_ = random_regression_problem(7, n=60, p=5)
    Xc, yc = X - X.mean(0), y - y.mean()
    alphas, coefs, _ = enet_path(Xc, yc, l1_ratio=0.4, alphas=np.logspace(0, -2, 8), tol=1e-12, max_iter=200_000)
    for k, a in enumerate(alphas):
        np.testing.assert_allclose(ref.enet_cd(X, y, a, 0.4)[1], coefs[:, k], atol=1e-6)


def test_elastic_net_cv_choice_minimises_mean_cv_error():
    X, y, *_ = random_regression_problem(8, n=80, p=5)
    cv = ElasticNetCV(l1_ratio=[0.0, 0.5, 1.0], alphas=np.logspace(-3, 0, 12), cv=4, tol=1e-10,
                      max_iter=100_000).fit(X, y)
    mse = cv.mse_path_.mean(axis=2)
    i, k = np.unravel_index(np.argmin(mse), mse.shape)
    assert cv.l1_ratio_ == [0.0, 0.5, 1.0][i]
    assert cv.alpha_ == pytest.approx(np.broadcast_to(cv.alphas_, mse.shape)[i, k])
    np.testing.assert_allclose(ref.enet_cd(X, y, cv.alpha_, cv.l1_ratio_)[1], cv.coef_, atol=1e-5)


@pytest.mark.parametrize("seed, ridge_alpha", [(0, 1.0), (1, 10.0), (2, 250.0)])
def test_ridge_equals_elastic_net_with_alpha_over_n_and_l1_ratio_0(seed, ridge_alpha):
    X, y, *_ = random_regression_problem(seed)
    a = ref.ridge_alpha_to_enet_alpha(ridge_alpha, len(y))
    sk_enet = ElasticNet(alpha=a, l1_ratio=0.0, tol=1e-12, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(sk_enet.coef_, Ridge(alpha=ridge_alpha).fit(X, y).coef_, atol=1e-6)
    np.testing.assert_allclose(ref.enet_cd(X, y, a, 0.0)[1], Ridge(alpha=ridge_alpha).fit(X, y).coef_, atol=1e-6)


def test_l1_ratio_1_is_the_lasso():
    X, y, *_ = random_regression_problem(3)
    np.testing.assert_allclose(ref.enet_cd(X, y, 0.2, 1.0)[1],
                               Lasso(alpha=0.2, tol=1e-12, max_iter=200_000).fit(X, y).coef_, atol=1e-6)


def test_penalty_conversions_give_equal_objectives_up_to_a_factor():
    rng = np.random.default_rng(0)
    X, y, *_ = random_regression_problem(2)
    n = len(y)
    alpha, rho = 0.3, 0.4
    c = ref.penalty_conversions(alpha, rho, n)
    for _ in range(5):
        b, w = rng.normal(), rng.normal(size=X.shape[1])
        r = y - b - X @ w
        enet = ref.enet_objective(X, y, b, w, alpha, rho)
        keras_loss = r @ r / n + c["keras_l1"] * np.abs(w).sum() + c["keras_l2"] * w @ w
        assert keras_loss == pytest.approx(2 * enet, rel=1e-12)
    c0 = ref.penalty_conversions(alpha, 0.0, n)
    w = rng.normal(size=X.shape[1])
    # SGD's step adds weight_decay * w to the gradient of the mean squared error (1/n)||r||²,
    # which is the gradient of 2 * ElasticNet's objective with l1_ratio = 0.
    r = y - X @ w
    grad_torch = -2 * X.T @ r / n + c0["torch_sgd_weight_decay"] * w
    grad_enet = -X.T @ r / n + alpha * w
    np.testing.assert_allclose(grad_torch, 2 * grad_enet, rtol=1e-12)
    assert c0["ridge_alpha"] == pytest.approx(alpha * n)


def test_grouping_data_shows_the_grouping_effect():
    X, y, names = ref.grouping_data()
    lasso = ref.nonzero_features(Lasso(alpha=1.0, max_iter=100_000).fit(X, y).coef_, names)
    enet = ref.nonzero_features(ElasticNet(alpha=1.0, l1_ratio=0.3, max_iter=100_000).fit(X, y).coef_, names)
    assert set(lasso) < set(enet) and {"x_a", "x_b", "x_c"} <= set(enet)
    assert checks.check_grouping(lasso, enet) is None
    with pytest.raises(CheckFailed, match="swapped"):
        checks.check_grouping(enet, lasso)


def test_checks_accept_the_reference():
    checks.check_enet_coordinate_update(ref.enet_coordinate_update)
    checks.check_enet_cd_matches_sklearn(ref.enet_cd)
    checks.check_enet_cd_intercept_unpenalised(ref.enet_cd)
    checks.check_enet_cd_ends(ref.enet_cd)
    checks.check_ridge_alpha_to_enet_alpha(ref.ridge_alpha_to_enet_alpha)


def _update(threshold, denominator):
    def update(x, r, alpha, l1_ratio):
        n = len(x)
        return float(soft_threshold(x @ r / n, threshold(alpha, l1_ratio)) / (x @ x / n + denominator(alpha, l1_ratio)))
    return update


@pytest.mark.parametrize("wrong, message", [
    (_update(lambda a, r: a * (1 - r), lambda a, r: a * r), "swapped"),
    (_update(lambda a, r: a * r, lambda a, r: 2 * a * (1 - r)), "1/2"),
    (_update(lambda a, r: a, lambda a, r: a * (1 - r)), "not alpha"),
    (_update(lambda a, r: a * r, lambda a, r: 0.0), "L2 part is missing"),
    (lambda x, r, a, l1: float(soft_threshold(x @ r, a * l1) / (x @ x + a * (1 - l1))), "1/n"),
])
def test_update_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_enet_coordinate_update(wrong)


def test_solver_checks_name_swapped_l1_ratio_and_penalised_intercept():
    with pytest.raises(CheckFailed, match="swapped"):
        checks.check_enet_cd_matches_sklearn(lambda X, y, a, r: ref.enet_cd(X, y, a, 1 - r))

    def penalised_intercept(X, y, alpha, l1_ratio):
        A = np.column_stack([np.ones(len(X)), X])
        b, theta = ref.enet_cd(A, y, alpha, l1_ratio)  # ones column is centred away...
        theta[0] = 0.0
        w = theta[1:]
        shrink = 1.0 / (1.0 + alpha)  # ...so shrink the intercept as a penalty on b would
        return float((np.mean(y) - X.mean(0) @ w) * shrink), w

    with pytest.raises(CheckFailed, match="intercept|residuals"):
        checks.check_enet_cd_intercept_unpenalised(penalised_intercept)


@pytest.mark.parametrize("wrong, message", [
    (lambda a, n: a * n, "alpha·n"),
    (lambda a, n: a / (2 * n), "alpha/\\(2n\\)"),
    (lambda a, n: a, "not the same"),
])
def test_conversion_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_ridge_alpha_to_enet_alpha(wrong)


def test_solver_checks_name_in_place_centring_and_standardising_inside():
    def in_place(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
        x_mean, y_mean = X.mean(axis=0), y.mean()
        X -= x_mean
        b, w = ref.enet_cd(X, y - y_mean, alpha, l1_ratio)
        return float(y_mean - x_mean @ w), w

    def standardised(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
        sd = X.std(axis=0)
        b, w = ref.enet_cd(X / sd, y, alpha, l1_ratio)
        return b, w / sd

    # the values are right, but the caller's X changed: both cells that call the solver say so
    with pytest.raises(CheckFailed, match="in place"):
        checks.check_enet_cd_matches_sklearn(in_place)
    with pytest.raises(CheckFailed, match="in place"):
        checks.check_enet_cd_intercept_unpenalised(in_place)
    with pytest.raises(CheckFailed, match="standardised inside the solver"):
        checks.check_enet_cd_matches_sklearn(standardised)
    with pytest.raises(CheckFailed, match="standardised inside the solver"):
        checks.check_enet_cd_ends(standardised)


def test_conversion_check_names_an_inverted_ratio():
    with pytest.raises(CheckFailed, match="upside down") as info:
        checks.check_ridge_alpha_to_enet_alpha(lambda a, n: n / a)
    assert info.value.mistake == "elastic_net.ridge_alpha_to_enet_alpha.inverted"


def _kept(model_coef):
    _, _, names = ref.grouping_data()
    return [name for name, c in zip(names, model_coef) if c != 0]


@pytest.fixture(scope="module")
def grouping_coefs():
    X, y, names = ref.grouping_data()
    return (Lasso(alpha=1.0, max_iter=100_000).fit(X, y).coef_,
            ElasticNet(alpha=1.0, l1_ratio=0.3, max_iter=100_000).fit(X, y).coef_, names)


def test_grouping_check_accepts_numpy_arrays_of_names(grouping_coefs):
    lasso, enet, names = grouping_coefs
    checks.check_grouping(np.array(names)[lasso != 0], np.array(names)[enet != 0])
    checks.check_grouping(_kept(lasso), tuple(_kept(enet)))


@pytest.mark.parametrize("make, message, mistake", [
    (lambda coef, names: list(np.flatnonzero(coef)), "holds positions", "positions"),
    (lambda coef, names: list(coef != 0), "True/False mask", "boolean_mask"),
    (lambda coef, names: coef[coef != 0], "coefficient VALUES", "values"),
])
def test_grouping_check_names_what_was_listed_instead_of_names(grouping_coefs, make, message, mistake):
    lasso, enet, names = grouping_coefs
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_grouping(make(lasso, names), make(enet, names))
    assert info.value.mistake == f"elastic_net.grouping.{mistake}"


@pytest.mark.parametrize("intercept, message, mistake", [
    (lambda X, y, w: 0.0, "already-centred", "intercept_from_centred_means"),
    (lambda X, y, w: float(np.mean(y)), "your intercept is mean", "intercept_mean_y"),
])
def test_solver_checks_name_the_intercept_formula(intercept, message, mistake):
    def solver(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
        _, w = ref.enet_cd(X, y, alpha, l1_ratio)
        return intercept(X, y, w), w

    for check in (checks.check_enet_cd_matches_sklearn, checks.check_enet_cd_intercept_unpenalised):
        with pytest.raises(CheckFailed, match=message) as info:
            check(solver)
        assert info.value.mistake.endswith(f".{mistake}")


def test_solver_check_names_y_centred_but_not_x():
    def y_only(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
        m = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-12, max_iter=200_000)
        w = m.fit(X, y - y.mean()).coef_
        return float(y.mean() - X.mean(0) @ w), w

    with pytest.raises(CheckFailed, match="centred y but not the columns of X") as info:
        checks.check_enet_cd_matches_sklearn(y_only)
    assert info.value.mistake == "elastic_net.enet_cd_matches_sklearn.y_centred_only"


def _solver(scheme="gauss_seidel", *, order=None):
    """A student-style solver with the lesson's signature (max_sweeps included), so that the checks' one- and
    two-sweep probes reach it; ``scheme`` 'jacobi' computes every weight of a sweep from the residual at the
    start of the sweep."""
    def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
        X, y = np.asarray(X, float), np.asarray(y, float)
        xm, ym = X.mean(0), y.mean()
        Xc, r = X - xm, y - ym
        p = X.shape[1]
        w = np.zeros(p)
        with np.errstate(all="ignore"):
            for _ in range(max_sweeps):
                old = w.copy()
                if scheme == "jacobi":
                    r = (y - ym) - Xc @ w
                    w = np.array([ref.enet_coordinate_update(Xc[:, j], r + Xc[:, j] * w[j], alpha, l1_ratio)
                                  for j in range(p)])
                else:
                    for j in (order(p) if order else range(p)):
                        part = r + Xc[:, j] * w[j]
                        w[j] = ref.enet_coordinate_update(Xc[:, j], part, alpha, l1_ratio)
                        r = part - Xc[:, j] * w[j]
                if not np.all(np.isfinite(w)) or np.max(np.abs(w - old)) < tol:
                    break
        return float(ym - xm @ w), w
    return enet_cd


def _no_max_sweeps(X, y, alpha, l1_ratio):
    return ref.enet_cd(X, y, alpha, l1_ratio)


@pytest.mark.parametrize("solver", [ref.enet_cd, _solver(), _solver(order=lambda p: reversed(range(p))),
                                    _no_max_sweeps])
def test_solver_probes_leave_correct_solvers_alone(solver):
    """Solvers that sweep in another order, or take no max_sweeps, still pass every solver check."""
    checks.check_enet_cd_matches_sklearn(solver)
    checks.check_enet_cd_intercept_unpenalised(solver)
    checks.check_enet_cd_ends(solver)


def test_solver_check_names_a_jacobi_sweep():
    """A solver that computes every weight of a sweep from the residual at the start of the sweep diverges on
    the correlated problems; the message names the sweep scheme (from the one- and two-sweep probes), not only
    'NaN or infinite values'."""
    jacobi = _solver("jacobi")
    with pytest.raises(CheckFailed, match="diverged.*residual at the START of the sweep.*Jacobi-style") as info:
        checks.check_enet_cd_matches_sklearn(jacobi)
    assert info.value.mistake == "elastic_net.enet_cd_matches_sklearn.jacobi"
    assert checks._probe_diagnosis(checks._sweep_probes(jacobi))[0] == "jacobi"
    for solver in (ref.enet_cd, _solver(), _no_max_sweeps):
        assert checks._probe_diagnosis(checks._sweep_probes(solver)) is None
