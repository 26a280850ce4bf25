"""Hidden-test checks for lesson 04 (elastic net: CD update, solver, Ridge conversion, grouping)."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso

from .. import elastic_net as ref
from ..lasso import soft_threshold
from ._core import (SEEDS, as_float, coordinate_descent_variant, fail, random_regression_problem,
                    unpack_intercept_coef)
from .lasso import sweeps_diagnosis
from .linear_regression import grader_fault

#: (alpha, l1_ratio) pairs the checks use; l1_ratio away from 0.5 so a swap shows.
SETTINGS = ((0.1, 0.3), (0.4, 0.8), (0.05, 0.6), (1.0, 0.15), (0.25, 0.9))


def _update_diagnoses(x, r, alpha, l1_ratio):
    """Values of the typical wrong coordinate updates, each with the message naming it."""
    n = len(x)
    xr, xx = x @ r / n, x @ x / n
    lam1, lam2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    return [
        (soft_threshold(xr, alpha * (1 - l1_ratio)) / (xx + alpha * l1_ratio),
         "l1_ratio is swapped: the threshold is alpha·l1_ratio (the L1 part) and the "
         "denominator gets alpha·(1 - l1_ratio) (the L2 part)."),
        (soft_threshold(xr, lam1) / (xx + 2 * lam2),
         "the denominator has 2·alpha·(1 - l1_ratio): the L2 penalty is "
         "0.5·alpha·(1 - l1_ratio)·w², so its derivative is alpha·(1 - l1_ratio)·w (the 1/2 "
         "cancels the 2)."),
        (soft_threshold(xr, lam1) / (xx + 0.5 * lam2),
         "the denominator has 0.5·alpha·(1 - l1_ratio): differentiate 0.5·alpha·(1-l1_ratio)·w² "
         "to alpha·(1 - l1_ratio)·w."),
        (soft_threshold(xr, lam1) / xx, "the L2 part is missing: add alpha·(1 - l1_ratio) to "
         "the denominator."),
        (soft_threshold(xr, alpha) / (xx + lam2), "the threshold should be alpha·l1_ratio, "
         "not alpha."),
        (soft_threshold(xr, lam1) / (xx + alpha), "the denominator should add "
         "alpha·(1 - l1_ratio), not alpha."),
        (soft_threshold(x @ r, lam1) / (x @ x + lam2), "the 1/n factors are missing from "
         "x·r and x·x: ElasticNet's data term is (1/(2n))||r||²."),
        (soft_threshold(xr, lam1 * n) / (xx + lam2 * n), "the penalty is multiplied by n "
         "(alpha vs alpha·n): use x·r/n and x·x/n with alpha itself."),
        (soft_threshold(xr, lam1 / 2) / (xx + lam2), "the threshold has an extra 1/2: it is "
         "alpha·l1_ratio."),
        (soft_threshold(xr / (xx + lam2), lam1), "the L1 threshold must be applied to x·r/n "
         "before dividing by the denominator, not after."),
        (soft_threshold(xr, lam1) / (xx * (1 + lam2)), "the L2 part adds to x·x/n, it does "
         "not multiply it."),
    ]


def check_enet_coordinate_update(enet_coordinate_update):
    """The one-coordinate minimiser S(x·r/n, alpha·l1_ratio) / (x·x/n + alpha·(1 - l1_ratio)).

    Runs 40 random cases; when answers are wrong, the message names the typical mistake that
    matches the answer on every failing case (one case alone can be ambiguous, e.g. when the
    threshold sets both the answer and a wrong candidate to 0).
    """
    rng = np.random.default_rng(SEEDS[0])
    first_failure, consistent = None, None
    for trial in range(40):
        n = int(rng.integers(5, 60))
        x = rng.normal(size=n) * rng.uniform(0.5, 3.0)
        r = 1.5 * x + rng.normal(size=n) * rng.uniform(0.2, 3.0) + rng.normal()
        alpha = float(rng.uniform(0.05, 2.0))
        l1_ratio = float(rng.choice([0.0, 0.2, 0.35, 0.7, 0.9, 1.0]))
        got = as_float(enet_coordinate_update(x.copy(), r.copy(), alpha, l1_ratio),
                       "enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio)")
        want = ref.enet_coordinate_update(x, r, alpha, l1_ratio)
        if np.isclose(got, want, rtol=1e-9, atol=1e-12):
            continue
        diagnoses = _update_diagnoses(x, r, alpha, l1_ratio)
        matching = {i for i, (value, _) in enumerate(diagnoses)
                    if np.isclose(got, value, rtol=1e-9, atol=1e-12)}
        consistent = matching if consistent is None else consistent & matching
        if first_failure is None:
            first_failure = (got, want, n, alpha, l1_ratio, diagnoses)
    if first_failure is None:
        return
    got, want, n, alpha, l1_ratio, diagnoses = first_failure
    if consistent:
        why = diagnoses[min(consistent)][1]
        fail(f"enet_coordinate_update returned {got:.6g}, expected {want:.6g} "
             f"(alpha={alpha:.3g}, l1_ratio={l1_ratio}): {why}",
                  mistake={"l1_ratio_swapped": "l1_ratio is swapped",
                           "denominator_2alpha": "denominator has 2·alpha",
                           "denominator_half": "denominator has 0.5",
                           "missing_l2_term": "L2 part is missing",
                           "threshold_full_alpha": "threshold should be alpha·l1_ratio, not alpha",
                           "denominator_full_alpha": "denominator should add",
                           "missing_1_over_n": "1/n factors are missing",
                           "alpha_times_n": "multiplied by n",
                           "threshold_half": "threshold has an extra 1/2",
                           "threshold_after_division": "before dividing",
                           "l2_multiplies": "does not multiply"})
    fail(f"enet_coordinate_update returned {got:.6g} for n={n}, alpha={alpha:.3g}, "
         f"l1_ratio={l1_ratio}; expected {want:.6g} = S(x·r/n, alpha·l1_ratio) / "
         "(x·x/n + alpha·(1 - l1_ratio)).", mistake="differs")


def _probe_problem():
    """The problem the sweep probes run on, drawn from the first seed: four columns, one of them close to a
    combination of two others, and a small alpha, so that every coordinate moves in the first sweep and the
    sweep schemes give different weights."""
    X, y, *_ = random_regression_problem(SEEDS[0], p=4, correlated=True)
    return X, y, *SETTINGS[0]


def _sweep_probes(enet_cd):
    """The student's weights after 1 and 2 sweeps (``max_sweeps=1, 2``) on :func:`_probe_problem`, asked of
    every solver at the start of each solver check (the same calls whatever the answer), read only to name
    a mistake; None for a call that raised or returned something else (a solver without max_sweeps)."""
    X, y, alpha, l1_ratio = _probe_problem()
    found = []
    for k in (1, 2):
        try:
            _, w = enet_cd(X.copy(), y.copy(), alpha, l1_ratio, max_sweeps=k)
            w = np.asarray(w, dtype=float).ravel()
            found.append(w if w.shape == (X.shape[1],) else None)
        except Exception as exc:  # noqa: BLE001 - a solver without max_sweeps: no probe
            if grader_fault(exc):
                raise
            found.append(None)
    return X, y, alpha, l1_ratio, found


def _probe_updates(alpha, l1_ratio):
    """Coordinate updates ``(key, update(x, r, n), why)`` for the sweep simulations: the right one (key None)
    and the usual wrong ones of the enet_coordinate_update cell."""
    out = [(None, lambda x, r, n: ref.enet_coordinate_update(x, r, alpha, l1_ratio), "")]
    for k, (_, why) in enumerate(_update_diagnoses(np.ones(2), np.ones(2), 0.5, 0.5)):
        out.append(("update_wrong", lambda x, r, n, k=k: float(_update_diagnoses(x, r, alpha, l1_ratio)[k][0]),
                    "the coordinate update is wrong (see the enet_coordinate_update cell): " + why))
    return out


def _probe_diagnosis(probes):
    """(key, why) naming how the student's sweeps differ from the lesson's (the sweep scheme, the centring,
    the update), from their weights after 1 and 2 sweeps; None when they match the lesson's sweeps or nothing
    explains them. Lesson 02's diagnosis (:func:`.lasso.sweeps_diagnosis`) with the elastic-net updates."""
    if probes is None:
        return None
    X, y, alpha, l1_ratio, (one, two) = probes
    if one is None:
        return None
    return sweeps_diagnosis(X, y, one, two, _probe_updates(alpha, l1_ratio))


