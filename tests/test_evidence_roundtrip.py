"""Evidence survives the trip kernel -> JSON -> judge with its shape and dtype (no kernel needed)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coursekit.judge.codec import decode
from coursekit_probe.evidence import encode


@pytest.mark.parametrize("value", [
    np.where(np.float64(0.3) > 0.1, 0.2, 0.0),   # a 0-d array, e.g. np.where on a single number
    np.array(5), np.float64(2.5), 3.0, 7,
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.zeros((0, 3)),
])
def test_numbers_and_arrays_keep_their_shape_and_values(value):
    got = decode(json.loads(json.dumps(encode(value))))
    assert np.shape(got) == np.shape(value)
    assert np.array_equal(np.asarray(got), np.asarray(value))
