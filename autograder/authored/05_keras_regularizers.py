# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 05 — Keras L1/L2 regularizers with K-fold cross-validation
#
# Lessons 02–04 penalised the weights of linear models. A neural network has one weight
# matrix per layer, and Keras lets you attach a penalty to each layer separately. This lesson
# shows exactly what those penalties add to the loss, how to estimate a network's
# out-of-sample error honestly with K-fold cross-validation, how much of what you see is
# run-to-run noise, and what L1 and L2 do to the weights.
#
# **Notation.** A Dense layer computes $h = \mathrm{act}(xW + b)$: $W$ is its *kernel*
# (weight matrix), $b$ its bias vector, $h$ its output (*activations*). Keras minimises the
# batch mean of the data loss plus every penalty:
#
# $$\frac1n\sum_{i=1}^n \ell(y_i, \hat y_i) \;+\; \sum_{\text{layers}} \text{penalties}.$$
#
# **Exercises** (graded by nbgrader): 1. a model with given regularizers per layer;
# 2. its penalty computed by hand; 3. out-of-fold predictions. Each exercise says what to
# write and gives a hint; run the test cell below it. The grader runs more tests than you see.
#
# **Speed.** Every network here trains in about a second or less on a laptop CPU. Section 6
# explains the recipe. Importing TensorFlow and Keras (the next cell) takes about 4 to 7 s on a
# 2-core laptop; the cells that train many networks say how long they take.

# %%
import os
import time

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # TensorFlow: show errors only, not its info logs

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import accuracy_score, log_loss, root_mean_squared_error
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy
from lessonkit.keras_lesson import training_curves, weight_histograms  # imports TensorFlow quietly

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)                   # seeds Python, NumPy and TensorFlow at once
tf.config.experimental.enable_op_determinism()   # same ops, same order, same result (section 7)
print(f"Keras {keras.__version__} on the {keras.backend.backend()} backend")

# %% [markdown]
# ## 1. Two data sets
#
# - **Classification:** the Wisconsin breast cancer data that ships with scikit-learn
#   (`load_breast_cancer`, no download): 30 measurements of cell nuclei per tumour, target
#   1 = benign, 0 = malignant.
# - **Regression:** Auto MPG, as in lessons 01–04 (`origin` one-hot encoded), so the
#   errors can be compared with the linear models there.

# %%
cancer = load_breast_cancer(as_frame=True)
X_cancer, y_cancer = cancer.data, cancer.target.to_numpy()
X_mpg, y_mpg_series = auto_mpg_xy()
y_mpg = y_mpg_series.to_numpy()
print(f"breast cancer: {X_cancer.shape[0]} tumours x {X_cancer.shape[1]} features, "
      f"{y_cancer.mean():.1%} benign")
print(f"Auto MPG: {X_mpg.shape[0]} cars, inputs {list(X_mpg.columns)}")

# %% [markdown]
# ## 2. Exercise 1 — regularizers are attached per layer
#
# Every Keras layer with weights takes three optional penalties:
#
# | argument | penalises | what it adds to the loss (for `L1(l1)` / `L2(l2)`) |
# |---|---|---|
# | `kernel_regularizer` | the weight matrix $W$ | $l_1\sum\lvert W\rvert$ / $l_2\sum W^2$ |
# | `bias_regularizer` | the bias $b$ | off by default (`None`) |
# | `activity_regularizer` | the layer's outputs $h$ on the batch | $l_1\sum\lvert h\rvert\,/\,\text{batch size}$ |
#
# `keras.regularizers.L1L2(l1=..., l2=...)` adds both kernel terms. Note: **no factor 1/2**
# in front of the L2 term (PyTorch's `weight_decay` and many textbooks use $\frac\lambda2\lVert W\rVert^2$).
#
# *Why are biases left alone?* A bias only shifts a unit's output; it does not make the
# function wigglier. Penalising it pulls predictions towards 0 (a 23 mpg car is not "simpler"
# than a 0 mpg one), which is why Keras, scikit-learn and lessons 02–04 leave it unpenalised.
#
# *Kernel vs activity.* A kernel penalty shrinks the *weights*, whatever the data. An activity
# penalty pushes the *outputs* of a layer towards 0 on the data it sees (sparse activations);
# it depends on the inputs, and it is a different regulariser. The two are easy to swap by
# accident: a popular course notebook uses `activity_regularizer` under text that talks about
# weight penalties.
#
# Write `build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
# output_activation=None)` returning a `keras.Sequential`:
#
# 1. `keras.Input(shape=(n_inputs,))`;
# 2. a hidden `Dense(hidden_units, activation="relu")` with
#    `kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)` and
#    `activity_regularizer=keras.regularizers.L1(activity_l1)`;
# 3. an output `Dense(1, activation=output_activation)` with the **same kernel** penalty and
#    **no** activity penalty.
#
# No `bias_regularizer` anywhere. Where a strength is 0 you may pass `None` instead of that
# regularizer: neither adds anything to the loss, but a regularizer of strength 0 still lists a
# 0.0 entry in `model.losses` (section 3), and `None` lists none. *Hint:* pass the regularizers
# as keyword arguments of `keras.layers.Dense`.