def _probe_failure(where, probes):
    """Fail naming the probe diagnosis (the sweep scheme first) with ``where`` leading the message; return
    when the probes name nothing."""
    found = _probe_diagnosis(probes)
    if found:
        key, why = found
        fail(f"{where}. After one and two sweeps your weights are those of a solver where {why}", mistake=key)


def _unpack(result, p, what="enet_cd(X, y, alpha, l1_ratio)", probes=None):
    if isinstance(result, tuple) and len(result) == 2:
        try:
            b, coef = float(np.asarray(result[0], dtype=float).reshape(())), np.asarray(result[1], dtype=float).ravel()
        except (TypeError, ValueError):
            b, coef = 0.0, np.zeros(0)
        if coef.shape == (p,) and (not (np.isfinite(b) and np.all(np.isfinite(coef))) or np.abs(coef).max() > 1e8):
            size = ("NaN or infinite values" if not (np.isfinite(b) and np.all(np.isfinite(coef)))
                    else f"weights as large as {np.abs(coef).max():.3g}")
            _probe_failure(f"{what} returned {size}: coordinate descent diverged", probes)
    return unpack_intercept_coef(result, p, what)


def _sk(X, y, alpha, l1_ratio):
    """scikit-learn's ElasticNet fitted to a tight tolerance: (b, w)."""
    m = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=200_000).fit(X, y)
    return float(m.intercept_), m.coef_


