# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # 02 - Gradient checking
#
# Backpropagation code is easy to get almost right. A gradient check compares the analytic
# gradient (what `backward` returns) with a numerical one, from centred differences:
#
# $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h},
# \qquad h = 10^{-5}$$
#
# and reports cs231n's relative error, taken over the whole array:
#
# $$\mathrm{rel\_error}(a, b) = \frac{\max_i |a_i - b_i|}{\max\left(10^{-8},\ \max_i (|a_i| + |b_i|)\right)}$$
#
# To check a layer, `octakd.gradcheck.check_layer` turns its output into a scalar
# $L = \sum y \odot R$ with a fixed random $R$ (so $\partial L / \partial y = R$ reaches every
# output) and checks $\partial L / \partial x$ and every parameter. $R$ comes from a generator of
# its own: drawn from `default_rng(0)` like the inputs, it would equal $x$, and for a layer such
# as BatchNorm $\sum y \odot x$ has a gradient of almost 0, where rounding noise fails a correct
# layer. Always in float64 (the checker casts, with a note): in float32 the rounding error of
# $f$ alone is about $6 \cdot 10^{-8} |f|$, and dividing it by $2h$ leaves the numerical
# gradient with errors of $10^{-5}$ to $10^{-2}$, far above the thresholds (section 3 shows it).
# `octakd.gradcheck.gradcheck_layer` gives the same check with a verdict per array, and
# `octakd gradcheck FILE.py:Class --input-shape N,C,H,W` runs it on your own layer file.
#
# Contents: (1) exercise: find the bug in a broken backward pass; (2) check every octakd
# layer; (3) what the thresholds mean, and why kinks (ReLU, max) need a looser one.
#
# `OCTAKD_FAST=1` changes nothing here: every check runs at full size (a few seconds).

# %%
import os
from pathlib import Path

import numpy as np

from octakd import gradcheck
from octakd.gradcheck import SMOOTH, check_layer, numerical_gradient, rel_error
from octakd.plotting import optional_pyplot

FAST = os.environ.get("OCTAKD_FAST") == "1"
here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
OUT = here / "out"
rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. Exercise: find the bug
#
# Below is a dense layer with a tanh activation, written from scratch with the layer contract
# (`params`, `grads`, `forward`, `backward`). Its backward pass has one deliberate bug. Run the
# check, see which gradients are wrong, and find the line before reading the answer.

# %%
class TanhDense:
    """y = tanh(x W + b)."""

    def __init__(self, n_in, n_out, seed=0):
        r = np.random.default_rng(seed)
        self.params = {"W": r.standard_normal((n_in, n_out)) / np.sqrt(n_in), "b": r.standard_normal(n_out)}
        self.grads = {}

    def forward(self, x, training=False):
        self.x = x
        self.z = x @ self.params["W"] + self.params["b"]
        self.a = np.tanh(self.z)
        return self.a

    def backward(self, dy):
        dz = dy * (1 - self.z ** 2)            # <- look here
        self.grads["W"] = self.x.T @ dz
        self.grads["b"] = dz.sum(axis=0)
        return dz @ self.params["W"].T


x = rng.standard_normal((5, 4))
errors = check_layer(TanhDense(4, 3), x)
print("broken layer:", {k: f"{v:.1e}" for k, v in errors.items()})
assert max(errors.values()) > 1e-3          # far above any threshold: every gradient is wrong

# %% [markdown]
# Every gradient (dx, W and b) is wrong, so the bug sits in what they share: `dz`. The
# derivative of tanh is $1 - \tanh^2 z = 1 - a^2$, but the code wrote $1 - z^2$. The fix:

# %%
class FixedTanhDense(TanhDense):
    def backward(self, dy):
        dz = dy * (1 - self.a ** 2)
        self.grads["W"] = self.x.T @ dz
        self.grads["b"] = dz.sum(axis=0)
        return dz @ self.params["W"].T


errors = check_layer(FixedTanhDense(4, 3), x)
print("fixed layer: ", {k: f"{v:.1e}" for k, v in errors.items()})
assert max(errors.values()) < SMOOTH

# %% [markdown]
# More exercises in the same spirit (each bug shows a different pattern in the errors):
#
# - `self.grads["b"] = dz.mean(axis=0)`: only b is wrong, by a factor $N$ (relative error
#   $(N - 1) / (N + 1)$, 0.67 for $N = 5$);
# - `return dz @ self.params["W"]` with a square W: only dx is wrong;
# - modifying `dy` in place (`dy *= ...`): the numbers may even be right, but the layer before
#   (or a branch sharing `dy`) then gets a wrong gradient. The centred differences cannot see
#   that, so `gradcheck_layer` tests it separately and refuses such a layer, naming it.

