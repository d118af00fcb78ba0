"""Apply each known bug of issue 16 to the source, run the tests that must catch it, restore.

    python tools/mutation_known_bugs.py            # all bugs, a table on stdout
    python tools/mutation_known_bugs.py relu_zero  # one bug by name
    python tools/mutation_known_bugs.py --similar  # bugs of the same kinds (SIMILAR_BUGS)
    python tools/mutation_known_bugs.py --more     # the third round (MORE_BUGS)
    python tools/mutation_known_bugs.py --all

Each bug is a literal text replacement in one file (it must match exactly once, so the script
notices when the code it patches has changed). The file is always restored, even on Ctrl-C.
Exit status 0 when every bug is caught (the tests fail), 1 otherwise. See docs/testing.md.

The bugs of BUGS and SIMILAR_BUGS run the oracle tests (ORACLE_TESTS). Those of MORE_BUGS run
the tests named in BUG_TESTS: the files (or test ids) that catch them, so that a run of the
whole list stays short. A bug of MORE_BUGS that no test caught when it was first applied has a
test written for it in tests/test_injected_bugs_*.py (see docs/testing.md).
"""
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ORACLE_TESTS = ["tests/test_torch_fixtures.py", "tests/test_hand_computed.py",
                "tests/test_hand_computed_text.py", "tests/test_optim.py",
                "tests/test_port_output_atomic.py"]

# name: (file, text to replace, replacement, what it does)
BUGS = {
    "same_pad_split": (
        "octakd/kernels/geometry.py",
        "pads += [total // 2, total - total // 2]",
        "pads += [total - total // 2, total // 2]",
        "'same' padding split with the larger half on top/left"),
    "adam_no_bias_correction": (
        "octakd/optim.py",
        "        c1 = 1.0 - self.beta1 ** self.t\n        c2 = 1.0 - self.beta2 ** self.t\n",
        "        c1 = 1.0\n        c2 = 1.0\n",
        "Adam without bias correction (NumPy and fused paths: both get c1, c2 from here)"),
    "adam_fused_no_bias_correction": (
        "octakd/kernels/adam_numba.py",
        "s(lr / c1), s(1.0 / c2), s(eps))",
        "s(lr), s(1.0), s(eps))",
        "Adam without bias correction in the fused Numba kernel only"),
    "relu_zero": (
        "octakd/layers/activation.py",
        "self.mask = x > 0",
        "self.mask = x >= 0",
        "ReLU's gradient 1 at x == 0"),
    "dense_relu_zero": (
        "octakd/layers/activation.py",
        '"relu": (relu, lambda z, a: (z > 0).astype(z.dtype)),',
        '"relu": (relu, lambda z, a: (z >= 0).astype(z.dtype)),',
        "Dense(activation='relu') gradient 1 at z == 0"),
    "port_o_direct_write": (
        "octakd/port/source.py",
        'fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(out)}.", suffix=".tmp", dir=folder)',
        "fd, tmp = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), out",
        "octakd port -o writing straight into the output"),
    "text_sign_bit": (
        "octakd/text.py",
        "(value >> 63) & 1",
        "(value >> 62) & 1",
        "the text hash taking its sign from the wrong bit"),
    "optimize_gradient_sign": (
        "octakd/training.py",
        "return value, np.concatenate([layer.grads[k].ravel() for layer, k in params])",
        "return value, -np.concatenate([layer.grads[k].ravel() for layer, k in params])",
        "optimize_model giving L-BFGS-B the gradient with the wrong sign"),
    "conv_flipped_kernel": (
        "octakd/kernels/__init__.py",
        '    return _load(get_backend(), "conv").conv2d_forward(x, w, b, stride, pads)',
        '    return _load(get_backend(), "conv").conv2d_forward(x, w[:, :, ::-1, ::-1].copy(), b, stride, pads)',
        "a flipped conv kernel in forward (true convolution instead of cross-correlation)"),
}

