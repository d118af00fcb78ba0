# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # 01 - Layers and backpropagation, by hand
#
# Every octakd layer has the same contract:
#
# ```python
# y  = layer.forward(x, training=True)   # keeps what backward needs
# dx = layer.backward(dy)                # returns dL/dx and sets layer.grads["W"], ["b"]
# ```
#
# Here we redo four layers with plain NumPy (dense, ReLU, convolution and max pooling),
# forward and backward, and check that octakd computes the same numbers. Then we put the slow,
# readable NumPy convolution kernel beside the fast Numba one and time both.
#
# Runs as a script (`python tutorials/01_layers_and_backprop.py`) or as a notebook (jupytext).
# `OCTAKD_FAST=1` only makes the timing batch of section 5 smaller (8 instead of 32 images);
# every check is the same, and the speed-up it prints is then measured on the smaller batch.

# %%
import os
import time
from pathlib import Path

import numpy as np

from octakd.layers import Conv2D, Dense, MaxPool2D, ReLU
from octakd.plotting import optional_pyplot

FAST = os.environ.get("OCTAKD_FAST") == "1"
here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
OUT = here / "out"
rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Dense: $y = xW + b$
#
# With a loss $L$ and its gradient $\delta = \partial L / \partial y$ ($N \times$ out):
#
# - $\dfrac{\partial L}{\partial W} = x^\top \delta$ (in $\times$ out): each weight collects
#   input times output gradient over the batch;
# - $\dfrac{\partial L}{\partial b} = \sum_{n} \delta_{n}$, the sum over the batch;
# - $\dfrac{\partial L}{\partial x} = \delta W^\top$ ($N \times$ in): what flows on to the
#   layer before.
#
# `backward` stores new arrays in `dense.grads` each call, so gradients you keep from one step
# are not overwritten by the next (only `train_model`'s loop reuses one buffer, for speed).

# %%
x = rng.standard_normal((4, 5))
dense = Dense(3)                      # linear; the shapes are inferred on the first forward
y = dense.forward(x)
W, b = dense.params["W"], dense.params["b"]
print("W", W.shape, "b", b.shape, "y", y.shape)
assert np.allclose(y, x @ W + b)

dy = rng.standard_normal(y.shape)     # pretend this came from the loss
dx = dense.backward(dy)
assert np.allclose(dense.grads["W"], x.T @ dy)
assert np.allclose(dense.grads["b"], dy.sum(axis=0))
assert np.allclose(dx, dy @ W.T)
print("dense: forward and backward match the formulas")

# %% [markdown]
# ## 2. ReLU: $y = \max(x, 0)$, and $\dfrac{\partial L}{\partial x} = \delta \cdot [x > 0]$
# (at exactly 0 octakd takes the subgradient 0).

# %%
relu = ReLU()
y = relu.forward(x)
dx = relu.backward(dy := rng.standard_normal(x.shape))
assert np.allclose(y, np.maximum(x, 0)) and np.allclose(dx, dy * (x > 0))
print("relu: ok")

# %% [markdown]
# ## 3. Convolution, the slow way
#
# x is (N, C, H, W), the weights are (F, C, kh, kw). With 'same' padding and stride 1, output
# pixel (p, q) of filter f is
#
# $$y_{n,f,p,q} = b_f + \sum_{c,i,j} W_{f,c,i,j}\, \tilde x_{n,c,p+i,q+j}$$
#
# where $\tilde x$ is the zero-padded input. Backward: each output gradient
# $\delta_{n,f,p,q}$ was made by one window of the input, so
#
# $$\frac{\partial L}{\partial W_{f,c,i,j}} = \sum_{n,p,q} \delta_{n,f,p,q}\, \tilde x_{n,c,p+i,q+j},
# \qquad
# \frac{\partial L}{\partial \tilde x_{n,c,p+i,q+j}} \mathrel{+}= W_{f,c,i,j}\, \delta_{n,f,p,q}$$
#
# (then crop the padding off $\partial L / \partial \tilde x$), and
# $\partial L / \partial b_f = \sum_{n,p,q} \delta_{n,f,p,q}$.

