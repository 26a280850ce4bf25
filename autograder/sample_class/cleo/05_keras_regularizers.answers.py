# Cleo regularises the biases too ("every parameter gets the penalty", as in her PyTorch notes)
# and concatenates the folds' predictions one after the other; the rest is right.
# based-on: solved
# expect-lost: biases_not_regularized, oof_predicts_every_row_once_in_row_order
# expect-mistake: biases_not_regularized: keras_regularizers.biases_not_regularized.bias_regularized
# expect-mistake: oof_predicts_every_row_once_in_row_order: keras_regularizers.oof_every_row_once_in_row_order.fold_order

# %% answer: answer_build_model
def build_model(n_inputs, hidden_units, kernel_l1=0.0, kernel_l2=0.0, activity_l1=0.0,
                output_activation=None):
    penalty = dict(kernel_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2),
                   bias_regularizer=keras.regularizers.L1L2(l1=kernel_l1, l2=kernel_l2))
    return keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(hidden_units, activation="relu",
                           activity_regularizer=keras.regularizers.L1(activity_l1), **penalty),
        keras.layers.Dense(1, activation=output_activation, **penalty),
    ])

# %% answer: answer_out_of_fold_predictions
def out_of_fold_predictions(fit_predict, X, y, cv, preprocess):
    y = np.asarray(y)
    predictions = []
    for train, test in cv.split(X, y):
        scaler = clone(preprocess).fit(X.iloc[train])
        predictions.append(fit_predict(scaler.transform(X.iloc[train]), y[train], scaler.transform(X.iloc[test])))
    return np.concatenate(predictions)
