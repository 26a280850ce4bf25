"""Hidden-test checks for lesson 03 (Ridge: objective, closed form, choosing alpha)."""

from __future__ import annotations

import numpy as np

from .. import ridge as ref
from ._core import SEEDS, as_float, ask, fail, random_regression_problem, unpack_intercept_coef

ALPHAS = (0.3, 2.0, 7.5, 25.0, 1.0)


def check_ridge_objective(ridge_objective):
    """Equals ||y - b - Xw||² + alpha ||w||² (no 1/n, no 1/2, b unpenalised) on random problems."""
    for seed, alpha in zip(SEEDS, ALPHAS):
        X, y, b, w = random_regression_problem(seed)
        rng = np.random.default_rng(seed + 1)
        w = w + rng.normal(size=w.shape)
        b = b + 1.5
        n = len(y)
        got = as_float(ridge_objective(X, y, b, w, alpha), "ridge_objective(X, y, b, w, alpha)")
        want = ref.ridge_objective(X, y, b, w, alpha)
        if np.isclose(got, want, rtol=1e-9):
            continue
        r = y - b - X @ w
        rss, l2, l1 = r @ r, w @ w, np.abs(w).sum()
        diagnoses = [
            (rss / n + alpha * l2, "you divided the squared error by n. scikit-learn's Ridge has "
             "no 1/n: ||y - b - Xw||² + alpha·||w||² (it is Lasso and ElasticNet that use 1/(2n))."),
            (rss / (2 * n) + alpha * l2, "you used the Lasso/ElasticNet scaling 1/(2n) on the data "
             "term; Ridge's data term is the plain sum of squares."),
            (rss / n + alpha * l2 / n, "you divided the whole objective by n; Ridge uses the sum."),
            (rss + 0.5 * alpha * l2, "you put a 1/2 in front of the penalty; Ridge's penalty is "
             "alpha·||w||² (ElasticNet's has the 1/2)."),
            (0.5 * rss + 0.5 * alpha * l2, "you halved the objective; Ridge has no 1/2."),
            (rss + alpha * (l2 + b ** 2), "you penalised the intercept: b must not be in the "
             "penalty, only w."),
            (rss + alpha * l1, "this is an L1 penalty (sum of |w_j|); Ridge uses the squares."),
            (rss + alpha * np.sqrt(l2), "you used the norm ||w||, not its square ||w||²."),
            (rss + alpha * w.sum() ** 2, "the penalty is alpha·(w_1 + ... + w_p)²: you squared the SUM of the "
             "weights. Square each weight, then add: alpha·Σ w_j² (w @ w)."),
            (r.sum() ** 2 + alpha * l2, "the data term is (Σ r_i)², the square of the summed residuals; it is "
             "Σ r_i², the sum of the squared residuals (r @ r)."),
            (rss, "the penalty alpha·||w||² is missing."),
            (np.sqrt(rss) + alpha * l2, "take the squared error, not its square root."),
        ]
        for value, why in diagnoses:
            if np.isclose(got, value, rtol=1e-9):
                fail(f"ridge_objective returned {got:.6g}, expected {want:.6g} (seed {seed}): {why}",
                     mistake={"sqrt_error": "not its square root",
                              "divided_by_n": "divided the squared error by n", "over_2n": "1/(2n)",
                              "whole_over_n": "whole objective by n",
                              "half_penalty": "1/2 in front of the penalty",
                              "halved": "halved the objective",
                              "penalises_intercept": "penalised the intercept", "l1_penalty": "L1 penalty",
                              "norm_not_squared": "not its square", "square_of_sum": "squared the SUM",
                              "residual_sum_squared": "square of the summed residuals",
                              "missing_penalty": "is missing"})
        fail(f"ridge_objective returned {got:.6g} on a random problem (seed {seed}, n={n}, "
             f"alpha={alpha}); expected {want:.6g} = ||y - b - Xw||² + alpha·||w||².", mistake="differs")


def _unpack(result, p):
    return unpack_intercept_coef(result, p, "fit_ridge(X, y, alpha)")


