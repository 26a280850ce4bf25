"""Lesson 02 reference package: agrees with scikit-learn's Lasso, and its checks catch typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LassoCV, lasso_path
from sklearn.model_selection import KFold, cross_val_score, train_test_split

from lessonkit.data import auto_mpg_xy
from reference_solutions import lasso as ref
from reference_solutions.checks import CheckFailed, random_regression_problem
from reference_solutions.checks._core import one_se_ddof_case, use_seeds
from reference_solutions.checks import lasso as checks


def _sparse_problem(seed, n=None, p=None, correlated=False):
    X, _, b, w = random_regression_problem(seed, n=n, p=p, correlated=correlated)
    w[::3] = 0.0
    y = b + X @ w + 0.5 * np.random.default_rng(seed).normal(size=len(X))
    return X, y


# ---------------------------------------------------------------- soft-threshold

def test_soft_threshold_is_the_proximal_operator_of_the_absolute_value():
    rng = np.random.default_rng(0)
    grid = np.linspace(-10, 10, 200_001)
    for z, t in zip(rng.normal(0, 3, size=8), rng.uniform(0, 3, size=8)):
        brute = grid[np.argmin(0.5 * (grid - z) ** 2 + t * np.abs(grid))]
        assert ref.soft_threshold(z, t) == pytest.approx(brute, abs=1e-4)


def test_soft_threshold_is_elementwise_and_returns_exact_zeros_without_negative_zero():
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    out = ref.soft_threshold(z, 1.0)
    np.testing.assert_array_equal(out, [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0])
    assert not np.any(np.signbit(out[1:6])), "zeros should be +0.0"
    assert isinstance(ref.soft_threshold(2.5, 1.0), float)
    with pytest.raises(ValueError):
        ref.soft_threshold(1.0, -0.1)


# ---------------------------------------------------------------- solver vs scikit-learn

@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.5])
def test_lasso_cd_matches_sklearn_lasso(seed, fraction):
    X, y = _sparse_problem(seed, correlated=seed % 2 == 1)
    alpha = fraction * ref.alpha_max(X, y)
    b, w = ref.lasso_cd(X, y, alpha)
    sk = Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, atol=1e-6)
    assert b == pytest.approx(sk.intercept_, abs=1e-6)
    np.testing.assert_array_equal(w == 0, sk.coef_ == 0)


@pytest.mark.parametrize("seed", range(3))
def test_lasso_cd_matches_sklearn_when_p_exceeds_n(seed):
    X, y = _sparse_problem(seed, n=25, p=60)
    alpha = 0.1 * ref.alpha_max(X, y)
    b, w = ref.lasso_cd(X, y, alpha)
    sk = Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, atol=1e-6)
    assert b == pytest.approx(sk.intercept_, abs=1e-6)
    assert np.sum(w != 0) <= len(y), "a Lasso solution has at most n nonzero weights"


def test_lasso_cd_without_intercept_matches_sklearn_fit_intercept_false():
    X, y = _sparse_problem(4)
    alpha = 0.05 * ref.alpha_max(X, y)
    b, w = ref.lasso_cd(X, y, alpha, fit_intercept=False)
    sk = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y)
    assert b == 0.0
    np.testing.assert_allclose(w, sk.coef_, atol=1e-6)


def test_alpha_max_is_where_every_weight_becomes_zero():
    X, y = _sparse_problem(7)
    a = ref.alpha_max(X, y)
    b, w = ref.lasso_cd(X, y, a * 1.0001)
    assert np.all(w == 0) and b == pytest.approx(y.mean())
    assert np.any(ref.lasso_cd(X, y, 0.99 * a)[1] != 0)


def test_coordinate_update_is_the_exact_minimiser_along_one_coordinate():
    rng = np.random.default_rng(5)
    X, y = _sparse_problem(5)
    alpha = 0.1 * ref.alpha_max(X, y)
    w = rng.normal(size=X.shape[1])
    b = y.mean() - X.mean(0) @ w
    j = 1
    partial = y - b - X @ w + X[:, j] * w[j]
    new = ref.coordinate_update(X[:, j], partial, alpha)
    grid = new + np.linspace(-1, 1, 20_001)
    values = [ref.lasso_objective(X, y, b, np.r_[w[:j], g, w[j + 1:]], alpha) for g in grid]
    assert grid[int(np.argmin(values))] == pytest.approx(new, abs=2e-4)


def test_lasso_path_matches_sklearn_lasso_path_on_centred_data():
    X, y = _sparse_problem(3, correlated=True)
    alphas = np.logspace(np.log10(ref.alpha_max(X, y)), -2, 25)
    intercepts, coefs = ref.lasso_path(X, y, alphas)
    _, sk_coefs, _ = lasso_path(X - X.mean(0), y - y.mean(), alphas=alphas, tol=1e-14, max_iter=1_000_000)
    np.testing.assert_allclose(coefs, sk_coefs, atol=1e-6)
    np.testing.assert_allclose(intercepts, y.mean() - X.mean(0) @ coefs, atol=1e-12)


# ---------------------------------------------------------------- choosing alpha

def test_minimum_cv_alpha_equals_lassocv_and_one_se_alpha_is_larger_with_error_within_one_se():
    X, y = _sparse_problem(2, n=80, p=6)
    cv = LassoCV(cv=KFold(5, shuffle=True, random_state=0), alphas=40, tol=1e-10, max_iter=100_000).fit(X, y)
    assert ref.minimum_cv_alpha(cv.alphas_, cv.mse_path_) == pytest.approx(cv.alpha_)
    a1 = ref.one_standard_error_alpha(cv.alphas_, cv.mse_path_)
    mean = cv.mse_path_.mean(1)
    se = cv.mse_path_.std(1, ddof=1) / np.sqrt(5)
    best = np.argmin(mean)
    assert a1 >= cv.alpha_
    assert mean[cv.alphas_ == a1][0] <= mean[best] + se[best]
    assert np.all(mean[cv.alphas_ > a1] > mean[best] + se[best])
    # the rule does not depend on the order of the grid
    assert ref.one_standard_error_alpha(cv.alphas_[::-1], cv.mse_path_[::-1]) == a1


def test_auto_mpg_fold_mse_equals_cross_val_score_of_the_pipeline_per_alpha():
    X, y = auto_mpg_xy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0)
    alphas = np.array([1.0, 0.1])
    cv = KFold(5, shuffle=True, random_state=0)
    table = ref.auto_mpg_fold_mse(X_train, y_train, alphas, cv)
    for row, a in zip(table, alphas):
        scores = cross_val_score(ref.auto_mpg_lasso(a), X_train, y_train, cv=cv, scoring="neg_mean_squared_error")
        np.testing.assert_allclose(row, -scores, rtol=1e-12)


# ---------------------------------------------------------------- the checks

def test_checks_accept_the_reference():
    checks.check_soft_threshold(ref.soft_threshold)
    checks.check_soft_threshold_exact_zeros(ref.soft_threshold)
    checks.check_coordinate_update(ref.coordinate_update)
    checks.check_lasso_cd_matches_reference(ref.lasso_cd)
    checks.check_lasso_cd_intercept_unpenalised(ref.lasso_cd)
    checks.check_lasso_cd_kkt(ref.lasso_cd)
    checks.check_selected_features(ref.selected_features)
    checks.check_one_standard_error_alpha(ref.one_standard_error_alpha)


def test_check_problems_have_exact_zeros_some_nonzeros_an_intercept_and_p_greater_than_n():
    problems = checks._problems()
    assert any(X.shape[1] > X.shape[0] for X, _, _ in problems)
    for X, y, alpha in problems:
        b, w = ref.lasso_cd(X, y, alpha)
        assert 0 < np.sum(w == 0) < len(w)
        assert abs(b) > 0.5


WRONG_SOFT_THRESHOLDS = {
    "missing clip": (lambda z, t: np.sign(z) * (np.abs(z) - t), "missing the clip"),
    "wrong sign": (lambda z, t: -np.sign(z) * np.maximum(np.abs(z) - t, 0), "sign is reversed"),
    "z - t": (lambda z, t: np.asarray(z, float) - t, "shifts every value down"),
    "positive side only": (lambda z, t: np.maximum(np.asarray(z, float) - t, 0), "negative inputs"),
    "hard threshold": (lambda z, t: np.where(np.abs(z) > t, z, 0.0), "hard thresholding"),
    "L2 shrink": (lambda z, t: np.asarray(z, float) / (1 + t), "L2"),
    "scalar only": (lambda z, t: max(abs(z) - t, 0.0) * (1 if z > 0 else -1), "elementwise"),
}


@pytest.mark.parametrize("mistake", WRONG_SOFT_THRESHOLDS)
def test_soft_threshold_check_names_the_mistake(mistake):
    wrong, message = WRONG_SOFT_THRESHOLDS[mistake]
    with pytest.raises(CheckFailed, match=message):
        checks.check_soft_threshold(wrong)


def test_exact_zero_check_rejects_a_missing_clip_but_accepts_a_wrong_sign():
    with pytest.raises(CheckFailed, match="exactly 0"):
        checks.check_soft_threshold_exact_zeros(lambda z, t: np.sign(z) * (np.abs(z) - t))
    checks.check_soft_threshold_exact_zeros(lambda z, t: -np.sign(z) * np.maximum(np.abs(z) - t, 0))


S = ref.soft_threshold
WRONG_UPDATES = {
    "missing 1/n": (lambda x, r, a: S(x @ r, a) / (x @ x), "1/n factors are missing"),
    "L2": (lambda x, r, a: (x @ r / len(x)) / (x @ x / len(x) + a), "L2"),
    "no denominator": (lambda x, r, a: S(x @ r / len(x), a), "forgot to divide"),
    "threshold alpha/2": (lambda x, r, a: S(x @ r / len(x), a / 2) / (x @ x / len(x)), "alpha/2"),
    "no penalty": (lambda x, r, a: (x @ r) / (x @ x), "no penalty"),
}


@pytest.mark.parametrize("mistake", WRONG_UPDATES)
def test_coordinate_update_check_names_the_mistake(mistake):
    wrong, message = WRONG_UPDATES[mistake]
    with pytest.raises(CheckFailed, match=message):
        checks.check_coordinate_update(wrong)


def _cd(update=ref.coordinate_update, *, centre=True, ones=False, sweeps=10_000, standardise=False):
    """A student-style residual-update solver with one switchable mistake."""
    def lasso_cd(X, y, alpha):
        X, y = np.asarray(X, float), np.asarray(y, float)
        if standardise:
            X = X / X.std(0)
        if ones:
            X = np.column_stack([np.ones(len(y)), X])
        xm, ym = (X.mean(0), y.mean()) if centre else (np.zeros(X.shape[1]), 0.0)
        Xc, r = X - xm, y - ym
        w = np.zeros(X.shape[1])
        for _ in range(sweeps):
            change = 0.0
            for j in range(X.shape[1]):
                part = r + Xc[:, j] * w[j]
                new = update(Xc[:, j], part, alpha)
                change = max(change, abs(new - w[j]))
                w[j] = new
                r = part - Xc[:, j] * new
            if change < 1e-11:
                break
        if ones:
            return float(w[0]), w[1:]
        return float(ym - xm @ w), w
    return lasso_cd


def test_student_style_solver_passes_every_solver_check():
    solver = _cd()
    checks.check_lasso_cd_matches_reference(solver)
    checks.check_lasso_cd_intercept_unpenalised(solver)
    checks.check_lasso_cd_kkt(solver)


WRONG_SOLVERS = {
    "penalised intercept": (_cd(centre=False, ones=True), "intercept is penalised", True, True),
    "no intercept": (_cd(centre=False), "no intercept", True, True),
    "missing 1/n": (_cd(WRONG_UPDATES["missing 1/n"][0]), "divided by n", False, True),
    "L2": (_cd(WRONG_UPDATES["L2"][0]), "ridge", False, True),
    "standardised inside": (_cd(standardise=True), "standardised inside", True, True),
    "three sweeps": (_cd(sweeps=3), "after 3 sweeps", False, True),
}


@pytest.mark.parametrize("mistake", WRONG_SOLVERS)
def test_solver_checks_reject_the_mistake_with_its_name(mistake):
    solver, message, loses_intercept, loses_kkt = WRONG_SOLVERS[mistake]
    with pytest.raises(CheckFailed, match=message):
        checks.check_lasso_cd_matches_reference(solver)
    if loses_intercept:
        with pytest.raises(CheckFailed, match="average"):
            checks.check_lasso_cd_intercept_unpenalised(solver)
    else:
        checks.check_lasso_cd_intercept_unpenalised(solver)
    if loses_kkt:
        with pytest.raises(CheckFailed, match="KKT"):
            checks.check_lasso_cd_kkt(solver)


def test_solver_check_reports_divergence():
    with pytest.raises(CheckFailed, match="diverged"):
        checks.check_lasso_cd_matches_reference(_cd(lambda x, r, a: -S(x @ r / len(x), a) / (x @ x / len(x)), sweeps=200))


@pytest.mark.parametrize("wrong, message", [
    (lambda c, n: [m for m, v in zip(n, c) if abs(v) > 1e-3], "treated as zero"),
    (lambda c, n: [m for m, v in zip(n, c) if v > 0], "only positive"),
    (lambda c, n: [m for m, v in zip(n, c) if v == 0], "dropped"),
    (lambda c, n: list(np.flatnonzero(c)), "positions"),
])
def test_selected_features_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_selected_features(wrong)


def _one_se(pick="max", spread="se", order_free=True):
    def rule(alphas, table):
        alphas, table = np.asarray(alphas), np.asarray(table)
        mean = table.mean(1)
        sd = table.std(1, ddof=1)
        se = sd / np.sqrt(table.shape[1]) if spread == "se" else sd
        best = np.argmin(mean)
        ok = mean <= mean[best] + se[best]
        if not order_free:
            return float(alphas[np.flatnonzero(ok)[-1]])
        return float(alphas[ok].max() if pick == "max" else alphas[ok].min())
    return rule


@pytest.mark.parametrize("wrong, message", [
    (_one_se(pick="min"), "SMALLEST"),
    (_one_se(spread="std"), "standard deviation"),
    (_one_se(order_free=False), "SMALLEST"),
    (lambda a, t: float(np.asarray(a)[np.argmin(np.asarray(t).mean(1))]), "minimum mean error"),
])
def test_one_se_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_one_standard_error_alpha(wrong)


def test_one_se_check_rejects_population_standard_deviation():
    # the lesson states ddof=1; the built case makes ddof=0 pick another alpha, whatever the seeds
    def rule(alphas, table):
        mean = table.mean(1)
        se = table.std(1) / np.sqrt(table.shape[1])
        best = np.argmin(mean)
        return float(np.max(alphas[mean <= mean[best] + se[best]]))
    for seeds in ((11, 23, 37, 41, 59), (1, 2, 3, 4, 5), (902, 17, 4, 77, 3000)):
        with use_seeds(seeds), pytest.raises(CheckFailed, match="ddof=0"):
            checks.check_one_standard_error_alpha(rule)


def test_one_se_ddof_case_separates_every_rule():
    for seed in (0, 1, 2, 3):
        for k in (5, 10, 25):
            alphas, table = one_se_ddof_case(seed, np.logspace(-3, 1, 41), k)
            mean, best = table.mean(1), int(np.argmin(table.mean(1)))
            sd1, sd0 = table.std(1, ddof=1), table.std(1)
            answers = {
                "rule": alphas[mean <= mean[best] + sd1[best] / np.sqrt(k)].max(),
                "ddof0": alphas[mean <= mean[best] + sd0[best] / np.sqrt(k)].max(),
                "minimum": alphas[best],
                "smallest": alphas[mean <= mean[best] + sd1[best] / np.sqrt(k)].min(),
                "std": alphas[mean <= mean[best] + sd1[best]].max(),
                "own_se": alphas[mean - sd1 / np.sqrt(k) <= mean[best]].max(),
            }
            assert len(set(answers.values())) == len(answers), answers


@pytest.fixture(scope="module")
def auto_mpg_split():
    X, y = auto_mpg_xy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0)
    names = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year",
             "origin_Europe", "origin_Japan"]
    return X_train, y_train, names


def test_auto_mpg_selection_check_accepts_reference_and_names_unscaled_fit(auto_mpg_split):
    X_train, y_train, names = auto_mpg_split
    model = ref.auto_mpg_lasso(0.5).fit(X_train, y_train)
    checks.check_auto_mpg_selection(ref.selected_features(model[-1].coef_, names), X_train, y_train, names, 0.5)
    with pytest.raises(CheckFailed, match="UNSCALED"):
        checks.check_auto_mpg_selection(["displacement", "horsepower", "weight", "model_year"],
                                        X_train, y_train, names, 0.5)


def test_fold_mse_check_names_leaky_scaling_and_sign(auto_mpg_split):
    from sklearn.model_selection import validation_curve

    from reference_solutions.linear_regression import auto_mpg_preprocess
    X_train, y_train, _ = auto_mpg_split
    alphas = np.logspace(1, -3, 8)
    cv = KFold(5, shuffle=True, random_state=0)
    good = ref.auto_mpg_fold_mse(X_train, y_train, alphas, cv)
    checks.check_fold_mse(good, X_train, y_train, alphas, cv)
    with pytest.raises(CheckFailed, match="negate"):
        checks.check_fold_mse(-good, X_train, y_train, alphas, cv)
    with pytest.raises(CheckFailed, match="transpose"):
        checks.check_fold_mse(good.T, X_train, y_train, alphas, cv)
    Z = auto_mpg_preprocess().fit_transform(X_train)
    _, leaky = validation_curve(Lasso(max_iter=10_000), Z, y_train, param_name="alpha", param_range=alphas,
                                cv=cv, scoring="neg_mean_squared_error")
    with pytest.raises(CheckFailed, match="whole training split"):
        checks.check_fold_mse(-leaky, X_train, y_train, alphas, cv)


def _solver(scheme="gauss_seidel", *, centre_x=True, update=ref.coordinate_update, intercept="means", order=None):
    """A student-style solver with the lesson's signature (max_sweeps included), so that the checks'
    one- and two-sweep probes reach it; ``scheme`` 'jacobi' or 'no_add_back' is the mistake to name."""
    def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
        X, y = np.asarray(X, float), np.asarray(y, float)
        xm, ym = X.mean(0), y.mean()
        Xc, r = (X - xm if centre_x else X), y - ym
        p = X.shape[1]
        w = np.zeros(p)
        with np.errstate(all="ignore"):
            for _ in range(max_sweeps):
                old = w.copy()
                if scheme == "jacobi":
                    r = (y - ym) - Xc @ w
                    w = np.array([update(Xc[:, j], r + Xc[:, j] * w[j], alpha) for j in range(p)])
                else:
                    for j in (order(p) if order else range(p)):
                        part = r + Xc[:, j] * w[j]
                        new = update(Xc[:, j], r if scheme == "no_add_back" else part, alpha)
                        r = r - Xc[:, j] * new if scheme == "no_add_back" else part - Xc[:, j] * new
                        w[j] = new
                if not np.all(np.isfinite(w)) or np.max(np.abs(w - old)) < tol:
                    break
        b = {"means": ym - xm @ w, "mean_y": ym, "zero": 0.0}[intercept]
        return float(b), w
    return lasso_cd


def test_solver_probes_leave_correct_solvers_alone():
    """Solvers that sweep in another order, or take no max_sweeps, still pass every solver check."""
    for solver in (_solver(), _solver(order=lambda p: reversed(range(p))), _cd()):
        checks.check_lasso_cd_matches_reference(solver)
        checks.check_lasso_cd_intercept_unpenalised(solver)
        checks.check_lasso_cd_kkt(solver)


@pytest.mark.parametrize("solver, message, mistake, loses_intercept", [
    (_solver(centre_x=False), "you centred y but not the columns of X", "y_centred_only", False),
    (_solver("jacobi"), "residual at the START of the sweep", "jacobi", True),
    (_solver("no_add_back"), "without adding feature j back", "no_partial_residual", None),
    (_solver(intercept="mean_y"), "your intercept is mean", "intercept_mean_y", True),
    (_solver(intercept="zero"), "your intercept is 0", "intercept_zero", True),
])
def test_solver_checks_name_centring_sweep_scheme_and_intercept(solver, message, mistake, loses_intercept):
    """The issue's two cases (y centred but not X; Jacobi sweeps, which diverge) and the intercept formulas
    get a diagnosis naming what the student did, not 'you stopped too early' or 'check the sign'."""
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_lasso_cd_matches_reference(solver)
    assert info.value.mistake == f"lasso.lasso_cd_matches_reference.{mistake}"
    if loses_intercept:
        with pytest.raises(CheckFailed, match=message):
            checks.check_lasso_cd_intercept_unpenalised(solver)
    elif loses_intercept is False:
        checks.check_lasso_cd_intercept_unpenalised(solver)
    if not mistake.startswith("intercept"):
        with pytest.raises(CheckFailed, match=message):
            checks.check_lasso_cd_kkt(solver)


def test_diverging_solver_is_told_which_update_is_wrong():
    wrong_sign = _solver(update=lambda x, r, a: -S(x @ r / len(x), a) / (x @ x / len(x)))
    with pytest.raises(CheckFailed, match="diverged.*soft_threshold.*sign is reversed"):
        checks.check_lasso_cd_matches_reference(wrong_sign)
    no_denominator = _solver(update=lambda x, r, a: S(x @ r / len(x), a))
    with pytest.raises(CheckFailed, match="diverged.*not divided by x_jᵀx_j/n") as info:
        checks.check_lasso_cd_matches_reference(no_denominator)
    assert info.value.mistake == "lasso.lasso_cd_matches_reference.diverged"


def test_one_se_check_names_a_position_and_the_wrong_axis():
    def position(alphas, table):
        mean = table.mean(1)
        se = table.std(1, ddof=1) / np.sqrt(table.shape[1])
        ok = np.flatnonzero(mean <= mean.min() + se[np.argmin(mean)])
        return int(ok[np.argmax(np.asarray(alphas)[ok])])

    with pytest.raises(CheckFailed, match="POSITION") as info:
        checks.check_one_standard_error_alpha(position)
    assert info.value.mistake == "lasso.one_standard_error_alpha.position"

    def axis0(alphas, table):
        mean = table.mean(axis=0)
        se = table.std(axis=0, ddof=1) / np.sqrt(table.shape[1])
        best = np.argmin(mean)
        return float(np.max(np.asarray(alphas)[mean <= mean[best] + se[best]]))

    with pytest.raises(CheckFailed, match="over axis=1") as info:
        checks.check_one_standard_error_alpha(axis0)
    assert info.value.mistake == "lasso.one_standard_error_alpha.axis"


def test_fold_mse_check_names_training_scores_and_r2(auto_mpg_split):
    from sklearn.model_selection import validation_curve

    X_train, y_train, _ = auto_mpg_split
    alphas = np.logspace(1, -3, 8)
    cv = KFold(5, shuffle=True, random_state=0)
    train, _ = validation_curve(ref.auto_mpg_lasso(1.0), X_train, y_train, param_name="lasso__alpha",
                                param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
    with pytest.raises(CheckFailed, match="TRAINING-fold"):
        checks.check_fold_mse(-train, X_train, y_train, alphas, cv)
    _, r2 = validation_curve(ref.auto_mpg_lasso(1.0), X_train, y_train, param_name="lasso__alpha",
                             param_range=alphas, cv=cv)
    with pytest.raises(CheckFailed, match="R² scores") as info:
        checks.check_fold_mse(r2, X_train, y_train, alphas, cv)
    assert info.value.mistake == "lasso.fold_mse.r2_scores"
