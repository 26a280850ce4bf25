# Class report: copier_a's answers with every variable renamed and independent lines reordered
# (what a student who copies and disguises it would hand in).
# based-on: solved

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    arr = np.array(z, dtype=float, copy=True)
    amount = np.abs(arr) - t
    amount[amount < 0] = 0.0
    out = np.copysign(amount, arr)
    out[amount == 0] = 0.0
    if np.ndim(z) == 0:
        return float(out)
    return out

# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    m = x_j.shape[0]
    curv = np.dot(x_j, x_j) / m
    corr = np.dot(x_j, partial_residual) / m
    s = soft_threshold(corr, alpha)
    return float(s / curv)

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    yy = np.array(y, dtype=float)
    A = np.array(X, dtype=float)
    ybar = yy.mean()
    mu = A.mean(axis=0)
    B = A - mu
    coef = np.zeros(A.shape[1])
    res = yy - ybar
    it = 0
    while it < max_sweeps:
        it += 1
        top = 0.0
        for k in range(A.shape[1]):
            col = B[:, k]
            back = res + col * coef[k]
            nw = coordinate_update(col, back, alpha)
            top = max(top, abs(nw - coef[k]))
            res = back - col * nw
            coef[k] = nw
        if top < tol:
            break
    b0 = ybar - np.dot(mu, coef)
    return float(b0), coef
