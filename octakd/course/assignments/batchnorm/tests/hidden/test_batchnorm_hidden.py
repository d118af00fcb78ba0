"""Hidden tests of assignment "batchnorm": octakd's BatchNorm as the reference, training in a
network, saving and loading the running statistics."""
import os
import tempfile

import numpy as np

from octakd.course.checks import assert_close, points
from batchnorm import MyBatchNorm

rng = np.random.default_rng(5)


@points(3)
def test_matches_reference_and_buffers():
    """forward, backward and the running statistics equal octakd's BatchNorm over 3 steps"""
    from octakd.layers import BatchNorm
    mine, ref = MyBatchNorm(0.2), BatchNorm(0.2)
    for step in range(3):
        x = rng.standard_normal((8, 5)) * (step + 1)
        assert_close(mine.forward(x, True), ref.forward(x, True), f"training forward, step {step}")
        dy = rng.standard_normal((8, 5))
        assert_close(mine.backward(dy), ref.backward(dy), f"training backward, step {step}")
        for k in ("running_mean", "running_var"):
            assert_close(mine.buffers[k], ref.buffers[k], f"buffers['{k}'] after step {step}")
    x = rng.standard_normal((4, 5))
    assert_close(mine.forward(x, False), ref.forward(x, False), "inference forward")


@points(2)
def test_trains_and_saves_in_a_network():
    """registered with octakd, the layer trains in a network and save/load keeps its buffers"""
    import octakd
    octakd.register_layer(MyBatchNorm)
    octakd.new_network("bn")
    octakd.text_input_layer(1, 6)
    octakd.dense_layer(8)
    octakd.add_layer(MyBatchNorm())
    octakd.relu_layer()
    octakd.softmax_layer(3)
    X = rng.standard_normal((60, 6)).astype(np.float32)
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0)
    model = octakd.train_model([X], y, 5, 0.01, verbose=False)
    path = os.path.join(tempfile.mkdtemp(), "bn.mat")
    octakd.save_model(model, path)
    again = octakd.load_model(path)
    assert np.array_equal(octakd.predict(model, [X]), octakd.predict(again, [X])), \
        "the loaded model predicts differently: are running_mean and running_var in self.buffers?"