def _cd_variant(X, y, alpha, l1_ratio, *, update=None, **mistakes):
    """Weights of the lesson's solver with a mistake (see ``coordinate_descent_variant``), the
    coordinate update being ``update(x, partial, alpha, l1_ratio)`` or the correct one."""
    def step(x, partial, n):
        if update:
            return update(x, partial, alpha, l1_ratio)
        return soft_threshold(x @ partial / n, alpha * l1_ratio) / (x @ x / n + alpha * (1 - l1_ratio))

    return coordinate_descent_variant(X, y, step, **mistakes)[1]


def _solver_diagnosis(w, X, y, alpha, l1_ratio):
    """The message naming the solver mistake ``w`` matches, or None."""
    variants = [
        (dict(sweeps=1), "your solver stops after one sweep over the coordinates: coordinate descent "
         "repeats the sweeps until no weight moves by more than tol."),
        (dict(centre=False, ones_column=True), "the intercept is penalised: a column of ones was "
         "soft-thresholded and shrunk like a weight. Centre X and y instead, and set "
         "b = mean(y) - mean(X)·w (the intercept is not penalised)."),
        (dict(centre=False), "you ran coordinate descent on uncentred X and y: centre both first "
         "(the intercept is unpenalised), then b = mean(y) - mean(X)·w."),
    ]
    for k, (_, update_why) in enumerate(_update_diagnoses(np.ones(2), np.ones(2), 0.5, 0.5)):
        def update(x, r, a, l, k=k):
            return float(_update_diagnoses(x, r, a, l)[k][0])
        variants.append((dict(update=update), "coordinate descent converges to these weights when the "
                         "coordinate update is wrong (see the enet_coordinate_update cell): " + update_why))
    for kwargs, why in variants:
        if np.allclose(w, _cd_variant(X, y, alpha, l1_ratio, **kwargs), atol=1e-5):
            return why
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    _, w_std = ref.enet_cd(X / sd, y, alpha, l1_ratio)
    if np.allclose(w, w_std / sd, atol=1e-5) or np.allclose(w, w_std, atol=1e-5):
        return ("X was standardised inside the solver. enet_cd must solve the problem for the X it "
                "is given (standardising is the pipeline's job), like sklearn's ElasticNet.")
    return None


def _sk_y_centred_only(X, y, alpha, l1_ratio):
    """(b, w) of coordinate descent on uncentred X with centred y (no intercept), b as the lesson computes it."""
    m = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-12, max_iter=200_000)
    w = m.fit(X, y - y.mean()).coef_
    return float(y.mean() - X.mean(0) @ w), w


