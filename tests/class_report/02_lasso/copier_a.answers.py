# Class report: one of two students who copy each other (copier_b is this file with renamed variables
# and reordered lines). Correct answers written their own way, not the reference's.
# based-on: solved

# %% answer: answer_soft_threshold
def soft_threshold(z, t):
    values = np.array(z, dtype=float, copy=True)
    magnitude = np.abs(values) - t
    magnitude[magnitude < 0] = 0.0
    shrunk = np.copysign(magnitude, values)
    shrunk[magnitude == 0] = 0.0
    if np.ndim(z) == 0:
        return float(shrunk)
    return shrunk

# %% answer: answer_coordinate_update
def coordinate_update(x_j, partial_residual, alpha):
    count = x_j.shape[0]
    correlation = np.dot(x_j, partial_residual) / count
    curvature = np.dot(x_j, x_j) / count
    shrunk = soft_threshold(correlation, alpha)
    return float(shrunk / curvature)

# %% answer: answer_lasso_cd
def lasso_cd(X, y, alpha, tol=1e-10, max_sweeps=10_000):
    design = np.array(X, dtype=float)
    target = np.array(y, dtype=float)
    column_means = design.mean(axis=0)
    target_mean = target.mean()
    centred = design - column_means
    weights = np.zeros(design.shape[1])
    leftover = target - target_mean
    sweep = 0
    while sweep < max_sweeps:
        sweep += 1
        biggest_step = 0.0
        for index in range(design.shape[1]):
            column = centred[:, index]
            with_back = leftover + column * weights[index]
            updated = coordinate_update(column, with_back, alpha)
            biggest_step = max(biggest_step, abs(updated - weights[index]))
            leftover = with_back - column * updated
            weights[index] = updated
        if biggest_step < tol:
            break
    intercept = target_mean - np.dot(column_means, weights)
    return float(intercept), weights
