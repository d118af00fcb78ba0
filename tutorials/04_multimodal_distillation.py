# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # 04 - Multimodal and cross-modal distillation
#
# The article's idea: a teacher that sees several modalities (image, text, audio) uses their
# complementary information, and a light student learns from it. This tutorial measures that
# on octakd's built-in data set (`octakd.datasets.make_multimodal_digits`), where every
# sample is a digit 0-9 seen three ways (a drawn glyph, a short phrase, the telephone tone
# pair), and each modality is made uninformative on 30 % of the samples, independently:
#
# 1. the data; 2. modality complementarity: one teacher per modality against the fused
# teacher; 3. the compact student, alone and distilled; 4. cross-modal students: a student
# that sees one modality only, distilled from the three-modality teacher.
#
# The same experiment, over 3 seeds and with timings, is `octakd demo`.
#
# **Fast mode.** `OCTAKD_FAST=1` shrinks the data (600 samples), the labels (5 per class) and
# the epochs. It only shows that every cell runs: the accuracies it prints mean nothing, and
# may contradict the text, which describes the full run (recorded in docs/results.md).

# %%
import os
import time
from pathlib import Path

import numpy as np

from octakd import evaluate, predict, train_model
from octakd.datasets import MODALITIES, make_multimodal_digits
from octakd.demo import features, single_threaded, student_network, teacher_network
from octakd.plotting import optional_pyplot

FAST = os.environ.get("OCTAKD_FAST") == "1"
here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
OUT = here / "out"
N, POOL = (600, 200) if FAST else (4000, 3000)
TEACHER_EPOCHS, STUDENT_EPOCHS, ALONE_EPOCHS = (2, 2, 4) if FAST else (10, 20, 60)
plt = optional_pyplot(OUT)        # None without matplotlib: then no plots
threads = single_threaded()      # small batches: one BLAS thread is faster (see octakd/demo.py)
threads.__enter__()
t_start = time.perf_counter()

# %% [markdown]
# ## 1. The data
#
# `data.inputs` is the seed's `[image, text, audio]` list; `data.corrupted[m]` says where
# modality m was made uninformative. The audio is 256 samples at 4 kHz (64 ms): the DTMF row
# tone (697-941 Hz) and column tone (1209-1477 Hz) of the digit's telephone key.

# %%
data = make_multimodal_digits(N, seed=0)
train, test = data.split(0.25, seed=0)
pool = make_multimodal_digits(POOL, seed=1)          # unlabelled data, for distillation
print(data)
for i in range(6):
    flags = ", ".join(m for m in MODALITIES if data.corrupted[m][i]) or "none"
    print(f"label {data.labels[i]}  text {data.text[i]!r:34}  uninformative: {flags}")

if plt is not None:
    fig, axes = plt.subplots(2, 6, figsize=(11, 3.8))
    for i in range(6):
        axes[0, i].imshow(data.image[i, 0], cmap="gray")
        axes[0, i].set_title(f"{data.labels[i]}: {data.text[i][:18]}", fontsize=7)
        axes[0, i].axis("off")
        spec = np.abs(np.fft.rfft(data.audio[i, 0, 0]))
        axes[1, i].plot(np.fft.rfftfreq(256, 1 / data.fs), spec)
        axes[1, i].set_xlabel("Hz", fontsize=7)
        axes[1, i].tick_params(labelsize=6)
    fig.tight_layout()
    fig.savefig(OUT / "04_samples.png", dpi=100)
    plt.close(fig)

# %% [markdown]
# ## 2. Modality complementarity
#
# The teacher's architecture, trained with every training label on one modality at a time and
# on all three. A single modality cannot beat about $0.7 + 0.3 / 10 = 73\,\%$ (it is
# uninformative on 30 % of the samples, where guessing gets 10 %); all three together are
# uninformative on only $0.3^3 = 2.7\,\%$ of the samples. The right-hand columns split the test
# set by whether that modality was informative.

