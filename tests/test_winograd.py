"""Winograd F(2x2, 3x3) convolution: the NumPy version against the direct convolution
(conv_numpy), each Numba transform against its NumPy twin, and conv_numba's Winograd path
against conv_numpy on random shapes, split between threads or not.

Tolerances as in test_kernels.py: rtol by dtype, atol scaled by the oracle run on absolute
values (the size of the terms summed). The transforms add and subtract before multiplying, so
their rounding differs from im2col's; both stay within these bounds.
"""
import numpy as np
import pytest

from octakd.kernels import conv_numpy, threads, winograd_numpy

numba = pytest.importorskip("numba")
from octakd.kernels import conv_numba, winograd_numba  # noqa: E402

RTOL = {np.float32: 1e-5, np.float64: 1e-10}


def _random_case(rng, channels=(1, 6), filters=(1, 6)):
    """(N, C, H, W, F, pads): any sizes a 3x3 kernel fits, odd or even outputs, pads 0-3 per
    side chosen independently (asymmetric), one to five images (odd counts leave a short chunk)."""
    pads = tuple(int(p) for p in rng.integers(0, 4, size=4))
    H = int(rng.integers(max(1, 3 - pads[0] - pads[1]), 12))
    W = int(rng.integers(max(1, 3 - pads[2] - pads[3]), 12))
    return (int(rng.integers(1, 6)), int(rng.integers(*channels)), H, W,
            int(rng.integers(*filters)), pads)


def _arrays(case, dtype, seed):
    N, C, H, W, F, pads = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, C, H, W)).astype(dtype)
    w = rng.standard_normal((F, C, 3, 3)).astype(dtype)
    b = rng.standard_normal(F).astype(dtype)
    Ho, Wo = H + pads[0] + pads[1] - 2, W + pads[2] + pads[3] - 2
    dy = rng.standard_normal((N, F, Ho, Wo)).astype(dtype)
    return x, w, b, dy, pads


def _close(got, want, scale, dtype):
    assert got.dtype == np.dtype(dtype) and got.shape == want.shape
    rtol = RTOL[dtype]
    np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * max(float(np.max(scale)), 1.0))


def _oracle(x, w, b, dy, pads):
    """conv_numpy's y, dx, dw, db and the same on absolute values (the scales)."""
    s = (1, 1)
    out = []
    for xx, ww, bb, dd in ((x, w, b, dy), (abs(x), abs(w), abs(b), abs(dy))):
        out.append((conv_numpy.conv2d_forward(xx, ww, bb, s, pads),
                    conv_numpy.conv2d_backward_input(dd, ww, xx.shape, s, pads),
                    *conv_numpy.conv2d_backward_weight(dd, xx, ww.shape, s, pads)))
    return out


@pytest.mark.parametrize("seed", range(10))
def test_numpy_winograd_is_the_direct_convolution(seed):
    """The readable algorithm itself: forward, dx, dw and db equal conv_numpy's (float64)."""
    rng = np.random.default_rng(seed)
    x, w, b, dy, pads = _arrays(_random_case(rng), np.float64, seed)
    (y0, dx0, dw0, db0), scales = _oracle(x, w, b, dy, pads)
    _close(winograd_numpy.conv2d_forward(x, w, b, pads), y0, scales[0], np.float64)
    _close(winograd_numpy.conv2d_backward_input(dy, w, x.shape, pads), dx0, scales[1], np.float64)
    dw, db = winograd_numpy.conv2d_backward_weight(dy, x, pads)
    _close(dw, dw0, scales[2], np.float64)
    _close(db, db0, scales[3], np.float64)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("seed", range(6))
