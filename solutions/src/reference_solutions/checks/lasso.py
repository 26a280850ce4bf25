"""Hidden-test checks for lesson 02 (Lasso: soft-threshold, coordinate descent, selection, CV).

Every check runs on seeded random problems with a nonzero intercept, columns on different
scales, correlated columns, exactly-zero true coefficients and one problem with p > n. When an
answer is wrong, the check computes the usual wrong answers (missing clip, wrong sign, missing
1/n, L2 instead of L1, penalised intercept, ...) and names the one the answer matches.
"""

from __future__ import annotations

import numpy as np

from .. import lasso as ref
from ._core import (SEEDS, as_float, coordinate_descent_variant, fail, one_se_ddof_case,
                    random_regression_problem, unpack_intercept_coef)
from .linear_regression import error_rule, grader_fault

#: Coefficient tolerance for "matches the reference" (the lesson promises 1e-6).
COEF_TOL = 1e-6


def lasso_problem(seed, *, p_gt_n=False):
    """A seeded Lasso test problem ``(X, y, alpha)``.

    Built on :func:`random_regression_problem` (nonzero intercept, unequal column scales); a
    third of the true weights are set exactly to 0, odd seeds get a correlated column, and
    alpha is a fraction of alpha_max so that some but not all weights end at 0.
    """
    rng = np.random.default_rng(seed + 1000)
    if p_gt_n:
        X, _, intercept, coef = random_regression_problem(seed, n=20, p=30)
    else:
        X, _, intercept, coef = random_regression_problem(seed, p=int(rng.integers(4, 8)),
                                                          correlated=bool(seed % 2))
    coef[rng.permutation(len(coef))[: max(1, len(coef) // 3)]] = 0.0
    y = intercept + X @ coef + 0.5 * rng.normal(size=len(X))
    alpha = float(rng.uniform(0.01, 0.06) * ref.alpha_max(X, y))
    return X, y, alpha


def _problems():
    return [lasso_problem(s) for s in SEEDS] + [lasso_problem(SEEDS[0], p_gt_n=True)]


# ---------------------------------------------------------------- soft-threshold

def _call_soft_threshold(soft_threshold, z, t):
    try:
        out = soft_threshold(z, t)
    except Exception as exc:  # noqa: BLE001 - report any failure to the student
        rule = error_rule(exc)
        fail(f"soft_threshold(z, t) raised {type(exc).__name__}: {exc}. " + (f"{rule} " if rule else "") +
             "It must work elementwise "
             "on NumPy arrays as well as on single numbers: use np.sign, np.abs and np.maximum "
             "(Python's max() and `if z > t` only work on single numbers).", mistake="raised")
    out = np.asarray(out, dtype=float)
    if out.shape != np.shape(z):
        fail(f"soft_threshold returned shape {out.shape} for z of shape {np.shape(z)}; it should "
             "act elementwise and keep the shape of z.", mistake="wrong_shape")
    return out


def _soft_threshold_variants():
    """The usual wrong soft thresholds, as functions of (z, t), each with the message naming it."""
    def s(z, t):
        return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)

    return [
        (lambda z, t: np.sign(z) * (np.abs(z) - t), "it is missing the clip at 0: when |z| <= t the result must "
         "be exactly 0, but sign(z) * (|z| - t) flips the sign instead. Use np.maximum(|z| - t, 0)."),
        (lambda z, t: -s(z, t), "the sign is reversed: the result must keep the sign of z "
         "(sign(z) * max(|z| - t, 0))."),
        (lambda z, t: z - t, "z - t shifts every value down; negative values must move UP toward 0 (by +t)."),
        (lambda z, t: np.maximum(z - t, 0.0), "negative inputs are all set to 0: max(z - t, 0) only "
         "handles z > 0. Use sign(z) * max(|z| - t, 0)."),
        (lambda z, t: np.where(np.abs(z) > t, z, 0.0), "this is hard thresholding (keep z or set 0); "
         "soft thresholding also moves every surviving value toward 0 by t."),
        (lambda z, t: z / (1.0 + t), "this is the L2 (ridge) shrink z / (1 + t): it scales values and "
         "never gives exact zeros. L1 subtracts t from |z| and clips at 0."),
        (lambda z, t: s(z, t / 2), "the threshold is t/2; it should be t."),
        (lambda z, t: s(z, 2 * t), "the threshold is 2t; it should be t."),
    ]


def _soft_threshold_diagnosis(got, z, t):
    for variant, why in _soft_threshold_variants():
        value = np.asarray(variant(np.asarray(z, dtype=float), t), dtype=float)
        if got.shape == value.shape and np.allclose(got, value, atol=1e-12):
            return why
    return None


def check_soft_threshold(soft_threshold):
    """Equals sign(z) * max(|z| - t, 0) on arrays and scalars, for several thresholds."""
    rng = np.random.default_rng(SEEDS[1])
    for t in (0.5, 1.3, 0.0, 2.0):
        z = np.concatenate([rng.normal(0, 2, size=12), [t, -t, 0.0, 3 * t + 1, -(3 * t + 1)]])
        got = _call_soft_threshold(soft_threshold, z, t)
        want = ref.soft_threshold(z, t)
        if np.allclose(got, want, atol=1e-12):
            continue
        why = _soft_threshold_diagnosis(got, z, t)
        if why:
            fail(f"soft_threshold is wrong for t = {t}: {why}",
                 mistake={"no_clip": "missing the clip at 0", "sign_reversed": "sign is reversed",
                          "shift_down": "shifts every value down",
                          "positive_side_only": "negative inputs are all set to 0",
                          "hard_threshold": "hard thresholding", "l2_shrink": "(ridge) shrink",
                          "half_threshold": "threshold is t/2", "double_threshold": "threshold is 2t"})
        bad = int(np.argmax(np.abs(got - want)))
        fail(f"soft_threshold({z[bad]:.4g}, {t}) returned {got[bad]:.6g}, expected {want[bad]:.6g} "
             "= sign(z) * max(|z| - t, 0).", mistake="differs")
    for z, t in ((2.5, 1.0), (-2.5, 1.0), (0.4, 1.0)):
        got = as_float(_call_soft_threshold(soft_threshold, z, t), f"soft_threshold({z}, {t})")
        if not np.isclose(got, ref.soft_threshold(z, t), atol=1e-12):
            fail(f"soft_threshold({z}, {t}) on plain numbers returned {got}, expected "
                 f"{ref.soft_threshold(z, t)}.", mistake="scalar_differs")


def check_soft_threshold_exact_zeros(soft_threshold):
    """Every |z| <= t gives exactly 0.0 (not a small number, not a negative one)."""
    rng = np.random.default_rng(SEEDS[2])
    for t in (0.3, 1.0, 4.0):
        z = rng.uniform(-t, t, size=25)
        got = _call_soft_threshold(soft_threshold, z, t)
        if not np.all(got == 0.0):
            bad = int(np.argmax(got != 0.0))
            hint = _soft_threshold_diagnosis(got, z, t) or (
                "every input with |z| <= t must give exactly 0.0 (np.maximum(np.abs(z) - t, 0)).")
            fail(f"soft_threshold({z[bad]:.4g}, {t}) returned {got[bad]:.4g} instead of exactly 0: {hint}",
                 mistake="not_exact_zero")
    for t in (0.3, 1.0):
        z = np.array([t, -t])
        got = _call_soft_threshold(soft_threshold, z, t)
        if not np.all(got == 0.0):
            fail(f"at |z| == t the result must be exactly 0, got {got.tolist()} for z = ±{t}.",
                 mistake="not_exact_zero_at_t")


# ---------------------------------------------------------------- one coordinate update

def check_coordinate_update(coordinate_update):
    """Equals S(x_jᵀr/n, alpha) / (x_jᵀx_j/n) on random columns, residuals and alphas."""
    for i, seed in enumerate(SEEDS):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(20, 60))
        x = rng.normal(size=n) * rng.uniform(0.5, 4.0) + rng.normal()
        r = 2.0 * x * rng.normal() + rng.normal(size=n) * 2.0 + rng.normal() * 3
        if (x @ r > 0) != (i % 2 == 0):
            r = -r  # both signs of x_jᵀr, whatever the seeds
        corr = abs(x @ r / n)
        for alpha in (0.4 * corr, 1.5 * corr, 0.9 * corr):
            try:
                got = coordinate_update(x.copy(), r.copy(), alpha)
            except Exception as exc:  # noqa: BLE001
                rule = error_rule(exc)
                fail(f"coordinate_update(x_j, partial_residual, alpha) raised {type(exc).__name__}: {exc}."
                     + (f" {rule}" if rule else "") + " If the error comes from your soft_threshold (Exercise 1): "
                     "the update passes it single numbers, which it must handle as well as arrays.",
                     mistake="raised")
            got = as_float(got, "coordinate_update(x_j, partial_residual, alpha)")
            want = ref.coordinate_update(x, r, alpha)
            if np.isclose(got, want, rtol=1e-9, atol=1e-12):
                continue
            xr, xx = x @ r, x @ x
            S = ref.soft_threshold
            candidates = [
                (S(xr, alpha) / xx, "the 1/n factors are missing: the Lasso data term is "
                 "(1/(2n))||r||², so use x_jᵀr / n and x_jᵀx_j / n (the threshold stays alpha)."),
                (S(xr / n, alpha) / xx, "divide x_jᵀx_j by n as well: w_j = S(x_jᵀr/n, alpha) / (x_jᵀx_j/n)."),
                (S(xr, alpha) / (xx / n), "divide x_jᵀr by n before soft-thresholding."),
                ((xr / n) / (xx / n + alpha), "this is the L2 (ridge) update (x_jᵀr/n)/(x_jᵀx_j/n + alpha): "
                 "it never gives an exact 0. L1 soft-thresholds the numerator instead."),
                ((xr / n) / (xx / n + 2 * alpha), "this is an L2 (ridge) update; L1 soft-thresholds "
                 "x_jᵀr/n by alpha and divides by x_jᵀx_j/n."),
                (S(xr / n, alpha), "you forgot to divide by x_jᵀx_j / n (it is 1 only for columns "
                 "scaled to mean square 1)."),
                (S(xr / n, alpha / 2) / (xx / n), "the threshold is alpha/2; with the (1/(2n)) data "
                 "term it is alpha."),
                (S(xr / n, 2 * alpha) / (xx / n), "the threshold is 2*alpha; with the (1/(2n)) data "
                 "term it is alpha."),
                ((xr / n) / (xx / n), "there is no penalty: this is the least-squares coordinate "
                 "update. Soft-threshold x_jᵀr/n by alpha first."),
                (-S(xr / n, alpha) / (xx / n), "the sign is reversed: w_j has the sign of x_jᵀr."),
                (max(xr / n - alpha, 0.0) / (xx / n), "a negative x_jᵀr/n gives 0: the soft threshold "
                 "only handles the positive side (use sign(z) * max(|z| - t, 0))."),
                (np.sign(xr) * (abs(xr / n) - alpha) / (xx / n), "the clip at 0 is missing: when "
                 "|x_jᵀr/n| <= alpha the weight must be exactly 0."),
            ]
            for value, why in candidates:
                if np.isclose(got, value, rtol=1e-9, atol=1e-12):
                    fail(f"coordinate_update returned {got:.6g}, expected {want:.6g}: {why}",
                         mistake={"no_1_over_n": "1/n factors are missing",
                                  "denominator_not_over_n": "divide x_jᵀx_j by n",
                                  "numerator_not_over_n": "divide x_jᵀr by n",
                                  "l2_update": "L2 (ridge) update",
                                  "no_denominator": "forgot to divide by x_jᵀx_j",
                                  "half_threshold": "threshold is alpha/2",
                                  "double_threshold": "threshold is 2*alpha",
                                  "no_penalty": "there is no penalty", "sign_reversed": "sign is reversed",
                                  "positive_side_only": "positive side", "no_clip": "clip at 0 is missing"})
            fail(f"coordinate_update returned {got:.6g} (seed {seed}, alpha {alpha:.4g}), expected "
                 f"{want:.6g} = S(x_jᵀr/n, alpha) / (x_jᵀx_j/n). If your soft_threshold is wrong, "
                 "fix it first.", mistake="differs")


# ---------------------------------------------------------------- the full solver

def _update_variants(alpha):
    """Coordinate updates ``(key, update(x, r, n), why)``: the right one (key None) and the usual wrong ones,
    as a solver built on them would use them (a wrong soft_threshold included)."""
    S = ref.soft_threshold
    out = [(None, lambda x, r, n: S(x @ r / n, alpha) / (x @ x / n), "")]
    for threshold, why in _soft_threshold_variants():
        out.append(("soft_threshold_wrong",
                    lambda x, r, n, threshold=threshold: float(threshold(np.float64(x @ r / n), alpha)) / (x @ x / n),
                    "its updates are those of a soft_threshold that is wrong (see the soft_threshold cell): " + why))
    out += [
        ("no_denominator", lambda x, r, n: S(x @ r / n, alpha),
         "the update is not divided by x_jᵀx_j/n (that is 1 only for columns scaled to mean square 1): "
         "w_j = S(x_jᵀr/n, alpha) / (x_jᵀx_j/n)."),
        ("missing_1_over_n", lambda x, r, n: S(x @ r, alpha) / (x @ x),
         "the 1/n factor is missing from the update (alpha is effectively divided by n): use x_jᵀr / n and "
         "x_jᵀx_j / n."),
        ("ridge", lambda x, r, n: (x @ r / n) / (x @ x / n + alpha),
         "the update is ridge (L2) regression's, (x_jᵀr/n) / (x_jᵀx_j/n + alpha), not the Lasso's."),
    ]
    return out


_SCHEMES = {
    "gauss_seidel": "",
    "jacobi": ("every weight of a sweep is computed from the residual at the START of the sweep (all "
               "coordinates at once, Jacobi-style), so no update sees the new values of the others. "
               "Coordinate descent updates the residual right after each weight (subtract x_j·w_j before "
               "moving on to j + 1); with correlated columns the simultaneous updates overshoot and diverge."),
    "no_add_back": ("each update is computed from the full residual, without adding feature j back first: "
                    "the partial residual is r + x_j·w_j (the residual with feature j left out), and the "
                    "update needs it."),
}
_SCHEMES["no_add_back_delta"] = _SCHEMES["no_add_back"]  # the same mistake, the residual kept right
_CENTRING = {
    "both": "",
    "y_only": ("you centred y but not the columns of X: coordinate descent then runs on uncentred columns "
               "with no intercept to absorb their means. Centre X as well (Xc = X - X.mean(axis=0)) and "
               "compute b = mean(y) - mean(X)·w at the end."),
    "none": ("you ran coordinate descent on uncentred X and y: centre both first (the intercept is not "
             "penalised), then b = mean(y) - mean(X)·w."),
}


def _sweeps(X, y, update, k, *, scheme="gauss_seidel", centring="both"):
    """The weights after each of the first ``k`` sweeps of the lesson's solver, built with ``update``,
    the sweep ``scheme`` and the ``centring`` of a student's (see _SCHEMES, _CENTRING)."""
    n, p = X.shape
    Xc = X - X.mean(0) if centring == "both" else X
    r = y - y.mean() if centring in ("both", "y_only") else y.copy()
    w, out = np.zeros(p), []
    with np.errstate(all="ignore"):
        for _ in range(k):
            if scheme == "jacobi":
                new = np.array([update(Xc[:, j], r + Xc[:, j] * w[j], n) for j in range(p)], dtype=float)
                r, w = r - Xc @ (new - w), new
            else:
                for j in range(p):
                    x = Xc[:, j]
                    partial = r + x * w[j]  # the lesson's loop, step by step
                    new = float(update(x, r if scheme.startswith("no_add_back") else partial, n))
                    r = r - x * new if scheme == "no_add_back" else partial - x * new
                    w[j] = new
            out.append(w.copy())
    return out


def _sweep_probes(lasso_cd, X, y, alpha):
    """The student's weights after 1 and 2 sweeps (``max_sweeps=1, 2``), asked of every solver at the start
    of each solver check (the same calls whatever the answer), read only to name a mistake; None for a
    call that raised or returned something else."""
    found = []
    for k in (1, 2):
        try:
            _, w = lasso_cd(X.copy(), y.copy(), alpha, max_sweeps=k)
            w = np.asarray(w, dtype=float).ravel()
            found.append(w if w.shape == (X.shape[1],) else None)
        except Exception as exc:  # noqa: BLE001 - a solver without max_sweeps: no probe
            if grader_fault(exc):
                raise
            found.append(None)
    return X, y, alpha, found


#: Mistake ids (last part) of the parts of a probe diagnosis; an update variant's key is its own id.
_PROBE_IDS = {"jacobi": "jacobi", "no_add_back": "no_partial_residual", "no_add_back_delta": "no_partial_residual",
              "y_only": "y_centred_only", "none": "uncentred"}


def sweeps_diagnosis(X, y, one, two, updates):
    """(key, why) naming how weights after 1 and 2 sweeps (``one``, ``two``) differ from the lesson's
    sweeps (the sweep scheme, the centring, the update: ``updates`` lists ``(key, update(x, r, n), why)``,
    the right one with key None); None when they match the lesson's sweeps or nothing explains them.
    Lesson 02's and lesson 04's solver checks share it, each with its own updates."""
    best = None
    for scheme, scheme_why in _SCHEMES.items():
        for centring, centring_why in _CENTRING.items():
            for key, update, update_why in updates:
                sims = _sweeps(X, y, update, 3, scheme=scheme, centring=centring)
                scale = 1.0 + np.abs(sims[0]).max() if np.all(np.isfinite(sims[0])) else 1.0

                def same(a, b):
                    return a is not None and np.all(np.isfinite(b)) and np.allclose(a, b, rtol=1e-7, atol=1e-9 * scale)

                if not any(same(one, sims[i]) and (two is None or same(two, sims[i + 1])) for i in (0, 1)):
                    continue
                wrong = [(k, why) for k, why in ((scheme, scheme_why), (centring, centring_why), (key, update_why))
                         if why]
                if not wrong:
                    return None  # the student's sweeps are the lesson's: the mistake is elsewhere
                if best is None or len(wrong) < len(best):
                    best = wrong
    if best is None:
        return None
    return _PROBE_IDS.get(best[0][0], best[0][0]), " Also: ".join(why for _, why in best)


def _probe_diagnosis(probes):
    """:func:`sweeps_diagnosis` of the student's probes with the Lasso's updates; None without probes."""
    if probes is None:
        return None
    X, y, alpha, (one, two) = probes
    if one is None:
        return None
    return sweeps_diagnosis(X, y, one, two, _update_variants(alpha))


def _unpack(result, p, what="lasso_cd(X, y, alpha)", probes=None):
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"{what} should return a tuple (intercept, coef); got {type(result).__name__}.", mistake="not_a_tuple")
    intercept, coef = result
    coef = np.asarray(coef, dtype=float).ravel()
    finite = np.all(np.isfinite(coef)) and np.all(np.isfinite(np.asarray(intercept, dtype=float)))
    if not finite or (coef.size and np.abs(coef).max() > 1e8):
        size = ("NaN or infinite values" if not finite else f"weights as large as {np.abs(coef).max():.3g}")
        found = _probe_diagnosis(probes)
        if found:
            key, why = found
            fail(f"{what} returned {size}: coordinate descent diverged. After one and two sweeps your "
                 f"weights are those of a solver where {why}",
                 mistake=key if key in ("jacobi", "no_partial_residual", "y_centred_only", "uncentred") else "diverged")
        fail(f"{what} returned {size}: coordinate descent diverged. Each update must be the exact "
             "one-weight minimiser S(x_jᵀr/n, alpha) / (x_jᵀx_j/n) computed from the partial residual "
             "(the residual with feature j added back, updated after every weight): check the sign of "
             "soft_threshold and the division by x_jᵀx_j/n.", mistake="diverged")
    return unpack_intercept_coef((intercept, coef), p, what)


