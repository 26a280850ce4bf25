"""Lesson 07 reference package: agrees with scipy and scikit-learn, and its checks name typical mistakes."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from scipy import stats
from scipy.optimize import minimize
from scipy.stats import loguniform
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import GridSearchCV, HalvingRandomSearchCV, KFold, cross_val_score, train_test_split

from lessonkit.data import auto_mpg_xy
from reference_solutions import choosing_lambda as ref
from reference_solutions import lasso as lasso_ref
from reference_solutions.checks import CheckFailed
from reference_solutions.checks._core import use_seeds
from reference_solutions.checks import choosing_lambda as checks


@pytest.fixture(scope="module")
def auto_mpg_train():
    X, y = auto_mpg_xy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0)
    return X_train, y_train


# ---------------------------------------------------------------- paired comparison

def test_paired_se_is_the_denominator_of_scipys_paired_t_statistic():
    rng = np.random.default_rng(0)
    for k in (5, 10, 20):
        base = rng.normal(10, 2, size=k)
        a, b = base + rng.normal(0, 0.3, size=k), base + 0.2 + rng.normal(0, 0.3, size=k)
        mean, se = ref.paired_difference_se(a, b)
        assert mean == pytest.approx(np.mean(a - b))
        assert mean / se == pytest.approx(stats.ttest_rel(a, b).statistic, rel=1e-12)
        assert se < ref.unpaired_se(a, b) / 3, "pairing removes the shared fold difficulty"
        # Nadeau-Bengio: 1/K becomes 1/K + n_test/n_train (here 5-fold: 1/4)
        assert ref.corrected_paired_se(a, b, 0.2) == pytest.approx(
            np.std(a - b, ddof=1) * math.sqrt(1 / k + 0.25))


def test_unpaired_se_is_the_welch_denominator():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=12), rng.normal(1, 2, size=12)
    t = stats.ttest_ind(a, b, equal_var=False).statistic
    assert (a.mean() - b.mean()) / ref.unpaired_se(a, b) == pytest.approx(t, rel=1e-12)


# ---------------------------------------------------------------- one-SE rule

def test_one_se_choice_on_scores_equals_lesson_02_rule_on_errors():
    for alphas, table in checks._one_se_cases():
        assert ref.one_se_choice(alphas, table) == lasso_ref.one_standard_error_alpha(alphas, -table)
        assert ref.one_se_choice(alphas[::-1], table[::-1]) == ref.one_se_choice(alphas, table)


def test_one_se_cases_separate_the_rule_from_its_usual_mistakes():
    for alphas, table in checks._one_se_cases():
        want = ref.one_se_choice(alphas, table)
        mean = table.mean(1)
        assert want != alphas[np.argmax(mean)], "the rule should differ from the best alpha"
        assert want != lasso_ref.one_standard_error_alpha(alphas, table), "scores treated as errors"


# ---------------------------------------------------------------- nested CV

def test_nested_cv_score_equals_an_explicit_outer_loop(auto_mpg_train):
    X_train, y_train = auto_mpg_train
    X, y = X_train.iloc[:140], y_train.iloc[:140]
    alphas = [0.1, 3.0, 100.0]
    outer, inner = KFold(4, shuffle=True, random_state=3), KFold(3, shuffle=True, random_state=4)
    got = ref.nested_cv_score(X, y, alphas, outer, inner)
    loop = []
    for tr, te in outer.split(X):
        search = GridSearchCV(ref.ridge_pipeline(), {"ridge__alpha": alphas}, cv=inner,
                              scoring="neg_mean_squared_error").fit(X.iloc[tr], y.iloc[tr])
        loop.append(mean_squared_error(y.iloc[te], search.predict(X.iloc[te])))
    np.testing.assert_allclose(got, loop, rtol=1e-10)
    assert ref.non_nested_best_mse(X, y, alphas, outer) == pytest.approx(
        min(-cross_val_score(ref.ridge_pipeline().set_params(ridge__alpha=a), X, y, cv=outer,
                             scoring="neg_mean_squared_error").mean() for a in alphas))


def test_poly_preprocess_has_27_plus_2_columns(auto_mpg_train):
    X_train, _ = auto_mpg_train
    assert ref.auto_mpg_poly_preprocess().fit_transform(X_train).shape == (len(X_train), 29)


# ---------------------------------------------------------------- successive halving

@pytest.mark.parametrize("args", [(14, 3, 90, 294), (100, 3, 20, 294), (50, 2, 10, 1000),
                                  (40, 4, 15, 600), (7, 2, 30, 200), (30, 3, 50, 100)])
def test_halving_budget_matches_sklearns_halving_random_search(args):
    n_candidates, factor, min_resources, max_resources = args
    rng = np.random.default_rng(0)
    X = rng.normal(size=(max_resources, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=max_resources)
    search = HalvingRandomSearchCV(Ridge(), {"alpha": loguniform(1e-3, 10)}, n_candidates=n_candidates,
                                   factor=factor, min_resources=min_resources, max_resources=max_resources,
                                   cv=2, random_state=0).fit(X, y)
    candidates, resources = ref.halving_budget(*args)
    assert candidates == list(search.n_candidates_)
    assert resources == list(search.n_resources_)
    fits, rows = ref.halving_fits(*args, n_splits=2)
    assert fits == len(search.cv_results_["params"]) * 2
    assert rows == sum(c * r for c, r in zip(candidates, resources))


def test_halving_check_cases_avoid_exact_powers_and_cover_both_limits():
    cases = checks._halving_cases()
    for n_candidates, factor, min_resources, max_resources in cases:
        assert not checks._is_power(n_candidates, factor)
        assert not checks._is_power(max_resources // min_resources, factor)
    limits = set()
    for n_candidates, factor, min_resources, max_resources in cases:
        required = 1 + math.floor(math.log(n_candidates, factor))
        possible = 1 + math.floor(math.log(max_resources // min_resources, factor))
        limits.add("rows" if possible < required else "candidates" if required < possible else "both")
    assert {"rows", "candidates"} <= limits


# ---------------------------------------------------------------- priors and MAP

def test_ridge_alpha_from_a_gaussian_prior_is_the_map():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(60, 4)) * [1.0, 2.0, 0.5, 3.0]
    y = 3.0 + X @ np.array([1.0, -0.5, 2.0, 0.0]) + rng.normal(size=60)
    sigma, tau = 1.5, 0.4
    _, ridge_alpha = ref.alphas_from_priors(sigma, 1.0, tau, len(y))
    fit = Ridge(alpha=ridge_alpha).fit(X, y)
    opt = minimize(lambda t: ref.neg_log_posterior(X, y, t[0], t[1:], sigma, "gaussian", tau),
                   np.zeros(5), method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10_000})
    np.testing.assert_allclose(opt.x[1:], fit.coef_, atol=1e-5)
    assert opt.x[0] == pytest.approx(fit.intercept_, abs=1e-5)


def test_lasso_alpha_from_a_laplace_prior_is_the_map():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 5))
    y = -2.0 + X @ np.array([1.5, 0.0, 0.0, -1.0, 0.2]) + rng.normal(size=80)
    sigma, s = 1.0, 0.05
    lasso_alpha, _ = ref.alphas_from_priors(sigma, s, 1.0, len(y))
    fit = Lasso(alpha=lasso_alpha, tol=1e-12, max_iter=100_000).fit(X, y)
    # -log p = (n / sigma²) * Lasso objective + const, so the minimisers agree
    pts = [(rng.normal(), rng.normal(size=5)) for _ in range(4)]
    for (b1, w1), (b2, w2) in zip(pts, pts[1:]):
        lhs = ref.neg_log_posterior(X, y, b1, w1, sigma, "laplace", s) - ref.neg_log_posterior(X, y, b2, w2, sigma, "laplace", s)
        rhs = lasso_ref.lasso_objective(X, y, b1, w1, lasso_alpha) - lasso_ref.lasso_objective(X, y, b2, w2, lasso_alpha)
        assert lhs == pytest.approx(len(y) / sigma ** 2 * rhs, rel=1e-10)
    best = ref.neg_log_posterior(X, y, fit.intercept_, fit.coef_, sigma, "laplace", s)
    for _ in range(100):
        w = fit.coef_ + 0.01 * rng.normal(size=5)
        assert ref.neg_log_posterior(X, y, fit.intercept_ + 0.01 * rng.normal(), w, sigma, "laplace", s) > best
    assert np.any(fit.coef_ == 0)


# ---------------------------------------------------------------- the checks

def test_checks_accept_the_reference(auto_mpg_train):
    X_train, y_train = auto_mpg_train
    checks.check_paired_difference_se(ref.paired_difference_se)
    checks.check_one_se_choice(ref.one_se_choice)
    checks.check_nested_cv_score(ref.nested_cv_score, X_train, y_train)
    checks.check_halving_budget(ref.halving_budget)
    checks.check_alphas_from_priors(ref.alphas_from_priors)


def test_one_se_check_rejects_population_standard_deviation():
    # the exercise states std(ddof=1); the built case makes ddof=0 pick another alpha, whatever the seeds
    def one_se_ddof0(alphas, scores):
        mean = scores.mean(1)
        best = np.argmax(mean)
        return float(np.max(alphas[mean >= mean[best] - scores.std(1)[best] / np.sqrt(scores.shape[1])]))

    for seeds in ((11, 23, 37, 41, 59), (1, 2, 3, 4, 5), (902, 17, 4, 77, 3000)):
        with use_seeds(seeds), pytest.raises(CheckFailed, match="ddof=0"):
            checks.check_one_se_choice(one_se_ddof0)


def test_checks_accept_equivalent_answers():
    # an integer-loop halving count agrees with log(); std(ddof=0)/sqrt(K-1) is the paired SE
    def halving_loop(n_candidates, factor, min_resources, max_resources):
        required, c = 1, n_candidates
        while c >= factor:
            c //= factor
            required += 1
        possible, r = 1, max_resources // min_resources
        while r >= factor:
            r //= factor
            possible += 1
        cands, res, c = [], [], n_candidates
        for i in range(min(required, possible)):
            cands.append(c)
            res.append(min_resources * factor ** i)
            c = -(-c // factor)
        return cands, res

    checks.check_halving_budget(halving_loop)
    checks.check_paired_difference_se(lambda a, b: (np.mean(a - b), np.std(a - b) / np.sqrt(len(a) - 1)))


def _se(kind):
    def paired(a, b):
        d = a - b
        if kind == "unpaired":
            return d.mean(), np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
        if kind == "no sqrt":
            return d.mean(), d.std(ddof=1)
        if kind == "ddof0":
            return d.mean(), d.std() / np.sqrt(len(d))
        if kind == "sign":
            return -d.mean(), d.std(ddof=1) / np.sqrt(len(d))
        if kind == "by K":
            return d.mean(), d.std(ddof=1) / len(d)
        raise ValueError(kind)
    return paired


@pytest.mark.parametrize("kind, message", [("unpaired", "UNPAIRED"), ("no sqrt", "sqrt"),
                                           ("ddof0", "ddof=0"), ("sign", "wrong sign"), ("by K", "instead of sqrt")])
def test_paired_check_names_the_mistake(kind, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_paired_difference_se(_se(kind))


def _one_se(mode):
    def rule(alphas, scores):
        mean = scores.mean(1)
        se = scores.std(1, ddof=1) / np.sqrt(scores.shape[1])
        if mode == "errors":
            best = np.argmin(mean)
            return float(np.max(alphas[mean <= mean[best] + se[best]]))
        best = np.argmax(mean)
        if mode == "best":
            return float(alphas[best])
        if mode == "smallest":
            return float(np.min(alphas[mean >= mean[best] - se[best]]))
        if mode == "std":
            return float(np.max(alphas[mean >= mean[best] - scores.std(1, ddof=1)[best]]))
        raise ValueError(mode)
    return rule


@pytest.mark.parametrize("mode, message", [("errors", "treated the scores as errors"), ("best", "best mean score"),
                                           ("smallest", "SMALLEST"), ("std", "standard deviation")])
def test_one_se_check_names_the_mistake(mode, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_one_se_choice(_one_se(mode))


def _nested(mode):
    def nested(X, y, alphas, outer_cv, inner_cv):
        grid = {"ridge__alpha": list(alphas)}
        mse = "neg_mean_squared_error"
        if mode == "leaky":
            Z = ref.auto_mpg_poly_preprocess().fit_transform(X)
            search = GridSearchCV(Ridge(), {"alpha": list(alphas)}, cv=inner_cv, scoring=mse)
            return -cross_val_score(search, Z, y, cv=outer_cv, scoring=mse)
        if mode == "tuned on all":
            best = GridSearchCV(ref.ridge_pipeline(), grid, cv=inner_cv, scoring=mse).fit(X, y).best_params_
            return -cross_val_score(ref.ridge_pipeline().set_params(**best), X, y, cv=outer_cv, scoring=mse)
        if mode == "not nested":
            search = GridSearchCV(ref.ridge_pipeline(), grid, cv=outer_cv, scoring=mse).fit(X, y)
            return -np.array([search.cv_results_[f"split{i}_test_score"][search.best_index_]
                              for i in range(outer_cv.get_n_splits())])
        if mode == "not negated":
            return -ref.nested_cv_score(X, y, alphas, outer_cv, inner_cv)
        if mode == "mean":
            return float(ref.nested_cv_score(X, y, alphas, outer_cv, inner_cv).mean())
        raise ValueError(mode)
    return nested


@pytest.mark.parametrize("mode, message", [("leaky", "fitted on all of X"), ("tuned on all", "used for tuning"),
                                           ("not nested", "used for tuning"), ("not negated", "Negate"),
                                           ("mean", "array")])
def test_nested_check_names_the_mistake(mode, message, auto_mpg_train):
    X_train, y_train = auto_mpg_train
    with pytest.raises(CheckFailed, match=message):
        checks.check_nested_cv_score(_nested(mode), X_train, y_train)


@pytest.mark.parametrize("mistake, message", [
    (dict(extra_rounds=1), "one round too many"),
    (dict(extra_rounds=-1), "one round too few"),
    (dict(keep=math.floor), "rounded down"),
    (dict(rounds="required"), "SMALLER"),
    (dict(power_offset=1), "round 0 already"),
])
def test_halving_check_names_the_mistake(mistake, message):
    def wrong(*args):
        return checks._halving_variant(*args, **mistake)
    with pytest.raises(CheckFailed, match=message):
        checks.check_halving_budget(wrong)


@pytest.mark.parametrize("wrong, message", [
    (lambda s, b, t, n: (s / (n * b), s ** 2 / t ** 2), "sigma²"),
    (lambda s, b, t, n: (s ** 2 / b, s ** 2 / t ** 2), "1/n is missing"),
    (lambda s, b, t, n: (s ** 2 / (n * b), s ** 2 / (n * t ** 2)), "Ridge has no 1/n"),
    (lambda s, b, t, n: (s ** 2 * b / n, s ** 2 / t ** 2), "denominator"),
    (lambda s, b, t, n: (s ** 2 / (n * b), t ** 2 / s ** 2), "upside down"),
    (lambda s, b, t, n: (s ** 2 / t ** 2, s ** 2 / (n * b)), "swapped"),
])
def test_prior_check_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_alphas_from_priors(wrong)


# ---------------------------------------------------------------- issue 25: first messages that say what the student did

def _student_error(name):
    """An exception as the judge replays a student's: a class of that name, not the builtin."""
    return type(name, (Exception,), {"__module__": "student"})


