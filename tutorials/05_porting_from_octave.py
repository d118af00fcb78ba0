# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # 05 - Porting from Octave
#
# octakd's API mirrors the article's Octave pseudo-API, so most lines port one to one. The
# differences are the usual Octave/NumPy ones. Side by side:
#
# | Octave | octakd / NumPy | note |
# |---|---|---|
# | labels `1..10` | labels `0..9` | `labels - 1`; octakd's error says so when it sees 1..K |
# | `img` is H x W x C (`imread`) | layers take it as is; arrays are N x C x H x W | `image_input_layer` transposes H x W x C |
# | `reshape(x, m, n)` (column-major) | `x.reshape(m, n, order='F')` | NumPy's default is row-major |
# | `x(:)` | `x.ravel(order='F')` | |
# | `[img, text, audio]` (a cell of inputs) | `[img, text, audio]` (a list) | or a dict keyed by modality |
# | `[y, fs] = audioread(f)` | `y, fs = audioread(f, return_fs=True)` or `y.fs` | `y` is samples x channels doubles, as in Octave |
# | `size(x)`, `size(x, 1)`, `numel(x)` | `x.shape`, `x.shape[0]`, `x.size` | 0-based axes |
# | `x(1)`, `x(end)` | `x[0]`, `x[-1]` | |
# | `fminunc(@(w) cost(w), w0)` | `optimize_model(model, loss, inputs, labels)` | L-BFGS-B on the distillation loss, exact gradients |
# | `save -v7 student.mat` / `load student.mat` | `save_model(model, 'student.mat')` / `load_model(...)` | the .mat opens in Octave |
#
# Whole scripts: `octakd port script.m` translates an Octave script line by line and
# `octakd run script.m` runs it (docs/porting.md); a script can call your own registered
# layers with `octakd run script.m --layers mylayers.py`. Below, each row of the table in code.
#
# `OCTAKD_FAST=1` uses 40 samples instead of 200 and 5 L-BFGS-B iterations instead of 30; this
# tutorial shows conversions, not accuracies, so nothing it says depends on the mode.

# %%
import os
import tempfile
from pathlib import Path

import numpy as np

from octakd import *
from octakd.datasets import make_multimodal_digits

FAST = os.environ.get("OCTAKD_FAST") == "1"
here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
samples = Path(os.environ.get("OCTAKD_DATA") or here.parent / "data_samples")

# %% [markdown]
# ## Labels are 0-based
# Octave code usually numbers classes 1..K. octakd wants 0..K-1, and says so:

# %%
new_network("tiny")
image_input_layer(1, 1, 8, 8)
dense_layer(8, "relu")
softmax_layer(3)
x = np.random.default_rng(0).standard_normal((6, 1, 8, 8))
octave_labels = np.array([1, 2, 3, 1, 2, 3])
try:
    train_model(x, octave_labels, 1, 0.01, verbose=False)
except LabelError as err:
    print("LabelError:", err)
model = train_model(x, octave_labels - 1, 1, 0.01, verbose=False)
print("with labels - 1 it trains:", model)

# %% [markdown]
# ## Images: H x W x C from imread, N x C x H x W inside
# `imread` returns what Octave returns (H x W x C uint8); an image input layer accepts it
# directly and scales uint8 to [0, 1]. To build a batch yourself, transpose:

# %%
img = imread(str(samples / "image.jpg"))
print("imread:", img.shape, img.dtype, " size(img) in Octave:", img.shape, " numel:", img.size)
batch = np.transpose(img, (2, 0, 1))[None].astype(np.float32) / 255   # 1 x C x H x W
print("as a batch:", batch.shape)

# %% [markdown]
# ## Column-major reshape
# Octave fills matrices column by column. The same reshape in NumPy needs `order='F'`:

# %%
v = np.arange(1, 7)                  # Octave: v = 1:6
print("Octave reshape(v, 2, 3) =\n", v.reshape(2, 3, order="F"))
print("NumPy's default v.reshape(2, 3) is row-major =\n", v.reshape(2, 3))
m = v.reshape(2, 3, order="F")
print("Octave m(:)' =", m.ravel(order="F"))

# %% [markdown]
# ## Audio and its sample rate
# `[y, fs] = audioread('audio.wav')` becomes either form below; `y` keeps Octave's
# samples x channels shape and float64 values.

# %%
y, fs = audioread(str(samples / "audio.wav"), return_fs=True)
y2 = audioread(str(samples / "audio.wav"))
print("audioread:", y.shape, y.dtype, "fs =", fs, "(also y.fs =", y2.fs, ")")

# %% [markdown]
# ## Inputs: the seed's `[img, text, audio]`
# A list with one entry per input layer, in the order the input layers were created; or a dict
# keyed by modality, which does not depend on the order. The built-in data set gives both.

# %%
data = make_multimodal_digits(40 if FAST else 200, seed=0)
new_network("three branches")
img_branch = image_input_layer(1, 1, 16, 16)
img_branch = conv2d_layer(4, 3, 3, "same")
img_branch = relu_layer()
img_branch = max_pool2d_layer(4, 4)
text_branch = text_input_layer(1, 32)
text_branch = dense_layer(8, "relu")
audio_branch = audio_input_layer(1, 1, 256)
audio_branch = conv2d_layer(4, 1, 9, "same")
audio_branch = relu_layer()
audio_branch = max_pool2d_layer(8, 8)
merged = concatenate_layer([img_branch, text_branch, audio_branch])
output = softmax_layer(10)
teacher_model = train_model(data.inputs, data.labels, 2, 0.003, verbose=False)   # a list
same = evaluate(teacher_model, data.as_dict(), data.labels)                     # or a dict
print("accuracy with the list:", evaluate(teacher_model, data.inputs, data.labels),
      " with the dict:", same)

# %% [markdown]
# ## fminunc -> optimize_model
# Octave would minimise a cost function over a weight vector with `fminunc`. octakd's
# `optimize_model` does that over the student's flat parameter vector with SciPy's L-BFGS-B,
# on the distillation loss (the analogue of the article's last step), and never returns a
# higher loss than it was given.

# %%
new_network("student")
image_input_layer(1, 1, 16, 16)
dense_layer(8, "relu")
softmax_layer(10)
student_model = train_model(data.inputs, data.labels, 2, 0.003, teacher_model, verbose=False)
distillation_loss = calculate_distillation_loss(student_model, teacher_model, data.inputs, data.labels)
student_model = optimize_model(student_model, distillation_loss, data.inputs, data.labels,
                               max_iter=5 if FAST else 30)
print(student_model.optimization)

# %% [markdown]
# ## save -v7 / load -> save_model / load_model
# The .mat file holds every weight as a matrix and the layer names as a cell array, so
# GNU Octave's `load student.mat` reads it; `load_model` rebuilds a model with identical
# predictions.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "student.mat")
    save_model(student_model, path)
    again = load_model(path)
    same = np.array_equal(predict(again, data.inputs), predict(student_model, data.inputs))
    import scipy.io
    print("saved", os.path.getsize(path), "bytes; variables:",
          sorted(k for k in scipy.io.loadmat(path) if not k.startswith("__"))[:8], "...")
    print("load_model gives identical predictions:", same)
    assert same
