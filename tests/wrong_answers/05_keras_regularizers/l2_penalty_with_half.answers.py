# Writes the L2 penalty as (l2 / 2) * sum(W**2), the textbook / PyTorch convention, not Keras'.
# based-on: solved
# expect-lost: kernel_penalty_matches_model_losses
# expect-message: kernel_penalty_matches_model_losses: no 1/2
# expect-mistake: kernel_penalty_matches_model_losses: keras_regularizers.kernel_penalty_matches_keras.l2_with_half

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is not None:
            config = regularizer.get_config()
            W = layer.kernel.numpy()
            total += config.get("l1", 0.0) * np.abs(W).sum() + 0.5 * config.get("l2", 0.0) * np.sum(W ** 2)
    return float(total)