# %% nbgrader={"grade": false, "grade_id": "answer_build_model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    """Input -> Dense(hidden_units, relu) -> Dense(1); kernel penalty on both, activity L1 on the hidden layer."""
    ### BEGIN SOLUTION
    def kernel_penalty_term():
        return keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)

    network = keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu", kernel_regularizer=kernel_penalty_term(),
                           activity_regularizer=keras.regularizers.L1(activity_l1) if activity_l1 else None),
        keras.layers.Dense(1, activation=output_activation, kernel_regularizer=kernel_penalty_term()),
    ])
    return network
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "model_is_input_relu_dense_output", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_build_model_architecture", "build_model")
### END HIDDEN TESTS
model_check = build_model(5, 12, kernel_l1=0.01, kernel_l2=0.02, activity_l1=0.03, output_activation="sigmoid")
# A Sequential model lists its Dense layers; a functional one (keras.Model(inputs, outputs)) lists its Input too.
dense_check = [layer for layer in model_check.layers if type(layer).__name__ != "InputLayer"]
assert [type(layer).__name__ for layer in dense_check] == ["Dense", "Dense"], "Input -> Dense -> Dense"
assert tuple(model_check.inputs[0].shape) == (None, 5), "keras.Input(shape=(n_inputs,))"
assert dense_check[0].units == 12 and dense_check[1].units == 1
assert model_check(np.ones((4, 5), dtype="float32")).shape == (4, 1)

# %% nbgrader={"grade": true, "grade_id": "kernel_and_activity_regularizers_on_the_right_layers", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_regularizers_per_layer", "build_model")
### END HIDDEN TESTS
# Read the regularizers back from each Dense layer's config (what Keras will save and reload).
model_reg = build_model(5, 12, kernel_l1=0.01, kernel_l2=0.02, activity_l1=0.03)
hidden_config, output_config = (layer.get_config() for layer in model_reg.layers
                                if type(layer).__name__ != "InputLayer")
assert hidden_config["kernel_regularizer"] is not None, "the hidden layer needs a kernel_regularizer"
assert hidden_config["activity_regularizer"] is not None, "the hidden layer needs an activity_regularizer"
assert output_config["kernel_regularizer"] is not None, "the output layer needs a kernel_regularizer"
assert output_config.get("activity_regularizer") is None, "the output layer has no activity_regularizer"


def strengths(serialized):
    """(l1, l2) of a regularizer as a layer's config stores it ({"class_name": ..., "config": {...}})."""
    config = serialized["config"]
    return (config.get("l1", 0.0), config.get("l2", 0.0))


for where, config in (("hidden", hidden_config), ("output", output_config)):
    assert np.allclose(strengths(config["kernel_regularizer"]), (0.01, 0.02)), \
        f"the {where} layer's kernel penalty should be L1L2(l1=0.01, l2=0.02), got (l1, l2) = {strengths(config['kernel_regularizer'])}"
assert np.allclose(strengths(hidden_config["activity_regularizer"]), (0.03, 0.0)), \
    f"the activity penalty should be L1(0.03), got (l1, l2) = {strengths(hidden_config['activity_regularizer'])}"

# %% nbgrader={"grade": true, "grade_id": "biases_not_regularized", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_biases_not_regularized", "build_model")
### END HIDDEN TESTS
model_bias = build_model(5, 12, kernel_l1=0.01, kernel_l2=0.02, activity_l1=0.03)
assert all(layer.get_config().get("bias_regularizer") is None for layer in model_bias.layers), \
    "leave bias_regularizer at None"

# %% [markdown]
# ## 3. Reading the penalties from `model.losses`
#
# Keras collects every penalty in `model.losses`. Kernel penalties depend only on the weights,
# so they are there as soon as the model exists. An activity penalty needs a batch of inputs:
# it appears after the model has been *called* on data (`model(x)`, an eager call; do not read
# it right after `fit`, which runs in a compiled graph).
#
# Below, three networks share the same starting weights: one with a kernel penalty only, one
# with an activity penalty only, one with both. Their biases are set to nonzero values, so a
# penalty that wrongly included them would show up in the hand computation.

# %%
x_demo = np.random.default_rng(1).normal(size=(8, 4)).astype("float32")
variants = {"kernel L2(0.01) only": dict(kernel_l2=0.01),
            "activity L1(0.05) only": dict(activity_l1=0.05),
            "both": dict(kernel_l2=0.01, activity_l1=0.05)}