# Bugs of the same kinds, to check that the oracles are not tuned to the nine above. A tuple of
# five has a last item True: replace every occurrence (the Numba pool kernel repeats its test).
SIMILAR_BUGS = {
    "same_pad_ignores_stride": (
        "octakd/kernels/geometry.py", "out = -(-size // s)", "out = size",
        "'same' output size ignoring the stride"),
    "pool_ties_last_numpy": (
        "octakd/kernels/pool_numpy.py", "better = (cand > y)", "better = (cand >= y)",
        "max-pool ties to the last maximum (NumPy kernel)"),
    "pool_ties_last_numba": (
        "octakd/kernels/pool_numba.py", "(v > best)", "(v >= best)",
        "max-pool ties to the last maximum (Numba kernel)", True),
    "kd_without_t_squared": (
        "octakd/losses.py", "loss, dz = alpha * T * T * kl, alpha * T * T * dkl",
        "loss, dz = alpha * kl, alpha * dkl", "distillation loss without the T^2 factor"),
    "kl_gradient_without_t": (
        "octakd/losses.py", "return kl, (np.exp(logq) - p) / (temperature * N)",
        "return kl, (np.exp(logq) - p) / N", "KL gradient missing its 1/T"),
    "ce_gradient_not_averaged": (
        "octakd/losses.py", "    dz /= N\n", "", "cross-entropy gradient summed, not averaged"),
    "dense_bias_grad_mean": (
        "octakd/layers/dense.py", 'self.grads["b"] = dz.sum(axis=0)',
        'self.grads["b"] = dz.mean(axis=0)', "Dense bias gradient averaged over the batch"),
    "adam_eps_inside_sqrt": (
        "octakd/kernels/adam_numpy.py", "(np.sqrt(v / c2) + eps)", "np.sqrt(v / c2 + eps)",
        "Adam's eps inside the square root (NumPy path)"),
    "sgd_no_momentum_decay": (
        "octakd/optim.py", "            v *= self.momentum\n", "",
        "SGD velocity never decays (momentum ignored)"),
    "concat_reversed": (
        "octakd/layers/concat.py", "np.concatenate([x.reshape(x.shape[0], -1) for x in xs], axis=1)",
        "np.concatenate([x.reshape(x.shape[0], -1) for x in xs[::-1]], axis=1)",
        "concatenation joins the branches in reverse order (forward only)"),
    "dropout_not_inverted": (
        "octakd/layers/dropout.py", "self.scale = keep.astype(x.dtype) / x.dtype.type(1.0 - self.p)",
        "self.scale = keep.astype(x.dtype)", "dropout without the 1/(1-p) scaling"),
    "optimize_keeps_old_weights": (
        "octakd/training.py", "    if not np.isfinite(after) or after > before:",
        "    if True:", "optimize_model always restores the weights it was given"),
    "text_no_bigrams": (
        "octakd/text.py", '    grams += [f"b:{a} {b}" for a, b in zip(ws, ws[1:])]\n', "",
        "text features without the word bigrams"),
}

