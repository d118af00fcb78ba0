# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # 00 - The article's listing, ported line by line
#
# The article "Multimodal knowledge distillation in GNU Octave" gives its method as an Octave
# listing whose layer functions do not exist in Octave. octakd makes them exist, with the same
# names and argument order, so the listing below is the article's, line for line: the same
# variable names, the same calls in the same order, the comments translated. Two things are
# added, because the listing needs them to run:
#
# - `labels`, which the article never defines. The listing has one sample, so it gets one
#   label: class 3 of the 10 that `softmax_layer(10)` declares (octakd's labels are 0-based).
# - the measurements at the end: parameter counts, the loss before and after
#   `optimize_model`, the time and the peak memory.
#
# At full size this is a big model: the concatenation of the three branches has
# $64 \cdot 112 \cdot 112 + 64 + 64 \cdot 1 \cdot 22050 = 2{,}214{,}080$ features, so
# `dense_layer(128, 'relu')` holds 283 M weights (1.1 GB in float32), and a run takes about
# 3 minutes and 6 GB.
#
# **Fast mode.** `OCTAKD_FAST=1` (what `octakd seed --fast` sets) shrinks the inputs *and the
# model*: `imread` keeps every 8th pixel (28 x 28), `audioread` every 20th sample (2205), and
# the input layers are scaled to match, so every line below runs unchanged with a merged dense
# layer of 10.6 M weights, for 2 epochs instead of 100, in seconds. The sizes, counts and
# timings it prints are then those of the small model, not the ones quoted in this text.
# (`OCTAKD_EPOCHS=N` sets the number of epochs alone, at full size.)

# %%
import os
import resource
import time
from pathlib import Path

FAST = os.environ.get("OCTAKD_FAST") == "1"
if FAST:                 # smaller inputs and input layers: see octakd/fastmode.py
    from octakd.fastmode import small_inputs
    fast_mode = small_inputs()          # (kept in a name: it stays active until the end)
    fast_mode.__enter__()               # before the star import, which binds the names

from octakd import *

EPOCHS = int(os.environ.get("OCTAKD_EPOCHS") or (2 if FAST else 100))
here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
os.chdir(os.environ.get("OCTAKD_DATA") or here.parent / "data_samples")
t_start = time.perf_counter()

# %% [markdown]
# ## 1. Data. `imread` gives 224 x 224 x 3 uint8 and `audioread` 44100 x 1 doubles, as in Octave.

# %%
# read image data
img = imread('image.jpg')
# read text data
text = 'This is a text data'
# read audio data
audio = audioread('audio.wav')

# %% [markdown]
# ## 2. The model. Each layer call continues the branch the last input layer opened, so
# `img_branch` ends up naming the whole image branch; `concatenate_layer` joins the branches,
# and the layers after it continue the merged trunk.

# %%
# image branch
img_branch = image_input_layer(1, 3, 224, 224)
img_branch = conv2d_layer(64, 3, 3, 'same')
img_branch = relu_layer()
img_branch = max_pool2d_layer(2, 2)
# text branch
text_branch = text_input_layer(1, 100)
text_branch = dense_layer(64, 'relu')
text_branch = dropout_layer(0.5)
# audio branch
audio_branch = audio_input_layer(1, 1, 44100)
audio_branch = conv2d_layer(64, 1, 3, 'same')
audio_branch = relu_layer()
audio_branch = max_pool2d_layer(2, 2)
# merge the branches
merged = concatenate_layer([img_branch, text_branch, audio_branch])
merged = dense_layer(128, 'relu')
merged = dropout_layer(0.5)
output = softmax_layer(10)

# %% [markdown]
# ## 3. Training, distillation and optimisation. `labels` is the one line the article lacks.

# %%
labels = 3

# train the teacher
teacher_model = train_model([img, text, audio], labels, EPOCHS, 0.001)
# train the student
student_model = train_model([img, text, audio], labels, EPOCHS, 0.001, teacher_model)
# distillation loss
distillation_loss = calculate_distillation_loss(student_model, teacher_model, [img, text, audio], labels)
# optimise the student
student_model = optimize_model(student_model, distillation_loss, [img, text, audio], labels)

# %% [markdown]
# ## 4. What happened
# With one sample and one label both models learn to say "class 3". Adam moves each of the
# 283 M weights of the merged dense layer by about the learning rate (0.001) per step, so the
# logits move by thousands within a few steps and both models become certain: the distillation
# loss of two saturated models is exactly 0, and `optimize_model` has nothing left to lower.
# (In fast mode the model has 27 times fewer weights and 2 epochs: the loss printed below may
# not have reached 0; the full run is the one described here.)
# The listing shows the pipeline, not the accuracy; tutorial 04 and `octakd demo` show
# distillation doing measurable work. `optimize_model` runs L-BFGS-B (Octave's fminunc
# analogue); the model is too large for L-BFGS-B's float64 history, so it optimises the softmax
# layer on the frozen features of the layers before it (see `help(optimize_model)`).

# %%
after = calculate_distillation_loss(student_model, teacher_model, [img, text, audio], labels)
peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
print(teacher_model.summary())
print(f"teacher parameters:           {teacher_model.num_params:,}")
print(f"student parameters:           {student_model.num_params:,}")
print(f"distillation loss before:     {float(distillation_loss):.6g}  ({distillation_loss!r})")
print(f"distillation loss after:      {float(after):.6g}  ({after!r})")
print(f"optimize_model:               {student_model.optimization['scope']}, "
      f"{student_model.optimization['iterations']} L-BFGS-B iterations")
print(f"student predicts class:       {int(predict(student_model, [img, text, audio]).argmax())}")
print(f"epochs: {EPOCHS}, total time: {time.perf_counter() - t_start:.1f} s, "
      f"peak memory: {peak_gb:.2f} GB")
