"""The batch split between threads (octakd/kernels/threads.py) and the kernels that use it.

The split only happens with two or more BLAS threads and big enough work, which the small test
shapes elsewhere never reach; here it is forced (``forced_split``: a thread budget of 2 or 3 and
MIN_SPLIT_COST = 0) and the results are compared with the NumPy reference kernels, with the
same kernels unsplit, and (for dW and predictions) with the teaching path bit for bit.
"""
import threading

import numpy as np
import pytest

from octakd.kernels import conv_numpy, lean_numpy, threads

numba = pytest.importorskip("numba")
from octakd.kernels import conv_numba, lean_numba  # noqa: E402


class FakeBlas:
    """A stand-in for a threadpoolctl library controller: records every thread count set."""

    def __init__(self, n):
        self.n = n
        self.history = [n]

    def get_num_threads(self):
        return self.n

    def set_num_threads(self, n):
        self.n = n
        self.history.append(n)


@pytest.fixture
def fake_blas(monkeypatch):
    lib = FakeBlas(3)
    monkeypatch.setattr(threads, "_blas_libs", [lib])
    monkeypatch.setattr(threads, "MIN_SPLIT_COST", 0)
    return lib


@pytest.fixture(params=[2, 3], ids=["2 threads", "3 threads"])
def forced_split(request, monkeypatch):
    """Every kernel call splits between ``request.param`` threads (the real BLAS is held at one
    thread during each split and restored after)."""
    monkeypatch.setattr(threads, "MIN_SPLIT_COST", 0)
    monkeypatch.setattr(threads, "blas_threads", lambda: request.param)
    return request.param


# -- the splitting itself ------------------------------------------------------------------------

@pytest.mark.parametrize("N", range(1, 10))
@pytest.mark.parametrize("parts", [1, 2, 3, 4])
def test_image_slices_cover_every_image_once_in_near_equal_parts(N, parts):
    if parts > N:
        return
    slices = threads.image_slices(N, parts)
    assert len(slices) == parts
    assert [n for lo, hi in slices for n in range(lo, hi)] == list(range(N))
    sizes = [hi - lo for lo, hi in slices]
    assert max(sizes) - min(sizes) <= 1 and min(sizes) >= 1


def test_split_runs_slices_on_other_threads_with_blas_at_one_thread(fake_blas):
    seen = []

    def work(lo, hi):
        seen.append((lo, hi, threading.get_ident(), fake_blas.n))

    threads.split_images(work, 10, cost=1)
    assert sorted((lo, hi) for lo, hi, _, _ in seen) == [(0, 3), (3, 6), (6, 10)]
    caller = threading.get_ident()
    assert [ident == caller for lo, _, ident, _ in sorted(seen)] == [True, False, False]
    assert {blas for _, _, _, blas in seen} == {1}                  # BLAS at one thread meanwhile
    assert fake_blas.n == 3                                        # and restored after


def test_no_split_for_small_work_one_image_or_one_blas_thread(fake_blas, monkeypatch):
    calls = []

    def work(lo, hi):
        calls.append((lo, hi, threading.get_ident()))

    monkeypatch.setattr(threads, "MIN_SPLIT_COST", 100)
    threads.split_images(work, 8, cost=99)                          # too little work
    threads.split_images(work, 1, cost=10 ** 9)                     # one image
    fake_blas.n = 1
    threads.split_images(work, 8, cost=10 ** 9)                     # one BLAS thread
    assert calls == [(0, 8, threading.get_ident()), (0, 1, threading.get_ident()),
                     (0, 8, threading.get_ident())]
    assert fake_blas.history == [3]                                 # never set by a split


def test_an_exception_in_a_worker_slice_is_raised_after_all_slices_end(fake_blas):
    finished = []

    def work(lo, hi):
        if lo > 0:
            raise ValueError(f"slice {lo}:{hi} failed")
        finished.append(lo)

    with pytest.raises(ValueError, match="slice"):
        threads.split_images(work, 6, cost=1)
    assert finished == [0]
    assert fake_blas.n == 3                                         # restored
    out = []
    threads.split_images(lambda lo, hi: out.append(lo), 6, cost=1)  # the lock was released
    assert sorted(out) == [0, 2, 4]


