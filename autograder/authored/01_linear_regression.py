# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 01 — Linear regression on Auto MPG
#
# Before we regularise anything, we need the model that regularisation modifies. In this
# lesson you fit **ordinary least squares** (OLS) to predict a car's fuel efficiency (miles
# per gallon) from its engine and body measurements: first from scratch with the normal
# equations, then with scikit-learn, and you check that the two agree.
#
# **Notation used in every lesson.** There are $n$ samples and $p$ features. $X$ is the
# $n \times p$ feature matrix, $y$ the targets, $w$ the $p$ weights and $b$ the intercept.
# The model predicts $\hat y = b + Xw$. OLS minimises the mean squared error
#
# $$\frac{1}{n}\,\lVert y - b - Xw \rVert^2 .$$
#
# The factor $1/n$ does not move the minimiser (it only rescales the loss), but later lessons
# add a penalty on $w$, and then the factor in front of the data term decides what a given
# penalty strength means. We write the intercept $b$ separately from $w$ from the start,
# because penalties act on $w$ and never on $b$.
#
# **Exercises** (graded by nbgrader): 1. the design matrix; 2. least squares from the normal
# equations; 3. RMSE; 4. a scikit-learn baseline. Each exercise cell says what to write; run
# the test cell below it to check your answer. The grader runs more tests than you see.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import root_mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy, load_auto_mpg
from lessonkit.plots import coefficient_bars, predicted_vs_actual

# %% [markdown]
# ## 1. The data
#
# Auto MPG describes cars from model years 1970–1982 (the datasheet is `data/README.md`).
# A few cars have no recorded `mpg` or `horsepower`; `auto_mpg_xy()` drops those rows. The
# cell below counts them from the shipped file. `origin` is a **category** (USA, Europe,
# Japan), not a number: we will one-hot encode it rather than pretend Japan = 3 × USA.

# %%
raw = load_auto_mpg(dropna=False)
X, y = auto_mpg_xy()
print(f"{len(raw)} cars in the file; missing mpg: {raw['mpg'].isna().sum()}, "
      f"missing horsepower: {raw['horsepower'].isna().sum()}; {len(X)} complete rows kept.")
print(f"inputs: {list(X.columns)}; target: mpg")
X.head()

# %% [markdown]
# We hold out a quarter of the cars as a **test split**, fixed by `random_state=0` so every
# run (and the grader) sees the same split. Everything is fitted on the training split only.

# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
print(f"training cars: {len(X_train)}, test cars: {len(X_test)}")

# %% [markdown]
# ## 2. Exercise 1 — the design matrix
#
# Least squares with an intercept is least squares without one on a bigger matrix: prepend a
# column of ones, $A = [\mathbf 1 \mid X]$ of shape $(n, p+1)$, so that
# $A\,\theta = b + Xw$ with $\theta = (b, w_1, \dots, w_p)$.
#
# Write `add_intercept_column(X)` that takes a 2-D NumPy array and returns $A$ (ones
# **first**). Do not modify `X`. *Hint:* `np.column_stack` or `np.hstack`.