def _fit(fit_ridge, X, y, alpha):
    """``fit_ridge(X, y, alpha)``, unpacked; an error in the student's code is reported with the rule behind it."""
    n, p = X.shape
    try:
        result = fit_ridge(X, y, alpha)
    except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
        text = f"{type(exc).__name__}: {exc}"
        compact = text.replace(" ", "")
        if "couldnotbebroadcast" in compact and f"({p},{p})({n},{n})" in compact:
            fail(f"fit_ridge raised {text} (X of shape {X.shape}). The identity has the size of XcᵀXc, "
                 f"p x p = {p} x {p} (one row per feature): np.eye(X.shape[1]), not np.eye(len(X)) "
                 f"({n} x {n}, one row per sample).", mistake="eye_n")
        if "couldnotbebroadcast" in compact and f"({n},{n})({p},{p})" in compact:
            fail(f"fit_ridge raised {text} (X of shape {X.shape}). XcᵀXc is Xc.T @ Xc, p x p = {p} x {p}; "
                 f"Xc @ Xc.T is n x n ({n} x {n}).", mistake="shapes")
        if "could not be broadcast" in text or "mismatch in its core dimension" in text or "not aligned" in text:
            fail(f"fit_ridge raised {text} (X of shape {X.shape}): XcᵀXc is p x p ({p} x {p}) and Xcᵀyc has "
                 f"length p. Check the size of the identity (np.eye(X.shape[1]), not np.eye(len(X))) and "
                 "which products are transposed.", mistake="shapes")
        fail(f"fit_ridge raised {text}.", mistake="raised")
    return _unpack(result, p)


def _intercept_diagnosis(b, w, X, y):
    """(key, why) for an intercept that is not mean(y) - mean(X)·w for the student's own weights, or None."""
    right = float(y.mean() - X.mean(0) @ w)
    if np.isclose(b, right, rtol=1e-8, atol=1e-8):
        return None
    if abs(b) < 1e-8 * (1 + np.abs(y).max()):
        return ("intercept_from_centred_means", f"your intercept is 0 ({b:.3g}), the intercept of the centred "
                "problem: it looks computed from the means of the already-centred Xc and yc, which are 0. Use "
                "the means of the X and y you were given: b = mean(y) - mean(X)·w, with x_mean and y_mean "
                "saved before centring.")
    if np.isclose(b, y.mean(), rtol=1e-10, atol=1e-10):
        return ("intercept_mean_y", f"your intercept is mean(y) = {b:.6g}: it leaves out the columns' means, "
                "b = mean(y) - mean(X)·w.")
    if np.isclose(b, y.mean() + X.mean(0) @ w, rtol=1e-8, atol=1e-8):
        return ("intercept_sign", "your intercept is mean(y) + mean(X)·w: the sign is wrong, "
                "b = mean(y) - mean(X)·w.")
    return None


def check_fit_ridge_shapes(fit_ridge):
    """Returns (float, array of shape (p,)) for several shapes, X and y untouched."""
    for seed, p in zip(SEEDS, (1, 2, 4, 6, 3)):
        X, y, *_ = random_regression_problem(seed, p=p)
        X0, y0 = X.copy(), y.copy()
        _fit(fit_ridge, X, y, 2.0)
        if not (np.array_equal(X, X0) and np.array_equal(y, y0)):
            fail("fit_ridge changed X or y in place (e.g. X -= X.mean(0)); centre copies instead.",
                 mistake="changes_input")


def _wrong_ridge_answers(X, y, alpha):
    """Weights (b, w) of the typical wrong implementations, with the message for each."""
    n, p = X.shape
    A = np.column_stack([np.ones(n), X])
    theta_pen = np.linalg.solve(A.T @ A + alpha * np.eye(p + 1), A.T @ y)
    Xc, yc = X - X.mean(0), y - y.mean()
    out = [
        ((theta_pen[0], theta_pen[1:]), "you penalised the intercept: the column of ones got an "
         "alpha on its diagonal too. Centre X and y (or leave the intercept's diagonal entry at 0) "
         "so that only w is penalised."),
        (ref.fit_ridge(X, y, alpha * n), "this is Ridge with alpha·n: scikit-learn's Ridge has no "
         "1/n in its objective, so solve (XcᵀXc + alpha·I) w = Xcᵀyc with alpha itself."),
        (ref.fit_ridge(X, y, alpha / n), "this is Ridge with alpha/n: no 1/n anywhere in Ridge."),
        (ref.fit_ridge(X, y, 2 * alpha), "this is Ridge with 2·alpha: the gradient of "
         "alpha·||w||² is 2·alpha·w, and the 2 cancels with the data term's 2."),
        (ref.fit_ridge(X, y, alpha / 2), "this is Ridge with alpha/2: there is no 1/2 in Ridge."),
        (ref.fit_ridge(X, y, 0.0), "this is plain least squares: the alpha·I term is missing."),
    ]
    try:
        w_noid = np.linalg.solve(Xc.T @ Xc + alpha, Xc.T @ yc)
        out.append(((y.mean() - X.mean(0) @ w_noid, w_noid), "you added alpha to every entry of "
                    "XcᵀXc (XᵀX + alpha) instead of to its diagonal: use XᵀX + alpha·np.eye(p)."))
    except np.linalg.LinAlgError:
        pass
    w_unc = np.linalg.solve(X.T @ X + alpha * np.eye(p), X.T @ y)
    out.append(((0.0, w_unc), "you solved on uncentred X without an intercept: centre X and y, "
                "then b = mean(y) - mean(X)·w."))
    out.append(((y.mean(), w_unc), "you solved on uncentred X: centre X and y before solving."))
    w_yc = np.linalg.solve(X.T @ X + alpha * np.eye(p), X.T @ yc)
    out.append(((y.mean(), w_yc), "you centred y but not X: centre both."))
    out.append(((y.mean() - X.mean(0) @ w_yc, w_yc), "you centred y but not X: centre both."))
    return out