# %%
X, T = features(train), features(test)
pick = {m: k for k, m in enumerate(MODALITIES)}
rows = []
teachers = {}
for mods in (("image",), ("text",), ("audio",), MODALITIES):
    inputs = {m: X[pick[m]] for m in mods}
    model = train_model(inputs, train.labels, TEACHER_EPOCHS, 0.002,
                        network=teacher_network(mods), seed=0, verbose=False)
    teachers[mods] = model
    pred = predict(model, {m: T[pick[m]] for m in mods}).argmax(axis=1)
    right = pred == test.labels
    if len(mods) == 1:
        bad = test.corrupted[mods[0]]
        split = f"{100 * right[~bad].mean():5.1f} | {100 * right[bad].mean():5.1f}"
    else:
        bad = test.corrupted["image"] & test.corrupted["text"] & test.corrupted["audio"]
        split = f"{100 * right[~bad].mean():5.1f} | {100 * right[bad].mean():5.1f} (all three uninformative)"
    rows.append(f"| {'+'.join(mods)} | {model.num_params:,} | {100 * right.mean():.1f} | {split} |")
print("| teacher on | parameters | test accuracy % | informative % \\| uninformative % |")
print("|---|---:|---:|---|")
print("\n".join(rows))
teacher = teachers[MODALITIES]

# %% [markdown]
# ## 3. The compact student
#
# The student has about 20x fewer parameters and is several times faster (strided
# convolutions, a small dense layer). The setting is limited labels for the student: it has 50
# labels per class (5 in fast mode); the teacher was trained with all of them. Distilled, it
# learns from the teacher's logits on the training inputs and on an unlabelled pool, with the
# loss $L = \alpha T^2\, \mathrm{KL}(p^T_{\text{teacher}} \| p^T_{\text{student}}) + (1 - \alpha)\,
# \mathrm{CE}$ of tutorial 03; the hard term uses the student's own label where it has one,
# else the teacher's top class.

# %%
labelled = train.per_class_mask(5 if FAST else 50, seed=0)
lab = train.subset(labelled)
L = features(lab)
transfer = [np.concatenate([a, b]) for a, b in zip(X, features(pool))]
y_transfer = predict(teacher, transfer).argmax(axis=1)      # the hard term: teacher's top class
y_transfer[:len(train)][labelled] = train.labels[labelled]  # ... or the student's own label

alone = train_model(L, lab.labels, ALONE_EPOCHS, 0.002, network=student_network(), seed=0,
                    verbose=False)
student = train_model(transfer, y_transfer, STUDENT_EPOCHS, 0.002, teacher,
                      network=student_network(), temperature=4.0, alpha=0.9, seed=0, verbose=False)
for name, model in (("teacher", teacher), ("student alone", alone), ("student distilled", student)):
    print(f"{name:<18} {model.num_params:>8,} parameters   test accuracy "
          f"{100 * evaluate(model, T, test.labels):5.1f} %")

# %% [markdown]
# ## 4. Cross-modal students
#
# A student with only an image branch (or only an audio branch) distilled from the
# three-modality teacher. `train_model` matches inputs by modality: the student is given the
# teacher-ordered `[image, text, audio]` list and takes its own entry; `predict` and
# `evaluate` do the same afterwards (the model remembers `input_order`).

# %%
cross = []
for m in ("image", "audio", "text"):
    own = train_model({m: L[pick[m]]}, lab.labels, ALONE_EPOCHS, 0.002,
                      network=student_network((m,)), seed=0, verbose=False)
    kd = train_model(transfer, y_transfer, STUDENT_EPOCHS, 0.002, teacher,
                     network=student_network((m,)), seed=0, verbose=False)
    assert kd.input_order == list(MODALITIES)
    cross.append((m, evaluate(own, {m: T[pick[m]]}, test.labels), evaluate(kd, T, test.labels)))
    print(f"{m}-only student: alone {100 * cross[-1][1]:5.1f} %,  distilled from the 3-modality "
          f"teacher {100 * cross[-1][2]:5.1f} %  (teacher on {m} only, all labels: "
          f"{100 * evaluate(teachers[(m,)], {m: T[pick[m]]}, test.labels):5.1f} %)")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    xs = np.arange(len(cross))
    ax.bar(xs - 0.2, [100 * c[1] for c in cross], width=0.4, label="alone (its labels)")
    ax.bar(xs + 0.2, [100 * c[2] for c in cross], width=0.4, label="distilled from the fused teacher")
    ax.set_xticks(xs, [f"{c[0]}-only" for c in cross])
    ax.set(ylabel="test accuracy (%)", title="cross-modal students")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "04_cross_modal.png", dpi=100)
    plt.close(fig)
    print("saved", OUT / "04_samples.png", "and", OUT / "04_cross_modal.png")
threads.__exit__(None, None, None)
print(f"total time {time.perf_counter() - t_start:.1f} s")
