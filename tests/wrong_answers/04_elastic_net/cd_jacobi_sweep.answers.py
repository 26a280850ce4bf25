# Updates every coordinate of a sweep from the residual at the START of the sweep (Jacobi), instead of
# using each new weight at once (Gauss-Seidel). On the matching test's correlated problems the simultaneous
# updates overshoot and the weights blow up (the loop stops once they are no longer finite). The intercept
# and end-point tests draw uncorrelated problems, on which Jacobi sweeps converge to the right answer, so
# those cells pass (a draw of seeds whose correlated problems all let Jacobi converge would pass the matching
# test too: the answer is then right).
# based-on: solved
# expect-lost: enet_cd_matches_sklearn
# expect-message: enet_cd_matches_sklearn: residual at the START of the sweep
# expect-mistake: enet_cd_matches_sklearn: elastic_net.enet_cd_matches_sklearn.jacobi

# %% answer: answer_enet_cd
def enet_cd(X, y, alpha, l1_ratio, tol=1e-10, max_sweeps=10_000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.zeros(X.shape[1])
    for _ in range(max_sweeps):
        residual = yc - Xc @ w
        new_w = np.array([enet_coordinate_update(Xc[:, j], residual + Xc[:, j] * w[j], alpha, l1_ratio)
                          for j in range(X.shape[1])])
        change = np.max(np.abs(new_w - w))
        w = new_w
        if not np.all(np.isfinite(w)) or change < tol:
            break
    return float(y_mean - x_mean @ w), w
