"""Hidden-test checks for lesson 06 (L2 for logistic regression and networks, PyTorch weight decay).

Every check runs on seeded random problems in float64 (so agreement is exact to ~1e-12 and
a tolerance of 1e-8 separates right from wrong), with nonzero intercepts and biases, and
names the mistake when the answer equals a known wrong variant: λ/(2n) or λ instead of λ/n,
the 1/2 dropped or doubled, biases penalised, the norm not squared, the penalty added after
the optimizer step, AdamW or Adam where the manual L2 with SGD was asked.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .. import torch_weight_decay as ref
from ._core import SEEDS, CheckFailed, as_float, call, fail

DTYPE = torch.float64

LOGISTIC_HINT = ("The arguments are w of shape (p,), b a number, X of shape (n, p), y of shape (n,) "
                 "with 0/1 labels, lam a number (all NumPy).")
PENALTY_HINT = ("model is an nn.Module; lam is a number or a dict {weight name: λ}; iterate "
                "model.named_parameters() and return a 0-dim tensor.")
LOOP_HINT = ("X has shape (n, p), y shape (n, 1) (float64, like model(X)); lam, lr numbers; steps "
             "an int.")


# --------------------------------------------------------------------------------------
# Random problems
# --------------------------------------------------------------------------------------


def random_logistic_problem(seed):
    """``(w, b, X, y, lam)``: a point (w, b) with b != 0, data (X, y) with 0/1 labels, λ > 0."""
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(20, 80)), int(rng.integers(2, 7))
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2.0, size=p)
    w_true = rng.normal(size=p)
    b_true = rng.uniform(-1.0, 1.0)
    y = (rng.uniform(size=n) < ref.sigmoid(b_true + X @ w_true)).astype(float)
    w = rng.normal(size=p) * 1.5
    b = float(rng.choice([-1, 1]) * rng.uniform(0.5, 2.0))
    lam = float(rng.uniform(0.5, 4.0))
    return w, b, X, y, lam


from coursekit_probe.doubles import NamedNet as _NamedNet  # noqa: E402 (sent into the kernel: must load there)


def random_network(seed):
    """``(model, X, y)``: a float64 network with clearly nonzero biases, inputs X (n, p), labels y (n, 1)."""
    rng = np.random.default_rng(seed)
    p, h, n = int(rng.integers(2, 5)), int(rng.integers(3, 7)), int(rng.integers(20, 50))
    torch.manual_seed(seed)
    if seed % 2:
        model = nn.Sequential(nn.Linear(p, h), nn.Tanh(), nn.Linear(h, h), nn.Tanh(), nn.Linear(h, 1))
    else:
        model = _NamedNet(p, h)
    model = model.to(DTYPE)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if name.endswith("bias"):
                signs = torch.from_numpy(rng.choice([-1.0, 1.0], size=param.shape))
                param.copy_(signs * torch.from_numpy(rng.uniform(0.5, 1.5, size=param.shape)))
    X = torch.from_numpy(rng.normal(size=(n, p)))
    y = torch.from_numpy((rng.uniform(size=(n, 1)) < 0.5).astype(float))
    return model, X, y


def _weight_names(model):
    return [name for name, param in model.named_parameters() if ref.is_weight(name, param)]


def _value(x, what):
    """A single float from a tensor (even one that requires grad) or a number."""
    if torch.is_tensor(x):
        if x.numel() != 1:
            fail(f"{what} should be a single number (a 0-dim tensor), got a tensor of shape {tuple(x.shape)}.",
                 mistake="not_a_number")
        return float(x.detach().double().reshape(()))
    return as_float(x, what)


def _close(a, b, tol=1e-9):
    return bool(np.isclose(a, b, rtol=tol, atol=tol * 1e-3))


def _wrong_powers(got, columns, factors):
    """Phrases naming the quantities that appear with a wrong power in a formula that gives ``got``
    on every case, or None. ``columns`` holds each case's positive quantities (same order as
    ``factors``); ``factors`` is ``[(name, right power, {wrong power: phrase}), ...]``. The powers
    come from a least-squares fit of the logarithms, rounded to halves, and must reproduce every
    answer; a product with the right powers everywhere gives None too."""
    got = np.asarray(got, dtype=float)
    if not np.all(np.isfinite(got) & (got > 0)):
        return None
    A, b = np.log(np.asarray(columns, dtype=float)), np.log(got)
    powers, *_ = np.linalg.lstsq(A, b, rcond=None)
    powers = np.round(powers * 2) / 2
    if not np.allclose(A @ powers, b, rtol=0, atol=1e-7):
        return None
    phrases = [wrong.get(float(power), f"{name} to the power {power:g} instead of {right:g}")
               for (name, right, wrong), power in zip(factors, powers) if power != right]
    return phrases or None


# --------------------------------------------------------------------------------------
# Logistic regression (lecture convention: mean BCE + (λ/n) Σ w²)
# --------------------------------------------------------------------------------------


_COST_MISTAKES = {"lambda_over_2n": "λ/(2n)", "lambda_without_n": "the penalty is λ·Σw²",
                  "half_lambda": "(λ/2)·Σw² (the PyTorch", "penalises_intercept": "intercept b is penalised",
                  "summed_ce": "cross-entropy is summed", "no_1_over_n": "both terms are sums",
                  "norm_not_squared": "||w|| (the norm", "l1_penalty": "(L1)", "no_penalty": "no penalty term",
                  "lambda_over_p": "the number of weights", "no_intercept_in_z": "b is missing from z",
                  "labels_flipped": "labels are flipped"}


def _cost_diagnoses(w, b, X, y, lam):
    n = X.shape[0]
    data = ref.logistic_cost(w, b, X, y, 0.0)
    sw2 = float(np.sum(w ** 2))
    return [
        (data + lam / (2 * n) * sw2, "the penalty is λ/(2n)·Σw², the convention of some other "
         "courses; this lesson (the lecture) uses (λ/n)·Σw², with no 1/2."),
        (data + lam * sw2, "the penalty is λ·Σw²: divide it by n, (λ/n)·Σw²."),
        (data + lam / 2 * sw2, "the penalty is (λ/2)·Σw² (the PyTorch convention); the lecture "
         "cost uses (λ/n)·Σw²."),
        (data + lam / n * (sw2 + b ** 2), "the intercept b is penalised too; the penalty is on "
         "w only: (λ/n)·Σ_j w_j²."),
        (n * data + lam / n * sw2, "the cross-entropy is summed over the samples; take its mean."),
        (n * data + lam * sw2, "both terms are sums (no 1/n anywhere); the cost is the mean "
         "cross-entropy plus (λ/n)·Σw²."),
        (data + lam / n * np.sqrt(sw2), "the penalty uses ||w|| (the norm, not squared); use "
         "Σ w_j² = ||w||²."),
        (data + lam / n * float(np.sum(np.abs(w))), "the penalty is (λ/n)·Σ|w_j| (L1); this is "
         "L2: (λ/n)·Σ w_j²."),
        (data, "there is no penalty term: add (λ/n)·Σw²."),
        (data + lam / w.size * sw2, f"the penalty divides λ by p = {w.size}, the number of weights (len(w) "
         "or X.shape[1]); n is the number of SAMPLES, X.shape[0]: (λ/n)·Σw²."),
        (ref.logistic_cost(w, 0.0, X, y, lam), "the intercept b is missing from z: z = b + X·w (b is left "
         "out of the penalty only, not out of the model)."),
        (ref.logistic_cost(w, b, X, 1.0 - y, lam), "the labels are flipped: the cross-entropy pairs log σ(z) with "
         "y = 1 and log(1 - σ(z)) with y = 0 (with logaddexp: log(1 + e^z) - y·z)."),
    ]


def _first_common(failing):
    """Of per-case lists of ``(mistake id, message)`` matches, the first match (of the first failing case)
    whose id matches in every failing case, else that case's first match, else None: two mistakes that
    coincide on one problem (λ/2 and λ/p when p = 2) are told apart by the others."""
    if not failing or not failing[0]:
        return None
    common = set.intersection(*({key for key, _ in matches} for matches in failing))
    return next(((key, why) for key, why in failing[0] if key in common), failing[0][0])


def check_logistic_cost(logistic_cost):
    """Equals mean BCE + (λ/n) Σ w² on random problems with b != 0; names the usual slips."""
    from ._core import named

    failing, first = [], None
    for seed in SEEDS:
        w, b, X, y, lam = random_logistic_problem(seed)
        n = X.shape[0]
        args = (w.copy(), b, X.copy(), y.copy(), lam)
        got = as_float(call(logistic_cost, *args, hint=LOGISTIC_HINT), "logistic_cost(w, b, X, y, lam)")
        want = ref.logistic_cost(w, b, X, y, lam)
        if _close(got, want):
            continue
        if first is None:
            first = (seed, n, lam, b, got, want)
        failing.append([(named(why, _COST_MISTAKES), why) for value, why in _cost_diagnoses(w, b, X, y, lam)
                        if _close(got, value)])
    if first is None:
        return
    seed, n, lam, b, got, want = first
    found = _first_common(failing)
    if found:
        fail(f"logistic_cost returned {got:.8g}, expected {want:.8g} (seed {seed}, n={n}, "
             f"λ={lam:.3g}, b={b:.3g}): {found[1]}", mistake=found[0])
    fail(f"logistic_cost returned {got:.8g}, expected {want:.8g} (seed {seed}, n={n}, λ={lam:.3g}). "
         "The cost is mean over i of -[y_i log σ(z_i) + (1-y_i) log(1-σ(z_i))] with z = b + Xw, "
         "plus (λ/n)·Σ w_j².", mistake="differs")


def _unpack_gradient(result, p):
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"logistic_gradient should return a tuple (grad_w, grad_b); got {type(result).__name__}.",
             mistake="not_a_tuple")
    gw, gb = result
    if torch.is_tensor(gw):
        gw = gw.detach().numpy()
    gw = np.asarray(gw, dtype=float)
    if gw.size == p + 1:
        fail(f"grad_w has {p + 1} entries for {p} weights: return the intercept's gradient "
             "separately, as grad_b.", mistake="intercept_in_grad_w")
    if gw.shape != (p,):
        fail(f"grad_w should have shape ({p},), like w; got {gw.shape}.", mistake="wrong_shape")
    return gw, _value(gb, "grad_b")


_GRADIENT_MISTAKES = {"drops_factor_2": "is (λ/n)·w;", "two_lambda": "is 2λ·w",
                      "pytorch_form": "λ·w (the PyTorch", "data_no_1_over_n": "without the 1/n",
                      "data_wrong_sign": "wrong sign", "no_intercept_in_z": "b is missing from z",
                      "missing_penalty": "is missing", "l1_gradient": "L1 gradient",
                      "lambda_over_p": "the number of weights"}


def _gradient_diagnoses(w, b, X, y, lam):
    n, p = X.shape
    data_w = X.T @ (ref.sigmoid(b + X @ w) - y) / n
    return [
        (data_w + lam / n * w, "the penalty's gradient is (λ/n)·w; the derivative of (λ/n)·Σw² is "
         "(2λ/n)·w (d/dw w² = 2w; (λ/n)·w belongs to the λ/(2n) convention)."),
        (data_w + 2 * lam * w, "the penalty's gradient is 2λ·w: the cost has (λ/n)·Σw², so its "
         "gradient is (2λ/n)·w."),
        (data_w + lam * w, "the penalty's gradient is λ·w (the PyTorch weight-decay form); for "
         "(λ/n)·Σw² it is (2λ/n)·w."),
        (n * data_w + 2 * lam / n * w, "the data part is Xᵀ(σ - y) without the 1/n: the cost "
         "is a mean, so its gradient is Xᵀ(σ - y)/n."),
        (-data_w + 2 * lam / n * w, "the data part has the wrong sign: it is Xᵀ(σ(z) - y)/n, "
         "not Xᵀ(y - σ(z))/n."),
        (data_w, "the penalty's gradient (2λ/n)·w is missing."),
        (data_w + 2 * lam / n * np.sign(w), "this is an L1 gradient (sign(w)); for L2 it is (2λ/n)·w."),
        (data_w + 2 * lam / p * w, f"the penalty's gradient divides by p = {p}, the number of weights; n is "
         "the number of SAMPLES, X.shape[0]: (2λ/n)·w."),
        (ref.logistic_gradient(w, 0.0, X, y, lam)[0], "the intercept b is missing from z: the residual is "
         "σ(b + X·w) - y (b is left out of the penalty only)."),
    ]


def check_logistic_gradient(logistic_gradient):
    """Equals (Xᵀ(σ - y)/n + (2λ/n) w, mean(σ - y)) on random problems; names the usual slips."""
    from ._core import named

    failing, first = [], None
    for seed in SEEDS:
        w, b, X, y, lam = random_logistic_problem(seed)
        n, p = X.shape
        gw, gb = _unpack_gradient(call(logistic_gradient, w.copy(), b, X.copy(), y.copy(), lam, hint=LOGISTIC_HINT), p)
        gw_ref, gb_ref = ref.logistic_gradient(w, b, X, y, lam)
        ok_w = np.allclose(gw, gw_ref, rtol=1e-9, atol=1e-12)
        ok_b = _close(gb, gb_ref)
        if ok_w and ok_b:
            continue
        if ok_w:
            if _close(gb, gb_ref + 2 * lam / n * b) or _close(gb, gb_ref + lam / n * b):
                fail("grad_b includes a penalty term: the intercept is not penalised, so "
                     "grad_b = (1/n)·Σ(σ(z_i) - y_i) only.", mistake="grad_b_penalised")
            if _close(gb, n * gb_ref):
                fail("grad_b is a sum over the samples; the cost is a mean, so divide by n.", mistake="grad_b_sum")
            fail(f"grad_w is right but grad_b is {gb:.6g}, expected {gb_ref:.6g} = mean(σ(b + Xw) - y).",
                 mistake="grad_b_differs")
        if first is None:
            first = (seed, n, lam, float(np.max(np.abs(gw - gw_ref))))
        failing.append([(named(why, _GRADIENT_MISTAKES), why) for value, why in _gradient_diagnoses(w, b, X, y, lam)
                        if np.allclose(gw, value, rtol=1e-9, atol=1e-12)])
    if first is None:
        return
    seed, n, lam, largest = first
    found = _first_common(failing)
    if found:
        fail(f"grad_w is wrong (seed {seed}, n={n}, λ={lam:.3g}): {found[1]}", mistake=found[0])
    fail(f"grad_w differs from Xᵀ(σ(b + Xw) - y)/n + (2λ/n)·w (seed {seed}): largest difference "
         f"{largest:.3g}. Compare it with torch autograd on logistic_cost.", mistake="differs")


# --------------------------------------------------------------------------------------
# The network penalty (1/2) Σ λ_l ||W_l||_F², weights only
# --------------------------------------------------------------------------------------


def _penalty_candidates(model, lam):
    """Values of the usual wrong penalties, with the mistake each one names."""
    params = dict(model.named_parameters())
    weights = _weight_names(model)
    lam_of = (lambda name: lam.get(name, 0.0)) if isinstance(lam, dict) else (lambda name: lam)
    sq = {name: float(torch.sum(params[name].detach() ** 2)) for name in params}
    right = sum(0.5 * lam_of(k) * sq[k] for k in weights)
    bias_names = [k for k in params if k not in weights]
    out = [
        (right + sum(0.5 * (lam_of(k.rsplit(".", 1)[0] + ".weight")) * sq[k] for k in bias_names),
         "the biases are penalised too: iterate model.named_parameters() and skip the biases "
         "(penalise names ending in 'weight' only)."),
        (right + sum(0.5 * (lam if not isinstance(lam, dict) else 0.0) * sq[k] for k in bias_names),
         "the biases are penalised too (sum over parameters whose name ends in 'weight' only)."),
        (2 * right, "the 1/2 is missing: the penalty is (λ/2)·Σ||W||², whose gradient λW is what "
         "SGD's weight_decay=λ adds."),
        (0.5 * right, "the 1/2 is applied twice (λ/4): the penalty is (λ/2)·Σ||W||²."),
        (4 * right, "the penalty is doubled (2λ·Σ||W||²); it is (λ/2)·Σ||W||²."),
        (sum(0.5 * lam_of(k) * np.sqrt(sq[k]) for k in weights), "the Frobenius norm is not "
         "squared: use ||W||_F² = Σ W_ij² (torch.sum(W**2)), not torch.linalg.norm(W)."),
        (sum(0.5 * lam_of(k) * sq[k] / params[k].numel() for k in weights), "each layer's term is "
         "a mean of W_ij²; the squared Frobenius norm is the sum."),
    ]
    if len(weights) > 1:
        first, last = weights[0], weights[-1]
        out.append((0.5 * lam_of(first) * sq[first], f"only the FIRST weight matrix ({first!r}) is counted (a "
                    "return inside the loop?): add the term of every parameter whose name ends in 'weight'."))
        out.append((0.5 * lam_of(last) * sq[last], f"only the LAST weight matrix ({last!r}) is counted: the sum "
                    "is overwritten in every pass of the loop (total = ...) instead of added to (total = total + ...)."))
    if isinstance(lam, dict):
        for single in sorted(set(lam.values())):
            out.append((sum(0.5 * single * sq[k] for k in weights), "one λ is used for every layer; "
                        "with a dict, each weight gets its own λ: lam[name]."))
        out.append((sum(0.5 * sum(lam.values()) * sq[k] for k in weights), "every layer is "
                    "penalised with the sum of all the λs; use lam[name] for that layer only."))
    return right, out


def check_penalty_excludes_biases(weight_penalty):
    """The penalty ignores biases: same value when biases change, and no gradient on them."""
    for seed in SEEDS[:3]:
        model, _, _ = random_network(seed)
        lam = 0.3 + 0.1 * (seed % 7)
        before = _value(call(weight_penalty, model, lam, hint=PENALTY_HINT), "weight_penalty(model, lam)")
        right, candidates = _penalty_candidates(model, lam)
        for value, why in candidates[:2]:
            if _close(before, value) and not _close(before, right):
                fail(f"weight_penalty = {before:.8g} on a network with nonzero biases; expected "
                     f"{right:.8g}: {why}", mistake={"includes_biases": "biases are penalised"})
        with torch.no_grad():
            for name, param in model.named_parameters():
                if name.endswith("bias"):
                    param.mul_(3.0).add_(1.0)
        after_t = call(weight_penalty, model, lam, hint=PENALTY_HINT)
        after = _value(after_t, "weight_penalty(model, lam)")
        if not _close(before, after):
            fail(f"changing only the biases changed the penalty from {before:.6g} to {after:.6g}: "
                 "biases must not be penalised (skip parameters whose name ends in 'bias').",
                 mistake="includes_biases")
        if torch.is_tensor(after_t) and after_t.requires_grad:
            after_t.backward()
            for name, param in model.named_parameters():
                if name.endswith("bias") and param.grad is not None and torch.any(param.grad != 0):
                    fail(f"the penalty has a gradient on {name!r}: biases must not be penalised.",
                         mistake="includes_biases")


def _call_penalty_dict(weight_penalty, model, lam, missing, what, hint):
    """``weight_penalty(model, lam)``; a KeyError for the weight the dict leaves out states the rule."""
    try:
        return weight_penalty(model, lam)
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the judge replays the student's exception by its name
        if missing and type(exc).__name__ == "KeyError" and missing[0] in str(exc):
            fail(f"{what}: weight_penalty raised KeyError: {exc}. A weight that has no entry in the dict is "
                 "not penalised (its λ is 0), so look λ up with lam.get(name, 0.0) instead of lam[name].",
                 mistake="missing_weight_keyerror")
        fail(f"weight_penalty raised {type(exc).__name__}: {exc}. {hint}", mistake="raised")


def check_penalty_matches_reference(weight_penalty):
    """(1/2) Σ λ_l ||W_l||_F² for a float λ and a dict of per-layer λs; its gradient is λ_l W_l.

    The last dict leaves one weight out: a weight missing from the dict is not penalised.
    """
    for i, seed in enumerate(SEEDS[:5]):
        model, _, _ = random_network(seed)
        names = _weight_names(model)
        missing = []
        if i < 2:
            lam = 0.2 + 0.3 * i
        else:
            rng = np.random.default_rng(seed)
            lam = {name: float(rng.uniform(0.05, 2.0)) for name in names}
            if i == 4:
                missing = [names[int(rng.integers(len(names)))]]
                del lam[missing[0]]
        what = "weight_penalty(model, lam)" + (" with a dict of per-layer λs" if isinstance(lam, dict) else "")
        if missing:
            what += f" that has no entry for {missing[0]!r}"
        hint = PENALTY_HINT + (" A weight missing from the dict is not penalised: use "
                               "lam.get(name, 0.0)." if missing else "")
        out = _call_penalty_dict(weight_penalty, model, lam, missing, what, hint)
        got = _value(out, what)
        if not (torch.is_tensor(out) and out.requires_grad):
            fail("weight_penalty returned a value that is not part of the autograd graph (a Python "
                 "float, .item(), or a new torch.tensor(...)): loss.backward() would not see the "
                 "penalty. Build it from the parameters with torch operations and return the tensor.",
                 mistake="detached")
        right, candidates = _penalty_candidates(model, lam)
        if not _close(got, right):
            for value, why in candidates:
                if _close(got, value):
                    fail(f"{what} = {got:.8g}, expected {right:.8g} (seed {seed}): {why}",
                         mistake={"includes_biases": "biases are penalised",
                                  "without_half": "the 1/2 is missing", "half_twice": "applied twice",
                                  "doubled": "doubled", "norm_not_squared": "not squared",
                                  "mean_not_sum": "mean of W", "one_lambda_for_all_layers": "one λ is used for every layer",
                                  "sum_of_lambdas": "sum of all the λs", "first_weight_only": "only the FIRST",
                                  "last_weight_only": "only the LAST"})
            if missing:
                sq = float(torch.sum(dict(model.named_parameters())[missing[0]].detach() ** 2))
                for c in sorted({1.0, float(np.mean(list(lam.values())))} | set(lam.values())):
                    if _close(got, right + 0.5 * c * sq):
                        fail(f"{what} = {got:.8g}, expected {right:.8g} (seed {seed}): {missing[0]!r} is "
                             f"not in the dict, so it is not penalised (λ = 0, lam.get(name, 0.0)); "
                             f"your penalty includes it with λ = {c:.4g}.", mistake="missing_weight_not_zero")
            fail(f"{what} = {got:.8g}, expected (1/2)·Σ_l λ_l·||W_l||_F² = {right:.8g} (seed {seed})"
                 + (" (a weight missing from the dict has λ = 0)." if missing else "."), mistake="differs")
        model.zero_grad()
        out.backward()
        params = dict(model.named_parameters())
        for name in names:
            lam_l = lam.get(name, 0.0) if isinstance(lam, dict) else lam
            grad = params[name].grad
            if grad is None and lam_l == 0:
                continue
            if grad is None or not torch.allclose(grad, lam_l * params[name].detach(), rtol=1e-9, atol=1e-12):
                fail(f"the gradient of the penalty with respect to {name!r} is not λ·W: check that the "
                     "penalty is (λ/2)·Σ||W||² built from the parameters themselves (not copies).",
                     mistake="gradient_differs")


# --------------------------------------------------------------------------------------
# The manual L2 training loop, and the matching SGD parameter groups
# --------------------------------------------------------------------------------------


def _penalty_fn(lam, *, biases=False, factor=0.5, squared=True):
    def penalty(model):
        total = 0.0
        for name, param in model.named_parameters():
            if biases or ref.is_weight(name, param):
                sq = torch.sum(param ** 2)
                total = total + factor * lam * (sq if squared else torch.sqrt(sq))
        return total
    return penalty


def _loop_candidates(start, X, y, lam, lr, steps):
    """(final parameters, mistake) for the usual wrong training loops, computed lazily."""
    def run(make_opt, penalty=None):
        model = ref.clone(start)
        return ref.flat_parameters(ref.train_with_optimizer(model, X, y, make_opt(model), steps, penalty))

    sgd = lambda m: torch.optim.SGD(m.parameters(), lr=lr)  # noqa: E731
    yield (lambda: run(sgd), "the weights are those of training with no penalty at all: the penalty "
           "must be part of the loss before loss.backward() and optimizer.step() (adding it after the "
           "step, or only to a printed loss, does nothing).")
    yield (lambda: run(sgd, _penalty_fn(lam, biases=True)), "the biases were penalised (or SGD's "
           "weight_decay was applied to every parameter): penalise the weights only.")
    yield (lambda: run(sgd, _penalty_fn(lam, factor=1.0)), "the penalty was λ·Σ||W||², the 1/2 is "
           "missing: use (λ/2)·Σ||W||².")
    yield (lambda: run(sgd, _penalty_fn(lam, factor=0.25)), "the 1/2 was applied twice: use (λ/2)·Σ||W||².")
    yield (lambda: run(sgd, _penalty_fn(lam, squared=False)), "the Frobenius norm was not squared: "
           "use Σ W_ij², not ||W||.")
    yield (lambda: run(lambda m: torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=lam)),
           "these are AdamW's weights (decoupled weight decay); the exercise asks for plain SGD "
           "with the manual L2 penalty in the loss.")
    yield (lambda: run(lambda m: torch.optim.AdamW(ref.sgd_param_groups(m, lam), lr=lr)),
           "these are AdamW's weights (decoupled decay, biases excluded); the exercise asks for "
           "plain SGD with the manual L2 penalty in the loss.")
    yield (lambda: run(lambda m: torch.optim.Adam(m.parameters(), lr=lr),
                       lambda m: ref.weight_penalty(m, lam)),
           "these are Adam's weights; the exercise asks for torch.optim.SGD with the manual penalty.")
    yield (lambda: run(lambda m: torch.optim.Adam(m.parameters(), lr=lr, weight_decay=lam)),
           "these are Adam(weight_decay=λ)'s weights; use torch.optim.SGD with the manual penalty.")
    yield (lambda: _train_without_zero_grad(ref.clone(start), X, y, lam, lr, steps),
           "you never zero the gradients (optimizer.zero_grad()): loss.backward() ADDS to each parameter's "
           ".grad, so every step used the sum of all the gradients so far. Call optimizer.zero_grad() at the "
           "start of every step.")
    yield (lambda: run(lambda m: torch.optim.SGD(m.parameters(), lr=lr, weight_decay=lam),
                       lambda m: ref.weight_penalty(m, lam)),
           "the penalty is applied twice: once by SGD's weight_decay=λ and once by weight_penalty in the loss. "
           "Use plain torch.optim.SGD(model.parameters(), lr=lr), no weight_decay, with the penalty in the loss.")
    yield (lambda: run(lambda m: torch.optim.SGD(m.parameters(), lr=lr, momentum=0.9),
                       lambda m: ref.weight_penalty(m, lam)),
           "these are the weights of SGD with momentum=0.9; the exercise asks for plain SGD, "
           "torch.optim.SGD(model.parameters(), lr=lr) (no momentum).")
    yield (lambda: _train_summed_bce(ref.clone(start), X, y, lam, lr, steps),
           "the data loss is the SUM of the cross-entropies; the loss is their MEAN (the default "
           "reduction of binary_cross_entropy_with_logits).")


def _train_without_zero_grad(model, X, y, lam, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        (ref.bce_loss(model, X, y) + ref.weight_penalty(model, lam)).backward()
        optimizer.step()
    return ref.flat_parameters(model)


def _train_summed_bce(model, X, y, lam, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(X), y, reduction="sum")
        (loss + ref.weight_penalty(model, lam)).backward()
        optimizer.step()
    return ref.flat_parameters(model)


def _steps_taken(got, start, X, y, lam, lr, steps):
    """The number of SGD steps (other than ``steps``, up to 2·steps + 1) after which the reference loop's
    weights equal ``got``, or None."""
    model = ref.clone(start)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for k in range(2 * steps + 2):
        if k != steps and torch.allclose(got, ref.flat_parameters(model), rtol=1e-8, atol=1e-10):
            return k
        ref.train_with_optimizer(model, X, y, optimizer, 1, lambda m: ref.weight_penalty(m, lam))
    return None


#: Which wrong weight_penalty (Exercise 3) makes the loop give which wrong weights (keys of _diagnose).
_PENALTY_TO_LOOP = {0: "penalises_biases", 1: "penalises_biases", 2: "without_half", 3: "half_twice",
                    5: "norm_not_squared", "detached": "no_penalty"}


def _penalty_story(weight_penalty, start, lam):
    """``(loop mistake or None, what is wrong)`` with the student's weight_penalty (Exercise 3) on a copy
    of ``start``, or None when it is right (or was not sent). Asked on every case, right or wrong, so
    the calls do not depend on the answers."""
    if weight_penalty is None:
        return None
    model = ref.clone(start)
    try:
        out = weight_penalty(model, lam)
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
        return None, f"it raises {type(exc).__name__}."
    if not torch.is_tensor(out):
        return "no_penalty", ("it returns a plain number, cut off from autograd, so loss.backward() never sees "
                              "the penalty and the loop trains without it.")
    if out.numel() != 1:
        return None, "it does not return a single number."
    if not out.requires_grad:
        return "no_penalty", ("it returns a tensor cut off from autograd (.item(), float() or a new "
                              "torch.tensor(...)), so loss.backward() never sees the penalty and the loop trains without it.")
    got = float(out.detach().double().reshape(()))
    right, candidates = _penalty_candidates(model, lam)
    if _close(got, right):
        return None
    for i, (value, why) in enumerate(candidates):
        if _close(got, value):
            return _PENALTY_TO_LOOP.get(i), why
    return None, f"it gives {got:.6g} where (1/2)·Σλ·||W||² is {right:.6g}."


def _call_loop(train_manual_l2, model, X, y, lam, lr, steps):
    """``train_manual_l2(...)``; the errors of the usual slips state the rule behind them."""
    try:
        return train_manual_l2(model, X, y, lam, lr, steps)
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the judge replays the student's exception by its name
        kind, text = type(exc).__name__, str(exc)
        if "between 0 and 1" in text:
            fail(f"train_manual_l2 raised {kind}: {text[:120]}. model(X) returns LOGITS (any real number), and "
                 "binary_cross_entropy expects probabilities: use nn.functional.binary_cross_entropy_with_logits("
                 "model(X), y), which applies the sigmoid itself.", mistake="bce_on_logits")
        if "backward through the graph a second time" in text:
            fail(f"train_manual_l2 raised {kind} (backward through the graph a second time): the penalty (or the "
                 "loss) was computed once, before the loop, and the first backward() freed its graph. Compute "
                 "the loss and weight_penalty(model, lam) inside the loop, from the current weights, at every step.",
                 mistake="penalty_computed_once")
        if "must be the same as input size" in text:
            fail(f"train_manual_l2 raised {kind}: {text[:160]}. model(X) and y both have shape (n, 1): pass them "
                 "to binary_cross_entropy_with_logits as they are (no squeeze or reshape of one of them).",
                 mistake="shape_mismatch")
        fail(f"train_manual_l2 raised {kind}: {text}. {LOOP_HINT}", mistake="raised")


_LOOP_MISTAKES = {"no_penalty": "no penalty at all", "penalises_biases": "biases were penalised",
                  "without_half": "1/2 is missing", "half_twice": "1/2 was applied twice",
                  "norm_not_squared": "not squared", "adamw": "AdamW",
                  "adam_weight_decay": "Adam(weight_decay", "adam": "Adam's weights",
                  "no_zero_grad": "never zero the gradients", "penalty_twice": "penalty is applied twice",
                  "summed_bce": "SUM of the cross-entropies", "momentum": "momentum=0.9"}


def _diagnose(got, start, X, y, lam, lr, steps, context, story=None):
    for compute, why in _loop_candidates(start, X, y, lam, lr, steps):
        if torch.allclose(got, compute(), rtol=1e-8, atol=1e-10):
            mistake = {key: phrase for key, phrase in _LOOP_MISTAKES.items() if phrase in why}
            key = next(iter(mistake), None)
            if story and story[0] and story[0] == key:
                fail(f"{context}: your weight_penalty (Exercise 3) is the cause: {story[1]} The loop's weights are "
                     f"exactly those of that penalty ({why}) Fix weight_penalty; the loop itself may be right.",
                     mistake=key)
            fail(f"{context}: {why}" + (f" (Your weight_penalty, Exercise 3, is wrong too: {story[1]})" if story else ""),
                 mistake=key)


def check_train_manual_l2(train_manual_l2, weight_penalty=None):
    """Full-batch SGD on mean BCE + (λ/2) Σ||W||² gives the reference weights to 1e-8 (float64).

    ``weight_penalty`` (Exercise 3, which the loop is meant to call) is asked on a copy of each
    starting network too, so that weights that come from a wrong penalty name that exercise."""
    for seed, lam, lr, steps in ((SEEDS[0], 0.5, 0.3, 15), (SEEDS[1], 0.2, 0.5, 12), (SEEDS[2], 1.0, 0.2, 10)):
        model, X, y = random_network(seed)
        start = ref.clone(model)
        story = _penalty_story(weight_penalty, start, lam)
        returned = _call_loop(train_manual_l2, model, X, y, lam, lr, steps)
        trained = returned if isinstance(returned, nn.Module) else model
        got = ref.flat_parameters(trained)
        want = ref.flat_parameters(ref.train_manual_l2(ref.clone(start), X, y, lam, lr, steps))
        if got.shape == want.shape and torch.allclose(got, want, rtol=1e-8, atol=1e-10):
            continue
        if got.shape == want.shape and torch.equal(got, ref.flat_parameters(start)):
            fail("the model's parameters did not change: train the model in place, with an "
                 "optimizer built on model.parameters(), and call optimizer.step() each step.", mistake="not_trained")
        context = f"after {steps} steps (seed {seed}, λ={lam}, lr={lr})"
        if got.shape == want.shape:
            _diagnose(got, start, X, y, lam, lr, steps, context, story)
            taken = _steps_taken(got, start, X, y, lam, lr, steps)
            if taken is not None:
                fail(f"{context}: the weights are those after {taken} steps, not {steps}: run exactly `steps` "
                     "iterations (for _ in range(steps)), one optimizer.step() each.", mistake="wrong_step_count")
        if story:
            fail(f"{context} the weights differ from the reference loop's, and your weight_penalty (Exercise 3) is "
                 f"wrong: {story[1]} If the loop adds weight_penalty(model, lam) to the loss, fix weight_penalty "
                 "first.", mistake="weight_penalty_wrong")
        fail(f"{context} the weights differ from full-batch SGD on mean BCE + (λ/2)·Σ||W||² (weights "
             f"only): largest difference {float(torch.max(torch.abs(got - want))):.3g}. Each step: "
             "zero_grad(), loss = data loss + weight_penalty(model, lam), loss.backward(), step().",
             mistake="differs")


def check_sgd_param_groups(sgd_param_groups):
    """SGD(groups, lr) gives the same weights as the manual loop (to 1e-8), every parameter once."""
    for seed, lam, lr, steps in ((SEEDS[3], 0.4, 0.3, 15), (SEEDS[4], 1.5, 0.2, 12), (SEEDS[0], 0.1, 0.5, 10)):
        model, X, y = random_network(seed)
        start = ref.clone(model)
        groups = call(sgd_param_groups, model, lam, hint="model is an nn.Module, lam a number.")
        try:
            groups = [dict(g) for g in groups]
        except (TypeError, ValueError):
            fail("sgd_param_groups should return a list of dicts, each with a 'params' list "
                 "(and a 'weight_decay').", mistake="not_groups")
        if not all("params" in g for g in groups):
            fail("every group needs a 'params' entry: [{'params': [...], 'weight_decay': ...}, ...].",
                 mistake="no_params")
        for g in groups:
            g["params"] = list(g["params"]) if not torch.is_tensor(g["params"]) else [g["params"]]
        if any(isinstance(p, str) for g in groups for p in g["params"]):
            fail("the groups hold parameter NAMES (strings); a group's 'params' must hold the parameter tensors "
                 "themselves: [p for name, p in model.named_parameters() if name.endswith('weight')] (and the "
                 "same for the biases).", mistake="names_not_tensors")
        ids = [id(p) for g in groups for p in g["params"]]
        names = {id(p): name for name, p in model.named_parameters()}
        missing = [name for i, name in names.items() if i not in ids]
        if missing:
            fail(f"parameters {missing} are in no group, so SGD would never update them: put every "
                 "parameter of the model in exactly one group.", mistake="missing_params")
        if len(ids) != len(set(ids)):
            fail("a parameter appears in more than one group; each parameter goes in exactly one.",
                 mistake="duplicate_params")
        if any(i not in names for i in ids):
            fail("the groups hold tensors that are not this model's parameters (copies?); use the "
                 "parameters from model.named_parameters() themselves.", mistake="not_model_params")
        known = {"params", "weight_decay", "lr", "momentum", "dampening", "nesterov", "maximize", "foreach",
                 "differentiable", "fused", "initial_lr"}
        odd = sorted({str(k) for g in groups for k in g if k not in known})
        no_wd_key = any("weight_decay" not in g for g in groups)  # before SGD fills in its defaults
        try:
            optimizer = torch.optim.SGD(groups, lr=lr)
        except (TypeError, ValueError) as exc:
            fail(f"torch.optim.SGD(groups, lr=lr) raised {type(exc).__name__}: {exc}", mistake="sgd_raised")
        got = ref.flat_parameters(ref.train_with_optimizer(model, X, y, optimizer, steps))
        want = ref.flat_parameters(ref.train_manual_l2(ref.clone(start), X, y, lam, lr, steps))
        if torch.allclose(got, want, rtol=1e-8, atol=1e-10):
            continue
        if odd and no_wd_key:
            fail(f"a group has no 'weight_decay' key but has {odd}: torch.optim.SGD ignores keys it does not "
                 "know, so that group gets the default weight_decay=0. The key is spelled 'weight_decay'.",
                 mistake="misspelled_key")
        wds = {names[id(p)]: float(g.get("weight_decay", 0.0)) for g in groups for p in g["params"]}
        biases = [k for k in wds if k.endswith("bias")]
        weights = [k for k in wds if not k.endswith("bias")]
        if any(wds[k] != 0 for k in biases):
            fail(f"biases get weight_decay {sorted({wds[k] for k in biases})}: the manual loop does not "
                 "penalise biases, so their group needs weight_decay=0.", mistake="biases_decayed")
        wd_set = sorted({wds[k] for k in weights})
        if wd_set == [lam / 2]:
            fail(f"the weights get weight_decay=λ/2={lam / 2}: SGD adds weight_decay·W to the gradient, "
                 "and the gradient of (λ/2)||W||² is λW, so weight_decay=λ.", mistake="half_lambda")
        if wd_set == [2 * lam]:
            fail(f"the weights get weight_decay=2λ={2 * lam}: the gradient of (λ/2)||W||² is λW, so "
                 "weight_decay=λ.", mistake="two_lambda")
        if wd_set == [0.0]:
            fail("the weights get weight_decay=0: their group needs weight_decay=λ.", mistake="no_decay")
        fail(f"SGD with these groups does not reproduce the manual loop (seed {seed}, λ={lam}); "
             f"weight_decay per parameter: {wds}. Weights need weight_decay=λ, biases 0.", mistake="differs")


def check_weight_decay_conversion(lecture_lambda_to_weight_decay, weight_decay_to_lecture_lambda):
    """weight_decay = 2λ/n for the lecture penalty (λ/n) Σ w², and back: λ = n·wd/2.

    The inverse is asked on weight decays of its own (never on the forward conversion's
    results, which would hand the student's code the answers as inputs), and one case of each
    direction is drawn from the grader's seeds.
    """
    rng = np.random.default_rng(SEEDS[0])
    drawn = (float(np.round(rng.uniform(0.01, 20.0), 4)), int(rng.integers(2, 5000)))
    forward_cases = ((3.0, 100), (0.7, 37), (12.0, 8), (0.05, 1000), drawn)
    forward = [as_float(call(lecture_lambda_to_weight_decay, lam, n), "lecture_lambda_to_weight_decay(lam, n)")
               for lam, n in forward_cases]
    for (lam, n), got in zip(forward_cases, forward):
        want = ref.lecture_lambda_to_weight_decay(lam, n)
        if not _close(got, want):
            for value, why in ((lam / n, "λ/n misses the 2: the gradient of (λ/n)·Σw² is (2λ/n)·w"),
                               (lam / (2 * n), "λ/(2n) is the weight_decay for the λ/(2n) convention; "
                                "the lecture's (λ/n)·Σw² has gradient (2λ/n)·w"),
                               (lam, "the lecture λ is not PyTorch's weight_decay: the gradient of "
                                "(λ/n)·Σw² is (2λ/n)·w"),
                               (2 * lam, "the 1/n is missing: the gradient of (λ/n)·Σw² is (2λ/n)·w"),
                               (lam / 2, "the gradient of (λ/n)·Σw² is (2λ/n)·w, so weight_decay = 2λ/n")):
                if _close(got, value):
                    fail(f"lecture_lambda_to_weight_decay({lam}, {n}) = {got:.6g}, expected {want:.6g}: {why}.",
                         mistake={"lambda_over_n": "misses the 2", "lambda_over_2n": "λ/(2n) is",
                                  "same_lambda": "not PyTorch's weight_decay",
                                  "ignores_n": "1/n is missing"})
            phrases = _wrong_powers(forward, [(2.0, lam_, n_) for lam_, n_ in forward_cases], [
                ("2", 1, {0: "no factor 2 (the derivative of w² is 2w)", -1: "a 1/2 where the 2 belongs",
                          2: "a factor 4"}),
                ("λ", 1, {0: "no λ", -1: "λ in the denominator", 2: "λ squared"}),
                ("n", -1, {0: "no 1/n", 1: "n in the numerator (it divides)", -2: "n squared"})])
            if phrases:
                fail(f"lecture_lambda_to_weight_decay({lam}, {n}) = {got:.6g}, expected {want:.6g}: your conversion "
                     "has " + " and ".join(phrases) + ". The gradient of (λ/n)·Σw² is (2λ/n)·w, and weight_decay "
                     "adds weight_decay·w, so weight_decay = 2λ/n.", mistake="wrong_factors")
            fail(f"lecture_lambda_to_weight_decay({lam}, {n}) = {got:.6g}, expected 2λ/n = {want:.6g}.",
                 mistake="differs")
    backward_cases = ((0.03, 100), (0.5, 37), (2.0, 8), (0.0004, 1000),
                      (float(np.round(rng.uniform(1e-4, 2.0), 5)), int(rng.integers(2, 5000))))
    backward = [as_float(call(weight_decay_to_lecture_lambda, wd, n), "weight_decay_to_lecture_lambda(wd, n)")
                for wd, n in backward_cases]
    for (wd, n), back in zip(backward_cases, backward):
        lam = ref.weight_decay_to_lecture_lambda(wd, n)
        if not _close(back, lam):
            if _close(back, n * wd):
                fail(f"weight_decay_to_lecture_lambda({wd:.6g}, {n}) = {back:.6g}, expected {lam:.6g}: "
                     "n·wd inverts λ/n; the lecture λ is n·wd/2.", mistake="times_n")
            if _close(back, wd * n * 2):
                fail(f"weight_decay_to_lecture_lambda({wd:.6g}, {n}) = {back:.6g}, expected {lam:.6g}: "
                     "divide by 2, not multiply: λ = n·wd/2.", mistake="multiplied_by_2")
            phrases = _wrong_powers(backward, [(2.0, wd_, n_) for wd_, n_ in backward_cases], [
                ("2", -1, {0: "no division by 2", 1: "a factor 2 where λ = n·wd/2 divides by 2"}),
                ("weight_decay", 1, {0: "no weight_decay", -1: "weight_decay in the denominator"}),
                ("n", 1, {0: "no n", -1: "n in the denominator (it multiplies)", 2: "n squared"})])
            if phrases:
                fail(f"weight_decay_to_lecture_lambda({wd:.6g}, {n}) = {back:.6g}, expected {lam:.6g}: your inverse "
                     "has " + " and ".join(phrases) + ". Solve weight_decay = 2λ/n for λ: λ = n·weight_decay/2.",
                     mistake="inverse_wrong_factors")
            fail(f"weight_decay_to_lecture_lambda({wd:.6g}, {n}) = {back:.6g}, expected n·wd/2 = {lam:.6g} "
                 "(the inverse of 2λ/n).", mistake="differs")


# The training loop is the one answer the judge lets change the model it is given (it trains it in
# place); any other answer that changes a model's parameters fails (coursekit.judge.verdict).
check_train_manual_l2.changes_models = ("train_manual_l2",)
