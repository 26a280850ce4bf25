# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 04 — Elastic net, and one table of penalty conversions
#
# The elastic net adds the Lasso's L1 penalty and Ridge's L2 penalty. In this lesson you
# extend lesson 02's coordinate descent to it, see the **grouping effect** (Lasso keeps one of
# a group of correlated features, the elastic net keeps the group), choose its two
# parameters by cross-validation, and build one table that converts a penalty between
# scikit-learn, glmnet, Keras and PyTorch — each checked numerically in this notebook.
#
# **The objective, exactly as scikit-learn's `ElasticNet` defines it** ($n$ samples, intercept
# $b$ not penalised):
#
# $$\frac{1}{2n}\lVert y - b - Xw\rVert^2 + \alpha\,\rho\,\lVert w\rVert_1
#   + \frac{1}{2}\,\alpha\,(1-\rho)\,\lVert w\rVert^2, \qquad \rho = \texttt{l1\_ratio}\in[0, 1].$$
#
# - $\rho = 1$: exactly `Lasso(alpha)` (lesson 02).
# - $\rho = 0$: a pure L2 penalty, but **not** `Ridge(alpha)`: Ridge (lesson 03) has no
#   $\frac{1}{2n}$ and no $\frac12$. Exercise 3 finds the conversion.
#
# **Exercises** (graded by nbgrader): 1. the coordinate update; 2. the solver; 3. the Ridge
# ↔ ElasticNet alpha; 4. which features the grouping effect keeps. Run the test cell below each
# exercise; the grader runs more tests than you see.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, Ridge
from sklearn.metrics import root_mean_squared_error
from sklearn.model_selection import KFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy

# %% [markdown]
# ## 1. Exercise 1 — one coordinate-descent update
#
# As in lesson 02, fix every weight except $w_j$ and let
# $r_{(j)} = y - b - \sum_{k\ne j} x_k w_k$ be the partial residual. The objective in $w_j$
# alone is
#
# $$\frac{1}{2n}\lVert r_{(j)} - x_j w_j\rVert^2 + \alpha\rho\,|w_j|
#   + \tfrac12\alpha(1-\rho)\,w_j^2 + \text{const}.$$
#
# Setting its subgradient to zero gives
#
# $$w_j = \frac{S\!\left(\tfrac1n x_j^\top r_{(j)},\ \alpha\rho\right)}
#              {\tfrac1n x_j^\top x_j + \alpha(1-\rho)} ,$$
#
# with $S(z, t) = \operatorname{sign}(z)\max(|z| - t, 0)$ the soft-threshold of lesson 02
# (given below). The L1 part **thresholds the numerator** (Lasso's update); the L2 part **adds
# to the denominator** (Ridge's proportional shrink). The $\frac12$ in front of the L2 penalty
# cancels the 2 from differentiating $w_j^2$.
#
# Write `enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio)` returning the new
# $w_j$ as a float. *Hint:* `n = len(x_j)`; keep both $1/n$ factors; do not swap
# `l1_ratio` and `1 - l1_ratio`.

# %%
def soft_threshold(z, t):
    """S(z, t) = sign(z) * max(|z| - t, 0): shrink towards 0 by t, exactly 0 when |z| <= t."""
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