def _intercept_diagnosis(b, w, X, y):
    """(key, why) for an intercept that is not mean(y) - mean(X)·w for the student's own weights, or None."""
    right = float(y.mean() - X.mean(0) @ w)
    if np.isclose(b, right, atol=1e-6 * (1 + abs(right))):
        return None
    if abs(b) < 1e-8 * (1 + np.abs(y).max()):
        return ("intercept_from_centred_means", "your intercept is 0, the intercept of the centred problem: "
                "it looks computed from the means of the already-centred X and y, which are 0. Use the means "
                "of the X and y you were given: b = mean(y) - mean(X)·w.")
    if np.isclose(b, y.mean(), atol=1e-8 * (1 + abs(b))):
        return ("intercept_mean_y", f"your intercept is mean(y) = {b:.6g}: it leaves out the columns' means, "
                "b = mean(y) - mean(X)·w.")
    if np.isclose(b, y.mean() + X.mean(0) @ w, atol=1e-8 * (1 + abs(b))):
        return ("intercept_sign", "your intercept is mean(y) + mean(X)·w: the sign is wrong, "
                "b = mean(y) - mean(X)·w.")
    return None


def _call_unchanged(enet_cd, X, y, alpha, l1_ratio, p, probes=None):
    """``(b, w)`` of ``enet_cd`` on copies of X and y; fails when the call changed them in place
    (the lesson's own cells then fit sklearn on the changed X, so every later comparison is off)."""
    X_in, y_in = X.copy(), y.copy()
    b, w = _unpack(enet_cd(X_in, y_in, alpha, l1_ratio), p, probes=probes)
    if not (np.array_equal(X_in, X) and np.array_equal(y_in, y)):
        fail("enet_cd changed X or y in place (e.g. X -= X.mean(axis=0)): the caller's data must "
             "stay as it was. Centre copies instead: Xc = X - X.mean(axis=0), yc = y - y.mean().",
             mistake="changes_input")
    return b, w


def check_enet_cd_matches_sklearn(enet_cd):
    """(b, w) equal sklearn's ElasticNet to 1e-6 on seeded problems (correlated ones included)."""
    probes = _sweep_probes(enet_cd)
    for i, (seed, (alpha, l1_ratio)) in enumerate(zip(SEEDS, SETTINGS)):
        X, y, *_ = random_regression_problem(seed, correlated=(i % 2 == 0))
        n, p = X.shape
        b, w = _call_unchanged(enet_cd, X, y, alpha, l1_ratio, p, probes)
        b_ref, w_ref = _sk(X, y, alpha, l1_ratio)
        if np.allclose(w, w_ref, atol=1e-6) and np.isclose(b, b_ref, atol=1e-6):
            continue
        wrong = [
            (ref.enet_cd(X, y, alpha, 1 - l1_ratio), "it matches ElasticNet with l1_ratio and "
             "1 - l1_ratio swapped: the L1 part is alpha·l1_ratio."),
            (_sk(X, y, 2 * alpha * (1 - l1_ratio) + alpha * l1_ratio,
                 alpha * l1_ratio / (2 * alpha * (1 - l1_ratio) + alpha * l1_ratio)),
             "it matches an L2 penalty of alpha·(1 - l1_ratio)·||w||², without the 1/2."),
            (_sk(X, y, alpha * n, l1_ratio), "it matches ElasticNet with alpha·n: keep the 1/n in "
             "x·r/n and x·x/n."),
            (_sk(X, y, alpha, 1.0), "it matches the Lasso: the L2 part of the update is missing."),
            (_sk_y_centred_only(X, y, alpha, l1_ratio), "you centred y but not the columns of X: coordinate "
             "descent then runs on uncentred columns with no intercept to absorb their means. Centre X as well "
             "(Xc = X - X.mean(axis=0)) and compute b = mean(y) - mean(X)·w at the end."),
        ]
        for (b_bad, w_bad), why in wrong:
            if np.allclose(w, w_bad, atol=1e-5):
                fail(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}, "
                     f"l1_ratio={l1_ratio}) your weights are wrong: {why}",
                     mistake={"update_l1_ratio_swapped": "l1_ratio and 1 - l1_ratio swapped",
                              "update_l2_without_half": "without the 1/2", "update_alpha_times_n": "with alpha·n",
                              "update_missing_l2": "matches the Lasso", "y_centred_only": "centred y but not",
                              "one_sweep": "one sweep",
                              "penalised_intercept": "intercept is penalised", "uncentred": "uncentred",
                              "standardises_inside": "standardis", "update_wrong": "coordinate update is wrong"})
        why = _solver_diagnosis(w, X, y, alpha, l1_ratio)
        if why:
            fail(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}, "
                 f"l1_ratio={l1_ratio}) your weights are wrong: {why}",
                 mistake={"update_l1_ratio_swapped": "l1_ratio and 1 - l1_ratio swapped",
                          "update_l2_without_half": "without the 1/2", "update_alpha_times_n": "with alpha·n",
                          "update_missing_l2": "matches the Lasso", "one_sweep": "one sweep",
                          "penalised_intercept": "intercept is penalised", "uncentred": "uncentred",
                          "standardises_inside": "standardis", "update_wrong": "coordinate update is wrong"})
        if np.allclose(w, w_ref, atol=1e-6):
            found = _intercept_diagnosis(b, w, X, y)
            fail(f"the weights are right but the intercept is {b:.6g}, expected {b_ref:.6g}: "
                 + (found[1] if found else "b = mean(y) - mean(X)·w."),
                 mistake=found[0] if found else "intercept_differs")
        _probe_failure(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}, l1_ratio={l1_ratio}) "
                       "your weights are wrong", probes)
        fail(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}, l1_ratio={l1_ratio}) "
             f"expected intercept {b_ref:.6g} and coef {np.round(w_ref, 6).tolist()}, got {b:.6g} and "
             f"{np.round(w, 6).tolist()}. Centre X and y, sweep enet_coordinate_update over the "
             "coordinates until no weight moves by more than tol, then b = mean(y) - mean(X)·w. "
             "If the weights are close but not equal, run more sweeps (tol, max_sweeps).", mistake="differs")


