"""Hidden-test checks for lesson 07 (choosing lambda: paired SE, one-SE rule, nested CV, halving, priors).

Every check draws its problems from ``_core.SEEDS``, calls the student's function the same way
whatever it returns until it fails, and names the mistake by computing the usual wrong answers
(unpaired SE, SE without sqrt(K), ddof=0, scores treated as errors, scaler fitted outside the
folds, the test folds used for tuning, an off-by-one in the halving rounds, sigma not squared,
...) and saying which one the answer matches.
"""

from __future__ import annotations

from math import ceil, floor, log

import numpy as np

from .. import choosing_lambda as ref
from ..memo import memoised
from ._core import SEEDS, CheckFailed, as_float, call, fail, one_se_ddof_case


# ---------------------------------------------------------------- paired difference

def _paired_problem(seed):
    """Fold scores of two settings that share most of each fold's difficulty (correlation > 0.9)."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(5, 21))
    difficulty = rng.normal(0.0, rng.uniform(1.0, 3.0), size=k) + rng.uniform(5.0, 20.0)
    a = difficulty + rng.normal(0.0, 0.3, size=k)
    b = difficulty + rng.uniform(-0.6, 0.6) + rng.normal(0.0, 0.3, size=k)
    return a, b


def _unpack_pair(result, what):
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail(f"{what} should return a tuple (mean_diff, se); got {type(result).__name__}"
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "") + ".",
             mistake="not_a_tuple")
    return as_float(result[0], "mean_diff"), as_float(result[1], "se")


def _paired_se_diagnosis(got, a, b):
    k = len(a)
    d = a - b
    candidates = [
        (np.sqrt(a.var(ddof=1) / k + b.var(ddof=1) / k), "this is the UNPAIRED standard error "
         "sqrt(s_a²/K + s_b²/K): it treats the two lists as independent samples and keeps the "
         "fold-to-fold variation the two settings share. Take the differences d = a - b first and "
         "use their standard deviation."),
        (np.sqrt(a.var() / k + b.var() / k), "this is the UNPAIRED standard error (with ddof=0): "
         "take the differences d = a - b first and use their standard deviation."),
        (abs(a.std(ddof=1) - b.std(ddof=1)) / np.sqrt(k), "you subtracted the two standard "
         "deviations; the SE of the mean difference comes from the standard deviation of the "
         "differences d = a - b."),
        (d.std(ddof=1), "the division by sqrt(K) is missing: std(d) is the spread of one fold's "
         "difference; the standard error of their mean is std(d, ddof=1) / sqrt(K)."),
        (d.std(), "the division by sqrt(K) is missing (and ddof=0): the SE of the mean difference "
         "is std(d, ddof=1) / sqrt(K)."),
        (d.std(ddof=1) / k, "you divided by K instead of sqrt(K): SE = std(d, ddof=1) / sqrt(K)."),
        (d.std() / np.sqrt(k), "this uses ddof=0 (NumPy's default for np.std): the sample standard "
         "deviation has ddof=1, so the SE is std(d, ddof=1) / sqrt(K)."),
        (d.var(ddof=1) / np.sqrt(k), "you used the variance of d; the SE uses its standard deviation."),
        (d.var(ddof=1) / k, "this is the squared SE (variance / K); take its square root."),
        (np.sqrt(d.var(ddof=1) * (1.0 / k + 1.0 / (k - 1))), "this is a corrected (Nadeau-Bengio "
         "style) SE; the exercise asks for the plain std(d, ddof=1) / sqrt(K)."),
        (d.std(ddof=1) / np.sqrt(k - 1), "you divided by sqrt(K - 1); the ddof=1 is already in the standard "
         "deviation, and the SE divides it by sqrt(K): std(d, ddof=1) / sqrt(K)."),
        (d.std(ddof=1) * np.sqrt(k), "you MULTIPLIED the standard deviation by sqrt(K); the SE divides it: "
         "std(d, ddof=1) / sqrt(K)."),
    ]
    for value, why in candidates:
        if np.isclose(got, value, rtol=1e-9, atol=1e-12):
            return why
    return None


def check_paired_difference_se(paired_difference_se):
    """mean(d) and std(d, ddof=1)/sqrt(K) for d = a - b on correlated fold scores, several K."""
    for seed in SEEDS:
        a, b = _paired_problem(seed)
        result = call(paired_difference_se, a.copy(), b.copy(),
                      hint="It takes two NumPy arrays of equal length and returns a tuple (mean_diff, se).")
        mean_got, se_got = _unpack_pair(result, "paired_difference_se(scores_a, scores_b)")
        mean_want, se_want = ref.paired_difference_se(a, b)
        k = len(a)
        if (not np.isclose(mean_got, mean_want, rtol=1e-9, atol=1e-12) and np.isclose(mean_got, se_want, rtol=1e-9)
                and np.isclose(se_got, mean_want, rtol=1e-9, atol=1e-12)):
            fail(f"the two numbers are in the wrong order (K={k}): you returned (se, mean_diff); return "
                 "the tuple (mean_diff, se), mean first.", mistake="tuple_swapped")
        if not np.isclose(mean_got, mean_want, rtol=1e-9, atol=1e-12):
            if np.isclose(mean_got, np.mean(np.abs(a - b)), rtol=1e-9):
                fail(f"mean_diff is the mean of the ABSOLUTE differences |a - b| (K={k}): the differences "
                     "keep their signs, d = scores_a - scores_b, so that folds where b wins count against a.",
                     mistake="absolute_differences")
            if np.isclose(mean_got, -mean_want, rtol=1e-9):
                fail(f"the mean difference has the wrong sign (K={k}): d is scores_a - scores_b, in "
                     "that order.", mistake="wrong_sign")
            if np.isclose(mean_got, abs(mean_want), rtol=1e-9):
                fail(f"the mean difference is the absolute value (K={k}); keep its sign: "
                     "d = scores_a - scores_b.", mistake="absolute_value")
            if np.isclose(mean_got, np.sum(a - b), rtol=1e-9):
                fail(f"you returned the sum of the differences (K={k}); mean_diff is their mean.",
                     mistake="sum_not_mean")
            fail(f"mean_diff should be mean(scores_a - scores_b) = {mean_want:.6g} (K={k}), got {mean_got:.6g}.",
                 mistake="mean_differs")
        if np.isclose(se_got, se_want, rtol=1e-9, atol=1e-12):
            continue
        why = _paired_se_diagnosis(se_got, a, b)
        if why:
            fail(f"the SE is {se_got:.6g}, expected {se_want:.6g} (K={k}): {why}",
                 mistake={"unpaired": "UNPAIRED", "no_sqrt_k": "division by sqrt(K) is missing",
                          "divided_by_k": "divided by K instead", "ddof0": "ddof=0",
                          "variance": "variance of d", "squared_se": "squared SE",
                          "corrected_se": "corrected", "subtracted_stds": "subtracted the two",
                          "sqrt_k_minus_1": "sqrt(K - 1)", "multiplied_by_sqrt_k": "MULTIPLIED"})
        fail(f"the SE should be std(d, ddof=1) / sqrt(K) = {se_want:.6g} for d = scores_a - scores_b "
             f"(K={k}), got {se_got:.6g}.", mistake="se_differs")


# ---------------------------------------------------------------- one-SE rule on scores

def _one_se_cases():
    """Score tables (higher is better) where the 1-SE rule and the usual mistakes disagree.

    Like real CV scores, each split (column) has a difficulty shared by every alpha, so the
    spread over splits (and the SE) is much larger than the noise between neighbouring alphas.
    The first cases hold negated MSEs (all negative), the fifth R² scores (all positive, so
    negating the scores does not turn them into errors by accident). Alphas alternate between
    decreasing and increasing order. A last, built case (negated errors) separates ddof=0 too.
    """
    cases = []
    for i, seed in enumerate(SEEDS):
        rng = np.random.default_rng(seed)
        n_scores = int(rng.choice([10, 15, 20, 25]))
        alphas = np.logspace(-3, 2, 26)
        u = np.log10(alphas)
        centre = rng.uniform(-2.0, 0.0)
        if i < len(SEEDS) - 1:
            curve = -(8.0 + 1.5 * (u - centre) ** 2)
            shared, noise = rng.uniform(1.5, 2.5), 0.3
        else:
            curve = 0.85 - 0.03 * (u - centre) ** 2
            shared, noise = rng.uniform(0.04, 0.06), 0.006
        splits = rng.normal(size=n_scores) * shared
        table = curve[:, None] + splits[None, :] + rng.normal(size=(len(alphas), n_scores)) * noise
        if i % 2 == 0:
            alphas, table = alphas[::-1].copy(), table[::-1].copy()
        cases.append((alphas, table))
    # Built so that ddof=0, std instead of SE, each alpha's own SE, the smallest alpha and the best
    # alpha all give different answers (negated errors, alphas decreasing).
    n_scores = int(np.random.default_rng(SEEDS[2] + 7).choice([10, 15, 20, 25]))
    alphas, errors = one_se_ddof_case(SEEDS[2] + 7, np.logspace(-3, 2, 26), n_scores)
    cases.append((alphas[::-1].copy(), -errors[::-1]))
    cases.append(_one_se_flat_top_case(SEEDS[3] + 7))
    cases.append(_one_se_spread_case(SEEDS[4] + 7))
    return cases


def _one_se_spread_case(seed):
    """Negated errors (alphas decreasing, 10 scores per alpha) built so that the SE with ddof=1
    (0.316 s), with ddof=0 (0.300 s) and divided by sqrt(len(alphas)) (0.196 s) pick three different
    alphas: the one just above the best at 0.25 s qualifies with both SEs over sqrt(n_scores), the
    next at 0.308 s with ddof=1 only. Row means and standard deviations are exact."""
    rng = np.random.default_rng(seed)
    alphas, k = np.logspace(-3, 2, 26), 10
    m, s = len(alphas), float(rng.uniform(1.0, 2.0))
    b = int(rng.integers(m // 3, m - 6))
    offsets = np.array([s * (2.0 + (b - 1 - i)) if i < b - 1 else s * (1.5 + (i - b - 3)) for i in range(m)])
    offsets[b - 1], offsets[b], offsets[b + 1], offsets[b + 2] = 0.1 * s, 0.0, 0.25 * s, 0.308 * s
    z = rng.normal(size=(m, k))
    z = (z - z.mean(1, keepdims=True)) / z.std(1, ddof=1, keepdims=True)
    errors = float(rng.uniform(8.0, 12.0)) + offsets[:, None] + s * z
    return alphas[::-1].copy(), -errors[::-1]


def _one_se_flat_top_case(seed):
    """Negated errors (alphas decreasing) whose curve is flat at the large-alpha end: the best mean
    is at alpha 10^1.2 and the LARGEST alpha of the grid is within one SE of it, so the rule returns
    the largest alpha. A rule that takes the lowest mean as the best returns it too, while one that
    keeps the alphas below the threshold does not: this case tells those two mistakes apart.

    Row means are exact (the noise of each row has mean 0), the SE is about 0.3 to 0.8 and every
    large alpha is within 0.15 of the best.
    """
    rng = np.random.default_rng(seed)
    n_scores = int(rng.choice([10, 15, 20, 25]))
    alphas = np.logspace(-3, 2, 26)
    curve = -(8.0 + 0.25 * (np.log10(alphas) - 1.25) ** 2)
    splits = rng.normal(size=n_scores) * rng.uniform(1.5, 2.5)
    noise = rng.normal(size=(len(alphas), n_scores)) * 0.3
    noise -= noise.mean(axis=1, keepdims=True)
    table = curve[:, None] + splits[None, :] + noise
    return alphas[::-1].copy(), table[::-1].copy()


_ONE_SE_MESSAGES = {
    "errors": "you treated the scores as errors (lower is better): scikit-learn scores are "
              "higher-is-better (neg_mean_squared_error is minus the MSE). Find the best alpha "
              "with np.argmax and keep alphas whose mean score >= best mean - SE.",
    "best": "you returned the alpha with the best mean score; the 1-SE rule returns the LARGEST "
            "alpha whose mean score is within one SE of that best score.",
    "smallest": "you picked the SMALLEST alpha within one SE of the best; the rule picks the "
                "LARGEST (the simplest model). Use np.max over the qualifying alphas (do not rely "
                "on the order of `alphas`).",
    "std": "you used the standard deviation of the scores; the standard ERROR divides it by "
           "sqrt(n_scores), the number of scores per alpha.",
    "own_se": "you compared each alpha's mean plus its own SE with the best; the rule uses one "
              "threshold: best mean - the SE at the best alpha.",
    "ddof0": "the standard deviation has ddof=0 (NumPy's default for np.std, the population SD); the "
             "exercise's SE is std(axis=1, ddof=1) / sqrt(n_scores).",
}


def _one_se_diagnoses(got, alphas, table):
    mean = table.mean(1)
    n = table.shape[1]
    best = int(np.argmax(mean))
    worst = int(np.argmin(mean))
    se = table.std(1, ddof=1) / np.sqrt(n)
    se0 = table.std(1) / np.sqrt(n)
    found = set()
    if np.isclose(got, alphas[best]):
        found.add("best")
    for s in (se, se0):
        for pick in (np.max, np.min):
            if np.isclose(got, pick(alphas[mean <= mean[worst] + s[worst]])):
                found.add("errors")
        if np.isclose(got, alphas[mean >= mean[best] - s[best]].min()):
            found.add("smallest")
        if np.isclose(got, alphas[mean + s >= mean[best]].max()):
            found.add("own_se")
    if np.isclose(got, alphas[worst]):
        found.add("errors")
    for sd in (table.std(1, ddof=1), table.std(1)):
        if np.isclose(got, alphas[mean >= mean[best] - sd[best]].max()):
            found.add("std")
        if np.isclose(got, alphas[mean >= mean[best] - sd[best]].min()):
            found.add("smallest")
    if np.isclose(got, alphas[mean >= mean[best] - se0[best]].max()):
        found.add("ddof0")
    return found


#: The parts of the one-SE rule a wrong answer can get wrong, each with its right choice first:
#: which mean is the best, the side of the threshold, the comparison, max or min, and the spread.
_ONE_SE_PARTS = {
    "best": ("highest", "lowest"),
    "threshold": ("minus", "plus"),
    "keep": ("at_least", "at_most"),
    "pick": ("max", "min"),
    "spread": ("se", "se_ddof0", "std", "std_ddof0", "se_over_alphas"),
}

#: What each wrong part means, in the student's terms (with the mistake id it gets).
_ONE_SE_PART_MESSAGES = {
    "lowest": ("lowest_as_best", "you took the alpha with the LOWEST mean score as the best (np.argmin): "
               "these are scikit-learn scores, higher is better, so the best alpha is np.argmax(mean)"),
    "plus": ("threshold_above_best", "your threshold is best mean + SE, above the best score: with scores "
             "(higher is better) the threshold lies BELOW the best, best mean - SE"),
    "at_most": ("kept_below_threshold", "you kept the alphas whose mean score is at most the threshold "
                "(mean <= threshold); the rule keeps those at least as good: mean >= threshold"),
    "min": ("smallest", "you returned the SMALLEST qualifying alpha; the rule returns the LARGEST (the "
            "simplest model): np.max over the qualifying alphas, whatever their order"),
    "se_ddof0": ("ddof0", "the SE uses ddof=0 (NumPy's default for np.std); the exercise's SE is "
                 "std(axis=1, ddof=1) / sqrt(n_scores)"),
    "std": ("std", "you used the standard deviation of the scores; the standard ERROR divides it by "
            "sqrt(n_scores)"),
    "std_ddof0": ("std", "you used the standard deviation of the scores (with ddof=0); the standard ERROR "
                  "is std(axis=1, ddof=1) / sqrt(n_scores)"),
    "se_over_alphas": ("se_over_alphas", "the SE divides by sqrt(len(alphas)); it divides by "
                       "sqrt(n_scores), the number of scores per alpha (scores.shape[1])"),
}


def _one_se_rules(alphas, table):
    """Every combination of the rule's parts (:data:`_ONE_SE_PARTS`) with the alpha it returns."""
    from itertools import product

    mean = table.mean(1)
    n, m = table.shape[1], len(alphas)
    spreads = {"se": table.std(1, ddof=1) / np.sqrt(n), "se_ddof0": table.std(1) / np.sqrt(n),
               "std": table.std(1, ddof=1), "std_ddof0": table.std(1),
               "se_over_alphas": table.std(1, ddof=1) / np.sqrt(m)}
    out = {}
    for parts in product(*_ONE_SE_PARTS.values()):
        best_kind, side, keep, pick, spread = parts
        best = int(np.argmax(mean) if best_kind == "highest" else np.argmin(mean))
        threshold = mean[best] + (-1 if side == "minus" else 1) * spreads[spread][best]
        ok = mean >= threshold if keep == "at_least" else mean <= threshold
        if ok.any():
            out[parts] = float(np.max(alphas[ok]) if pick == "max" else np.min(alphas[ok]))
    return out


