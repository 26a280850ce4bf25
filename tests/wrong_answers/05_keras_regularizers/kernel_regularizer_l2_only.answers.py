# Gives both layers keras.regularizers.L2(kernel_l2) as the kernel penalty: the kernel_l1 part is
# dropped whenever it is not 0.
# based-on: solved
# expect-lost: kernel_and_activity_regularizers_on_the_right_layers
# expect-message: kernel_and_activity_regularizers_on_the_right_layers: only its L2 part (kernel_l1 is dropped)
# expect-mistake: kernel_and_activity_regularizers_on_the_right_layers: keras_regularizers.regularizers_per_layer.kernel_l2_only

# %% answer: answer_build_model
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu", kernel_regularizer=keras.regularizers.L2(kernel_l2),
                           activity_regularizer=keras.regularizers.L1(activity_l1)),
        keras.layers.Dense(1, activation=output_activation, kernel_regularizer=keras.regularizers.L2(kernel_l2)),
    ])
