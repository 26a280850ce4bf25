"""Lesson 07 reference: choosing the penalty strength honestly.

Conventions (the lesson states each one):

* A *score* is scikit-learn's: higher is better (``neg_mean_squared_error`` is minus the MSE).
  An *error* (MSE) is lower-is-better.
* The paired difference of two settings evaluated on the same K folds is d_i = a_i - b_i; its
  mean is mean(d) and its naive standard error is std(d, ddof=1) / sqrt(K). Folds share
  training data, so this SE is optimistic (Nadeau & Bengio, 2003); :func:`corrected_paired_se`
  gives their corrected version.
* The one-standard-error rule on scores: the LARGEST alpha whose mean score is at least the
  best mean score minus the SE at the best, SE = std(ddof=1) / sqrt(number of scores).
* Nested CV: the whole pipeline (scaler and polynomial features included) is tuned by
  ``GridSearchCV(cv=inner_cv)`` on each outer training fold only, and scored on the outer test
  fold it never saw.
* Successive halving: the exact accounting of scikit-learn's ``HalvingGridSearchCV`` /
  ``HalvingRandomSearchCV`` (``aggressive_elimination=False``) for integer resources.
* MAP: Gaussian noise with SD sigma, a Laplace prior of scale b on each weight gives Lasso's
  alpha = sigma² / (n b) (Lasso's data term is (1/(2n))·RSS); a Gaussian prior with SD tau
  gives Ridge's alpha = sigma² / tau² (Ridge's data term is the plain RSS).
"""

from __future__ import annotations

from math import ceil, floor, log

import numpy as np

from .memo import memoised


# ---------------------------------------------------------------- paired comparison

def paired_difference_se(scores_a, scores_b):
    """``(mean_diff, se)`` of the paired differences d = scores_a - scores_b on the same folds.

    mean_diff = mean(d); se = std(d, ddof=1) / sqrt(K) with K = len(d). Pairing removes the
    fold-to-fold variation the two settings share, which is most of the variation of each
    score on its own.
    """
    a = np.asarray(scores_a, dtype=float).ravel()
    b = np.asarray(scores_b, dtype=float).ravel()
    if a.shape != b.shape:
        raise ValueError(f"paired scores need the same folds: {a.shape} vs {b.shape}")
    d = a - b
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))


def unpaired_se(scores_a, scores_b):
    """SE of mean(a) - mean(b) as if the two score lists were independent samples."""
    a = np.asarray(scores_a, dtype=float).ravel()
    b = np.asarray(scores_b, dtype=float).ravel()
    return float(np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b)))


def corrected_paired_se(scores_a, scores_b, test_fraction):
    """Nadeau & Bengio's (2003) corrected SE of the mean paired difference.

    std(d, ddof=1) * sqrt(1/J + n_test/n_train), J = number of splits, and
    n_test/n_train = test_fraction / (1 - test_fraction) (1/(K-1) for K-fold CV).
    """
    d = np.asarray(scores_a, dtype=float).ravel() - np.asarray(scores_b, dtype=float).ravel()
    ratio = test_fraction / (1.0 - test_fraction)
    return float(d.std(ddof=1) * np.sqrt(1.0 / len(d) + ratio))


# ---------------------------------------------------------------- one-SE rule on scores

def one_se_choice(alphas, scores):
    """The largest alpha whose mean score is within one SE of the best mean score.

    ``scores`` has shape (len(alphas), n_scores), higher is better (scikit-learn scores, e.g.
    the ``neg_mean_squared_error`` of every split of a ``RepeatedKFold``). With
    mean = scores.mean(axis=1), SE = scores.std(axis=1, ddof=1) / sqrt(n_scores) and i* the
    alpha of largest mean, return max{alpha : mean(alpha) >= mean[i*] - SE[i*]}. ``alphas``
    may be in any order.
    """
    alphas = np.asarray(alphas, dtype=float).ravel()
    scores = np.asarray(scores, dtype=float)
    if scores.shape[0] != len(alphas):
        raise ValueError(f"scores must have one row per alpha: {scores.shape} vs {len(alphas)} alphas")
    mean = scores.mean(axis=1)
    se = scores.std(axis=1, ddof=1) / np.sqrt(scores.shape[1])
    best = int(np.argmax(mean))
    return float(np.max(alphas[mean >= mean[best] - se[best]]))


# ---------------------------------------------------------------- nested cross-validation

