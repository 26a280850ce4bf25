# Returns the sum of model.losses, which also holds activity penalties once the model was called.
# based-on: solved
# expect-lost: kernel_penalty_ignores_biases_and_activity
# expect-message: kernel_penalty_ignores_biases_and_activity: includes the activity penalty
# expect-mistake: kernel_penalty_ignores_biases_and_activity: keras_regularizers.kernel_penalty_properties.includes_activity

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    return float(sum(float(loss) for loss in model.losses))