# %%
def conv_forward_loops(x, W, b):
    N, C, H, Wd = x.shape
    F, _, kh, kw = W.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    y = np.zeros((N, F, H, Wd))
    for n in range(N):
        for f in range(F):
            for p in range(H):
                for q in range(Wd):
                    y[n, f, p, q] = b[f] + np.sum(W[f] * xpad[n, :, p:p + kh, q:q + kw])
    return y


def conv_backward_loops(x, W, dy):
    N, C, H, Wd = x.shape
    F, _, kh, kw = W.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    dW, dxpad = np.zeros_like(W), np.zeros_like(xpad)
    for n in range(N):
        for f in range(F):
            for p in range(H):
                for q in range(Wd):
                    dW[f] += dy[n, f, p, q] * xpad[n, :, p:p + kh, q:q + kw]
                    dxpad[n, :, p:p + kh, q:q + kw] += dy[n, f, p, q] * W[f]
    db = dy.sum(axis=(0, 2, 3))
    return dxpad[:, :, kh // 2:kh // 2 + H, kw // 2:kw // 2 + Wd], dW, db


x = rng.standard_normal((2, 3, 6, 7))
conv = Conv2D(4, 3, 3, "same")
y = conv.forward(x)
assert np.allclose(y, conv_forward_loops(x, conv.params["W"], conv.params["b"]))
dy = rng.standard_normal(y.shape)
dx = conv.backward(dy)
dx_loops, dW_loops, db_loops = conv_backward_loops(x, conv.params["W"], dy)
assert np.allclose(dx, dx_loops) and np.allclose(conv.grads["W"], dW_loops)
assert np.allclose(conv.grads["b"], db_loops)
print("conv2d: forward and backward match the loops; y", y.shape)

# %% [markdown]
# ## 4. Max pooling: the gradient goes to the winner
#
# A $p_h \times p_w$ window with stride $(s_h, s_w)$ keeps its largest value:
#
# $$y_{n,c,p,q} = \max_{0 \le i < p_h,\ 0 \le j < p_w} x_{n,c,\,p s_h + i,\,q s_w + j}$$
#
# The max is piecewise linear: inside each window, $y$ equals one input, the winner
# $(i^*, j^*)$, and does not depend on the others. So backward routes each output gradient to
# that winner and gives the other inputs nothing; where windows overlap (stride < window),
# an input collects from every window it wins:
#
# $$\frac{\partial L}{\partial x_{n,c,\,p s_h + i^*,\,q s_w + j^*}} \mathrel{+}= \delta_{n,c,p,q}$$
#
# Ties: when several inputs share the maximum, octakd gives the whole gradient to the
# **first** one in row-major order (any single winner is a valid subgradient; splitting it
# would be too). NaN never wins.
#
# We do it by hand with the naive loops of `octakd.kernels.pool_numpy`
# (`maxpool2d_forward_naive`, `maxpool2d_backward_naive`: one window at a time, the code
# printed below), and compare them with the `MaxPool2D` layer, which calls the vectorised
# kernel. The input has ties on purpose.

# %%
import inspect

from octakd.kernels.pool_numpy import (_window_winner, maxpool2d_backward_naive,
                                       maxpool2d_forward_naive)

print(inspect.getsource(_window_winner))
print(inspect.getsource(maxpool2d_backward_naive))

x = np.array([[[[1.0, 3.0, 3.0, 0.0],
                [3.0, 2.0, -1.0, 0.5],
                [0.0, 4.0, 2.0, 2.0],
                [1.0, -2.0, 2.0, 2.0]]]])      # ties: two 3s in the first window, four 2s in the last
pool = MaxPool2D(2, 2)
y = pool.forward(x)
dy = np.array([[[[10.0, 20.0], [30.0, 40.0]]]])
dx = pool.backward(dy)
y_loops = maxpool2d_forward_naive(x, (2, 2), (2, 2))
dx_loops = maxpool2d_backward_naive(dy, x, (2, 2), (2, 2))
print("input\n", x[0, 0])
print("pooled (layer)\n", y[0, 0])
print("dx by hand (naive loops): each dy at its window's first maximum\n", dx_loops[0, 0])
assert np.array_equal(y, y_loops) and np.array_equal(dx, dx_loops)
assert dx_loops[0, 0, 0, 1] == 10.0 and dx_loops[0, 0, 1, 0] == 0.0    # the first 3 wins
assert dx_loops[0, 0, 2, 2] == 40.0 and dx_loops[0, 0, 3, 3] == 0.0    # the first 2 wins

# Overlapping windows (3x3, stride 2) on random input: the loops and the layer agree.
x = rng.standard_normal((2, 3, 7, 9))
pool = MaxPool2D(3, 2)
y = pool.forward(x)
dy = rng.standard_normal(y.shape)
assert np.allclose(maxpool2d_forward_naive(x, (3, 3), (2, 2)), y)
assert np.allclose(maxpool2d_backward_naive(dy, x, (3, 3), (2, 2)), pool.backward(dy))
print("max pooling: forward and backward match the loops, ties included")

# %% [markdown]
# ## 5. The NumPy kernel beside the Numba kernel
#
# Layers call `octakd.kernels`, which has two backends with the same signatures:
# `conv_numpy` (short loops over the kernel taps: readable, and the oracle of the tests) and
# `conv_numba` (im2col plus one BLAS matrix product, compiled with Numba). Same numbers,
# different speed. The first Numba call may include compilation (cached on disk afterwards),
# so we time the best of several calls.

# %%
from octakd.kernels import conv_numba, conv_numpy


def best_time(fn, *args, repeats=5):
    best = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t)
    return best