# %% nbgrader={"grade": false, "grade_id": "answer_enet_coordinate_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    """New w_j = S(x_j·r / n, alpha·l1_ratio) / (x_j·x_j / n + alpha·(1 - l1_ratio))."""
    ### BEGIN SOLUTION
    n = len(x_j)
    numerator = soft_threshold(x_j @ partial_residual / n, alpha * l1_ratio)
    return float(numerator / (x_j @ x_j / n + alpha * (1.0 - l1_ratio)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "enet_update_matches_reference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_enet_coordinate_update", "enet_coordinate_update")
### END HIDDEN TESTS
# x = (1, 2, 3, 2), r = (2, 5, 5, 4): x·r/n = 35/4 = 8.75, x·x/n = 18/4 = 4.5.
x_demo = np.array([1.0, 2.0, 3.0, 2.0])
r_demo = np.array([2.0, 5.0, 5.0, 4.0])
got = enet_coordinate_update(x_demo, r_demo, 2.0, 0.25)
assert np.isclose(got, (8.75 - 2.0 * 0.25) / (4.5 + 2.0 * 0.75)), f"expected (8.75 - 0.5) / (4.5 + 1.5), got {got}"
assert enet_coordinate_update(x_demo, r_demo, 20.0, 0.5) == 0.0, "alpha·l1_ratio above |x·r|/n must give exactly 0"

# %% [markdown]
# ## 2. Exercise 2 — the solver
#
# Write `enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000)` returning
# `(intercept, coef)`, the minimiser of the objective at the top. It is lesson 02's `lasso_cd`
# with your new update:
#
# 1. **Intercept.** Centre the columns of $X$ and $y$; solve for $w$ on centred data; then
#    $b = \bar y - \bar x^\top w$. (A column of ones inside the penalty would shrink $b$.)
# 2. **Sweeps.** Start from $w = 0$, so the residual is the centred $y$. For each $j$: add
#    $x_j w_j$ back to the residual, call `enet_coordinate_update`, subtract the new $x_j w_j$.
# 3. **Stop** when a whole sweep changes no weight by more than `tol`, or after `max_sweeps`.
#
# Do not standardise inside the function (that is the pipeline's job) and do not modify `X`
# or `y` in place.

# %% nbgrader={"grade": false, "grade_id": "answer_enet_cd", "locked": false, "schema_version": 3, "solution": true, "task": false}
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    """Coordinate descent for scikit-learn's ElasticNet objective. Return (b, w)."""
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
            new = enet_coordinate_update(x_j, partial, alpha, l1_ratio)
            largest_change = max(largest_change, abs(new - w[j]))
            w[j] = new
            residual = partial - x_j * new
        if largest_change < tol:
            break
    return float(y_mean - x_mean @ w), w
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "enet_cd_matches_sklearn", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_enet_cd_matches_sklearn", "enet_cd")
### END HIDDEN TESTS
rng = np.random.default_rng(4)
X_cd = rng.normal(size=(60, 4)) * [1.0, 3.0, 0.5, 2.0] + 1.0
y_cd = 2.0 + X_cd @ np.array([1.5, 0.0, -2.0, 0.3]) + 0.5 * rng.normal(size=60)
b_cd, w_cd = enet_cd(X_cd, y_cd, 0.2, 0.7)
sk_cd = ElasticNet(alpha=0.2, l1_ratio=0.7, tol=1e-12, max_iter=100_000).fit(X_cd, y_cd)
assert np.allclose(w_cd, sk_cd.coef_, atol=1e-6), f"coef {w_cd} vs sklearn {sk_cd.coef_}"
assert np.isclose(b_cd, sk_cd.intercept_, atol=1e-6), f"intercept {b_cd} vs sklearn {sk_cd.intercept_}"

# %% nbgrader={"grade": true, "grade_id": "enet_cd_intercept_unpenalised", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_enet_cd_intercept_unpenalised", "enet_cd")
### END HIDDEN TESTS
rng = np.random.default_rng(5)
X_b = rng.normal(size=(50, 3)) * [2.0, 1.0, 0.5] + 3.0
y_b = -4.0 + X_b @ np.array([1.0, -1.0, 2.0]) + rng.normal(size=50)
b_b, w_b = enet_cd(X_b, y_b, 0.3, 0.5)
b_shift, w_shift = enet_cd(X_b, y_b + 25.0, 0.3, 0.5)
assert abs(np.mean(y_b - b_b - X_b @ w_b)) < 1e-8, "the residuals should average to 0"
assert np.allclose(w_shift, w_b, atol=1e-8) and np.isclose(b_shift, b_b + 25.0), "shifting y must only move b"

# %% nbgrader={"grade": true, "grade_id": "enet_cd_ends_are_lasso_and_ridge", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_enet_cd_ends", "enet_cd")
### END HIDDEN TESTS
# l1_ratio = 1 is the Lasso with the same alpha.
rng = np.random.default_rng(6)
X_e = rng.normal(size=(40, 3)) * [1.0, 2.0, 3.0]
y_e = 1.0 + X_e @ np.array([2.0, 0.1, -0.5]) + rng.normal(size=40)
_, w_l1_end = enet_cd(X_e, y_e, 0.3, 1.0)
assert np.allclose(w_l1_end, Lasso(alpha=0.3, tol=1e-12, max_iter=100_000).fit(X_e, y_e).coef_, atol=1e-6), \
    "with l1_ratio=1 the solver should give Lasso(alpha)"

# %% [markdown]
# ## 3. Exercise 3 — the Ridge end: which ElasticNet is `Ridge(alpha)`?
#
# With $\rho = 0$ the elastic net is an L2 penalty, but the factors differ from Ridge's:
#
# | | data term | L2 penalty |
# |---|---|---|
# | `Ridge(alpha_R)` | $\lVert r\rVert^2$ | $\alpha_R\lVert w\rVert^2$ |
# | `ElasticNet(alpha, l1_ratio=0)` | $\frac{1}{2n}\lVert r\rVert^2$ | $\frac12\alpha\lVert w\rVert^2$ |
#
# Multiplying an objective by a positive constant does not move its minimiser. Write
# `ridge_alpha_to_enet_alpha(ridge_alpha, n)` returning the `alpha` for which
# `ElasticNet(alpha, l1_ratio=0)` on $n$ samples has exactly the minimiser of
# `Ridge(ridge_alpha)`. *Hint:* divide Ridge's objective by $2n$ and compare the penalties.

# %% nbgrader={"grade": false, "grade_id": "answer_ridge_alpha_to_enet_alpha", "locked": false, "schema_version": 3, "solution": true, "task": false}
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    """The ElasticNet alpha (l1_ratio=0) equivalent to Ridge(ridge_alpha) on n samples."""
    ### BEGIN SOLUTION
    return ridge_alpha / n
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ridge_enet_alpha_conversion", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_ridge_alpha_to_enet_alpha", "ridge_alpha_to_enet_alpha")
### END HIDDEN TESTS
# Check the identity by fitting both (with a tight tolerance for the coordinate descent).
rng = np.random.default_rng(7)
X_r = rng.normal(size=(80, 4)) * [1.0, 0.5, 2.0, 4.0]
y_r = 3.0 + X_r @ np.array([1.0, -2.0, 0.5, 0.2]) + rng.normal(size=80)
enet_alpha = ridge_alpha_to_enet_alpha(6.0, 80)
assert np.ndim(enet_alpha) == 0, "return a single number"
enet_end = ElasticNet(alpha=enet_alpha, l1_ratio=0.0, tol=1e-12, max_iter=100_000).fit(X_r, y_r)
assert np.allclose(enet_end.coef_, Ridge(alpha=6.0).fit(X_r, y_r).coef_, atol=1e-6), \
    "ElasticNet(alpha=ridge_alpha_to_enet_alpha(6, 80), l1_ratio=0) should reproduce Ridge(alpha=6)"