def _one_se_lowest_as_best(alphas, scores):
    mean = scores.mean(1)
    best = np.argmin(mean)  # the lowest mean score, as if the scores were errors
    return float(np.max(alphas[mean >= mean[best] - scores.std(1, ddof=1)[best] / np.sqrt(scores.shape[1])]))


def _one_se_keeps_below(alphas, scores):
    mean = scores.mean(1)
    best = np.argmax(mean)
    return float(np.max(alphas[mean <= mean[best] - scores.std(1, ddof=1)[best] / np.sqrt(scores.shape[1])]))


def _one_se_over_alphas(alphas, scores):
    mean = scores.mean(1)
    best = np.argmax(mean)
    return float(np.max(alphas[mean >= mean[best] - scores.std(1, ddof=1)[best] / np.sqrt(len(alphas))]))


def _one_se_axis0(alphas, scores):
    mean = scores.mean(axis=0)
    se = scores.std(axis=0, ddof=1) / np.sqrt(scores.shape[0])
    best = np.argmax(mean)
    return float(np.max(alphas[mean >= mean[best] - se[best]]))


@pytest.mark.parametrize("seeds", [(11, 23, 37, 41, 59), (1, 2, 3, 4, 5), (902, 17, 4, 77, 3000)])
@pytest.mark.parametrize("rule, message, mistake", [
    (_one_se_lowest_as_best, "LOWEST mean score as the best", "lowest_as_best"),
    (_one_se_keeps_below, "at most the threshold", "kept_below_threshold"),
    (_one_se_over_alphas, "sqrt(len(alphas))", "se_over_alphas"),
    (_one_se_axis0, "axis=0", "wrong_axis"),
])
def test_one_se_check_names_the_part_of_the_rule_that_is_wrong(seeds, rule, message, mistake):
    with use_seeds(seeds), pytest.raises(CheckFailed, match=re.escape(message)) as info:
        checks.check_one_se_choice(rule)
    assert info.value.mistake == f"choosing_lambda.one_se_choice.{mistake}"
    assert "LOWEST" not in str(info.value) or mistake == "lowest_as_best"


