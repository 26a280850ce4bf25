"""Lesson 02 benchmark (prints figures; not a test): reference coordinate descent vs scikit-learn.

Compares ``reference_solutions.lasso.lasso_cd`` (pure Python loop over coordinates, vectorised
"covariance updates" with a precomputed Gram matrix and an active set) with the compiled
solver of ``sklearn.linear_model.Lasso`` on the same objective and alpha:

- Auto MPG size: the standardised, one-hot encoded training split of lesson 02 (294 x 8);
- a synthetic 1000 x 200 problem with 20 nonzero true weights and correlated columns.

Both solvers run to a tight tolerance (reference tol=1e-10 on the weight changes, sklearn
tol=1e-10 on the duality gap), so the coefficient difference measures agreement rather than
early stopping. Times are the best of several repeats (wall clock, one process).
Usage: ``python autograder/benchmarks/bench_02_lasso.py``.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso
from sklearn.model_selection import train_test_split

from lessonkit.data import auto_mpg_xy
from reference_solutions import lasso as ref
from reference_solutions.linear_regression import auto_mpg_preprocess


def best_time(fn, repeats):
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def compare(label, X, y, fractions, repeats):
    a_max = ref.alpha_max(X, y)
    for fraction in fractions:
        alpha = fraction * a_max
        t_ref, (b_ref, w_ref) = best_time(lambda: ref.lasso_cd(X, y, alpha, tol=1e-10), repeats)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t_sk, sk = best_time(lambda: Lasso(alpha=alpha, tol=1e-10, max_iter=1_000_000).fit(X, y), repeats)
        diff = max(np.max(np.abs(w_ref - sk.coef_)), abs(b_ref - sk.intercept_))
        print(f"{label:<26}{alpha:>10.4g}{int(np.sum(w_ref != 0)):>8d}{1000 * t_ref:>11.2f}"
              f"{1000 * t_sk:>11.2f}{t_ref / t_sk:>8.1f}x{diff:>12.1e}", flush=True)


def main():
    print(f"{'problem':<26}{'alpha':>10}{'nonzero':>8}{'ref ms':>11}{'sklearn ms':>11}{'ratio':>9}"
          f"{'max |diff|':>12}")
    X, y = auto_mpg_xy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0)
    Z = auto_mpg_preprocess().fit_transform(X_train)
    compare(f"Auto MPG {Z.shape[0]} x {Z.shape[1]}", Z, y_train.to_numpy(), (0.005, 0.05, 0.2), repeats=20)

    rng = np.random.default_rng(0)
    n, p = 1000, 200
    X = rng.normal(size=(n, p))
    X[:, 1::2] = 0.7 * X[:, ::2] + 0.3 * X[:, 1::2]  # pairs of correlated columns
    X *= rng.uniform(0.5, 3.0, size=p)
    w = np.zeros(p)
    w[rng.choice(p, 20, replace=False)] = rng.normal(0, 2, size=20)
    y = 3.0 + X @ w + rng.normal(size=n)
    compare(f"synthetic {n} x {p}", X, y, (0.005, 0.02, 0.1), repeats=3)


if __name__ == "__main__":
    main()