demo_models = {}
for name, strengths in variants.items():
    keras.utils.set_random_seed(1)
    demo_models[name] = build_model(4, 6, **strengths)
    for layer in demo_models[name].layers:
        kernel, bias = layer.get_weights()
        layer.set_weights([kernel, np.full_like(bias, 0.5)])
    before = [float(v) for v in demo_models[name].losses]
    demo_models[name](x_demo)
    after = [float(v) for v in demo_models[name].losses]
    print(f"{name:24s} model.losses before the call: {np.round(before, 5).tolist()}, "
          f"after model(x): {np.round(after, 5).tolist()}")

both = demo_models["both"]
W1, b1 = both.layers[0].get_weights()
W2, _ = both.layers[1].get_weights()
h = np.maximum(x_demo @ W1 + b1, 0.0)  # the hidden layer's outputs on this batch
print(f"by hand: kernel 0.01*sum(W1^2) = {0.01 * np.sum(W1 ** 2):.5f}, 0.01*sum(W2^2) = "
      f"{0.01 * np.sum(W2 ** 2):.5f}; activity 0.05*sum|h|/batch = {0.05 * np.abs(h).sum() / len(x_demo):.5f} "
      f"(without dividing by the batch size: {0.05 * np.abs(h).sum():.5f})")

# %% [markdown]
# **What the printout shows.** Before the call only the kernel penalties are listed, one per
# layer; after `model(x)` the activity penalty joins them. In the "activity only" network both
# kernel regularizers have strength 0, and each still lists a 0.0 entry. (Your `build_model` may
# list these differently: `None` for a zero strength lists no entry, and an `L1(0.0)` activity
# regularizer adds a 0.0 entry after the call.) The hand computation matches Keras: L2 adds
# $l_2\sum W^2$ with no 1/2, and the activity term is $l_1\sum\lvert h\rvert$ divided by the
# batch size (8 here), so it measures the average activation per example.
#
# ## 4. Exercise 2 — the kernel penalty by hand
#
# Write `kernel_penalty(model)`: for every layer that has a `kernel_regularizer`, read its
# strengths from `layer.kernel_regularizer.get_config()` (a dict with key `"l1"`, `"l2"` or both;
# a missing key means 0) and add $l_1\sum\lvert W\rvert + l_2\sum W^2$ with
# `W = layer.kernel.numpy()`. Return a float. Leave out biases and activity penalties: this is
# the part of the penalty that depends on the weights alone.
#
# *Hint:* `getattr(layer, "kernel_regularizer", None)` is `None` for layers without one.

# %% nbgrader={"grade": false, "grade_id": "answer_kernel_penalty", "locked": false, "schema_version": 3, "solution": true, "task": false}
def kernel_penalty(model):
    """sum over layers with a kernel_regularizer of l1*sum|W| + l2*sum(W**2); biases excluded."""
    ### BEGIN SOLUTION
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is None:
            continue
        config = regularizer.get_config()
        W = layer.kernel.numpy().astype(float)
        total += config.get("l1", 0.0) * np.abs(W).sum() + config.get("l2", 0.0) * np.square(W).sum()
    return float(total)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kernel_penalty_matches_model_losses", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_kernel_penalty_matches_keras", "kernel_penalty")
### END HIDDEN TESTS
# With kernel penalties only (and nonzero biases), kernel_penalty(model) must equal what Keras adds up.
keras.utils.set_random_seed(2)
kernel_only = keras.Sequential([keras.Input(shape=(3,)),
                                keras.layers.Dense(4, activation="relu", kernel_regularizer=keras.regularizers.L2(0.02),
                                                   bias_initializer="ones"),
                                keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1(0.01), bias_initializer="ones")])
keras_total = float(sum(float(v) for v in kernel_only.losses))
assert keras_total > 0
assert np.isclose(kernel_penalty(kernel_only), keras_total, rtol=1e-5), \
    f"kernel_penalty gives {kernel_penalty(kernel_only):.6g}, model.losses add up to {keras_total:.6g}"

# %% nbgrader={"grade": true, "grade_id": "kernel_penalty_ignores_biases_and_activity", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_kernel_penalty_properties", "kernel_penalty")
### END HIDDEN TESTS
# Two networks with the same kernels; one also has an activity penalty, and was called on data
# (so its model.losses holds that penalty). kernel_penalty must not see the difference, nor the biases.
def two_layer_net(activity=None):
    return keras.Sequential([keras.Input(shape=(3,)),
                             keras.layers.Dense(4, activation="relu", kernel_regularizer=keras.regularizers.L2(0.02),
                                                activity_regularizer=activity),
                             keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1(0.01))])