def test_the_flat_top_case_tells_the_lowest_best_from_keeping_the_alphas_below():
    # the rule returns the largest alpha there, as "lowest mean as best" does, and "mean <= threshold" does not
    alphas, table = checks._one_se_flat_top_case(23)
    assert ref.one_se_choice(alphas, table) == alphas.max() == _one_se_lowest_as_best(alphas, table)
    assert _one_se_keeps_below(alphas, table) != alphas.max()
    assert ref.one_se_choice(alphas, table) != alphas[np.argmax(table.mean(1))]


def test_one_se_axis_error_is_named_as_the_judge_replays_it():
    def replayed(alphas, scores):
        raise _student_error("IndexError")(f"boolean index did not match indexed array along axis 0; size of axis "
                                           f"is {len(alphas)} but size of corresponding boolean axis is {scores.shape[1]}")
    with pytest.raises(CheckFailed, match="axis=1") as info:
        checks.check_one_se_choice(replayed)
    assert info.value.mistake == "choosing_lambda.one_se_choice.wrong_axis"


@pytest.mark.parametrize("se, message, mistake", [
    (lambda d: d.std(ddof=1) / np.sqrt(len(d) - 1), "sqrt(K - 1)", "sqrt_k_minus_1"),
    (lambda d: d.std(ddof=1) * np.sqrt(len(d)), "MULTIPLIED", "multiplied_by_sqrt_k"),
])
def test_paired_check_names_more_se_slips(se, message, mistake):
    with pytest.raises(CheckFailed, match=re.escape(message)) as info:
        checks.check_paired_difference_se(lambda a, b: (np.mean(a - b), se(a - b)))
    assert info.value.mistake == f"choosing_lambda.paired_difference_se.{mistake}"


