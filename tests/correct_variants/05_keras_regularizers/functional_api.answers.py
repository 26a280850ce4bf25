# Correct variant: the same network built with the functional API (keras.Model(inputs, outputs)).
# based-on: solved
# %% answer: answer_build_model
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    inputs = keras.Input(shape=(n_inputs,))
    hidden = keras.layers.Dense(
        hidden_units, activation="relu",
        kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2),
        activity_regularizer=keras.regularizers.L1(activity_l1) if activity_l1 else None)(inputs)
    outputs = keras.layers.Dense(1, activation=output_activation,
                                 kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2))(hidden)
    return keras.Model(inputs, outputs)
