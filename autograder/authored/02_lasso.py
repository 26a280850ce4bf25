# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 02 — Lasso (L1): exact zeros, feature selection, coordinate descent
#
# Lesson 01 fitted ordinary least squares (OLS) to Auto MPG. Here we add an **L1 penalty** on
# the weights. The result, the **Lasso**, does something no amount of L2 shrinkage does: it
# sets some weights to **exactly zero**, so fitting the model also chooses the features.
#
# **The objective**, exactly as scikit-learn's `Lasso` defines it, with $n$ samples:
#
# $$\frac{1}{2n}\,\lVert y - b - Xw \rVert^2 \;+\; \alpha\,\lVert w\rVert_1,
# \qquad \lVert w\rVert_1 = \sum_j |w_j| .$$
#
# Three details matter, and the graded tests check each of them:
#
# - the data term is divided by $2n$ (not $n$, not nothing), so $\alpha$ is on the scale of a
#   mean squared error and means the same thing whatever the number of samples;
# - the penalty is on $w$ only — the intercept $b$ is **not** penalised (shrinking $b$ toward
#   0 would just bias every prediction toward 0 mpg);
# - the penalty treats all weights alike, so the features must be on a common scale
#   (**standardised**) first, with the scaler fitted on training data only.
#
# **Exercises** (graded by nbgrader): 1. the soft-threshold operator; 2. one coordinate
# update; 3. the full coordinate-descent solver; 4. the names of the selected features;
# 5. the features the Lasso keeps on Auto MPG at a given $\alpha$; 6. cross-validated error for
# each $\alpha$; 7. the one-standard-error rule. Each exercise says what to write and gives a
# hint; run the test cell below it to check your answer. The grader runs more tests than you
# see (several random problems, with intercepts, correlated columns and exact zeros).

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Lasso, LinearRegression, lasso_path
from sklearn.metrics import root_mean_squared_error
from sklearn.model_selection import KFold, train_test_split, validation_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy
from lessonkit.plots import coefficient_bars

# %% [markdown]
# ## 1. Data, split and preprocessing (as in lesson 01)
#
# Same cars, same test split (`random_state=0`), same preprocessing: the six numeric columns
# are standardised and `origin` is one-hot encoded with USA as the reference level. The
# transformer is only *defined* here; it is fitted inside each pipeline, on whatever data
# that pipeline is fitted on. Each pipeline gets its own unfitted copy, `clone(preprocess)`:
# a pipeline fits its steps **in place**, so pipelines built on the one `preprocess` object
# would share a single scaler, and fitting one would silently refit the scaler of the others.

# %%
X, y = auto_mpg_xy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