# %% nbgrader={"grade": false, "grade_id": "answer_add_intercept_column", "locked": false, "schema_version": 3, "solution": true, "task": false}
def add_intercept_column(X):
    """Return [1 | X], shape (n, p + 1), ones in the first column."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "design_matrix_has_intercept_column", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_add_intercept_column", "add_intercept_column")
### END HIDDEN TESTS
X_small = np.array([[2.0, 3.0], [4.0, 5.0], [6.0, 7.5]])
A_small = add_intercept_column(X_small)
assert np.shape(A_small) == (3, 3), f"expected shape (3, 3), got {np.shape(A_small)}"
assert np.allclose(A_small[:, 0], 1.0), "the first column should be all ones"
assert np.allclose(A_small[:, 1:], X_small), "the other columns should be X, unchanged"

# %% [markdown]
# ## 3. Exercise 2 — least squares from the normal equations
#
# Minimise $\frac1n\lVert y - A\theta\rVert^2$. Its gradient is
# $-\frac2n A^\top (y - A\theta)$; setting it to zero gives the **normal equations**
#
# $$A^\top A\,\theta = A^\top y .$$
#
# The $\frac2n$ cancels, so the solution does not depend on it. Write
# `fit_least_squares(X, y)` that builds $A$ with your `add_intercept_column`, solves the
# normal equations, and returns a tuple `(intercept, coef)`: the intercept $\theta_0$ as a
# float and the weights $\theta_1, \dots, \theta_p$ as an array of shape `(p,)`.
#
# *Hint:* `np.linalg.solve(A.T @ A, A.T @ y)` solves the system (never form the inverse);
# `np.linalg.lstsq(A, y)` is the numerically safer alternative. Watch the shapes: $A^\top A$
# is $(p+1) \times (p+1)$.

# %% nbgrader={"grade": false, "grade_id": "answer_fit_least_squares", "locked": false, "schema_version": 3, "solution": true, "task": false}
def fit_least_squares(X, y):
    """Least squares y ≈ b + X w. Return (b, w): b a float, w of shape (p,)."""
    ### BEGIN SOLUTION
    A = add_intercept_column(X)
    theta = np.linalg.solve(A.T @ A, A.T @ np.asarray(y, dtype=float))
    return float(theta[0]), theta[1:]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ols_returns_intercept_and_coef", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_fit_returns_intercept_and_coef", "fit_least_squares")
### END HIDDEN TESTS
rng = np.random.default_rng(0)
X_check = rng.normal(size=(40, 3))
y_check = 1.0 + X_check @ np.array([2.0, 0.0, -1.0]) + 0.1 * rng.normal(size=40)
result = fit_least_squares(X_check, y_check)
assert isinstance(result, tuple) and len(result) == 2, "return a tuple (intercept, coef)"
assert np.ndim(result[0]) == 0, "the intercept should be a single number"
assert np.shape(result[1]) == (3,), f"coef should have shape (3,), got {np.shape(result[1])}"

# %% nbgrader={"grade": true, "grade_id": "ols_matches_reference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_fit_matches_reference", "fit_least_squares")
### END HIDDEN TESTS
# Without noise, least squares must recover the true intercept and weights exactly.
X_exact = np.random.default_rng(1).normal(size=(25, 2)) * [1.0, 10.0]
b_exact, w_exact = fit_least_squares(X_exact, 4.0 + X_exact @ np.array([1.5, -0.2]))
assert np.isclose(b_exact, 4.0), f"intercept should be 4.0, got {b_exact}"
assert np.allclose(w_exact, [1.5, -0.2]), f"coef should be [1.5, -0.2], got {w_exact}"

# %% nbgrader={"grade": true, "grade_id": "ols_residuals_satisfy_normal_equations", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_fit_satisfies_normal_equations", "fit_least_squares")
### END HIDDEN TESTS
# At the solution, the residuals sum to zero (the intercept's equation) and are orthogonal
# to every feature column (the other p equations).
rng_r = np.random.default_rng(2)
X_r = rng_r.normal(size=(30, 3))
y_r = 5.0 + X_r @ np.array([1.0, -1.0, 0.5]) + rng_r.normal(size=30)
b_fit, w_fit = fit_least_squares(X_r, y_r)
residuals = y_r - b_fit - X_r @ w_fit
assert abs(residuals.sum()) < 1e-8, f"residuals sum to {residuals.sum():.3g}, not 0: is the column of ones there?"
assert np.allclose(X_r.T @ residuals, 0.0, atol=1e-8), "residuals are not orthogonal to X"

# %% [markdown]
# ## 4. Exercise 3 — root mean squared error
#
# $$\mathrm{RMSE} = \sqrt{\frac1n \sum_{i=1}^n (y_i - \hat y_i)^2}$$
#
# It is in the units of $y$ (mpg here). Write `rmse(y_true, y_pred)` returning a float.
# Divide by $n$, not $n-1$: RMSE describes these predictions, it is not a variance estimate.

# %% nbgrader={"grade": false, "grade_id": "answer_rmse", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rmse(y_true, y_pred):
    """sqrt(mean((y_true - y_pred)**2))"""
    ### BEGIN SOLUTION
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "rmse_sanity", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_rmse_small_cases", "rmse")
### END HIDDEN TESTS
# Errors 3 and 4: mean squared error (9 + 16) / 2 = 12.5, RMSE = sqrt(12.5).
got = rmse(np.array([0.0, 0.0]), np.array([3.0, 4.0]))
assert np.isclose(got, np.sqrt(12.5)), f"expected sqrt(12.5) = {np.sqrt(12.5):.4f}, got {got}"
assert rmse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])) == 0.0, "perfect predictions have RMSE 0"

# %% nbgrader={"grade": true, "grade_id": "rmse_matches_reference", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_rmse", "rmse")
### END HIDDEN TESTS
y_const = np.linspace(10.0, 40.0, 7)
assert np.isclose(rmse(y_const, y_const + 0.5), 0.5), "a constant error of 0.5 has RMSE 0.5"

# %% [markdown]
# ## 5. Exercise 4 — the scikit-learn baseline
#
# The preprocessing below standardises the numeric columns (subtract the training mean,
# divide by the training standard deviation) and one-hot encodes `origin`, dropping its
# first level (USA, the first of `ORIGINS`) so that the dummy columns are not collinear
# with the intercept.
#
# Build `baseline`, a pipeline of `preprocess` followed by `LinearRegression()`, **fitted on
# the training split only**, and store its test-split RMSE in `baseline_test_rmse`.
# *Hint:* `make_pipeline(...)`, `.fit(X_train, y_train)`, `root_mean_squared_error(y_true, y_pred)`.

# %%
preprocess = ColumnTransformer([
    ("numeric", StandardScaler(), AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])

# %% nbgrader={"grade": false, "grade_id": "answer_baseline", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
baseline = make_pipeline(preprocess, LinearRegression()).fit(X_train, y_train)
baseline_test_rmse = root_mean_squared_error(y_test, baseline.predict(X_test))
### END SOLUTION
print(f"baseline test RMSE: {baseline_test_rmse:.3f} mpg")

# %% nbgrader={"grade": true, "grade_id": "baseline_fitted_on_training_split", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit_probe import probe
probe("linear_regression.check_baseline", "baseline", "baseline_test_rmse", "rmse")
### END HIDDEN TESTS
from sklearn.base import clone

assert hasattr(baseline, "predict"), "baseline should be a fitted pipeline"
assert np.ndim(baseline_test_rmse) == 0 and baseline_test_rmse > 0, "baseline_test_rmse should be a positive number"
# The same pipeline refitted on the training split must predict the test cars exactly as yours does.
refitted = clone(baseline).fit(X_train, y_train)
assert np.allclose(refitted.predict(X_test), baseline.predict(X_test)), \
    "baseline predicts differently from the same pipeline fitted on X_train, y_train: fit it on the training split only"
assert np.isclose(baseline_test_rmse, root_mean_squared_error(y_test, baseline.predict(X_test))), \
    "baseline_test_rmse should be the RMSE of baseline's predictions on the test split (X_test, y_test)"

# %% [markdown]
# ## 6. From scratch = scikit-learn
#
# Your `fit_least_squares` on the same preprocessed training features must give
# scikit-learn's coefficients. The cell prints the largest difference.

# %%
fitted_preprocess = baseline[0]
feature_names = [name.split("__")[-1] for name in fitted_preprocess.get_feature_names_out()]
Z_train = fitted_preprocess.transform(X_train)
b_scratch, w_scratch = fit_least_squares(Z_train, y_train.to_numpy())
sk_model = baseline[-1]
print(f"largest |difference| in coefficients: {np.max(np.abs(w_scratch - sk_model.coef_)):.2e}; "
      f"in the intercept: {abs(b_scratch - sk_model.intercept_):.2e}")

coef_table = pd.DataFrame({"coefficient (mpg per SD, or vs USA)": sk_model.coef_}, index=feature_names)
coef_table.loc["intercept"] = sk_model.intercept_
coef_table.round(3)

# %% [markdown]
# **Reading the table.** Numeric features are standardised, so each numeric coefficient is
# the change in predicted mpg for a one-standard-deviation increase of that feature, the
# others held fixed. The `origin_*` coefficients compare Europe and Japan with a US car
# with the same measurements. The intercept is the prediction for a US car whose numeric
# features all equal the training means. Correlated features (cylinders, displacement,
# horsepower, weight) share credit unpredictably: one can even get the "wrong" sign. Lesson
# 02 comes back to this.

# %%
train_rmse = root_mean_squared_error(y_train, baseline.predict(X_train))
print(f"RMSE on the training split: {train_rmse:.3f} mpg; on the test split: {baseline_test_rmse:.3f} mpg")
largest = coef_table.drop(index="intercept").iloc[:, 0].abs().sort_values(ascending=False)
print(f"largest |coefficients|: {largest.index[0]} ({largest.iloc[0]:.2f}), "
      f"{largest.index[1]} ({largest.iloc[1]:.2f})")
test_errors = y_test - baseline.predict(X_test)
efficient = y_test >= y_test.quantile(0.75)
print(f"mean error (actual - predicted) on the most efficient quarter of test cars: "
      f"{test_errors[efficient].mean():+.2f} mpg; on the rest: {test_errors[~efficient].mean():+.2f} mpg")

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
predicted_vs_actual(y_test, baseline.predict(X_test), ax=axes[0],
                    title=f"Test split: RMSE {baseline_test_rmse:.2f} mpg")
coefficient_bars(feature_names, sk_model.coef_, ax=axes[1],
                 title="OLS coefficients (standardised features)", xlabel="mpg per SD (or vs USA)")
fig.tight_layout()
plt.show()

# %% [markdown]
# **What the figures show.** Left: each dot is a test car; points on the grey line are
# predicted perfectly. The last printed line compares the average error on the most
# efficient cars with the rest: a positive mean error means the model under-predicts
# there, a sign that mpg is not linear in the features (lesson 03 adds polynomial terms).
# Right: one bar per feature; the printed line names the two largest in absolute value.
#
# ## 7. Scaling does not change OLS predictions
#
# Standardising rescales each column, and OLS simply rescales the matching weight, so the
# predictions are identical. That is no longer true once the weights are penalised: a
# penalty on $w$ treats a weight for "pounds" and one for "thousands of pounds" very
# differently. The check below fits OLS on raw (unscaled, but one-hot encoded) features.

# %%
raw_features = ColumnTransformer([
    ("numeric", "passthrough", AUTO_MPG_NUMERIC),
    ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
])
unscaled = make_pipeline(raw_features, LinearRegression()).fit(X_train, y_train)
gap = np.max(np.abs(unscaled.predict(X_test) - baseline.predict(X_test)))
print(f"largest difference between scaled and unscaled OLS test predictions: {gap:.2e} mpg")

# %% [markdown]
# ## Summary
#
# - OLS minimises $\frac1n\lVert y - b - Xw\rVert^2$; the normal equations
#   $A^\top A\theta = A^\top y$ with $A = [\mathbf 1 \mid X]$ give $b$ and $w$ together,
#   and $b$ is not part of $w$.
# - RMSE $= \sqrt{\text{mean squared error}}$, in the units of $y$, divided by $n$.
# - Fit every preprocessing step on the training split only; report the test RMSE.
# - Scaling does not matter for OLS. It will matter for everything that follows.
#
# **Next:** lesson 02 adds an L1 penalty (Lasso), which sets some weights exactly to zero.