N = 8 if FAST else 32
x = rng.standard_normal((N, 16, 16, 16)).astype(np.float32)
w = rng.standard_normal((32, 16, 3, 3)).astype(np.float32)
b = np.zeros(32, np.float32)
stride, pads = (1, 1), (1, 1, 1, 1)
y_np = conv_numpy.conv2d_forward(x, w, b, stride, pads)
y_nb = conv_numba.conv2d_forward(x, w, b, stride, pads)
print("max |numpy - numba| =", float(np.max(np.abs(y_np - y_nb))))
assert np.allclose(y_np, y_nb, rtol=1e-4, atol=1e-4)

dy = rng.standard_normal(y_np.shape).astype(np.float32)
rows = []
for name, mod in (("numpy", conv_numpy), ("numba", conv_numba)):
    t_f = best_time(mod.conv2d_forward, x, w, b, stride, pads)
    t_x = best_time(mod.conv2d_backward_input, dy, w, x.shape, stride, pads)
    t_w = best_time(mod.conv2d_backward_weight, dy, x, w.shape, stride, pads)
    rows.append((name, t_f, t_x, t_w))
print(f"conv 3x3 'same', x {x.shape}, w {w.shape} (float32, best of 5)")
print(f"{'backend':<8}{'forward':>12}{'grad input':>12}{'grad weight':>13}")
for name, *ts in rows:
    print(f"{name:<8}" + "".join(f"{1e3 * t:10.2f} ms" for t in ts))
print(f"numba is {rows[0][1] / rows[1][1]:.1f}x faster on the forward pass here "
      f"(numbers vary with the machine and its load)")

# %% [markdown]
# ## 6. A picture (when matplotlib is there): the 4 filters of the conv layer above and
# their outputs on one input channel.

# %%
plt = optional_pyplot(OUT)        # None without matplotlib: then no plot
if plt is not None:
    fig, axes = plt.subplots(2, 4, figsize=(8, 4))
    img = rng.standard_normal((1, 3, 6, 7))
    out = conv.forward(img)
    for f in range(4):
        axes[0, f].imshow(conv.params["W"][f, 0], cmap="RdBu")
        axes[0, f].set_title(f"filter {f}, channel 0", fontsize=8)
        axes[1, f].imshow(out[0, f], cmap="viridis")
        axes[1, f].set_title(f"output map {f}", fontsize=8)
        for ax in axes[:, f]:
            ax.axis("off")
    fig.tight_layout()
    fig.savefig(OUT / "01_conv_filters.png", dpi=100)
    print("saved", OUT / "01_conv_filters.png")
