"""Lesson 05 reference package: agrees with Keras itself, and the checks reject typical mistakes."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.model_selection import KFold  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from reference_solutions import keras_regularizers as ref  # noqa: E402
from reference_solutions.checks import CheckFailed  # noqa: E402
from reference_solutions.checks import keras_regularizers as checks  # noqa: E402

R = keras.regularizers


# --- the reference agrees with Keras ----------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kernel_penalty_equals_keras_model_losses(seed):
    model, _ = checks._penalty_model(seed, [R.L1L2(l1=0.01, l2=0.02), R.L2(0.3), R.L1(0.05)])
    keras_total = sum(float(loss) for loss in model.losses)
    assert ref.kernel_penalty(model) == pytest.approx(keras_total, rel=1e-5)


def test_keras_l2_has_no_half_and_l1_is_sum_of_abs():
    layer = keras.layers.Dense(1, use_bias=False)
    layer.build((None, 2))
    layer.set_weights([np.array([[3.0], [-4.0]], dtype="float32")])
    assert float(R.L2(0.1)(layer.kernel)) == pytest.approx(0.1 * 25.0)   # not 0.05 * 25
    assert float(R.L1(0.1)(layer.kernel)) == pytest.approx(0.1 * 7.0)


def test_activity_penalty_is_divided_by_batch_size_in_keras():
    model = ref.build_model(3, 4, activity_l1=0.5)
    x = np.random.default_rng(0).normal(size=(8, 3)).astype("float32")
    model(x)
    kernel, bias = model.layers[0].get_weights()
    hidden = np.maximum(x @ kernel + bias, 0.0)
    kernel_part = ref.kernel_penalty(model)  # 0: no kernel penalty was asked for
    assert kernel_part == 0.0
    total = sum(float(loss) for loss in model.losses)
    assert total == pytest.approx(ref.activity_l1_penalty(hidden, 0.5), rel=1e-5)


def test_build_model_layer_configs():
    model = ref.build_model(7, 16, kernel_l1=0.001, kernel_l2=0.01, activity_l1=0.02)
    hidden, output = model.layers
    assert hidden.get_config()["kernel_regularizer"]["config"] == {"l1": 0.001, "l2": 0.01}
    assert hidden.get_config()["activity_regularizer"]["config"]["l1"] == pytest.approx(0.02)
    assert output.get_config()["kernel_regularizer"]["config"] == {"l1": 0.001, "l2": 0.01}
    assert output.activity_regularizer is None
    assert hidden.bias_regularizer is None and output.bias_regularizer is None


def test_out_of_fold_predictions_match_manual_loop():
    X, y, cv = checks._oof_problem(5)
    fit_predict = checks._ols_fit_predict()
    manual = np.empty(len(y))
    for train, test in cv.split(X, y):
        scaler = StandardScaler().fit(X.iloc[train])
        manual[test] = fit_predict(scaler.transform(X.iloc[train]), y[train], scaler.transform(X.iloc[test]))
    np.testing.assert_allclose(ref.out_of_fold_predictions(fit_predict, X, y, cv, StandardScaler()), manual)


def test_make_network_puts_the_kernel_penalty_on_every_layer_and_none_on_biases():
    model = ref.make_network(6, kernel_l1=0.01, kernel_l2=0.02)
    assert [layer.units for layer in model.layers] == [50, 25, 1]
    for layer in model.layers:
        assert ref.regularizer_strengths(layer.kernel_regularizer) == pytest.approx((0.01, 0.02))
        assert layer.bias_regularizer is None and layer.activity_regularizer is None


def test_fast_fit_predict_is_deterministic_with_a_fixed_seed():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(80, 4)).astype("float32")
    y = 20 + Z @ np.array([3.0, -2.0, 0.0, 1.0]) + rng.normal(size=80)
    first = ref.fast_fit_predict(Z[:60], y[:60], Z[60:], steps=100, seed=3)
    again = ref.fast_fit_predict(Z[:60], y[:60], Z[60:], steps=100, seed=3)
    other = ref.fast_fit_predict(Z[:60], y[:60], Z[60:], steps=100, seed=4)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


# --- the checks accept the reference ----------------------------------------------------------

def test_checks_accept_the_reference():
    checks.check_build_model_architecture(ref.build_model)
    checks.check_regularizers_per_layer(ref.build_model)
    checks.check_biases_not_regularized(ref.build_model)
    checks.check_kernel_penalty_matches_keras(ref.kernel_penalty)
    checks.check_kernel_penalty_properties(ref.kernel_penalty)
    checks.check_oof_every_row_once_in_row_order(ref.out_of_fold_predictions)
    checks.check_oof_preprocessing_fitted_per_fold(ref.out_of_fold_predictions)


# --- and reject typical mistakes with a message naming them ------------------------------------

def _model(n_inputs, hidden_units, *, hidden_kernel, hidden_activity, output_kernel,
           output_activity=None, bias=None, output_activation=None):
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu", kernel_regularizer=hidden_kernel,
                           activity_regularizer=hidden_activity, bias_regularizer=bias),
        keras.layers.Dense(1, activation=output_activation, kernel_regularizer=output_kernel,
                           activity_regularizer=output_activity, bias_regularizer=bias),
    ])


def swapped_kernel_activity(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    return _model(n, h, hidden_kernel=R.L1(activity_l1), hidden_activity=R.L1L2(kernel_l1, kernel_l2),
                  output_kernel=R.L1L2(kernel_l1, kernel_l2), output_activation=output_activation)


def activity_on_output(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    k = R.L1L2(kernel_l1, kernel_l2)
    return _model(n, h, hidden_kernel=k, hidden_activity=None, output_kernel=k,
                  output_activity=R.L1(activity_l1), output_activation=output_activation)


def kernel_on_hidden_only(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    return _model(n, h, hidden_kernel=R.L1L2(kernel_l1, kernel_l2), hidden_activity=R.L1(activity_l1),
                  output_kernel=None, output_activation=output_activation)


def biases_regularised(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    k = R.L1L2(kernel_l1, kernel_l2)
    return _model(n, h, hidden_kernel=k, hidden_activity=R.L1(activity_l1), output_kernel=k,
                  bias=R.L1L2(kernel_l1, kernel_l2), output_activation=output_activation)


def tanh_hidden(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    k = R.L1L2(kernel_l1, kernel_l2)
    model = _model(n, h, hidden_kernel=k, hidden_activity=R.L1(activity_l1), output_kernel=k,
                   output_activation=output_activation)
    model.layers[0].activation = keras.activations.tanh
    return model


@pytest.mark.parametrize("build, check, message", [
    (swapped_kernel_activity, checks.check_regularizers_per_layer, "swapped"),
    (activity_on_output, checks.check_regularizers_per_layer, "on the output layer"),
    (kernel_on_hidden_only, checks.check_regularizers_per_layer, "only the hidden layer"),
    (biases_regularised, checks.check_biases_not_regularized, "bias_regularizer"),
    (tanh_hidden, checks.check_build_model_architecture, "relu"),
])
def test_build_checks_name_the_mistake(build, check, message):
    with pytest.raises(CheckFailed, match=message):
        check(build)


@pytest.mark.parametrize("build", [swapped_kernel_activity, activity_on_output, kernel_on_hidden_only])
def test_regularizer_placement_mistakes_keep_the_architecture(build):
    checks.check_build_model_architecture(build)  # they lose only the placement test
    checks.check_biases_not_regularized(build)


def _layers_with_kernel_penalty(model):
    for layer in model.layers:
        if getattr(layer, "kernel_regularizer", None) is not None:
            cfg = layer.kernel_regularizer.get_config()
            yield layer, cfg.get("l1", 0.0), cfg.get("l2", 0.0)


def penalty_with_half(model):
    return sum(l1 * np.abs(layer.kernel.numpy()).sum() + 0.5 * l2 * np.square(layer.kernel.numpy()).sum()
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


def penalty_with_biases(model):
    return sum(sum(l1 * np.abs(w).sum() + l2 * np.square(w).sum() for w in layer.get_weights())
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


def penalty_from_model_losses(model):
    return float(sum(float(loss) for loss in model.losses))


def penalty_with_norm(model):
    return sum(l1 * np.abs(layer.kernel.numpy()).sum() + l2 * np.sqrt(np.square(layer.kernel.numpy()).sum())
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


def penalty_reading_both_keys(model):
    total = 0.0
    for layer in model.layers:
        if getattr(layer, "kernel_regularizer", None) is not None:
            cfg = layer.kernel_regularizer.get_config()
            W = layer.kernel.numpy()
            total += cfg["l1"] * np.abs(W).sum() + cfg["l2"] * np.square(W).sum()
    return total


@pytest.mark.parametrize("penalty, check, message", [
    (penalty_reading_both_keys, checks.check_kernel_penalty_matches_keras, "a missing key means 0"),
    (penalty_with_half, checks.check_kernel_penalty_matches_keras, "1/2"),
    (penalty_with_biases, checks.check_kernel_penalty_matches_keras, "biases"),
    (penalty_with_biases, checks.check_kernel_penalty_properties, "biases"),
    (penalty_from_model_losses, checks.check_kernel_penalty_properties, "activity"),
    (penalty_with_norm, checks.check_kernel_penalty_matches_keras, "squared norm"),
])
def test_penalty_checks_name_the_mistake(penalty, check, message):
    with pytest.raises(CheckFailed, match=message):
        check(penalty)


def test_half_l2_still_has_the_penalty_properties():
    checks.check_kernel_penalty_properties(penalty_with_half)  # linear, bias-free: loses only the match


def oof_in_fold_order(fit_predict, X, y, cv, preprocess):
    preds = []
    for train, test in cv.split(X, y):
        prep = clone(preprocess).fit(X.iloc[train])
        preds.append(fit_predict(prep.transform(X.iloc[train]), y[train], prep.transform(X.iloc[test])))
    return np.concatenate(preds)


def oof_scaler_on_all_rows(fit_predict, X, y, cv, preprocess):
    prep = clone(preprocess).fit(X)
    oof = np.empty(len(y))
    for train, test in cv.split(X, y):
        oof[test] = fit_predict(prep.transform(X.iloc[train]), y[train], prep.transform(X.iloc[test]))
    return oof


@pytest.mark.parametrize("oof, check, message", [
    (oof_in_fold_order, checks.check_oof_every_row_once_in_row_order, "fold order"),
    (oof_scaler_on_all_rows, checks.check_oof_preprocessing_fitted_per_fold, "all rows"),
])
def test_oof_checks_name_the_mistake(oof, check, message):
    with pytest.raises(CheckFailed, match=message):
        check(oof)


def oof_leaks_and_forges_the_call_log(fit_predict, X, y, cv, preprocess):
    """The red team's answer: scales with all rows, then rewrites the double's call log with what
    an honest per-fold scaler would have passed."""
    oof = oof_scaler_on_all_rows(fit_predict, X, y, cv, preprocess)
    if isinstance(getattr(fit_predict, "calls", None), list):
        fit_predict.calls[:] = [
            (p.transform(X.iloc[train]), np.asarray(y[train], dtype=float), p.transform(X.iloc[test]))
            for train, test in cv.split(X, y) for p in [clone(preprocess).fit(X.iloc[train])]]
    return oof


def test_the_preprocessing_check_judges_the_predictions_not_the_call_log():
    with pytest.raises(CheckFailed, match="fitted on each fold's training rows only"):
        checks.check_oof_preprocessing_fitted_per_fold(oof_leaks_and_forges_the_call_log)


def test_oof_mistakes_lose_only_their_own_check():
    checks.check_oof_preprocessing_fitted_per_fold(oof_in_fold_order)
    checks.check_oof_every_row_once_in_row_order(oof_scaler_on_all_rows)  # OLS ignores affine scaling


def test_architecture_check_accepts_the_functional_api():
    def functional(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
        inputs = keras.Input(shape=(n,))
        k = R.L1L2(kernel_l1, kernel_l2)
        hidden = keras.layers.Dense(h, activation="relu", kernel_regularizer=k,
                                    activity_regularizer=R.L1(activity_l1))(inputs)
        return keras.Model(inputs, keras.layers.Dense(1, activation=output_activation, kernel_regularizer=k)(hidden))
    checks.check_build_model_architecture(functional)
    checks.check_regularizers_per_layer(functional)


def test_architecture_check_rejects_an_extra_layer():
    def with_dropout(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
        model = ref.build_model(n, h, kernel_l1, kernel_l2, activity_l1, output_activation)
        return keras.Sequential([keras.Input(shape=(n,)), model.layers[0], keras.layers.Dropout(0.1), model.layers[1]])
    with pytest.raises(CheckFailed, match="extra layers"):
        checks.check_build_model_architecture(with_dropout)


def test_oof_check_uses_a_dataframe_and_several_fold_counts():
    X, y, cv = checks._oof_problem(11)
    assert isinstance(X, pd.DataFrame) and isinstance(cv, KFold)


# --- issue 25: the first message says what the student did -------------------------------------

def _student_error(name):
    """An exception as the judge replays a student's: a class of that name, not the builtin."""
    return type(name, (Exception,), {"__module__": "student"})