def test_paired_check_names_a_swapped_tuple_and_absolute_differences():
    with pytest.raises(CheckFailed, match=re.escape("(se, mean_diff)")) as info:
        checks.check_paired_difference_se(lambda a, b: ref.paired_difference_se(a, b)[::-1])
    assert info.value.mistake == "choosing_lambda.paired_difference_se.tuple_swapped"
    with pytest.raises(CheckFailed, match="ABSOLUTE") as info:
        checks.check_paired_difference_se(lambda a, b: (np.mean(np.abs(a - b)), ref.paired_difference_se(a, b)[1]))
    assert info.value.mistake == "choosing_lambda.paired_difference_se.absolute_differences"


@pytest.mark.parametrize("grid_key, mistake, message", [
    ("alpha", "grid_key", "ridge__alpha"),
    ("raw", "raw_features", "make_pipeline(preprocess, Ridge())"),
])
def test_nested_check_states_the_rule_behind_the_error(auto_mpg_train, grid_key, mistake, message):
    X_train, y_train = auto_mpg_train

    def nested(X, y, alphas, outer_cv, inner_cv):
        mse = "neg_mean_squared_error"
        if grid_key == "raw":
            search = GridSearchCV(Ridge(), {"alpha": list(alphas)}, cv=inner_cv, scoring=mse)
        else:
            search = GridSearchCV(ref.ridge_pipeline(), {grid_key: list(alphas)}, cv=inner_cv, scoring=mse)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return -cross_val_score(search, X, y, cv=outer_cv, scoring=mse)

    with pytest.raises(CheckFailed, match=re.escape(message)) as info:
        checks.check_nested_cv_score(nested, X_train, y_train)
    assert info.value.mistake == f"choosing_lambda.nested_cv_score.{mistake}"