# The third round: bugs "like them" in places the first two rounds did not look at (the lean
# path, the Numba kernels' own code, input scaling and layout, checkpoints, the gradient
# checker, the training loop's sample order, ...). Each one was applied by hand and the suite's
# relevant files run; the ones nothing caught got a test in tests/test_injected_bugs_*.py.
LEAN_VS_TEACHING = "tests/test_network.py::test_lean_path_trains_and_predicts_like_the_teaching_path"
MORE_BUGS = {
    "lean_dense_relu_zero": (
        "octakd/lean.py", "np.greater(self.z, 0, out=mask)", "np.greater_equal(self.z, 0, out=mask)",
        "lean path: Dense(activation='relu') gradient 1 at z == 0"),
    "lean_dense_bias_mean": (
        "octakd/lean.py", 'L.grads["b"] = dz.sum(axis=0)', 'L.grads["b"] = dz.mean(axis=0)',
        "lean path: Dense bias gradient averaged over the batch"),
    "lean_grads_overwrite": (
        "octakd/lean.py", "grads[p] = piece if grads[p] is None else grads[p] + piece",
        "grads[p] = piece", "lean path: a node read twice keeps only one gradient"),
    "lean_concat_reversed": (
        "octakd/lean.py", "for x, w in zip(xs, widths):", "for x, w in zip(xs[::-1], widths[::-1]):",
        "lean path: concatenation in reverse order"),
    "lean_dense_no_relu": (
        "octakd/lean.py", "np.maximum(z, 0, out=a)", "np.copyto(a, z)",
        "lean path: Dense forward without its ReLU"),
    "lean_predict_training": (
        "octakd/training.py",
        "z = np.concatenate([lean.forward(model, _batch(arrays, slice(s, s + batch_size)), False)",
        "z = np.concatenate([lean.forward(model, _batch(arrays, slice(s, s + batch_size)), True)",
        "predict / evaluate in training mode (dropout on)"),
    "lean_numba_pool_mask_zero": (
        "octakd/kernels/lean_numba.py", "if (not relu) or y[plane, k] > 0:",
        "if (not relu) or y[plane, k] >= 0:",
        "lean Numba pool backward passes windows whose maximum is 0 (ReLU mask lost)"),
    "lean_numba_one_row_ties_last": (
        "octakd/kernels/lean_numba.py", "take = (v > best) | ((best != best) & (v == v))",
        "take = (v >= best) | ((best != best) & (v == v))",
        "lean Numba 1 x k pool: ties go to the last maximum"),
    "lean_numba_conv_mask_zero": (
        "octakd/kernels/lean_numba.py", "d[p] = s[p] if m[p] > 0 else zero",
        "d[p] = s[p] if m[p] >= 0 else zero", "lean Numba conv backward: ReLU mask y >= 0"),
    "lean_numpy_conv_mask_zero": (
        "octakd/kernels/lean_numpy.py", "dz = dy if y is None else np.where(y > 0, dy,",
        "dz = dy if y is None else np.where(y >= 0, dy,", "lean NumPy reference: ReLU mask y >= 0"),
    "pool_numba_backward_overwrite": (
        "octakd/kernels/pool_numba.py", "            dx[plane, argmax[plane, k]] += dy[plane, k]\n",
        "            dx[plane, argmax[plane, k]] = dy[plane, k]\n",
        "Numba pool backward: overlapping windows overwrite instead of adding"),
    "pool_numba_2x2_bottom_left": (
        "octakd/kernels/pool_numba.py", "pos = base + W + 2 * q if take else pos",
        "pos = base + W + 2 * q + 1 if take else pos",
        "Numba 2x2 pool: a bottom-left winner recorded one column to the right"),
    "pool_numba_nan_rule": (
        "octakd/kernels/pool_numba.py", "take = first | (v > best) | ((best != best) & (v == v))",
        "take = first | (v > best)", "Numba pool general sweep: a NaN first value is never replaced",
        True),
    "conv_numba_cache_ignores_change": (
        "octakd/kernels/conv_numba.py",
        "if x.size and not _same_interior(x.view(u), xpad.view(u), top, left):", "if False:",
        "Numba conv dW reuses the im2col matrix after x changed in place"),
    "conv_numba_pad_top_not_zeroed": (
        "octakd/kernels/conv_numba.py",
        "        pf[base:base + top * Wp] = 0                         # rows above the image\n", "",
        "Numba conv padding: rows above the image not zeroed (stale scratch)"),
    "adam_small_no_one_minus_beta1": (
        "octakd/kernels/adam_numba.py", "mi = m[i] * beta1 + one_minus_beta1 * gi",
        "mi = m[i] * beta1 + gi", "Numba small-array Adam: first moment without (1 - beta1)"),
    "adam_fused_beta1_for_beta2": (
        "octakd/kernels/adam_numba.py", "vi = beta2 * v[i] + one_minus_beta2 * gi * gi",
        "vi = beta2 * v[i] + one_minus_beta1 * gi * gi",
        "fused Adam: second moment weighted by 1 - beta1"),
    "adam_t_reset": (
        "octakd/optim.py", "self.t += 1", "self.t = 1", "Adam's step count never grows"),
    "adam_default_beta2": (
        "octakd/optim.py", "beta2=0.999, eps=1e-8", "beta2=0.99, eps=1e-8", "Adam default beta2 0.99"),
    "adam_default_eps": (
        "octakd/optim.py", "beta2=0.999, eps=1e-8", "beta2=0.999, eps=1e-7", "Adam default eps 1e-7"),
    "sgd_dampening": (
        "octakd/optim.py", "v -= p.dtype.type(self.lr) * g\n",
        "v -= p.dtype.type(self.lr * (1 - self.momentum)) * g\n", "SGD with dampening 1 - momentum"),
    "softmax_backward_jacobian": (
        "octakd/layers/softmax.py", "dz = p * (dp - (dp * p).sum(axis=1, keepdims=True))",
        "dz = p * (dp - dp.sum(axis=1, keepdims=True))", "Softmax layer backward: wrong Jacobian"),
    "bn_running_var_biased": (
        "octakd/layers/batchnorm.py", "rv[...] = (1 - m) * rv + m * var * x.dtype.type(M / (M - 1))",
        "rv[...] = (1 - m) * rv + m * var", "BatchNorm running variance biased"),
    "bn_momentum_swapped": (
        "octakd/layers/batchnorm.py", "rm[...] = (1 - m) * rm + m * mu",
        "rm[...] = m * rm + (1 - m) * mu", "BatchNorm running mean with the momentum swapped"),
    "bn_eps_outside_sqrt": (
        "octakd/layers/batchnorm.py", "self.scale = 1.0 / np.sqrt(var + x.dtype.type(self.eps))",
        "self.scale = 1.0 / (np.sqrt(var) + x.dtype.type(self.eps))", "BatchNorm eps outside the square root"),
    "bn_inference_batch_stats": (
        "octakd/layers/batchnorm.py", "        if training:\n            if M < 2:",
        "        if True:\n            if M < 2:", "BatchNorm uses batch statistics at inference"),
    "bn_backward_no_xhat_term": (
        "octakd/layers/batchnorm.py", "return (scale / M) * (M * dxhat - s1 - xhat * s2)",
        "return (scale / M) * (M * dxhat - s1)", "BatchNorm backward without the xhat term"),
    "add_forward_in_place": (
        "octakd/layers/add.py", "y = xs[0].copy()", "y = xs[0]", "Add writes the sum into its first branch"),
    "dropout_at_inference": (
        "octakd/layers/dropout.py", "if not training or self.p == 0.0:", "if self.p == 0.0:",
        "dropout also at inference"),
    "dropout_keep_p": (
        "octakd/layers/dropout.py", "keep = self.rng.random(x.shape) >= self.p",
        "keep = self.rng.random(x.shape) < self.p", "dropout keeps with probability p instead of 1 - p"),
    "pool_default_stride_1": (
        "octakd/layers/pool.py", "self.pool if stride is None else stride", "1 if stride is None else stride",
        "MaxPool2D's default stride 1 instead of the pool size"),
    "int_padding_swapped": (
        "octakd/kernels/geometry.py", "return (ph, ph, pw, pw)", "return (pw, pw, ph, ph)",
        "integer padding pair (ph, pw) swapped"),
    "conv_init_fan_in": (
        "octakd/layers/conv.py", "fan_in = C * self.kh * self.kw", "fan_in = C",
        "Conv2D He initialisation with fan_in = C (kernel size forgotten)"),
    "dense_init_he_halved": (
        "octakd/layers/dense.py", 'np.sqrt(2.0 / D) if self.activation == "relu"',
        'np.sqrt(1.0 / D) if self.activation == "relu"', "Dense ReLU initialisation sqrt(1/D), not He's sqrt(2/D)"),
    "dense_init_glorot_fan_in": (
        "octakd/layers/dense.py", "np.sqrt(2.0 / (D + self.units))", "np.sqrt(2.0 / D)",
        "Dense Glorot initialisation without fan_out"),
    "network_grads_overwrite": (
        "octakd/network.py", "grads[p] = piece if grads[p] is None else grads[p] + piece",
        "grads[p] = piece", "teaching path: a node read twice keeps only one gradient"),
    "image_uint8_by_256": (
        "octakd/layers/inputs.py", "np.dtype(np.uint8): (255.0, 0.0), np.dtype(np.uint16)",
        "np.dtype(np.uint8): (256.0, 0.0), np.dtype(np.uint16)", "uint8 images scaled by 1/256"),
    "audio_int16_by_32767": (
        "octakd/layers/inputs.py", "np.dtype(np.int16): (32768.0, 0.0)", "np.dtype(np.int16): (32767.0, 0.0)",
        "int16 audio scaled by 1/32767"),
    "audio_uint8_no_offset": (
        "octakd/layers/inputs.py", "np.dtype(np.uint8): (128.0, 128.0)", "np.dtype(np.uint8): (128.0, 0.0)",
        "uint8 audio without the 128 offset"),
    "image_hwc_transposed": (
        "octakd/layers/inputs.py", "img = np.transpose(img, (2, 0, 1))               # Octave's",
        "img = np.transpose(img, (2, 1, 0))               # Octave's",
        "an H x W x C image read with rows and columns swapped"),
    "batch_nhwc_transposed": (
        "octakd/layers/inputs.py", "x = np.transpose(x, (0, 3, 1, 2))", "x = np.transpose(x, (0, 3, 2, 1))",
        "an N x H x W x C batch read with rows and columns swapped"),
    "audio_stereo_reshape": (
        "octakd/layers/inputs.py",
        "return self._not_empty(clip.T)                  # audioread: samples x channels",
        "return self._not_empty(clip.reshape(C, -1))      # audioread: samples x channels",
        "stereo audioread output (samples x channels) reshaped instead of transposed"),
    "audio_pad_at_start": (
        "octakd/layers/inputs.py", "return np.concatenate([x, pad], axis=-1)",
        "return np.concatenate([pad, x], axis=-1)", "short audio zero-padded at the start"),
    "audio_crop_keeps_end": (
        "octakd/layers/inputs.py", "return x[..., :L]", "return x[..., -L:]",
        "long audio cropped at the start (the end kept)"),
    "text_no_lowercase": (
        "octakd/text.py", "for ch in text.lower():", "for ch in text:", "text not lower-cased"),
    "text_trigrams_unpadded": (
        "octakd/text.py", 'padded = f"<{w}>"', "padded = w", "character trigrams without the < > padding"),
    "text_curly_apostrophe": (
        "octakd/text.py", """current.append("'" if ch in _APOSTROPHES else ch)""", "current.append(ch)",
        "the curly apostrophe not folded to '"),
    "text_l1_norm": (
        "octakd/text.py", "norm = np.linalg.norm(vec)", "norm = np.abs(vec).sum()",
        "text vectors L1-normalised"),
    "text_digits_not_words": (
        "octakd/text.py", 'unicodedata.category(ch)[0] in "LMN"', 'unicodedata.category(ch)[0] in "LM"',
        "digits are not word characters"),
    "log_softmax_no_max": (
        "octakd/losses.py", "    s = s - s.max(axis=-1, keepdims=True)\n", "",
        "log_softmax without the maximum subtracted"),
    "kd_default_temperature": (
        "octakd/losses.py", "temperature=4.0, alpha=0.9):", "temperature=2.0, alpha=0.9):",
        "distillation_loss's default temperature 2"),
    "kd_ce_grad_weight": (
        "octakd/losses.py", "dz + (1 - alpha) * dce", "dz + alpha * dce",
        "distillation: the CE gradient weighted by alpha"),
    "kd_parts_no_t2": (
        "octakd/losses.py", "return temperature * temperature * kl, ce", "return kl, ce",
        "distillation_parts (the reported soft term) without T^2"),
    "labels_fraction_truncated": (
        "octakd/losses.py", "        if np.any(y != np.round(y)):\n", "        if False:\n",
        "labels such as 1.5 silently truncated"),
    "train_default_temperature": (
        "octakd/training.py", "DEFAULT_TEMPERATURE = 4.0", "DEFAULT_TEMPERATURE = 2.0",
        "train_model's default temperature 2"),
    "train_default_alpha": (
        "octakd/training.py", "DEFAULT_ALPHA = 0.9", "DEFAULT_ALPHA = 0.5", "train_model's default alpha 0.5"),
    "fit_drops_last_batch": (
        "octakd/training.py", "per_epoch = -(-n // batch_size)", "per_epoch = n // batch_size",
        "training drops the last partial batch"),
    "fit_no_shuffle": (
        "octakd/training.py", "order = rng.permutation(n)", "order = np.arange(n)",
        "training never shuffles"),
    "fit_iteration_restart": (
        "octakd/training.py", "iteration = done * per_epoch", "iteration = 0",
        "a resumed run numbers its iterations from 0"),
    "logits_drop_partial": (
        "octakd/training.py", "for s in range(0, n, batch_size)])\n    lean.trim",
        "for s in range(0, n - batch_size + 1, batch_size)])\n    lean.trim",
        "predict / evaluate drop the last partial batch"),
    "ckpt_version_unchecked": (
        "octakd/checkpoint.py", "if version != CHECKPOINT_VERSION or isinstance(version, bool):",
        "if isinstance(version, bool):", "checkpoint format version not checked"),
    "ckpt_shuffle_rng_not_restored": (
        "octakd/checkpoint.py", '    shuffle_rng.bit_generator.state = meta["shuffle_rng"]\n', "",
        "resume does not restore the shuffling generator"),
    "ckpt_dropout_rng_not_restored": (
        "octakd/checkpoint.py", "        layer.rng.bit_generator.state = state\n", "        pass\n",
        "resume does not restore the dropout generators"),
    "ckpt_adam_t_not_restored": (
        "octakd/checkpoint.py", '        optimizer.t = meta["t"]\n', "        pass\n",
        "resume does not restore Adam's step count"),
    "ckpt_buffers_not_restored": (
        "octakd/checkpoint.py", '            b[...] = arrays[f"buffer/{layer.name}/{k}"]\n',
        "            pass\n", "resume does not restore BatchNorm's running statistics"),
    "model_version_unchecked": (
        "octakd/io/models.py", "if number > FORMAT_VERSION:", "if number > FORMAT_VERSION + 1:",
        "load_model accepts format version 2"),
    "model_dtype_unchecked": (
        "octakd/io/models.py", "if value.shape != tuple(shape) or value.dtype != dtype:",
        "if value.shape != tuple(shape):", "load_model accepts weights of another dtype"),
    "atomic_write_direct": (
        "octakd/io/files.py",
        'fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")',
        "fd, tmp = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), path",
        "save_model / checkpoints written straight into the file"),
    "onnx_pads_order": (
        "octakd/onnx_export.py", "pads=[top, left, bottom, right]", "pads=[top, bottom, left, right]",
        "ONNX Conv pads in octakd's order, not ONNX's"),
    "onnx_pool_strides": (
        "octakd/onnx_export.py", "kernel_shape=list(pool),\n                      strides=list(layer.stride)), 4",
        "kernel_shape=list(pool),\n                      strides=list(pool)), 4",
        "ONNX MaxPool strides taken from the pool size"),
    "gradcheck_one_sided_step": (
        "octakd/gradcheck.py", "flat_g[i] = (f_plus - f_minus) / (2 * h)", "flat_g[i] = (f_plus - f_minus) / h",
        "numerical gradient divided by h, not 2h"),
    "gradcheck_x_not_restored": (
        "octakd/gradcheck.py", "        flat_x[i] = old\n", "", "numerical gradient leaves x perturbed"),
    "gradcheck_abs_error": (
        "octakd/gradcheck.py", "max(1e-8, float(np.max(np.abs(a) + np.abs(b))))",
        "max(1.0, float(np.max(np.abs(a) + np.abs(b))))",
        "rel_error floored at 1 (an absolute error for small gradients)"),
    "gradcheck_abs_tol_loose": (
        "octakd/gradcheck.py", "if a.size and float(np.max(np.abs(a - b))) <= ABS_TOL:",
        "if a.size and float(np.max(np.abs(a - b))) <= 1e-6:",
        "gradient check forgives differences up to 1e-6 (tiny gradients always match)"),
    "split_floor": (
        "octakd/datasets.py", "test.extend(members[:int(round(test_fraction * members.size))])",
        "test.extend(members[:int(test_fraction * members.size)])",
        "the dataset split floors each class's share instead of rounding"),
    "pick_by_modality_first_slot": (
        "octakd/network.py", "picked.append(inputs[slots[rank]])", "picked.append(inputs[slots[0]])",
        "inputs in another model's order: two of one modality both read the first entry"),
    "evaluate_first_batch_only": (
        "octakd/training.py",
        'return float(np.mean(np.argmax(_logits(model, X, batch_size, "evaluate"), axis=1) == y))',
        'return float(np.mean(np.argmax(_logits(model, X, batch_size, "evaluate"), axis=1)[:batch_size] == y[:batch_size]))',
        "evaluate scores the first batch only"),
    "threads_one_task_dropped": (
        "octakd/kernels/threads.py",
        "futures = [_workers(len(tasks) - 1).submit(task) for task in tasks[1:]]",
        "futures = [_workers(len(tasks) - 1).submit(task) for task in tasks[2:]]",
        "threads: the third of three slices (or branch groups) never runs"),
    "weight_grad_first_slice_only": (
        "octakd/kernels/conv_numba.py",
        "total = sums[lo] if total is None else total + sums[lo]",
        "total = sums[lo] if total is None else total",
        "split dW: only the first slice of images is summed"),
    "lean_split_col2im_wrong_images": (
        "octakd/kernels/lean_numba.py",
        "_col2im_kn(dcols.reshape(K, N, Ho, Wo), lo, kh, kw,",
        "_col2im_kn(dcols.reshape(K, N, Ho, Wo), 0, kh, kw,",
        "split lean backward: every slice's dx read from the first images' columns"),
    "lean_branches_before_head": (
        "octakd/lean.py",
        "                run(self.head)          # the branches at the same time\n"
        "                _together([lambda g=g: run(g) for g in groups])",
        "                _together([lambda g=g: run(g) for g in groups])\n"
        "                run(self.head)",
        "branches in parallel: the branches' backward runs before the head's"),
    "winograd_output_sign": (
        "octakd/kernels/winograd_numba.py",
        "                            s3 = m[7, t] - m[11, t] - m[15, t]\n",
        "                            s3 = m[7, t] - m[11, t] + m[15, t]\n",
        "Winograd output transform: one sign of A^T wrong (row 1, column 3)"),
    "winograd_odd_column_dropped": (
        "octakd/kernels/winograd_numba.py",
        "                    if Wo % 2:                           # the last tile's left column only\n",
        "                    if False:\n",
        "Winograd output transform: the last column of an odd-width output never written"),
    "winograd_adjoint_overlap_overwritten": (
        "octakd/kernels/winograd_numba.py",
        "                    dxpad[p, q] += r00\n",
        "                    dxpad[p, q] = r00\n",
        "Winograd dx: a tile overwrites the corner it shares with the tiles above instead of adding"),
    "winograd_chunk_offset": (
        "octakd/kernels/winograd_numba.py",
        "        _grad_transform(dy, n0, _planes_of(Zflat, F, T, stepZ))\n",
        "        _grad_transform(dy, n0 - lo, _planes_of(Zflat, F, T, stepZ))\n",
        "Winograd backward split between threads: every slice reads dy from the first images"),
    "winograd_planes_overlap": (
        "octakd/kernels/winograd_numba.py",
        "    stepV, stepM = C * chunk * th * tw + PLANE_GAP, F * chunk * th * tw + PLANE_GAP\n",
        "    stepV, stepM = C * chunk * th * tw - 1, F * chunk * th * tw - 1\n",
        "Winograd forward: scratch planes overlap by one element"),
}

