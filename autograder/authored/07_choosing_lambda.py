# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 07 — Choosing lambda honestly: repeated CV, nested CV, and search beyond a grid
#
# Lessons 02–04 chose the penalty strength (scikit-learn calls it `alpha`; books often call it
# $\lambda$) by cross-validation: pick the value with the best mean validation score. This
# lesson asks how much that number can be trusted, and how to spend a fixed budget of model
# fits well.
#
# - A CV score is a **random** number: re-splitting the same data into other folds changes it.
#   How big is that spread compared with the differences between alphas?
# - Two settings compared **on the same folds** (a paired comparison) can be told apart far
#   more reliably than two separate means suggest — but the usual standard error is still
#   optimistic, because the folds share their training data.
# - The **best** CV score over a grid is biased low (for an error) — it is the winner of a
#   noisy contest. **Nested CV** measures the whole procedure "tune, then refit" honestly.
# - Beyond a grid: random search, successive halving and Optuna's TPE sampler, compared at an
#   equal number of fits and over several seeds.
# - Why L1 and L2 are a Laplace and a Gaussian **prior**, and the penalty fit is the posterior
#   mode (MAP).
#
# **The objectives, with every factor.** With $n$ training cars, weights $w$ and an
# unpenalised intercept $b$, scikit-learn's `Ridge(alpha)` minimises
# $\lVert y - b - Xw\rVert^2 + \alpha\lVert w\rVert^2$ (no $1/n$, no $1/2$), and
# `ElasticNet(alpha, l1_ratio)` minimises
# $\frac{1}{2n}\lVert y - b - Xw\rVert^2 + \alpha\,\rho\,\lVert w\rVert_1 + \frac{\alpha(1-\rho)}{2}\lVert w\rVert^2$
# with $\rho$ = `l1_ratio` (lesson 04). A validation fold of $m$ cars gets the score
# `neg_mean_squared_error` $= -\frac1m\sum_i (y_i - \hat y_i)^2$: scikit-learn **maximises**
# scores, so errors come back negated.
#
# **Exercises** (graded by nbgrader): 1. the mean and standard error of a paired difference;
# 2. the one-standard-error rule on repeated-CV scores; 3. nested cross-validation; 4. the
# budget of successive halving; 5. the Lasso and Ridge alphas of a Laplace and a Gaussian
# prior. Each says what to write and gives a hint; the grader runs more tests than you see.
#
# **Speed.** Everything here runs in under a minute on a laptop CPU: small grids, 3–5 folds,
# few repeats, one CPU core.

# %%
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
import optuna
import pandas as pd
from scipy.optimize import minimize
from scipy.stats import loguniform, uniform
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.experimental import enable_halving_search_cv  # noqa: F401 - makes HalvingRandomSearchCV importable
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import (GridSearchCV, HalvingRandomSearchCV, KFold, RandomizedSearchCV,
                                     RepeatedKFold, cross_val_score, train_test_split, validation_curve)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy

optuna.logging.set_verbosity(optuna.logging.WARNING)  # Optuna logs every trial by default

# %% [markdown]
# ## 1. Data and model: the regime where alpha matters
#
# Same cars and the same test split as every lesson (`random_state=0`). On the seven plain
# features, least squares is already close to the best (lesson 02), so alpha barely matters.
# We use lesson 03's regime instead: **degree-2 polynomial features** of the six standardised
# numeric columns (squares and pairwise products: 27 columns, standardised again) plus the two
# origin dummies. The transformer is only *defined* here; every pipeline refits it on exactly
# the rows it is fitted on — a training fold during cross-validation.

# %%
X, y = auto_mpg_xy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