plain, with_activity = two_layer_net(), two_layer_net(keras.regularizers.L1(0.5))
with_activity.set_weights(plain.get_weights())
with_activity(np.ones((5, 3), dtype="float32"))
assert len(with_activity.losses) == 3, "two kernel penalties and one activity penalty"
assert kernel_penalty(plain) > 0
assert np.isclose(kernel_penalty(with_activity), kernel_penalty(plain), rtol=1e-6), "leave the activity penalty out"
plain.set_weights([w + 1.0 if w.ndim == 1 else w for w in plain.get_weights()])  # move the biases only
assert np.isclose(kernel_penalty(with_activity), kernel_penalty(plain), rtol=1e-6), "leave the biases out"

# %% [markdown]
# ## 5. Exercise 3 — out-of-fold predictions
#
# K-fold cross-validation splits the rows into K folds; each fold is predicted once by a model
# trained on the other K−1. Collecting those predictions gives an **out-of-fold** prediction for
# every row, from a model that never saw it, and one overall out-of-sample score.
#
# Write `out_of_fold_predictions(fit_predict, X, y, cv, preprocess)`:
#
# - `X` is a pandas DataFrame (take rows with `X.iloc[idx]`), `y` a NumPy array;
# - `cv` is a scikit-learn splitter (`KFold` or `StratifiedKFold`): loop over `cv.split(X, y)`;
# - `preprocess` is an *unfitted* scikit-learn transformer: for each fold fit a fresh copy,
#   `clone(preprocess).fit(...)`, on the **training rows of `X` only** (the features alone, no
#   `y`: scaling and one-hot encoding do not use it), and transform both parts;
# - `fit_predict(Z_train, y_train, Z_test)` trains a model and returns predictions for `Z_test`;
# - return an array of shape `(n,)` whose entry `i` is the prediction for row `i`
#   (store each fold's predictions at its test positions, not one after the other).
#
# *Why per fold?* A scaler fitted on all rows has seen the test rows' means and spreads: a
# small leak, but a leak, and the habit matters when the preprocessing learns more.

# %% nbgrader={"grade": false, "grade_id": "answer_out_of_fold_predictions", "locked": false, "schema_version": 3, "solution": true, "task": false}
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    """One out-of-fold prediction per row of X, in row order."""
    ### BEGIN SOLUTION
    y = np.asarray(y)
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X, y):
        fitted = clone(preprocess).fit(X.iloc[train])
        oof[test] = np.ravel(fit_predict(fitted.transform(X.iloc[train]), y[train],
                                         fitted.transform(X.iloc[test])))
    return oof
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "oof_predicts_every_row_once_in_row_order", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_oof_every_row_once_in_row_order", "out_of_fold_predictions")
### END HIDDEN TESTS
# A "model" that predicts the training mean: row i must get the mean of y outside its own fold.
X_toy = pd.DataFrame({"a": np.arange(12.0), "b": np.arange(12.0) ** 2})
y_toy = np.arange(12) * 10  # integers, like class labels: the predictions (means) are not
cv_toy = KFold(n_splits=4, shuffle=True, random_state=0)
oof_toy = out_of_fold_predictions(lambda Z_tr, y_tr, Z_te: np.full(len(Z_te), y_tr.mean()),
                                  X_toy, y_toy, cv_toy, StandardScaler())
assert np.shape(oof_toy) == (12,), f"expected shape (12,), got {np.shape(oof_toy)}"
for train_rows, test_rows in cv_toy.split(X_toy):
    assert np.allclose(oof_toy[test_rows], y_toy[train_rows].mean()), "row order: oof[test] = predictions"
# Class labels with StratifiedKFold, as for the tumours: the splitter needs y to stratify.
labels_toy = np.array([0, 1] * 6)
oof_labels = out_of_fold_predictions(lambda Z_tr, y_tr, Z_te: np.full(len(Z_te), y_tr.mean()), X_toy, labels_toy,
                                     StratifiedKFold(n_splits=3, shuffle=True, random_state=0), StandardScaler())
assert np.allclose(oof_labels, 0.5), "with StratifiedKFold each training part is half 0s, half 1s: call cv.split(X, y)"

# %% nbgrader={"grade": true, "grade_id": "oof_preprocessing_fitted_per_fold", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("keras_regularizers.check_oof_preprocessing_fitted_per_fold", "out_of_fold_predictions")
### END HIDDEN TESTS
# Record what fit_predict receives: scaled on the fold's training rows, each training block has mean 0.
seen = []
out_of_fold_predictions(lambda Z_tr, y_tr, Z_te: seen.append(Z_tr) or np.zeros(len(Z_te)),
                        X_toy, y_toy, cv_toy, StandardScaler())
assert len(seen) == 4, "fit_predict should be called once per fold"
assert all(np.allclose(Z.mean(axis=0), 0.0) for Z in seen), "fit the scaler on the training rows of each fold"