def _one_se_parts_diagnosis(answers, cases):
    """The wrong parts of the one-SE rule that explain every answer (one per case, passed cases too),
    as ``(message, mistake id)``, or None. Of the combinations of parts that give exactly the
    student's alpha on every case, those with the fewest wrong parts win; when several tie, the
    message names each way the student's rule may have gone wrong."""
    right = tuple(options[0] for options in _ONE_SE_PARTS.values())
    matching = None
    for got, (alphas, table) in zip(answers, cases):
        here = {parts for parts, value in _one_se_rules(alphas, table).items() if np.isclose(got, value, rtol=1e-12)}
        matching = here if matching is None else matching & here
        if not matching:
            return None
    wrong = [tuple(part for part, ok in zip(parts, right) if part != ok) for parts in matching]
    wrong = [w for w in wrong if w]
    if not wrong:
        return None
    fewest = min(len(w) for w in wrong)
    if fewest > 3:
        return None
    stories, seen = [], set()
    for story in sorted({w for w in wrong if len(w) == fewest}):  # one story per set of mistake ids
        ids = tuple(_ONE_SE_PART_MESSAGES[part][0] for part in story)
        if ids not in seen:
            seen.add(ids)
            stories.append(story)
    if set(stories[0]) == {"lowest", "plus", "at_most"}:
        return _ONE_SE_MESSAGES["errors"], "errors"
    texts = ["; and ".join(_ONE_SE_PART_MESSAGES[part][1] for part in story) for story in stories]
    message = texts[0] if len(texts) == 1 else "either " + " — or ".join(texts)
    return message[0].upper() + message[1:] + ".", _ONE_SE_PART_MESSAGES[stories[0][0]][0]


