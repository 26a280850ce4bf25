# Correct variant: the kernel penalty by calling each layer's regularizer on its kernel.
# based-on: solved
# %% answer: answer_kernel_penalty
def kernel_penalty(model):
    total = 0.0
    for layer in model.layers:
        reg = getattr(layer, "kernel_regularizer", None)
        if reg is not None:
            total += float(reg(layer.kernel))
    return total
