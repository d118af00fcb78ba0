"""The network DAG: forward/backward order, flat parameter vectors, whole-network gradient check,
and the loss falling under Adam."""
import numpy as np
import pytest

from octakd.gradcheck import KINK, check_network, tiny_inputs, tiny_three_branch_network
from octakd.losses import softmax_cross_entropy
from octakd.optim import SGD, Adam


def test_three_branch_network_gradient_check():
    net = tiny_three_branch_network(seed=3)
    inputs, y = tiny_inputs(n=3, seed=3)
    errors = check_network(net, inputs, y)
    assert len(errors) == len(net.parameters())
    assert max(errors.values()) <= KINK, errors
    teacher_logits = np.random.default_rng(0).standard_normal((3, 4)) * 2
    errors = check_network(net, inputs, y, teacher_logits=teacher_logits, temperature=3.0, alpha=0.6)
    assert max(errors.values()) <= KINK, errors


def test_flat_parameters_round_trip():
    net = tiny_three_branch_network()
    v = net.get_flat_params()
    assert v.shape == (net.num_params,) and v.dtype == np.float64
    net.set_flat_params(v * 2)
    np.testing.assert_allclose(net.get_flat_params(), v * 2)
    inputs, y = tiny_inputs()
    net.backward(softmax_cross_entropy(net.forward(inputs), y)[1])
    assert net.get_flat_grads().shape == v.shape


def test_parameter_count_matches_layers():
    net = tiny_three_branch_network()
    # conv 4*3*3*3+4, dense 12*5+5, conv 3*1*1*3+3, trunk dense (64+5+24)*8+8, softmax 8*4+4
    assert net.num_params == 112 + 65 + 12 + (4 * 4 * 4 + 5 + 3 * 8) * 8 + 8 + 36


@pytest.mark.parametrize("make_optimizer", [lambda: Adam(0.01), lambda: SGD(0.05, 0.9)])
def test_loss_falls_over_50_steps(make_optimizer):
    net = tiny_three_branch_network(dtype=np.float32, dropout=0.0)
    inputs, y = tiny_inputs(n=16, seed=5)
    inputs = [x.astype(np.float32) for x in inputs]
    opt = make_optimizer()
    losses = []
    for _ in range(50):
        loss, dz = softmax_cross_entropy(net.forward(inputs, training=True), y)
        net.backward(dz)
        opt.step([(layer.params[k], layer.grads[k]) for layer, k in net.parameters()])
        losses.append(loss)
    assert losses[-1] < 0.5 * losses[0]


def test_float32_network_keeps_dtype():
    net = tiny_three_branch_network(dtype=np.float32)
    inputs, _ = tiny_inputs()
    logits = net.forward(inputs)          # float64 data is converted to the network's dtype
    assert logits.dtype == np.float32
    grads = net.backward(np.ones_like(logits))
    assert all(g.dtype == np.float32 for g in grads)


def test_adam_fused_matches_numpy(monkeypatch):
    import octakd.optim as optim
    rng = np.random.default_rng(0)
    p1 = rng.standard_normal(5000).astype(np.float32)
    p2 = p1.copy()
    a, b = Adam(0.01), Adam(0.01)
    for step in range(3):
        g = rng.standard_normal(5000).astype(np.float32)
        monkeypatch.setattr(optim, "FUSED_MIN_SIZE", 1 << 40)
        monkeypatch.setattr(optim, "SMALL_FUSED", False)          # the NumPy expression
        a.step([(p1, g)])
        monkeypatch.setattr(optim, "SMALL_FUSED", True)
        monkeypatch.setattr(optim, "FUSED_MIN_SIZE", 1)
        b.step([(p2, g)])
    np.testing.assert_allclose(p1, p2, rtol=1e-5, atol=1e-6)


# -- the lean per-batch path (octakd/lean.py) against the teaching path -------------------------