# %% [markdown]
# **scikit-learn and `l1_ratio = 0`.** The documentation of `ElasticNet` says that
# `l1_ratio <= 0.01` is "not reliable, unless you supply your own sequence of alpha", and the
# solver's messages recommend `Ridge` for a pure L2 penalty. In the scikit-learn version used
# here (printed below) the fit in the test cell above runs without a warning, because we asked
# for a tight tolerance and gave it enough iterations. Two things do go wrong, and the next
# cell triggers both **on purpose** so you recognise them:
#
# 1. If coordinate descent runs out of iterations, scikit-learn emits a `ConvergenceWarning`;
#    with no L1 part its message adds the advice to use Ridge. We catch exactly that warning
#    class, only around the fit that we know will trigger it (3 iterations), and print it —
#    we do not switch warnings off globally, which would hide real problems elsewhere.
# 2. `ElasticNetCV` cannot build its automatic alpha grid when `l1_ratio` contains 0 (the grid
#    starts at the smallest alpha that zeroes every weight, which does not exist without an
#    L1 part): it raises a `ValueError`. The fix is to pass `alphas=` yourself, as in section 6.

# %%
import sklearn

print(f"scikit-learn {sklearn.__version__}")
rng = np.random.default_rng(8)
X_w = rng.normal(size=(60, 3))
X_w[:, 2] = X_w[:, 0] + 0.05 * rng.normal(size=60)  # correlated columns: coordinate descent is slow
y_w = X_w @ np.array([1.0, 2.0, 1.0]) + rng.normal(size=60)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", ConvergenceWarning)
    ElasticNet(alpha=0.01, l1_ratio=0.0, max_iter=3).fit(X_w, y_w)