def _run(lasso_cd, X, y, alpha, probes=None):
    X0, y0 = X.copy(), y.copy()
    try:
        result = lasso_cd(X.copy(), y.copy(), alpha)
    except Exception as exc:  # noqa: BLE001
        fail(f"lasso_cd(X, y, alpha) raised {type(exc).__name__}: {exc} (X of shape {X.shape}).", mistake="raised")
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    return _unpack(result, X.shape[1], probes=probes)


def _ridge(X, y, lam):
    """argmin (1/(2n))||y - b - Xw||² + (lam/2)||w||²."""
    n = len(y)
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(X.shape[1]), Xc.T @ yc / n)
    return float(y.mean() - X.mean(0) @ w), w


def _intercept_diagnosis(b, w, X, y):
    """(key, why) for an intercept that is not mean(y) - mean(X)·w for the student's own weights, or None."""
    right = float(y.mean() - X.mean(0) @ w)
    if np.isclose(b, right, atol=1e-6 * (1 + abs(right))):
        return None
    if np.isclose(b, y.mean(), atol=1e-8 * (1 + abs(b))):
        return ("intercept_mean_y", f"your intercept is mean(y) = {b:.6g}: it leaves out the columns' means. "
                "With uncentred X the intercept is b = mean(y) - mean(X)·w.")
    if abs(b) < 1e-10 * (1 + abs(y).max()):
        return ("intercept_zero", "your intercept is 0: on the centred data the intercept is 0, but the model "
                "predicts the original y, so return b = mean(y) - mean(X)·w (the means of the X and y you were "
                "given, not of the centred copies).")
    if np.isclose(b, y.mean() + X.mean(0) @ w, atol=1e-8 * (1 + abs(b))):
        return ("intercept_sign", "your intercept is mean(y) + mean(X)·w: the sign is wrong, "
                "b = mean(y) - mean(X)·w.")
    return None


