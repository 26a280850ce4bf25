# Gives every layer a bias_regularizer equal to its kernel penalty.
# based-on: solved
# expect-lost: biases_not_regularized
# expect-message: biases_not_regularized: bias_regularizer
# expect-mistake: biases_not_regularized: keras_regularizers.biases_not_regularized.bias_regularized

# %% answer: answer_build_model
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    def penalty():
        return keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2)
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu", kernel_regularizer=penalty(),
                           bias_regularizer=penalty(), activity_regularizer=keras.regularizers.L1(activity_l1)),
        keras.layers.Dense(1, activation=output_activation, kernel_regularizer=penalty(),
                           bias_regularizer=penalty()),
    ])
