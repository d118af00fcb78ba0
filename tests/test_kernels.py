"""The Numba kernels against their NumPy twins (the oracle), and the backend switch.

Float32 is compared with rtol 1e-5 and float64 with rtol 1e-10, each with an absolute tolerance
scaled to the size of the terms being summed: the oracle run on |x|, |w| (and |dy|) gives, per
output element, the sum of the absolute values of its terms, and rounding error is relative to
that, not to the (possibly cancelled) result.
"""
import os
import subprocess
import sys

import numpy as np
import pytest

import octakd.kernels as kernels
from octakd.errors import OctakdValueError, ShapeError
from octakd.kernels import conv_numba, conv_numpy, geometry, pool_numba, pool_numpy

RTOL = {np.float32: 1e-5, np.float64: 1e-10}
DTYPES = [np.float32, np.float64]

# (N, C, H, W, F, kh, kw, stride, padding)
CONV_CASES = [
    (2, 3, 7, 9, 4, 3, 3, 1, "same"),
    (1, 1, 5, 11, 3, 1, 3, 1, "valid"),
    (3, 3, 8, 8, 5, 2, 3, 2, 1),
    (2, 1, 9, 7, 3, 3, 2, 3, "same"),
    (1, 3, 1, 31, 4, 1, 3, 2, "same"),           # audio-like: a 1-high map, 1x3 kernel
    (2, 3, 11, 10, 2, 5, 3, (3, 2), "valid"),
    (1, 3, 6, 7, 4, 3, 3, (2, 1), (2, 1)),
    (1, 1, 4, 5, 2, 2, 2, 1, 3),                  # padding wider than the kernel
    (1, 3, 13, 13, 3, 3, 3, 3, "same"),
]


def _conv_setup(case, dtype, seed):
    N, C, H, W, F, kh, kw, stride, padding = case
    stride = geometry.pair(stride, "stride", "test")
    pads = geometry.conv_pads(geometry.check_padding(padding, "test"), (H, W), (kh, kw), stride)
    Ho, Wo = geometry.conv_output_hw((H, W), (kh, kw), stride, pads)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, C, H, W)).astype(dtype)
    w = rng.standard_normal((F, C, kh, kw)).astype(dtype)
    b = rng.standard_normal(F).astype(dtype)
    dy = rng.standard_normal((N, F, Ho, Wo)).astype(dtype)
    return x, w, b, dy, stride, pads


def _close(got, want, scale, dtype):
    """assert_allclose with rtol by dtype and atol = rtol * (largest sum of |terms|)."""
    assert got.dtype == np.dtype(dtype), (got.dtype, dtype)
    assert got.shape == want.shape
    rtol = RTOL[dtype]
    np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * max(float(np.max(scale)), 1.0))


