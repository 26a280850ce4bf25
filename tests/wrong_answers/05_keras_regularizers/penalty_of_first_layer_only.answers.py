# Computes the penalty of the first layer only (returns inside the loop).
# based-on: solved
# expect-lost: kernel_penalty_matches_model_losses
# expect-message: kernel_penalty_matches_model_losses: only the first regularised layer
# expect-mistake: kernel_penalty_matches_model_losses: keras_regularizers.kernel_penalty_matches_keras.first_layer_only

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is not None:
            config = regularizer.get_config()
            W = layer.kernel.numpy()
            return float(config.get("l1", 0.0) * np.abs(W).sum() + config.get("l2", 0.0) * np.sum(W ** 2))
    return 0.0
