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
