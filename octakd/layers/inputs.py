"""Input layers: where raw data (imread, strings, audioread) becomes NCHW / NxD float arrays.

Each input layer declares the per-sample shape the network expects. The ``batch`` argument is
the batch size the seed listing declares; it is recorded, and any batch size is accepted at run
time. Conversions (documented in the README, "Inputs"):

- image: uint8 is scaled to [0, 1] (uint16 by 1/65535), Octave's H x W x C is transposed to
  C x H x W, and a single image becomes a batch of one. A list of images is stacked.
- text: strings are hashed into ``features`` values (see octakd/text.py); numeric N x features
  arrays pass through.
- audio: ``audioread`` output (samples x channels) becomes 1 x C x 1 x L; N x C x L and
  N x C x 1 x L arrays are accepted. int16 is scaled by 1/32768 and uint8 by (u - 128)/128.
  Length policy: a shorter clip is zero-padded at the end; a longer one is cropped at the end,
  with an ``InputCroppedWarning``.

The output dtype is the network's dtype (float32 unless the network was built in float64).
"""
import warnings

import numpy as np

from ..errors import OctakdTypeError, ShapeError, describe
from ..text import encode_texts
from ..validate import all_finite, positive_int
from .base import Layer


class InputCroppedWarning(UserWarning):
    """An audio clip was longer than the audio input layer and was cropped."""


_INT_SCALES = {np.dtype(np.uint8): (255.0, 0.0), np.dtype(np.uint16): (65535.0, 0.0)}


def _as_float(x, where, dtype, int_scales=_INT_SCALES):
    """Numbers -> floats of ``dtype``; integer images/audio are scaled per ``int_scales``.
    Without a ``dtype`` (a layer used alone), float arrays keep theirs and the rest become
    float32."""
    if not isinstance(x, np.ndarray):
        x = np.asarray(x)
    if dtype is None:
        dtype = x.dtype if x.dtype in (np.float32, np.float64) else np.float32
    if x.dtype in int_scales:
        scale, offset = int_scales[x.dtype]
        x = (x.astype(np.float64) - offset) / scale
    elif x.dtype.kind not in "biuf":
        raise OctakdTypeError(f"{where}: expected numeric data, got {describe(x)}")
    return all_finite(x.astype(dtype, copy=False), where)


class InputLayer(Layer):
    """Common part of the three input layers: forward converts, backward passes dy on."""

    is_input = True
    modality = None

    def __init__(self, batch, *sample_shape):
        super().__init__()
        self.batch = positive_int(batch, "batch size", self.seed_name)
        self.sample_shape = tuple(sample_shape)
        self.dtype = None

    @property
    def where(self):
        """Inside a network: "input 2 (text_input_layer)"; alone: the seed function's name."""
        position = getattr(self, "position", None)
        return f"input {position} ({self.seed_name})" if position else self.seed_name

    def build(self, input_shape=None, dtype=np.float32, rng=None):
        self.input_shape = self.sample_shape
        self.dtype = np.dtype(dtype)

    def output_shape(self, input_shape=None):
        return self.sample_shape

    def forward(self, data, training=True):
        x = self.convert(data)
        if x.shape[0] == 0:
            raise ShapeError(f"{self.where}: the batch is empty (got {describe(data)})")
        return x

    def backward(self, dy):
        return dy

    def _reject_strings(self, data, what):
        if isinstance(data, str) or (isinstance(data, (list, tuple)) and data and
                                     all(isinstance(d, str) for d in data)):
            raise OctakdTypeError(
                f"{self.where}: expected {what}, got {describe(data)} (are the inputs in the order "
                f"the input layers were created?); "
                + ("read the file first, for example img = imread('image.jpg')" if self.modality == "image"
                   else "read the file first, for example audio = audioread('audio.wav')"))