def _mixed_network():
    """Every kind of lean step and of fallback: conv+ReLU+pool, conv alone, a ReLU after a pool,
    a pool not after a ReLU, BatchNorm, Add, Dropout, a sigmoid Dense, a branch read twice."""
    from octakd.layers import (Add, AudioInput, BatchNorm, Concatenate, Conv2D, Dense, Dropout,
                               ImageInput, MaxPool2D, ReLU, Softmax, TextInput)
    from octakd.network import Network
    net = Network("mixed")
    img = net.add(ImageInput(1, 2, 8, 8))
    a = net.add(Conv2D(4, 3, 3), img)
    a = net.add(ReLU(), a)
    a = net.add(MaxPool2D(2, 2), a)
    a = net.add(Conv2D(4, 3, 3, "same", 2), a)             # conv alone, stride 2
    a = net.add(MaxPool2D(2, 2), a)                         # a pool without a ReLU before it
    a = net.add(ReLU(), a)                                  # a ReLU after a pool
    b = net.add(Conv2D(4, 1, 1), a)
    b = net.add(BatchNorm(), b)
    ab = net.add(Add(), [a, b])                             # node a is read twice
    txt = net.add(TextInput(1, 6))
    t = net.add(Dense(5, "sigmoid"), txt)
    t = net.add(Dense(7, "relu"), t)
    aud = net.add(AudioInput(1, 1, 20))
    s = net.add(Conv2D(3, 1, 5, "same", (1, 2)), aud)
    s = net.add(ReLU(), s)
    s = net.add(MaxPool2D(4, 4), s)
    m = net.add(Concatenate(), [ab, t, s])
    m = net.add(Dense(9, "relu"), m)
    m = net.add(Dropout(0.3), m)
    net.add(Softmax(3), m)
    return net


def _mixed_data(n, seed=0):
    rng = np.random.default_rng(seed)
    return ([rng.standard_normal((n, 2, 8, 8)).astype(np.float32),
             rng.standard_normal((n, 6)).astype(np.float32),
             rng.standard_normal((n, 1, 1, 20)).astype(np.float32)], rng.integers(0, 3, n))