def _solver_diagnosis(b, w, X, y, alpha, probes=None):
    """(key, why) naming the wrong answer (b, w) matches, or None."""
    n = len(y)
    ones = np.column_stack([np.ones(n), X])
    _, pen = ref.lasso_cd(ones, y, alpha, fit_intercept=False)
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    b_std, w_std = ref.lasso_cd(X / sd, y, alpha)
    if pen[0] == 0.0 and np.allclose(w, pen[1:], atol=1e-5) and np.isclose(b, 0.0, atol=1e-4):
        # on this problem a penalised intercept is thresholded to exactly 0: both mistakes agree
        return ("no_intercept", "there is no intercept, or the intercept is penalised (a column of ones added "
                "to X and soft-thresholded like the weights, here down to 0): the fit goes through the origin. "
                "Centre X and y instead: b = mean(y) - mean(X)·w, with no penalty on b.")
    _, w_ref = ref.lasso_cd(X, y, alpha)
    scale = 1.0 + np.abs(w_ref).max()
    if np.allclose(w, w_ref, atol=COEF_TOL * scale):
        return _intercept_diagnosis(b, w, X, y)
    candidates = [
        ("no_intercept", ref.lasso_cd(X, y, alpha, fit_intercept=False), "there is no intercept: the fit is "
         "forced through the origin. Centre X and y, and return b = mean(y) - mean(X)·w."),
        ("penalises_intercept", (pen[0], pen[1:]), "the intercept is penalised: it looks like a column of ones "
         "was added to X and soft-thresholded like the weights. Centre X and y instead (or update b without "
         "any penalty): b = mean(y) - mean(X)·w."),
        ("missing_1_over_n", ref.lasso_cd(X, y, alpha / n), "alpha is effectively divided by n: the 1/n factor "
         "is missing (use x_jᵀr / n and x_jᵀx_j / n in the update)."),
        ("alpha_times_n", ref.lasso_cd(X, y, alpha * n), "alpha is effectively multiplied by n: use alpha as "
         "the threshold, not n * alpha."),
        ("half_threshold", ref.lasso_cd(X, y, alpha / 2), "the threshold is alpha/2: with the (1/(2n)) data "
         "term the threshold is alpha."),
        ("double_threshold", ref.lasso_cd(X, y, 2 * alpha), "the threshold is 2*alpha: with the (1/(2n)) data "
         "term the threshold is alpha."),
        ("ridge", _ridge(X, y, alpha), "this is ridge (L2) regression, not the Lasso: the update divides by "
         "(x_jᵀx_j/n + alpha) instead of soft-thresholding."),
        ("ridge", _ridge(X, y, 2 * alpha), "this is ridge (L2) regression, not the Lasso."),
        ("standardises_inside", (b_std, w_std / sd), "X was standardised inside the solver. lasso_cd must solve "
         "the problem for the X it is given (standardise outside, in a Pipeline), like sklearn's Lasso."),
        ("standardises_inside", (b_std, w_std), "X was standardised inside the solver. lasso_cd must solve the "
         "problem for the X it is given (standardise outside, in a Pipeline), like sklearn's Lasso."),
    ]
    for key, (cb, cw), why in candidates:
        if np.allclose(w, cw, atol=1e-5) and np.isclose(b, cb, atol=1e-4):
            return key, why
    _, w_y_only = ref.lasso_cd(X, y - y.mean(), alpha, fit_intercept=False)
    if np.allclose(w, w_y_only, atol=1e-5):
        return "y_centred_only", _CENTRING["y_only"]
    for threshold, why in _soft_threshold_variants():
        cb, cw = coordinate_descent_variant(  # the lesson's solver built on this soft threshold
            X, y, lambda x, r, n, threshold=threshold: threshold(np.float64(x @ r / n), alpha) / (x @ x / n),
            blow_up=1e12)
        if np.allclose(w, cw, atol=1e-5) and np.isclose(b, cb, atol=1e-4):
            return ("soft_threshold_wrong", "coordinate descent converges to these weights when soft_threshold "
                    "is wrong (see the soft_threshold cell): " + why)
    iterates = _sweeps(X, y, _update_variants(alpha)[0][1], 60)
    for k, wk in enumerate(iterates, start=1):
        if np.allclose(w, wk, atol=1e-9 * scale) and not np.allclose(wk, w_ref, atol=COEF_TOL * scale):
            return ("few_sweeps", f"these are the weights after {k} sweep{'s' if k > 1 else ''} of coordinate "
                    "descent: your solver stops before it has converged. Keep sweeping until no weight moves by "
                    "more than tol in a whole sweep (or max_sweeps is reached).")
    return _probe_diagnosis(probes)