@pytest.fixture(params=["batched", "per_sample", "mixed"])
def gemm_layout(request, monkeypatch):
    """Run each conv case through every GEMM layout of conv_numba: the whole batch at once,
    image by image, and image by image for forward and dx with dW over the whole batch (the
    choice made for channel-heavy small planes such as case b)."""
    per_image = request.param in ("per_sample", "mixed")
    monkeypatch.setattr(conv_numba, "PER_SAMPLE_MIN_PLANE",
                        1 if request.param == "per_sample" else 10 ** 9)
    monkeypatch.setattr(conv_numba, "PER_SAMPLE_MIN_ROWS", 0)
    monkeypatch.setattr(conv_numba, "PER_IMAGE_MIN_COLS", 1 if per_image else 10 ** 9)
    return request.param


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", CONV_CASES, ids=str)
def test_conv_forward(case, dtype, gemm_layout):
    x, w, b, _, stride, pads = _conv_setup(case, dtype, seed=1)
    want = conv_numpy.conv2d_forward(x, w, b, stride, pads)
    scale = conv_numpy.conv2d_forward(np.abs(x), np.abs(w), np.abs(b), stride, pads)
    _close(conv_numba.conv2d_forward(x, w, b, stride, pads), want, scale, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", CONV_CASES, ids=str)
def test_conv_backward_input(case, dtype, gemm_layout):
    x, w, _, dy, stride, pads = _conv_setup(case, dtype, seed=2)
    want = conv_numpy.conv2d_backward_input(dy, w, x.shape, stride, pads)
    scale = conv_numpy.conv2d_backward_input(np.abs(dy), np.abs(w), x.shape, stride, pads)
    _close(conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads), want, scale, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", CONV_CASES, ids=str)
def test_conv_backward_weight_and_bias(case, dtype, gemm_layout):
    x, w, _, dy, stride, pads = _conv_setup(case, dtype, seed=3)
    want_w, want_b = conv_numpy.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    scale_w, scale_b = conv_numpy.conv2d_backward_weight(np.abs(dy), np.abs(x), w.shape, stride, pads)
    dw, db = conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    _close(dw, want_w, scale_w, dtype)
    _close(db, want_b, scale_b, dtype)


def _random_conv_case(rng):
    """A random geometry: odd and even sizes, kh != kw, stride 1-3 per axis, 'same', 'valid'
    or explicit pads, one to four images."""
    kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    padding = ["same", "valid", (int(rng.integers(0, 3)), int(rng.integers(0, 3)))][int(rng.integers(3))]
    H, W = kh + int(rng.integers(0, 12)), kw + int(rng.integers(0, 12))
    return (int(rng.integers(1, 5)), int(rng.integers(1, 9)), H, W, int(rng.integers(1, 9)),
            kh, kw, stride, padding)


@pytest.mark.parametrize("seed", range(12))
def test_conv_random_shapes_every_layout(seed, gemm_layout):
    """Forward, dx and dW/db of conv_numba against conv_numpy on random geometries, in the
    layer's call order (so dW reuses the forward's cols), in each layout of the fixture.
    Also run by hand under NUMBA_BOUNDSCHECK=1 with an empty NUMBA_CACHE_DIR (docs/testing.md)."""
    rng = np.random.default_rng(100 + seed)
    case = _random_conv_case(rng)
    dtype = DTYPES[seed % 2]
    x, w, b, dy, stride, pads = _conv_setup(case, dtype, seed=seed)
    y = conv_numba.conv2d_forward(x, w, b, stride, pads)
    dx = conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)
    dw, db = conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    ax, aw, ady = np.abs(x), np.abs(w), np.abs(dy)
    _close(y, conv_numpy.conv2d_forward(x, w, b, stride, pads),
           conv_numpy.conv2d_forward(ax, aw, np.abs(b), stride, pads), dtype)
    _close(dx, conv_numpy.conv2d_backward_input(dy, w, x.shape, stride, pads),
           conv_numpy.conv2d_backward_input(ady, aw, x.shape, stride, pads), dtype)
    want_w, want_b = conv_numpy.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    scale_w, scale_b = conv_numpy.conv2d_backward_weight(ady, ax, w.shape, stride, pads)
    _close(dw, want_w, scale_w, dtype)
    _close(db, want_b, scale_b, dtype)
    # the layer's one call for all three gives the separate calls' very bits
    for got, want in zip(conv_numba.conv2d_backward(dy, x, w, stride, pads), (dx, dw, db)):
        np.testing.assert_array_equal(got, want)


def test_conv_layout_selection_by_shape():
    """The shape selection: case b (one image's block 289 x 256) runs forward and dx image by
    image and dW over the whole batch; case a (28 x 1024) runs all three image by image; tiny
    blocks (28 x 16) stay whole-batch unless there is one image."""
    assert conv_numba._per_image(32, 32 * 9, 16 * 16)
    assert not conv_numba._per_sample(32, 32 * 9, 16 * 16)
    assert conv_numba._per_image(32, 3 * 9, 32 * 32)
    assert conv_numba._per_sample(32, 3 * 9, 32 * 32)
    assert not conv_numba._per_sample(32, 1 * 9, 8 * 8)      # few rows, small plane: batch
    assert not conv_numba._per_image(32, 3 * 9, 4 * 4)
    assert conv_numba._per_image(1, 3 * 9, 4 * 4)


def test_conv_does_not_mutate_inputs_and_results_are_fresh():
    x, w, b, dy, stride, pads = _conv_setup(CONV_CASES[0], np.float64, seed=4)
    copies = [a.copy() for a in (x, w, b, dy)]
    y1 = conv_numba.conv2d_forward(x, w, b, stride, pads)
    dx1 = conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)
    keep_y, keep_dx = y1.copy(), dx1.copy()
    conv_numba.conv2d_forward(2 * x, w, b, stride, pads)       # reuses the scratch buffers
    conv_numba.conv2d_backward_input(2 * dy, w, x.shape, stride, pads)
    conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    np.testing.assert_array_equal(y1, keep_y)
    np.testing.assert_array_equal(dx1, keep_dx)
    for a, c in zip((x, w, b, dy), copies):
        np.testing.assert_array_equal(a, c)


def _count_im2col(monkeypatch):
    """Count the im2col builds (the kernels are looked up as module globals at call time): a
    whole-batch _im2col is one build, and so is a run of _im2col_image over the images (counted
    at image 0)."""
    calls = []
    real, real_image = conv_numba._im2col, conv_numba._im2col_image

    def whole(*a):
        calls.append(1)
        return real(*a)

    def image(xpad, n, *a):
        if n == 0:
            calls.append(1)
        return real_image(xpad, n, *a)

    monkeypatch.setattr(conv_numba, "_im2col", whole)
    monkeypatch.setattr(conv_numba, "_im2col_image", image)
    return calls


