"""Splitting a batch's images between threads, for the conv kernels where that pays.

The conv kernels (conv_numba.py, lean_numba.py) work image by image: an im2col copy, a GEMM, a
col2im or a ReLU/pool pass. With one thread all of it runs in the caller. With more, the GEMMs
alone would run on OpenBLAS's threads and everything around them would stay serial: on the
benchmark's conv case b (N=32, C=32, 16x16 -> 64, 3x3) two BLAS threads took the forward from
5.2 to only 3.5 ms, because im2col, the padding and the per-image calls were still one thread's.
So when BLAS may use T >= 2 threads, ``split_images`` gives each of T threads its own slice of
the images, to do *all* of their work (copies and GEMMs), with BLAS held at one thread meanwhile
so that the two kinds of thread never compete for the cores.

What makes this safe:

- the slices are disjoint, so the threads write disjoint parts of the shared outputs; any scratch
  a thread needs besides those is its own (conv_numba's scratch is per thread);
- the Numba kernels a slice runs are compiled with ``nogil=True`` and ``np.matmul`` releases the
  GIL, so the threads really run at the same time;
- every image's arithmetic is the same as in one thread (the same GEMM per image or per block of
  columns, the same copies): results do not depend on the thread count;
- one split at a time (a lock): a second caller, e.g. a user's own thread, runs its work serially
  instead of waiting, and the BLAS thread count it sees is never the temporary 1;
- the BLAS thread count is restored when the split ends, also when a slice raises (after every
  slice has finished, so no thread is still writing).

The thread budget is the BLAS thread count in force (``OPENBLAS_NUM_THREADS``, threadpoolctl's
``threadpool_limits``, or the number of cores): a user who limits BLAS to one thread, as
``octakd demo`` does, gets no extra threads from here either.

When a split does not pay:

- small work: handing a slice to a worker thread and waiting for it costs about 80 µs on the
  2-core benchmark machine, so a split needs ``cost`` >= MIN_SPLIT_COST (in multiply-adds plus
  a few per element copied; ``split_cost``). The demo's convs at batch 32 stay in
  one thread; at batch 256, or on the benchmark's conv cases, they split.
- right after a threaded BLAS call: OpenBLAS's idle threads keep spinning for a while (about
  0.1 s) waiting for more work, on the very cores the slices need. Measured: a split conv
  forward of case b that takes 2.8 ms took 5-7 ms after a 512 x 512 product on two BLAS
  threads. So a run of kernels in which BLAS would run threaded in between (the lean path's
  dense layers) either holds BLAS at one thread for the whole run (``hold_blas``: the splits
  inside use the thread budget it put aside) or does not split at all (``serial``);
  lean_threads.py decides which, per network.
"""
import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor, wait

MIN_SPLIT_COST = 1 << 24

_blas_libs = None            # threadpoolctl controllers of the loaded BLAS libraries ([] if none)
_pool = None                 # the worker threads (T - 1 of them; the caller is the T-th)
_pool_size = 0
_split_lock = threading.Lock()
_held = 0                    # the thread budget put aside by hold_blas (0: no hold)
_serial = 0                  # > 0 inside serial(): no splits, no tasks run together


def _libs():
    """The BLAS libraries threadpoolctl finds in this process (looked up once: the lookup
    walks the loaded shared objects and costs about a millisecond)."""
    global _blas_libs
    if _blas_libs is None:
        try:
            # Numba's np.dot (winograd_numba.py) calls the BLAS that SciPy ships, a library of
            # its own beside NumPy's: load it first, so that holding BLAS at one thread holds both.
            import scipy.linalg.cython_blas  # noqa: F401
        except ImportError:
            pass
        try:
            from threadpoolctl import ThreadpoolController
            _blas_libs = list(ThreadpoolController().select(user_api="blas").lib_controllers)
        except Exception:            # threadpoolctl missing or unable to read this platform
            _blas_libs = []
    return _blas_libs


def blas_threads():
    """How many threads BLAS may use now (the largest count among the loaded BLAS libraries);
    1 when that cannot be found out. Inside ``hold_blas`` it is the count before the hold."""
    if _held:
        return _held
    counts = [lib.get_num_threads() for lib in _libs()]
    counts = [c for c in counts if isinstance(c, int) and c > 0]
    return max(counts) if counts else 1