def check_lasso_cd_matches_reference(lasso_cd):
    """Intercept and coef equal sklearn's Lasso objective minimiser to 1e-6 on six problems."""
    problems = _problems()
    probes = _sweep_probes(lasso_cd, *problems[0])
    for i, (X, y, alpha) in enumerate(problems):
        b, w = _run(lasso_cd, X, y, alpha, probes)
        b_ref, w_ref = ref.lasso_cd(X, y, alpha)
        scale = 1.0 + np.abs(w_ref).max()
        if np.allclose(w, w_ref, atol=COEF_TOL * scale) and np.isclose(b, b_ref, atol=COEF_TOL * (1 + abs(b_ref))):
            continue
        found = _solver_diagnosis(b, w, X, y, alpha, probes)
        what = f"problem {i} (n={X.shape[0]}, p={X.shape[1]}, alpha={alpha:.4g})"
        if found:
            fail(f"lasso_cd is wrong on {what}: {found[1]}", mistake=found[0])
        if np.abs(w).max() > 1e3 * scale:
            fail(f"on {what} the weights blew up (largest |w_j| = {np.abs(w).max():.3g}): coordinate "
                 "descent diverged. Each update must be the exact minimiser over w_j, "
                 "S(x_jᵀr/n, alpha) / (x_jᵀx_j/n), from the partial residual: check the sign of "
                 "soft_threshold and the division by x_jᵀx_j/n.", mistake="diverged")
        f_got = ref.lasso_objective(X, y, b, w, alpha)
        f_ref = ref.lasso_objective(X, y, b_ref, w_ref, alpha)
        if f_got <= f_ref + 1e-9 * (1 + f_ref):
            fail(f"on {what} your coefficients differ from the reference by "
                 f"{np.abs(w - w_ref).max():.3g} although the objective is as low: keep sweeping "
                 "until the largest weight change is below a tight tolerance (e.g. 1e-10).", mistake="stopped_early")
        close = f_got <= f_ref * (1 + 1e-3) + 1e-9
        fail(f"on {what} expected intercept {b_ref:.6g} and coef {np.round(w_ref, 6).tolist()}, "
             f"got intercept {b:.6g} and coef {np.round(w, 6).tolist()} (objective {f_got:.6g} vs "
             f"the minimum {f_ref:.6g}). "
             + ("The objective is close to the minimum: the solver seems to stop before it converges."
                if close else "Your solver does not reach the Lasso minimum: compare it with the three steps "
                "of the exercise (centre X and y, sweep with the partial residual, stop on tol)."),
             mistake="differs")


