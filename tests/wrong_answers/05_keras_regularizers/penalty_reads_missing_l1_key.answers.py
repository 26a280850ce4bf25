# Reads both strengths with config["l1"] and config["l2"]: an L2 regularizer's config has no "l1"
# (and an L1's no "l2"), so the function raises KeyError on every model with one of them.
# based-on: solved
# expect-lost: kernel_penalty_matches_model_losses, kernel_penalty_ignores_biases_and_activity
# expect-message: kernel_penalty_matches_model_losses: has no key 'l1'
# expect-message: kernel_penalty_matches_model_losses: config.get('l1', 0.0)
# expect-message: kernel_penalty_ignores_biases_and_activity: config.get('l1', 0.0)
# expect-mistake: kernel_penalty_matches_model_losses: keras_regularizers.kernel_penalty_matches_keras.keyerror_missing_key
# expect-mistake: kernel_penalty_ignores_biases_and_activity: keras_regularizers.kernel_penalty_properties.keyerror_missing_key

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is None:
            continue
        config = regularizer.get_config()
        W = layer.kernel.numpy()
        total += config["l1"] * np.abs(W).sum() + config["l2"] * np.square(W).sum()
    return float(total)