preprocess = ColumnTransformer([
    ("numeric", make_pipeline(StandardScaler(), PolynomialFeatures(degree=2, include_bias=False),
                              StandardScaler()), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
n_columns = preprocess.fit(X_train).transform(X_train).shape[1]
print(f"training cars: {len(X_train)}, test cars: {len(X_test)}, columns after preprocessing: {n_columns}")

# %% [markdown]
# ## 2. A CV score is a random number
#
# `RepeatedKFold(n_splits=5, n_repeats=4)` cuts the training cars into 5 folds four times,
# each time after a different shuffle: 20 train/validation splits. For each alpha of a small
# grid we record the validation MSE of the Ridge pipeline on every split. The mean over the 5
# folds of **one** repeat is what a single ordinary 5-fold CV would have reported; the four
# repeats show how much that number depends on the (arbitrary) shuffle. *(The cell fits
# 7 × 20 = 140 pipelines and takes about 4 to 7 s on a 2-core laptop.)*

# %%
alphas_rep = np.logspace(-1, 2, 7)
N_REPEATS, N_FOLDS = 4, 5
rep_cv = RepeatedKFold(n_splits=N_FOLDS, n_repeats=N_REPEATS, random_state=0)
_, rep_scores = validation_curve(make_pipeline(preprocess, Ridge()), X_train, y_train,
                                 param_name="ridge__alpha", param_range=alphas_rep, cv=rep_cv,
                                 scoring="neg_mean_squared_error")
rep_mse = -rep_scores                                                 # (7 alphas, 20 splits)
per_repeat = rep_mse.reshape(len(alphas_rep), N_REPEATS, N_FOLDS).mean(axis=2)  # splits come repeat by repeat
grand_mean = rep_mse.mean(axis=1)
summary = pd.DataFrame({"alpha": alphas_rep, "mean CV MSE (20 splits)": grand_mean,
                        "lowest repeat": per_repeat.min(axis=1), "highest repeat": per_repeat.max(axis=1),
                        "repeat range": np.ptp(per_repeat, axis=1),
                        "single-fold SD": rep_mse.std(axis=1, ddof=1)})
print(summary.round(3).to_string(index=False))
best_rep = int(np.argmin(grand_mean))
print(f"\nbest alpha by the 20-split mean: {alphas_rep[best_rep]:.3g}; "
      f"differences between neighbouring alphas' means: {np.round(np.diff(grand_mean), 3).tolist()}")
print(f"alpha that a single 5-fold CV would pick, repeat by repeat: "
      f"{[float(np.round(alphas_rep[i], 3)) for i in np.argmin(per_repeat, axis=0)]}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
for r in range(N_REPEATS):
    axes[0].plot(alphas_rep, per_repeat[:, r], "o-", ms=4, alpha=0.8, label=f"repeat {r + 1} (5-fold mean)")
axes[0].plot(alphas_rep, grand_mean, "k-", lw=2.5, label="mean of all 20 splits")
axes[0].set_xscale("log")
axes[0].set(xlabel="alpha (log scale)", ylabel="validation MSE (mpg²)",
            title="Ridge on polynomial features: one 5-fold CV per repeat")
axes[0].legend(fontsize=8)
for j, a in enumerate(alphas_rep):
    axes[1].scatter(np.full(rep_mse.shape[1], a), rep_mse[j], s=10, color="tab:gray", alpha=0.6)
axes[1].plot(alphas_rep, grand_mean, "k-", lw=2)
axes[1].set_xscale("log")
axes[1].set(xlabel="alpha (log scale)", ylabel="validation MSE of one fold (mpg²)",
            title="All 20 single-fold scores per alpha")
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** Left: each coloured curve is one ordinary 5-fold CV. The curves
# are shifted up and down against each other (the printed "repeat range" column), and near the
# minimum that shift is of the same size as — or larger than — the differences between
# neighbouring alphas (printed below the table). So which alpha "wins" can depend on the
# shuffle (the printed list of picks per repeat). But the curves largely keep their shape: a
# repeat that is high at one alpha tends to be high at its neighbours (section 3 prints the
# correlation). Right: single folds spread far more widely (the "single-fold SD" column)
# than any difference between alphas — a fold with unusual cars is hard for every alpha.
# That common movement is what the next section exploits.
#
# ## 3. Comparing two alphas on the same folds
#
# To decide whether alpha $a$ beats alpha $b$, do not compare two means with their own error
# bars. Both were computed on the **same** 20 splits, and most of a split's difficulty is
# shared. Take the **paired differences** $d_i = \text{MSE}_a(i) - \text{MSE}_b(i)$, one per
# split: the shared part cancels. Their mean is the estimated advantage, and the usual
# standard error of that mean, over $K$ paired scores (here $K = 20$ splits), is
#
# $$\overline{d} = \frac1K\sum_{i=1}^K d_i, \qquad
# \mathrm{SE} = \frac{s_d}{\sqrt K}, \qquad s_d = \sqrt{\frac{1}{K-1}\sum_i (d_i - \overline d)^2}.$$
#
# ## 4. Exercise 1 — paired difference and its standard error
#
# Write `paired_difference_se(scores_a, scores_b)` returning the tuple `(mean_diff, se)` for
# two equally long arrays of scores on the same folds: $d = $ `scores_a - scores_b` (in that
# order), `mean_diff` its mean, `se` its sample standard deviation (`ddof=1`) divided by
# $\sqrt K$, with $K$ the number of paired scores (folds or splits).
#
# *Hint:* the formula above is the whole recipe: form $d$ first, then its mean and its SE.
# NumPy's `std` takes a `ddof` argument, and the test cell below works one small case by hand
# that you can compare with. Common mistakes: computing the SE from the two
# score lists separately, $\sqrt{s_a^2/K + s_b^2/K}$ (that is the unpaired SE: it ignores
# that the folds are shared); forgetting $\sqrt K$; NumPy's default `ddof=0`.

# %% nbgrader={"grade": false, "grade_id": "answer_paired_difference_se", "locked": false, "schema_version": 3, "solution": true, "task": false}
def paired_difference_se(scores_a, scores_b):
    """(mean of d, std(d, ddof=1) / sqrt(K)) for d = scores_a - scores_b."""
    ### BEGIN SOLUTION
    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "paired_difference_matches_reference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("choosing_lambda.check_paired_difference_se", "paired_difference_se")
### END HIDDEN TESTS
# d = (1, -0.5, 1, 0.5): mean 0.5, sample SD sqrt((0.25 + 1 + 0.25 + 0) / 3) = 0.7071, SE = 0.7071 / 2.
a_demo = np.array([10.0, 12.0, 11.0, 13.0])
b_demo = np.array([9.0, 12.5, 10.0, 12.5])
mean_demo, se_demo = paired_difference_se(a_demo, b_demo)
assert np.isclose(mean_demo, 0.5), f"mean difference should be 0.5 (a - b, with its signs), got {mean_demo}"
assert np.isclose(se_demo, np.sqrt(0.5) / 2), f"SE should be {np.sqrt(0.5) / 2:.4f}, got {se_demo}"

# %% [markdown]
# ### Paired vs unpaired, and an honest correction
#
# The cell compares alpha at the best 20-split mean with its larger neighbour on the grid. It
# prints the paired mean difference and SE, the SE you would get by treating the two lists of
# 20 scores as independent ($\sqrt{s_a^2/K + s_b^2/K}$), and a **corrected** SE.
#
# Why a correction? The paired SE assumes the 20 differences are independent. They are not:
# any two training folds share most of their cars, and the four repeats reuse the same 294
# cars. The spread between splits therefore understates how much the mean difference would
# change on a fresh sample, and $s_d/\sqrt K$ is **optimistic** (too small). Nadeau and Bengio
# (2003, *Inference for the generalization error*, Machine Learning 52) proposed the
# "corrected resampled t-test", which replaces $1/K$ by $1/K + n_\text{test}/n_\text{train}$:
# $\mathrm{SE}_\text{corr} = s_d\sqrt{1/K + n_\text{test}/n_\text{train}}$, here with
# $K = 20$ splits and $n_\text{test}/n_\text{train} = 1/4$ for 5-fold CV (a fifth of the
# cars against four fifths). Bouckaert and Frank (2004, *Evaluating
# the replicability of significance tests for comparing learning algorithms*) recommend it for
# repeated CV; scikit-learn's example "Statistical comparison of models using grid search"
# uses the same correction. It is a heuristic too, but far less optimistic.

# %%
i_a, i_b = best_rep, min(best_rep + 1, len(alphas_rep) - 1)
mean_d, se_paired = paired_difference_se(rep_mse[i_a], rep_mse[i_b])
se_unpaired = np.sqrt(rep_mse[i_a].var(ddof=1) / rep_mse.shape[1] + rep_mse[i_b].var(ddof=1) / rep_mse.shape[1])
d_ab = rep_mse[i_a] - rep_mse[i_b]
se_corrected = d_ab.std(ddof=1) * np.sqrt(1 / len(d_ab) + 1 / (N_FOLDS - 1))
print(f"alpha_a = {alphas_rep[i_a]:.3g} vs alpha_b = {alphas_rep[i_b]:.3g} on the same {len(d_ab)} splits")
print(f"  mean difference MSE_a - MSE_b = {mean_d:.3f} mpg²")
print(f"  unpaired SE  sqrt(s_a²/K + s_b²/K) = {se_unpaired:.3f}   -> ratio {mean_d / se_unpaired:+.2f}")
print(f"  paired SE    s_d / sqrt(K)         = {se_paired:.3f}   -> ratio {mean_d / se_paired:+.2f}")
print(f"  corrected SE s_d * sqrt(1/K + 1/4) = {se_corrected:.3f}   -> ratio {mean_d / se_corrected:+.2f}"
      f"  (corrected / paired SE = {se_corrected / se_paired:.2f})")
print(f"  correlation of the two alphas' fold scores: {np.corrcoef(rep_mse[i_a], rep_mse[i_b])[0, 1]:.3f}")

# %% [markdown]
# **Reading the numbers.** The two alphas' fold scores are almost perfectly correlated (the
# printed correlation), so the unpaired SE, which carries the whole fold-to-fold spread, is many
# times the paired one: judged unpaired, the difference looks like noise (a ratio well below 1
# in size). The ratios are negative because alpha_a, the best alpha, has the lower MSE, so
# MSE_a - MSE_b < 0; their sizes are what matter. The paired ratio makes the difference look decisive; the corrected SE is larger by the
# printed factor and brings the ratio back to a modest value. A rule of thumb: call a
# difference real only when it is at least about two **corrected** SEs. By that rule the
# printed comparison is suggestive, not conclusive — which fits section 2, where one of the
# four repeats picked yet another alpha.
#
# ## 5. Exercise 2 — the one-standard-error rule on repeated CV
#
# Lesson 02's one-standard-error rule applies unchanged to repeated CV: use all $R\cdot K$
# scores of each alpha. One difference from lesson 02: here you get scikit-learn **scores**
# (`rep_scores`, negated MSE), where **higher is better**.
#
# Write `one_se_choice(alphas, scores)` for `scores` of shape `(len(alphas), n_scores)`:
# compute each alpha's mean score and SE $=$ `std(ddof=1) / sqrt(n_scores)` over `axis=1`; find
# the alpha with the **highest** mean; return the **largest** alpha whose mean score is at
# least (best mean $-$ SE at the best).
#
# *Hints:* `np.argmax`, not `np.argmin` (these are scores, not errors); the threshold is
# *below* the best score; `np.max(alphas[ok])` does not depend on the order of `alphas`.
# The SE treats the $R\cdot K$ scores as independent, so it is optimistic (section 3): the
# rule is a rule of thumb for preferring the simpler model, not a test.

# %% nbgrader={"grade": false, "grade_id": "answer_one_se_choice", "locked": false, "schema_version": 3, "solution": true, "task": false}
def one_se_choice(alphas, scores):
    """Largest alpha whose mean score >= best mean score - SE at the best (scores: higher is better)."""
    ### BEGIN SOLUTION
    alphas = np.asarray(alphas, dtype=float)
    scores = np.asarray(scores, dtype=float)
    mean = scores.mean(axis=1)
    se = scores.std(axis=1, ddof=1) / np.sqrt(scores.shape[1])
    best = np.argmax(mean)
    return float(np.max(alphas[mean >= mean[best] - se[best]]))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "one_se_choice_uses_scores", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("choosing_lambda.check_one_se_choice", "one_se_choice")
### END HIDDEN TESTS
# Four scores per alpha. Mean scores -4.3, -3.95, -3.5, -5.0, -5.5 for alphas 100, 10, 1, 0.1, 0.01;
# the best is alpha = 1, whose scores have std(ddof=1) 0.987, so SE = 0.987 / sqrt(4) = 0.493 and
# the threshold is -3.5 - 0.493 = -3.993: alphas 10 and 1 qualify, the largest is 10. (Alpha 100
# is within one standard DEVIATION, or within its own SE, of the best, but not within the SE at the best.)
alphas_toy = np.array([100.0, 10.0, 1.0, 0.1, 0.01])
scores_toy = np.array([[-2.0, -3.5, -5.0, -6.7], [-3.4, -3.6, -4.2, -4.6], [-2.4, -3.0, -4.0, -4.6],
                       [-4.4, -4.8, -5.2, -5.6], [-5.0, -5.4, -5.6, -6.0]])
choice_toy = one_se_choice(alphas_toy, scores_toy)
assert np.isclose(choice_toy, 10.0), f"expected 10.0, the largest alpha with mean score >= -3.5 - 0.493; got {choice_toy}"

# %%
alpha_best_rep = float(alphas_rep[np.argmax(rep_scores.mean(axis=1))])
alpha_1se_rep = one_se_choice(alphas_rep, rep_scores)
print(f"best mean score at alpha = {alpha_best_rep:.3g}; one-SE choice over {rep_scores.shape[1]} scores: "
      f"alpha = {alpha_1se_rep:.3g}")

# %% [markdown]
# The one-SE rule moves to a larger alpha than the best mean (printed): the largest penalty
# whose mean score is within one SE of the best, i.e. the simplest model that is about as
# good. Note which SE the rule uses: the spread of the best alpha's own scores, the
# *unpaired* kind of section 3, which carries the shared fold-to-fold variation. If the one-SE
# choice is the neighbour compared in section 3 (compare the printed alphas), the paired
# comparison there was sharper than this rule.

# %% [markdown]
# ## 6. The best CV score is optimistic; nested CV is not
#
# Suppose we pick the alpha with the best mean CV score and report that score as "the error
# of our model". Each mean CV score is the true error plus noise; the minimum over a grid
# favours the alpha whose noise happened to be favourable, so the reported minimum is
# **biased low**. This is selection bias, the winner's curse; the more candidates (and the
# noisier the scores), the larger it is. The test split would give an honest number, but we
# can only use it once.
#
# **Nested cross-validation** estimates the error of the whole procedure without touching the
# test split. An *outer* CV splits the data; on each outer training fold an *inner* CV chooses
# alpha (a `GridSearchCV`), the pipeline is refitted there at that alpha, and it is scored on
# the outer test fold, which the choice never saw. Different outer folds may choose different
# alphas: nested CV scores the **procedure**, not one alpha.
#
# ## 7. Exercise 3 — nested cross-validation
#
# Write `nested_cv_score(X, y, alphas, outer_cv, inner_cv)` returning a NumPy array with one
# **MSE** (positive) per outer split, in the order of `outer_cv`'s splits, for the pipeline
# `make_pipeline(preprocess, Ridge())` whose alpha is chosen from `alphas` by a grid search with
# `inner_cv` and `scoring="neg_mean_squared_error"`.
#
# *Hint:* a `GridSearchCV` object is itself an estimator: `cross_val_score(GridSearchCV(
# pipeline, {"ridge__alpha": alphas}, cv=inner_cv, scoring=...), X, y, cv=outer_cv,
# scoring=...)` runs the whole inner search on every outer training fold. Keep the scaler and
# the polynomial features **inside** the pipeline (do not transform `X` first), use `inner_cv`
# for the inner search and `outer_cv` only for scoring, and negate the scores.

# %% nbgrader={"grade": false, "grade_id": "answer_nested_cv_score", "locked": false, "schema_version": 3, "solution": true, "task": false}
def nested_cv_score(X, y, alphas, outer_cv, inner_cv):
    """Outer-fold MSEs of Ridge whose alpha is chosen by GridSearchCV(cv=inner_cv) on each outer training fold."""
    ### BEGIN SOLUTION
    search = GridSearchCV(make_pipeline(preprocess, Ridge()), {"ridge__alpha": list(alphas)},
                          cv=inner_cv, scoring="neg_mean_squared_error")
    return -cross_val_score(search, X, y, cv=outer_cv, scoring="neg_mean_squared_error")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "nested_cv_keeps_test_folds_out", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("choosing_lambda.check_nested_cv_score", "nested_cv_score")
### END HIDDEN TESTS
# The same procedure written as an explicit loop over the outer splits.
X_nest, y_nest = X_train.iloc[:120], y_train.iloc[:120]
outer_demo = KFold(n_splits=3, shuffle=True, random_state=1)
inner_demo = KFold(n_splits=3, shuffle=True, random_state=2)
got_nested = np.asarray(nested_cv_score(X_nest, y_nest, [0.1, 10.0], outer_demo, inner_demo), dtype=float)
assert got_nested.shape == (3,), f"one MSE per outer split: expected shape (3,), got {got_nested.shape}"
loop_mse = []
for tr, te in outer_demo.split(X_nest):
    inner_search = GridSearchCV(make_pipeline(preprocess, Ridge()), {"ridge__alpha": [0.1, 10.0]},
                                cv=inner_demo, scoring="neg_mean_squared_error").fit(X_nest.iloc[tr], y_nest.iloc[tr])
    loop_mse.append(mean_squared_error(y_nest.iloc[te], inner_search.predict(X_nest.iloc[te])))
assert np.allclose(got_nested, loop_mse, rtol=1e-6), f"expected the outer-fold MSEs {np.round(loop_mse, 3)}, got {np.round(got_nested, 3)}"

# %% [markdown]
# ### The gap between the best CV score and nested CV
#
# For three different random splittings (seeds of the splitters), the cell computes the
# optimistic number (the best mean 4-fold CV MSE over a 7-value grid, `-best_score_`) and
# the nested estimate (4 outer folds, 3 inner folds, the same grid) on the training split.
# It also prints the test MSE of the model tuned on the whole training split (it depends only
# on the alpha picked) — an honest number, but from only 98 test cars, so itself noisy.
# *(This cell takes about 5 to 12 s on a 2-core laptop, the longer when other programs are
# busy.)*

# %%
alphas_nest = np.logspace(-2, 2, 7)
rows = []
for seed in range(3):
    outer = KFold(n_splits=4, shuffle=True, random_state=seed)
    inner = KFold(n_splits=3, shuffle=True, random_state=100 + seed)
    search = GridSearchCV(make_pipeline(preprocess, Ridge()), {"ridge__alpha": alphas_nest}, cv=outer,
                          scoring="neg_mean_squared_error").fit(X_train, y_train)
    nested = nested_cv_score(X_train, y_train, alphas_nest, outer, inner)
    rows.append({"seed": seed, "alpha picked": search.best_params_["ridge__alpha"],
                 "best CV MSE (optimistic)": -search.best_score_, "nested CV MSE": nested.mean(),
                 "gap": nested.mean() + search.best_score_,
                 "test MSE of the tuned model": mean_squared_error(y_test, search.predict(X_test))})
nest_table = pd.DataFrame(rows)
print(nest_table.round(3).to_string(index=False))
print(f"mean gap (nested - best CV) over the 3 seeds: {nest_table['gap'].mean():.3f} mpg²")

# %% [markdown]
# **Reading the table.** In every row the nested estimate is higher than the best CV score
# (the "gap" column is positive, and so is its printed mean): that gap is the optimism of
# reporting a minimum. Here there is only one hyperparameter and 294 cars, so the gap is a
# modest fraction of the MSE; with many hyperparameters, small data or a very fine grid it
# grows. Nested CV answers "how well does *tuning alpha by CV* work on data like this?"; to
# deploy a model you still run the inner search once on all training data (the `GridSearchCV`
# above) and use its alpha.
#
# ## 8. Search beyond a grid, at an equal budget
#
# The Elastic Net has two hyperparameters, `alpha` and `l1_ratio`. A grid spends its budget on
# a few values of each; with a fixed number of fits, other strategies may find better
# settings. We compare four, each with **9 candidates evaluated by 3-fold CV = 27 fits**
# (successive halving gets about the same number of *training rows*, see below):
#
# - `GridSearchCV`: 3 alphas ($10^{-3}, 10^{-1}, 10$) × 3 l1_ratios (0.1, 0.55, 1);
# - `RandomizedSearchCV`: 9 random draws, alpha log-uniform on $[10^{-3}, 10]$ and l1_ratio
#   uniform on $[0.05, 1]$;
# - `HalvingRandomSearchCV` (**successive halving**, still experimental in scikit-learn, so it
#   must be enabled by `from sklearn.experimental import enable_halving_search_cv`): 14 random
#   draws evaluated by 3-fold CV on a random subsample of 90 cars, then the best third (5) on
#   270 cars. That is 57 fits, but most of them small: in training rows it costs about as much
#   as the other searches (the "training rows" column below);
# - Optuna's `TPESampler` (a Tree-structured Parzen Estimator, Bergstra et al. 2011; see the
#   Optuna docs): 9 trials, the first 3 random, each later one proposed where good trials
#   were more dense than bad ones.
#
# Random draws depend on a seed, so each random strategy runs with **3 search seeds**; the CV
# splits stay the same (`KFold(3, shuffle=True, random_state=0)`) so the scores are comparable.
# The three random strategies draw from the same distributions with the same seed, so they
# **share their first draws**: for a given seed, halving's first 9 candidates are random
# search's 9, and TPE's 3 random start-up trials are random search's first 3 (the cell after
# the figure checks this). Their rows for one seed are therefore not independent results: when
# halving ends up keeping one of the 9 candidates it shares with random search, the two rows
# are identical, and a difference between two methods at one seed comes only from what each
# does beyond the shared draws.
# `ElasticNet(max_iter=2000, tol=1e-3)` keeps fits fast; for the tiniest alphas coordinate
# descent may stop before it converges, and we silence exactly that `ConvergenceWarning`,
# around the searches only. *(This cell takes about 7 to 15 s on a 2-core laptop, the longer
# when other programs are busy.)*

# %%
def enet_pipeline():
    return make_pipeline(clone(preprocess), ElasticNet(max_iter=2000, tol=1e-3))


cv3 = KFold(n_splits=3, shuffle=True, random_state=0)
N_CANDIDATES, SEEDS = 9, (0, 1, 2)
space = {"elasticnet__alpha": loguniform(1e-3, 10), "elasticnet__l1_ratio": uniform(0.05, 0.95)}
grid = {"elasticnet__alpha": np.logspace(-3, 1, 3), "elasticnet__l1_ratio": [0.1, 0.55, 1.0]}
HALVING = {"n_candidates": 14, "factor": 3, "min_resources": 90}


def cv_mse(model):
    return -cross_val_score(model, X_train, y_train, cv=cv3, scoring="neg_mean_squared_error").mean()


def tpe_search(seed):
    """Optuna TPE: minimise the same 3-fold CV MSE; print progress to stdout every 3 trials."""
    def objective(trial):
        model = enet_pipeline().set_params(
            elasticnet__alpha=trial.suggest_float("alpha", 1e-3, 10, log=True),
            elasticnet__l1_ratio=trial.suggest_float("l1_ratio", 0.05, 1.0))
        return cv_mse(model)

    def progress(study, trial):
        if (trial.number + 1) % 3 == 0:
            print(f"    TPE seed {seed}: {trial.number + 1}/{N_CANDIDATES} trials, best CV MSE so far {study.best_value:.3f}")

    study = optuna.create_study(direction="minimize",
                                sampler=optuna.samplers.TPESampler(seed=seed, n_startup_trials=3))
    study.optimize(objective, n_trials=N_CANDIDATES, callbacks=[progress])
    return study


results, curves, halving_searches, random_searches, studies = [], {}, [], [], []
rows_per_fit = 2 * len(X_train) // 3  # a training fold of 3-fold CV on the full training split
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    for seed in SEEDS:
        print(f"search seed {seed}")
        runs = {}
        start = time.perf_counter()
        if seed == SEEDS[0]:  # the grid has no randomness: run it once
            runs["grid"] = GridSearchCV(enet_pipeline(), grid, cv=cv3, scoring="neg_mean_squared_error").fit(X_train, y_train)
        runs["random"] = RandomizedSearchCV(enet_pipeline(), space, n_iter=N_CANDIDATES, cv=cv3, random_state=seed,
                                            scoring="neg_mean_squared_error").fit(X_train, y_train)
        runs["halving"] = HalvingRandomSearchCV(enet_pipeline(), space, cv=cv3, random_state=seed,
                                                scoring="neg_mean_squared_error", **HALVING).fit(X_train, y_train)
        halving_searches.append(runs["halving"])
        random_searches.append(runs["random"])
        study = tpe_search(seed)
        studies.append(study)
        for method, search in runs.items():
            trace = -search.cv_results_["mean_test_score"]
            if method == "halving":  # its own scores come from subsamples: rescore its pick on the full folds
                fits, rows = 3 * int(np.sum(search.n_candidates_)), 2 * int(np.dot(search.n_candidates_, search.n_resources_))
                best_cv, model = cv_mse(search.best_estimator_), search.best_estimator_
            else:
                fits, rows = 3 * len(trace), len(trace) * 3 * rows_per_fit
                best_cv, model = float(trace.min()), search.best_estimator_
                curves[(method, seed)] = np.minimum.accumulate(trace)
            results.append({"method": method, "seed": seed, "fits": fits, "training rows": rows,
                            "best CV MSE": best_cv, "test MSE": mean_squared_error(y_test, model.predict(X_test))})
        trace = np.array([t.value for t in study.trials])
        curves[("TPE", seed)] = np.minimum.accumulate(trace)
        best_model = enet_pipeline().set_params(elasticnet__alpha=study.best_params["alpha"],
                                                elasticnet__l1_ratio=study.best_params["l1_ratio"]).fit(X_train, y_train)
        results.append({"method": "TPE", "seed": seed, "fits": 3 * len(trace), "training rows": len(trace) * 3 * rows_per_fit,
                        "best CV MSE": float(trace.min()), "test MSE": mean_squared_error(y_test, best_model.predict(X_test))})
        print(f"  seed {seed} done in {time.perf_counter() - start:.1f} s")

search_table = pd.DataFrame(results)
print(search_table.round(3).to_string(index=False))
print("\nbest CV MSE per method (mean and range over the seeds):")
print(search_table.groupby("method", sort=False)["best CV MSE"].agg(["mean", "min", "max"]).round(3).to_string())

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
colours = {"grid": "black", "random": "tab:blue", "TPE": "tab:orange", "halving": "tab:green"}
for (method, seed), curve in curves.items():
    ax.plot(3 * np.arange(1, len(curve) + 1), curve, color=colours[method], alpha=0.8, lw=1.5,
            label=method if seed == SEEDS[0] else None)
halving_rows = search_table[search_table["method"] == "halving"]
ax.scatter(halving_rows["fits"], halving_rows["best CV MSE"], color=colours["halving"], zorder=3,
           label="halving (its pick, rescored on the full folds)")
ax.set(xlabel="number of fits (candidates × 3 folds)", ylabel="best 3-fold CV MSE so far (mpg²)",
       title="Elastic Net on polynomial Auto MPG: best CV score vs budget")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# %%
for seed, rand, halv, study in zip(SEEDS, random_searches, halving_searches, studies):
    drawn = [(c["elasticnet__alpha"], c["elasticnet__l1_ratio"]) for c in rand.cv_results_["params"]]
    halving_first = [(c["elasticnet__alpha"], c["elasticnet__l1_ratio"])
                     for c, it in zip(halv.cv_results_["params"], halv.cv_results_["iter"]) if it == 0]
    tpe_first = [(t.params["alpha"], t.params["l1_ratio"]) for t in study.trials[:3]]
    print(f"seed {seed}: halving's first {len(drawn)} of {len(halving_first)} candidates are random search's "
          f"{len(drawn)}: {np.allclose(halving_first[:len(drawn)], drawn)}; TPE's 3 start-up trials are random "
          f"search's first 3: {np.allclose(tpe_first, drawn[:3])}")

# %% [markdown]
# **What the figure and table show.** Each curve is the best CV MSE found so far against the
# number of fits, one curve per search seed (the grid has one; its order is the grid's, so
# only its end point means much). Halving does more fits (57), most of them on 60 training
# rows (two thirds of 90), which is why its "training rows" column is close to the others';
# it appears as one point per seed at its total. Compare the printed means and ranges:
#
# - the spread **between seeds** of one random method is of the same order as the differences
#   **between methods**, so a single run of each would rank them by luck;
# - the grid, whose middle alpha ($10^{-1}$) happens to sit near the best region, is not
#   beaten here (its printed best CV MSE is at least as low as the others' means): with two
#   hyperparameters that both matter and 27 fits, a well-placed grid is hard to beat. Random
#   search and TPE pay off when there are more hyperparameters, only some of which matter
#   (Bergstra and Bengio, 2012, *Random search for hyper-parameter optimization*, JMLR 13), and
#   halving pays off when a fit's cost grows with the number of rows (here every fit takes a
#   few milliseconds whatever its size, so halving saves no time);
# - the test MSEs do not follow the CV ranking: the differences in CV MSE are a few tenths of
#   an mpg², within the noise of a 98-car test set.
#
# And one caveat from section 6: each "best CV MSE" is a minimum over the method's own
# candidates, so it is optimistic, and more so for a method that evaluates more candidates.
#
# ## 9. Exercise 4 — the budget of successive halving
#
# Successive halving with `factor` $f$ starts with `n_candidates` candidates on
# `min_resources` rows, and after each round keeps the best $\lceil c/f\rceil$ of the $c$
# candidates and multiplies the rows by $f$. scikit-learn (with `aggressive_elimination=False`)
# runs
#
# $$\text{rounds} = \min\big(1 + \lfloor\log_f \texttt{n\_candidates}\rfloor,\;
# 1 + \lfloor\log_f(\texttt{max\_resources} \,/\!/\, \texttt{min\_resources})\rfloor\big),$$
#
# the first term being the rounds until a single candidate is left, the second the rounds before
# the rows would exceed `max_resources` (`//` is integer division). Round $i = 0, 1, \dots$
# evaluates its candidates on $\min(\texttt{min\_resources}\cdot f^i,\ \texttt{max\_resources})$
# rows.
#
# Write `halving_budget(n_candidates, factor, min_resources, max_resources)` returning two
# lists of ints, `(candidates_per_round, resources_per_round)` — what scikit-learn stores in
# `n_candidates_` and `n_resources_`.
#
# *Hint:* `import math` first. Count the rounds with the formula, written as scikit-learn
# writes it: `1 + math.floor(math.log(x, factor))` (note the `1 +`). Then loop: record the current
# candidates and rows, then `candidates = math.ceil(candidates / factor)`. Round 0 has
# $f^0 = 1$ times `min_resources`.
#
# *Exact powers.* `math.log` works in floating point, and at an exact power of the factor it can
# land just below the integer: `math.log(243, 3)` is 4.999…, so (given enough rows)
# scikit-learn runs 5 rounds, `[243, 81, 27, 9, 3]`, where exact integer counting (dividing by
# 3 until 1 is left) gives 6 rounds, `[243, 81, 27, 9, 3, 1]`. This exercise asks for what scikit-learn does, so
# `math.log` is the right method; an exact integer count is the better arithmetic but differs
# from scikit-learn there. The graded problems avoid exact powers, so both pass.

# %% nbgrader={"grade": false, "grade_id": "answer_halving_budget", "locked": false, "schema_version": 3, "solution": true, "task": false}
def halving_budget(n_candidates, factor, min_resources, max_resources):
    """(candidates per round, resources per round) of scikit-learn's successive halving."""
    ### BEGIN SOLUTION
    import math

    n_required = 1 + math.floor(math.log(n_candidates, factor))
    n_possible = 1 + math.floor(math.log(max_resources // min_resources, factor))
    candidates, resources = [], []
    c = n_candidates
    for i in range(min(n_required, n_possible)):
        candidates.append(int(c))
        resources.append(int(min(min_resources * factor ** i, max_resources)))
        c = math.ceil(c / factor)
    return candidates, resources
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "halving_budget_matches_sklearn", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("choosing_lambda.check_halving_budget", "halving_budget")
### END HIDDEN TESTS
# The halving search of section 8 (seed 0) recorded what it did.
got_c, got_r = halving_budget(HALVING["n_candidates"], HALVING["factor"], HALVING["min_resources"], len(X_train))
sk = halving_searches[0]
assert list(got_c) == list(sk.n_candidates_), f"candidates per round {list(got_c)}, scikit-learn ran {sk.n_candidates_}"
assert list(got_r) == list(sk.n_resources_), f"rows per round {list(got_r)}, scikit-learn used {sk.n_resources_}"
# By hand: 40 candidates, factor 4, 15 to 600 rows. Both counts give 1 + floor(log_4 40) = 1 + floor(log_4(600 // 15))
# = 3 rounds; the candidates go 40 -> ceil(40 / 4) = 10 -> ceil(10 / 4) = 3, the rows 15, 60, 240.
got_c, got_r = halving_budget(40, 4, 15, 600)
assert (list(got_c), list(got_r)) == ([40, 10, 3], [15, 60, 240]), \
    f"expected candidates [40, 10, 3] and rows [15, 60, 240], got {list(got_c)} and {list(got_r)}"

# %%
import math

for args in ((14, 3, 90, 294), (100, 3, 20, 294), (50, 2, 10, 1000)):
    c, r = halving_budget(*args)
    print(f"n_candidates={args[0]}, factor={args[1]}, min_resources={args[2]}, max_resources={args[3]}: "
          f"{len(c)} rounds, candidates {c}, rows {r}, fits with 3-fold CV {3 * sum(c)}")
print(f"at an exact power: math.log(243, 3) = {math.log(243, 3)!r}, so 1 + floor(...) = "
      f"{1 + math.floor(math.log(243, 3))} rounds where exact counting gives 6")

# %% [markdown]
# The first line is section 8's search; the last line is the exact-power case of the hint. In
# the first two lines the rows run out first: 100
# candidates would need five rounds to get down to one, but a fourth round would need
# $20\cdot 3^3 = 540 > 294$ rows, so scikit-learn stops after the printed rounds and picks the
# best of the last round's candidates. In the third line the candidates run out first.
#
# ## 10. The probabilistic view: a penalty is a prior
#
# Assume $y_i = b + x_i^\top w + \varepsilon_i$ with independent noise
# $\varepsilon_i \sim \mathcal N(0, \sigma^2)$ and a flat prior on $b$. Bayes' rule gives the
# posterior $p(w \mid y) \propto p(y \mid w)\,p(w)$; its maximiser is the **MAP** (maximum a
# posteriori) estimate. Taking $-\log$:
#
# $$-\log p(w\mid y) = \frac{1}{2\sigma^2}\lVert y - b - Xw\rVert^2 - \log p(w) + \text{const}.$$
#
# - **Laplace prior** on each weight, $p(w_j) = \frac{1}{2s}e^{-|w_j|/s}$ (scale $s$):
#   $-\log p(w) = \frac1s\lVert w\rVert_1 + \text{const}$. Multiplying by $\sigma^2/n$ (which
#   does not move the minimiser) gives $\frac{1}{2n}\lVert y - b - Xw\rVert^2 +
#   \frac{\sigma^2}{ns}\lVert w\rVert_1$: **the Lasso with $\alpha = \sigma^2/(n s)$**.
# - **Gaussian prior** $w_j \sim \mathcal N(0, \tau^2)$: $-\log p(w) =
#   \frac{1}{2\tau^2}\lVert w\rVert^2 + \text{const}$. Multiplying by $2\sigma^2$ gives
#   $\lVert y - b - Xw\rVert^2 + \frac{\sigma^2}{\tau^2}\lVert w\rVert^2$: **Ridge with
#   $\alpha = \sigma^2/\tau^2$** (no $n$: Ridge's data term has no $1/n$).
#
# (ESL section 3.4.3 and ISLR section 6.2.2 make the same link.) A larger penalty is a
# narrower prior: a stronger belief that the weights are near 0.
#
# ## 11. Exercise 5 — the alphas of a prior
#
# Write `alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples)` returning the
# tuple `(lasso_alpha, ridge_alpha)`: scikit-learn's `Lasso` alpha whose fit is the MAP under
# the Laplace prior of scale `laplace_scale`, and `Ridge` alpha whose fit is the MAP under the
# Gaussian prior of standard deviation `gaussian_sd`, with noise standard deviation
# `noise_sd` and `n_samples` training rows.
#
# *Hint:* $\sigma$ is a standard deviation, so square it. The $n$ belongs to the Lasso only.

# %% nbgrader={"grade": false, "grade_id": "answer_alphas_from_priors", "locked": false, "schema_version": 3, "solution": true, "task": false}
def alphas_from_priors(noise_sd, laplace_scale, gaussian_sd, n_samples):
    """(Lasso alpha = sigma² / (n s), Ridge alpha = sigma² / tau²)."""
    ### BEGIN SOLUTION
    variance = noise_sd ** 2
    return variance / (n_samples * laplace_scale), variance / gaussian_sd ** 2
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "prior_alphas_give_map", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("choosing_lambda.check_alphas_from_priors", "alphas_from_priors")
### END HIDDEN TESTS
# sigma = 3, s = 0.5, tau = 2, n = 100: Lasso alpha = 9 / (100 * 0.5) = 0.18, Ridge alpha = 9 / 4 = 2.25.
lasso_a, ridge_a = alphas_from_priors(3.0, 0.5, 2.0, 100)
assert np.isclose(lasso_a, 0.18), f"Lasso alpha should be sigma² / (n s) = 0.18, got {lasso_a}"
assert np.isclose(ridge_a, 2.25), f"Ridge alpha should be sigma² / tau² = 2.25, got {ridge_a}"

# %% [markdown]
# ### Checking the MAP claim on Auto MPG
#
# On the preprocessed training features (29 columns) we take $\sigma = 3$ mpg, a Laplace scale
# $s = 0.5$ and a Gaussian SD $\tau = 1$ (mpg per standard deviation of a feature), fit `Lasso`
# and `Ridge` at your alphas, and compare with the negative log posterior:
#
# - Ridge: minimise $-\log p(w\mid y)$ directly with `scipy.optimize.minimize` (L-BFGS-B; the
#   function is smooth) and compare the weights;
# - Lasso: $-\log p$ has a kink, so instead check the identity behind the derivation:
#   for any $(b, w)$, $-\log p(w \mid y) = \frac{n}{\sigma^2}\cdot\text{Lasso objective}(b, w)$
#   up to a constant, and that the Lasso solution has a lower $-\log p$ than 200 random
#   perturbations of it.

# %%
Z = preprocess.fit(X_train).transform(X_train)
yv = y_train.to_numpy()
n_z = len(yv)
sigma, s_laplace, tau = 3.0, 0.5, 1.0
lasso_alpha, ridge_alpha = alphas_from_priors(sigma, s_laplace, tau, n_z)
print(f"n = {n_z}: Lasso alpha = {lasso_alpha:.5f}, Ridge alpha = {ridge_alpha:.3f}")


def neg_log_post(b, w, prior):
    r = yv - b - Z @ w
    penalty = np.abs(w).sum() / s_laplace if prior == "laplace" else w @ w / (2 * tau ** 2)
    return r @ r / (2 * sigma ** 2) + penalty


ridge_fit = Ridge(alpha=ridge_alpha).fit(Z, yv)
opt = minimize(lambda t: neg_log_post(t[0], t[1:], "gaussian"), np.zeros(n_columns + 1), method="L-BFGS-B",
               options={"maxiter": 20_000, "ftol": 1e-15, "gtol": 1e-10})
print(f"Ridge vs direct MAP: max |weight difference| = {np.max(np.abs(opt.x[1:] - ridge_fit.coef_)):.2e}, "
      f"|intercept difference| = {abs(opt.x[0] - ridge_fit.intercept_):.2e}")

lasso_fit = Lasso(alpha=lasso_alpha, max_iter=100_000, tol=1e-10).fit(Z, yv)
rng = np.random.default_rng(0)


def lasso_objective(b, w):
    r = yv - b - Z @ w
    return r @ r / (2 * n_z) + lasso_alpha * np.abs(w).sum()


pairs = [(rng.normal(20, 5), rng.normal(size=n_columns)) for _ in range(5)]
ratios = [(neg_log_post(b1, w1, "laplace") - neg_log_post(b2, w2, "laplace"))
          / (lasso_objective(b1, w1) - lasso_objective(b2, w2)) for (b1, w1), (b2, w2) in zip(pairs, pairs[1:])]
print(f"difference ratios -log p / Lasso objective: {np.round(ratios, 6).tolist()}; n / sigma² = {n_z / sigma ** 2:.6f}")
at_fit = neg_log_post(lasso_fit.intercept_, lasso_fit.coef_, "laplace")
perturbed = [neg_log_post(lasso_fit.intercept_ + 0.01 * rng.normal(), lasso_fit.coef_ + 0.01 * rng.normal(size=n_columns), "laplace")
             for _ in range(200)]
print(f"-log p at the Lasso fit {at_fit:.4f}; lowest of 200 perturbations {min(perturbed):.4f}; "
      f"weights exactly 0: {int(np.sum(lasso_fit.coef_ == 0))} of {n_columns} (Lasso) vs "
      f"{int(np.sum(ridge_fit.coef_ == 0))} (Ridge)")

# %% [markdown]
# The printed ratios all equal $n/\sigma^2$, so the two functions differ by a positive factor
# and a constant and have the same minimiser; no perturbation beats the Lasso fit, and the
# direct minimisation reproduces Ridge to the printed precision.
#
# ### Why the Laplace prior gives exact zeros
#
# Left: the two priors with the **same variance** ($2s^2 = \tau^2$). The Laplace density has a
# sharp peak — a kink — at 0 and heavier tails. Right: the posterior of **one** weight when the
# data alone would put it at $z = 0.6$ (a Gaussian likelihood centred at $z$ with unit
# variance) and the prior has $s = 1$ (Laplace) or $\tau = 1$ (Gaussian).

# %%
w_axis = np.linspace(-3, 3, 1201)
s_eq = 1.0 / np.sqrt(2.0)  # Laplace variance 2 s² = 1 = tau²
laplace_pdf = np.exp(-np.abs(w_axis) / s_eq) / (2 * s_eq)
gauss_pdf = np.exp(-w_axis ** 2 / 2) / np.sqrt(2 * np.pi)
z_obs = 0.6
post_laplace = np.exp(-0.5 * (w_axis - z_obs) ** 2 - np.abs(w_axis))
post_gauss = np.exp(-0.5 * (w_axis - z_obs) ** 2 - 0.5 * w_axis ** 2)
post_laplace /= np.trapezoid(post_laplace, w_axis)
post_gauss /= np.trapezoid(post_gauss, w_axis)
map_laplace, map_gauss = w_axis[np.argmax(post_laplace)], w_axis[np.argmax(post_gauss)]
mean_laplace = np.trapezoid(w_axis * post_laplace, w_axis)
print(f"z = {z_obs}: MAP under the Laplace prior {map_laplace:+.3f} (soft-threshold max(0.6 - 1, 0) = 0), "
      f"under the Gaussian prior {map_gauss:+.3f} (z / 2 = 0.3); posterior MEAN under the Laplace prior {mean_laplace:+.3f}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
axes[0].plot(w_axis, laplace_pdf, label=f"Laplace, s = {s_eq:.3f} (L1)")
axes[0].plot(w_axis, gauss_pdf, label="Gaussian, tau = 1 (L2)")
axes[0].set(xlabel="weight w", ylabel="prior density", title="Two priors with variance 1")
axes[0].legend()
axes[1].plot(w_axis, post_laplace, label="posterior, Laplace prior (s = 1)")
axes[1].plot(w_axis, post_gauss, label="posterior, Gaussian prior (tau = 1)")
axes[1].axvline(z_obs, color="grey", ls=":", label=f"data alone: z = {z_obs}")
axes[1].set(xlabel="weight w", ylabel="posterior density", title="One weight: the posterior and its mode")
axes[1].legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** Left: at equal variance the Laplace prior puts more mass very
# near 0 and in the tails; its log-density $-|w|/s$ has slope $\pm 1/s$ right up to 0. Right:
# with the Laplace prior the posterior's **mode** sits exactly at 0 (printed): the kink adds a
# constant pull of $1/s$ toward 0 that the data's pull of $z = 0.6$ cannot overcome. The
# Gaussian prior's pull $w/\tau^2$ fades to nothing at 0, so its mode is merely shrunk (to
# $z/2$ here). That is lesson 02's soft-threshold seen as a posterior. Note the printed
# posterior **mean** under the Laplace prior: it is not 0. Exact zeros are a property of the
# MAP estimate, not of Bayesian averaging (the "Bayesian lasso" of Park and Casella, 2008,
# gives no exact zeros).
#
# The prior view also explains what CV is doing: choosing alpha is choosing how narrow the
# prior is. A fully Bayesian treatment would put a prior on that scale as well
# (scikit-learn's `BayesianRidge` estimates it from the data instead of by CV).
#
# ## Summary
#
# - A CV score depends on the random split; repeat the CV (`RepeatedKFold`) before trusting
#   small differences between alphas.
# - Compare two settings on the **same folds**: the paired difference removes the shared
#   fold difficulty. Its naive SE $s_d/\sqrt K$ is optimistic because folds overlap; the
#   Nadeau–Bengio correction $s_d\sqrt{1/K + n_\text{test}/n_\text{train}}$ is more honest.
# - The one-SE rule works on repeated CV scores too (higher scores are better: threshold below
#   the best).
# - The best CV score over a grid is biased; nested CV (a `GridSearchCV` inside
#   `cross_val_score`, separate inner and outer splitters, preprocessing inside the pipeline)
#   estimates the error of the tuning procedure honestly.
# - At an equal budget, random search, successive halving and TPE are alternatives to a grid;
#   compare them over several seeds and remember that their best scores are optimistic too.
# - L1 and L2 are the MAP estimates under Laplace and Gaussian priors: Lasso
#   $\alpha = \sigma^2/(ns)$, Ridge $\alpha = \sigma^2/\tau^2$; the Laplace kink at 0 is why
#   the mode is exactly 0.