def test_numba_transforms_match_their_numpy_twins(seed, dtype):
    """Each kernel of winograd_numba on one chunk of images taken from the middle of the batch
    (n0 > 0), against the same transform in winograd_numpy."""
    rng = np.random.default_rng(50 + seed)
    x, w, b, dy, pads = _arrays(_random_case(rng), dtype, seed)
    N, C = x.shape[:2]
    F, (Ho, Wo) = w.shape[0], dy.shape[2:]
    th, tw = winograd_numba.tiles(Ho, Wo)
    Hp, Wp = winograd_numba.padded_hw(Ho, Wo)
    n0, n1 = N // 2, N                                     # a chunk that starts at image n0
    T = (n1 - n0) * th * tw
    per_tile = slice(n0 * th * tw, n1 * th * tw)           # those images' tiles in the whole batch
    tol = dict(rtol=RTOL[dtype], atol=RTOL[dtype] * 10)

    U = np.empty((16, F, C), dtype)
    winograd_numba._filter_transform(w, U)
    np.testing.assert_allclose(U, winograd_numpy.filter_transform(w), **tol)

    xpad = winograd_numba._pad_images(x, 0, N, pads[0], pads[2], Hp, Wp)
    V = np.empty((16, C, T), dtype)
    winograd_numba._input_transform(xpad, n0, V)
    np.testing.assert_allclose(V, winograd_numpy.input_transform(x, pads, Ho, Wo)[:, :, per_tile], **tol)

    Z = np.empty((16, F, T), dtype)
    winograd_numba._grad_transform(dy, n0, Z)
    np.testing.assert_allclose(Z, winograd_numpy.grad_transform(dy)[:, :, per_tile], **tol)

    M = np.random.default_rng(seed).standard_normal((16, F, N * th * tw)).astype(dtype)
    y = np.zeros((N, F, Ho, Wo), dtype)
    winograd_numba._output_transform(np.ascontiguousarray(M[:, :, per_tile]), b, n0, y)
    np.testing.assert_allclose(y[n0:], winograd_numpy.output_transform(M, b, N, Ho, Wo)[n0:], **tol)
    assert not y[:n0].any()                                # images outside the chunk untouched

    dV = np.random.default_rng(seed + 1).standard_normal((16, C, N * th * tw)).astype(dtype)
    dx = np.zeros(x.shape, dtype)
    winograd_numba._input_adjoint(np.ascontiguousarray(dV[:, :, per_tile]), n0, pads[0], pads[2],
                                  np.empty((Hp, Wp), dtype), dx)
    np.testing.assert_allclose(dx[n0:], winograd_numpy.input_adjoint(dV, x.shape, pads, Ho, Wo)[n0:],
                               **tol)
    assert not dx[:n0].any()

    dU = np.random.default_rng(seed + 2).standard_normal((16, F, C)).astype(dtype)
    dw = np.empty(w.shape, dtype)
    winograd_numba._filter_adjoint(dU, dw)
    np.testing.assert_allclose(dw, winograd_numpy.filter_adjoint(dU), **tol)


def test_the_path_is_chosen_for_3x3_stride_1_with_many_channels_filters_and_tiles():
    """Case b of the kernel benchmark takes it; few channels (case a), few filters, other
    kernels and strides keep im2col, and so does a batch of too few 2x2 output tiles."""
    applies, pays = winograd_numba.applies, winograd_numba.pays
    assert pays(32, (64, 32, 3, 3), (1, 1), (16, 16))
    assert pays(3, (64, 32, 3, 3), (1, 1), (16, 16))             # 3 * 64 = 192 tiles
    assert not pays(2, (64, 32, 3, 3), (1, 1), (16, 16))
    assert not pays(1, (64, 32, 3, 3), (1, 1), (16, 16))         # batch-1 inference
    assert pays(12, (64, 32, 3, 3), (1, 1), (7, 7))               # 12 * 16 tiles (odd sides)
    assert not pays(11, (64, 32, 3, 3), (1, 1), (7, 7))
    assert not pays(32, (32, 3, 3, 3), (1, 1), (32, 32))
    assert applies((64, 32, 3, 3), (1, 1))
    assert not applies((32, 3, 3, 3), (1, 1))
    assert not applies((16, 32, 3, 3), (1, 1))
    assert not applies((64, 32, 3, 3), (2, 2))
    assert not applies((64, 32, 1, 3), (1, 1))
    assert not applies((64, 32, 5, 5), (1, 1))


