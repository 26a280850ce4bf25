# Correct variant: the update written as a fraction of sums, the conversion as a lambda-free def.
# based-on: solved
# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    x = [float(v) for v in x_j]
    r = [float(v) for v in partial_residual]
    n = len(x)
    rho = sum(a * b for a, b in zip(x, r)) / n
    z = sum(a * a for a in x) / n
    shrunk = max(abs(rho) - alpha * l1_ratio, 0.0) * (1 if rho > 0 else -1)
    return shrunk / (z + alpha * (1 - l1_ratio))
# %% answer: answer_ridge_alpha_to_enet_alpha
def ridge_alpha_to_enet_alpha(ridge_alpha, n):
    return float(ridge_alpha) * (1.0 / n)