def auto_mpg_poly_preprocess():
    """Degree-2 polynomial features of the standardised numeric columns (standardised again),
    plus origin one-hot with USA as reference: 27 + 2 columns (lesson 03's regime)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler

    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS

    numeric = make_pipeline(StandardScaler(), PolynomialFeatures(degree=2, include_bias=False),
                            StandardScaler())
    return ColumnTransformer([
        ("numeric", numeric, AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ])


def ridge_pipeline():
    """make_pipeline(polynomial preprocess, Ridge()): the model whose alpha the lesson tunes."""
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline

    return make_pipeline(auto_mpg_poly_preprocess(), Ridge())


@memoised
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    """Outer-fold MSEs, shape (n_outer_splits,), of Ridge tuned by an inner grid search.

    For each split of ``outer_cv``, ``GridSearchCV(ridge_pipeline(), {"ridge__alpha": alphas},
    cv=inner_cv, scoring="neg_mean_squared_error")`` is fitted on the outer training fold only
    (the scaler and the polynomial features are refitted inside every inner fold too), refitted
    there at its best alpha, and its MSE on the outer test fold is recorded. The mean is an
    honest estimate of the error of the whole procedure "choose alpha by CV, then refit".
    """
    from sklearn.model_selection import GridSearchCV, cross_val_score

    search = GridSearchCV(ridge_pipeline(), {"ridge__alpha": list(np.asarray(alphas, dtype=float))},
                          cv=inner_cv, scoring="neg_mean_squared_error")
    return -cross_val_score(search, X, y, cv=outer_cv, scoring="neg_mean_squared_error")


@memoised
def non_nested_best_mse(X, y, alphas, cv):
    """The optimistic number: the smallest mean CV MSE over the grid (``-best_score_``)."""
    from sklearn.model_selection import GridSearchCV

    search = GridSearchCV(ridge_pipeline(), {"ridge__alpha": list(np.asarray(alphas, dtype=float))},
                          cv=cv, scoring="neg_mean_squared_error").fit(X, y)
    return float(-search.best_score_)


# ---------------------------------------------------------------- successive halving

def halving_budget(n_candidates, factor, min_resources, max_resources):
    """Candidates and resources per round of successive halving, as scikit-learn runs it.

    Returns ``(n_candidates_per_round, n_resources_per_round)``, two lists of ints equal to
    ``HalvingRandomSearchCV(n_candidates=..., factor=..., min_resources=..., max_resources=...)``'s
    ``n_candidates_`` and ``n_resources_`` (``aggressive_elimination=False``):

    * rounds = min(n_required, n_possible) with n_required = 1 + floor(log_factor(n_candidates))
      (rounds until one candidate is left) and n_possible = 1 + floor(log_factor(max_resources
      // min_resources)) (rounds before the resources would exceed max_resources);
    * round i (from 0) evaluates the current candidates with min(min_resources * factor**i,
      max_resources) resources, then keeps ceil(candidates / factor) of them.

    Uses ``math.log(x, factor)`` like scikit-learn (at exact powers of ``factor`` the float
    logarithm can land just below the integer; the lesson's problems avoid exact powers).
    """
    n_candidates, factor = int(n_candidates), int(factor)
    min_resources, max_resources = int(min_resources), int(max_resources)
    n_required = 1 + floor(log(n_candidates, factor))
    n_possible = 1 + floor(log(max_resources // min_resources, factor))
    candidates, resources = [], []
    remaining = n_candidates
    for itr in range(min(n_required, n_possible)):
        candidates.append(remaining)
        resources.append(min(int(factor ** itr * min_resources), max_resources))
        remaining = ceil(remaining / factor)
    return candidates, resources


def halving_fits(n_candidates, factor, min_resources, max_resources, n_splits):
    """``(number of fits, training rows processed)`` of a successive-halving search with K-fold CV.

    Each candidate of a round is fitted once per split; over the K splits of r rows, the
    training folds hold (K-1)·r rows in total.
    """
    candidates, resources = halving_budget(n_candidates, factor, min_resources, max_resources)
    fits = n_splits * sum(candidates)
    rows = sum(c * (n_splits - 1) * r for c, r in zip(candidates, resources))
    return fits, rows


# ---------------------------------------------------------------- the probabilistic view

def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    """``(lasso_alpha, ridge_alpha)`` whose fits are the MAP estimates under the two priors.

    Model: y = b + Xw + noise, noise ~ N(0, noise_sd²) per sample, a flat prior on b.

    * Laplace prior p(w_j) = exp(-|w_j| / s) / (2s), s = laplace_scale: the negative log
      posterior is (1/(2 sigma²))·RSS + (1/s)·||w||_1 + const. Multiplying by sigma²/n gives
      Lasso's (1/(2n))·RSS + alpha·||w||_1 with alpha = sigma² / (n s).
    * Gaussian prior w_j ~ N(0, tau²), tau = gaussian_sd: (1/(2 sigma²))·RSS + (1/(2 tau²))·||w||²;
      multiplying by 2 sigma² gives Ridge's RSS + alpha·||w||² with alpha = sigma² / tau².
    """
    s2 = float(noise_sd) ** 2
    return s2 / (int(n_samples) * float(laplace_scale)), s2 / float(gaussian_sd) ** 2


def neg_log_posterior(X, y, intercept, coef, noise_sd, prior, scale):
    """-log p(w | y) up to a constant: (1/(2 sigma²))·RSS + penalty.

    ``prior="laplace"``: penalty ||w||_1 / scale; ``prior="gaussian"``: ||w||² / (2 scale²).
    """
    r = np.asarray(y, dtype=float) - intercept - np.asarray(X, dtype=float) @ np.asarray(coef, dtype=float)
    w = np.asarray(coef, dtype=float)
    data = r @ r / (2.0 * noise_sd ** 2)
    if prior == "laplace":
        return float(data + np.abs(w).sum() / scale)
    if prior == "gaussian":
        return float(data + w @ w / (2.0 * scale ** 2))
    raise ValueError("prior must be 'laplace' or 'gaussian'")