def _call_one_se(one_se_choice, alphas, table):
    """``one_se_choice(alphas, table)``; an error that comes from averaging over the wrong axis is named."""
    try:
        return one_se_choice(alphas.copy(), table.copy())
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the student's code may raise anything (the judge replays its name)
        kind, text = type(exc).__name__, str(exc)
        m, n = table.shape
        if kind in ("IndexError", "ValueError") and any(clue in text for clue in (
                f"boolean dimension is {n}", f"boolean axis is {n}", f"with size {n}", f"({n},)")):
            fail(f"one_se_choice raised {kind} ({text}): it looks like the means or SEs were taken over "
                 f"axis=0, giving one value per split ({n}) instead of one per alpha ({m}). Each ROW of "
                 "scores belongs to one alpha: scores.mean(axis=1) and scores.std(axis=1, ddof=1).",
                 mistake="wrong_axis")
        fail(f"one_se_choice raised {kind}: {text}. It takes alphas (1-D) and scores of shape "
             "(len(alphas), n_scores).", mistake="raised")


def check_one_se_choice(one_se_choice):
    """Largest alpha with mean score >= best mean score - SE (SE = std/sqrt(n_scores)).

    Scores are higher-is-better; alphas come in decreasing and increasing order. The SE uses
    std(ddof=1), as the exercise states; one case is built so that ddof=0 picks another alpha.
    A wrong answer is named by the parts of the rule it got wrong (:func:`_one_se_parts_diagnosis`).
    """
    failures, answers, cases = [], [], _one_se_cases()
    for i, (alphas, table) in enumerate(cases):
        got = as_float(_call_one_se(one_se_choice, alphas, table), "one_se_choice(alphas, scores)")
        answers.append(got)
        want = ref.one_se_choice(alphas, table)
        if np.isclose(got, want, rtol=1e-12):
            continue
        order = "decreasing" if alphas[0] > alphas[-1] else "increasing"
        kind = "R² scores" if np.all(table > 0) else "negated MSEs"
        failures.append((i, order, kind, table.shape[1], got, want, _one_se_diagnoses(got, alphas, table)))
    if not failures:
        return
    i, order, kind, n, got, want, _ = failures[0]
    where = f"case {i} ({kind}, alphas in {order} order, {n} scores per alpha): expected {want:.6g}, got {got:.6g}"
    found = _one_se_parts_diagnosis(answers, cases)
    if found:
        message, mistake = found
        fail(f"{message} ({where})", mistake=mistake)
    common = set.intersection(*(f[-1] for f in failures))
    for key in ("errors", "smallest", "std", "own_se", "best", "ddof0"):
        if key in common:
            fail(f"{_ONE_SE_MESSAGES[key]} ({where})", mistake=key)
    alphas, table = cases[i]
    if np.isclose(got, np.max(alphas)) or np.isclose(got, np.min(alphas)):
        end = "largest" if np.isclose(got, np.max(alphas)) else "smallest"
        fail(f"you returned the {end} alpha of the whole grid, as if every alpha (or none but that one) "
             "passed the threshold: compare each alpha's MEAN score (axis=1) with best mean - SE at the "
             f"best, and return the largest alpha that passes ({where}).", mistake="grid_end")
    fail(f"{where}. Mean and SE over axis=1, best = the HIGHEST mean score, threshold = best mean - "
         "SE at the best, return the largest alpha whose mean score is at least the threshold.", mistake="differs")


