# Correct variant: coordinate descent recomputing the residual each time, a fixed sweep budget
# with an early exit on the objective, kept names as NumPy arrays (a boolean mask on np.array(group_names)).
# based-on: solved
# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    xm, ym = X.mean(0), y.mean()
    Xc, yc = X - xm, y - ym
    w = np.zeros(X.shape[1])
    for sweep in range(max_sweeps):
        old = w.copy()
        for j in range(len(w)):
            r = yc - Xc @ w + Xc[:, j] * w[j]
            w[j] = enet_coordinate_update(Xc[:, j], r, alpha, l1_ratio)
        if np.max(np.abs(w - old)) < tol:
            break
    return ym - xm @ w, w
# %% answer: answer_grouping
mask_l, mask_e = lasso_group.coef_ != 0, enet_group.coef_ != 0
lasso_kept = np.array(group_names)[mask_l]  # NumPy arrays of names, not lists: issue 25
enet_kept = np.array(group_names)[mask_e]