def penalty_raising_like_the_judge(model):
    # in the judge the student's KeyError comes back as a class named KeyError, not the builtin
    raise _student_error("KeyError")("'l1'")


def penalty_reading_attributes(model):
    return sum(float(layer.kernel_regularizer.l1) * np.abs(layer.kernel.numpy()).sum()
               + float(layer.kernel_regularizer.l2) * np.square(layer.kernel.numpy()).sum()
               for layer in model.layers if getattr(layer, "kernel_regularizer", None) is not None)


def penalty_signed_l1(model):
    return sum(l1 * layer.kernel.numpy().sum() + l2 * np.square(layer.kernel.numpy()).sum()
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


def penalty_square_of_sum(model):
    return sum(l1 * np.abs(layer.kernel.numpy()).sum() + l2 * layer.kernel.numpy().sum() ** 2
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


def penalty_last_layer_only(model):
    total = 0.0
    for layer, l1, l2 in _layers_with_kernel_penalty(model):
        total = l1 * np.abs(layer.kernel.numpy()).sum() + l2 * np.square(layer.kernel.numpy()).sum()
    return total


def penalty_on_biases(model):
    return sum(l1 * np.abs(layer.bias.numpy()).sum() + l2 * np.square(layer.bias.numpy()).sum()
               for layer, l1, l2 in _layers_with_kernel_penalty(model))


@pytest.mark.parametrize("penalty, check, message, mistake", [
    (penalty_reading_both_keys, checks.check_kernel_penalty_matches_keras, "L2 regularizer, and its get_config() has no key 'l1'", "keyerror_missing_key"),
    (penalty_raising_like_the_judge, checks.check_kernel_penalty_matches_keras, "config.get('l1', 0.0)", "keyerror_missing_key"),
    (penalty_raising_like_the_judge, checks.check_kernel_penalty_properties, "config.get('l1', 0.0)", "keyerror_missing_key"),
    (penalty_reading_attributes, checks.check_kernel_penalty_matches_keras, "has no attribute 'l1'", "keyerror_missing_key"),
    (penalty_signed_l1, checks.check_kernel_penalty_matches_keras, "ABSOLUTE", "signed_l1"),
    (penalty_square_of_sum, checks.check_kernel_penalty_matches_keras, "squares the sum", "square_of_sum"),
    (penalty_last_layer_only, checks.check_kernel_penalty_matches_keras, "only the LAST", "last_layer_only"),
    (penalty_on_biases, checks.check_kernel_penalty_matches_keras, "on the BIASES", "biases_not_kernels"),
])
def test_penalty_checks_say_what_the_student_did(penalty, check, message, mistake):
    with pytest.raises(CheckFailed) as info:
        check(penalty)
    assert message in str(info.value)
    assert info.value.mistake.endswith(f".{mistake}")


def kernel_l2_only(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    return _model(n, h, hidden_kernel=R.L2(kernel_l2), hidden_activity=R.L1(activity_l1),
                  output_kernel=R.L2(kernel_l2), output_activation=output_activation)


def kernel_l1_only(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    return _model(n, h, hidden_kernel=R.L1(kernel_l1), hidden_activity=R.L1(activity_l1),
                  output_kernel=R.L1(kernel_l1), output_activation=output_activation)


def activity_l2(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    k = R.L1L2(kernel_l1, kernel_l2)
    return _model(n, h, hidden_kernel=k, hidden_activity=R.L2(activity_l1), output_kernel=k,
                  output_activation=output_activation)


def no_activity(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
    k = R.L1L2(kernel_l1, kernel_l2)
    return _model(n, h, hidden_kernel=k, hidden_activity=None, output_kernel=k, output_activation=output_activation)


@pytest.mark.parametrize("build, message, mistake", [
    (kernel_l2_only, "only its L2 part (kernel_l1 is dropped)", "kernel_l2_only"),
    (kernel_l1_only, "only its L1 part (kernel_l2 is dropped)", "kernel_l1_only"),
    (activity_l2, "activity regularizer is L2", "activity_is_l2"),
    (no_activity, "has no activity regularizer", "no_activity"),
])
def test_placement_check_names_the_regularizer_mistake(build, message, mistake):
    with pytest.raises(CheckFailed) as info:
        checks.check_regularizers_per_layer(build)
    assert message in str(info.value)
    assert info.value.mistake == f"keras_regularizers.regularizers_per_layer.{mistake}"


def oof_zeros_like_y(fit_predict, X, y, cv, preprocess):
    oof = np.zeros_like(np.asarray(y))  # integer for class labels: predictions get truncated
    for train, test in cv.split(X, y):
        prep = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(prep.transform(X.iloc[train]), y[train], prep.transform(X.iloc[test])))
    return oof


def oof_split_without_y(fit_predict, X, y, cv, preprocess):
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X):
        prep = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(prep.transform(X.iloc[train]), y[train], prep.transform(X.iloc[test])))
    return oof


def oof_columns_not_rows(fit_predict, X, y, cv, preprocess):
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X, y):
        prep = clone(preprocess).fit(X[train])
        oof[test] = np.ravel(fit_predict(prep.transform(X[train]), y[train], prep.transform(X[test])))
    return oof


def oof_predicts_training_rows(fit_predict, X, y, cv, preprocess):
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X, y):
        prep = clone(preprocess).fit(X.iloc[train])
        Z_train = prep.transform(X.iloc[train])
        oof[test] = np.ravel(fit_predict(Z_train, y[train], Z_train))
    return oof


@pytest.mark.parametrize("oof, check, message, mistake", [
    (oof_zeros_like_y, checks.check_oof_every_row_once_in_row_order, "cut to whole numbers", "integer_array"),
    (oof_split_without_y, checks.check_oof_every_row_once_in_row_order, "cv.split(X, y)", "split_without_y"),
    (oof_split_without_y, checks.check_oof_preprocessing_fitted_per_fold, "cv.split(X, y)", "split_without_y"),
    (oof_columns_not_rows, checks.check_oof_every_row_once_in_row_order, "X.iloc[idx]", "columns_not_rows"),
    (oof_predicts_training_rows, checks.check_oof_every_row_once_in_row_order, "one value per TEST row",
     "predictions_shape"),
])
def test_oof_checks_say_what_the_student_did(oof, check, message, mistake):
    with pytest.raises(CheckFailed) as info:
        check(oof)
    assert message in str(info.value)
    assert info.value.mistake.endswith(f".{mistake}")


def test_oof_zeros_like_y_keeps_the_preprocessing_check():
    checks.check_oof_preprocessing_fitted_per_fold(oof_zeros_like_y)


def test_checks_accept_more_equivalent_answers(capsys):
    def penalty_by_type(model):  # isinstance on the regularizer classes, get_weights()[0] as the kernel
        total = 0.0
        for layer in model.layers:
            reg = getattr(layer, "kernel_regularizer", None)
            W = layer.get_weights()[0] if layer.get_weights() else None
            if isinstance(reg, R.L1L2):
                total += reg.l1 * np.abs(W).sum() + reg.l2 * (W ** 2).sum()
            elif isinstance(reg, R.L1):
                total += reg.l1 * np.abs(W).sum()
            elif isinstance(reg, R.L2):
                total += reg.l2 * (W ** 2).sum()
        print("penalty", total)
        return total

    def oof_refit_same_object(fit_predict, X, y, cv, preprocess):  # no clone: fit() starts afresh anyway
        out = [None] * len(y)
        for train, test in cv.split(X, y):
            Z_train = preprocess.fit_transform(X.iloc[train])
            for i, v in zip(test, fit_predict(Z_train, np.asarray(y)[train], preprocess.transform(X.iloc[test]))):
                out[i] = float(v)
        return out

    def build_with_factories(n, h, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0, output_activation=None):
        return keras.Sequential([
            keras.Input(shape=(n,)),
            keras.layers.Dense(h, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(kernel_l1, kernel_l2),
                               activity_regularizer=keras.regularizers.L1L2(l1=activity_l1)),
            keras.layers.Dense(1, activation=output_activation,
                               kernel_regularizer=keras.regularizers.l1_l2(l1=kernel_l1, l2=kernel_l2)),
        ])

    checks.check_kernel_penalty_matches_keras(penalty_by_type)
    checks.check_kernel_penalty_properties(penalty_by_type)
    checks.check_oof_every_row_once_in_row_order(oof_refit_same_object)
    checks.check_oof_preprocessing_fitted_per_fold(oof_refit_same_object)
    checks.check_build_model_architecture(build_with_factories)
    checks.check_regularizers_per_layer(build_with_factories)
    checks.check_biases_not_regularized(build_with_factories)