# ---------------------------------------------------------------- nested CV

def _nested_problems(X_train, y_train):
    """Three random subsamples of the training split (70-110 cars) with six close alphas around
    the best region and shuffled splitters (4 outer folds, 2 inner folds): 4 x (6 x 2 + 1) = 52
    pipeline fits per problem, in the kernel (the student's answer) and in the judge (the reference).

    The alphas are close enough that the inner searches of different outer folds pick different
    values, so nested CV differs from "tune once on everything" and from the non-nested best
    score. Measured on 40 problems each: with 2 inner folds, "tuned on all of X" and "no nesting"
    coincided with nested CV on 1 problem in 40 (so on all three about once in 64,000 students);
    with 3 inner folds (76 fits) never, with 3 outer and 3 inner folds (39 fits) 3-5 in 40.
    """
    from sklearn.model_selection import KFold

    problems = []
    for seed in list(SEEDS)[:3]:
        rng = np.random.default_rng(seed)
        m = int(rng.integers(70, 111))
        rows = np.sort(rng.choice(len(X_train), size=m, replace=False))
        low = rng.uniform(-0.3, 0.7)
        alphas = np.round(np.logspace(low, low + 1.25, 6), 6)
        outer = KFold(n_splits=4, shuffle=True, random_state=int(rng.integers(0, 10_000)))
        inner = KFold(n_splits=2, shuffle=True, random_state=int(rng.integers(0, 10_000)))
        problems.append((X_train.iloc[rows], y_train.iloc[rows], alphas, outer, inner))
    return problems