def test_hold_blas_sets_one_thread_and_lends_the_budget_to_the_splits(fake_blas):
    seen = []
    with threads.hold_blas():
        assert fake_blas.n == 1
        assert threads.blas_threads() == 3
        with threads.hold_blas():                                   # nested: no change
            assert fake_blas.n == 1
        assert fake_blas.n == 1
        threads.split_images(lambda lo, hi: seen.append((lo, hi)), 9, cost=1)
        assert fake_blas.n == 1
    assert sorted(seen) == [(0, 3), (3, 6), (6, 9)]
    assert fake_blas.n == 3 and fake_blas.history == [3, 1, 3]
    assert threads.blas_threads() == 3


def test_hold_blas_restores_blas_when_the_block_raises(fake_blas):
    with pytest.raises(RuntimeError):
        with threads.hold_blas():
            raise RuntimeError("boom")
    assert fake_blas.n == 3 and threads._held == 0


# -- the conv kernels split ----------------------------------------------------------------------

CASES = [(7, 3, 9, 8, 5, 3, 3, (1, 1), "same"), (5, 4, 6, 7, 6, 3, 2, (2, 1), "same"),
         (4, 2, 1, 40, 8, 1, 9, (1, 4), "valid"), (6, 16, 8, 8, 32, 3, 3, (1, 1), "same")]