def check_lasso_cd_intercept_unpenalised(lasso_cd):
    """With an unpenalised intercept the residuals sum to zero, whatever alpha."""
    problems = _problems()[:4]
    probes = _sweep_probes(lasso_cd, *problems[0])
    for X, y, alpha in problems:
        for a in (alpha, 3 * alpha):
            b, w = _run(lasso_cd, X, y, a, probes)
            r = y - b - X @ w
            if abs(r.mean()) > 1e-6 * (1 + np.abs(y).max()):
                _, pen = ref.lasso_cd(np.column_stack([np.ones(len(y)), X]), y, a, fit_intercept=False)
                own = _intercept_diagnosis(b, w, X, y)
                _, w_ok = ref.lasso_cd(X, y, a)
                if own and (own[0] == "intercept_mean_y" or np.allclose(w, w_ok, atol=1e-5 * (1 + np.abs(w_ok).max()))):
                    key, why = own  # the weights are right: only the intercept's formula is wrong
                elif abs(b) < 1e-12:
                    key, why = "no_intercept", "your intercept is 0: the model is forced through the origin."
                elif np.isclose(b, pen[0], atol=1e-4):
                    key, why = "penalises_intercept", ("your intercept is the penalised one (a column of ones "
                                                       "soft-thresholded like a weight).")
                elif own:
                    key, why = own
                else:
                    key, why = "intercept_not_least_squares", "the intercept is not the least-squares one for these weights."
                fail(f"the residuals y - b - Xw average {r.mean():.4g}, not 0 (alpha={a:.4g}): {why} "
                     "The intercept is not penalised, so b = mean(y) - mean(X)·w.", mistake=key)


