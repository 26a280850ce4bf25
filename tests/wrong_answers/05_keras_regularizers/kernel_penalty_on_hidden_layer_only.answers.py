# Penalises the hidden layer's weights but forgets the output layer's kernel.
# based-on: solved
# expect-lost: kernel_and_activity_regularizers_on_the_right_layers
# expect-message: kernel_and_activity_regularizers_on_the_right_layers: only the hidden layer has the kernel regularizer
# expect-mistake: kernel_and_activity_regularizers_on_the_right_layers: keras_regularizers.regularizers_per_layer.kernel_hidden_only

# %% answer: answer_build_model
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu",
                           kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2),
                           activity_regularizer=keras.regularizers.L1(activity_l1)),
        keras.layers.Dense(1, activation=output_activation),
    ])