def _run_conv_numba(x, w, b, dy, pads):
    """In a conv layer's order: forward, then dW, then dx."""
    y = conv_numba.conv2d_forward(x, w, b, (1, 1), pads)
    dw, db = conv_numba.conv2d_backward_weight(dy, x, w.shape, (1, 1), pads)
    dx = conv_numba.conv2d_backward_input(dy, w, x.shape, (1, 1), pads)
    return y, dx, dw, db


@pytest.fixture
def winograd_calls(monkeypatch):
    """Records the calls of the Winograd passes (to prove the path was taken)."""
    calls = []
    for name in ("forward", "backward", "backward_input", "backward_weight"):
        real = getattr(winograd_numba, name)
        monkeypatch.setattr(winograd_numba, name,
                            lambda *a, _real=real, _name=name: (calls.append(_name), _real(*a))[1])
    return calls


@pytest.mark.parametrize("seed", range(8))
def test_conv_numba_winograd_path_matches_the_reference(seed, winograd_calls, monkeypatch):
    """The real channel and filter thresholds (32-40 of each), random geometry, both dtypes;
    the tile threshold lowered so that small batches take the path too."""
    monkeypatch.setattr(winograd_numba, "MIN_TILES", 1)
    rng = np.random.default_rng(200 + seed)
    dtype = [np.float32, np.float64][seed % 2]
    x, w, b, dy, pads = _arrays(_random_case(rng, (32, 41), (32, 41)), dtype, seed)
    got = _run_conv_numba(x, w, b, dy, pads)
    assert winograd_calls == ["forward", "backward_weight", "backward_input"]
    want, scales = _oracle(x, w, b, dy, pads)
    for g, r, s in zip(got, want, scales):
        _close(g, r, s, dtype)


@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_winograd_split_between_threads_matches_the_reference(seed, parts, monkeypatch,
                                                              winograd_calls):
    """Images split between 2 or 3 threads (forced, as in test_threads.py), on small channel
    counts (the selection lowered to 1): every slice and chunk boundary lands somewhere else."""
    monkeypatch.setattr(winograd_numba, "MIN_CHANNELS", 1)
    monkeypatch.setattr(winograd_numba, "MIN_FILTERS", 1)
    monkeypatch.setattr(winograd_numba, "MIN_TILES", 1)
    monkeypatch.setattr(threads, "MIN_SPLIT_COST", 0)
    monkeypatch.setattr(threads, "blas_threads", lambda: parts)
    rng = np.random.default_rng(300 + seed)
    case = _random_case(rng)
    case = (int(rng.integers(parts, 8)),) + case[1:]       # at least one image per thread
    dtype = [np.float32, np.float64][seed % 2]
    x, w, b, dy, pads = _arrays(case, dtype, seed)
    got = _run_conv_numba(x, w, b, dy, pads)
    assert len(winograd_calls) == 3
    want, scales = _oracle(x, w, b, dy, pads)
    for g, r, s in zip(got, want, scales):
        _close(g, r, s, dtype)


def test_benchmark_case_b_takes_the_path_unpatched(winograd_calls):
    """Case b of benchmarks/bench_kernels.py (N=32, C=32, 16x16 -> 64) with every threshold as
    shipped, against conv_numpy."""
    x, w, b, dy, pads = _arrays((32, 32, 16, 16, 64, (1, 1, 1, 1)), np.float32, 9)
    got = _run_conv_numba(x, w, b, dy, pads)
    assert winograd_calls == ["forward", "backward_weight", "backward_input"]
    want, scales = _oracle(x, w, b, dy, pads)
    for g, r, s in zip(got, want, scales):
        _close(g, r, s, np.float32)


def test_results_are_fresh_and_inputs_untouched(monkeypatch):
    """The scratch (V, M, Z, dV, the padded input) is reused between calls; no result may be a
    view of it, and no input may change."""
    monkeypatch.setattr(winograd_numba, "MIN_TILES", 1)
    x, w, b, dy, pads = _arrays((3, 32, 6, 5, 32, (1, 1, 1, 1)), np.float64, 0)
    copies = [a.copy() for a in (x, w, b, dy)]
    first = _run_conv_numba(x, w, b, dy, pads)
    kept = [a.copy() for a in first]
    _run_conv_numba(2 * x, 3 * w, b, 2 * dy, pads)
    for a, k in zip(first, kept):
        np.testing.assert_array_equal(a, k)
    for a, c in zip((x, w, b, dy), copies):
        np.testing.assert_array_equal(a, c)