@pytest.mark.parametrize("mistake, message, mistake_id", [
    (dict(log_base=math.e), "natural logarithm", "log_base"),
    (dict(record_after=True), "AFTER its elimination", "recorded_after_elimination"),
    (dict(keep=round), "nearest integer", "rounded_to_nearest"),
    (dict(log_rounding=round), "rounds the logarithm", "log_rounded"),
])
def test_halving_check_names_more_mistakes(mistake, message, mistake_id):
    with pytest.raises(CheckFailed, match=message) as info:
        checks.check_halving_budget(lambda *args: checks._halving_variant(*args, **mistake))
    assert info.value.mistake == f"choosing_lambda.halving_budget.{mistake_id}"


@pytest.mark.parametrize("wrong, phrases, mistake", [
    (lambda s, b, t, n: (s / b, s ** 2 / t ** 2), ["sigma not squared", "no 1/n"], "lasso_factors"),
    (lambda s, b, t, n: (s ** 2 / (n * b), s / (2 * t ** 2)), ["sigma not squared", "extra 1/2"], "ridge_factors"),
    (lambda s, b, t, n: (s ** 2 / (n * b), t / (n * s ** 2)), ["sigma² in the denominator", "a 1/n"], "ridge_factors"),
])
def test_prior_check_names_two_wrong_factors_at_once(wrong, phrases, mistake):
    with pytest.raises(CheckFailed) as info:
        checks.check_alphas_from_priors(wrong)
    for phrase in phrases:
        assert phrase in str(info.value)
    assert info.value.mistake == f"choosing_lambda.alphas_from_priors.{mistake}"