def check_fit_ridge_matches_reference(fit_ridge):
    """(b, w) equal scikit-learn's Ridge(alpha) (the reference) to 1e-8 on random problems."""
    for i, (seed, alpha) in enumerate(zip(SEEDS, ALPHAS)):
        X, y, *_ = random_regression_problem(seed, correlated=(i % 2 == 1))
        n, p = X.shape
        b, w = _fit(fit_ridge, X.copy(), y.copy(), alpha)
        b_ref, w_ref = ref.fit_ridge(X, y, alpha)
        if np.allclose(w, w_ref, rtol=1e-8, atol=1e-8) and np.isclose(b, b_ref, rtol=1e-8, atol=1e-8):
            continue
        for (b_bad, w_bad), why in _wrong_ridge_answers(X, y, alpha):
            if np.allclose(w, w_bad, rtol=1e-6, atol=1e-8) and np.isclose(b, b_bad, rtol=1e-6, atol=1e-8):
                fail(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}): {why}",
                     mistake={"penalised_intercept": "penalised the intercept",
                              "no_identity": "instead of to its diagonal",
                              "alpha_times_n": "Ridge with alpha·n", "alpha_over_n": "Ridge with alpha/n",
                              "two_alpha": "Ridge with 2·alpha", "half_alpha": "Ridge with alpha/2",
                              "least_squares": "plain least squares", "uncentred": "uncentred"})
        if np.allclose(w, w_ref, rtol=1e-8, atol=1e-8):
            found = _intercept_diagnosis(b, w, X, y)
            if found:
                fail(f"the weights are right but the intercept is {b:.6g}, expected {b_ref:.6g}: {found[1]}",
                     mistake=found[0])
            fail(f"the weights are right but the intercept is {b:.6g}, expected {b_ref:.6g}: "
                 "b = mean(y) - mean(X, axis=0) @ w.", mistake="intercept_differs")
        fail(f"on a random problem (seed {seed}, n={n}, p={p}, alpha={alpha}) expected intercept "
             f"{b_ref:.6g} and coef {np.round(w_ref, 6).tolist()}, got {b:.6g} and "
             f"{np.round(w, 6).tolist()}. Centre X and y, solve (XcᵀXc + alpha·I) w = Xcᵀyc, "
             "then b = mean(y) - mean(X)·w.", mistake="differs")


def check_fit_ridge_intercept_unpenalised(fit_ridge):
    """With b unpenalised the residuals sum to zero, and shifting y by c shifts b by c only."""
    for seed, alpha in zip(SEEDS, ALPHAS):
        X, y, *_ = random_regression_problem(seed)
        p = X.shape[1]
        b, w = _fit(fit_ridge, X.copy(), y.copy(), alpha)
        r = y - b - X @ w
        if abs(r.sum()) > 1e-7 * np.abs(y).sum():
            where = f"the residuals y - b - Xw sum to {r.sum():.4g} (seed {seed}, alpha={alpha}), not 0"
            found = _intercept_diagnosis(b, w, X, y)
            if found and np.allclose(w, ref.fit_ridge(X, y, alpha)[1], rtol=1e-6, atol=1e-8):
                fail(f"{where}, although your weights are right: {found[1]}", mistake=found[0])
            for (b_bad, w_bad), why in _wrong_ridge_answers(X, y, alpha):
                if np.allclose(w, w_bad, rtol=1e-6, atol=1e-8) and np.isclose(b, b_bad, rtol=1e-6, atol=1e-8):
                    fail(f"{where}: {why} (An unpenalised intercept makes the residuals sum to zero.)",
                         mistake={"penalised_intercept": "penalised the intercept", "uncentred": "uncentred",
                                  "y_centred_only": "centred y but not X"})
            if found:
                fail(f"{where}: {found[1]}", mistake=found[0])
            fail(f"{where}. An unpenalised intercept makes them sum to zero: b = mean(y) - mean(X)·w. "
                 "Did you penalise b, or solve on uncentred data?", mistake="penalised_intercept")
        c = 100.0
        b2, w2 = _fit(fit_ridge, X.copy(), y + c, alpha)
        if not np.allclose(w2, w, rtol=1e-7, atol=1e-7):
            fail(f"adding {c:g} to every y changed the weights (seed {seed}): with an unpenalised "
                 "intercept only b should move. The intercept is being penalised, or X and y are "
                 "not centred.", mistake="penalised_intercept")
        if not np.isclose(b2, b + c, rtol=1e-7, atol=1e-6):
            fail(f"adding {c:g} to every y moved the intercept by {b2 - b:.6g}, not by {c:g}: the "
                 "intercept must not be penalised.", mistake="intercept_shift")