for w in caught:
    print(f"caught {w.category.__name__}: {w.message}")
try:
    ElasticNetCV(l1_ratio=[0.0, 0.5, 1.0], cv=3).fit(X_w, y_w)
except ValueError as error:
    print(f"ElasticNetCV with l1_ratio=0 and no alphas: ValueError: {error}")

# %% [markdown]
# ## 4. The grouping effect
#
# Below, data built for it: three features `x_a, x_b, x_c` that are near-copies of one signal
# (pairwise correlation printed below), three pure-noise features, and $y = 3z +$ noise where
# $z$ is the shared signal. We fit `Lasso(alpha=1.0)` and `ElasticNet(alpha=1.0,
# l1_ratio=0.3)` on the standardised features.

# %%
rng = np.random.default_rng(1)
z = rng.normal(size=100)
group = z[:, None] + 0.03 * rng.normal(size=(100, 3))
noise = rng.normal(size=(100, 3))
X_group = np.column_stack([group, noise])
X_group = (X_group - X_group.mean(axis=0)) / X_group.std(axis=0)
y_group = 3.0 * z + rng.normal(size=100)
group_names = ["x_a", "x_b", "x_c", "noise_1", "noise_2", "noise_3"]
corr = np.corrcoef(X_group[:, :3].T)
print(f"correlations within the group: {corr[0, 1]:.4f}, {corr[0, 2]:.4f}, {corr[1, 2]:.4f}")

lasso_group = Lasso(alpha=1.0, max_iter=100_000).fit(X_group, y_group)
enet_group = ElasticNet(alpha=1.0, l1_ratio=0.3, max_iter=100_000).fit(X_group, y_group)
print(pd.DataFrame({"Lasso(1.0)": lasso_group.coef_, "ElasticNet(1.0, l1_ratio=0.3)": enet_group.coef_},
                   index=group_names).round(4).to_string())

# %% [markdown]
# ## 5. Exercise 4 — which features does each keep?
#
# Set `lasso_kept` and `enet_kept` to the **lists of names** (from `group_names`, in that
# order) of the features whose coefficient in `lasso_group` and `enet_group` is **exactly**
# nonzero. *Hint:* `coef_ != 0`; no rounding or threshold.

# %% nbgrader={"grade": false, "grade_id": "answer_grouping", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
lasso_kept = [name for name, c in zip(group_names, lasso_group.coef_) if c != 0]
enet_kept = [name for name, c in zip(group_names, enet_group.coef_) if c != 0]
### END SOLUTION
print(f"Lasso keeps {lasso_kept}; elastic net keeps {enet_kept}")

# %% nbgrader={"grade": true, "grade_id": "grouping_effect_kept_features", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("elastic_net.check_grouping", "lasso_kept", "enet_kept")
### END HIDDEN TESTS
kept_names = list(lasso_kept) + list(enet_kept)  # lists or NumPy arrays of names
assert all(isinstance(name, str) for name in kept_names), \
    f"lasso_kept and enet_kept should hold feature names (strings), got {kept_names}"
assert all(name in group_names for name in kept_names), \
    f"every name should come from group_names {group_names}; got {kept_names}"
assert 0 < len(lasso_kept) < len(enet_kept), "the elastic net should keep more of the group than the Lasso here"

# %% [markdown]
# **Why.** For the Lasso, spreading a coefficient over identical copies costs as much L1
# penalty as putting it all on one ($|a| + |c| = |a + c|$ for same signs), so nothing favours
# sharing, and near-copies make the pick arbitrary (which copy wins depends on the noise). The
# L2 part is strictly smaller for an even split ($a^2 + c^2$ is smallest at $a = c$), so the
# elastic net gives near-copies near-equal coefficients and keeps or drops them together. The
# table above shows both effects on this data.
#
# **On Auto MPG.** Cylinders, displacement, horsepower and weight are strongly correlated
# (printed below). With the same penalties on the standardised training split:

