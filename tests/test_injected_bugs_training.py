"""Which samples the training loop feeds, batch by batch: every epoch a fresh permutation drawn
from ``np.random.default_rng(seed)`` (the documented rule), in batches of batch_size with the
last, partial batch kept. Ten samples with ten different labels make each batch's labels name
its samples."""
import numpy as np
import pytest

import octakd.training as training
from octakd import train_model
from octakd.layers import Dense, Softmax, TextInput
from octakd.network import Network


def _net():
    net = Network("order")
    t = net.add(TextInput(1, 3))
    net.add(Softmax(10), net.add(Dense(4, "relu"), t))
    return net


@pytest.mark.parametrize("batch_size", [4, 10])
def test_each_epoch_is_a_fresh_permutation_in_full_and_partial_batches(monkeypatch, batch_size):
    seen = []
    real = training.softmax_cross_entropy

    def recording(logits, labels):
        seen.append(np.array(labels))
        return real(logits, labels)

    monkeypatch.setattr(training, "softmax_cross_entropy", recording)
    x = np.random.default_rng(0).standard_normal((10, 3)).astype(np.float32)
    y = np.arange(10)
    model = train_model(x, y, 3, 0.01, network=_net(), batch_size=batch_size, seed=11, verbose=False)
    per_epoch = -(-10 // batch_size)                  # 3 batches of 4, 4, 2 (or 1 of 10)
    assert [len(b) for b in seen] == ([4, 4, 2] if batch_size == 4 else [10]) * 3
    assert len(model.history) == 3 * per_epoch
    assert [r["iteration"] for r in model.history] == list(range(1, 3 * per_epoch + 1))
    rng = np.random.default_rng(11)
    epochs = [np.concatenate(seen[e * per_epoch:(e + 1) * per_epoch]) for e in range(3)]
    for order in epochs:
        np.testing.assert_array_equal(order, rng.permutation(10))
    assert not np.array_equal(epochs[0], epochs[1])
    assert not np.array_equal(epochs[0], np.arange(10))