INJ = "tests/test_injected_bugs_"
# The tests each bug of MORE_BUGS runs (those that catch it; tests/test_injected_bugs_* where
# nothing else did).
BUG_TESTS = {
    "lean_dense_relu_zero": [INJ + "lean.py"],
    "lean_dense_bias_mean": [LEAN_VS_TEACHING],
    "lean_grads_overwrite": [LEAN_VS_TEACHING],
    "lean_concat_reversed": [LEAN_VS_TEACHING],
    "lean_dense_no_relu": [LEAN_VS_TEACHING],
    "lean_predict_training": [INJ + "lean.py", "tests/test_network.py::test_lean_predict_keeps_no_backward_caches"],
    "lean_numba_pool_mask_zero": [LEAN_VS_TEACHING],
    "lean_numba_one_row_ties_last": ["tests/test_kernels.py::test_lean_pool_matches_reference"],
    "lean_numba_conv_mask_zero": [LEAN_VS_TEACHING, "tests/test_kernels.py::test_lean_conv_relu_matches_reference"],
    "lean_numpy_conv_mask_zero": ["tests/test_kernels.py::test_lean_conv_relu_matches_reference"],
    "pool_numba_backward_overwrite": ["tests/test_torch_fixtures.py"],
    "pool_numba_2x2_bottom_left": ["tests/test_torch_fixtures.py", "tests/test_hand_computed.py"],
    "pool_numba_nan_rule": [INJ + "layers.py"],
    "conv_numba_cache_ignores_change": ["tests/test_kernels.py::test_conv_weight_grad_reuses_forward_cols_only_when_valid"],
    "conv_numba_pad_top_not_zeroed": ["tests/test_kernels.py::test_conv_forward"],
    "adam_small_no_one_minus_beta1": ["tests/test_torch_fixtures.py", "tests/test_optim.py"],
    "adam_fused_beta1_for_beta2": ["tests/test_torch_fixtures.py", "tests/test_optim.py"],
    "adam_t_reset": ["tests/test_torch_fixtures.py", "tests/test_optim.py"],
    "adam_default_beta2": ["tests/test_optim.py"],
    "adam_default_eps": ["tests/test_optim.py"],
    "sgd_dampening": ["tests/test_torch_fixtures.py", "tests/test_optim.py"],
    "softmax_backward_jacobian": ["tests/test_torch_fixtures.py"],
    "bn_running_var_biased": ["tests/test_batchnorm.py"],
    "bn_momentum_swapped": ["tests/test_batchnorm.py"],
    "bn_eps_outside_sqrt": ["tests/test_batchnorm.py"],
    "bn_inference_batch_stats": ["tests/test_batchnorm.py"],
    "bn_backward_no_xhat_term": ["tests/test_batchnorm.py"],
    "add_forward_in_place": [INJ + "layers.py", LEAN_VS_TEACHING],
    "dropout_at_inference": ["tests/test_hand_computed.py"],
    "dropout_keep_p": ["tests/test_hand_computed.py"],
    "pool_default_stride_1": [INJ + "layers.py"],
    "int_padding_swapped": ["tests/test_hand_computed.py"],
    "conv_init_fan_in": [INJ + "layers.py"],
    "dense_init_he_halved": ["tests/test_layers_pinned.py"],
    "dense_init_glorot_fan_in": ["tests/test_layers_pinned.py"],
    "network_grads_overwrite": [LEAN_VS_TEACHING],
    "image_uint8_by_256": [INJ + "inputs.py", "tests/test_layers.py"],
    "audio_int16_by_32767": [INJ + "inputs.py"],
    "audio_uint8_no_offset": [INJ + "inputs.py"],
    "image_hwc_transposed": [INJ + "inputs.py", "tests/test_layers.py"],
    "batch_nhwc_transposed": [INJ + "inputs.py"],
    "audio_stereo_reshape": [INJ + "inputs.py"],
    "audio_pad_at_start": [INJ + "inputs.py", "tests/test_layers.py"],
    "audio_crop_keeps_end": [INJ + "inputs.py"],
    "text_no_lowercase": ["tests/test_hand_computed_text.py", INJ + "inputs.py"],
    "text_trigrams_unpadded": ["tests/test_hand_computed_text.py"],
    "text_curly_apostrophe": ["tests/test_text.py", INJ + "inputs.py"],
    "text_l1_norm": ["tests/test_hand_computed_text.py"],
    "text_digits_not_words": ["tests/test_text.py", INJ + "inputs.py"],
    "log_softmax_no_max": ["tests/test_torch_fixtures.py"],
    "kd_default_temperature": ["tests/test_hand_computed_losses.py"],
    "kd_ce_grad_weight": ["tests/test_torch_fixtures.py"],
    "kd_parts_no_t2": ["tests/test_seed_api.py::test_distillation_loss_value_carries_parts_and_optimize_never_raises_it"],
    "labels_fraction_truncated": ["tests/test_hand_computed_losses.py"],
    "train_default_temperature": ["tests/test_training_pinned.py"],
    "train_default_alpha": ["tests/test_training_pinned.py"],
    "fit_drops_last_batch": [INJ + "training.py"],
    "fit_no_shuffle": [INJ + "training.py"],
    "fit_iteration_restart": ["tests/test_checkpoint.py", INJ + "training.py"],
    "logits_drop_partial": ["tests/test_training_pinned.py"],
    "ckpt_version_unchecked": ["tests/test_untrusted_files.py::test_bogus_checkpoint_metadata_is_refused"],
    "ckpt_shuffle_rng_not_restored": ["tests/test_checkpoint.py"],
    "ckpt_dropout_rng_not_restored": ["tests/test_checkpoint.py"],
    "ckpt_adam_t_not_restored": ["tests/test_checkpoint.py"],
    "ckpt_buffers_not_restored": ["tests/test_batchnorm.py"],
    "model_version_unchecked": ["tests/test_model_io.py"],
    "model_dtype_unchecked": ["tests/test_untrusted_files.py::test_model_file_contents_are_checked_exactly"],
    "atomic_write_direct": ["tests/test_model_io.py"],
    "onnx_pads_order": ["tests/test_onnx.py"],
    "onnx_pool_strides": ["tests/test_onnx.py::test_conv_padding_and_stride_forms"],
    "gradcheck_one_sided_step": [INJ + "gradcheck.py", "tests/test_layers.py"],
    "gradcheck_x_not_restored": [INJ + "gradcheck.py", "tests/test_layers.py"],
    "gradcheck_abs_error": [INJ + "gradcheck.py"],
    "gradcheck_abs_tol_loose": [INJ + "gradcheck.py"],
    "split_floor": [INJ + "layers.py"],
    "pick_by_modality_first_slot": [INJ + "layers.py"],
    "evaluate_first_batch_only": ["tests/test_training_pinned.py"],
    "threads_one_task_dropped": ["tests/test_threads.py"],
    "weight_grad_first_slice_only": ["tests/test_threads.py"],
    "lean_split_col2im_wrong_images": ["tests/test_threads.py"],
    "lean_branches_before_head": ["tests/test_threads.py"],
    "winograd_output_sign": ["tests/test_winograd.py"],
    "winograd_odd_column_dropped": ["tests/test_winograd.py"],
    "winograd_adjoint_overlap_overwritten": ["tests/test_winograd.py"],
    "winograd_chunk_offset": ["tests/test_winograd.py"],
    "winograd_planes_overlap": ["tests/test_winograd.py"],
}
ALL_BUGS = {**BUGS, **SIMILAR_BUGS, **MORE_BUGS}