# %% [markdown]
# ## 6. Training fast: the recipe
#
# The usual classroom version of this lesson trains 5 folds × 500 epochs of mini-batches of 32
# and takes minutes. Most of that time is not arithmetic: Keras does bookkeeping at the end of
# every epoch (callbacks, logs, a new pass over the data), and 500 epochs pay it 500 times per
# fold. The network we train is the classroom one — two hidden layers of 50 and 25 ReLU units,
# a kernel penalty on every layer — but fed differently:
#
# - **a fixed budget of 700 Adam steps** (learning rate 0.002) on shuffled **mini-batches of
#   64** of the fold's training rows: about 140 passes over the data instead of 500;
# - **`tf.data`** serves the batches: `Dataset.from_tensor_slices((Z, y)).shuffle(...).batch(64).repeat()`
#   is an endless stream of shuffled batches;
# - **`steps_per_execution=50`** runs 50 steps per compiled call, and `steps_per_epoch=50`
#   makes one Keras "epoch" 50 steps, so the per-epoch bookkeeping happens 14 times, not 500;
# - the regression network's output bias starts at the mean mpg, so no steps are spent
#   learning the average;
# - **one compiled network per configuration.** The first `fit` of a Keras model *traces* its
#   training step into a TensorFlow graph, and for a network this small that is a large part of
#   a whole run (the cell after the definitions times a first and a second run). `train`
#   therefore compiles one network per configuration (task, number of inputs, penalty
#   strengths) and reuses it: each run copies in starting weights drawn with its own seed,
#   resets Adam's step count and moment estimates, trains, and returns the trained weights in a
#   model of its own. Nothing carries over from one run to the next (section 8 re-runs a seed
#   after four other runs and gets an identical result);
# - held-out rows for training curves (`monitor`) are scored by a small callback,
#   `HeldOutLoss`, with one forward pass every 50 steps, instead of `validation_data`, which
#   would trace a second graph for every configuration.
#
# *Why no early stopping?* Early stopping needs rows held out of each training fold. On a few
# hundred cars, the 20 % held out costs more accuracy than stopping saves; here the budget was
# chosen once from training curves like those in section 10, and every fold trains on all its
# rows for the same number of steps. (`autograder/benchmarks/bench_05_keras.py` in the course
# repository times the classroom setting, this recipe without the reuse of compiled networks
# described below, and an early-stopping variant, on the same folds.)
#
# `make_network` below is `build_model`'s bigger sibling: the same per-layer kernel penalty,
# two hidden layers, no activity penalty.

# %%
STEPS, STEPS_PER_CALL = 700, 50


def make_network(n_inputs, kernel_l1=0.0, kernel_l2=0.0, output_activation=None, hidden_units=(50, 25)):
    """Input -> Dense(50, relu) -> Dense(25, relu) -> Dense(1); L1L2 kernel penalty on every layer."""
    layers = [keras.Input(shape=(n_inputs,))]
    for units in hidden_units:
        layers.append(keras.layers.Dense(units, activation="relu",
                                         kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)))
    layers.append(keras.layers.Dense(1, activation=output_activation,
                                     kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)))
    return keras.Sequential(layers)


def predict(model, Z):
    return model(np.asarray(Z, dtype="float32")).numpy().ravel()


compiled_networks = {}  # (task, n_inputs, kernel_l1, kernel_l2) -> (compiled network, Adam's starting state)


def compiled_network(task, n_inputs, kernel_l1, kernel_l2):
    """The network for this configuration, compiled once (Keras traces its training step once)."""
    key = (task, n_inputs, kernel_l1, kernel_l2)
    if key not in compiled_networks:
        classify = task == "classification"
        network = make_network(n_inputs, kernel_l1, kernel_l2, "sigmoid" if classify else None)
        network.compile(optimizer=keras.optimizers.Adam(0.002), steps_per_execution=STEPS_PER_CALL,
                        loss="binary_crossentropy" if classify else "mse",
                        metrics=[] if classify else ["mse"])  # "mse" = the data loss, without the penalty
        network.optimizer.build(network.trainable_variables)  # create Adam's moment estimates now
        compiled_networks[key] = network, [variable.numpy() for variable in network.optimizer.variables]
    return compiled_networks[key]


class HeldOutLoss(keras.callbacks.Callback):
    """Logs the data loss (MSE) on held-out rows as "val_mse" after every Keras epoch."""

    def __init__(self, Z, y):
        super().__init__()
        self.Z, self.y = np.asarray(Z, dtype="float32"), np.asarray(y, dtype="float32")

    def on_epoch_end(self, epoch, logs=None):
        logs["val_mse"] = float(np.mean((predict(self.model, self.Z) - self.y) ** 2))


