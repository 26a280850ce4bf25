# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 03 — Ridge regression (L2)
#
# Lesson 02's Lasso penalised the absolute values of the weights and set some of them exactly
# to zero. Ridge penalises their **squares** instead. In this lesson you write Ridge from
# scratch in closed form, see why it always has exactly one solution, watch its coefficients
# shrink without ever reaching zero, compare the geometry of the L2 and L1 penalties, and find
# a regime where the penalty really helps on held-out data.
#
# **The objective, exactly as scikit-learn's `Ridge` defines it.** With $n$ samples, weights
# $w$ and intercept $b$,
#
# $$\lVert y - b - Xw \rVert^2 + \alpha\,\lVert w \rVert^2,
# \qquad \lVert w\rVert^2 = \sum_j w_j^2 .$$
#
# Note what is **not** there: no $\frac1n$ and no $\frac12$ in front of the squared error
# (Lasso and ElasticNet use $\frac1{2n}$; lesson 04 converts between them). And the intercept
# $b$ is not penalised: shrinking it would pull every prediction towards 0 mpg, which is
# not what "simpler model" means.
#
# **Exercises** (graded by nbgrader): 1. the objective; 2. the closed form with an
# unpenalised intercept; 3. choosing alpha by cross-validation. Run the test cell below each
# exercise to check your answer; the grader runs more tests than you see.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import root_mean_squared_error
from sklearn.model_selection import KFold, train_test_split, validation_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy
from lessonkit.penalty_plots import coefficient_trace, l1_l2_geometry

# %% [markdown]
# ## 1. Exercise 1 — the objective
#
# Write `ridge_objective(X, y, b, w, alpha)` returning
# $\lVert y - b - Xw\rVert^2 + \alpha\lVert w\rVert^2$ as a float: the **sum** of squared
# residuals (not the mean) plus alpha times the sum of squared weights. The intercept `b`
# is a number and is not in the penalty.
#
# *Hint:* `r = y - b - X @ w`, then `r @ r` is $\sum_i r_i^2$.

# %% nbgrader={"grade": false, "grade_id": "answer_ridge_objective", "locked": false, "schema_version": 3, "solution": true, "task": false}
def ridge_objective(X, y, b, w, alpha):
    """||y - b - X w||² + alpha * ||w||²  (b not penalised)."""
    ### BEGIN SOLUTION
    r = np.asarray(y, dtype=float) - b - np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)
    w = np.asarray(w, dtype=float)
    return float(r @ r + alpha * (w @ w))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ridge_objective_matches_definition", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_ridge_objective", "ridge_objective")
### END HIDDEN TESTS
# Residuals y - b - Xw = [1, -2, 2] (squares sum to 9); ||w||² = 9 + 16 = 25; alpha = 0.5.
X_small = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
w_small = np.array([3.0, -4.0])
y_small = 10.0 + X_small @ w_small + np.array([1.0, -2.0, 2.0])
value = ridge_objective(X_small, y_small, 10.0, w_small, 0.5)
assert np.isclose(value, 9.0 + 0.5 * 25.0), f"expected 9 + 0.5 * 25 = 21.5, got {value}"

# %% [markdown]
# ## 2. Exercise 2 — the closed form, intercept unpenalised
#
# Because $b$ is not penalised, setting the derivative in $b$ to zero gives
# $b = \bar y - \bar x^\top w$ (the residuals sum to zero), exactly as in lesson 01. Substituting
# it back leaves a problem in the **centred** data $X_c = X - \bar x$, $y_c = y - \bar y$:
# minimise $\lVert y_c - X_c w\rVert^2 + \alpha\lVert w\rVert^2$. Its gradient in $w$ is
# $-2X_c^\top(y_c - X_c w) + 2\alpha w$; setting it to zero,
#
# $$(X_c^\top X_c + \alpha I)\,w = X_c^\top y_c, \qquad b = \bar y - \bar x^\top w .$$
#
# The 2s cancel, which is why scikit-learn's $\alpha$ appears as is. Write
# `fit_ridge(X, y, alpha)` returning `(b, w)` (a float and an array of shape `(p,)`).
#
# *Hints:* `X.mean(axis=0)`; `np.eye(p)` is $I$ (adding the number `alpha` to a matrix adds
# it to **every** entry, not only the diagonal); `np.linalg.solve(A, rhs)`. Do not put a column
# of ones in the system with an $\alpha$ on its diagonal: that would penalise $b$. Do not
# modify `X` or `y` in place.

