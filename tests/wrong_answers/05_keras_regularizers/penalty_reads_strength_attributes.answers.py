# Reads the strengths as attributes, regularizer.l1 and regularizer.l2: an L2 regularizer has no
# attribute l1, so the function raises AttributeError.
# based-on: solved
# expect-lost: kernel_penalty_matches_model_losses, kernel_penalty_ignores_biases_and_activity
# expect-message: kernel_penalty_matches_model_losses: has no attribute 'l1'
# expect-message: kernel_penalty_ignores_biases_and_activity: a missing key means 0
# expect-mistake: kernel_penalty_matches_model_losses: keras_regularizers.kernel_penalty_matches_keras.keyerror_missing_key
# expect-mistake: kernel_penalty_ignores_biases_and_activity: keras_regularizers.kernel_penalty_properties.keyerror_missing_key

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    total = 0.0
    for layer in model.layers:
        regularizer = getattr(layer, "kernel_regularizer", None)
        if regularizer is not None:
            W = layer.kernel.numpy()
            total += float(regularizer.l1) * np.abs(W).sum() + float(regularizer.l2) * np.square(W).sum()
    return float(total)