def check_lasso_cd_kkt(lasso_cd):
    """Optimality (KKT): |x_jᵀr|/n <= alpha where w_j = 0, and x_jᵀr/n = alpha·sign(w_j) elsewhere.

    Here r = y - b - Xw and the x_j are centred columns. The problems have exactly-zero true
    coefficients, so the Lasso answer has exact zeros; an L2 solver or one that stops early
    fails these conditions.
    """
    problems = _problems()
    probes = _sweep_probes(lasso_cd, *problems[0])
    for i, (X, y, alpha) in enumerate(problems):
        b, w = _run(lasso_cd, X, y, alpha, probes)
        n = len(y)
        r = y - b - X @ w
        g = (X - X.mean(0)).T @ r / n
        tol = 1e-5 * (1 + alpha)
        _, w_ref = ref.lasso_cd(X, y, alpha)
        zeros_ref = int(np.sum(w_ref == 0))
        zero = w == 0
        bad_zero = zero & (np.abs(g) > alpha + tol)
        bad_nonzero = ~zero & (np.abs(g - alpha * np.sign(w)) > tol)
        if not (bad_zero.any() or bad_nonzero.any()):
            continue
        found = _solver_diagnosis(b, w, X, y, alpha, probes)
        what = f"problem {i} (n={n}, p={X.shape[1]}, alpha={alpha:.4g})"
        if found:
            fail(f"the optimality (KKT) conditions fail on {what}: {found[1]}", mistake=found[0])
        if zeros_ref and not zero.any() and np.all(np.abs(w) < 1e-6 + np.abs(w_ref)):
            fail(f"on {what} the Lasso solution has {zeros_ref} weight(s) exactly 0, yours has none: "
                 "use the soft-threshold so weights become exactly 0.0, not just small.", mistake="no_exact_zeros")
        j = int(np.argmax(bad_zero | bad_nonzero))
        fail(f"the optimality (KKT) conditions fail on {what} at feature {j}: w_j = {w[j]:.4g} and "
             f"x_jᵀr/n = {g[j]:.4g}, but at the Lasso minimum |x_jᵀr|/n <= alpha when w_j = 0 and "
             "x_jᵀr/n = alpha·sign(w_j) otherwise. Did the solver stop before converging?", mistake="kkt_violated")


# ---------------------------------------------------------------- feature selection

def check_selected_features(selected_features):
    """Names of exactly-nonzero weights, in order; tiny but nonzero weights count as selected."""
    rng = np.random.default_rng(SEEDS[3])
    for trial in range(4):
        p = 8
        names = [f"feature_{k}" for k in rng.permutation(20)[:p]]
        coef = rng.normal(size=p) * 2
        coef[rng.permutation(p)[:3]] = 0.0
        coef[rng.permutation(p)[0]] = float(rng.choice([-1, 1])) * 3e-5
        coef[rng.permutation(p)[0]] = -abs(coef[rng.permutation(p)[0]]) - 0.5
        try:
            got = selected_features(coef.copy(), list(names))
        except Exception as exc:  # noqa: BLE001
            fail(f"selected_features(coef, names) raised {type(exc).__name__}: {exc}", mistake="raised")
        want = ref.selected_features(coef, names)
        try:
            got_list = [str(g) for g in list(got)]
        except TypeError:
            fail(f"selected_features should return a list of names, got {type(got).__name__}.", mistake="not_a_list")
        if got_list == want:
            continue
        if set(got_list) == set(want):
            fail("the right names, but not in the order of `names`; keep that order.", mistake="wrong_order")
        if all(isinstance(g, (bool, np.bool_)) for g in list(got)):
            fail("this returns a True/False mask; return the names, e.g. "
                 "[name for name, c in zip(names, coef) if c != 0].", mistake="boolean_mask")
        if all(isinstance(g, (int, np.integer)) for g in list(got)):
            fail("this returns positions; return the feature names.", mistake="positions")
        tiny = [nm for nm, c in zip(names, coef) if c != 0 and abs(c) < 1e-3]
        if set(tiny) and set(got_list) == set(want) - set(tiny):
            fail(f"a weight of {coef[names.index(tiny[0])]:.1g} was treated as zero. The Lasso "
                 "gives exact zeros, so test coef != 0 (no tolerance): a tiny weight is still in "
                 "the model.", mistake="near_zero_threshold")
        if set(got_list) == {nm for nm, c in zip(names, coef) if c > 0}:
            fail("only positive weights were kept; a negative weight is selected too (test "
                 "coef != 0, not coef > 0).", mistake="positive_only")
        if set(got_list) == {nm for nm, c in zip(names, coef) if c == 0}:
            fail("these are the features the Lasso dropped; return the ones with coef != 0.",
                 mistake="dropped_features")
        fail(f"for coef {np.round(coef, 6).tolist()} expected {want}, got {got_list}.", mistake="differs")