@pytest.mark.parametrize("dtype", DTYPES)
def test_conv_weight_grad_reuses_forward_cols_only_when_valid(dtype, monkeypatch, gemm_layout):
    """conv2d_backward_weight may reuse the forward's im2col matrix, but only for the very same
    unchanged x with the same geometry; every way of breaking that must rebuild it."""
    x, w, b, dy, stride, pads = _conv_setup(CONV_CASES[0], dtype, seed=7)
    calls = _count_im2col(monkeypatch)

    def check(x_now, x_arg=None):
        dw, db = conv_numba.conv2d_backward_weight(dy, x_now if x_arg is None else x_arg,
                                                    w.shape, stride, pads)
        want_w, want_b = conv_numpy.conv2d_backward_weight(dy, x_now, w.shape, stride, pads)
        np.testing.assert_allclose(dw, want_w, rtol=RTOL[dtype] * 10, atol=RTOL[dtype] * 100)
        np.testing.assert_allclose(db, want_b, rtol=RTOL[dtype] * 10, atol=RTOL[dtype] * 100)

    conv_numba.conv2d_forward(x, w, b, stride, pads)
    check(x)
    assert len(calls) == 1                       # reused: the same, unchanged x
    check(x)
    assert len(calls) == 1                       # still valid for a second call

    x[0, 1, 2, 3] += 1                           # modified in place: must rebuild
    check(x)
    assert len(calls) == 2

    x[0, 0, 0, 0] = 0.0
    conv_numba.conv2d_forward(x, w, b, stride, pads)
    x[0, 0, 0, 0] = -0.0                         # equal as a number, other bits: rebuild
    check(x)
    assert len(calls) == 4

    conv_numba.conv2d_forward(x, w, b, stride, pads)
    other = x + 1                                # another conv overwrites the scratch
    conv_numba.conv2d_forward(other, w, b, stride, pads)
    check(x)
    assert len(calls) == 7

    conv_numba.conv2d_forward(x, w, b, stride, pads)
    check(x.copy())                              # equal values but another object: rebuild
    assert len(calls) == 9

    conv_numba.conv2d_forward(x, w, b, stride, pads)
    x_other = x.astype(np.float32 if dtype == np.float64 else np.float64)
    check(x_other.astype(dtype), x_arg=x_other)  # another dtype (cast inside): rebuild
    assert len(calls) == 11

    conv_numba.conv2d_forward(x, w, b, stride, pads)   # another geometry on the same x
    pads2 = (0, 0, 0, 0)
    dw, _ = conv_numba.conv2d_backward_weight(dy[:, :, 1:-1, 1:-1].copy(), x, w.shape, stride, pads2)
    want_w, _ = conv_numpy.conv2d_backward_weight(dy[:, :, 1:-1, 1:-1], x, w.shape, stride, pads2)
    np.testing.assert_allclose(dw, want_w, rtol=RTOL[dtype] * 10, atol=RTOL[dtype] * 100)
    assert len(calls) == 13

    conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)   # dx does not touch cols
    check(x)
    assert len(calls) == 14          # rebuilt once above for pads2; now x's geometry again ...
    conv_numba.conv2d_forward(x, w, b, stride, pads)
    conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)
    check(x)
    assert len(calls) == 15          # ... and forward, dx, dW build it only once


@pytest.mark.parametrize("case", CONV_CASES, ids=str)
def test_conv_forward_then_weight_grad_on_every_geometry(case, monkeypatch, gemm_layout):
    """The layer's call pattern (forward, dx, dW on the same x): one im2col, right dW and db."""
    x, w, b, dy, stride, pads = _conv_setup(case, np.float64, seed=9)
    calls = _count_im2col(monkeypatch)
    conv_numba.conv2d_forward(x, w, b, stride, pads)
    conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)
    dw, db = conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    assert len(calls) == 1
    want_w, want_b = conv_numpy.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    scale_w, scale_b = conv_numpy.conv2d_backward_weight(np.abs(dy), np.abs(x), w.shape, stride, pads)
    _close(dw, want_w, scale_w, np.float64)
    _close(db, want_b, scale_b, np.float64)


def test_conv_cols_note_does_not_keep_x_alive():
    import gc
    import weakref
    x, w, b, _, stride, pads = _conv_setup(CONV_CASES[0], np.float64, seed=8)
    conv_numba.conv2d_forward(x, w, b, stride, pads)
    ref = weakref.ref(x)
    del x
    gc.collect()
    assert ref() is None


def test_conv_non_contiguous_input():
    x, w, b, _, stride, pads = _conv_setup(CONV_CASES[0], np.float64, seed=5)
    xt = np.asfortranarray(x)
    np.testing.assert_allclose(conv_numba.conv2d_forward(xt, w, b, stride, pads),
                               conv_numpy.conv2d_forward(x, w, b, stride, pads), rtol=1e-10)


@pytest.mark.parametrize("in_hw, kernel_hw, padding", [
    ((2, 2), (3, 3), "valid"),
    ((1, 40), (3, 3), "valid"),       # a 1-high audio map with a 3x3 kernel
    ((5, 5), (1, 6), 0),
])
def test_empty_conv_output_raises_shape_error(in_hw, kernel_hw, padding):
    pads = geometry.conv_pads(geometry.check_padding(padding, "test"), in_hw, kernel_hw, (1, 1))
    with pytest.raises(ShapeError, match="empty"):
        geometry.conv_output_hw(in_hw, kernel_hw, (1, 1), pads)