def check_enet_cd_intercept_unpenalised(enet_cd):
    """The residuals sum to 0 and shifting y by a constant moves only b."""
    probes = _sweep_probes(enet_cd)
    for seed, (alpha, l1_ratio) in zip(SEEDS, SETTINGS):
        X, y, *_ = random_regression_problem(seed)
        p = X.shape[1]
        b, w = _call_unchanged(enet_cd, X, y, alpha, l1_ratio, p, probes)
        r = y - b - X @ w
        if abs(r.mean()) > 1e-6 * (np.abs(y).mean() + 1):
            found = _intercept_diagnosis(b, w, X, y)
            if found and np.allclose(w, _sk(X, y, alpha, l1_ratio)[1], atol=1e-6):
                fail(f"the residuals y - b - Xw have mean {r.mean():.4g}, not 0 (seed {seed}), although your "
                     f"weights are right: {found[1]}", mistake=found[0])
            fail(f"the residuals y - b - Xw have mean {r.mean():.4g}, not 0 (seed {seed}): with an "
                 "unpenalised intercept b = mean(y) - mean(X)·w. Did you penalise b or skip centring X?",
                 mistake="penalised_intercept")
        b2, w2 = _unpack(enet_cd(X.copy(), y + 100.0, alpha, l1_ratio), p, probes=probes)
        if not np.allclose(w2, w, atol=1e-6):
            fail(f"adding 100 to every y changed the weights (seed {seed}): centre X and y so that "
                 "the intercept is not penalised.", mistake="penalised_intercept")
        if not np.isclose(b2, b + 100.0, atol=1e-5):
            fail(f"adding 100 to every y moved the intercept by {b2 - b:.6g}, not 100.", mistake="intercept_shift")