def train(Z_train, y_train, *, task="regression", kernel_l1=0.0, kernel_l2=0.0, seed=0, monitor=None):
    """Train make_network for STEPS mini-batch steps; return (model, history).

    monitor=(Z, y): rows evaluated every STEPS_PER_CALL steps, for training curves only
    (they do not influence training).
    """
    classify = task == "classification"
    Z, y = np.asarray(Z_train, dtype="float32"), np.asarray(y_train, dtype="float32")
    network, adam_start = compiled_network(task, Z.shape[1], kernel_l1, kernel_l2)
    keras.utils.set_random_seed(seed)
    model = make_network(Z.shape[1], kernel_l1, kernel_l2, "sigmoid" if classify else None)  # this seed's start
    if not classify:
        model.layers[-1].bias.assign([float(y.mean())])
    network.set_weights(model.get_weights())
    for variable, value in zip(network.optimizer.variables, adam_start):
        variable.assign(value)  # a fresh Adam: step count and moment estimates back to 0
    batches = tf.data.Dataset.from_tensor_slices((Z, y)).shuffle(len(Z), seed=seed).batch(64).repeat()
    history = network.fit(batches, steps_per_epoch=STEPS_PER_CALL, epochs=STEPS // STEPS_PER_CALL, shuffle=False,
                          callbacks=[] if monitor is None else [HeldOutLoss(*monitor)], verbose=0)
    model.set_weights(network.get_weights())  # the trained weights, in this run's own model
    return model, history


def network_regression(Z_train, y_train, Z_test):
    return predict(train(Z_train, y_train, kernel_l2=1e-3)[0], Z_test)


def network_classifier(Z_train, y_train, Z_test):
    return predict(train(Z_train, y_train, task="classification", kernel_l2=1e-3)[0], Z_test)

# %%
Z_timing = StandardScaler().fit_transform(X_cancer)  # all rows: this run is only timed, never scored
for run in ("first run (traces the training step)", "second run (same configuration: graph reused)"):
    start = time.perf_counter()
    train(Z_timing, y_cancer, task="classification", kernel_l2=1e-3)
    print(f"{run}: {time.perf_counter() - start:.2f} s")

# %% [markdown]
# **What the timing shows.** The second run does the same 700 steps without tracing, so the
# difference between the two printed times is what tracing costs (timings vary from run to run,
# more so on a busy machine). Without the reuse, every network trained below would pay it; with
# it, only the first run of each configuration does.
#
# ## 7. Cross-validated scores on both tasks
#
# Five folds with a fixed `random_state`, `StratifiedKFold` for the classes (each fold keeps
# the benign/malignant ratio). Scaling happens inside `out_of_fold_predictions`, per fold. For
# Auto MPG the same folds also score lesson 01's linear regression, for comparison. *(This cell
# trains 10 networks and takes about 6 s on a 2-core laptop, up to 15 s when other programs are
# busy.)*

# %%
cv_cancer = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
proba_cancer = out_of_fold_predictions(network_classifier, X_cancer, y_cancer, cv_cancer, StandardScaler())
fold_acc = [accuracy_score(y_cancer[test], proba_cancer[test] > 0.5) for _, test in cv_cancer.split(X_cancer, y_cancer)]
print("breast cancer, accuracy per fold:", np.round(fold_acc, 3).tolist())
print(f"out-of-fold accuracy {accuracy_score(y_cancer, proba_cancer > 0.5):.3f}, "
      f"log loss {log_loss(y_cancer, proba_cancer):.3f}")