def judge_context():
    """What lesson 03's fixed cells build (split, 60-car sample, CV curves), rebuilt by the judge."""
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold, train_test_split, validation_curve
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler

    from lessonkit.data import AUTO_MPG_CATEGORICAL, AUTO_MPG_NUMERIC, ORIGINS, auto_mpg_xy

    X, y = auto_mpg_xy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    X_small_train = X_train.sample(n=60, random_state=0)
    y_small_train = y_train.loc[X_small_train.index]
    numeric = make_pipeline(StandardScaler(), PolynomialFeatures(degree=2, include_bias=False), StandardScaler())
    pipeline = make_pipeline(ColumnTransformer([
        ("numeric", numeric, AUTO_MPG_NUMERIC),
        ("origin", OneHotEncoder(categories=[ORIGINS], drop="first"), AUTO_MPG_CATEGORICAL),
    ]), Ridge())
    alphas = np.logspace(-3, 3, 25)
    train_scores, valid_scores = validation_curve(
        pipeline, X_small_train, y_small_train, param_name="ridge__alpha", param_range=alphas,
        cv=KFold(n_splits=5, shuffle=True, random_state=0), scoring="neg_root_mean_squared_error")
    return {"X_test": X_test, "y_test": y_test, "X_small_train": X_small_train, "y_small_train": y_small_train,
            "alphas": alphas, "train_rmse": -train_scores, "cv_rmse": -valid_scores, "pipeline": pipeline}


def reference_answers(ctx):
    from sklearn.base import clone

    best = ref.best_alpha_from_cv(ctx["alphas"], ctx["cv_rmse"])
    model = clone(ctx["pipeline"]).set_params(ridge__alpha=best).fit(ctx["X_small_train"], ctx["y_small_train"])
    return {"best_alpha": best, "small_ridge": model,
            "ridge_test_rmse": ref_rmse(ctx["y_test"], model.predict(ctx["X_test"]))}


def check_best_alpha(best_alpha, alphas, cv_rmse, train_rmse):
    """best_alpha is the alpha with the smallest mean cross-validated RMSE."""
    got = as_float(best_alpha, "best_alpha")
    alphas = np.asarray(alphas, dtype=float)
    cv_rmse = np.asarray(cv_rmse, dtype=float)
    train_rmse = np.asarray(train_rmse, dtype=float)
    want = ref.best_alpha_from_cv(alphas, cv_rmse)
    if np.isclose(got, want, rtol=1e-12):
        return
    if float(got).is_integer() and 0 <= got < len(alphas) and not np.isclose(alphas, got, rtol=1e-12).any() \
            and np.isclose(alphas[int(got)], want, rtol=1e-12):
        fail(f"best_alpha = {got:g} is the POSITION of the best alpha (what np.argmin returns), not the alpha: "
             "index alphas with it, alphas[np.argmin(...)].", mistake="index_not_alpha")
    if np.isclose(got, alphas[np.argmin(train_rmse.mean(axis=1))], rtol=1e-12):
        fail(f"best_alpha = {got:.4g} minimises the training RMSE, which always prefers the "
             "smallest penalty; choose the alpha with the smallest mean validation (CV) RMSE.",
             mistake="training_rmse")
    if np.isclose(got, alphas[np.argmax(cv_rmse.mean(axis=1))], rtol=1e-12):
        fail(f"best_alpha = {got:.4g} has the LARGEST validation RMSE: use argmin on RMSE "
             "(argmax only for scores where larger is better).", mistake="argmax")
    if np.isclose(got, alphas[np.argmin(cv_rmse.mean(axis=0))], rtol=1e-12):
        fail(f"best_alpha = {got:.4g} comes from cv_rmse.mean(axis=0), which averages over the alphas "
             "(one number per fold); average over the folds instead, cv_rmse.mean(axis=1), one mean "
             "validation RMSE per alpha.", mistake="mean_over_alphas")
    if np.isclose(got, alphas[np.argmin(np.median(cv_rmse, axis=1))], rtol=1e-12):
        fail(f"best_alpha = {got:.4g} minimises the median over the folds; choose by the MEAN "
             "validation RMSE, cv_rmse.mean(axis=1).", mistake="median")
    if got in set(np.round(alphas[np.argmin(cv_rmse, axis=0)], 12)):
        fail(f"best_alpha = {got:.4g} is best on one fold only: average the folds first "
             "(cv_rmse.mean(axis=1)).", mistake="one_fold")
    fail(f"best_alpha = {got:.4g}; the alpha with the smallest mean CV RMSE is {want:.4g} "
         "(alphas[np.argmin(cv_rmse.mean(axis=1))]).", mistake="differs")