# %%
X, y = auto_mpg_xy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
preprocess = ColumnTransformer([
    ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
Z_train = preprocess.fit_transform(X_train)
names = [name.split("__")[-1] for name in preprocess.get_feature_names_out()]
engine = ["cylinders", "displacement", "horsepower", "weight"]
print("correlations:\n" + X_train[engine].corr().round(2).to_string())
lasso_auto = Lasso(alpha=1.0).fit(Z_train, y_train)
enet_auto = ElasticNet(alpha=1.0, l1_ratio=0.3).fit(Z_train, y_train)
print(pd.DataFrame({"Lasso(1.0)": lasso_auto.coef_, "ElasticNet(1.0, 0.3)": enet_auto.coef_},
                   index=names).round(3).to_string())
for label, model in [("Lasso", lasso_auto), ("elastic net", enet_auto)]:
    kept = [name for name in engine if model.coef_[names.index(name)] != 0]
    largest = max(engine, key=lambda name: abs(model.coef_[names.index(name)]))
    print(f"{label}: engine-size features kept (exactly nonzero) {kept}; largest |coefficient|: {largest}")

# %% [markdown]
# The last two printed lines list which of the four engine-size features each model keeps.
# The Lasso drops at least one of them and puts most of the weight on `weight`, leaving the
# others small; the elastic net keeps all four, with coefficients of the same sign and similar
# size. Which feature the Lasso favours is not a statement about engines: with correlations
# this high, a different sample could make it favour another.
#
# ## 6. Choosing alpha and l1_ratio by cross-validation
#
# Cross-validate the **whole pipeline**, as lesson 02 did for the Lasso: in each of 5 folds the
# scaler is fitted on the training part of the fold only, then an `ElasticNet` is fitted for
# every `l1_ratio` and every alpha of the grid (largest alpha first, each fit warm-started from
# the previous one, which is what `ElasticNetCV` does internally), and scored on the held-out
# part. `ElasticNetCV` itself would be faster still, but inside a pipeline it would split data
# the scaler had already seen. We keep the pair with the smallest mean validation MSE; the grid
# includes the Ridge end `l1_ratio = 0`. *(The cell fits 5 × 7 × 30 = 1050 models and takes
# about 4 to 9 s on a 2-core laptop.)*

# %%
l1_ratios = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0]
cv_alphas = np.logspace(1, -3, 30)  # largest first: each fit warm-starts from the previous one
folds = KFold(n_splits=5, shuffle=True, random_state=0)
fold_mse = np.empty((len(l1_ratios), len(cv_alphas), folds.get_n_splits()))
for k, (train_idx, val_idx) in enumerate(folds.split(X_train)):
    fold_preprocess = clone(preprocess).fit(X_train.iloc[train_idx])  # this fold's training rows only
    Z_fold, Z_val = fold_preprocess.transform(X_train.iloc[train_idx]), fold_preprocess.transform(X_train.iloc[val_idx])
    for i, ratio in enumerate(l1_ratios):
        fold_model = ElasticNet(l1_ratio=ratio, warm_start=True, max_iter=100_000)
        for j, a in enumerate(cv_alphas):
            fold_model.set_params(alpha=a).fit(Z_fold, y_train.iloc[train_idx])
            fold_mse[i, j, k] = np.mean((y_train.iloc[val_idx] - fold_model.predict(Z_val)) ** 2)
cv_mse = fold_mse.mean(axis=2)  # shape (l1_ratio, alpha): mean over the folds
best_i, best_j = np.unravel_index(cv_mse.argmin(), cv_mse.shape)
chosen_alpha, chosen_ratio = cv_alphas[best_j], l1_ratios[best_i]
enet_cv = make_pipeline(clone(preprocess), ElasticNet(alpha=chosen_alpha, l1_ratio=chosen_ratio,
                                                      max_iter=100_000)).fit(X_train, y_train)
print(f"chosen alpha {chosen_alpha:.4g}, l1_ratio {chosen_ratio}; "
      f"test RMSE {root_mean_squared_error(y_test, enet_cv.predict(X_test)):.3f} mpg")
alpha_grid = np.broadcast_to(cv_alphas, cv_mse.shape)  # the alphas of each row
print(pd.DataFrame({"best alpha": alpha_grid[np.arange(len(l1_ratios)), cv_mse.argmin(axis=1)],
                    "lowest mean validation MSE": cv_mse.min(axis=1)},
                   index=pd.Index(l1_ratios, name="l1_ratio")).round(4).to_string())
chosen_se = fold_mse[best_i, best_j].std(ddof=1) / np.sqrt(folds.get_n_splits())
print(f"lowest mean validation MSE: from {cv_mse.min(axis=1).min():.3f} to {cv_mse.min(axis=1).max():.3f} mpg² "
      f"across the l1_ratios; standard error of the chosen pair's mean over the folds {chosen_se:.3f} mpg²")
print(f"coefficients of the chosen model exactly 0: {int(np.sum(enet_cv[-1].coef_ == 0))} of {enet_cv[-1].coef_.size}")
fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
for ax, zoom in zip(axes, [False, True]):
    for i, ratio in enumerate(l1_ratios):
        ax.plot(alpha_grid[i], cv_mse[i], label=f"l1_ratio = {ratio}")
    ax.plot(chosen_alpha, cv_mse.min(), "k*", ms=12, label="chosen")
    ax.set_xscale("log")
    ax.set(xlabel="alpha (log scale)", ylabel="mean validation MSE (mpg²)")
    if zoom:
        ax.set(xlim=(1e-3, 1.0), ylim=(cv_mse.min() - 0.3, cv_mse.min() + 2.0),
               title="zoom: alpha up to 1")
    else:
        ax.set(title="Elastic net on Auto MPG: 5-fold CV of the pipeline")
axes[0].legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** One curve per `l1_ratio`: the mean validation MSE over the five
# folds against alpha. At small alpha all curves meet (almost no penalty: least squares). At
# large alpha they separate: the curves with more L1 climb highest, because the L1 part
# removes features altogether while the L2 part only shrinks them. In between (the zoom, alpha
# from about 0.05 to 1) the order is reversed and the curves with more L1 are lower: the same
# alpha does not mean the same amount of shrinkage for different `l1_ratio`. The zoom and the printed
# table show that near their minima the curves are almost flat and close together.
#
# **What cross-validation chose, and what it did not.** The chosen pair (first printed line)
# sits at the Ridge end, `l1_ratio = 0`, with a small alpha. That fit is the reliable case of
# section 3: we supplied the alpha grid and enough iterations ourselves. But read the next
# printed lines before concluding "use Ridge": the lowest mean validation MSEs of all seven
# `l1_ratio`s lie within a few hundredths of an mpg² of each other, far less than the
# standard error of the chosen pair's own mean over the five folds. On the seven plain Auto MPG
# features, as in lesson 03, least squares is already near the best, so CV's verdict is "the
# mix hardly matters here", and its pick among nearly equal pairs is close to arbitrary.
#
# Note also what the chosen model does **not** do: it selects nothing (the last printed line:
# no coefficient is exactly 0), so it shows none of the grouped selection of sections 4 and 5.
# That selection appears only when you ask for sparsity — a larger alpha with some L1 part, for
# instance chosen by lesson 02's one-standard-error rule — and the table tells you what it
# costs in validation error. On this data the elastic net's value is that choice made stable
# (correlated engine features kept or dropped together), not a lower error.
#
# ## 7. One penalty, six ways of writing it
#
# The same model can be asked for in every library, with different numbers. Take
# `ElasticNet(alpha, l1_ratio)` on $n$ samples as the reference and rewrite the other objectives
# with the data term $\frac{1}{2n}\lVert r\rVert^2$:
#
# | library | objective as the library writes it | equal to `ElasticNet(alpha, l1_ratio)` when |
# |---|---|---|
# | scikit-learn `Ridge(alpha_R)` | $\lVert r\rVert^2 + \alpha_R\lVert w\rVert^2$ | `l1_ratio = 0`, $\alpha_R = n\,\alpha$ |
# | scikit-learn `Lasso(alpha_L)` | $\frac1{2n}\lVert r\rVert^2 + \alpha_L\lVert w\rVert_1$ | `l1_ratio = 1`, $\alpha_L = \alpha$ |
# | glmnet `lambda`, `alpha` | $\frac1{2n}\lVert r\rVert^2 + \lambda[\frac{1-a}{2}\lVert w\rVert^2 + a\lVert w\rVert_1]$ | $\lambda = \alpha$, $a$ = `l1_ratio` |
# | Keras `L1L2(l1, l2)` with loss `"mse"` | $\frac1n\lVert r\rVert^2 + l_1\lVert w\rVert_1 + l_2\lVert w\rVert^2$ (no $\frac12$) | $l_1 = 2\alpha\rho$, $l_2 = \alpha(1-\rho)$ |
# | PyTorch `SGD(weight_decay=wd)` with `MSELoss` | gradient of $\frac1n\lVert r\rVert^2$ plus $wd\cdot w$, i.e. penalty $\frac{wd}{2}\lVert w\rVert^2$ | `l1_ratio = 0`, $wd = 2\alpha$ (L2 only; bias excluded) |
#
# Keras and PyTorch minimise the **mean** squared error, twice ElasticNet's data term, so their
# whole objective is twice ElasticNet's: that is where the 2s come from. The next cell checks
# every row on Auto MPG's standardised training features, for a Ridge-type penalty
# (`Ridge(alpha=10)`) and a mixed one (`ElasticNet(0.02, 0.5)`, all coefficients nonzero):
#
# - scikit-learn rows: fit both estimators and compare coefficients;
# - glmnet (an R package, not installed here): evaluate its objective as written above at
#   random points and compare with ElasticNet's — equal objectives have equal minimisers;
# - Keras: put scikit-learn's solution into a `Dense(1)` layer with the converted regulariser
#   and check that the gradient of Keras' loss is zero there;
# - PyTorch: put Ridge's solution into an `nn.Linear` and take one SGD step with the converted
#   `weight_decay` on the weights only: a minimiser does not move.
#
# *(This cell imports TensorFlow, Keras and PyTorch, which takes about 8 to 15 s on a 2-core
# laptop.)*

# %%
import lessonkit.quiet_tensorflow  # loads TensorFlow/Keras without their start-up log lines
import keras
import tensorflow as tf
import torch

n_train, p = Z_train.shape
y_np = y_train.to_numpy()
ridge_alpha = 10.0
a_ridge = ridge_alpha_to_enet_alpha(ridge_alpha, n_train)
a_mix, rho_mix = 0.02, 0.5
tight = dict(tol=1e-12, max_iter=100_000)
ridge_fit = Ridge(alpha=ridge_alpha).fit(Z_train, y_np)
mix_fit = ElasticNet(alpha=a_mix, l1_ratio=rho_mix, **tight).fit(Z_train, y_np)


def enet_objective(b, w, alpha, rho):
    r = y_np - b - Z_train @ w
    return r @ r / (2 * n_train) + alpha * rho * np.abs(w).sum() + 0.5 * alpha * (1 - rho) * w @ w


def glmnet_objective(b, w, lam, a):
    r = y_np - b - Z_train @ w
    return r @ r / (2 * n_train) + lam * ((1 - a) / 2 * w @ w + a * np.abs(w).sum())


def keras_gradient(fit, l1, l2):
    """Largest |gradient| of Keras' mse + L1L2 penalty at scikit-learn's solution."""
    layer = keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1L2(l1=l1, l2=l2), dtype="float64")
    layer.build((None, p))
    layer.set_weights([fit.coef_.reshape(p, 1), np.array([fit.intercept_])])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((tf.constant(y_np) - layer(tf.constant(Z_train))[:, 0]) ** 2) + tf.add_n(layer.losses)
    return max(float(tf.reduce_max(tf.abs(g))) for g in tape.gradient(loss, layer.trainable_weights))