@pytest.mark.parametrize("make", ["demo teacher", "demo student", "mixed"])
def test_lean_path_trains_and_predicts_like_the_teaching_path(make, monkeypatch):
    from octakd import kernels, lean
    from octakd.demo import student_network, teacher_network
    from octakd.training import predict, train_model
    if kernels.get_backend() != "numba":
        pytest.skip("the lean path runs with the Numba backend only")
    if make == "mixed":
        network, (X, y) = _mixed_network, _mixed_data(45)
    else:
        rng = np.random.default_rng(1)
        X = [rng.random((45, 1, 16, 16), dtype=np.float32), rng.standard_normal((45, 128), dtype=np.float32),
             rng.standard_normal((45, 1, 1, 256), dtype=np.float32)]
        y = rng.integers(0, 10, 45)
        network = teacher_network if make == "demo teacher" else student_network
    calls = []
    real = lean.Plan.forward
    monkeypatch.setattr(lean.Plan, "forward", lambda self, *a: (calls.append(1), real(self, *a))[1])
    results = {}
    for on in (False, True):
        monkeypatch.setattr(lean, "ENABLED", on)
        calls.clear()
        # SGD for the mixed network: its conv before BatchNorm has a bias whose true gradient
        # is 0, and Adam turns the rounding noise of that gradient into full-size steps
        model = train_model(X, y, 2, 0.01, network=network(), batch_size=8, seed=3, verbose=False,
                            optimizer="sgd" if make == "mixed" else "adam")
        probs = predict(model, X, batch_size=16)
        results[on] = ([r["loss"] for r in model.history], probs, model.get_flat_params())
        # batches of 8: 5 full and a last one of 5 per epoch; the first batch of each shape
        # (and the first predict batch of each shape) take the teaching path
        assert len(calls) == (0 if not on else 2 * 6 - 2 + 3 - 2)
    (l0, p0, w0), (l1, p1, w1) = results[False], results[True]
    np.testing.assert_allclose(l1, l0, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(p1, p0, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(w1, w0, rtol=1e-4, atol=1e-6)
    assert not np.allclose(w0, _untrained(network))              # training moved the weights


def _untrained(network):
    return network().build(np.float32, 3).get_flat_params()


def test_lean_predict_keeps_no_backward_caches():
    from octakd import kernels, lean
    from octakd.training import predict, train_model
    if kernels.get_backend() != "numba":
        pytest.skip("the lean path runs with the Numba backend only")
    X, y = _mixed_data(20)
    model = train_model(X, y, 1, 0.01, network=_mixed_network(), batch_size=10, verbose=False)
    predict(model, X, batch_size=10)
    predict(model, X, batch_size=10)               # the second batch shape runs the plan
    plan = next(p for key, p in lean._plans[model].items() if not key[0])
    assert all(o is None for o in plan.outputs)
    for step in plan.steps:
        assert getattr(step, "x", None) is None and not hasattr(step, "z")


def test_lean_path_refuses_bad_inputs_of_a_new_shape():
    from octakd.errors import ShapeError
    from octakd.training import predict, train_model
    X, y = _mixed_data(20)
    model = train_model(X, y, 1, 0.01, network=_mixed_network(), batch_size=10, verbose=False)
    predict(model, X)
    bad = [X[0][:, :, :7, :7], X[1], X[2]]
    with pytest.raises(ShapeError):
        predict(model, bad)


def test_lean_plans_larger_than_the_limit_are_dropped_after_predict(monkeypatch):
    from octakd import kernels, lean
    from octakd.training import predict, train_model
    if kernels.get_backend() != "numba":
        pytest.skip("the lean path runs with the Numba backend only")
    X, y = _mixed_data(20)
    model = train_model(X, y, 1, 0.01, network=_mixed_network(), batch_size=10, verbose=False)
    assert model not in lean._plans                      # train_model forgets its plans
    predict(model, X, batch_size=10)
    plans = lean._plans[model]
    assert len(plans) == 1 and next(iter(plans.values())).nbytes() > 0
    monkeypatch.setattr(lean, "KEEP_BYTES", 0)
    predict(model, X, batch_size=10)
    assert lean._plans[model] == {}


@pytest.mark.parametrize("make", ["demo teacher", "demo student", "mixed"])
def test_lean_predictions_are_the_teaching_paths_bit_for_bit(make):
    """The first predict of a shape takes the teaching path, the next ones the plan (with its
    fused conv + ReLU (+ pool) kernels, the gathering im2col, the GEMM in column blocks): the
    probabilities must be the very same numbers, at batch 1 and at a larger batch."""
    from octakd import kernels, lean
    from octakd.demo import student_network, teacher_network
    from octakd.training import predict, train_model
    if kernels.get_backend() != "numba":
        pytest.skip("the lean path runs with the Numba backend only")
    if make == "mixed":
        network, (X, y) = _mixed_network, _mixed_data(40)
    else:
        rng = np.random.default_rng(2)
        X = [rng.random((40, 1, 16, 16), dtype=np.float32), rng.standard_normal((40, 128), dtype=np.float32),
             rng.standard_normal((40, 1, 1, 256), dtype=np.float32)]
        y = rng.integers(0, 10, 40)
        network = teacher_network if make == "demo teacher" else student_network
    model = train_model(X, y, 1, 0.01, network=network(), batch_size=8, seed=3, verbose=False)
    for batch in ([a[:1] for a in X], X):
        lean.forget(model)
        first = predict(model, batch)                 # teaching path
        again = predict(model, batch)                 # the plan
        assert any(not key[0] for key in lean._plans[model])
        np.testing.assert_array_equal(again, first)
        assert again.tobytes() == first.tobytes()