def _setup(case, dtype, seed):
    N, C, H, W, F, kh, kw, stride, padding = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, C, H, W)).astype(dtype)
    w = rng.standard_normal((F, C, kh, kw)).astype(dtype)
    b = rng.standard_normal(F).astype(dtype)
    if padding == "same":
        ph, pw = kh - 1, kw - 1
        pads = (ph // 2, ph - ph // 2, pw // 2, pw - pw // 2)
    else:
        pads = (0, 0, 0, 0)
    Ho = (H + pads[0] + pads[1] - kh) // stride[0] + 1
    Wo = (W + pads[2] + pads[3] - kw) // stride[1] + 1
    dy = rng.standard_normal((N, F, Ho, Wo)).astype(dtype)
    return x, w, b, dy, stride, pads


def _tol(dtype):
    return dict(rtol=1e-4, atol=1e-4) if dtype == np.float32 else dict(rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_split_conv_kernels_match_the_reference_and_the_unsplit_run(case, dtype, forced_split,
                                                                      monkeypatch):
    x, w, b, dy, stride, pads = _setup(case, dtype, seed=3)
    monkeypatch.setattr(conv_numba, "PER_IMAGE_MIN_COLS", 0)        # the image-by-image path
    y = conv_numba.conv2d_forward(x, w, b, stride, pads)
    dx = conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads)
    dw, db = conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    np.testing.assert_allclose(y, conv_numpy.conv2d_forward(x, w, b, stride, pads), **_tol(dtype))
    np.testing.assert_allclose(dx, conv_numpy.conv2d_backward_input(dy, w, x.shape, stride, pads),
                               **_tol(dtype))
    dw0, db0 = conv_numpy.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    np.testing.assert_allclose(dw, dw0, **_tol(dtype))
    np.testing.assert_allclose(db, db0, **_tol(dtype))
    # forward and dx do each image's very products whatever the split: the same bits unsplit
    monkeypatch.setattr(threads, "blas_threads", lambda: 1)
    np.testing.assert_array_equal(y, conv_numba.conv2d_forward(x, w, b, stride, pads))
    np.testing.assert_array_equal(dx, conv_numba.conv2d_backward_input(dy, w, x.shape, stride, pads))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_split_lean_kernels_match_the_reference(case, forced_split):
    x, w, b, dy, stride, pads = _setup(case, np.float64, seed=4)
    scratch = {}
    y = lean_numba.conv2d_relu_forward(x, w, b, stride, pads, True, scratch)
    np.testing.assert_allclose(y, lean_numpy.conv2d_relu_forward(x, w, b, stride, pads, True),
                               **_tol(np.float64))
    dx, dw, db = lean_numba.conv2d_relu_backward(dy, y, x, w, stride, pads, True, scratch)
    dx0, dw0, db0 = lean_numpy.conv2d_relu_backward(dy, y, x, w, stride, pads)
    for got, want in ((dx, dx0), (dw, dw0), (db, db0)):
        np.testing.assert_allclose(got, want, **_tol(np.float64))
    Ho, Wo = y.shape[2:]
    if Ho >= 2 and Wo >= 2:
        pooled = lean_numba.conv2d_relu_pool_forward(x, w, b, stride, pads, (2, 2), (2, 2), {})
        want = lean_numpy.conv2d_relu_pool_forward(x, w, b, stride, pads, (2, 2), (2, 2))
        np.testing.assert_allclose(pooled, want, **_tol(np.float64))


@pytest.mark.parametrize("few_rows", [True, False], ids=["per sample", "whole slices"])
def test_split_lean_weight_grad_is_the_teaching_paths_bit_for_bit(few_rows, forced_split,
                                                                  monkeypatch):
    """Both paths call conv_numba.weight_grad, so they cut the batch the same way and add the
    slices' sums in the same order."""
    monkeypatch.setattr(conv_numba, "PER_SAMPLE_MIN_ROWS", 10 ** 6 if few_rows else 1)
    x, w, b, dy, stride, pads = _setup((7, 8, 6, 6, 8, 3, 3, (1, 1), "same"), np.float32, seed=5)
    want_w, want_b = conv_numba.conv2d_backward_weight(dy, x, w.shape, stride, pads)
    _, dw, db = lean_numba.conv2d_relu_backward(dy, None, x, w, stride, pads, need_dx=False)
    np.testing.assert_array_equal(dw, want_w)
    np.testing.assert_array_equal(db, want_b)


def test_split_lean_predictions_are_the_teaching_paths_bit_for_bit(forced_split):
    from octakd import lean
    from octakd.demo import teacher_network
    from octakd.training import predict, train_model
    rng = np.random.default_rng(6)
    X = [rng.random((20, 1, 16, 16), dtype=np.float32), rng.standard_normal((20, 128), dtype=np.float32),
         rng.standard_normal((20, 1, 1, 256), dtype=np.float32)]
    y = rng.integers(0, 10, 20)
    model = train_model(X, y, 1, 0.01, network=teacher_network(), batch_size=10, seed=3, verbose=False)
    lean.forget(model)
    first = predict(model, X)                    # teaching path
    again = predict(model, X)                    # the plan, its convs split
    assert again.tobytes() == first.tobytes()


def test_serial_blocks_keep_every_kernel_in_one_thread(fake_blas):
    calls = []
    with threads.serial():
        threads.split_images(lambda lo, hi: calls.append((lo, hi)), 9, cost=10 ** 9)
        assert threads.run_together([lambda: calls.append("a"), lambda: calls.append("b")]) is False
    assert calls == [(0, 9)]
    threads.split_images(lambda lo, hi: calls.append((lo, hi)), 9, cost=10 ** 9)
    assert sorted(calls[1:]) == [(0, 3), (3, 6), (6, 9)]              # splits again after


# -- the lean path's use of threads (octakd/lean_threads.py) ------------------------------------

def _built(make):
    net = make()
    net.build()
    return net


def test_which_networks_and_batches_use_threads():
    from octakd import lean_threads
    from octakd.demo import student_network, teacher_network
    teacher, student = _built(teacher_network), _built(student_network)
    assert lean_threads.wants_threads(teacher, 32)          # two 15 M branches
    assert not lean_threads.wants_threads(teacher, 1)
    assert not lean_threads.wants_threads(student, 32)      # its branches are too small
    assert lean_threads.wants_threads(student, 256)
    from octakd.network import Network
    from octakd.layers import Conv2D, Dense, ImageInput, Softmax
    dense_heavy = Network("dense heavy")
    b = dense_heavy.add(ImageInput(1, 3, 32, 32))
    b = dense_heavy.add(Conv2D(8, 3, 3), b)
    b = dense_heavy.add(Dense(512, "relu"), b)               # 8*32*32*512 = 4.2 M weights
    dense_heavy.add(Softmax(10), b)
    dense_heavy.build()
    assert not lean_threads.wants_threads(dense_heavy, 256)


def test_branch_groups_put_whole_branches_on_each_thread():
    from octakd import lean, lean_threads
    from octakd.demo import teacher_network
    from octakd.layers import Concatenate
    net = _built(teacher_network)
    rng = np.random.default_rng(0)
    X = [rng.random((32, 1, 16, 16), dtype=np.float32), rng.standard_normal((32, 128), dtype=np.float32),
         rng.standard_normal((32, 1, 1, 256), dtype=np.float32)]
    net.forward(X, True)
    plan = lean.Plan(net, X, True)
    groups = lean_threads.branch_groups(plan.steps, net, 32, 2)
    origin = lean_threads.origins(net)
    assert len(groups) == 2
    found = sorted(sorted({origin[s.index] for s in g}) for g in groups)
    assert found in ([[0], [7, 9]], [[0, 7], [9]])        # image and audio apart, text with one
    head = lean_threads.head(plan.steps, net)
    assert isinstance(head[0].layer, Concatenate)
    steps = [s for g in groups for s in g] + head
    assert sorted(s.index for s in steps) == sorted(s.index for s in plan.steps)


def test_branches_in_parallel_train_the_same_weights_as_one_thread(monkeypatch):
    """Training the teacher with its branches on two threads (each branch's steps in their
    order, the head after) gives the very weights of the one-thread run."""
    from octakd import lean_threads
    from octakd.demo import teacher_network
    from octakd.training import train_model
    rng = np.random.default_rng(8)
    X = [rng.random((48, 1, 16, 16), dtype=np.float32), rng.standard_normal((48, 128), dtype=np.float32),
         rng.standard_normal((48, 1, 1, 256), dtype=np.float32)]
    y = rng.integers(0, 10, 48)

    def train():
        return train_model(X, y, 2, 0.01, network=teacher_network(), batch_size=16, seed=1,
                           verbose=False)

    monkeypatch.setattr(threads, "blas_threads", lambda: 1)
    alone = train()
    together = []
    real = threads.run_together
    monkeypatch.setattr(threads, "run_together", lambda tasks: together.append(len(tasks)) or real(tasks))
    monkeypatch.setattr(threads, "blas_threads", lambda: 2)
    monkeypatch.setattr(lean_threads, "BRANCH_MIN_COST", 0)
    monkeypatch.setattr(threads, "MIN_SPLIT_COST", 10 ** 18)
    lean_threads._decisions.clear()
    both = train()
    assert together and set(together) == {2}                 # the branches did run together
    for (la, ka), (lb, kb) in zip(alone.parameters(), both.parameters()):
        np.testing.assert_array_equal(la.params[ka], lb.params[kb])


def test_holding_blas_holds_every_blas_library_numba_may_call():
    """The Winograd kernels call BLAS from Numba (np.dot), which goes to SciPy's BLAS, a library
    NumPy's import does not load. While a batch is split, it too must be at one thread, or each
    slice's products would start BLAS threads of their own on the cores the other slices use.
    In a fresh process: the lookup comes first, SciPy's BLAS is loaded after it (as Numba
    loads it on the first Winograd call), and the hold must still cover it."""
    import json
    import subprocess
    import sys
    code = (
        "import json\n"
        "from threadpoolctl import threadpool_info, threadpool_limits\n"
        "from octakd.kernels import threads\n"
        "threads._libs()\n"
        "import scipy.linalg.cython_blas\n"
        "with threadpool_limits(2):\n"
        "    with threads.hold_blas():\n"
        "        print(json.dumps([i['num_threads'] for i in threadpool_info()\n"
        "                          if i['user_api'] == 'blas']))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    held = json.loads(out)
    assert len(held) >= 1 and all(n == 1 for n in held), held