# ---------------------------------------------------------------------------------------------
# max_pool2d
# ---------------------------------------------------------------------------------------------

# (N, C, H, W, pool, stride): plain, odd sizes, overlapping (stride < pool), rectangular,
# and windows larger than the map that geometry.pool_geometry clamps
POOL_CASES = [
    (2, 3, 8, 8, (2, 2), (2, 2)),
    (1, 3, 9, 7, (2, 2), (2, 2)),
    (2, 1, 9, 9, (3, 3), (2, 2)),
    (1, 3, 7, 10, (2, 3), (1, 2)),
    (3, 2, 11, 6, (3, 2), (3, 1)),
    (2, 1, 1, 21, (2, 2), (2, 2)),          # audio map: 2x2 clamps to 1x2
    (1, 2, 3, 2, (4, 4), (1, 1)),           # clamps to the whole map
]


def _pool_setup(case, dtype, seed, ties):
    N, C, H, W, pool, stride = case
    pool, _ = geometry.pool_geometry((H, W), pool, stride)
    rng = np.random.default_rng(seed)
    if ties:
        x = rng.integers(0, 3, size=(N, C, H, W)).astype(dtype)   # many equal maxima
    else:
        x = rng.standard_normal((N, C, H, W)).astype(dtype)
    return x, pool, stride, rng


@pytest.mark.parametrize("ties", [False, True], ids=["random", "ties"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", POOL_CASES, ids=str)
def test_pool_forward_and_backward(case, dtype, ties):
    x, pool, stride, rng = _pool_setup(case, dtype, seed=6, ties=ties)
    y0, a0 = pool_numpy.maxpool2d_forward(x, pool, stride)
    y, a = pool_numba.maxpool2d_forward(x, pool, stride)
    assert y.dtype == np.dtype(dtype) and a.dtype == np.int64
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(a, a0)
    dy = rng.standard_normal(y.shape).astype(dtype)
    dx0 = pool_numpy.maxpool2d_backward(dy, a0, x.shape)
    dx = pool_numba.maxpool2d_backward(dy, a, x.shape)
    assert dx.dtype == np.dtype(dtype) and dx.shape == x.shape
    np.testing.assert_allclose(dx, dx0, rtol=RTOL[dtype], atol=RTOL[dtype])


def test_pool_tie_rule_first_maximum_wins():
    x = np.array([[[[1.0, 3.0, 3.0],
                    [3.0, 2.0, 3.0]]]])
    y, a = pool_numba.maxpool2d_forward(x, (2, 2), (1, 1))
    np.testing.assert_array_equal(y, [[[[3.0, 3.0]]]])
    np.testing.assert_array_equal(a, [[[[1, 1]]]])          # both windows pick (0, 1)
    dx = pool_numba.maxpool2d_backward(np.array([[[[1.0, 10.0]]]]), a, x.shape)
    np.testing.assert_array_equal(dx, [[[[0, 11.0, 0], [0, 0, 0]]]])   # overlap adds up


def test_pool_nan_never_wins():
    nan = np.nan
    x = np.array([[[[nan, 1.0, 0.0, nan, nan, nan],
                    [2.0, 0.0, nan, -1.0, nan, nan]]]])
    for module in (pool_numpy, pool_numba):
        y, a = module.maxpool2d_forward(x, (2, 2), (2, 2))
        np.testing.assert_array_equal(y, [[[[2.0, 0.0, nan]]]])
        np.testing.assert_array_equal(a, [[[[6, 2, 4]]]])


# ---------------------------------------------------------------------------------------------
# The backend switch
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def restore_backend():
    previous = kernels.get_backend()
    yield
    kernels.set_backend(previous)


def test_set_backend_dispatches(restore_backend, monkeypatch):
    calls = []
    monkeypatch.setattr(pool_numba, "maxpool2d_forward", lambda *a: calls.append("numba"))
    monkeypatch.setattr(pool_numpy, "maxpool2d_forward", lambda *a: calls.append("numpy"))
    x = np.zeros((1, 1, 2, 2))
    kernels.set_backend("numba")
    kernels.maxpool2d_forward(x, (2, 2), (2, 2))
    assert kernels.set_backend("NumPy") == "numba"
    assert kernels.get_backend() == "numpy"
    kernels.maxpool2d_forward(x, (2, 2), (2, 2))
    assert calls == ["numba", "numpy"]
    with pytest.raises(OctakdValueError):
        kernels.set_backend("torch")


@pytest.mark.parametrize("env, expected", [("numpy", "numpy"), ("numba", "numba"), ("", "numba")])
def test_backend_from_environment(env, expected):
    code = "import octakd.kernels as k; print(k.get_backend())"
    environ = dict(os.environ, OCTAKD_BACKEND=env)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    environ["PYTHONPATH"] = root + os.pathsep + environ.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.strip() == expected


# -- Adam: the fused Numba update against its NumPy twin, and its size checks ------------------
from octakd.kernels import adam_numba, adam_numpy  # noqa: E402


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("dtype", DTYPES)
def test_adam_numba_matches_numpy_on_random_shapes(seed, dtype):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 5000))
    p, g = rng.standard_normal(size).astype(dtype), rng.standard_normal(size).astype(dtype)
    m, v = rng.standard_normal(size).astype(dtype), rng.random(size).astype(dtype)
    t = int(rng.integers(1, 50))
    c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
    fast = [a.copy() for a in (p, g, m, v)]
    slow = [a.copy() for a in (p, g, m, v)]
    adam_numba.adam_update(*fast, 1e-3, 0.9, 0.999, 1e-8, c1, c2)
    adam_numpy.adam_update(*slow, 1e-3, 0.9, 0.999, 1e-8, c1, c2)
    for a, b in zip(fast, slow):
        np.testing.assert_allclose(a, b, rtol=RTOL[dtype] * 10, atol=RTOL[dtype])
    assert not np.array_equal(fast[0], p)                  # the update did something