class ImageInput(InputLayer):
    """image_input_layer(batch, channels, height, width); output (N, C, H, W)."""

    seed_name = "image_input_layer"
    modality = "image"

    def __init__(self, batch, channels, height, width):
        where = self.seed_name
        super().__init__(batch, positive_int(channels, "channels", where),
                         positive_int(height, "height", where), positive_int(width, "width", where))

    def config(self):
        C, H, W = self.sample_shape
        return {"batch": self.batch, "channels": C, "height": H, "width": W}

    def _one_image(self, img):
        """One image, H x W, H x W x C (Octave) or C x H x W -> (C, H, W)."""
        C, H, W = self.sample_shape
        if not isinstance(img, np.ndarray) or img.dtype.kind not in "biuf":
            self._reject_strings(img, "image data (an array)")
            raise OctakdTypeError(f"{self.where}: expected an image array, got {describe(img)}")
        if img.ndim == 2:
            img = img[None, :, :]
        elif img.ndim == 3 and img.shape[0] != C and img.shape[2] == C:
            img = np.transpose(img, (2, 0, 1))               # Octave's H x W x C -> C x H x W
        elif img.ndim == 3 and img.shape[0] != C and img.shape[2] in (1, 3, 4) and img.shape[0] > 4:
            img = np.transpose(img, (2, 0, 1))               # H x W x C with the wrong C
        elif img.ndim != 3:
            raise ShapeError(f"{self.where}: expected one image of H x W x C or C x H x W, "
                             f"got {describe(img)}")
        self._check_image_shape(img.shape)
        return img

    def _check_image_shape(self, chw):
        C, H, W = self.sample_shape
        c, h, w = chw
        if c != C:
            raise ShapeError(
                f"{self.where}: expected {C} channel(s), got {c} (an image of {h}x{w}x{c}); "
                + ("convert it to grayscale first" if C == 1 else
                   "for a grayscale image use np.repeat(img[:, :, None], 3, axis=2)" if c == 1 and C == 3
                   else f"the layer was declared with {C} channels"))
        if (h, w) != (H, W):
            raise ShapeError(
                f"{self.where}: expected images of {H}x{W} pixels (H x W x C = {H}x{W}x{C}), "
                f"got {h}x{w}x{c}; resize first: img = imresize(img, [{H} {W}])")

    def convert(self, data):
        if isinstance(data, (list, tuple)):
            if len(data) == 0:
                raise ShapeError(f"{self.where}: the batch is empty (an empty list of images)")
            x = np.stack([self._one_image(_as_array(d)) for d in data])
        elif isinstance(data, np.ndarray) and data.ndim == 4:
            x = data
            C, H, W = self.sample_shape
            if x.shape[1] != C and x.shape[3] == C:
                x = np.transpose(x, (0, 3, 1, 2))           # N x H x W x C -> N x C x H x W
            self._check_image_shape(x.shape[1:])
        else:
            x = self._one_image(data)[None]
        return _as_float(x, self.where, self.dtype)


class TextInput(InputLayer):
    """text_input_layer(batch, features); output (N, features).

    Accepts a string, a list of strings, or numeric arrays of shape (features,) or (N, features).
    """

    seed_name = "text_input_layer"
    modality = "text"

    def __init__(self, batch, features):
        super().__init__(batch, positive_int(features, "features", self.seed_name))

    def config(self):
        return {"batch": self.batch, "features": self.sample_shape[0]}

    def convert(self, data):
        D = self.sample_shape[0]
        dtype = self.dtype if self.dtype is not None else np.float32
        if isinstance(data, str):
            return encode_texts([data], D, dtype)
        if isinstance(data, (list, tuple)) and data and all(isinstance(d, str) for d in data):
            return encode_texts(list(data), D, dtype)
        if isinstance(data, (list, tuple)) and len(data) == 0:
            raise ShapeError(f"{self.where}: the batch is empty (an empty list of texts)")
        if isinstance(data, np.ndarray) and data.dtype.kind in "biuf":
            x = data[None] if data.ndim == 1 else data
            if x.ndim != 2 or x.shape[1] != D:
                raise ShapeError(f"{self.where}: expected a string, a list of strings or an "
                                 f"N x {D} array, got {describe(data)}")
            return _as_float(x, self.where, self.dtype)
        if isinstance(data, np.ndarray) and data.dtype.kind in "US":
            return encode_texts([str(s) for s in data.ravel()], D, dtype)
        raise OctakdTypeError(f"{self.where}: expected a string, a list of strings or an N x {D} "
                              f"numeric array, got {describe(data)}")