def check_ridge_test_rmse(small_ridge, ridge_test_rmse, best_alpha, X_small_train, y_small_train,
                          X_test, y_test, pipeline=None):
    """small_ridge is poly_pipeline(Ridge(best_alpha)) fitted on the small training sample,
    and ridge_test_rmse is its RMSE on the test split."""
    from sklearn.base import clone

    # The student's pipeline is only ever asked questions inside the sandbox (describe it,
    # predict, refit a clone of it); the judge never rebuilds or calls it.
    shape = ask(small_ridge, "describe")
    model = shape["steps"][-1] if shape["steps"] else shape
    alpha = model["params"].get("alpha")
    if not shape["estimator"] or not isinstance(alpha, (int, float)) or isinstance(alpha, bool) \
            or model["coef_size"] is None:
        fail(f"small_ridge should be a fitted pipeline ending in Ridge(alpha=best_alpha); got a "
             f"{shape['type']}" + (f" ending in {model['type']}." if shape["steps"] else "."),
             mistake="not_a_pipeline")
    if not np.isclose(float(alpha), as_float(best_alpha, "best_alpha"), rtol=1e-12):
        fail(f"small_ridge's Ridge has alpha={alpha}, but best_alpha is {best_alpha}.", mistake="wrong_alpha")
    pred = np.asarray(ask(small_ridge, "predict", X_test), dtype=float)
    refit = np.asarray(ask(small_ridge, "refit_predict", X_small_train, y_small_train, X_test), dtype=float)
    train_pred = np.asarray(ask(small_ridge, "predict", X_small_train), dtype=float)
    if pred.shape != (len(X_test),) or train_pred.shape != (len(X_small_train),):
        fail(f"small_ridge.predict gave {pred.size} values for {len(X_test)} test cars.", mistake="wrong_size")
    if refit.shape != pred.shape or not np.allclose(pred, refit, atol=1e-8):
        fail("small_ridge's predictions differ from the same pipeline fitted on X_small_train, "
             "y_small_train: fit it on the 60-car training sample (not the test split or all data).",
             mistake="wrong_training_data")
    if pipeline is not None:
        poly = clone(pipeline).set_params(ridge__alpha=float(alpha)).fit(X_small_train, y_small_train)
        if not np.allclose(pred, poly.predict(X_test), atol=1e-8):
            n_poly, n_got = len(poly[-1].coef_), int(model["coef_size"])
            seen = (f"its Ridge sees {n_got} features, the polynomial pipeline gives it {n_poly} (degree-2 "
                    "features of the numeric columns, plus the origin dummies)" if n_got != n_poly else
                    "its predictions differ from those of poly_pipeline at the same alpha")
            fail(f"small_ridge is not poly_pipeline(Ridge(alpha=best_alpha)): {seen}. Build it with "
                 "poly_pipeline (not plain_pipeline), the pipeline whose cross-validation chose best_alpha.",
                 mistake="plain_features")
    want = ref_rmse(y_test, pred)
    got = as_float(ridge_test_rmse, "ridge_test_rmse")
    if np.isclose(got, ref_rmse(y_small_train, train_pred), rtol=1e-6):
        fail("ridge_test_rmse is the training RMSE; compute it on X_test, y_test.", mistake="training_rmse")
    if np.isclose(got, want ** 2, rtol=1e-6):
        fail("ridge_test_rmse is the test MSE; take the square root.", mistake="test_mse")
    if not np.isclose(got, want, rtol=1e-6):
        fail(f"ridge_test_rmse is {got:.6g}, but small_ridge's RMSE on the test split is {want:.6g}.",
             mistake="rmse_differs")


def ref_rmse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))