@pytest.mark.parametrize("update", [adam_numba.adam_update, adam_numpy.adam_update])
@pytest.mark.parametrize("bad", ["m short", "v long", "g short", "dtype", "2-D m"])
def test_adam_kernels_refuse_arrays_of_other_sizes(update, bad):
    n = 64
    arrays = {k: np.zeros(n, np.float32) for k in "pgmv"}
    if bad == "m short":
        arrays["m"] = np.zeros(n - 1, np.float32)
    elif bad == "v long":
        arrays["v"] = np.zeros(n + 7, np.float32)
    elif bad == "g short":
        arrays["g"] = np.zeros(3, np.float32)
    elif bad == "dtype":
        arrays["m"] = np.zeros(n, np.float64)
    else:
        arrays["m"] = np.zeros((8, 8), np.float32)
    with pytest.raises(ShapeError, match="Adam"):
        update(*(arrays[k] for k in "pgmv"), 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001)


@pytest.mark.parametrize("call", [
    lambda: conv_numba.conv2d_backward_input(np.zeros((1, 2, 9, 9)), np.zeros((2, 1, 3, 3)),
                                             (1, 1, 4, 4), (1, 1), (1, 1, 1, 1)),
    lambda: conv_numba.conv2d_backward_weight(np.zeros((1, 2, 4, 4)), np.zeros((1, 1, 4, 4)),
                                              (2, 3, 3, 3), (1, 1), (1, 1, 1, 1)),
    lambda: conv_numba.conv2d_forward(np.zeros((1, 3, 4, 4)), np.zeros((2, 1, 3, 3)),
                                      np.zeros(2), (1, 1), (0, 0, 0, 0)),
    lambda: pool_numba.maxpool2d_backward(np.zeros((1, 1, 2, 2)), np.full((1, 1, 2, 2), 99),
                                          (1, 1, 4, 4)),
    lambda: pool_numba.maxpool2d_backward(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 2), int),
                                          (1, 1, 4, 4)),
], ids=["conv dx: dy too big", "conv dw: channels", "conv fwd: channels", "pool: argmax range",
        "pool: argmax shape"])
def test_numba_kernels_check_sizes_at_their_boundary(call):
    with pytest.raises(ShapeError, match="kernel"):
        call()


# ---------------------------------------------------------------------------------------------
# The fused kernels of the lean path (lean_numba against lean_numpy)
# ---------------------------------------------------------------------------------------------

from octakd.kernels import lean_numba, lean_numpy  # noqa: E402