def _workers(n):
    """The executor, with at least ``n`` worker threads."""
    global _pool, _pool_size
    if _pool is None or _pool_size < n:
        if _pool is not None:
            _pool.shutdown(wait=True)
        _pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="octakd-kernel")
        _pool_size = n
    return _pool


def _forget_pool():
    """In a forked child the parent's worker threads do not exist: start afresh."""
    global _pool, _pool_size, _split_lock, _held, _serial
    _pool, _pool_size, _split_lock, _held, _serial = None, 0, threading.Lock(), 0, 0


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def split_cost(N, K, F, P):
    """The work of one conv pass (forward, dx or dW) over N images, K = C*kh*kw, F filters,
    P output pixels, in multiply-adds plus 8 for each element of cols and of the output that
    is copied or passed over: N*P*((K+1)*F + 8*(K+1+F)). threads.split_images splits it
    between threads only from MIN_SPLIT_COST up."""
    return N * P * ((K + 1) * F + 8 * (K + 1 + F))


def image_slices(N, parts):
    """``parts`` contiguous slices (lo, hi) of range(N), sizes differing by at most one."""
    bounds = [N * i // parts for i in range(parts + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(parts)]


def split_images(work, N, cost):
    """Call ``work(lo, hi)`` on slices of the N images that together cover range(N) once.

    One call ``work(0, N)`` in the caller's thread when BLAS has one thread, when N < 2, when
    the work's ``cost`` is below MIN_SPLIT_COST or when threads are already in use (another
    split, or ``run_together``); otherwise T = min(BLAS threads, N) slices run at the same
    time, as ``run_together`` runs them."""
    parts = min(blas_threads(), N)
    if parts < 2 or cost < MIN_SPLIT_COST or _serial:
        work(0, N)
        return
    slices = image_slices(N, parts)
    if not run_together([lambda lo=lo, hi=hi: work(lo, hi) for lo, hi in slices]):
        work(0, N)


def run_together(tasks):
    """Run the callables ``tasks`` at the same time, the first in the caller's thread and each
    other on a worker thread, with BLAS at one thread until all have finished; returns True.
    Returns False without running anything when BLAS has one thread or threads are already in
    use (a split or run_together in progress, in this thread or another): the caller then does
    the work itself, serially. An exception of any task is raised here, after all tasks have
    stopped."""
    if len(tasks) < 2 or _serial or blas_threads() < 2 or not _split_lock.acquire(blocking=False):
        return False
    libs = [] if _held else _libs()           # under hold_blas, BLAS is at one thread already
    try:
        before = _one_blas_thread(libs)
        try:
            futures = [_workers(len(tasks) - 1).submit(task) for task in tasks[1:]]
            try:
                tasks[0]()
            finally:
                wait(futures)
            for f in futures:
                f.result()                       # re-raises a worker's exception
        finally:
            _restore(libs, before)
    finally:
        _split_lock.release()
    return True


def _one_blas_thread(libs):
    """Set every library of ``libs`` to one thread; returns their thread counts before."""
    before = [lib.get_num_threads() for lib in libs]
    for lib in libs:
        lib.set_num_threads(1)
    return before


def _restore(libs, before):
    for lib, n in zip(libs, before):
        lib.set_num_threads(n)


@contextlib.contextmanager
def hold_blas():
    """BLAS at one thread inside the block, its thread count set aside as the budget of the
    splits inside (see the module docstring); restored on the way out. Nested or concurrent
    holds leave it to the first one; with one BLAS thread it does nothing."""
    global _held
    budget = blas_threads()
    if _held or budget < 2 or not _split_lock.acquire(blocking=False):
        yield
        return
    libs = _libs()
    try:
        before = _one_blas_thread(libs)
        _held = budget
    finally:
        _split_lock.release()
    try:
        yield
    finally:
        _held = 0
        _restore(libs, before)


@contextlib.contextmanager
def serial():
    """No splits and no tasks run together inside the block (from any thread): the kernels run
    as on one thread, with BLAS keeping its own threads. For runs where BLAS is threaded in
    between (a dense-heavy network: lean_threads), whose idle BLAS threads would spin on the
    cores a split needs."""
    global _serial
    _serial += 1
    try:
        yield
    finally:
        _serial -= 1