def judge_context():
    """What lesson 02's fixed cells build, rebuilt by the judge (never taken from the kernel)."""
    from sklearn.model_selection import KFold, train_test_split

    from lessonkit.data import AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy

    X, y = auto_mpg_xy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    return {"X_train": X_train, "y_train": y_train,
            "feature_names": AUTO_MPG_NUMERIC + [f"origin_{level}" for level in ORIGINS[1:]],
            "alphas": np.logspace(1, -3, 30), "cv": KFold(n_splits=5, shuffle=True, random_state=0)}


def reference_answers(ctx):
    model = ref.auto_mpg_lasso(0.5).fit(ctx["X_train"], ctx["y_train"])
    return {"selected_fixed": ref.selected_features(model[-1].coef_, ctx["feature_names"]),
            "fold_mse": ref.auto_mpg_fold_mse(ctx["X_train"], ctx["y_train"], ctx["alphas"], ctx["cv"])}


def check_auto_mpg_selection(selected_fixed, X_train, y_train, feature_names, alpha=0.5):
    """The names selected by the standardised Lasso pipeline fitted on the training split."""
    selected = selected_fixed
    try:
        got = [str(g) for g in list(selected)]
    except TypeError:
        fail(f"the selection should be a list of feature names, got {type(selected).__name__}.", mistake="not_a_list")
    model = ref.auto_mpg_lasso(alpha).fit(X_train, y_train)
    want = ref.selected_features(model[-1].coef_, feature_names)
    if got == want or (set(got) == set(want) and len(got) == len(want)):
        return
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import Lasso
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder
    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS

    raw = ColumnTransformer([
        ("numeric", "passthrough", AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL)])
    unscaled = make_pipeline(raw, Lasso(alpha=alpha, max_iter=100_000)).fit(X_train, y_train)
    if set(got) == set(ref.selected_features(unscaled[-1].coef_, feature_names)):
        fail(f"this is the selection of a Lasso on UNSCALED features ({got}). The L1 penalty "
             "treats every weight alike, so columns measured in large units (weight in pounds) "
             "keep tiny weights and survive while others vanish. Use the `preprocess` "
             "transformer (StandardScaler) in the pipeline.", mistake="unscaled")
    coef = model[-1].coef_
    near = set(want) - {nm for nm, c in zip(feature_names, coef) if abs(c) > 1e-2}
    if near and set(got) == set(want) - near:
        fail("a small but nonzero weight was counted as dropped; use coef != 0 exactly.",
             mistake="near_zero_threshold")
    fail(f"at alpha = {alpha} the standardised Lasso pipeline fitted on the training split "
         f"selects {want}; you have {got}.", mistake="differs")


# ---------------------------------------------------------------- cross-validation

