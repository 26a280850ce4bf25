"""Hidden-test checks for lesson 05 (Keras regularizers per layer, penalties, out-of-fold predictions).

No check trains a network: models are built, given seeded random weights (nonzero biases
included) and inspected, and the out-of-fold checks use a closed-form fit, so grading is
fast and gives the same score every time.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.model_selection import KFold, StratifiedKFold  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from .. import keras_regularizers as ref  # noqa: E402
from ._core import SEEDS, CheckFailed, as_float, fail  # noqa: E402

#: (n_inputs, hidden_units, kernel_l1, kernel_l2, activity_l1, output_activation)
BUILD_CASES = (
    (7, 16, 0.001, 0.01, 0.02, None),
    (30, 8, 0.0, 0.05, 0.003, "sigmoid"),
    (4, 5, 0.02, 0.0, 0.3, None),
)


def _call_build(build_model, case):
    n_inputs, hidden, k1, k2, a1, out = case
    try:
        model = build_model(n_inputs, hidden, kernel_l1=k1, kernel_l2=k2, activity_l1=a1,
                            output_activation=out)
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001 - name the student's error
        fail(f"build_model({n_inputs}, {hidden}, kernel_l1={k1}, kernel_l2={k2}, activity_l1={a1}, "
             f"output_activation={out!r}) raised {type(exc).__name__}: {exc}", mistake="raised")
    if not isinstance(model, keras.Model):
        fail(f"build_model should return a keras model (keras.Sequential), got {type(model).__name__}.",
             mistake="not_a_model")
    return model


def _dense_layers(model):
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def _strengths(regularizer, where):
    if regularizer is None:
        return 0.0, 0.0
    try:
        return ref.regularizer_strengths(regularizer)
    except Exception:  # noqa: BLE001
        fail(f"{where} is {regularizer!r}, not a keras.regularizers L1 / L2 / L1L2 object.",
             mistake="not_a_regularizer")


def _activation_name(layer):
    return getattr(layer.activation, "__name__", str(layer.activation))


def check_build_model_architecture(build_model):
    """Input(n_inputs) -> Dense(hidden_units, relu) -> Dense(1, output_activation), nothing else."""
    for case in BUILD_CASES:
        n_inputs, hidden, *_, out = case
        model = _call_build(build_model, case)
        dense = _dense_layers(model)
        if len(dense) != 2:
            fail(f"the model has {len(dense)} Dense layers; expected 2 (a hidden layer and an output layer).",
                 mistake="dense_count")
        layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
        if len(layers) != 2:
            extra = [type(layer).__name__ for layer in layers if layer not in dense]
            fail(f"the model has extra layers {extra}; build exactly Input -> Dense -> Dense.",
                 mistake="extra_layers")
        shape = tuple(model.inputs[0].shape)
        if shape != (None, n_inputs):
            fail(f"the model's input shape is {shape}, expected (None, {n_inputs}): start with "
                 "keras.Input(shape=(n_inputs,)).", mistake="input_shape")
        first, last = dense
        if first.units != hidden or _activation_name(first) != "relu":
            fail(f"the hidden layer should be Dense({hidden}, activation='relu'); got "
                 f"Dense({first.units}, activation={_activation_name(first)!r}).", mistake="hidden_layer")
        want = "linear" if out is None else out
        if last.units != 1 or _activation_name(last) != want:
            fail(f"the output layer should be Dense(1, activation={out!r}); got "
                 f"Dense({last.units}, activation={_activation_name(last)!r}).", mistake="output_layer")


def check_regularizers_per_layer(build_model):
    """Kernel L1L2(kernel_l1, kernel_l2) on both Dense layers; activity L1(activity_l1) on the hidden one only."""
    for case in BUILD_CASES:
        _, _, k1, k2, a1, _ = case
        model = _call_build(build_model, case)
        dense = _dense_layers(model)
        if len(dense) != 2:
            fail(f"expected 2 Dense layers, found {len(dense)}.", mistake="dense_count")
        hidden, output = dense
        hk = _strengths(hidden.kernel_regularizer, "the hidden layer's kernel_regularizer")
        ok = _strengths(output.kernel_regularizer, "the output layer's kernel_regularizer")
        ha = _strengths(hidden.activity_regularizer, "the hidden layer's activity_regularizer")
        oa = _strengths(output.activity_regularizer, "the output layer's activity_regularizer")
        args = f"(kernel_l1={k1}, kernel_l2={k2}, activity_l1={a1})"
        kernel, activity = (k1, k2), (a1, 0.0)
        same = np.allclose
        if same(ha, kernel) and same(hk, activity) and not same(kernel, activity):
            fail(f"for {args} the hidden layer's kernel and activity regularizers are swapped: "
                 "kernel_regularizer penalises the weights (use L1L2(kernel_l1, kernel_l2)); "
                 "activity_regularizer penalises the layer's outputs (use L1(activity_l1)).",
                 mistake="kernel_activity_swapped")
        if same(ha, (0.0, k2)) and k2 > 0 and not same(ha, activity):
            fail(f"for {args} the hidden layer's activity_regularizer carries the kernel's L2 "
                 "strength: a weight penalty belongs in kernel_regularizer, not activity_regularizer.",
                 mistake="l2_in_activity")
        if same(hk, (k2, k1)) and k1 != k2:
            fail(f"for {args} the kernel regularizer has l1 and l2 swapped: "
                 "use keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2).", mistake="l1_l2_swapped")
        if same(oa, activity) and a1 > 0 and not same(ha, activity):
            fail(f"for {args} the activity regularizer is on the output layer; put "
                 "activity_regularizer=L1(activity_l1) on the hidden layer (its outputs are the "
                 "activations we want sparse) and none on the output layer.", mistake="activity_on_output")
        if not same(oa, (0.0, 0.0)):
            fail(f"for {args} the output layer has an activity regularizer {oa}; it should have none.",
                 mistake="activity_on_output")
        if same(ha, (0.0, 0.0)) and a1 > 0:
            fail(f"for {args} the hidden layer has no activity regularizer: add "
                 "activity_regularizer=keras.regularizers.L1(activity_l1) to the hidden Dense layer.",
                 mistake="no_activity")
        if same(ha, (0.0, a1)) and a1 > 0:
            fail(f"for {args} the hidden layer's activity regularizer is L2({a1}); the exercise asks for "
                 f"L1(activity_l1): an L1 penalty on the outputs pushes activations to exactly 0 (sparse).",
                 mistake="activity_is_l2")
        if not same(ha, activity):
            fail(f"for {args} the hidden layer's activity regularizer has (l1, l2) = {ha}; expected "
                 f"L1({a1}), i.e. {activity}.", mistake="activity_strength")
        if same(hk, kernel) and not same(ok, kernel):
            fail(f"for {args} only the hidden layer has the kernel regularizer; the output layer's "
                 f"kernel should be penalised too (kernel_regularizer=L1L2({k1}, {k2}) on both layers).",
                 mistake="kernel_hidden_only")
        if same(ok, kernel) and not same(hk, kernel):
            fail(f"for {args} the kernel regularizer is on the output layer only; the hidden layer's "
                 "weights need it too.", mistake="kernel_output_only")
        for strengths, part, only in ((hk, "L2", (0.0, k2)), (hk, "L1", (k1, 0.0))):
            lost = "kernel_l1" if part == "L2" else "kernel_l2"
            if same(strengths, only) and not same(only, kernel) and (same(ok, only) or same(ok, kernel)):
                fail(f"for {args} the kernel regularizer has only its {part} part ({lost} is dropped): "
                     f"(l1, l2) = {hk} (hidden) and {ok} (output). Use keras.regularizers.L1L2(l1=kernel_l1, "
                     "l2=kernel_l2), which adds both terms.", mistake=f"kernel_{part.lower()}_only")
        if not (same(hk, kernel) and same(ok, kernel)):
            fail(f"for {args} the kernel regularizers have (l1, l2) = {hk} (hidden) and {ok} "
                 f"(output); expected {kernel} on both: L1L2(l1=kernel_l1, l2=kernel_l2).",
                 mistake="kernel_strengths")


def check_biases_not_regularized(build_model):
    """No layer has a bias_regularizer, so model.losses holds the kernel penalties only."""
    for seed, case in zip(SEEDS, BUILD_CASES):
        model = _call_build(build_model, case)
        for i, layer in enumerate(_dense_layers(model)):
            if layer.bias_regularizer is not None:
                fail(f"Dense layer {i} has a bias_regularizer ({type(layer.bias_regularizer).__name__}"
                     f"{layer.bias_regularizer.get_config()}): biases only "
                     "shift the outputs, penalising them pulls predictions towards 0 without making "
                     "the model simpler. Leave bias_regularizer at its default (None).", mistake="bias_regularized")
        _randomise_weights(model, seed)
        got = float(sum(float(loss) for loss in model.losses))
        want = ref.kernel_penalty(model)
        if not np.isclose(got, want, rtol=1e-4, atol=1e-7):
            fail(f"with random weights and nonzero biases the model's penalty (sum of model.losses) "
                 f"is {got:.6g}, but its kernel penalties add up to {want:.6g}: something other than "
                 "the kernels is being penalised.", mistake="bias_penalised")


# --- penalties ------------------------------------------------------------------------------

def _randomise_weights(model, seed):
    """Seeded random kernels and nonzero biases (|b| >= 0.5) for every Dense layer."""
    rng = np.random.default_rng(seed)
    for layer in _dense_layers(model):
        kernel, bias = layer.get_weights()
        layer.set_weights([rng.normal(0.0, 0.7, size=kernel.shape).astype("float32"),
                           (rng.choice([-1, 1], size=bias.shape) * rng.uniform(0.5, 2.0, size=bias.shape)
                            ).astype("float32")])


def _penalty_model(seed, regularizers, activity=None):
    """A Dense network with the given kernel regularizer per layer (None: no penalty)."""
    rng = np.random.default_rng(seed)
    n_inputs = int(rng.integers(3, 9))
    layers = [keras.Input(shape=(n_inputs,))]
    for i, reg in enumerate(regularizers):
        last = i == len(regularizers) - 1
        layers.append(keras.layers.Dense(1 if last else int(rng.integers(3, 12)),
                                         activation=None if last else "relu", kernel_regularizer=reg,
                                         activity_regularizer=activity if i == 0 else None))
    model = keras.Sequential(layers)
    _randomise_weights(model, seed)
    return model, n_inputs


def _penalty_cases():
    R = keras.regularizers
    return [
        (SEEDS[0], [R.L2(0.01), R.L2(0.01)]),
        (SEEDS[1], [R.L1(0.02), None, R.L1(0.005)]),
        (SEEDS[2], [R.L1L2(l1=0.01, l2=0.03), R.L1L2(l1=0.01, l2=0.03)]),
        (SEEDS[3], [None, R.L2(0.2), R.L1(0.1)]),
        (SEEDS[4], [R.L2(0.04), R.L1L2(l1=0.002, l2=0.0)]),
    ]


def _penalty_variants(model):
    """Values of typical wrong penalties, with the mistake each one reveals."""
    l1_sum = l2_sum = bias_l1 = bias_l2 = first = swapped = norm = mean = only_l2 = only_l1 = 0.0
    signed = sum_squared = last = on_biases = 0.0
    for i, layer in enumerate(l for l in _dense_layers(model) if l.kernel_regularizer is not None):
        l1, l2 = ref.regularizer_strengths(layer.kernel_regularizer)
        W = layer.kernel.numpy().astype(float)
        b = layer.bias.numpy().astype(float)
        l1_sum += l1 * np.abs(W).sum()
        l2_sum += l2 * np.square(W).sum()
        bias_l1 += l1 * np.abs(b).sum()
        bias_l2 += l2 * np.square(b).sum()
        if i == 0:
            first = l1 * np.abs(W).sum() + l2 * np.square(W).sum()
        swapped += l1 * np.square(W).sum() + l2 * np.abs(W).sum()
        norm += l1 * np.abs(W).sum() + l2 * np.sqrt(np.square(W).sum())
        mean += l1 * np.abs(W).mean() + l2 * np.square(W).mean()
        only_l2 += l2 * np.square(W).sum() if l2 else l1 * np.abs(W).sum()
        only_l1 += l1 * np.abs(W).sum() if l1 else l2 * np.square(W).sum()
        signed += l1 * W.sum() + l2 * np.square(W).sum()
        sum_squared += l1 * np.abs(W).sum() + l2 * W.sum() ** 2
        last = l1 * np.abs(W).sum() + l2 * np.square(W).sum()
        on_biases += l1 * np.abs(b).sum() + l2 * np.square(b).sum()
    right = l1_sum + l2_sum
    return right, [
        (l1_sum + 0.5 * l2_sum, "the L2 part has a factor 1/2: Keras' L2(l2) adds l2 * sum(W**2), no 1/2."),
        (right + bias_l1 + bias_l2, "biases are included: penalise the kernels (layer.kernel) only."),
        (first, "only the first regularised layer is counted: add the penalty of every layer "
                "that has a kernel_regularizer."),
        (swapped, "l1 and l2 are swapped: l1 multiplies sum(|W|), l2 multiplies sum(W**2)."),
        (norm, "the L2 part uses the norm sqrt(sum(W**2)); Keras uses the squared norm sum(W**2)."),
        (mean, "you averaged over the weights; Keras sums: l1 * sum(|W|) + l2 * sum(W**2)."),
        (only_l2, "for an L1L2 regularizer only one of its two parts is counted: read both 'l1' and "
                  "'l2' from its config (a missing key means 0)."),
        (only_l1, "for an L1L2 regularizer only one of its two parts is counted: read both 'l1' and "
                  "'l2' from its config (a missing key means 0)."),
        (signed, "the L1 part sums the weights with their signs, l1 * sum(W); L1 sums their ABSOLUTE "
                 "values: l1 * sum(|W|) (np.abs)."),
        (sum_squared, "the L2 part squares the sum of the weights, l2 * sum(W)**2; it is the sum of the "
                      "squares: l2 * sum(W**2)."),
        (last, "only the LAST regularised layer is counted: the total is overwritten in the loop "
               "(total = ...) instead of added to (total += ...)."),
        (on_biases, "the penalty was computed on the BIASES (layer.weights[1], get_weights()[1]) instead of the "
                    "kernels: use layer.kernel (get_weights()[0])."),
    ]


def _missing_strength(model, kind, text):
    """When a KeyError or AttributeError names 'l1' or 'l2': the rule behind it, with the regularizers of
    this model that lack that strength; else None."""
    key = next((k for k in ("l1", "l2") if f"'{k}'" in text), None)
    if key is None or kind not in ("KeyError", "AttributeError"):
        return None
    lacking = sorted({type(layer.kernel_regularizer).__name__ for layer in _dense_layers(model)
                      if layer.kernel_regularizer is not None
                      and key not in layer.kernel_regularizer.get_config()})
    which = f"an {' and an '.join(lacking)} regularizer" if lacking else "a regularizer that does not use it"
    how = ("its get_config() has no key" if kind == "KeyError" else "it has no attribute")
    return (f"this model has {which}, and {how} {key!r}: an L1 regularizer only knows 'l1', an L2 only "
            f"'l2', L1L2 both; a missing key means 0: read both strengths with config.get('l1', 0.0) and "
            "config.get('l2', 0.0) (or check the regularizer's type).")


def _call_penalty(kernel_penalty, model, what="kernel_penalty(model)"):
    try:
        value = kernel_penalty(model)
    except NotImplementedError:
        raise
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the judge replays the student's exception by its name
        kind = type(exc).__name__
        rule = _missing_strength(model, kind, str(exc))
        if rule:
            fail(f"{what} raised {kind}: {exc}: {rule}", mistake="keyerror_missing_key")
        fail(f"{what} raised {kind}: {exc}", mistake="raised")
    return as_float(value, what)


def check_kernel_penalty_matches_keras(kernel_penalty):
    """Equals sum(model.losses) (and the reference) for models with L1, L2, L1L2 or no kernel penalty."""
    for seed, regs in _penalty_cases():
        model, _ = _penalty_model(seed, regs)
        got = _call_penalty(kernel_penalty, model)
        keras_total = float(sum(float(loss) for loss in model.losses))
        right, variants = _penalty_variants(model)
        if np.isclose(got, right, rtol=1e-5, atol=1e-8) and np.isclose(got, keras_total, rtol=1e-4):
            continue
        for value, why in variants:
            if np.isclose(got, value, rtol=1e-5, atol=1e-8):
                fail(f"kernel_penalty returned {got:.6g}, Keras' model.losses add up to "
                     f"{keras_total:.6g}: {why}",
                          mistake={"l2_with_half": "factor 1/2", "includes_biases": "biases are included",
                                   "first_layer_only": "only the first",
                                   "l1_l2_swapped": "l1 and l2 are swapped",
                                   "norm_not_squared": "uses the norm", "averaged": "averaged over",
                                   "one_part_of_l1l2": "only one of its two parts",
                                   "signed_l1": "ABSOLUTE", "square_of_sum": "squares the sum",
                                   "last_layer_only": "only the LAST", "biases_not_kernels": "on the BIASES"})
        fail(f"kernel_penalty returned {got:.6g} for a model whose model.losses add up to "
             f"{keras_total:.6g} (regularizers {[type(r).__name__ if r else None for r in regs]}). "
             "Sum l1 * sum(|W|) + l2 * sum(W**2) over the layers' kernels.", mistake="differs")


def check_kernel_penalty_properties(kernel_penalty):
    """Depends on the kernels only (not on biases or activity penalties); linear in lambda, 0 at
    lambda 0; doubling the kernels multiplies an L2 penalty by 4 and an L1 penalty by 2."""
    R = keras.regularizers
    for seed in SEEDS[:3]:
        model, n_inputs = _penalty_model(seed, [R.L2(0.05), R.L1(0.01)], activity=R.L1(0.5))
        want = ref.kernel_penalty(model)
        x = np.random.default_rng(seed).normal(size=(6, n_inputs)).astype("float32")
        model(x)  # an eager call: model.losses now also holds the activity penalty
        model._l1l2_eager_input = x  # the copy sent to the student's kernel is called the same way
        got = _call_penalty(kernel_penalty, model)
        with_activity = float(sum(float(loss) for loss in model.losses))
        if np.isclose(got, with_activity, rtol=1e-5) and not np.isclose(got, want, rtol=1e-5):
            fail("kernel_penalty includes the activity penalty (it equals sum(model.losses) after the "
                 "model was called): count only the kernel_regularizer terms, which depend on the "
                 "weights alone.", mistake="includes_activity")
        dense = _dense_layers(model)
        for layer in dense:
            kernel, bias = layer.get_weights()
            layer.set_weights([kernel, bias * 3.0 + 1.0])
        moved = _call_penalty(kernel_penalty, model)
        if not np.isclose(moved, got, rtol=1e-6, atol=1e-9):
            fail(f"changing only the biases changed kernel_penalty from {got:.6g} to {moved:.6g}: "
                 "biases are not penalised (bias_regularizer is None); use layer.kernel only.",
                 mistake="includes_biases")
    for seed, reg, power in ((SEEDS[3], R.L2(0.05), 2), (SEEDS[4], R.L1(0.05), 1)):
        model, _ = _penalty_model(seed, [reg, reg])
        got = _call_penalty(kernel_penalty, model)
        if not got > 0:
            fail(f"kernel_penalty returned {got:.6g} for a model with {type(reg).__name__}(0.05) "
                 "kernels and nonzero weights; the penalty should be positive.", mistake="not_positive")
        for layer in _dense_layers(model):
            kernel, bias = layer.get_weights()
            layer.set_weights([2.0 * kernel, bias])
        doubled = _call_penalty(kernel_penalty, model)
        if not np.isclose(doubled, 2 ** power * got, rtol=1e-5):
            fail(f"doubling every kernel weight should multiply a {type(reg).__name__} penalty by "
                 f"{2 ** power} ({'squares' if power == 2 else 'absolute values'} of the weights); "
                 f"kernel_penalty went from {got:.6g} to {doubled:.6g}.", mistake="wrong_power")
    for scale in (0.0, 2.0):
        base, _ = _penalty_model(SEEDS[4], [R.L1L2(l1=0.01, l2=0.02), R.L2(0.03)])
        scaled, _ = _penalty_model(SEEDS[4], [R.L1L2(l1=0.01 * scale, l2=0.02 * scale), R.L2(0.03 * scale)])
        got_base = _call_penalty(kernel_penalty, base)
        got_scaled = _call_penalty(kernel_penalty, scaled)
        if not np.isclose(got_scaled, scale * got_base, rtol=1e-5, atol=1e-9):
            fail(f"multiplying every lambda by {scale:g} should multiply the penalty by {scale:g}; "
                 f"got {got_base:.6g} -> {got_scaled:.6g}.", mistake="not_linear_in_lambda")


# --- out-of-fold predictions ----------------------------------------------------------------

def _ols_fit_predict(calls=None):
    """A closed-form fit (least squares with an intercept); records its arguments in ``calls``.

    A picklable double from :mod:`coursekit_probe.doubles`, so the judge can send it into the
    student's kernel and read back the calls the student's code made.
    """
    from coursekit_probe.doubles import OLSFitPredict

    return OLSFitPredict(calls)


def _oof_problem(seed, classify=False):
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(40, 80)), int(rng.integers(2, 5))
    X = rng.normal(size=(n, p)) * rng.uniform(1.0, 20.0, size=p) + rng.uniform(-50, 50, size=p)
    y = 3.0 + X @ rng.normal(size=p) + rng.normal(size=n) * 2.0
    if classify:
        y = (y > np.median(y)).astype(int)
    X = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    cv = (StratifiedKFold if classify else KFold)(n_splits=int(rng.integers(3, 6)), shuffle=True,
                                                 random_state=seed)
    return X, y, cv


def _call_oof(out_of_fold_predictions, fit_predict, X, y, cv, preprocess):
    try:
        oof = out_of_fold_predictions(fit_predict, X, y, cv, preprocess)
    except NotImplementedError:
        raise
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the judge replays the student's exception by its name
        kind, text = type(exc).__name__, str(exc)
        if kind == "TypeError" and "required positional argument: 'y'" in text:
            fail(f"out_of_fold_predictions raised {kind}: {text}. {type(cv).__name__}.split needs the labels: "
                 "StratifiedKFold keeps each class's share in every fold, so call cv.split(X, y) (KFold accepts "
                 "y too and ignores it).", mistake="split_without_y")
        if kind == "KeyError" and ("None of [" in text or "not in index" in text):
            fail(f"out_of_fold_predictions raised {kind}: {text[:120]}. On a DataFrame, X[idx] selects COLUMNS by "
                 "label; take the fold's rows by position with X.iloc[idx].", mistake="columns_not_rows")
        if kind == "ValueError" and "could not be broadcast" in text:
            fail(f"out_of_fold_predictions raised {kind}: {text[:160]}. The predictions stored at oof[test] must "
                 "have one value per TEST row: call fit_predict(Z_train, y_train, Z_test) with the fold's "
                 "transformed test rows as the third argument, and flatten its result (np.ravel).",
                 mistake="predictions_shape")
        if kind == "AttributeError" and "iloc" in text:
            fail(f"out_of_fold_predictions raised {kind}: {text}. y is a NumPy array (only X is a DataFrame): "
                 "take its rows with y[idx].", mistake="y_is_an_array")
        fail(f"out_of_fold_predictions raised {kind}: {exc} (X is a DataFrame: take "
             "rows with X.iloc[idx]; y is a NumPy array).", mistake="raised")
    oof = np.asarray(oof, dtype=float)
    if oof.size != len(y):
        fail(f"out_of_fold_predictions returned {oof.size} values for {len(y)} rows: return one "
             "prediction per row (an array of shape (n,)).", mistake="wrong_size")
    return oof.ravel()


def check_oof_every_row_once_in_row_order(out_of_fold_predictions):
    """One prediction per row, from the model that did not see that row, in the rows' order."""
    for i, seed in enumerate(SEEDS):
        X, y, cv = _oof_problem(seed, classify=(i % 2 == 1))
        calls = []
        got = _call_oof(out_of_fold_predictions, _ols_fit_predict(calls), X, y, cv, StandardScaler())
        want = ref.out_of_fold_predictions(_ols_fit_predict(), X, y, cv, StandardScaler())
        if np.isnan(got).any():
            fail(f"{int(np.isnan(got).sum())} rows got no prediction: every row must be in one test fold.",
                 mistake="rows_missing")
        if np.allclose(got, want, rtol=1e-6, atol=1e-6):
            continue
        if np.allclose(got, np.trunc(want), rtol=1e-6, atol=1e-6):
            fail(f"the predictions were cut to whole numbers (seed {seed}, labels y of dtype {y.dtype}): the "
                 "output array has an integer dtype, e.g. np.zeros_like(y) on 0/1 labels, and NumPy truncates "
                 "every prediction stored in it. Create it as floats: np.zeros(len(y)) or np.full(len(y), np.nan).",
                 mistake="integer_array")
        folds = [test for _, test in cv.split(X, y)]
        if len(calls) != len(folds):
            fail(f"fit_predict was called {len(calls)} times for a {len(folds)}-fold split: call it "
                 "once per fold.", mistake="calls_per_fold")
        if np.allclose(got, want[np.concatenate(folds)], rtol=1e-6, atol=1e-6):
            fail("the predictions are in fold order (fold 1's test rows, then fold 2's, ...): store "
                 "each fold's predictions at its test rows, oof[test] = ..., so oof[i] belongs to row i.",
                 mistake="fold_order")
        fail(f"the out-of-fold predictions differ from the reference (seed {seed}, "
             f"{type(cv).__name__} with {len(folds)} folds): for each (train, test) in cv.split(X, y), "
             "fit on the training rows and predict the test rows.", mistake="differs")


