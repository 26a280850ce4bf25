"""Reference solutions for lesson 05: Keras L1/L2 regularizers with K-fold cross-validation.

The math, with every factor stated (Keras 3, as pinned in requirements.txt):

* ``keras.regularizers.L2(l2)`` on a weight matrix ``W`` adds ``l2 * sum(W**2)`` to the loss:
  no 1/2 in front (PyTorch's ``weight_decay`` and many textbooks write ``(lambda/2)||W||^2``).
* ``keras.regularizers.L1(l1)`` adds ``l1 * sum(|W|)``; ``L1L2(l1, l2)`` adds both.
* ``kernel_regularizer`` penalises a layer's weight matrix (its kernel); ``bias_regularizer``
  penalises its bias vector and is ``None`` by default (biases only shift outputs, penalising
  them pulls predictions towards 0 and does not reduce complexity); ``activity_regularizer``
  penalises the layer's *outputs* ``h`` on the current batch: L1(l1) adds
  ``l1 * sum(|h|) / batch_size`` (current Keras divides by the batch size).
* The data loss Keras minimises is a batch mean (``"mse"``: ``(1/n) sum (y - yhat)^2``), so the
  objective of one full-batch step is ``(1/n)||y - yhat||^2 + sum of the penalties``.

The training recipes at the bottom (:func:`fast_fit_predict`, :func:`early_stopping_fit_predict`,
:func:`classroom_fit_predict`) are the lesson's fast setting, a variant with early stopping, and
the usual classroom setting that ``autograder/benchmarks/bench_05_keras.py`` compares.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402


def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    """A one-hidden-layer network with the lesson's regularizers.

    ``keras.Input((n_inputs,))`` -> ``Dense(hidden_units, relu)`` -> ``Dense(1, output_activation)``.

    * both Dense layers: ``kernel_regularizer=L1L2(l1=kernel_l1, l2=kernel_l2)`` (a weight penalty
      on every weight matrix);
    * the hidden layer only: ``activity_regularizer=L1(activity_l1)`` (a penalty on the hidden
      activations, which pushes them to be sparse; ``None`` when ``activity_l1`` is 0); the
      output layer has none;
    * no layer has a ``bias_regularizer``.
    """
    kernel = dict(kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2))
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu",
                           activity_regularizer=keras.regularizers.L1(activity_l1) if activity_l1 else None,
                           **kernel),
        keras.layers.Dense(1, activation=output_activation, **kernel),
    ])


def regularizer_strengths(regularizer):
    """``(l1, l2)`` of a Keras L1 / L2 / L1L2 regularizer (``(0, 0)`` for ``None``)."""
    if regularizer is None:
        return 0.0, 0.0
    config = regularizer.get_config()
    return float(config.get("l1", 0.0)), float(config.get("l2", 0.0))


def kernel_penalty(model):
    """Total kernel (weight) penalty of ``model``, computed from its weights.

    sum over layers with a ``kernel_regularizer`` of ``l1 * sum(|W|) + l2 * sum(W**2)``, where
    ``W`` is the layer's kernel. Biases are not included (this course never regularises them)
    and neither are activity penalties (they depend on the inputs, not only on the weights).
    Equals ``sum(model.losses)`` for a model with no activity regularizer.
    """
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is None:
            continue
        l1, l2 = regularizer_strengths(regularizer)
        W = np.asarray(layer.kernel.numpy(), dtype=float)
        total += l1 * np.abs(W).sum() + l2 * np.square(W).sum()
    return float(total)


def activity_l1_penalty(outputs, l1):
    """What ``activity_regularizer=L1(l1)`` adds for a batch of layer outputs: ``l1 * sum|h| / batch``."""
    outputs = np.asarray(outputs, dtype=float)
    return float(l1 * np.abs(outputs).sum() / outputs.shape[0])


def _rows(data, index):
    return data.iloc[index] if hasattr(data, "iloc") else np.asarray(data)[index]


def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    """Out-of-fold predictions, one per row of ``X``, in the rows' original order.

    For each ``(train, test)`` split of ``cv.split(X, y)``: fit a fresh copy of ``preprocess``
    (``sklearn.base.clone``) on the training rows only, transform both parts, call
    ``fit_predict(Z_train, y_train, Z_test)`` and store its predictions at the test rows'
    positions. Every row is in exactly one test fold, so every entry is filled exactly once.
    """
    y = np.asarray(y)
    oof = np.full(len(y), np.nan)
    for train, test in cv.split(X, y):
        prep = clone(preprocess).fit(_rows(X, train))
        pred = fit_predict(prep.transform(_rows(X, train)), y[train], prep.transform(_rows(X, test)))
        oof[test] = np.asarray(pred, dtype=float).ravel()
    return oof


# --- training recipes: the lesson's fast setting and the usual classroom setting -------------

def make_network(n_inputs, hidden_units=(50, 25), kernel_l1=0.0, kernel_l2=0.0, output_activation=None):
    """Input -> Dense(u, relu) for u in hidden_units -> Dense(1); L1L2 kernel penalty on every layer."""
    def penalty():
        return keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)
    return keras.Sequential([keras.Input(shape=(n_inputs,))]
                            + [keras.layers.Dense(u, activation="relu", kernel_regularizer=penalty())
                               for u in hidden_units]
                            + [keras.layers.Dense(1, activation=output_activation, kernel_regularizer=penalty())])


def fast_fit_predict(Z_train, y_train, Z_test, *, task="regression", hidden_units=(50, 25), kernel_l1=0.0,
                     kernel_l2=1e-3, learning_rate=0.002, batch_size=64, steps=700, steps_per_call=50, seed=0):
    """The lesson's fast recipe: a fixed budget of ``steps`` Adam steps on shuffled mini-batches of
    ``batch_size`` rows of the whole training fold, fed by ``tf.data`` and run ``steps_per_call``
    steps per compiled call, so Keras' per-epoch overhead is paid 14 times instead of 500.

    The regression network's output bias starts at the mean target. Returns predictions for
    ``Z_test`` (regression: the target; classification: the probability of class 1).
    """
    import tensorflow as tf

    classify = task == "classification"
    keras.utils.set_random_seed(seed)
    Z = np.asarray(Z_train, dtype="float32")
    y = np.asarray(y_train, dtype="float32")
    model = make_network(Z.shape[1], hidden_units, kernel_l1, kernel_l2, "sigmoid" if classify else None)
    if not classify:
        model.layers[-1].bias.assign([float(y.mean())])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), steps_per_execution=steps_per_call,
                  loss="binary_crossentropy" if classify else "mse")
    batches = tf.data.Dataset.from_tensor_slices((Z, y)).shuffle(len(Z), seed=seed).batch(batch_size).repeat()
    model.fit(batches, steps_per_epoch=steps_per_call, epochs=steps // steps_per_call, shuffle=False, verbose=0)
    return np.asarray(model(np.asarray(Z_test, dtype="float32"))).ravel()


def early_stopping_fit_predict(Z_train, y_train, Z_test, *, task="regression", hidden_units=16,
                               kernel_l2=1e-3, learning_rate=0.02, steps_per_check=10, max_checks=60,
                               patience=5, seed=0):
    """A faster but (on Auto MPG) less accurate variant: one hidden layer, full-batch Adam, early
    stopping on 20 % of the training fold (checked every ``steps_per_check`` steps)."""
    import tensorflow as tf

    classify = task == "classification"
    keras.utils.set_random_seed(seed)
    Z_fit, Z_val, y_fit, y_val = train_test_split(
        np.asarray(Z_train, dtype="float32"), np.asarray(y_train, dtype="float32"),
        test_size=0.2, random_state=seed, stratify=y_train if classify else None)
    model = build_model(Z_fit.shape[1], hidden_units, kernel_l2=kernel_l2,
                        output_activation="sigmoid" if classify else None)
    if not classify:
        model.layers[-1].bias.assign([float(y_fit.mean())])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), steps_per_execution=steps_per_check,
                  loss="binary_crossentropy" if classify else "mse")
    stop = keras.callbacks.EarlyStopping(patience=patience, min_delta=1e-3, restore_best_weights=True)
    model.fit(tf.data.Dataset.from_tensors((Z_fit, y_fit)).repeat(), steps_per_epoch=steps_per_check,
              epochs=max_checks, shuffle=False, validation_data=tf.data.Dataset.from_tensors((Z_val, y_val)),
              callbacks=[stop], verbose=0)
    return np.asarray(model(np.asarray(Z_test, dtype="float32"))).ravel()


def classroom_fit_predict(Z_train, y_train, Z_test, *, task="regression", kernel_l2=1e-3,
                          epochs=500, batch_size=32, seed=0):
    """The usual classroom recipe: Dense(50)-Dense(25)-Dense(1), Adam(1e-3), 500 epochs of
    mini-batches of 32, no early stopping (the same kernel L2 penalty on every layer)."""
    classify = task == "classification"
    keras.utils.set_random_seed(seed)
    reg = dict(kernel_regularizer=keras.regularizers.L2(kernel_l2))
    model = keras.Sequential([
        keras.Input(shape=(np.shape(Z_train)[1],)),
        keras.layers.Dense(50, activation="relu", **reg),
        keras.layers.Dense(25, activation="relu", **reg),
        keras.layers.Dense(1, activation="sigmoid" if classify else None, **reg),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy" if classify else "mse")
    model.fit(np.asarray(Z_train, dtype="float32"), np.asarray(y_train, dtype="float32"),
              epochs=epochs, batch_size=batch_size, verbose=0)
    return np.asarray(model(np.asarray(Z_test, dtype="float32"))).ravel()
