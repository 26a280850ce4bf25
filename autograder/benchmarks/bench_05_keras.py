"""Lesson 05 benchmark (prints figures; not a test): the usual classroom setting vs the lesson's.

Same data, same folds (5-fold, random_state=0), same out-of-fold code, same seed:

- classroom: Dense(50, relu) -> Dense(25, relu) -> Dense(1), Adam(1e-3), 500 epochs of
  mini-batches of 32 on each training fold, no early stopping;
- lesson: the same network, Adam(0.002), a fixed budget of 700 steps on shuffled mini-batches of
  64 served by tf.data, 50 steps per compiled call (Keras' per-epoch overhead paid 14 times);
- early-stopping variant: Dense(16, relu) -> Dense(1), full-batch Adam(0.02), early stopping on
  20 % of each training fold (checked every 10 steps, patience 5 checks), at most 600 steps.

All use kernel_regularizer=L2(1e-3) on every layer. Prints wall time and the out-of-fold
RMSE (Auto MPG) or accuracy and log loss (breast cancer) of each, side by side. Takes a few
minutes (the classroom setting is the slow part). Usage:
``python autograder/benchmarks/bench_05_keras.py [--task regression|classification|both]``.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from lessonkit import keras_lesson  # noqa: E402,F401  (imports TensorFlow quietly)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.metrics import accuracy_score, log_loss, root_mean_squared_error  # noqa: E402
from sklearn.model_selection import KFold, StratifiedKFold  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy  # noqa: E402
from reference_solutions.keras_regularizers import (  # noqa: E402
    classroom_fit_predict, early_stopping_fit_predict, fast_fit_predict, out_of_fold_predictions)


def regression_task():
    X, y = auto_mpg_xy()
    preprocess = ColumnTransformer([
        ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ])
    score = lambda y_true, pred: f"RMSE {root_mean_squared_error(y_true, pred):.3f} mpg"  # noqa: E731
    return "Auto MPG (regression)", X, y.to_numpy(), KFold(5, shuffle=True, random_state=0), preprocess, score


def classification_task():
    data = load_breast_cancer(as_frame=True)
    score = lambda y_true, p: (f"accuracy {accuracy_score(y_true, p > 0.5):.3f}, "  # noqa: E731
                               f"log loss {log_loss(y_true, np.clip(p, 1e-7, 1 - 1e-7)):.3f}")
    return ("breast cancer (classification)", data.data, data.target.to_numpy(),
            StratifiedKFold(5, shuffle=True, random_state=0), StandardScaler(), score)


def run(task_name, make_task):
    title, X, y, cv, preprocess, score = make_task()
    kind = "classification" if "classification" in task_name else "regression"
    rows = []
    for label, fit_predict in (
            ("classroom: 5 folds x 500 epochs, batch 32", lambda a, b, c: classroom_fit_predict(a, b, c, task=kind)),
            ("lesson: 700 steps of batch 64 via tf.data", lambda a, b, c: fast_fit_predict(a, b, c, task=kind)),
            ("variant: full batch + early stopping", lambda a, b, c: early_stopping_fit_predict(a, b, c, task=kind))):
        start = time.perf_counter()
        pred = out_of_fold_predictions(fit_predict, X, y, cv, preprocess)
        rows.append((label, time.perf_counter() - start, score(y, pred)))
    print(f"\n{title}: {len(y)} rows, 5-fold out-of-fold scores, same folds and seed")
    for label, seconds, text in rows:
        print(f"  {label:44s} {seconds:7.1f} s   {text}", flush=True)
    print(f"  speed-up of the lesson's setting: {rows[0][1] / rows[1][1]:.0f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=["regression", "classification", "both"], default="both")
    args = parser.parse_args()
    tf.config.experimental.enable_op_determinism()
    print(f"TensorFlow {tf.__version__}, {os.cpu_count()} CPUs visible, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    if args.task in ("regression", "both"):
        run("regression", regression_task)
    if args.task in ("classification", "both"):
        run("classification", classification_task)


if __name__ == "__main__":
    main()