def _scale_sensitive_fit_predict(calls=None):
    """A double whose predictions show how the features were scaled (:mod:`coursekit_probe.doubles`)."""
    from coursekit_probe.doubles import ScaleSensitiveFitPredict

    return ScaleSensitiveFitPredict(calls)


def _each_close_to_one_of(got, allowed, tol=1e-6) -> bool:
    """Every finite value of ``got`` is close to some value of ``allowed`` (order, missing rows and
    the row-order check's other mistakes aside)."""
    got = got[np.isfinite(got)]
    if got.size == 0:
        return False
    gap = np.min(np.abs(got[:, None] - np.asarray(allowed)[None, :]), axis=1)
    return bool(np.all(gap <= tol * (1 + np.abs(got))))


def check_oof_preprocessing_fitted_per_fold(out_of_fold_predictions):
    """The preprocessing is fitted on each fold's training rows only (never on the test rows).

    Judged from the returned predictions: the stand-in ``fit_predict`` predicts from a fixed
    weighting of the features it gets, so its predictions change with any other scaling (least
    squares with an intercept would not). The calls it recorded (which the student's code could
    rewrite) only name the mistake."""
    for i, seed in enumerate(SEEDS):
        X, y, cv = _oof_problem(seed, classify=(i % 2 == 1))
        calls = []
        got = _call_oof(out_of_fold_predictions, _scale_sensitive_fit_predict(calls), X, y, cv, StandardScaler())
        want = ref.out_of_fold_predictions(_scale_sensitive_fit_predict(), X, y, cv, StandardScaler())
        if _each_close_to_one_of(got, np.concatenate([want, np.trunc(want)])):
            continue
        folds = list(cv.split(X, y))
        if len(calls) != len(folds):
            fail(f"fit_predict was called {len(calls)} times for a {len(folds)}-fold split: call it "
                 "once per fold.", mistake="calls_per_fold")
        for (train, test), (Z_train, _, Z_test) in zip(folds, calls):
            if len(Z_train) != len(train) or len(Z_test) != len(test):
                fail(f"fit_predict got {len(Z_train)} training and {len(Z_test)} test rows; the fold "
                     f"has {len(train)} and {len(test)}.", mistake="wrong_rows")
            scaler = StandardScaler().fit(X.iloc[train])
            want_train, want_test = scaler.transform(X.iloc[train]), scaler.transform(X.iloc[test])
            if np.allclose(Z_train, want_train, atol=1e-8) and np.allclose(Z_test, want_test, atol=1e-8):
                continue
            everything = StandardScaler().fit(X)
            if np.allclose(Z_train, everything.transform(X.iloc[train]), atol=1e-8):
                fail("the scaler was fitted on all rows, test rows included: fit a fresh copy "
                     "(sklearn.base.clone(preprocess)) on each fold's training rows only.",
                     mistake="scaler_on_all_rows")
            if np.allclose(Z_train, X.iloc[train].to_numpy(), atol=1e-8):
                fail("fit_predict received the raw features: transform them with the preprocessing "
                     "fitted on the fold's training rows.", mistake="no_preprocessing")
            if np.allclose(Z_test, StandardScaler().fit_transform(X.iloc[test]), atol=1e-8):
                fail("the test rows were scaled with their own mean and standard deviation: transform "
                     "them with the scaler fitted on the training rows.", mistake="test_scaled_alone")
            fail("the features passed to fit_predict are not the fold's rows transformed by a "
                 "preprocessing fitted on that fold's training rows.", mistake="preprocessing_differs")
        fail("the predictions are not those of features transformed by a preprocessing fitted on each "
             "fold's training rows only (fit a fresh copy, sklearn.base.clone(preprocess), on the fold's "
             "training rows, transform both parts, and return what fit_predict returns).",
             mistake="preprocessing_differs")
