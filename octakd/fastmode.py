"""The seed listing's fast mode (``octakd seed --fast``, ``OCTAKD_FAST=1 python
tutorials/00_seed_listing.py``): the same lines on smaller inputs and a smaller model.

While :func:`small_inputs` is active, ``octakd.imread``/``octakd.audioread`` subsample what they
read, and ``octakd.image_input_layer``/``octakd.audio_input_layer`` divide their sizes by the
same steps. Every line of the listing then runs unchanged: the 224 x 224 image becomes 28 x 28,
the 44100-sample clip 2205 samples, and the merged dense layer shrinks from 283 M weights to
10.6 M (the model shrinks with its inputs), so a run takes seconds and a few hundred MB.
Names must be looked up after entering (``from octakd import *`` inside the block).
"""
import contextlib

FAST_IMAGE_STEP = 8      # every 8th pixel: 224 x 224 -> 28 x 28
FAST_AUDIO_STEP = 20     # every 20th audio sample: 44100 -> 2205

_depth = 0               # nested use (octakd seed --fast running the tutorial) shrinks once


@contextlib.contextmanager
def small_inputs():
    """Patch the four octakd functions for the block; restore them afterwards."""
    global _depth
    import octakd
    if _depth:
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    names = ("imread", "audioread", "image_input_layer", "audio_input_layer")
    saved = {name: getattr(octakd, name) for name in names}
    octakd.imread = lambda *a, **k: saved["imread"](*a, **k)[::FAST_IMAGE_STEP, ::FAST_IMAGE_STEP]
    octakd.audioread = lambda *a, **k: saved["audioread"](*a, **k)[::FAST_AUDIO_STEP]
    octakd.image_input_layer = lambda batch, channels, height, width: saved["image_input_layer"](
        batch, channels, -(-height // FAST_IMAGE_STEP), -(-width // FAST_IMAGE_STEP))
    octakd.audio_input_layer = lambda batch, channels, samples: saved["audio_input_layer"](
        batch, channels, -(-samples // FAST_AUDIO_STEP))
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        for name, value in saved.items():
            setattr(octakd, name, value)