def check_enet_cd_ends(enet_cd):
    """l1_ratio = 1 gives Lasso(alpha); l1_ratio = 0 gives Ridge(alpha·n) (closed form)."""
    from .. import ridge

    probes = _sweep_probes(enet_cd)
    for seed, alpha in zip(SEEDS[:3], (0.2, 0.05, 0.5)):
        X, y, *_ = random_regression_problem(seed)
        n, p = X.shape
        b, w = _unpack(enet_cd(X.copy(), y.copy(), alpha, 1.0), p, probes=probes)
        lasso = Lasso(alpha=alpha, tol=1e-12, max_iter=200_000).fit(X, y)
        if not np.allclose(w, lasso.coef_, atol=1e-6):
            why = _solver_diagnosis(w, X, y, alpha, 1.0)
            if not why:
                _probe_failure(f"with l1_ratio=1 your solver should give Lasso(alpha={alpha}) (seed {seed}); it "
                               f"gives {np.round(w, 6).tolist()} instead of {np.round(lasso.coef_, 6).tolist()}",
                               probes)
            fail(f"with l1_ratio=1 your solver should give Lasso(alpha={alpha}) (seed {seed}); it "
                 f"gives {np.round(w, 6).tolist()} instead of {np.round(lasso.coef_, 6).tolist()}"
                 + (f": {why}" if why else "."), mistake="not_lasso_at_1")
        b, w = _unpack(enet_cd(X.copy(), y.copy(), alpha, 0.0), p, probes=probes)
        b_r, w_r = ridge.fit_ridge(X, y, alpha * n)
        if np.allclose(w, w_r, atol=1e-6) and not np.isclose(b, b_r, atol=1e-6):
            fail(f"with l1_ratio=0 your weights are those of Ridge(alpha·n = {alpha * n:g}) but the "
                 f"intercept is {b:.6g}, expected {b_r:.6g} (seed {seed}): b = mean(y) - mean(X)·w, "
                 "with the means of the X you were given.", mistake="intercept_at_0")
        if not (np.allclose(w, w_r, atol=1e-6) and np.isclose(b, b_r, atol=1e-6)):
            why = _solver_diagnosis(w, X, y, alpha, 0.0)
            if not why:
                _probe_failure(f"with l1_ratio=0 your solver should give Ridge(alpha·n = {alpha * n:g}) (seed "
                               f"{seed}); it gives {np.round(w, 6).tolist()} instead of {np.round(w_r, 6).tolist()}",
                               probes)
            fail(f"with l1_ratio=0 your solver should give Ridge(alpha·n = {alpha * n:g}) (seed "
                 f"{seed}); it gives {np.round(w, 6).tolist()} instead of {np.round(w_r, 6).tolist()}"
                 + (f": {why}" if why else "."), mistake="not_ridge_at_0")


def check_ridge_alpha_to_enet_alpha(ridge_alpha_to_enet_alpha):
    """ElasticNet(alpha = ridge_alpha / n, l1_ratio=0) == Ridge(ridge_alpha).

    Every case is asked first; a wrong answer gets the usual mistake that explains all the failing
    cases (alpha = 1, n = 50 alone cannot tell alpha·n from n/alpha)."""
    cases = ((1.0, 50), (10.0, 294), (0.3, 17), (250.0, 1000), (4.0, 3))
    got = [as_float(ridge_alpha_to_enet_alpha(ridge_alpha, n), "ridge_alpha_to_enet_alpha(alpha, n)")
           for ridge_alpha, n in cases]
    failing = [(g, a, n) for g, (a, n) in zip(got, cases)
               if not np.isclose(g, ref.ridge_alpha_to_enet_alpha(a, n), rtol=1e-12)]
    if not failing:
        return

    def diagnoses(a, n):
        return [
            (a * n, "you returned alpha·n; it goes the other way: Ridge has no 1/n, "
             "ElasticNet divides the data term by 2n, so its alpha is Ridge's divided by n."),
            (a / (2 * n), "you returned alpha/(2n): ElasticNet's L2 penalty already has "
             "the 1/2 (0.5·alpha·||w||²), so the 2 cancels: alpha/n."),
            (2 * a / n, "you returned 2·alpha/n: the 1/2 is in both the data term and "
             "the penalty of ElasticNet, so it cancels: alpha/n."),
            (a, "the alphas are not the same: ElasticNet's data term is divided by 2n."),
            (a / np.sqrt(n), "divide by n, not sqrt(n)."),
            (n / a, "you returned n / alpha, the conversion upside down: ElasticNet's alpha is "
             "Ridge's alpha divided by n, alpha / n."),
        ]

    consistent = None
    for g, a, n in failing:
        match = {i for i, (value, _) in enumerate(diagnoses(a, n)) if np.isclose(g, value, rtol=1e-12)}
        consistent = match if consistent is None else consistent & match
    g, a, n = failing[0]
    want = ref.ridge_alpha_to_enet_alpha(a, n)
    if consistent:
        fail(f"for Ridge(alpha={a}) on n={n} samples you returned {g:.6g}, expected {want:.6g}: "
             f"{diagnoses(a, n)[min(consistent)][1]}",
             mistake={"alpha_times_n": "alpha·n", "over_2n": "alpha/(2n)", "two_alpha_over_n": "2·alpha/n",
                      "same_alpha": "not the same", "over_sqrt_n": "sqrt(n)", "inverted": "upside down"})
    fail(f"for Ridge(alpha={a}) on n={n} samples you returned {g:.6g}, expected "
         f"{want:.6g}. Write both objectives with the same data term (1/(2n))||r||² and compare "
         "the penalties.", mistake="differs")