def check_fold_mse(fold_mse, X_train, y_train, alphas, cv):
    """Per-fold validation MSE (n_alphas, K) of the pipeline refitted on each training fold."""
    want = ref.auto_mpg_fold_mse(X_train, y_train, alphas, cv)
    got = np.asarray(fold_mse, dtype=float)
    if got.shape == want.T.shape and got.shape != want.shape:
        fail(f"fold_mse has shape {got.shape}; it should be (n_alphas, K) = {want.shape}: one row "
             "per alpha (transpose it).", mistake="transposed")
    if got.shape != want.shape:
        fail(f"fold_mse should have shape (n_alphas, K) = {want.shape}, got {got.shape}.", mistake="wrong_shape")
    if np.allclose(got, want, rtol=1e-7, atol=1e-9):
        return
    if np.allclose(got, -want, rtol=1e-7):
        fail("the values are negative: scikit-learn's 'neg_mean_squared_error' score is minus the "
             "MSE; negate it.", mistake="negated_scores")
    if np.allclose(got, np.sqrt(want), rtol=1e-7):
        fail("these are RMSEs; fold_mse should hold mean squared errors.", mistake="rmse_not_mse")
    from sklearn.linear_model import Lasso
    from sklearn.model_selection import validation_curve

    from ..linear_regression import auto_mpg_preprocess
    whole = ref.auto_mpg_lasso(1.0)
    train_scores, _ = validation_curve(whole, X_train, y_train, param_name="lasso__alpha", param_range=alphas,
                                       cv=cv, scoring="neg_mean_squared_error")
    if np.allclose(np.abs(got), -train_scores, rtol=1e-7, atol=1e-9):
        fail("these are the TRAINING-fold errors: validation_curve returns (train_scores, validation_scores), "
             "and fold_mse must hold the second, the error on each held-out fold (negated).",
             mistake="training_scores")
    for r2, which in zip(validation_curve(whole, X_train, y_train, param_name="lasso__alpha", param_range=alphas,
                                          cv=cv), ("training", "validation")):
        if np.allclose(np.abs(got), np.abs(r2), rtol=1e-7, atol=1e-9):
            fail(f"these are {which} R² scores, the default score of a regressor (1 is perfect, they are "
                 "not errors): pass scoring='neg_mean_squared_error' and negate the validation scores.",
                 mistake="r2_scores")
    Z = auto_mpg_preprocess().fit_transform(X_train)
    _, leaky = validation_curve(Lasso(max_iter=10_000), Z, y_train, param_name="alpha",
                                param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
    if np.allclose(got, -leaky, rtol=1e-7, atol=1e-9):
        fail("the scaler was fitted on the whole training split before cross-validation, so each "
             "validation fold helped set the means and SDs it is scaled with. Cross-validate the "
             "whole pipeline (preprocess + Lasso) so the scaler is refitted on each training fold.",
             mistake="scaler_on_all_training")
    raw_cv = ref.auto_mpg_lasso(1.0)
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder
    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS
    raw_cv.steps[0] = ("columntransformer", ColumnTransformer([
        ("numeric", "passthrough", AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL)]))
    raw_cv.set_params(lasso__max_iter=100_000)
    _, unscaled = validation_curve(raw_cv, X_train, y_train, param_name="lasso__alpha",
                                   param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
    if np.allclose(got, -unscaled, rtol=1e-6, atol=1e-8):
        fail("these are the errors of a Lasso on UNSCALED features; put the `preprocess` "
             "transformer (with its StandardScaler) in the pipeline.", mistake="unscaled")
    fail("fold_mse differs from the per-fold validation MSE of make_pipeline(preprocess, Lasso()) "
         "over `alphas` with the given `cv` (validation_curve(..., scoring="
         "'neg_mean_squared_error'), then negate). Use exactly the given alphas and cv.", mistake="differs")


def _one_se_cases():
    """Fold-error tables where the 1-SE rule, the minimum, the smallest alpha within one SE,
    std-instead-of-SE and 'SE of each alpha' all give different answers; the last one (alphas
    decreasing) is built so that every one of them, and the SE with ddof=0, gives its own answer."""
    cases = []
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        k = int(rng.integers(5, 11))
        alphas = np.logspace(-3, 1, 41)
        u = np.log10(alphas)
        curve = 10 + 2.0 * (u - rng.uniform(-1.8, -0.2)) ** 2
        table = curve[:, None] + rng.normal(size=(len(alphas), k)) * rng.uniform(1.0, 2.0)
        cases.append((alphas[::-1].copy(), table[::-1].copy()) if len(cases) % 2 == 0 else (alphas, table))
    k = int(np.random.default_rng(SEEDS[1] + 7).integers(5, 11))
    alphas, table = one_se_ddof_case(SEEDS[1] + 7, np.logspace(-3, 1, 41), k)
    cases.append((alphas[::-1].copy(), table[::-1].copy()))  # decreasing, as LassoCV stores them
    return cases


_ONE_SE_MESSAGES = {
    "position": "you returned the POSITION of the alpha in `alphas` (an index), not the alpha itself: "
                "index `alphas` with it (or take np.max over the qualifying alphas).",
    "minimum": "you returned the alpha with the minimum mean error; the 1-SE rule returns the "
               "LARGEST alpha whose mean error is within one SE of that minimum.",
    "smallest": "you picked the SMALLEST alpha within one SE of the minimum; the rule picks the "
                "LARGEST (the simplest model, most zeros). Do not rely on the order of `alphas` "
                "(LassoCV's grid is decreasing): use np.max over the qualifying alphas.",
    "std": "you used the standard deviation over folds; the standard ERROR divides it by sqrt(K).",
    "own_se": "you compared each alpha's mean minus its own SE with the minimum; the rule uses one "
              "threshold: min mean + the SE at the minimum.",
    "ddof0": "the standard deviation has ddof=0 (NumPy's default for np.std, the population SD); the "
             "lesson's SE uses the sample standard deviation over the folds: "
             "std(axis=1, ddof=1) / sqrt(K).",
}


def _one_se_diagnoses(got, alphas, table):
    """The names (keys of _ONE_SE_MESSAGES) of the wrong rules that give ``got`` on this case."""
    mean = table.mean(1)
    k = table.shape[1]
    best = int(np.argmin(mean))
    se = table.std(1, ddof=1) / np.sqrt(k)
    found = set()
    if float(got).is_integer() and 0 <= got < len(alphas) and not np.isclose(alphas, got).any() \
            and np.isclose(alphas[int(got)], ref.one_standard_error_alpha(alphas, table)):
        found.add("position")
    if np.isclose(got, alphas[best]):
        found.add("minimum")
    for sd in (table.std(1, ddof=1), table.std(1)):
        if np.isclose(got, alphas[mean <= mean[best] + sd[best]].max()):
            found.add("std")
    for s in (se, table.std(1) / np.sqrt(k), table.std(1, ddof=1), table.std(1)):
        if np.isclose(got, alphas[mean <= mean[best] + s[best]].min()):
            found.add("smallest")
    if np.isclose(got, alphas[mean - se <= mean[best]].max()):
        found.add("own_se")
    if np.isclose(got, alphas[mean <= mean[best] + table.std(1)[best] / np.sqrt(k)].max()):
        found.add("ddof0")
    return found


def check_one_standard_error_alpha(one_standard_error_alpha):
    """The largest alpha whose mean CV error <= min mean + its SE (std / sqrt(K)).

    Alphas come in decreasing order (as LassoCV stores them) and in increasing order. The SE
    is std(ddof=1)/sqrt(K) as the lesson says; one case is built so that ddof=0 picks another
    alpha. When the answer is wrong, every case is tried and the mistake that explains all
    failing cases is named.
    """
    failures = []
    for i, (alphas, table) in enumerate(_one_se_cases()):
        try:
            got = one_standard_error_alpha(alphas.copy(), table.copy())
        except Exception as exc:  # noqa: BLE001
            text = str(exc)
            rule = error_rule(exc)
            if "boolean index did not match" in text or "could not be broadcast" in text:
                rule = (f"fold_mse has one row per alpha and one column per fold ({table.shape[0]} x "
                        f"{table.shape[1]} here): take the means and SEs over axis=1 (across the folds), one "
                        "per alpha; over axis=0 you get one number per fold, which cannot select alphas.")
            fail(f"one_standard_error_alpha(alphas, fold_mse) raised {type(exc).__name__}: {exc}."
                 + (f" {rule}" if rule else ""), mistake="axis" if "(across the folds)" in rule else "raised")
        got = as_float(got, "one_standard_error_alpha(alphas, fold_mse)")
        want = ref.one_standard_error_alpha(alphas, table)
        if np.isclose(got, want, rtol=1e-12):
            continue
        k = table.shape[1]
        order = "decreasing" if alphas[0] > alphas[-1] else "increasing"
        failures.append((i, order, k, got, want, _one_se_diagnoses(got, alphas, table)))
    if not failures:
        return
    i, order, k, got, want, _ = failures[0]
    common = set.intersection(*(f[-1] for f in failures))
    where = (f"case {i} (alphas in {order} order, K={k} folds): expected {want:.6g}, got {got:.6g}")
    for key in ("position", "smallest", "std", "own_se", "minimum", "ddof0"):
        if key in common:
            fail(f"{_ONE_SE_MESSAGES[key]} ({where})", mistake=key)
    fail(f"{where}. Mean and SE over the folds (axis=1), threshold = min mean + SE at the "
         "minimum, return the largest alpha whose mean is below the threshold.", mistake="differs")