def run_tests(tests):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *tests], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    failed = [line.split(" ")[1] for line in proc.stdout.splitlines() if line.startswith("FAILED ")]
    return proc.returncode, failed


def try_bug(name):
    path, old, new, _, *every = ALL_BUGS[name]
    file = ROOT / path
    original = file.read_text(encoding="utf-8")
    if original.count(old) == 0 or (original.count(old) > 1 and not every):
        return "PATCH DOES NOT APPLY", []
    try:
        file.write_text(original.replace(old, new), encoding="utf-8")
        code, failed = run_tests(BUG_TESTS.get(name, ORACLE_TESTS))
    finally:
        file.write_text(original, encoding="utf-8")
    return ("caught" if code == 1 else f"NOT CAUGHT (pytest exit {code})"), failed


def main(argv):
    if argv == ["--similar"]:
        names = list(SIMILAR_BUGS)
    elif argv == ["--more"]:
        names = list(MORE_BUGS)
    elif argv == ["--all"]:
        names = list(ALL_BUGS)
    else:
        names = argv or list(BUGS)
    all_caught = True
    print("| bug | result | failing tests, per file |\n|---|---|---|")
    for name in names:
        t0 = time.time()
        result, failed = try_bug(name)
        all_caught &= result == "caught"
        per_file = {}
        for test in failed:
            key = test.split("::")[0].replace("tests/", "")
            per_file[key] = per_file.get(key, 0) + 1
        detail = ", ".join(f"{k}: {v}" for k, v in per_file.items()) or "-"
        print(f"| {ALL_BUGS[name][3]} | {result} ({time.time() - t0:.0f} s) | {detail} |", flush=True)
    return 0 if all_caught else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