@pytest.mark.parametrize("relu", [True, False], ids=["relu", "plain"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", CONV_CASES, ids=str)
def test_lean_conv_relu_matches_reference(case, dtype, relu):
    x, w, b, dy, stride, pads = _conv_setup(case, dtype, seed=11)
    scratch = {}
    for round_ in range(2):                    # the second round reuses every scratch buffer
        if round_:
            x, w, b, dy = x[::-1].copy() * 2, w * -1, b + 1, dy[::-1].copy()
        y0 = lean_numpy.conv2d_relu_forward(x, w, b, stride, pads, relu)
        y = lean_numba.conv2d_relu_forward(x, w, b, stride, pads, relu, scratch)
        scale = np.abs(conv_numpy.conv2d_forward(np.abs(x), np.abs(w), np.abs(b), stride, pads))
        _close(y, y0, scale, dtype)
        if relu:
            assert np.all(y >= 0) and np.any(y == 0)
        mask_y = y0 if relu else None
        dx0, dw0, db0 = lean_numpy.conv2d_relu_backward(dy, mask_y, x, w, stride, pads)
        dx, dw, db = lean_numba.conv2d_relu_backward(dy, mask_y, x, w, stride, pads, True, scratch)
        _close(dw, dw0, conv_numpy.conv2d_backward_weight(np.abs(dy), np.abs(x), w.shape, stride,
                                                         pads)[0], dtype)
        _close(db, db0, np.abs(dy).sum(axis=(0, 2, 3)), dtype)
        _close(dx, dx0, conv_numpy.conv2d_backward_input(np.abs(dy), np.abs(w), x.shape, stride,
                                                        pads), dtype)
        none, dw2, _ = lean_numba.conv2d_relu_backward(dy, mask_y, x, w, stride, pads, False, scratch)
        assert none is None
        _close(dw2, dw0, np.abs(dw0) + 1, dtype)


def test_lean_conv_relu_zeroes_nan_like_the_relu_layer():
    x = np.array([[[[np.nan, 1.0, -2.0]]]], np.float32)
    w = np.ones((1, 1, 1, 1), np.float32)
    b = np.zeros(1, np.float32)
    for module in (lean_numpy, lean_numba):
        y = module.conv2d_relu_forward(x, w, b, (1, 1), (0, 0, 0, 0), True)
        np.testing.assert_array_equal(y, [[[[0.0, 1.0, 0.0]]]])


@pytest.mark.parametrize("shape", [(4, 3, 24, 24, 5), (3, 16, 6, 6, 8)], ids=["few rows", "many rows"])
def test_lean_conv_weight_grad_is_the_teaching_paths_bit_for_bit(shape, monkeypatch):
    """lean_numba and conv_numba compute dW with the same products in the same order (per
    sample when cols has few rows, one batch GEMM otherwise), so they agree bit for bit: a
    training run resumed from a checkpoint (its first batches take the teaching path) then
    matches an uninterrupted one exactly (tests/test_batchnorm.py)."""
    monkeypatch.setattr(conv_numba, "PER_SAMPLE_MIN_ROWS", 64)     # 28 rows: few, 145: many
    N, C, H, W, F = shape
    rng = np.random.default_rng(5)
    x = rng.standard_normal((N, C, H, W)).astype(np.float32)
    w = rng.standard_normal((F, C, 3, 3)).astype(np.float32)
    dy = rng.standard_normal((N, F, H, W)).astype(np.float32)
    pads = (1, 1, 1, 1)
    want_w, want_b = conv_numba.conv2d_backward_weight(dy, x, w.shape, (1, 1), pads)
    _, dw, db = lean_numba.conv2d_relu_backward(dy, None, x, w, (1, 1), pads, need_dx=False)
    np.testing.assert_array_equal(dw, want_w)
    np.testing.assert_array_equal(db, want_b)


def test_lean_conv_backward_rebuilds_cols_for_another_x():
    x, w, b, dy, stride, pads = _conv_setup(CONV_CASES[0], np.float64, seed=12)
    scratch = {}
    lean_numba.conv2d_relu_forward(x, w, b, stride, pads, False, scratch)
    other = x + 1.0
    _, dw, _ = lean_numba.conv2d_relu_backward(dy, None, other, w, stride, pads, False, scratch)
    _, dw0, _ = lean_numpy.conv2d_relu_backward(dy, None, other, w, stride, pads, False)
    np.testing.assert_allclose(dw, dw0, rtol=1e-10, atol=1e-10)


LEAN_POOL_CASES = POOL_CASES + [
    (2, 3, 1, 256, (1, 4), (4, 4)),         # the demo's audio pools: one-row windows
    (2, 3, 1, 64, (1, 2), (2, 2)),          # the student's 1 x 2 pools (the general sweep)
    (1, 2, 3, 17, (1, 3), (2, 2)),          # one-row windows on a taller map, overlapping
]


@pytest.mark.parametrize("relu", [True, False], ids=["relu", "plain"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", LEAN_POOL_CASES, ids=str)
def test_lean_pool_matches_reference(case, dtype, relu):
    x, pool, stride, rng = _pool_setup(case, dtype, seed=13, ties=True)
    x = x - 1                                  # values -1, 0, 1: whole windows of zeros after relu
    if relu:
        x = np.maximum(x, 0)
    scratch = {}
    for _ in range(2):
        y0, a0 = lean_numpy.maxpool2d_forward(x, pool, stride)
        y, a = lean_numba.maxpool2d_forward(x, pool, stride, scratch)
        np.testing.assert_array_equal(y, y0)
        np.testing.assert_array_equal(a, a0)
        dy = rng.standard_normal(y.shape).astype(dtype)
        dx0 = lean_numpy.maxpool2d_relu_backward(dy, a0, y0, x.shape, relu)
        dx = lean_numba.maxpool2d_relu_backward(dy, a, y, x.shape, relu, scratch)
        np.testing.assert_allclose(dx, dx0, rtol=RTOL[dtype], atol=RTOL[dtype])
        if relu:   # the reference is the pool's backward and then the ReLU layer's
            want = np.where(x > 0, pool_numpy.maxpool2d_backward(dy, a0, x.shape), 0)
            np.testing.assert_allclose(dx0, want, rtol=RTOL[dtype], atol=RTOL[dtype])
        x = x[::-1].copy()


def test_lean_pool_backward_checks_a_foreign_argmax():
    x = np.ones((1, 1, 4, 4))
    scratch = {}
    y, a = lean_numba.maxpool2d_forward(x, (2, 2), (2, 2), scratch)
    with pytest.raises(ShapeError, match="kernel"):
        lean_numba.maxpool2d_relu_backward(y, np.full(a.shape, 99), y, x.shape, True, scratch)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("dtype", DTYPES)
def test_adam_small_kernel_is_the_numpy_update_bit_for_bit(seed, dtype):
    rng = np.random.default_rng(100 + seed)
    size = int(rng.integers(1, 3000))
    p, g = rng.standard_normal(size).astype(dtype), rng.standard_normal(size).astype(dtype)
    m, v = rng.standard_normal(size).astype(dtype) * 0.1, rng.random(size).astype(dtype)
    fast = [a.copy() for a in (p, g, m, v)]
    slow = [a.copy() for a in (p, g, m, v)]
    for t in range(1, 4):
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        adam_numba.adam_update_small(*fast, 2e-3, 0.9, 0.999, 1e-8, c1, c2)
        adam_numpy.adam_update(*slow, 2e-3, 0.9, 0.999, 1e-8, c1, c2)
    for a, b in zip(fast, slow):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(fast[0], p)


def test_adam_small_kernel_refuses_arrays_of_other_sizes():
    with pytest.raises(ShapeError, match="Adam"):
        adam_numba.adam_update_small(np.zeros(4, np.float32), np.zeros(3, np.float32),
                                     np.zeros(4, np.float32), np.zeros(4, np.float32),
                                     1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001)


def test_lean_one_row_pool_nan_rule():
    nan = np.nan
    x = np.array([[[[nan, 1.0, 1.0, 0.5, nan, nan, nan, nan]]]])
    y, a = lean_numba.maxpool2d_forward(x, (1, 4), (1, 4), {})
    np.testing.assert_array_equal(y, [[[[1.0, nan]]]])
    np.testing.assert_array_equal(a, [[[[1, 4]]]])


# Random conv geometries for the im2col twins: strides 1-3, pads up to wider than the kernel
def _random_geometries(count, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 6))
        sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        pads = tuple(int(p) for p in rng.integers(0, 4, 4))
        H = int(rng.integers(max(1, kh - pads[0] - pads[1]), 12))
        W = int(rng.integers(max(1, kw - pads[2] - pads[3]), 20))
        yield (int(rng.integers(1, 4)), int(rng.integers(1, 4)), H, W), (kh, kw), (sh, sw), pads


@pytest.mark.parametrize("dtype", DTYPES)
def test_lean_im2col_matches_reference_on_random_geometries(dtype):
    """lean_numba.im2col (the gathering kernel for strides > 1, the padded-plane one for
    stride 1) against lean_numpy.im2col, which reads conv_numpy's padded tap views."""
    rng = np.random.default_rng(21)
    strided = 0
    for shape, (kh, kw), stride, pads in _random_geometries(60, seed=20):
        x = rng.standard_normal(shape).astype(dtype)
        want = lean_numpy.im2col(x, kh, kw, stride, pads)
        scratch = {}
        for _ in range(2):                              # the second call reuses the buffers
            np.testing.assert_array_equal(lean_numba.im2col(x, kh, kw, stride, pads, scratch), want)
        strided += max(stride) > 1
    assert strided > 30


def test_lean_tap_table_marks_the_padding():
    # 3x3 map, 3x3 kernel, stride 2, pads 1: output 2x2; tap (0, 0) meets (-1, -1), (-1, 1),
    # (1, -1), (1, 1) of the input, i.e. padding, padding, padding, flat index 4
    tab = lean_numba.tap_table(3, 3, 3, 3, (2, 2), (1, 1, 1, 1))
    assert tab.shape == (9, 4)
    np.testing.assert_array_equal(tab[0], [-1, -1, -1, 4])
    np.testing.assert_array_equal(tab[4], [0, 2, 6, 8])             # the centre tap


@pytest.mark.parametrize("dtype", DTYPES)
def test_lean_conv_forward_on_random_geometries(dtype):
    """The whole lean conv forward (both im2col kernels, [w | b], GEMM, ReLU pass) against the
    reference, twice per scratch (the second call takes the set-up fast path), and then with
    another geometry in the same scratch."""
    rng = np.random.default_rng(23)
    scratch = {}
    for shape, (kh, kw), stride, pads in _random_geometries(30, seed=22):
        F = int(rng.integers(1, 5))
        x = rng.standard_normal(shape).astype(dtype)
        w = rng.standard_normal((F, shape[1], kh, kw)).astype(dtype)
        b = rng.standard_normal(F).astype(dtype)
        scale = np.abs(conv_numpy.conv2d_forward(np.abs(x), np.abs(w), np.abs(b), stride, pads))
        for relu in (True, False):
            want = lean_numpy.conv2d_relu_forward(x, w, b, stride, pads, relu)
            _close(lean_numba.conv2d_relu_forward(x, w, b, stride, pads, relu, scratch), want, scale, dtype)
            w, b = w * -1, b + 1                        # new weights, same geometry
            want = lean_numpy.conv2d_relu_forward(x, w, b, stride, pads, relu)
            _close(lean_numba.conv2d_relu_forward(x, w, b, stride, pads, relu, scratch), want, scale + 2, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_lean_gemm_by_column_blocks_is_one_matmul_bit_for_bit(dtype):
    """The lean conv's forward GEMM in blocks of columns gives exactly np.matmul's result (the
    lean and the teaching path must agree bit for bit); widths that leave a ragged end are
    never chosen."""
    rng = np.random.default_rng(24)
    size = np.dtype(dtype).itemsize
    for rows, inner, n, blocked in [(8, 10, 16384, True), (8, 73, 4096, True), (16, 41, 3072, True),
                                    (8, 73, 4096 + 37, False), (32, 145, 16384, False), (3, 5, 700, False)]:
        a = rng.standard_normal((rows, inner)).astype(dtype)
        b = rng.standard_normal((inner, n)).astype(dtype)
        width = lean_numba.gemm_column_block(rows, inner, n, size)
        assert (width < n) == blocked
        if blocked:
            assert n % width == 0 and width % 256 == 0
        out = np.full((rows, n), np.nan, dtype)
        lean_numba.matmul_by_columns(a, b, out, width)
        np.testing.assert_array_equal(out, a @ b)


@pytest.mark.parametrize("dtype", DTYPES)
def test_lean_conv_relu_pool_on_random_geometries(dtype):
    """The inference-only conv + ReLU + max-pool (both of its pool kernels: row sweeps and
    window by window) against the reference, and bit for bit against the lean conv followed by
    the lean pool, whose values it must reproduce exactly (the teaching path's predictions)."""
    rng = np.random.default_rng(25)
    kernels_seen = set()
    cases = list(_random_geometries(40, seed=26)) + [((3, 2, 16, 16), (3, 3), (1, 1), (1, 1, 1, 1)),
                                                      ((2, 2, 1, 64), (1, 9), (1, 1), (0, 0, 4, 4))]
    for shape, (kh, kw), stride, pads in cases:
        F = int(rng.integers(1, 5))
        x = rng.standard_normal(shape).astype(dtype)
        x[0, 0, 0, 0] = np.nan                                 # a NaN: the ReLU makes it 0
        w = rng.standard_normal((F, shape[1], kh, kw)).astype(dtype)
        b = rng.standard_normal(F).astype(dtype)
        scratch = {}
        Ho, Wo = lean_numba.conv2d_relu_forward(x, w, b, stride, pads, True, {}).shape[2:]
        for pool, pstride in [((min(2, Ho), min(2, Wo)), (2, 2)), ((1, min(4, Wo)), (1, 4)),
                              ((min(3, Ho), min(2, Wo)), (1, 1)), ((1, min(3, Wo)), (2, 3))]:
            y = lean_numba.conv2d_relu_forward(x, w, b, stride, pads, True, {})
            want_bits = lean_numba.maxpool2d_forward(y, pool, pstride, {})[0]
            got = lean_numba.conv2d_relu_pool_forward(x, w, b, stride, pads, pool, pstride, scratch)
            np.testing.assert_array_equal(got, want_bits)
            assert got.tobytes() == want_bits.tobytes()            # the same bits (0.0, not -0.0)
            want = lean_numpy.conv2d_relu_pool_forward(x, w, b, stride, pads, pool, pstride)
            np.testing.assert_allclose(got, want, rtol=RTOL[dtype] * 100, atol=RTOL[dtype] * 100)
            kernels_seen.add(got.shape[3] < lean_numba.RELU_POOL_MIN_SWEEP)
    assert kernels_seen == {True, False}


def test_adam_small_kernel_divides_by_zero_as_numpy_does():
    """eps = 0 and v = m = g = 0 make 0 / 0: NumPy gives NaN (no exception), and so must the
    kernel (compiled with Numba's NumPy error model, which also lets its loop vectorise)."""
    fast = [np.zeros(5, np.float32) for _ in range(4)]
    slow = [np.zeros(5, np.float32) for _ in range(4)]
    with np.errstate(invalid="ignore", divide="ignore"):
        adam_numba.adam_update_small(*fast, 2e-3, 0.9, 0.999, 0.0, 0.1, 0.001)
        adam_numpy.adam_update(*slow, 2e-3, 0.9, 0.999, 0.0, 0.1, 0.001)
    assert np.all(np.isnan(fast[0])) and np.all(np.isnan(slow[0]))