def check_grouping(lasso_kept, enet_kept):
    """Names of the nonzero coefficients of Lasso(1.0) and ElasticNet(1.0, l1_ratio=0.3) on
    :func:`reference_solutions.elastic_net.grouping_data`."""
    X, y, names = ref.grouping_data()
    coef_lasso = Lasso(alpha=1.0, max_iter=100_000).fit(X, y).coef_
    coef_enet = ElasticNet(alpha=1.0, l1_ratio=0.3, max_iter=100_000).fit(X, y).coef_
    want_lasso = ref.nonzero_features(coef_lasso, names)
    want_enet = ref.nonzero_features(coef_enet, names)
    for value, coef, what in ((lasso_kept, coef_lasso, "lasso_kept"), (enet_kept, coef_enet, "enet_kept")):
        _what_was_listed(value, coef, names, what)
    got_lasso, got_enet = _names(lasso_kept, "lasso_kept"), _names(enet_kept, "enet_kept")
    if got_lasso == want_enet and got_enet == want_lasso:
        fail("lasso_kept and enet_kept are swapped: the Lasso keeps fewer of the correlated group.",
             mistake="swapped")
    for got, want, what in ((got_lasso, want_lasso, "lasso_kept"), (got_enet, want_enet, "enet_kept")):
        if set(got) == set(want) and got != want:
            fail(f"{what} has the right names in the wrong order: list them in the order of "
                 "group_names.", mistake="wrong_order")
        if got != want:
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            hint = (" Use the exact test coef != 0 (no rounding or threshold)." if missing or extra
                    else "")
            fail(f"{what} should list the features with a nonzero coefficient, in order; it has "
                 f"{len(got)} names (extra: {extra}, missing: {missing}).{hint}", mistake="wrong_features")


def _what_was_listed(value, coef, names, what):
    """Fail naming it when ``value`` holds positions, a True/False mask or coefficient values, not names."""
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return
    items = list(value)
    if not items or all(isinstance(v, str) for v in items) or any(isinstance(v, np.str_) for v in items):
        return
    nonzero = [i for i, c in enumerate(coef) if c != 0]
    if all(isinstance(v, (bool, np.bool_)) for v in items):
        fail(f"{what} is a True/False mask ({[bool(v) for v in items]}); list the NAMES where it is True: "
             "[name for name, c in zip(group_names, coef_) if c != 0].", mistake="boolean_mask")
    if all(isinstance(v, (int, np.integer)) for v in items):
        fail(f"{what} holds positions ({[int(v) for v in items]}), not feature names: look the names up in "
             "group_names (e.g. [group_names[i] for i in positions]).", mistake="positions")
    try:
        numbers = np.asarray(items, dtype=float)
    except (TypeError, ValueError):
        return
    if numbers.shape == (len(nonzero),) and np.allclose(numbers, np.asarray(coef)[nonzero]):
        fail(f"{what} holds the nonzero coefficient VALUES ({np.round(numbers, 4).tolist()}), not the names "
             "of their features: take the names from group_names where coef_ != 0.", mistake="values")


def _names(value, what):
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        fail(f"{what} should be a list of feature names, got {type(value).__name__}.", mistake="not_a_list")
    out = [str(v) for v in value]
    return out


def reference_answers(ctx):
    """The list answers of exercise 4, computed by the reference (the judge's side of the plan)."""
    X, y, names = ref.grouping_data()
    return {"lasso_kept": ref.nonzero_features(Lasso(alpha=1.0, max_iter=100_000).fit(X, y).coef_, names),
            "enet_kept": ref.nonzero_features(
                ElasticNet(alpha=1.0, l1_ratio=0.3, max_iter=100_000).fit(X, y).coef_, names)}