# %%
class MeanBiasDense(FixedTanhDense):
    def backward(self, dy):
        dx = super().backward(dy)
        self.grads["b"] = self.grads["b"] / len(dy)
        return dx


errors = check_layer(MeanBiasDense(4, 3), x)
print("mean instead of sum for b:", {k: f"{v:.1e}" for k, v in errors.items()})
assert errors["b"] > 0.5 and errors["W"] < SMOOTH


class InPlaceDense(FixedTanhDense):
    def backward(self, dy):
        dy *= 1 - self.a ** 2                  # modifies the caller's array
        self.grads["W"] = self.x.T @ dy
        self.grads["b"] = dy.sum(axis=0)
        return dy @ self.params["W"].T


try:
    gradcheck.gradcheck_layer(InPlaceDense(4, 3), x)
    raise AssertionError("the in-place backward was not caught")
except gradcheck.GradcheckError as exc:
    print("dy modified in place:", exc)

# %% [markdown]
# ## 2. Check every octakd layer
#
# `octakd.gradcheck.suite()` checks every layer (several conv geometries, ReLU, three pooling
# cases, dense with each activation, dropout with its mask held fixed, concatenate, softmax),
# the two losses (cross-entropy, and the distillation loss at T = 1, 4 and 20) and a whole
# three-branch network, with both losses. The command `octakd gradcheck` prints the same table.

# %%
rows = gradcheck.suite(seed=0)
print(gradcheck.format_table(rows))
assert all(err <= limit for _, err, limit in rows)

# %% [markdown]
# ## 3. The thresholds
#
# - `SMOOTH = 1e-6` for smooth functions (conv, dense, softmax, the losses). Centred
#   differences have an error of order $h^2 f''' \approx 10^{-10}$, and float64 rounding adds
#   about $10^{-16} |f| / h \approx 10^{-11}$; a correct layer lands around
#   $10^{-9}$ to $10^{-11}$, a wrong one at $10^{-2}$ to 1.
# - `KINK = 1e-4` for ReLU and max pooling (and networks that contain them). If $x_i$ is closer
#   than $h$ to a kink (ReLU at 0, a tie in a pooling window), the two evaluations
#   $f(x + h e_i)$ and $f(x - h e_i)$ sit on different sides and the difference quotient
#   averages two slopes.
#   That happens rarely with random inputs, so the error is usually still tiny, but an
#   unlucky input can push it up: the looser threshold keeps such a correct layer from failing.
#
# We can provoke a kink: put one ReLU input at $0.3h$ from 0.

# %%
from octakd.layers import ReLU

relu = ReLU()
xk = rng.standard_normal((2, 6))
xk[0, 0] = 0.3e-5
errors_kink = check_layer(relu, xk)
xk[0, 0] = 0.5                                  # away from the kink
errors_far = check_layer(relu, xk)
print(f"ReLU, an input 3e-6 from the kink: {errors_kink['dx']:.1e};  all inputs away from it: "
      f"{errors_far['dx']:.1e}")
assert errors_kink["dx"] > errors_far["dx"]

# %% [markdown]
# And the step size $h$: too large and the truncation error ($O(h^2)$) dominates; too small
# and rounding error ($O(\varepsilon / h)$) does. The error of the numerical derivative of
# $\tanh$ at $x = 0.7$, against the exact $1 - \tanh^2 0.7$, has its minimum near
# $h = 10^{-5}$ in float64:

# %%
xs = np.array([0.7])
exact = 1 - np.tanh(0.7) ** 2
hs = 10.0 ** -np.arange(1, 13)
errs = [rel_error(numerical_gradient(lambda: float(np.tanh(xs[0])), xs, h), [exact]) for h in hs]
errs32 = []
xs32 = np.array([0.7], dtype=np.float32)
for h in hs:
    errs32.append(rel_error(numerical_gradient(lambda: float(np.tanh(xs32)[0]), xs32,
                                               np.float32(h)), [exact]))
for h, e, e32 in zip(hs, errs, errs32):
    print(f"h = {h:.0e}:  float64 error {e:.1e}   float32 error {e32:.1e}")

plt = optional_pyplot(OUT)        # None without matplotlib: then no plot
if plt is not None:
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.loglog(hs, np.maximum(errs, 1e-17), marker="o", label="float64")
    ax.loglog(hs, np.maximum(errs32, 1e-17), marker="s", label="float32")
    ax.axhline(SMOOTH, color="grey", linestyle="--", label="SMOOTH threshold")
    ax.set(xlabel="step h", ylabel="relative error", title="centred differences: choosing h")
    ax.invert_xaxis()
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "02_step_size.png", dpi=100)
    print("saved", OUT / "02_step_size.png")
