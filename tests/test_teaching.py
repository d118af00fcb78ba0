"""Teaching content: the naive max-pool loops against the vectorised kernel, and what
Dense.backward's grads may alias."""
import numpy as np
import pytest

from octakd.kernels import geometry, pool_numpy
from octakd.kernels.pool_numpy import (maxpool2d_backward, maxpool2d_backward_naive,
                                       maxpool2d_forward, maxpool2d_forward_naive)


# -- naive max-pool ------------------------------------------------------------------------------
def _random_case(rng):
    """A random shape, window and stride (overlapping, rectangular, clamped windows included)."""
    N, C = rng.integers(1, 4), rng.integers(1, 4)
    H, W = rng.integers(1, 10), rng.integers(1, 10)
    pool = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    pool, _ = geometry.pool_geometry((H, W), pool, stride)
    return (int(N), int(C), int(H), int(W)), pool, stride


@pytest.mark.parametrize("values", ["normal", "ties", "nan"])
@pytest.mark.parametrize("seed", range(12))
def test_naive_maxpool_equals_the_vectorised_one(seed, values):
    rng = np.random.default_rng(seed)
    shape, pool, stride = _random_case(rng)
    if values == "normal":
        x = rng.standard_normal(shape)
    else:                                       # small integers: many windows with tied maxima
        x = rng.integers(0, 3, size=shape).astype(np.float64)
        if values == "nan":
            x[rng.random(shape) < 0.3] = np.nan
    y, argmax = maxpool2d_forward(x, pool, stride)
    np.testing.assert_array_equal(maxpool2d_forward_naive(x, pool, stride), y)
    dy = rng.standard_normal(y.shape)
    np.testing.assert_allclose(maxpool2d_backward_naive(dy, x, pool, stride),
                               maxpool2d_backward(dy, argmax, x.shape), rtol=1e-12, atol=1e-12)


def test_naive_maxpool_by_hand():
    """The documented tie policy, by hand: the first maximum in row-major order gets the whole
    gradient; overlapping windows add up; NaN never wins."""
    x = np.array([[[[1.0, 3.0, 3.0],
                    [3.0, 2.0, 3.0]]]])
    y = maxpool2d_forward_naive(x, (2, 2), (1, 1))
    np.testing.assert_array_equal(y, [[[[3.0, 3.0]]]])
    dx = maxpool2d_backward_naive(np.array([[[[1.0, 10.0]]]]), x, (2, 2), (1, 1))
    np.testing.assert_array_equal(dx, [[[[0.0, 11.0, 0.0], [0.0, 0.0, 0.0]]]])
    nan = np.nan
    x = np.array([[[[nan, 1.0], [2.0, nan]]]])
    assert maxpool2d_forward_naive(x, (2, 2), (2, 2))[0, 0, 0, 0] == 2.0
    np.testing.assert_array_equal(maxpool2d_backward_naive(np.ones((1, 1, 1, 1)), x, (2, 2), (2, 2)),
                                  [[[[0.0, 0.0], [1.0, 0.0]]]])


def test_naive_functions_live_beside_the_vectorised_ones():
    assert pool_numpy.maxpool2d_forward_naive is maxpool2d_forward_naive
    assert "naive" in pool_numpy.__doc__


# -- Dense.backward: what grads may alias ----------------------------------------------------------
from octakd.layers import Dense, Softmax, TextInput       # noqa: E402
from octakd.network import Network                        # noqa: E402
from octakd.training import train_model                   # noqa: E402


def _step(layer, rng):
    x = rng.standard_normal((4, 6))
    y = layer.forward(x)
    layer.backward(rng.standard_normal(y.shape))
    return x


def test_dense_grads_kept_from_step_1_survive_step_2():
    rng = np.random.default_rng(0)
    dense = Dense(3, "tanh")
    _step(dense, rng)
    kept = dict(dense.grads)
    values = {k: v.copy() for k, v in kept.items()}
    _step(dense, rng)
    for k in kept:
        np.testing.assert_array_equal(kept[k], values[k])              # untouched by step 2
        assert not np.array_equal(dense.grads[k], values[k])           # step 2 has its own
        assert not np.shares_memory(dense.grads[k], kept[k])


def test_network_grads_kept_from_step_1_survive_step_2():
    rng = np.random.default_rng(1)
    net = Network("n")
    net.add(Softmax(3), net.add(Dense(5, "relu"), net.add(TextInput(1, 6))))
    net.build(np.float64)
    kept, values = [], []
    for _ in range(2):
        logits = net.forward([rng.standard_normal((4, 6))])
        net.backward(rng.standard_normal(logits.shape))
        if not kept:
            kept = [layer.grads[k] for layer, k in net.parameters()]
            values = [g.copy() for g in kept]
    for g, v in zip(kept, values):
        np.testing.assert_array_equal(g, v)


def test_the_fast_path_refills_one_array_and_train_model_uses_it_only_while_training(monkeypatch):
    """The documented exception: with reuse_grad_buffer (train_model's loop), dW is written
    into the same array each step, so a kept reference changes; train_model turns it off."""
    rng = np.random.default_rng(2)
    dense = Dense(3)
    dense.reuse_grad_buffer = True
    _step(dense, rng)
    first = dense.grads["W"]
    before = first.copy()
    _step(dense, rng)
    assert dense.grads["W"] is first and not np.array_equal(first, before)

    seen = []
    original = Dense.backward

    def spy(self, dy):
        out = original(self, dy)
        seen.append((self.reuse_grad_buffer, id(self.grads["W"])))
        return out

    monkeypatch.setattr(Dense, "backward", spy)
    net = Network("t")
    net.add(Softmax(2), net.add(Dense(4, "relu"), net.add(TextInput(1, 5))))
    X, y = rng.standard_normal((8, 5)), rng.integers(0, 2, 8)
    model = train_model([X], y, 3, 1e-2, network=net, batch_size=8, verbose=False)
    assert len(seen) == 6 and all(flag for flag, _ in seen)        # 2 Dense (one in Softmax) x 3 steps
    assert len({i for _, i in seen}) == 2                            # one array per layer
    parts = [layer for layer in model.layers if isinstance(layer, Dense)]
    parts += [layer.dense for layer in model.layers if isinstance(layer, Softmax)]
    assert len(parts) == 2 and not any(part.reuse_grad_buffer for part in parts)


# -- the repository stands on its own --------------------------------------------------------------
import re                                                   # noqa: E402
from pathlib import Path                                    # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _repo_texts():
    for folder, pattern in (("octakd", "**/*.py"), ("docs", "*.md"), ("tutorials", "*.py"),
                            ("octakd/course/assignments", "**/*.md")):
        yield from (ROOT / folder).glob(pattern)
    yield ROOT / "README.md"


def test_no_reference_to_design_notes_outside_the_repository():
    outside = re.compile(r"DESIGN\.md|STYLE\.md|PERF_NOTES")
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in _repo_texts()
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if outside.search(line)]
    assert hits == []


def test_design_style_and_performance_docs_exist_and_their_links_resolve():
    for name in ("design.md", "style.md", "performance.md"):
        page = ROOT / "docs" / name
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            assert (page.parent / target).exists(), f"docs/{name} links to missing {target}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("docs/design.md", "docs/style.md", "docs/performance.md"):
        assert f"]({name})" in readme