def test_checks_accept_more_equivalent_answers(auto_mpg_train, capsys):
    X_train, y_train = auto_mpg_train

    def one_se_sorted_loop(alphas, scores):  # largest alpha first, the first that passes; lists; a print
        rows = sorted(zip(list(alphas), np.asarray(scores).tolist()), key=lambda r: -r[0])
        stats_ = [(a, np.mean(s), np.std(s, ddof=1) / len(s) ** 0.5) for a, s in rows]
        best = max(stats_, key=lambda r: r[1])
        print("best", best)
        return next(a for a, m, _ in stats_ if m >= best[1] - best[2])

    def paired_by_covariance(a, b):  # Var(a - b) = Var(a) + Var(b) - 2 Cov(a, b)
        c = np.cov(a, b)
        return float(np.mean(a) - np.mean(b)), float(np.sqrt((c[0, 0] + c[1, 1] - 2 * c[0, 1]) / len(a)))

    def halving_closed_form(n_candidates, factor, min_resources, max_resources):  # arrays, ceil(n / f**i)
        rounds = min(1 + math.floor(math.log(n_candidates, factor)),
                     1 + math.floor(math.log(max_resources // min_resources, factor)))
        i = np.arange(rounds)
        return np.ceil(n_candidates / factor ** i).astype(int), np.minimum(min_resources * factor ** i, max_resources)

    def nested_default_outer_scoring(X, y, alphas, outer_cv, inner_cv):  # GridSearchCV.score uses its own scoring
        search = GridSearchCV(ref.ridge_pipeline(), {"ridge__alpha": list(alphas)}, cv=inner_cv,
                              scoring="neg_mean_squared_error")
        return -cross_val_score(search, X, y, cv=outer_cv)

    checks.check_one_se_choice(one_se_sorted_loop)
    checks.check_paired_difference_se(paired_by_covariance)
    checks.check_halving_budget(halving_closed_form)
    checks.check_nested_cv_score(nested_default_outer_scoring, X_train, y_train)
    checks.check_alphas_from_priors(lambda s, b, t, n: (s * s / (b * n), (s / t) ** 2))


def test_nested_errors_cut_short_by_the_probe_still_name_the_usual_causes(auto_mpg_train):
    # the probe keeps a long exception's beginning and its last error line; where that line names
    # no known cause (or is missing), "All the 4 fits failed" alone gets the usual causes
    X_train, y_train = auto_mpg_train

    def replayed(X, y, alphas, outer_cv, inner_cv):
        raise _student_error("ValueError")("\nAll the 4 fits failed.\nIt is very likely that your model is misconfigured.")
    with pytest.raises(CheckFailed, match=re.escape("<step name>__<parameter>")) as info:
        checks.check_nested_cv_score(replayed, X_train, y_train)
    assert info.value.mistake == "choosing_lambda.nested_cv_score.all_fits_failed"