def torch_sgd_step(fit, weight_decay, decay_bias=False):
    """Largest change of weight and of bias after one SGD step started at scikit-learn's solution."""
    linear = torch.nn.Linear(p, 1, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor(fit.coef_).reshape(1, p))
        linear.bias.fill_(float(fit.intercept_))
    groups = ([{"params": [linear.weight, linear.bias], "weight_decay": weight_decay}] if decay_bias else
              [{"params": [linear.weight], "weight_decay": weight_decay}, {"params": [linear.bias], "weight_decay": 0.0}])
    optimizer = torch.optim.SGD(groups, lr=0.1)
    before = [t.detach().clone() for t in (linear.weight, linear.bias)]
    loss = torch.nn.functional.mse_loss(linear(torch.tensor(Z_train))[:, 0], torch.tensor(y_np))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return [float((t.detach() - t0).abs().max()) for t, t0 in zip((linear.weight, linear.bias), before)]


rng = np.random.default_rng(0)
points = [(rng.normal(), rng.normal(size=p)) for _ in range(5)]
enet_ridge_end = ElasticNet(alpha=a_ridge, l1_ratio=0.0, **tight).fit(Z_train, y_np)
lasso_same = Lasso(alpha=a_mix, **tight).fit(Z_train, y_np)
enet_lasso_end = ElasticNet(alpha=a_mix, l1_ratio=1.0, **tight).fit(Z_train, y_np)
wd = 2 * a_ridge
torch_weight_move, torch_bias_move = torch_sgd_step(ridge_fit, wd)
table = pd.DataFrame([
    ("sklearn Ridge", f"alpha_R = n·alpha = {ridge_alpha:g}", "|coef(Ridge) - coef(ElasticNet(alpha_R/n, 0))|",
     np.max(np.abs(ridge_fit.coef_ - enet_ridge_end.coef_))),
    ("sklearn Lasso", f"alpha_L = alpha = {a_mix:g}", "|coef(Lasso) - coef(ElasticNet(alpha, 1))|",
     np.max(np.abs(lasso_same.coef_ - enet_lasso_end.coef_))),
    ("glmnet", f"lambda = {a_mix:g}, alpha = {rho_mix:g}", "|glmnet objective - ElasticNet objective|",
     max(abs(glmnet_objective(b, w, a_mix, rho_mix) - enet_objective(b, w, a_mix, rho_mix)) for b, w in points)),
    ("Keras L2 (Ridge case)", f"l2 = alpha = {a_ridge:.5g}", "max |gradient| at Ridge's solution",
     keras_gradient(ridge_fit, 0.0, a_ridge)),
    ("Keras L1L2 (mixed case)", f"l1 = {2 * a_mix * rho_mix:g}, l2 = {a_mix * (1 - rho_mix):g}",
     "max |gradient| at ElasticNet's solution", keras_gradient(mix_fit, 2 * a_mix * rho_mix, a_mix * (1 - rho_mix))),
    ("PyTorch SGD weight_decay", f"wd = 2·alpha = {wd:.5g}, bias group 0",
     "max |change| of the weights after one step", torch_weight_move),
], columns=["library", "setting", "check", "value"])
print(table.to_string(index=False, formatters={"value": "{:.1e}".format}))
assert table["value"].max() < 1e-6, "a conversion in the table does not hold"