def test_lean_path_leaves_winograd_convs_to_the_layer_and_matches_it_bit_for_bit(monkeypatch,
                                                                                 winograd_calls):
    """A network with a 32 -> 32 channel 3x3 conv trains and predicts to the very same bits
    with the lean per-batch path on and off: the plan hands that conv to the layer (whose
    kernels take the Winograd path) instead of its fused im2col kernels."""
    from octakd import kernels, lean
    from octakd.layers import Conv2D, Dense, ImageInput, MaxPool2D, ReLU, Softmax
    from octakd.network import Network
    from octakd.training import predict, train_model
    if kernels.get_backend() != "numba":
        pytest.skip("the lean path runs with the Numba backend only")
    monkeypatch.setattr(winograd_numba, "MIN_TILES", 1)       # batches of 4 small maps

    def network():
        net = Network("wide")
        a = net.add(ImageInput(1, 32, 6, 6))
        a = net.add(Conv2D(32, 3), a)
        a = net.add(ReLU(), a)
        a = net.add(MaxPool2D(2, 2), a)
        a = net.add(Dense(8, "relu"), a)
        net.add(Softmax(3), a)
        return net

    rng = np.random.default_rng(5)
    X = [rng.standard_normal((20, 32, 6, 6)).astype(np.float32)]
    y = rng.integers(0, 3, 20)
    results = {}
    for on in (False, True):
        monkeypatch.setattr(lean, "ENABLED", on)
        model = train_model(X, y, 2, 0.01, network=network(), batch_size=4, seed=3, verbose=False)
        results[on] = (model.get_flat_params(), predict(model, X, batch_size=5))
        if on:
            plans = [p for p in lean._plans.get(model, {}).values()]
            assert plans and not any(isinstance(s, lean.ConvStep) for p in plans for s in p.steps)
    assert "forward" in winograd_calls and "backward" in winograd_calls
    np.testing.assert_array_equal(results[True][0], results[False][0])
    np.testing.assert_array_equal(results[True][1], results[False][1])


@pytest.mark.parametrize("case", [(32, 32, 16, 16, 64, (1, 1, 1, 1)),     # Winograd
                                  (3, 4, 7, 6, 5, (1, 0, 2, 1))],        # im2col
                         ids=["winograd", "im2col"])
def test_fused_backward_gives_the_bits_of_the_two_separate_calls(case):
    """kernels.conv2d_backward (what Conv2D.backward calls) equals conv2d_backward_input and
    conv2d_backward_weight bit for bit in the Numba backend, and the NumPy backend's version
    equals the NumPy functions; both agree with each other within tolerance."""
    x, w, b, dy, pads = _arrays(case, np.float32, 4)
    dx, dw, db = conv_numba.conv2d_backward(dy, x, w, (1, 1), pads)
    np.testing.assert_array_equal(dx, conv_numba.conv2d_backward_input(dy, w, x.shape, (1, 1), pads))
    dw1, db1 = conv_numba.conv2d_backward_weight(dy, x, w.shape, (1, 1), pads)
    np.testing.assert_array_equal(dw, dw1)
    np.testing.assert_array_equal(db, db1)
    want, scales = _oracle(x, w, b, dy, pads)
    ref = conv_numpy.conv2d_backward(dy, x, w, (1, 1), pads)
    for g, r, s, r0 in zip((dx, dw, db), ref, scales[1:], want[1:]):
        np.testing.assert_array_equal(r, r0)
        _close(g, r, s, np.float32)


def test_fused_backward_refuses_a_dy_of_the_wrong_shape():
    from octakd.errors import ShapeError
    x, w, b, dy, pads = _arrays((32, 32, 16, 16, 64, (1, 1, 1, 1)), np.float32, 4)
    with pytest.raises(ShapeError, match=r"conv2d_backward kernel: dy must have shape \(32, 64, 16, 16\)"):
        conv_numba.conv2d_backward(dy[:, :, :15], x, w, (1, 1), pads)