_AUDIO_SCALES = {np.dtype(np.int16): (32768.0, 0.0), np.dtype(np.uint8): (128.0, 128.0),
                 np.dtype(np.int32): (2147483648.0, 0.0)}


class AudioInput(InputLayer):
    """audio_input_layer(batch, channels, samples); output (N, C, 1, L), a 1-pixel-high image.

    Accepts ``audioread`` output (L x C), a 1-D clip, N x C x L or N x C x 1 x L arrays, or a
    list of clips. Shorter clips are zero-padded at the end, longer ones cropped at the end with
    an ``InputCroppedWarning``.
    """

    seed_name = "audio_input_layer"
    modality = "audio"

    def __init__(self, batch, channels, samples):
        where = self.seed_name
        C = positive_int(channels, "channels", where)
        L = positive_int(samples, "samples", where)
        super().__init__(batch, C, 1, L)

    def config(self):
        C, _, L = self.sample_shape
        return {"batch": self.batch, "channels": C, "samples": L}

    def _one_clip(self, clip):
        """One clip -> (C, L_clip)."""
        C = self.sample_shape[0]
        if not isinstance(clip, np.ndarray) or clip.dtype.kind not in "biuf":
            self._reject_strings(clip, "audio samples (an array)")
            raise OctakdTypeError(f"{self.where}: expected an audio array, got {describe(clip)}")
        if clip.ndim == 1 and C == 1:
            return self._not_empty(clip[None, :])
        if clip.ndim == 2 and clip.shape[1] == C:
            return self._not_empty(clip.T)                  # audioread: samples x channels
        if clip.ndim == 2 and clip.shape[0] == C:
            return self._not_empty(clip)
        raise ShapeError(f"{self.where}: expected audio with {C} channel(s) (samples x {C} as "
                         f"audioread returns), got {describe(clip)}")

    def _fit_length(self, x):
        """(N, C, 1, L_in) -> (N, C, 1, L): zero-pad or crop at the end."""
        L = self.sample_shape[2]
        n = x.shape[-1]
        if n < L:
            pad = np.zeros(x.shape[:-1] + (L - n,), dtype=x.dtype)
            return np.concatenate([x, pad], axis=-1)
        if n > L:
            warnings.warn(f"{self.where}: cropped audio of {n} samples to the layer's {L} samples "
                          f"(the end was dropped)", InputCroppedWarning, stacklevel=4)
            return x[..., :L]
        return x

    def convert(self, data):
        C = self.sample_shape[0]
        if isinstance(data, (list, tuple)):
            if len(data) == 0:
                raise ShapeError(f"{self.where}: the batch is empty (an empty list of clips)")
            clips = [_as_float(self._one_clip(_as_array(c)), self.where, self.dtype, _AUDIO_SCALES)
                     for c in data]
            return np.stack([self._fit_length(c[:, None, :]) for c in clips])
        if isinstance(data, np.ndarray) and data.ndim in (3, 4) and data.dtype.kind in "biuf":
            x = data if data.ndim == 4 else data[:, :, None, :]
            if x.shape[1] != C or x.shape[2] != 1:
                raise ShapeError(f"{self.where}: expected N x {C} x L or N x {C} x 1 x L audio, "
                                 f"got {describe(data)}")
            self._not_empty(x)
        else:
            x = self._one_clip(data)[None, :, None, :]
        return self._fit_length(_as_float(x, self.where, self.dtype, _AUDIO_SCALES))

    def _not_empty(self, clip):
        if clip.shape[-1] == 0:
            raise ShapeError(f"{self.where}: the audio clip is empty (0 samples, {describe(clip)}); "
                             f"check that the file was read, audio = audioread('audio.wav')")
        return clip


def _as_array(item):
    """Nested lists of numbers become arrays; strings and arrays are left for the checks."""
    return item if isinstance(item, (str, np.ndarray)) else np.asarray(item)