mpg_preprocess = ColumnTransformer([
    ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
cv_mpg = KFold(n_splits=5, shuffle=True, random_state=0)
pred_mpg = out_of_fold_predictions(network_regression, X_mpg, y_mpg, cv_mpg, mpg_preprocess)


def linear_regression(Z_train, y_train, Z_test):
    return LinearRegression().fit(Z_train, y_train).predict(Z_test)


pred_ols = out_of_fold_predictions(linear_regression, X_mpg, y_mpg, cv_mpg, mpg_preprocess)
fold_rmse = [root_mean_squared_error(y_mpg[test], pred_mpg[test]) for _, test in cv_mpg.split(X_mpg)]
print("\nAuto MPG, network RMSE per fold:", np.round(fold_rmse, 2).tolist())
print(f"out-of-fold RMSE: network {root_mean_squared_error(y_mpg, pred_mpg):.3f} mpg, "
      f"linear regression {root_mean_squared_error(y_mpg, pred_ols):.3f} mpg")

# %% [markdown]
# **Reading the scores.** The per-fold scores vary from fold to fold: each fold is a small
# test set. The out-of-fold score pools all rows, each predicted by a model that never saw it.
# On Auto MPG the network's out-of-fold RMSE is compared with a linear regression on the same
# folds (printed above): the network can bend where mpg is not linear in weight and
# horsepower, which lesson 03 approached with polynomial features.
#
# ## 8. Run-to-run variance, and making a run reproducible
#
# A network starts from random weights, and the mini-batches are drawn in a random order.
# Train the *same* configuration on the same fold with five seeds *(about 3 s on a 2-core laptop,
# up to 9 s when other programs are busy)*:

# %%
train_rows, test_rows = next(cv_mpg.split(X_mpg))
fold_prep = clone(mpg_preprocess).fit(X_mpg.iloc[train_rows])
Z_tr, Z_te = fold_prep.transform(X_mpg.iloc[train_rows]), fold_prep.transform(X_mpg.iloc[test_rows])
y_tr, y_te = y_mpg[train_rows], y_mpg[test_rows]

seed_rmse = []
for seed in range(5):
    model, _ = train(Z_tr, y_tr, kernel_l2=1e-3, seed=seed)
    seed_rmse.append(root_mean_squared_error(y_te, predict(model, Z_te)))
print("fold-1 test RMSE for seeds 0-4:", np.round(seed_rmse, 3).tolist())
print(f"spread (max - min): {max(seed_rmse) - min(seed_rmse):.3f} mpg, standard deviation {np.std(seed_rmse):.3f}")

again, _ = train(Z_tr, y_tr, kernel_l2=1e-3, seed=0)
rerun = root_mean_squared_error(y_te, predict(again, Z_te))
print(f"seed 0 again: {rerun:.6f} (first time {seed_rmse[0]:.6f}); identical: {rerun == seed_rmse[0]}")

# %% [markdown]
# **What this shows.** Different seeds give different test errors for the same configuration;
# the printed spread is the noise floor of any single comparison. Fixing the seed
# (`keras.utils.set_random_seed(seed)` in `train`, before the starting weights are drawn; it
# seeds Python, NumPy and TensorFlow) makes a run repeat exactly, as the last line shows.
# `enable_op_determinism()`, called in the first cell, additionally forces TensorFlow to use
# deterministic kernels (it matters for multi-threaded and GPU reductions). Reproducible is not
# the same as reliable: to decide whether one λ beats another, compare their difference with
# this spread, and average over several seeds or repeated cross-validation when the difference
# is small.
#
# ## 9. A λ sweep: L1 vs L2
#
# Same fold, same seed, and a kernel penalty of growing strength on every layer, L1 in one run
# and L2 in the other. The test RMSE is for the fold's unseen rows (they are also evaluated
# during training, for the curves of section 10, but never influence it). The last column
# counts first-layer weights with $\lvert w\rvert < 0.01$. *(This cell takes about 10 s on a
# 2-core laptop, up to 15 s when other programs are busy.)*

# %%
lambdas = [0.001, 0.01, 0.1, 1.0]
sweep = {}
for kind in ("none", "L1", "L2"):
    for lam in ([0.0] if kind == "none" else lambdas):
        strength = {"L1": dict(kernel_l1=lam), "L2": dict(kernel_l2=lam)}.get(kind, {})
        model, history = train(Z_tr, y_tr, seed=0, monitor=(Z_te, y_te), **strength)
        W1 = model.layers[0].kernel.numpy()
        sweep[kind, lam] = dict(rmse=root_mean_squared_error(y_te, predict(model, Z_te)), W1=W1,
                                near_zero=int(np.sum(np.abs(W1) < 0.01)), history=history, model=model)
table = pd.DataFrame([{"penalty": kind, "λ": lam, "test RMSE": r["rmse"], "|w|<0.01": r["near_zero"]}
                      for (kind, lam), r in sweep.items()])
print(f"{sweep['none', 0.0]['W1'].size} first-layer weights")
print(table.round(3).to_string(index=False))

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4.3))
for kind, marker in (("L1", "o-"), ("L2", "s-")):
    axes[0].plot(lambdas, [sweep[kind, lam]["rmse"] for lam in lambdas], marker, label=kind)
axes[0].axhline(sweep["none", 0.0]["rmse"], color="gray", linestyle="--", label="no penalty")
axes[0].axhspan(sweep["none", 0.0]["rmse"] - np.std(seed_rmse), sweep["none", 0.0]["rmse"] + np.std(seed_rmse),
                color="gray", alpha=0.15, label="± seed std (section 8)")
axes[0].set_xscale("log")
axes[0].set_xlabel("λ (kernel penalty strength)")
axes[0].set_ylabel("test RMSE on fold 1 (mpg)")
axes[0].set_title("Out-of-sample error vs λ")
axes[0].legend(fontsize=8)
weight_histograms({"no penalty": sweep["none", 0.0]["W1"], "L2, λ=0.1": sweep["L2", 0.1]["W1"],
                   "L1, λ=0.1": sweep["L1", 0.1]["W1"]}, ax=axes[1], title="Sizes of the first-layer weights")