preprocess = ColumnTransformer([
    ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
feature_names = AUTO_MPG_NUMERIC + [f"origin_{level}" for level in ORIGINS[1:]]
print(f"training cars: {len(X_train)}, test cars: {len(X_test)}; features after encoding: {feature_names}")

# %% [markdown]
# ## 2. Why L1 gives exact zeros
#
# Compare the two penalties on a single weight. $|w|$ has a **kink** at 0: its slope is
# $\pm 1$ right up to zero, so the pull toward 0 never weakens. $w^2$ is flat at 0: its
# slope $2w$ fades as $w$ shrinks, so the pull vanishes before $w$ arrives.
#
# Now minimise each penalty plus a quadratic "data term" for one weight,
# $\tfrac12 (w - z)^2 + t\cdot\text{penalty}(w)$, where $z$ is where the data alone would put $w$:
#
# - L1, $t|w|$: the minimiser is the **soft-threshold** $S(z, t) = \operatorname{sign}(z)\max(|z| - t, 0)$.
#   Every value moves toward 0 by the *same amount* $t$, and anything with $|z| \le t$ lands
#   **exactly** on 0 (it is clipped there; it never crosses to the other side).
# - L2, $\tfrac{t}{2}w^2$: the minimiser is $z / (1 + t)$. Every value is *scaled* by the same
#   factor: big weights lose a lot, small ones little, and nothing ever reaches 0.
#
# The right panel below draws both maps for $t = 1$.

# %%
w_grid = np.linspace(-2.5, 2.5, 201)
t_demo = 1.0
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(w_grid, np.abs(w_grid), label="L1: |w|")
axes[0].plot(w_grid, w_grid ** 2, label="L2: w²")
axes[0].set(xlabel="weight w", ylabel="penalty", title="Penalty shapes", ylim=(-0.1, 3.0))
axes[0].legend()
axes[1].plot(w_grid, w_grid, color="grey", lw=1, ls="--", label="no penalty: w = z")
axes[1].plot(w_grid, np.sign(w_grid) * np.maximum(np.abs(w_grid) - t_demo, 0), label="L1: soft-threshold S(z, 1)")
axes[1].plot(w_grid, w_grid / (1 + t_demo), label="L2: z / (1 + 1)")
axes[1].axvspan(-t_demo, t_demo, color="tab:blue", alpha=0.08, label="|z| ≤ t: L1 gives exactly 0")
axes[1].set(xlabel="z (least-squares value of the weight)", ylabel="penalised weight",
            title="Minimiser of ½(w − z)² + penalty, t = 1")
axes[1].legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** Left: near 0, $|w|$ is far steeper than $w^2$. Right: the L1
# curve (orange) is flat at exactly 0 across the shaded band $|z| \le 1$ and parallel to the
# dashed line outside it (a constant shift by $t$); the L2 line (green) is the dashed line
# tilted down, crossing 0 only at $z = 0$.
#
# ## 3. Exercise 1 — the soft-threshold operator
#
# Write `soft_threshold(z, t)` returning $\operatorname{sign}(z)\max(|z| - t, 0)$. It must
# work **elementwise on NumPy arrays** (and on single numbers), and return exactly `0.0`
# whenever $|z| \le t$.
#
# *Hint:* `np.sign`, `np.abs` and `np.maximum` all work elementwise. Python's `max()` and
# `if z > t:` only work on single numbers. Common mistakes: forgetting the clip (so
# $z = 0.3,\ t = 1$ gives $-0.7$ instead of 0), or `z - t` (which pushes negative values
# further from 0).

# %% nbgrader={"grade": false, "grade_id": "answer_soft_threshold", "locked": false, "schema_version": 3, "solution": true, "task": false}
def soft_threshold(z, t):
    """sign(z) * max(|z| - t, 0), elementwise."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0) + 0.0  # + 0.0 turns -0.0 into 0.0
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "soft_threshold_matches_reference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_soft_threshold", "soft_threshold")
### END HIDDEN TESTS
z_check = np.array([-3.0, -1.5, -0.4, 0.0, 0.7, 2.0])
expected = np.array([-2.0, -0.5, 0.0, 0.0, 0.0, 1.0])
got = np.asarray(soft_threshold(z_check, 1.0), dtype=float)
assert got.shape == z_check.shape, f"expected shape {z_check.shape}, got {got.shape}"
assert np.allclose(got, expected), f"soft_threshold(z, 1) should be {expected.tolist()}, got {got.tolist()}"

# %% nbgrader={"grade": true, "grade_id": "soft_threshold_gives_exact_zeros", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_soft_threshold_exact_zeros", "soft_threshold")
### END HIDDEN TESTS
# Everything inside the band |z| <= t must be exactly 0.0, not just small.
z_band = np.linspace(-0.5, 0.5, 11)
assert np.all(np.asarray(soft_threshold(z_band, 0.5), dtype=float) == 0.0), "|z| <= t must give exactly 0"

# %% [markdown]
# **On numbers.** The cell prints a few values of $z$ after an L1 shrink (soft-threshold with
# $t = 1$) and after an L2 shrink ($z / 2$). L1 subtracts the same 1 from every $|z|$ and
# stops at 0; L2 halves every value, so the small ones survive as small nonzero numbers.

# %%
z_demo = np.array([-3.0, -1.0, -0.4, 0.2, 0.8, 2.5])
# + 0.0 turns a -0.0 (sign(z) * 0 for a negative z) into 0.0 for display; the two are equal.
print(pd.DataFrame({"z": z_demo, "L1: soft_threshold(z, 1)": np.asarray(soft_threshold(z_demo, 1.0)) + 0.0,
                    "L2: z / (1 + 1)": z_demo / 2.0}).to_string(index=False))

# %% [markdown]
# ## 4. Exercise 2 — one coordinate-descent update
#
# **Coordinate descent** minimises the Lasso objective one weight at a time, holding the
# others fixed. Fix everything except $w_j$ and write the **partial residual**
# $r_{(j)} = y - b - \sum_{k \ne j} x_k w_k$ (the residual with feature $j$ left out). The
# objective in $w_j$ alone is
#
# $$\frac{1}{2n}\lVert r_{(j)} - x_j w_j\rVert^2 + \alpha |w_j| + \text{const}
# = \frac{x_j^\top x_j}{2n}\Big(w_j - \frac{x_j^\top r_{(j)}}{x_j^\top x_j}\Big)^2 + \alpha|w_j| + \text{const},$$
#
# a one-weight problem like the one in section 2. Its exact minimiser is
#
# $$w_j = \frac{S\!\left(\tfrac1n x_j^\top r_{(j)},\ \alpha\right)}{\tfrac1n x_j^\top x_j}.$$
#
# Write `coordinate_update(x_j, partial_residual, alpha)` that returns this new $w_j$ (a
# float). *Hint:* use your `soft_threshold`. Keep **both** factors $1/n$; the threshold is
# $\alpha$ itself. For comparison, the L2 (ridge) update would be
# $\tfrac1n x_j^\top r_{(j)} / (\tfrac1n x_j^\top x_j + \alpha)$ — no threshold, never 0.

# %% nbgrader={"grade": false, "grade_id": "answer_coordinate_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def coordinate_update(x_j, partial_residual, alpha):
    """New w_j = S(x_j·r / n, alpha) / (x_j·x_j / n)."""
    ### BEGIN SOLUTION
    n = len(x_j)
    return float(soft_threshold(x_j @ partial_residual / n, alpha) / (x_j @ x_j / n))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "coordinate_update_matches_reference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_coordinate_update", "coordinate_update")
### END HIDDEN TESTS
# x_j = (1, 2, 3, 2), r = (2, 5, 5, 4): x·r/n = 35/4 = 8.75, x·x/n = 18/4 = 4.5.
x_demo = np.array([1.0, 2.0, 3.0, 2.0])
r_demo = np.array([2.0, 5.0, 5.0, 4.0])
assert np.isclose(coordinate_update(x_demo, r_demo, 0.75), (8.75 - 0.75) / 4.5), "alpha = 0.75: expected (8.75 - 0.75) / 4.5"
assert coordinate_update(x_demo, r_demo, 9.0) == 0.0, "alpha above |x·r|/n must give exactly 0"

# %% [markdown]
# ## 5. Exercise 3 — the full solver
#
# Write `lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000)` returning `(intercept, coef)`,
# the minimiser of the objective at the top of the lesson. Steps:
#
# 1. **Intercept.** $b$ is not penalised, so at the optimum $b = \bar y - \bar x^\top w$.
#    Centre the columns of $X$ and $y$ (subtract their means); on centred data the intercept
#    is 0, so run coordinate descent without one and compute $b$ at the end. Do **not**
#    add a column of ones and soft-threshold it: that penalises the intercept.
# 2. **Sweeps.** Start from $w = 0$ (so the residual is the centred $y$). For each $j$:
#    add feature $j$ back to the residual to get $r_{(j)}$, call your `coordinate_update`,
#    and subtract the new contribution again. Updating the residual (instead of recomputing
#    $y - Xw$) makes each update cost $O(n)$.
# 3. **Convergence.** Stop when a whole sweep changes no weight by more than `tol`, or
#    after `max_sweeps` sweeps.
#
# Do not standardise inside `lasso_cd`: like scikit-learn's `Lasso`, it solves the problem
# for the $X$ it is given (standardising is the pipeline's job).

# %% nbgrader={"grade": false, "grade_id": "answer_lasso_cd", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    """Coordinate descent for (1/(2n))||y - b - Xw||² + alpha ||w||_1. Return (b, w)."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, residual = X - x_mean, y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        largest_change = 0.0
        for j in range(X.shape[1]):
            x_j = Xc[:, j]
            partial = residual + x_j * w[j]
            new = coordinate_update(x_j, partial, alpha)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - x_j * new
        if largest_change < tol:
            break
    return float(y_mean - x_mean @ w), w
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "lasso_cd_matches_sklearn", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_lasso_cd_matches_reference", "lasso_cd")
### END HIDDEN TESTS
rng = np.random.default_rng(2)
X_cd = rng.normal(size=(60, 4)) * [1.0, 3.0, 0.5, 2.0] + 1.0
y_cd = 5.0 + X_cd @ np.array([3.0, 0.0, -2.0, 0.0]) + 0.5 * rng.normal(size=60)
b_cd, w_cd = lasso_cd(X_cd, y_cd, 0.2)
sk = Lasso(alpha=0.2, tol=1e-12, max_iter=100_000).fit(X_cd, y_cd)
assert np.shape(w_cd) == (4,), f"coef should have shape (4,), got {np.shape(w_cd)}"
assert np.allclose(w_cd, sk.coef_, atol=1e-6), f"coef {np.round(w_cd, 6)} differs from sklearn's {np.round(sk.coef_, 6)}"
assert np.isclose(b_cd, sk.intercept_, atol=1e-6), f"intercept {b_cd:.6f} differs from sklearn's {sk.intercept_:.6f}"

# %% nbgrader={"grade": true, "grade_id": "lasso_cd_intercept_unpenalised", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_lasso_cd_intercept_unpenalised", "lasso_cd")
### END HIDDEN TESTS
# The intercept is not penalised: b = mean(y) - mean(X)·w, so the residuals average exactly 0,
# even for a strong penalty and a large true intercept.
rng = np.random.default_rng(3)
X_big = rng.normal(size=(50, 3)) * [2.0, 1.0, 4.0] + 3.0
y_big = -7.0 + X_big @ np.array([1.0, -1.0, 0.5]) + rng.normal(size=50)
b_big, w_big = lasso_cd(X_big, y_big, 1.0)
residual_mean = np.mean(y_big - b_big - X_big @ np.asarray(w_big))
assert abs(residual_mean) < 1e-8, f"the residuals average {residual_mean:.4g}, not 0: is the intercept penalised or missing?"

# %% nbgrader={"grade": true, "grade_id": "lasso_cd_satisfies_kkt", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_lasso_cd_kkt", "lasso_cd")
### END HIDDEN TESTS
# Optimality (KKT): with r = y - b - Xw and centred columns x_j,
#   |x_jᵀr|/n <= alpha where w_j == 0, and x_jᵀr/n == alpha * sign(w_j) where w_j != 0.
rng = np.random.default_rng(4)
X_kkt = rng.normal(size=(80, 6))
y_kkt = 2.0 + X_kkt[:, :2] @ np.array([2.0, -1.5]) + 0.3 * rng.normal(size=80)
b_kkt, w_kkt = lasso_cd(X_kkt, y_kkt, 0.1)
w_kkt = np.asarray(w_kkt)
g = (X_kkt - X_kkt.mean(axis=0)).T @ (y_kkt - b_kkt - X_kkt @ w_kkt) / 80
assert np.any(w_kkt == 0.0), "the four useless features should get exact zeros at alpha = 0.1"
assert np.all(np.abs(g[w_kkt == 0]) <= 0.1 + 1e-6), "a zero weight has |x_jᵀr|/n > alpha"
assert np.allclose(g[w_kkt != 0], 0.1 * np.sign(w_kkt[w_kkt != 0]), atol=1e-6), "a nonzero weight has x_jᵀr/n != alpha·sign(w_j)"

# %% [markdown]
# ### Your solver = scikit-learn's `Lasso`
#
# On the standardised Auto MPG training features, your `lasso_cd` and `Lasso` (same
# objective, same $\alpha$; scikit-learn run with a very tight tolerance) should agree to
# better than $10^{-6}$. The cell prints the largest difference and both run times.
# Scikit-learn's solver is compiled code, so expect it to be faster.

# %%
Z_train = clone(preprocess).fit_transform(X_train)  # a copy: the shared `preprocess` stays unfitted
for alpha_demo in (0.05, 0.5):
    start = time.perf_counter()
    b_mine, w_mine = lasso_cd(Z_train, y_train.to_numpy(), alpha_demo)
    t_mine = time.perf_counter() - start
    start = time.perf_counter()
    sk_model = Lasso(alpha=alpha_demo, tol=1e-12, max_iter=100_000).fit(Z_train, y_train)
    t_sk = time.perf_counter() - start
    print(f"alpha = {alpha_demo}: max |coef difference| = {np.max(np.abs(w_mine - sk_model.coef_)):.1e}, "
          f"|intercept difference| = {abs(b_mine - sk_model.intercept_):.1e}; "
          f"zeros: {int(np.sum(w_mine == 0))} (yours) vs {int(np.sum(sk_model.coef_ == 0))} (sklearn); "
          f"time {1000 * t_mine:.1f} ms vs {1000 * t_sk:.1f} ms")

# %% [markdown]
# ## 6. Why standardise first
#
# The penalty $\alpha\sum_j |w_j|$ charges every weight the same price per unit. But a
# weight's size depends on its feature's units: car weight is recorded in pounds (standard
# deviation in the hundreds), so its weight per pound is tiny and nearly free to keep, while
# a feature with a small spread needs a large weight and pays a lot. Without scaling, *which
# features survive depends on the units you happened to record them in.*
#
# The cell fits the Lasso ($\alpha = 0.5$) on **unscaled** features twice — with weight in
# pounds and in thousands of pounds — and then the standardised pipeline on both.

# %%
raw_features = ColumnTransformer([
    ("numeric", "passthrough", AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
X_train_klb = X_train.assign(weight=X_train["weight"] / 1000)
for label, pre in (("unscaled", raw_features), ("standardised", preprocess)):
    for units, data in (("weight in lb", X_train), ("weight in 1000 lb", X_train_klb)):
        model = make_pipeline(clone(pre), Lasso(alpha=0.5, max_iter=100_000)).fit(data, y_train)
        kept = [name for name, c in zip(feature_names, model[-1].coef_) if c != 0]
        print(f"{label:>12}, {units:<17}: keeps {kept}")

# %% [markdown]
# Read the printed lines: on unscaled features, changing the unit of *one* column changes
# which features the Lasso keeps; the standardised pipeline gives the same answer in both
# units (standardising removes the units). That is why every model below is a pipeline that
# starts with its own copy of `preprocess`: the scaler is then fitted on exactly the data the
# Lasso is fitted on — the training split, or one training fold during cross-validation.
#
# ## 7. The regularisation path
#
# The larger $\alpha$, the stronger the pull toward 0, and for $\alpha \ge \alpha_{\max} =
# \max_j |x_j^\top (y - \bar y)|/n$ (computed on the centred standardised training features)
# every weight is 0. The **path** is the curve of all weights against $\alpha$. We compute it
# with `sklearn.linear_model.lasso_path`, which fits a decreasing grid of alphas, each
# warm-started from the previous solution; it fits no intercept, so we pass centred data.
# The cell prints, for each feature, the ranges of the grid (from large to small
# $\alpha$) where its weight is nonzero, with the weight's sign, and how the number of nonzero
# weights changes along the grid.

# %%
Zc = Z_train - Z_train.mean(axis=0)
yc = y_train.to_numpy() - y_train.mean()
alpha_max = np.max(np.abs(Zc.T @ yc)) / len(yc)
path_alphas, path_coefs, _ = lasso_path(Zc, yc, alphas=np.logspace(np.log10(alpha_max), -3, 80))
path_nonzero = path_coefs != 0  # one row per feature, one column per alpha (decreasing)


def nonzero_runs(row):
    """(first, last) grid indices of each run of consecutive nonzero entries."""
    starts = np.flatnonzero(row & ~np.r_[False, row[:-1]])
    ends = np.flatnonzero(row & ~np.r_[row[1:], False])
    return list(zip(starts, ends))


def describe_run(j, first, last):
    """'alpha to alpha (sign)' for feature j over the grid indices first..last."""
    signs = sorted(set(np.sign(path_coefs[j, first:last + 1]).astype(int)))
    sign_words = "/".join({1: "positive", -1: "negative"}[k] for k in signs)
    return f"{path_alphas[first]:.3f} to {path_alphas[last]:.3f} ({sign_words})"


first_entry = {name: nonzero_runs(row)[0][0] if row.any() else len(path_alphas)
               for name, row in zip(feature_names, path_nonzero)}
print(f"alpha_max = {alpha_max:.3f}")
print("alphas of the grid where each weight is nonzero (alpha decreasing), in order of first entry:")
for name in sorted(feature_names, key=first_entry.get):
    j = feature_names.index(name)
    runs = [describe_run(j, first, last) for first, last in nonzero_runs(path_nonzero[j])]
    print(f"  {name:<14} " + ", then ".join(runs))
model_size = path_nonzero.sum(axis=0)
size_changes = np.flatnonzero(np.diff(model_size)) + 1
print("number of nonzero weights as alpha decreases: " + " -> ".join(
    [str(model_size[0])] + [f"{model_size[i]} (at {path_alphas[i]:.3f})" for i in size_changes]))

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1.6, 1]})
for name, row in zip(feature_names, path_coefs):
    axes[0].plot(path_alphas, row, label=name)
axes[0].set_xscale("log")
axes[0].axhline(0, color="black", lw=0.6)
axes[0].set(xlabel="alpha (log scale)", ylabel="coefficient (mpg per SD, or vs USA)",
            title="Lasso path on standardised Auto MPG (training split)")
axes[0].legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
axes[1].step(path_alphas, np.sum(path_coefs != 0, axis=0), where="post")
axes[1].set_xscale("log")
axes[1].set(xlabel="alpha (log scale)", ylabel="number of nonzero coefficients",
            title="Model size along the path")
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** Left: read from right to left, as $\alpha$ decreases from
# $\alpha_{\max}$. Weight enters first, then displacement and model year, then horsepower and
# cylinders (the printed ranges). The path is **not** monotone: the three engine-size features
# — cylinders, displacement and horsepower, strongly correlated with each other and with
# weight — enter at moderate $\alpha$, **drop out again** as $\alpha$ decreases further and
# acceleration and the origin indicators come in, and come back only near the small-alpha end
# of the grid, close to least squares (the second printed range of each); displacement even
# comes back with the opposite sign (printed "negative, then positive"). So there is no single
# "order in which the features leave": whether a member of a correlated group is in the model
# depends on which other members are. Right: the number of nonzero weights; read from right to
# left it grows overall, but falls back where the engine-size features drop out (the printed
# sizes), before all 8 weights are in.
#
# ## 8. Exercise 4 — which features are selected?
#
# Write `selected_features(coef, names)` returning the list of names whose coefficient is
# **exactly** nonzero, in the order of `names`. The Lasso's zeros are exact (`0.0`), so use
# `coef != 0` — no tolerance: a weight of 0.0001 is small, but the feature is still in the
# model. Negative weights count too.

# %% nbgrader={"grade": false, "grade_id": "answer_selected_features", "locked": false, "schema_version": 3, "solution": true, "task": false}
def selected_features(coef, names):
    """Names whose coefficient is exactly nonzero, in the order of names."""
    ### BEGIN SOLUTION
    return [name for name, value in zip(names, np.asarray(coef).ravel()) if value != 0.0]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "selected_features_uses_exact_zeros", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_selected_features", "selected_features")
### END HIDDEN TESTS
picked = selected_features(np.array([0.0, -1.2, 0.0, 3.4]), ["a", "b", "c", "d"])
assert list(picked) == ["b", "d"], f"expected ['b', 'd'], got {picked}"

# %% [markdown]
# ## 9. Exercise 5 — the features the Lasso keeps on Auto MPG
#
# Fit `lasso_fixed`, a pipeline of (a copy of) `preprocess` followed by
# `Lasso(alpha=ALPHA_FIXED)`, on the **training split**, and store the names of the features
# it keeps in `selected_fixed` (use your `selected_features` and `feature_names`).
#
# *Hint:* `make_pipeline(clone(preprocess), Lasso(alpha=ALPHA_FIXED))`; the fitted Lasso is
# the last step of the pipeline, `lasso_fixed[-1]`, and its weights are `.coef_`. Use
# `preprocess` (standardised), not `raw_features`.

# %%
ALPHA_FIXED = 0.5

# %% nbgrader={"grade": false, "grade_id": "answer_lasso_fixed", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
lasso_fixed = make_pipeline(clone(preprocess), Lasso(alpha=ALPHA_FIXED)).fit(X_train, y_train)
selected_fixed = selected_features(lasso_fixed[-1].coef_, feature_names)
### END SOLUTION
print(f"alpha = {ALPHA_FIXED}: {len(selected_fixed)} of {len(feature_names)} features kept: {selected_fixed}")

# %% nbgrader={"grade": true, "grade_id": "auto_mpg_selection_standardised", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_auto_mpg_selection", "selected_fixed")
### END HIDDEN TESTS
assert 0 < len(selected_fixed) < len(feature_names), "at alpha = 0.5 some, but not all, features are kept"
assert set(selected_fixed) <= set(feature_names), "selected_fixed should hold names from feature_names"

# %% [markdown]
# ## 10. Exercise 6 — cross-validated error for each alpha
#
# To choose $\alpha$ we estimate the test error of each candidate by **5-fold
# cross-validation** on the training split. The scaler must be refitted on each training fold
# (otherwise the validation fold has helped choose the means and standard deviations it is
# scaled with), so we cross-validate the **whole pipeline**. Note that
# `make_pipeline(preprocess, LassoCV())` would *not* do that: LassoCV would split data that
# the pipeline has already scaled as a whole.
#
# Compute `fold_mse`, an array of shape `(len(alphas), 5)`: the validation mean squared error
# of `make_pipeline(clone(preprocess), Lasso())` for each alpha in `alphas` (rows) and each
# fold of `cv` (columns).
#
# *Hint:* `validation_curve(pipeline, X_train, y_train, param_name="lasso__alpha",
# param_range=alphas, scoring="neg_mean_squared_error", cv=cv)` returns
# `(train_scores, validation_scores)`, each `(len(alphas), 5)`. Scikit-learn maximises
# scores, so the MSE comes back **negated**.

# %%
alphas = np.logspace(1, -3, 30)  # decreasing, as LassoCV orders them
cv = KFold(n_splits=5, shuffle=True, random_state=0)

# %% nbgrader={"grade": false, "grade_id": "answer_fold_mse", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
_, validation_scores = validation_curve(
    make_pipeline(clone(preprocess), Lasso()), X_train, y_train, param_name="lasso__alpha",
    param_range=alphas, cv=cv, scoring="neg_mean_squared_error")
fold_mse = -validation_scores
### END SOLUTION
print(f"fold_mse: shape {np.shape(fold_mse)}, smallest mean over folds {np.min(np.mean(fold_mse, axis=1)):.3f} mpg²")

# %% nbgrader={"grade": true, "grade_id": "cv_scaler_fitted_per_fold", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_fold_mse", "fold_mse")
### END HIDDEN TESTS
assert np.shape(fold_mse) == (30, 5), f"fold_mse should have shape (30, 5), got {np.shape(fold_mse)}"
assert np.all(np.asarray(fold_mse) > 0), "mean squared errors are positive (negate sklearn's scores)"

# %% [markdown]
# ## 11. Exercise 7 — the one-standard-error rule
#
# The alpha with the smallest mean CV error, $\alpha_{\min}$, is one choice. But the mean
# over 5 folds is itself noisy: its **standard error** is
# $\mathrm{SE} = \mathrm{std}_{\text{folds}} / \sqrt{K}$ (sample standard deviation, `ddof=1`,
# over the $K$ folds). Alphas whose mean error is within one SE of the minimum are
# statistically indistinguishable from it, and among them the **largest** alpha gives the
# simplest model (most zeros). That is the **one-standard-error rule**:
#
# $$\alpha_{1\mathrm{SE}} = \max\{\alpha : \overline{\mathrm{MSE}}(\alpha) \le
# \overline{\mathrm{MSE}}(\alpha_{\min}) + \mathrm{SE}(\alpha_{\min})\}.$$
#
# Write `one_standard_error_alpha(alphas, fold_mse)` for a table `fold_mse` with one row per
# alpha and one column per fold. *Hints:* means and SEs over `axis=1`; the threshold uses the
# SE **at the minimum**; return the largest qualifying alpha with `np.max(...)` — do not rely
# on the order of `alphas` (here they are decreasing, so "the last one" would be the smallest).

# %% nbgrader={"grade": false, "grade_id": "answer_one_standard_error_alpha", "locked": false, "schema_version": 3, "solution": true, "task": false}
def one_standard_error_alpha(alphas, fold_mse):
    """Largest alpha whose mean CV error <= min mean + SE at the minimum."""
    ### BEGIN SOLUTION
    alphas = np.asarray(alphas, dtype=float)
    fold_mse = np.asarray(fold_mse, dtype=float)
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(fold_mse.shape[1])
    best = np.argmin(mean)
    return float(np.max(alphas[mean <= mean[best] + se[best]]))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "one_se_rule_picks_largest_alpha", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("lasso.check_one_standard_error_alpha", "one_standard_error_alpha")
### END HIDDEN TESTS
# Means 5, 4, 3.5, 3.6, 4.5 with SE 0.5 at the minimum (alpha = 0.1): alphas 0.1, 1.0 and 0.01 qualify.
alphas_toy = np.array([10.0, 1.0, 0.1, 0.01, 0.001])
toy = np.array([[5.5, 4.5], [4.5, 3.5], [4.207106781, 2.792893219], [4.1, 3.1], [5.0, 4.0]])
assert np.isclose(one_standard_error_alpha(alphas_toy, toy), 1.0), "expected 1.0, the largest alpha with mean <= 3.5 + 0.5"

# %% [markdown]
# ### The CV curve and the two choices

# %%
cv_mean = np.mean(fold_mse, axis=1)
cv_se = np.std(fold_mse, axis=1, ddof=1) / np.sqrt(np.shape(fold_mse)[1])
alpha_min = float(alphas[np.argmin(cv_mean)])
alpha_1se = one_standard_error_alpha(alphas, fold_mse)
print(f"alpha_min = {alpha_min:.4f} (CV MSE {cv_mean.min():.3f}); "
      f"alpha_1se = {alpha_1se:.4f} (CV MSE {cv_mean[alphas == alpha_1se][0]:.3f}; "
      f"threshold {cv_mean.min() + cv_se[np.argmin(cv_mean)]:.3f})")

fig, ax = plt.subplots(figsize=(8, 4.5))
ax.errorbar(alphas, cv_mean, yerr=cv_se, fmt="o-", ms=3, capsize=3, label="mean CV MSE ± 1 SE")
ax.axhline(cv_mean.min() + cv_se[np.argmin(cv_mean)], color="grey", ls=":", label="minimum + 1 SE")
ax.axvline(alpha_min, color="tab:green", ls="--", label=f"alpha_min = {alpha_min:.3g}")
ax.axvline(alpha_1se, color="tab:red", ls="--", label=f"alpha_1se = {alpha_1se:.3g}")
ax.set_xscale("log")
ax.set(xlabel="alpha (log scale)", ylabel="validation MSE (mpg²)",
       title="5-fold CV error of the Lasso pipeline (training split)")
ax.legend(loc="upper left")
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** Each dot is the mean validation MSE over the 5 folds, with a bar
# of one standard error. The curve is flat for small alphas (the Lasso is then close to OLS)
# and rises steeply once alpha removes the informative features. The red line,
# $\alpha_{1\mathrm{SE}}$, is the largest alpha whose dot is still below the dotted
# threshold.
#
# ## 12. Test error, and how stable the selection is
#
# Refit at both alphas on the whole training split and compare with plain least squares
# (lesson 01) on the test split. The test split was not used to choose anything.

# %%
ols = make_pipeline(clone(preprocess), LinearRegression()).fit(X_train, y_train)
table = pd.DataFrame(columns=["test RMSE (mpg)", "features used"])
table.loc["OLS (lesson 01)"] = [root_mean_squared_error(y_test, ols.predict(X_test)), len(feature_names)]
chosen = {}
for label, a in (("Lasso, alpha_min", alpha_min), ("Lasso, alpha_1se", alpha_1se)):
    chosen[label] = make_pipeline(clone(preprocess), Lasso(alpha=a)).fit(X_train, y_train)
    kept = selected_features(chosen[label][-1].coef_, feature_names)
    table.loc[label] = [root_mean_squared_error(y_test, chosen[label].predict(X_test)), len(kept)]
    print(f"{label}: keeps {kept}")
table["features used"] = table["features used"].astype(int)
print(table.round(3).to_string())
final = chosen["Lasso, alpha_1se"]

# %% [markdown]
# **Reading the table.** On this data the Lasso does not beat OLS on the test split: with
# 294 training cars and only 8 features, least squares has little variance to remove (James
# et al., *An Introduction to Statistical Learning*, section 6.2.1: shrinkage works best where
# the least-squares estimates have high variance, e.g. few samples per feature). What the
# Lasso buys here is a
# **smaller model**: both Lasso rows use fewer features than OLS (the printed counts), at the
# price of a somewhat higher test RMSE; the $\alpha_{1\mathrm{SE}}$ model shrinks its
# remaining weights harder and pays a little more. Notice also that the two Lasso fits keep
# *different* sets of features (the printed lists): with strongly correlated inputs, which
# of them the Lasso keeps is not a stable property of the data. Lesson 03 builds a regime where the
# penalty does pay off on held-out data: polynomial features fitted on few training cars.
#
# **Stability.** A selected set is only worth interpreting if it does not change with small
# changes of the data. Refit the $\alpha_{1\mathrm{SE}}$ pipeline on each of the 5 CV
# training folds and count how often each feature is kept.

# %%
kept_count = pd.Series(0, index=feature_names)
for train_idx, _ in cv.split(X_train):
    fold_model = make_pipeline(clone(preprocess), Lasso(alpha=alpha_1se)).fit(X_train.iloc[train_idx],
                                                                           y_train.iloc[train_idx])
    kept_count[selected_features(fold_model[-1].coef_, feature_names)] += 1
print("folds (of 5) in which each feature is kept at alpha_1se:")
print(kept_count.to_string())

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
coefficient_bars(feature_names, final[-1].coef_, ax=axes[0],
                 title=f"Lasso coefficients at alpha_1se = {alpha_1se:.3g}",
                 xlabel="mpg per SD (or vs USA); 0 = dropped")
axes[1].barh(feature_names[::-1], kept_count[feature_names[::-1]], color="tab:gray")
axes[1].set(xlabel="number of folds (of 5) where the feature is kept", xlim=(0, 5.2),
            title="Selection stability across CV training folds")
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figures show.** Left: the weights of the chosen model; features with no bar
# were dropped. Right: how many of the 5 fold fits keep each feature (printed above). A
# feature kept in 5 of 5 folds is a stable choice; the features kept in only some folds are
# the correlated engine-size variables (see the printed counts) trading places — the
# Lasso keeps *one of a group* of correlated features somewhat arbitrarily, so do not read
# "dropped" as "irrelevant".
#
# ## Summary
#
# - The Lasso minimises $\frac{1}{2n}\lVert y - b - Xw\rVert^2 + \alpha\lVert w\rVert_1$; the
#   intercept is not penalised, and features must be standardised (inside the pipeline).
# - L1 subtracts a constant from each weight's magnitude and clips at 0 (soft-threshold); L2
#   scales weights and never reaches 0. That is why the Lasso selects features.
# - Coordinate descent solves one weight at a time exactly:
#   $w_j = S(x_j^\top r_{(j)}/n, \alpha)/(x_j^\top x_j/n)$; it matches scikit-learn, and the
#   KKT conditions certify the answer.
# - Choose $\alpha$ by cross-validating the whole pipeline; the one-standard-error rule picks
#   the largest alpha within one SE of the best, i.e. the simplest model that is as good.
#
# **Next:** lesson 03 — Ridge (L2), which shrinks without zeros, and a setting with many
# weights and few cars where the penalty clearly helps on the test split.
