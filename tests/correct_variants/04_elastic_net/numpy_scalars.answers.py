# Correct variant: numpy scalars everywhere, the soft threshold from the lesson's helper written inline.
# based-on: solved
# %% answer: answer_enet_coordinate_update
def enet_coordinate_update(x_j, partial_residual, alpha, l1_ratio):
    x_j = np.asarray(x_j, dtype=float)
    n = x_j.size
    rho = np.mean(x_j * partial_residual)
    num = np.sign(rho) * np.maximum(np.abs(rho) - alpha * l1_ratio, 0.0)
    return num / (np.mean(x_j ** 2) + alpha - alpha * l1_ratio)
# %% answer: answer_grouping
lasso_kept = [group_names[i] for i in range(len(group_names)) if lasso_group.coef_[i] != 0.0]
enet_kept = [group_names[i] for i in np.nonzero(enet_group.coef_)[0]]
print(lasso_kept, enet_kept)