axes[1].axvline(0.01, color="black", linewidth=0.8, linestyle=":")
for kind, marker in (("L1", "o-"), ("L2", "s-")):
    axes[2].plot(lambdas, [sweep[kind, lam]["near_zero"] for lam in lambdas], marker, label=kind)
axes[2].set_xscale("log")
axes[2].set_xlabel("λ")
axes[2].set_ylabel("first-layer weights with |w| < 0.01")
axes[2].set_title("Near-zero weights vs λ")
axes[2].legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figures show.** Left: test RMSE on the fold against λ, with the unpenalised
# network as the dashed line and the seed-to-seed spread of section 8 as the grey band; points
# inside the band are not distinguishable from "no penalty" by this one run. Middle: the sizes
# $\lvert w\rvert$ of the first-layer weights at λ = 0.1 on a log axis (dotted line: 0.01).
# Under L1 most weights pile up far to the left of the line: switched off (Adam keeps them
# jittering around 0 rather than exactly at 0, hence "near zero"). Under L2 the hump moves left
# of the unpenalised one — every weight shrinks — but most weights stay to the right of the line.
# Right: the count of near-zero weights grows with λ much faster under L1 than under L2 (the
# printed table has the numbers). L1 switches weights off; L2 shrinks them all together, as
# Lasso and Ridge did in lessons 02–03.
#
# ## 10. Training curves: no, moderate and strong regularisation
#
# Three runs of the sweep above: the unpenalised one (λ = 0) and L2 with λ = 0.01 and λ = 1.
# The curves show the *data* loss (MSE, without the penalty) on the training rows (averaged
# over each 50 steps) and on the fold's test rows, every 50 steps.

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4), sharey=True)
runs = [("no penalty", ("none", 0.0)), ("L2, λ=0.01", ("L2", 0.01)), ("L2, λ=1", ("L2", 1.0))]
for ax, (label, key) in zip(axes, runs):
    training_curves(sweep[key]["history"], ax=ax, title=label, steps_per_check=STEPS_PER_CALL)
fig.tight_layout()
plt.show()
for label, key in runs:
    hist = sweep[key]["history"].history
    best = int(np.argmin(hist["val_mse"]))
    final_train = np.mean((predict(sweep[key]["model"], Z_tr) - y_tr) ** 2)
    print(f"{label:11s}: after {STEPS} steps training MSE {hist['mse'][-1]:.2f} ({final_train:.2f} at the final "
          f"weights), test MSE {hist['val_mse'][-1]:.2f} (lowest {hist['val_mse'][best]:.2f}, after "
          f"{(best + 1) * STEPS_PER_CALL} steps)")
fold_ols = LinearRegression().fit(Z_tr, y_tr)
print(f"linear regression on the same fold: training MSE {np.mean((fold_ols.predict(Z_tr) - y_tr) ** 2):.2f}, "
      f"test MSE {np.mean((fold_ols.predict(Z_te) - y_te) ** 2):.2f}")

# %% [markdown]
# **What the curves show.** Without a penalty the training loss keeps falling while the test
# loss flattens out: the gap is what the network learns about these particular rows. A moderate
# penalty changes little here. A strong penalty holds the *training* loss up — the weights
# cannot grow enough to fit — and the test loss with it: that is underfitting. The printed
# lines give the exact numbers, including how far the final test loss is from its lowest point
# (what a perfect early stopping could have gained on this fold).
#
# *Why is the test loss below the training loss at λ = 1?* Not because of how the curve is
# measured: a point of the training curve averages the loss over the 50 steps before it, while
# the weights still move, but the training MSE at the final weights (in parentheses) is close to
# the curve's last point. It is the fold: its test rows are easier to predict than its
# training rows. The linear regression on the last line, fitted to the same training rows,
# also has a lower test than training MSE, and section 7 printed fold 1 as the network's
# easiest fold. Without a penalty the network learns details of its own training rows, and its
# training loss drops well below the test loss; strongly penalised, it learns little that is
# particular to them, like the linear model, and the fold's easier test rows show through.
#
# ## Summary
#
# - Keras regularizers are per layer: `kernel_regularizer` penalises weights,
#   `activity_regularizer` penalises outputs (divided by the batch size), `bias_regularizer` is
#   off by default and should stay off.
# - `L2(l2)` adds $l_2\sum W^2$ (no 1/2) and `L1(l1)` adds $l_1\sum\lvert W\rvert$; read them
#   from `model.losses` after an eager call.
# - K-fold cross-validation gives one out-of-fold prediction per row, in row order, with the
#   preprocessing fitted per fold.
# - Fix seeds to repeat a run; compare settings against the seed-to-seed spread.
# - L1 switches weights off, L2 shrinks them smoothly; too much of either underfits.
