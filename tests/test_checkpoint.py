"""Determinism and resuming: the same seed gives bit-identical runs; a run resumed from a
checkpoint ends exactly where an uninterrupted one does."""
import numpy as np
import pytest

import octakd
from octakd import train_model
from octakd.gradcheck import tiny_inputs, tiny_three_branch_network


def toy_problem(n=24):
    net = tiny_three_branch_network(dtype=np.float32)
    inputs, labels = tiny_inputs(n=n, seed=7)
    fresh = octakd.Network.clone(net)
    return fresh, inputs, labels


def weights(model):
    return [layer.params[k].copy() for layer, k in model.parameters()]


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_same_seed_gives_identical_weights_and_history(optimizer):
    net, inputs, labels = toy_problem()
    a = train_model(inputs, labels, 3, 0.01, network=net, batch_size=8, seed=5, verbose=False,
                    optimizer=optimizer)
    b = train_model(inputs, labels, 3, 0.01, network=net, batch_size=8, seed=5, verbose=False,
                    optimizer=optimizer)
    for wa, wb in zip(weights(a), weights(b)):
        np.testing.assert_array_equal(wa, wb)
    assert [r["loss"] for r in a.history] == [r["loss"] for r in b.history]
    c = train_model(inputs, labels, 3, 0.01, network=net, batch_size=8, seed=6, verbose=False,
                    optimizer=optimizer)
    assert any(not np.array_equal(wa, wc) for wa, wc in zip(weights(a), weights(c)))


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_resume_reaches_the_same_weights(tmp_path, optimizer):
    net, inputs, labels = toy_problem()
    path = tmp_path / "run.ckpt.npz"
    straight = train_model(inputs, labels, 4, 0.01, network=net, batch_size=8, seed=2,
                           verbose=False, optimizer=optimizer)
    # "interrupted" after 2 epochs: the checkpoint holds epoch 2
    train_model(inputs, labels, 2, 0.01, network=net, batch_size=8, seed=2, verbose=False,
                optimizer=optimizer, checkpoint=path)
    resumed = train_model(inputs, labels, 4, 0.01, network=net, batch_size=8, seed=2,
                          verbose=False, optimizer=optimizer, checkpoint=path, resume=True)
    for ws, wr in zip(weights(straight), weights(resumed)):
        np.testing.assert_array_equal(ws, wr)
    assert [r["loss"] for r in straight.history] == [r["loss"] for r in resumed.history]
    assert [r["iteration"] for r in resumed.history] == list(range(1, 13))


def test_checkpoint_every_k_epochs(tmp_path, monkeypatch):
    import octakd.checkpoint as ck
    saved = []
    real = ck.save_checkpoint
    monkeypatch.setattr(ck, "save_checkpoint", lambda p, m, o, r, e: (saved.append(e), real(p, m, o, r, e)))
    net, inputs, labels = toy_problem()
    train_model(inputs, labels, 5, 0.01, network=net, batch_size=8, verbose=False,
                checkpoint=tmp_path / "c.npz", checkpoint_every=2)
    assert saved == [2, 4, 5]


def test_resume_from_a_foreign_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a checkpoint")
    net, inputs, labels = toy_problem()
    with pytest.raises(octakd.OctakdFileError, match="not a readable octakd checkpoint"):
        train_model(inputs, labels, 2, 0.01, network=net, verbose=False, checkpoint=bad, resume=True)


def test_backends_agree_on_a_training_run():
    net, inputs, labels = toy_problem()
    previous = octakd.set_backend("numpy")
    try:
        ref = train_model(inputs, labels, 2, 0.01, network=net, batch_size=8, verbose=False)
        octakd.set_backend("numba")
        other = train_model(inputs, labels, 2, 0.01, network=net, batch_size=8, verbose=False)
    finally:
        octakd.set_backend(previous)
    for wr, wo in zip(weights(ref), weights(other)):
        np.testing.assert_allclose(wr, wo, rtol=1e-4, atol=1e-5)
