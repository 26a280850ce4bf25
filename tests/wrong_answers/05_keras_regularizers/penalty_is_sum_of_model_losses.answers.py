# Returns the sum of model.losses, which also holds activity penalties once the model was called.
# based-on: solved
# expect-lost: kernel_penalty_ignores_biases_and_activity
# expect-message: kernel_penalty_ignores_biases_and_activity: includes the activity penalty

# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    return float(sum(float(loss) for loss in model.losses))