# %% nbgrader={"grade": false, "grade_id": "answer_fit_ridge", "locked": false, "schema_version": 3, "solution": true, "task": false}
def fit_ridge(X, y, alpha):
    """Ridge: minimise ||y - b - Xw||² + alpha ||w||². Return (b, w)."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y_mean - x_mean @ w), w
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ridge_returns_intercept_and_coef", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_fit_ridge_shapes", "fit_ridge")
### END HIDDEN TESTS
rng = np.random.default_rng(0)
X_check = rng.normal(size=(40, 3)) * [1.0, 3.0, 0.5] + 2.0
y_check = 5.0 + X_check @ np.array([1.0, -0.5, 2.0]) + 0.3 * rng.normal(size=40)
X_given, y_given = X_check.copy(), y_check.copy()
result = fit_ridge(X_check, y_check, 4.0)
assert isinstance(result, tuple) and len(result) == 2, "return a tuple (intercept, coef)"
assert np.ndim(result[0]) == 0, "the intercept should be a single number"
assert np.shape(result[1]) == (3,), f"coef should have shape (3,), got {np.shape(result[1])}"
assert np.array_equal(X_check, X_given) and np.array_equal(y_check, y_given), \
    "fit_ridge changed X or y in place (X -= ... or X[:] = ...): centre copies, Xc = X - X.mean(axis=0)"

# %% nbgrader={"grade": true, "grade_id": "ridge_matches_sklearn", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_fit_ridge_matches_reference", "fit_ridge")
### END HIDDEN TESTS
# scikit-learn's Ridge minimises the same objective; the two must agree to 1e-8.
rng = np.random.default_rng(1)
X_check = rng.normal(size=(30, 4)) * [2.0, 0.5, 1.0, 4.0] - 1.0
y_check = -3.0 + X_check @ np.array([0.5, 2.0, -1.0, 0.25]) + 0.5 * rng.normal(size=30)
X_given, y_given = X_check.copy(), y_check.copy()
b_mine, w_mine = fit_ridge(X_check, y_check, 4.0)
assert np.array_equal(X_check, X_given) and np.array_equal(y_check, y_given), \
    "fit_ridge changed X or y in place (X -= ... or X[:] = ...): centre copies, Xc = X - X.mean(axis=0)"
sk_ridge = Ridge(alpha=4.0).fit(X_check, y_check)
assert np.allclose(w_mine, sk_ridge.coef_, atol=1e-8), f"coef {w_mine} vs sklearn {sk_ridge.coef_}"
assert np.isclose(b_mine, sk_ridge.intercept_, atol=1e-8), f"intercept {b_mine} vs sklearn {sk_ridge.intercept_}"

# %% nbgrader={"grade": true, "grade_id": "ridge_intercept_unpenalised", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_fit_ridge_intercept_unpenalised", "fit_ridge")
### END HIDDEN TESTS
# An unpenalised intercept makes the residuals sum to zero, and shifting every y by a constant
# moves only b, never w.
rng = np.random.default_rng(2)
X_check = rng.normal(size=(35, 3)) * [1.0, 2.0, 3.0] + 4.0
y_check = 8.0 + X_check @ np.array([-1.0, 0.5, 1.5]) + rng.normal(size=35)
X_given, y_given = X_check.copy(), y_check.copy()
b_fit, w_fit = fit_ridge(X_check, y_check, 4.0)
assert np.array_equal(X_check, X_given) and np.array_equal(y_check, y_given), \
    "fit_ridge changed X or y in place: the residuals below would be computed from the changed data"
assert abs(np.sum(y_check - b_fit - X_check @ w_fit)) < 1e-8, "the residuals should sum to 0"
b_shift, w_shift = fit_ridge(X_check, y_check + 50.0, 4.0)
assert np.allclose(w_shift, w_fit) and np.isclose(b_shift, b_fit + 50.0), "shifting y must only move b"

# %% [markdown]
# ## 3. Your Ridge on Auto MPG, and why it always has one solution
#
# We standardise the numeric columns and one-hot encode `origin` (as in lesson 01), fit your
# `fit_ridge` and scikit-learn's `Ridge` on the same features, and print the largest
# difference. Penalties compare weights with each other, so the features must be on a common
# scale first: that is what the `StandardScaler` is for.

# %%
X, y = auto_mpg_xy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
preprocess = ColumnTransformer([
    ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
Z_train = preprocess.fit_transform(X_train)
feature_names = [name.split("__")[-1] for name in preprocess.get_feature_names_out()]
b_auto, w_auto = fit_ridge(Z_train, y_train.to_numpy(), 10.0)
sk_auto = Ridge(alpha=10.0).fit(Z_train, y_train)
print(f"largest |difference| from sklearn Ridge(alpha=10): coef {np.max(np.abs(w_auto - sk_auto.coef_)):.1e}, "
      f"intercept {abs(b_auto - sk_auto.intercept_):.1e}")

# %% [markdown]
# **Why Ridge always has a unique solution.** The eigenvalues of $X_c^\top X_c$ are $\ge 0$
# (it is $X_c^\top X_c$, so $v^\top X_c^\top X_c v = \lVert X_c v\rVert^2 \ge 0$). Computed in
# floating point, an eigenvalue that is exactly 0 comes out as a tiny number of either sign,
# about $10^{-16}$ times the largest one (rounding error; the cell below prints one); adding $\alpha I$ adds $\alpha$ to each of them, so for $\alpha > 0$ the matrix is invertible
# and its **condition number** (largest over smallest eigenvalue, a measure of how much
# rounding errors and noise are amplified) is $(\lambda_{\max}+\alpha)/(\lambda_{\min}+\alpha)$.
# Auto MPG's cylinders, displacement, horsepower and weight are strongly correlated, so
# $\lambda_{\min}$ is small. Below we also append an exact copy of `weight`: then
# $X_c^\top X_c$ is singular, least squares has infinitely many solutions (any split of the
# weight coefficient between the two copies), and Ridge picks the one that splits it equally,
# because $a^2 + c^2$ with $a + c$ fixed is smallest at $a = c$.

# %%
Zc = Z_train - Z_train.mean(axis=0)
Z_dup = np.column_stack([Z_train, Z_train[:, feature_names.index("weight")]])
Zc_dup = Z_dup - Z_dup.mean(axis=0)
for label, M in [("Auto MPG features", Zc), ("with a copy of weight", Zc_dup)]:
    eig = np.linalg.eigvalsh(M.T @ M)
    singular = eig.min() < 1e-10 * eig.max()  # zero up to rounding error
    cond0 = "infinite (singular)" if singular else f"{eig.max() / eig.min():.1f}"
    print(f"{label}: eigenvalues of XcᵀXc from {eig.min():.2g} to {eig.max():.1f}; "
          f"condition number {cond0} at alpha=0, {(eig.max() + 10) / (eig.min() + 10):.1f} at alpha=10")
_, w_dup = fit_ridge(Z_dup, y_train.to_numpy(), 10.0)
print(f"Ridge(alpha=10) on the duplicated columns: weight {w_dup[feature_names.index('weight')]:.4f}, "
      f"its copy {w_dup[-1]:.4f}")

# %% [markdown]
# The printed lines show the effect: with the copy of `weight`, the smallest eigenvalue is 0
# up to rounding error (the tiny printed value, whatever its sign, is what floating-point
# arithmetic makes of an exact 0; the cell treats anything below $10^{-10}$ times the largest
# eigenvalue as 0), so least squares has no unique solution; with $\alpha = 10$ the
# condition number is a modest number, and the two copies of `weight` get the same
# coefficient. Even without the copy, the penalty lowers the condition number.
#
# ## 4. The Ridge trace: shrinking, never zero
#
# Refit for a range of $\alpha$ (log scale) and plot each coefficient against $\alpha$.
# Compare with lesson 02's Lasso path, where coefficients hit exactly zero one after another.

# %%
alphas_trace = np.logspace(-2, 5, 60)
trace = np.array([fit_ridge(Z_train, y_train.to_numpy(), a)[1] for a in alphas_trace])
print(f"at alpha = {alphas_trace[-1]:.0e}: exact zeros among {trace.shape[1]} coefficients: "
      f"{int(np.sum(trace[-1] == 0.0))}; smallest |coefficient| {np.min(np.abs(trace[-1])):.2e}, "
      f"largest {np.max(np.abs(trace[-1])):.2e}")
for name in ["cylinders", "displacement", "horsepower", "weight"]:
    j = feature_names.index(name)
    print(f"{name:12s} coefficient at alpha=0.01: {trace[0, j]:+.2f}, at alpha={alphas_trace[40]:.0f}: "
          f"{trace[40, j]:+.2f}")
fig, ax = plt.subplots(figsize=(8, 4.2))
coefficient_trace(alphas_trace, trace, feature_names, ax=ax,
                  title="Ridge trace on Auto MPG (standardised features)")
ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** At small $\alpha$ the coefficients are those of least squares;
# as $\alpha$ grows they all shrink towards zero. The four correlated engine-size columns
# (cylinders, displacement, horsepower, weight) share the effect: the printed lines show
# displacement's least-squares coefficient with the opposite sign to the other three, and
# all four negative at a moderate $\alpha$, none of them dropping out. The first
# printed line confirms that even at the largest $\alpha$ no coefficient is exactly zero:
# Ridge's update divides by $(\ldots + \alpha)$, a proportional shrink, while Lasso's
# soft-threshold subtracts a fixed amount and clips at zero.
#
# ## 5. The geometry: disk versus diamond
#
# Penalising with strength $\alpha$ is equivalent to minimising the loss subject to a
# **budget** $\lVert w\rVert \le t$ (each $\alpha$ corresponds to some $t$). Below, a two-weight
# least-squares problem (two correlated centred features, no intercept): the grey ellipses are
# contours of its mean squared error, the star is the unpenalised least-squares solution, and
# the shaded regions are the L2 disk $\lVert w\rVert_2 \le t$ and the L1 diamond
# $\lVert w\rVert_1 \le t$ of the same budget. The best point inside each region is where the
# smallest ellipse touches it. The static figure shows three budgets; the printed lines give
# the two constrained solutions.

# %%
rng_geo = np.random.default_rng(3)
x1 = rng_geo.normal(size=100)
x2 = 0.6 * x1 + 0.8 * rng_geo.normal(size=100)
X_geo = np.column_stack([x1, x2])
X_geo -= X_geo.mean(axis=0)
y_geo = 2.0 * X_geo[:, 0] + 0.5 * X_geo[:, 1] + rng_geo.normal(size=100)
y_geo -= y_geo.mean()

fig, axes = plt.subplots(1, 3, figsize=(14, 4.8))
for ax, budget in zip(axes, [0.6, 1.2, 2.0]):
    w_ols_geo, w_l2_geo, w_l1_geo = l1_l2_geometry(X_geo, y_geo, budget, ax=ax, extent=2.6)
    print(f"t = {budget}: L2 solution {np.round(w_l2_geo, 3)}, L1 solution {np.round(w_l1_geo, 3)} "
          f"(least squares {np.round(w_ols_geo, 3)})")
axes[0].legend(loc="lower left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figure shows.** For the two smaller budgets the L1 solution sits on the corner
# of the diamond on the $w_1$ axis, so $w_2$ is exactly zero (printed as `0.`); the L2
# solution lies on the round edge of the disk with both weights nonzero. A disk has no corners,
# so the first contact point with an ellipse almost never lies on an axis. With the largest
# budget the diamond is big enough that the contact is on an edge, and both L1 weights are
# nonzero again.
#
# **Try it.** With a running kernel, drag the slider to change the budget $t$ and watch where
# the two solutions land (without a kernel, the static figure above shows the same thing).

# %%
def show_geometry(budget=1.0):
    fig, ax = plt.subplots(figsize=(5.5, 5.5))
    l1_l2_geometry(X_geo, y_geo, budget, ax=ax, extent=2.6)
    ax.legend(loc="lower left", fontsize=8)
    plt.show()


budget_slider = widgets.FloatSlider(value=1.0, min=0.1, max=2.5, step=0.05, description="budget t",
                                    continuous_update=False)
display(widgets.interactive(show_geometry, budget=budget_slider))

# %% [markdown]
# ## 6. When does the penalty help?
#
# On Auto MPG with its seven plain features and the full training split, least squares has
# nearly 40 cars per coefficient and little to gain from a penalty; the cell below shows it by
# comparing OLS with a well-tuned Ridge on the test split. A penalty pays off when the model
# has many coefficients for the data it sees. We build that regime: degree-2 **polynomial
# features** of the six numeric columns (squares and pairwise products: 27 columns, plus the
# two origin dummies) and a **small training sample** of 60 cars drawn from the training split.
# The test split stays the same. *(The next cell cross-validates Ridge over 25 alphas twice and
# takes about 6 to 12 s on a 2-core laptop, the longer when other programs are busy.)*

# %%
def plain_pipeline(model):
    return make_pipeline(ColumnTransformer([
        ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ]), model)


def poly_pipeline(model):
    numeric = make_pipeline(StandardScaler(), PolynomialFeatures(degree=2, include_bias=False),
                            StandardScaler())
    return make_pipeline(ColumnTransformer([
        ("numeric", numeric, AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ]), model)


cv = KFold(n_splits=5, shuffle=True, random_state=0)
alphas = np.logspace(-3, 3, 25)


def cv_rmse_curves(pipeline, X_fit, y_fit):
    """Training and validation RMSE, shape (len(alphas), 5 folds), for Ridge(alpha) in the pipeline."""
    train_scores, valid_scores = validation_curve(
        pipeline(Ridge()), X_fit, y_fit, param_name="ridge__alpha", param_range=alphas, cv=cv,
        scoring="neg_root_mean_squared_error")
    return -train_scores, -valid_scores


_, plain_cv = cv_rmse_curves(plain_pipeline, X_train, y_train)
plain_alpha = alphas[np.argmin(plain_cv.mean(axis=1))]
plain_ols = plain_pipeline(LinearRegression()).fit(X_train, y_train)
plain_ridge = plain_pipeline(Ridge(alpha=plain_alpha)).fit(X_train, y_train)
print(f"plain features, {len(X_train)} training cars: OLS test RMSE "
      f"{root_mean_squared_error(y_test, plain_ols.predict(X_test)):.3f}, Ridge(alpha={plain_alpha:.3g}) "
      f"{root_mean_squared_error(y_test, plain_ridge.predict(X_test)):.3f} mpg")

X_small_train = X_train.sample(n=60, random_state=0)
y_small_train = y_train.loc[X_small_train.index]
train_rmse, cv_rmse = cv_rmse_curves(poly_pipeline, X_small_train, y_small_train)
print(f"polynomial features: {poly_pipeline(Ridge())[0].fit_transform(X_small_train).shape[1]} columns "
      f"for {len(X_small_train)} training cars")

# %% [markdown]
# ## 7. Exercise 3 — choose alpha by cross-validation
#
# `train_rmse` and `cv_rmse` have one row per value in `alphas` and one column per fold:
# the RMSE on the four training folds and on the held-out fold of 5-fold cross-validation on
# the 60 cars. Set
#
# - `best_alpha`: the alpha with the smallest **mean validation** RMSE (average over folds);
# - `small_ridge`: `poly_pipeline(Ridge(alpha=best_alpha))` fitted on `X_small_train,
#   y_small_train`;
# - `ridge_test_rmse`: its RMSE on the test split.
#
# *Hint:* `np.argmin(cv_rmse.mean(axis=1))` gives the row. Training RMSE cannot choose alpha:
# it always prefers the smallest penalty.

# %% nbgrader={"grade": false, "grade_id": "answer_choose_alpha", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
best_alpha = alphas[np.argmin(cv_rmse.mean(axis=1))]
small_ridge = poly_pipeline(Ridge(alpha=best_alpha)).fit(X_small_train, y_small_train)
ridge_test_rmse = root_mean_squared_error(y_test, small_ridge.predict(X_test))
### END SOLUTION
print(f"best alpha {best_alpha:.3g}; Ridge test RMSE {ridge_test_rmse:.3f} mpg")

# %% nbgrader={"grade": true, "grade_id": "alpha_chosen_by_validation", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_best_alpha", "best_alpha")
### END HIDDEN TESTS
assert np.ndim(best_alpha) == 0 and best_alpha in alphas, "best_alpha should be one of the values in alphas"
assert best_alpha > alphas[0], "the smallest alpha is what training error would pick; use the validation RMSE"
mean_validation_rmse = np.asarray(cv_rmse).mean(axis=1)  # one mean per alpha, over its 5 folds
assert np.isclose(mean_validation_rmse[list(alphas).index(best_alpha)], mean_validation_rmse.min()), \
    "another alpha has a smaller mean validation RMSE (average each alpha's row over the folds, axis=1)"

# %% nbgrader={"grade": true, "grade_id": "ridge_test_rmse_reported", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("ridge.check_ridge_test_rmse", "small_ridge", "ridge_test_rmse", "best_alpha")
### END HIDDEN TESTS
assert hasattr(small_ridge, "predict"), "small_ridge should be a fitted pipeline"
assert np.ndim(ridge_test_rmse) == 0 and ridge_test_rmse > 0, "ridge_test_rmse should be a positive number"

# %% [markdown]
# ## 8. The bias-variance trade-off, in numbers

# %%
small_ols = poly_pipeline(LinearRegression()).fit(X_small_train, y_small_train)
ols_train_rmse = root_mean_squared_error(y_small_train, small_ols.predict(X_small_train))
ols_test_rmse = root_mean_squared_error(y_test, small_ols.predict(X_test))
chosen_train_rmse = root_mean_squared_error(y_small_train, small_ridge.predict(X_small_train))
print(f"OLS, polynomial features, 60 cars:  train RMSE {ols_train_rmse:.3f}, test RMSE {ols_test_rmse:.3f} mpg")
print(f"Ridge(alpha={best_alpha:.3g}), same data:      train RMSE {chosen_train_rmse:.3f}, "
      f"test RMSE {root_mean_squared_error(y_test, small_ridge.predict(X_test)):.3f} mpg")

fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(alphas, train_rmse.mean(axis=1), "o-", ms=3, label="Ridge, training folds")
ax.plot(alphas, cv_rmse.mean(axis=1), "o-", ms=3, label="Ridge, validation folds")
ax.axvline(best_alpha, color="grey", ls="--", label=f"chosen alpha = {best_alpha:.3g}")
ax.axhline(ols_test_rmse, color="tab:red", ls=":", label="OLS on the test split")
ax.axhline(root_mean_squared_error(y_test, small_ridge.predict(X_test)), color="tab:green", ls=":",
           label="chosen Ridge on the test split")
ax.set_xscale("log")
ax.set(xlabel="alpha (log scale)", ylabel="RMSE (mpg)",
       title="Degree-2 polynomial features, 60 training cars")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# **What the figure shows.** The training RMSE (blue) grows steadily with alpha: a penalty can
# only make the fit to the data it sees worse. The validation RMSE (orange) first falls, as
# the penalty removes variance (the wiggles that fit noise in 60 cars), then rises, as it adds
# bias (every coefficient pulled towards zero). The dashed line marks the minimum. The two
# printed lines compare the fits on the test split, which no choice above has seen: in this
# regime the chosen Ridge has a lower test RMSE than least squares on the same features. The
# earlier line for plain features on the full training split shows no such gain: there the
# tuned Ridge's test RMSE is close to least squares' and not lower. Which regime you are in
# decides whether the penalty is worth it.
#
# ## Summary
#
# - scikit-learn's Ridge minimises $\lVert y - b - Xw\rVert^2 + \alpha\lVert w\rVert^2$: no
#   $\frac1n$, no $\frac12$, intercept not penalised.
# - Closed form on centred data: $(X_c^\top X_c + \alpha I)w = X_c^\top y_c$,
#   $b = \bar y - \bar x^\top w$; unique for every $\alpha > 0$, even with duplicated columns.
# - Ridge shrinks all coefficients smoothly and sets none to zero; the L1 diamond's corners are
#   why Lasso does.
# - The penalty helps when there are many coefficients for few samples; choose $\alpha$ on
#   validation data, never on training error.
#
# **Next:** lesson 04 mixes the two penalties (elastic net) and converts between the ways
# libraries write them.
