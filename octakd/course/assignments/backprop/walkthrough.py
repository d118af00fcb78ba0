# %% [markdown]
# # Backpropagation by hand
# A numerical gradient check compares your backward pass with centred differences,
# $\frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}$, $h = 10^{-5}$,
# by the relative error $\max_i |a_i - b_i| / \max(10^{-8}, \max_i (|a_i| + |b_i|))$.

# %%
import numpy as np
from octakd.course.checks import rel_error_function
from layers import dense_backward, dense_forward

rng = np.random.default_rng(1)
x, w, b = rng.standard_normal((4, 5)), rng.standard_normal((5, 3)), rng.standard_normal(3)
dy = rng.standard_normal((4, 3))
try:
    _, cache = dense_forward(x, w, b)
    dx, dw, db = dense_backward(dy, cache)
    print("dw relative error:", rel_error_function(lambda _: np.sum(dense_forward(x, w, b)[0] * dy), w, dw))
except NotImplementedError as exc:
    print("not written yet:", exc)