# %% [markdown]
# Every printed check value is at the level of rounding error (the last line of the cell
# asserts they are all below $10^{-6}$), so each row of the table is the same penalty. Two
# counter-checks show that the checks can fail: the Keras gradient with the $\frac12$ that
# Keras does **not** have (`l2 = alpha / 2`), and the PyTorch step when `weight_decay` is also
# applied to the bias (one parameter group, PyTorch's default):

# %%
print(f"Keras with l2 = alpha/2: max |gradient| {keras_gradient(ridge_fit, 0.0, a_ridge / 2):.3f}")
_, bias_move = torch_sgd_step(ridge_fit, wd, decay_bias=True)
print(f"PyTorch with the bias decayed too: the bias moves by {bias_move:.4f} in one step "
      f"(with the bias excluded: {torch_bias_move:.1e})")

# %% [markdown]
# ## Summary
#
# - scikit-learn's ElasticNet: $\frac1{2n}\lVert r\rVert^2 + \alpha\rho\lVert w\rVert_1
#   + \frac12\alpha(1-\rho)\lVert w\rVert^2$; `l1_ratio = 1` is `Lasso(alpha)`, `l1_ratio = 0`
#   is `Ridge(n·alpha)`.
# - Coordinate update: soft-threshold the numerator by $\alpha\rho$, add $\alpha(1-\rho)$ to
#   the denominator.
# - Grouping: with near-copies of a feature, the Lasso keeps one, the elastic net keeps the group.
# - `l1_ratio = 0` in scikit-learn: give the alpha grid yourself; prefer `Ridge` for pure L2;
#   catch specific warnings only where you trigger them on purpose.
# - Converting between libraries: write every objective with the same data term and compare
#   penalties. Keras' L2 has no $\frac12$; PyTorch's `weight_decay` is the gradient $wd\cdot w$
#   (penalty $\frac{wd}2\lVert w\rVert^2$) and applies to the bias unless you exclude it.