@memoised
def _nested_variants(X, y, alphas, outer, inner):
    """The usual wrong nested-CV answers, as (per-fold MSE array, message) pairs (memoised: every
    wrong answer on the same problem is compared with the same variants)."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GridSearchCV, cross_val_score

    grid = {"ridge__alpha": list(alphas)}
    mse = "neg_mean_squared_error"
    out = []
    Z = ref.auto_mpg_poly_preprocess().fit_transform(X)
    leaky = GridSearchCV(Ridge(), {"alpha": list(alphas)}, cv=inner, scoring=mse)
    out.append((-cross_val_score(leaky, Z, y, cv=outer, scoring=mse),
                "the preprocessing (scaler and polynomial features) was fitted on all of X before "
                "the cross-validation, so every outer test fold helped set the means and SDs it is "
                "scaled with. Keep `preprocess` inside the pipeline: make_pipeline(preprocess, Ridge())."))
    tuned_all = GridSearchCV(ref.ridge_pipeline(), grid, cv=inner, scoring=mse).fit(X, y)
    fixed = ref.ridge_pipeline().set_params(ridge__alpha=tuned_all.best_params_["ridge__alpha"])
    out.append((-cross_val_score(fixed, X, y, cv=outer, scoring=mse),
                "alpha was chosen by a grid search on ALL of X and then scored by the outer CV: the "
                "outer test folds were used for tuning. Put the GridSearchCV inside cross_val_score "
                "so that it only ever sees the outer training fold."))
    for cv, name in ((outer, "outer_cv"), (inner, "inner_cv")):
        search = GridSearchCV(ref.ridge_pipeline(), grid, cv=cv, scoring=mse).fit(X, y)
        n = cv.get_n_splits()
        per_fold = -np.array([search.cv_results_[f"split{i}_test_score"][search.best_index_] for i in range(n)])
        out.append((per_fold, f"these are the fold scores of the alpha that was best on those same "
                    f"folds (one grid search with cv={name}, no nesting): the test folds were used for "
                    "tuning. Run the inner GridSearchCV(cv=inner_cv) inside cross_val_score(..., "
                    "cv=outer_cv)."))
    swapped = GridSearchCV(ref.ridge_pipeline(), grid, cv=outer, scoring=mse)
    out.append((-cross_val_score(swapped, X, y, cv=inner, scoring=mse),
                "inner_cv and outer_cv are swapped: the grid search uses inner_cv, the scoring outer_cv."))
    default_inner = GridSearchCV(ref.ridge_pipeline(), grid, scoring=mse)
    out.append((-cross_val_score(default_inner, X, y, cv=outer, scoring=mse),
                "the grid search ignored inner_cv (GridSearchCV's default is 5 unshuffled folds): pass "
                "cv=inner_cv to GridSearchCV."))
    plain = GridSearchCV(ref.ridge_pipeline(), grid, cv=inner)
    out.append((-cross_val_score(plain, X, y, cv=outer, scoring=mse),
                "the inner search chose alpha by R² (GridSearchCV's default scoring); pass "
                "scoring='neg_mean_squared_error' to GridSearchCV as well."))
    return out


def _call_nested(nested_cv_score, X, y, alphas, outer, inner):
    """``nested_cv_score(...)``; the errors of a grid that does not name the pipeline's step and of
    Ridge fitted on the raw columns (the categorical ``origin``) are named with the rule behind them."""
    try:
        return nested_cv_score(X, y, alphas, outer, inner)
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the student's code may raise anything (the judge replays its name)
        kind, text = type(exc).__name__, str(exc)
        if "Invalid parameter" in text:
            import re

            bad = re.search(r"Invalid parameter '([^']{1,40})'", text)
            fail(f"nested_cv_score raised {kind}: the grid names an invalid parameter"
                 + (f" {bad.group(1)!r}" if bad else "") + " of the pipeline. A pipeline's parameters are "
                 "named <step name>__<parameter>, and make_pipeline names the Ridge step 'ridge': the grid "
                 "is {'ridge__alpha': alphas}.", mistake="grid_key")
        if "could not convert string to float" in text or "'USA'" in text:
            fail(f"nested_cv_score raised {kind}: could not convert string to float. X holds the "
                 "categorical column 'origin' (the strings USA, Europe, Japan) and raw numbers on very "
                 "different scales: the model must be make_pipeline(preprocess, Ridge()), so that the "
                 "one-hot encoding, the polynomial features and the scaling happen inside every fold.",
                 mistake="raw_features")
        if "fits failed" in text:
            fail(f"nested_cv_score raised {kind}: every fit failed (scikit-learn's \"All the ... fits failed\"), so "
                 "the pipeline cannot be fitted with this grid or these inputs. The usual causes: a grid key that "
                 "does not name the pipeline's step (a pipeline's parameters are <step name>__<parameter>: "
                 "{'ridge__alpha': alphas}), or X passed to Ridge without make_pipeline(preprocess, Ridge()). "
                 "Run the search with error_score='raise' to see the first error.", mistake="all_fits_failed")
        fail(f"nested_cv_score raised {kind}: {text}. It takes X (a DataFrame), y, a list/array of "
             "alphas and two CV splitters.", mistake="raised")


def check_nested_cv_score(nested_cv_score, X_train, y_train):
    """Outer-fold MSEs of Ridge(poly pipeline) tuned by GridSearchCV(cv=inner_cv) inside each outer fold."""
    for i, (X, y, alphas, outer, inner) in enumerate(_nested_problems(X_train, y_train)):
        result = _call_nested(nested_cv_score, X.copy(), y.copy(), alphas.copy(), outer, inner)
        want = ref.nested_cv_score(X, y, alphas, outer, inner)
        what = (f"problem {i} ({len(X)} cars, alphas {alphas.tolist()}, outer {outer.get_n_splits()} "
                f"folds, inner {inner.get_n_splits()} folds)")
        try:
            got = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            fail(f"nested_cv_score should return a NumPy array of MSEs, got {type(result).__name__}.",
                 mistake="not_an_array")
        if got.ndim == 0:
            if np.isclose(float(got), want.mean(), rtol=1e-6):
                fail(f"you returned the mean over the outer folds ({float(got):.4g}); return the array "
                     f"of the {len(want)} outer-fold MSEs (the caller takes the mean).", mistake="returned_mean")
            if np.isclose(float(got), -want.mean(), rtol=1e-6):
                fail("you returned the mean of the negated scores; return the array of outer-fold "
                     "MSEs (negate cross_val_score's neg_mean_squared_error).", mistake="mean_of_negated")
            fail(f"nested_cv_score should return one MSE per outer split (shape ({len(want)},)); got "
                 f"a single number {float(got):.4g} on {what}.", mistake="single_number")
        got = got.ravel()
        if got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-8):
            continue
        if got.shape == want.shape:
            if np.allclose(got, -want, rtol=1e-6):
                fail("the values are negative: cross_val_score returns neg_mean_squared_error, "
                     "minus the MSE. Negate it.", mistake="negative_scores")
            if np.allclose(got, np.sqrt(want), rtol=1e-6):
                fail("these are RMSEs; return mean squared errors.", mistake="rmse_not_mse")
        for value, why in _nested_variants(X, y, alphas, outer, inner):
            if got.shape == value.shape and np.allclose(got, value, rtol=1e-6, atol=1e-8):
                fail(f"on {what}: {why}",
                     mistake={"preprocessing_outside_folds": "fitted on all of X before",
                              "tuned_on_all_data": "grid search on ALL of X", "not_nested": "no nesting",
                              "cv_swapped": "are swapped"})
        if got.shape != want.shape:
            fail(f"expected one MSE per outer split, shape {want.shape}, got shape {got.shape} on {what}.",
                 mistake="wrong_shape")
        fail(f"on {what} expected the outer-fold MSEs {np.round(want, 4).tolist()}, got "
             f"{np.round(got, 4).tolist()}. Use make_pipeline(preprocess, Ridge()), the grid "
             "{'ridge__alpha': alphas}, GridSearchCV(cv=inner_cv, scoring='neg_mean_squared_error') "
             "inside cross_val_score(..., cv=outer_cv, scoring='neg_mean_squared_error').", mistake="differs")


# ---------------------------------------------------------------- successive halving

def _is_power(x, factor):
    p = 1
    while p < x:
        p *= factor
    return p == x


def _halving_cases():
    """Budgets where the resources run out first, where the candidates run out first, and random
    ones; no exact powers of the factor (where float logarithms are fragile)."""
    cases = [(100, 3, 20, 294), (50, 2, 10, 1000)]
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        while True:
            factor = int(rng.choice([2, 3, 4]))
            n_candidates = int(rng.integers(5, 400))
            min_resources = int(rng.integers(5, 80))
            max_resources = int(min_resources * rng.uniform(2.5, 300.0))
            ratio = max_resources // min_resources
            if not (_is_power(n_candidates, factor) or _is_power(ratio, factor)):
                break
        cases.append((n_candidates, factor, min_resources, max_resources))
    return cases


def _halving_variant(n_candidates, factor, min_resources, max_resources, *, extra_rounds=0,
                     keep=ceil, rounds="min", power_offset=0, cap=True, divide=None, log_base=None,
                     record_after=False, log_rounding=floor):
    base = factor if log_base is None else log_base
    n_required = 1 + int(log_rounding(log(n_candidates, base)))
    n_possible = 1 + int(log_rounding(log(max_resources // min_resources, base)))
    n_rounds = {"min": min(n_required, n_possible), "required": n_required, "possible": n_possible}[rounds]
    n_rounds = max(n_rounds + extra_rounds, 0)
    cands, res, c = [], [], n_candidates
    for i in range(n_rounds):
        if record_after:
            c = keep(c / (divide or factor))
        cands.append(int(c))
        r = int(factor ** (i + power_offset) * min_resources)
        res.append(min(r, max_resources) if cap else r)
        if not record_after:
            c = keep(c / (divide or factor))
    return cands, res


_HALVING_MISTAKES = [
    (dict(extra_rounds=1), "one round too many: the number of rounds is min(1 + floor(log_f(n_candidates)), "
     "1 + floor(log_f(max_resources // min_resources))) — count round 0 once."),
    (dict(extra_rounds=-1), "one round too few: the number of rounds is 1 + floor(log_f(...)) — the "
     "first round (round 0, on min_resources rows) counts too."),
    (dict(keep=floor), "the kept candidates are rounded down; scikit-learn keeps ceil(candidates / factor)."),
    (dict(keep=lambda v: v), "the kept candidates are not rounded: keep ceil(candidates / factor), an integer."),
    (dict(rounds="required"), "the rounds continue until one candidate is left, ignoring that the rows "
     "would exceed max_resources: the number of rounds is the SMALLER of the two counts."),
    (dict(rounds="required", cap=False), "the rounds continue until one candidate is left, ignoring "
     "that the rows would exceed max_resources: the number of rounds is the SMALLER of the two counts."),
    (dict(rounds="possible"), "the rounds continue as long as the rows allow, even after one candidate "
     "is left: the number of rounds is the SMALLER of the two counts."),
    (dict(power_offset=1), "round 0 already multiplies the rows by the factor: round i uses "
     "min_resources * factor**i rows, so round 0 uses min_resources."),
    (dict(power_offset=1, extra_rounds=-1), "round 0 already multiplies the rows by the factor: round i "
     "uses min_resources * factor**i rows, starting at min_resources."),
    (dict(divide=2), "the candidates are halved in every round; successive halving divides them by "
     "`factor` (ceil(candidates / factor))."),
    (dict(keep=round), "the kept candidates are rounded to the nearest integer (round); scikit-learn keeps "
     "ceil(candidates / factor), rounding up."),
    (dict(log_base=np.e), "the rounds were counted with the natural logarithm: math.log(x) without a second "
     "argument is base e. Count them in base `factor`: 1 + math.floor(math.log(x, factor))."),
    (dict(log_base=10), "the rounds were counted with a base-10 logarithm; count them in base `factor`: "
     "1 + math.floor(math.log(x, factor))."),
    (dict(log_base=2), "the rounds were counted with a base-2 logarithm whatever the factor; count them in "
     "base `factor`: 1 + math.floor(math.log(x, factor))."),
    (dict(log_rounding=round), "the number of rounds rounds the logarithm to the nearest integer; scikit-learn "
     "floors it: 1 + math.floor(math.log(x, factor))."),
    (dict(record_after=True), "each round lists the candidates left AFTER its elimination: round 0 "
     "evaluates all n_candidates; record a round's candidates first, then keep ceil(candidates / factor)."),
]


def _as_int_lists(result):
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("halving_budget should return a tuple of two lists (candidates_per_round, "
             f"resources_per_round); got {type(result).__name__}.", mistake="not_a_tuple")
    out = []
    for part, what in zip(result, ("candidates_per_round", "resources_per_round")):
        try:
            arr = np.asarray(part, dtype=float).ravel()
        except (TypeError, ValueError):
            fail(f"{what} should be a list of integers, got {type(part).__name__}.", mistake="not_int_lists")
        out.append([float(v) for v in arr])
    return out


_HALVING_IDS = {"one_round_too_many": "one round too many", "one_round_too_few": "one round too few",
                "rounded_down": "rounded down", "not_rounded": "not rounded",
                "ignores_max_resources": "ignoring that the rows", "rounds_after_one_left": "even after one candidate",
                "round0_multiplied": "round 0 already", "halved": "halved in every round",
                "log_rounded": "rounds the logarithm", "rounded_to_nearest": "nearest integer", "log_base": "logarithm",
                "recorded_after_elimination": "AFTER its elimination"}


def check_halving_budget(halving_budget):
    """Candidates and rows per round equal scikit-learn's n_candidates_ and n_resources_.

    Every case is asked first. A wrong answer is named by the usual mistake that reproduces it on
    every case (passed ones too); failing that, by one that reproduces the first case it fails."""
    cases, answers = _halving_cases(), []
    for args in cases:
        result = call(halving_budget, *args,
                      hint="It takes four integers and returns (candidates_per_round, resources_per_round).")
        answers.append(_as_int_lists(result))

    def same(got, variant):
        return got[0] == [float(v) for v in variant[0]] and got[1] == [float(v) for v in variant[1]]

    everywhere = [why for kwargs, why in _HALVING_MISTAKES
                  if all(same(got, _halving_variant(*args, **kwargs)) for args, got in zip(cases, answers))]
    for args, (got_c, got_r) in zip(cases, answers):
        want_c, want_r = ref.halving_budget(*args)
        if same((got_c, got_r), (want_c, want_r)):
            continue
        where = (f"n_candidates={args[0]}, factor={args[1]}, min_resources={args[2]}, "
                 f"max_resources={args[3]}: expected candidates {want_c} and rows {want_r}, got "
                 f"candidates {[int(v) if v == int(v) else v for v in got_c]} and rows "
                 f"{[int(v) if v == int(v) else v for v in got_r]}")
        if same((got_r, got_c), (want_c, want_r)):
            fail(f"the two lists are swapped: return (candidates_per_round, resources_per_round) ({where}).",
                 mistake="lists_swapped")
        if everywhere:
            fail(f"{everywhere[0]} ({where})", mistake=_HALVING_IDS)
        for kwargs, why in _HALVING_MISTAKES:
            c, r = _halving_variant(*args, **kwargs)
            if (c, r) != (want_c, want_r) and same((got_c, got_r), (c, r)):
                fail(f"{why} ({where})", mistake=_HALVING_IDS)
        if len(got_c) != len(want_c):
            fail(f"wrong number of rounds ({where}). Rounds = min(1 + floor(log_f(n_candidates)), "
                 "1 + floor(log_f(max_resources // min_resources))).", mistake="wrong_rounds")
        fail(f"{where}. Round i uses min(min_resources * factor**i, max_resources) rows, then keeps "
             "ceil(candidates / factor) candidates.", mistake="differs")


# ---------------------------------------------------------------- priors and MAP

def _prior_cases():
    cases = []
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        cases.append((float(rng.uniform(0.5, 5.0)), float(rng.uniform(0.1, 3.0)),
                      float(rng.uniform(0.2, 4.0)), int(rng.integers(20, 500))))
    return cases


#: How each quantity of a prior's alpha can appear with a wrong power, in the student's terms
#: (the right power first): ``{name: (right power, {wrong power: phrase})}``.
_PRIOR_FACTORS = {
    "lasso": {
        "2": (0, {-1: "an extra 1/2", 1: "an extra factor 2", -0.5: "an extra 1/sqrt(2)"}),
        "sigma": (2, {1: "sigma not squared (it is a standard deviation: use sigma²)", 0: "no sigma² at all",
                      -2: "sigma² in the denominator", 4: "sigma to the fourth power"}),
        "s": (-1, {0: "no Laplace scale s", 1: "s in the numerator (it belongs in the denominator)",
                   -2: "s squared (-log p(w) = ||w||_1 / s)"}),
        "n": (-1, {0: "no 1/n (Lasso's data term is (1/(2n))·RSS)", 1: "n in the numerator",
                   -2: "n squared"}),
    },
    "ridge": {
        "2": (0, {-1: "an extra 1/2", 1: "an extra factor 2", -0.5: "an extra 1/sqrt(2)"}),
        "sigma": (2, {1: "sigma not squared (it is a standard deviation: use sigma²)", 0: "no sigma² at all",
                      -2: "sigma² in the denominator", 4: "sigma to the fourth power"}),
        "tau": (-2, {-1: "tau not squared (it is a standard deviation: use tau²)", 0: "no tau² at all",
                     2: "tau² in the numerator (the ratio is upside down)", 1: "tau in the numerator"}),
        "n": (0, {-1: "a 1/n (Ridge's data term is the plain RSS: no n)", 1: "a factor n"}),
    },
}


def _prior_powers(which, got, cases):
    """The wrong powers of 2, sigma, s or tau, and n that give the student's ``which`` alpha on every
    case (a least-squares fit of the logarithms, rounded to halves and checked exactly), as phrases;
    None when no such product explains all the answers."""
    if not all(np.isfinite(g) and g > 0 for g in got):
        return None
    names = list(_PRIOR_FACTORS[which])
    rows = [[np.log(2.0), np.log(sigma), np.log(s if which == "lasso" else tau), np.log(n)]
            for sigma, s, tau, n in cases]
    A, b = np.array(rows), np.log(np.array(got))
    powers, *_ = np.linalg.lstsq(A, b, rcond=None)
    powers = np.round(powers * 2) / 2
    if not np.allclose(A @ powers, b, rtol=0, atol=1e-7):
        return None
    phrases = []
    for name, power in zip(names, powers):
        right, wrong = _PRIOR_FACTORS[which][name]
        if power != right:
            phrases.append(wrong.get(float(power), f"{name} to the power {power:g} instead of {right:g}"))
    return phrases or None


def check_alphas_from_priors(alphas_from_priors):
    """Lasso alpha = sigma² / (n s), Ridge alpha = sigma² / tau², for random sigma, s, tau, n.

    All the cases are asked first; an answer that none of the usual single mistakes explains is
    named by the powers of sigma, s or tau, n and 2 that reproduce it on every case
    (:func:`_prior_powers`), so that two mistakes at once are named too."""
    cases, results = _prior_cases(), []
    for sigma, s, tau, n in cases:
        result = call(alphas_from_priors, sigma, s, tau, n,
                      hint="It takes (noise_sd, laplace_scale, gaussian_sd, n_samples) and returns a tuple.")
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            fail("alphas_from_priors should return a tuple (lasso_alpha, ridge_alpha); got "
                 f"{type(result).__name__}.", mistake="not_a_tuple")
        results.append((as_float(result[0], "lasso_alpha"), as_float(result[1], "ridge_alpha")))
    for (sigma, s, tau, n), (lasso_got, ridge_got) in zip(cases, results):
        lasso_want, ridge_want = ref.alphas_from_priors(sigma, s, tau, n)
        where = f"(sigma={sigma:.4g}, s={s:.4g}, tau={tau:.4g}, n={n})"
        if np.isclose(lasso_got, ridge_want, rtol=1e-9) and np.isclose(ridge_got, lasso_want, rtol=1e-9):
            fail(f"the two alphas are swapped: return (lasso_alpha, ridge_alpha) {where}.", mistake="alphas_swapped")
        if not np.isclose(lasso_got, lasso_want, rtol=1e-9):
            v = sigma ** 2
            lasso_mistakes = [
                (sigma / (n * s), "sigma is a standard deviation: the Lasso alpha uses sigma², sigma² / (n s)."),
                (v / s, "the 1/n is missing: Lasso's data term is (1/(2n))·RSS, so multiplying the "
                 "negative log posterior by sigma²/n gives alpha = sigma² / (n s)."),
                (v / (2 * n * s), "there is an extra 1/2: the Laplace prior gives (1/s)·||w||_1, and "
                 "multiplying by sigma²/n gives alpha = sigma² / (n s)."),
                (2 * v / (n * s), "there is an extra factor 2: alpha = sigma² / (n s)."),
                (v * s / n, "the Laplace scale s belongs in the denominator: -log p(w) = ||w||_1 / s, "
                 "so alpha = sigma² / (n s)."),
                (v / (n * s ** 2), "s should not be squared: -log p(w) = ||w||_1 / s (not / s²)."),
                (v / (n * s * np.sqrt(2)), "the Laplace prior here has scale s, density exp(-|w|/s)/(2s); "
                 "do not convert it to a standard deviation."),
                (1.0 / (n * s), "sigma² is missing: alpha = sigma² / (n s)."),
            ]
            for value, why in lasso_mistakes:
                if np.isclose(lasso_got, value, rtol=1e-9):
                    fail(f"lasso_alpha is {lasso_got:.6g}, expected {lasso_want:.6g} {where}: {why}",
                         mistake={"sigma_not_squared": "sigma is a standard deviation",
                                  "missing_1_over_n": "the 1/n is missing", "extra_half": "extra 1/2",
                                  "extra_2": "extra factor 2",
                                  "s_upside_down": "belongs in the denominator",
                                  "s_squared": "should not be squared", "s_as_std": "do not convert",
                                  "missing_sigma2": "sigma² is missing"})
            phrases = _prior_powers("lasso", [r[0] for r in results], cases)
            if phrases:
                fail(f"lasso_alpha is {lasso_got:.6g}, expected {lasso_want:.6g} {where}: your formula has "
                     + " and ".join(phrases) + ". The Lasso alpha is sigma² / (n s).", mistake="lasso_factors")
            fail(f"lasso_alpha should be sigma² / (n s) = {lasso_want:.6g} {where}, got {lasso_got:.6g}.",
                 mistake="lasso_alpha_differs")
        if not np.isclose(ridge_got, ridge_want, rtol=1e-9):
            v = sigma ** 2
            ridge_mistakes = [
                (v / (n * tau ** 2), "Ridge has no 1/n: its data term is the plain RSS, so alpha = "
                 "sigma² / tau² (the n belongs to the Lasso only)."),
                (sigma / tau, "sigma and tau are standard deviations: square both, alpha = sigma² / tau²."),
                (v / tau, "tau is a standard deviation: alpha = sigma² / tau²."),
                (sigma / tau ** 2, "sigma is a standard deviation: alpha = sigma² / tau²."),
                (v / (2 * tau ** 2), "there is an extra 1/2: (1/(2 sigma²))·RSS + (1/(2 tau²))·||w||², "
                 "multiplied by 2 sigma², gives alpha = sigma² / tau²."),
                (2 * v / tau ** 2, "there is an extra factor 2: alpha = sigma² / tau²."),
                (tau ** 2 / v, "the ratio is upside down: a narrower prior (small tau) means a larger "
                 "penalty, alpha = sigma² / tau²."),
                (1.0 / tau ** 2, "sigma² is missing: alpha = sigma² / tau²."),
                (v / (2 * n * tau ** 2), "Ridge has no 1/(2n): alpha = sigma² / tau²."),
            ]
            for value, why in ridge_mistakes:
                if np.isclose(ridge_got, value, rtol=1e-9):
                    fail(f"ridge_alpha is {ridge_got:.6g}, expected {ridge_want:.6g} {where}: {why}",
                         mistake={"ridge_has_no_1_over_n": "Ridge has no 1/n",
                                  "not_squared": "square both",
                                  "tau_not_squared": "tau is a standard deviation",
                                  "sigma_not_squared": "sigma is a standard deviation",
                                  "extra_half": "extra 1/2", "extra_2": "extra factor 2",
                                  "upside_down": "upside down", "missing_sigma2": "sigma² is missing",
                                  "ridge_has_no_1_over_2n": "no 1/(2n)"})
            phrases = _prior_powers("ridge", [r[1] for r in results], cases)
            if phrases:
                fail(f"ridge_alpha is {ridge_got:.6g}, expected {ridge_want:.6g} {where}: your formula has "
                     + " and ".join(phrases) + ". The Ridge alpha is sigma² / tau².", mistake="ridge_factors")
            fail(f"ridge_alpha should be sigma² / tau² = {ridge_want:.6g} {where}, got {ridge_got:.6g}.",
                 mistake="ridge_alpha_differs")


# ---------------------------------------------------------------- context

def judge_context():
    """What lesson 07's fixed cells build, rebuilt by the judge (never taken from the kernel)."""
    from sklearn.model_selection import train_test_split

    from lessonkit.data import auto_mpg_xy

    X, y = auto_mpg_xy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    return {"X_train": X_train, "y_train": y_train}
