# Applies the kernel's strengths to every weight of the layer, biases included.
# based-on: solved
# expect-lost: kernel_penalty_matches_model_losses, kernel_penalty_ignores_biases_and_activity
# expect-message: kernel_penalty_matches_model_losses: biases are included
# expect-message: kernel_penalty_ignores_biases_and_activity: changing only the biases
# expect-mistake: kernel_penalty_ignores_biases_and_activity: keras_regularizers.kernel_penalty_properties.includes_biases
# expect-mistake: kernel_penalty_matches_model_losses: keras_regularizers.kernel_penalty_matches_keras.includes_biases

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is not None:
            config = regularizer.get_config()
            for W in layer.get_weights():
                total += config.get("l1", 0.0) * np.abs(W).sum() + config.get("l2", 0.0) * np.sum(W ** 2)
    return float(total)
