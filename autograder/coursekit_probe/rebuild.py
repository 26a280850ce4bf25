"""Rebuild inputs the judge sent that pickle cannot carry (Keras models), inside the kernel."""

from __future__ import annotations


def keras_model(config_json, weights, eager_input=None):
    """A Keras model from ``model.to_json()`` and its weights; re-called on ``eager_input`` when
    the judge had called it eagerly (so ``model.losses`` holds the same activity penalties)."""
    from lessonkit import quiet_tensorflow  # noqa: F401
    import keras

    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    if eager_input is not None:
        model(eager_input)
    return model
