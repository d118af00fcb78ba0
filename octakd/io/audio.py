"""Audio, as GNU Octave reads and writes it: audioread, audioinfo, audiowrite.

audioread returns samples x channels float64 scaled as Octave does (int16 / 32768,
uint8 (u - 128) / 128, ...), as an AudioArray whose ``.fs`` is the sample rate.
"""
import numbers
import os
import struct

import numpy as np
import soundfile

from .. import memory
from ..errors import (
    OctakdError,
    OctakdFileError,
    OctakdTypeError,
    OctakdValueError,
    ShapeError,
    describe,
)
from .files import _atomic_write, _path_arg, _reason, open_regular, shown


# -- audio ----------------------------------------------------------------------------------
class AudioArray(np.ndarray):
    """The samples x channels float64 array ``audioread`` returns, carrying its sample rate.

    ``audio.fs`` is the sample rate in Hz. Views and copies (slicing, ``.T``, ``reshape``,
    ``copy``, ``astype``) keep ``fs``: they are still that signal. Arithmetic and other ufuncs,
    and reductions, give plain ndarrays and scalars, because a computed array is no longer
    "the file's samples". ``np.asarray(audio)`` is a plain ndarray too.
    """

    def __new__(cls, data, fs=None):
        obj = np.asarray(data).view(cls)
        obj.fs = fs
        return obj

    def __array_finalize__(self, obj):
        self.fs = getattr(obj, "fs", None)

    def __array_wrap__(self, out, context=None, return_scalar=False):
        out = out.view(np.ndarray) if isinstance(out, np.ndarray) else out
        if return_scalar or (isinstance(out, np.ndarray) and out.ndim == 0):
            return out[()]
        return out

    def __reduce__(self):
        constructor, args, state = super().__reduce__()
        return constructor, args, (state, self.fs)

    def __setstate__(self, state):
        base_state, fs = state
        super().__setstate__(base_state)
        self.fs = fs

    def __repr__(self):
        return f"{np.asarray(self)!r} (AudioArray, fs={self.fs})"

    @property
    def duration(self):
        """Length in seconds (samples / fs)."""
        return self.shape[0] / self.fs if self.fs else float("nan")


class AudioInfo(dict):
    """What ``audioinfo`` returns: a dict whose keys are also attributes (``info.SampleRate``),
    like the fields of Octave's struct."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"audioinfo has no field {name!r}; fields: {', '.join(self)}") from None


_BITS = {"PCM_S8": 8, "PCM_U8": 8, "PCM_16": 16, "PCM_24": 24, "PCM_32": 32, "FLOAT": 32, "DOUBLE": 64}


class _Sound:
    """The open file and libsndfile's reader over it: ``with _Sound(path, where) as sf``.
    The file is opened by octakd (a regular file only, see files.open_regular) and handed to
    libsndfile as a file object, so any file name the OS accepts works, UTF-8 or not."""

    def __init__(self, path, where):
        self.path = _path_arg(path, where)
        self.file = open_regular(self.path, where)
        try:
            _check_wav_length(self.file, self.path, where)
            self.file.seek(0)
            self.sf = soundfile.SoundFile(self.file)
        except OctakdError:
            self.file.close()
            raise
        except Exception as exc:
            self.file.close()
            raise OctakdFileError(f"{where}: could not read '{shown(self.path)}' as audio "
                                  f"({_reason(exc)}); the file may be truncated, corrupt or in an "
                                  f"unsupported format") from None

    def __enter__(self):
        return self.sf

    def __exit__(self, *exc):
        try:
            self.sf.close()
        finally:
            self.file.close()


_MAX_RIFF_CHUNKS = 4096


def _check_wav_length(f, path, where):
    """A RIFF/WAVE file whose data chunk announces more bytes than the file holds is truncated:
    libsndfile would silently return the samples that are there, so refuse it here. A data size
    of 0 or 0xFFFFFFFF (written by streaming tools that cannot seek back) means 'unknown' and
    is accepted. Other formats are left to libsndfile."""
    size = os.fstat(f.fileno()).st_size
    head = f.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    pos, block = 12, 0
    for _ in range(_MAX_RIFF_CHUNKS):
        f.seek(pos)
        tag = f.read(8)
        if len(tag) < 8:
            return
        kind, length = tag[:4], struct.unpack("<I", tag[4:])[0]
        if kind == b"fmt " and length >= 14:
            block = struct.unpack("<H", f.read(14)[12:14])[0]
        if kind == b"data":
            present = size - (pos + 8)
            if length not in (0, 0xFFFFFFFF) and length > present:
                frames = f" ({length // block} samples announced, {present // block} present)" if block else ""
                raise OctakdFileError(
                    f"{where}: '{shown(path)}' is truncated: its header announces {length} bytes of "
                    f"samples but the file holds {present}{frames}")
            return
        pos += 8 + length + (length & 1)               # chunks are padded to even sizes


def audioread(path, samples=None, datatype="double", *, return_fs=False):
    """Read an audio file the way GNU Octave's ``audioread`` does.

    Returns a samples x channels array (mono is N x 1) as an :class:`AudioArray`, whose ``fs``
    attribute is the sample rate: ``audio = audioread('a.wav'); audio.fs``. Octave's
    ``[y, fs] = audioread(...)`` is ``y, fs = audioread(..., return_fs=True)``.

    - 'double' (default): float64, scaled like Octave (via libsndfile): 16-bit PCM / 32768,
      unsigned 8-bit (u - 128) / 128, 24-bit / 2^23, 32-bit / 2^31; float files as stored
      (values beyond [-1, 1] are kept). Checked bit for bit against Octave 7.3.
    - 'native': the stored integers as Octave gives them: int16, uint8, int32 (24-bit files
      right-aligned), float32 or float64.
    - ``samples = [start, end]``: 1-based and inclusive as in Octave; ``end`` may be inf.
    """
    where = "audioread"
    if isinstance(samples, str):
        samples, datatype = None, samples
    if not isinstance(datatype, str) or datatype.lower() not in ("double", "native"):
        raise OctakdValueError(f"{where}: datatype must be 'double' or 'native', got {datatype!r}")
    sound = _Sound(path, where)
    path = sound.path
    with sound as sf:
        fs, total, subtype = sf.samplerate, sf.frames, sf.subtype
        start, stop = 0, total
        if samples is not None:
            start, stop = _sample_range(samples, total, path)
        # A compressed file (FLAC, Ogg) may announce far more samples than it holds, and the
        # output array is allocated at the announced size: check it against the memory first.
        memory.require((stop - start) * sf.channels * 8 + memory.OVERHEAD, where,
                       f"reading '{shown(path)}' ({stop - start:,} samples x {sf.channels} "
                       f"channels as float64)", "read a part of it: audioread(path, [start, end])")
        try:
            sf.seek(start)
            if datatype.lower() == "double":
                y = sf.read(stop - start, dtype="float64", always_2d=True)
            else:
                y = _read_native(sf, stop - start, subtype)
        except Exception as exc:
            raise OctakdFileError(f"{where}: could not read the samples of '{shown(path)}' ({_reason(exc)}); "
                                  f"the file may be truncated or corrupt") from None
    if y.shape[0] != stop - start:
        raise OctakdFileError(f"{where}: '{shown(path)}' is truncated: its header announces {total} samples "
                              f"but only {start + y.shape[0]} could be read")
    audio = AudioArray(y, fs)
    return (audio, fs) if return_fs else audio


def _read_native(sf, frames, subtype):
    if subtype == "PCM_16":
        return sf.read(frames, dtype="int16", always_2d=True)
    if subtype in ("PCM_U8", "PCM_S8"):
        s = sf.read(frames, dtype="int16", always_2d=True)
        if subtype == "PCM_S8":
            return (s >> 8).astype(np.int8)
        return ((s >> 8) + 128).astype(np.uint8)
    if subtype == "PCM_24":
        return sf.read(frames, dtype="int32", always_2d=True) >> 8
    if subtype == "PCM_32":
        return sf.read(frames, dtype="int32", always_2d=True)
    if subtype == "DOUBLE":
        return sf.read(frames, dtype="float64", always_2d=True)
    return sf.read(frames, dtype="float32", always_2d=True)


def _sample_range(samples, total, path):
    where = "audioread"
    try:
        pair = np.asarray(samples, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        pair = np.array([])
    if pair.size != 2:
        raise OctakdValueError(f"{where}: samples must be [start, end] (1-based, inclusive), got {samples!r}")
    first, last = pair
    if np.isinf(last) and last > 0:
        last = total
    if not (np.isfinite(first) and np.isfinite(last)) or first != int(first) or last != int(last):
        raise OctakdValueError(f"{where}: samples must be whole numbers [start, end], got {samples!r}")
    if not 1 <= first <= last <= total:
        raise OctakdValueError(f"{where}: samples {samples!r} are outside 1..{total} of '{shown(path)}' "
                               f"(the range is 1-based and inclusive, as in Octave)")
    return int(first) - 1, int(last)


def audioinfo(path):
    """Octave's ``audioinfo``: an :class:`AudioInfo` (dict + attributes) with Filename,
    CompressionMethod, NumChannels, SampleRate, TotalSamples, Duration, BitsPerSample
    (-1 when not fixed, e.g. Vorbis), BitRate (-1, as Octave), Title, Artist and Comment."""
    sound = _Sound(path, "audioinfo")
    path = sound.path
    with sound as sf:
        def text(name):
            try:
                return getattr(sf, name) or ""
            except Exception:
                return ""
        return AudioInfo(
            Filename=os.path.abspath(path), CompressionMethod="", NumChannels=sf.channels,
            SampleRate=sf.samplerate, TotalSamples=sf.frames,
            Duration=sf.frames / sf.samplerate, BitsPerSample=_BITS.get(sf.subtype, -1), BitRate=-1,
            Title=text("title"), Artist=text("artist"), Comment=text("comment"))


_AUDIO_FORMATS = {"wav": "WAV", "flac": "FLAC", "ogg": "OGG", "oga": "OGG", "aiff": "AIFF",
                  "aif": "AIFF", "au": "AU"}


def audiowrite(path, y, fs, *args, bits_per_sample=16):
    """Write audio with Octave's argument order: ``audiowrite('out.wav', y, fs)``.

    ``y`` is samples x channels (a 1-D array is mono). Floats are quantised like Octave:
    ``floor(y * 2^(B-1))``, clipped to the integer range without a warning (so 1.0 becomes
    32767 in 16-bit); ``BitsPerSample`` 32 and 64 write float32/float64 samples clipped to
    [-1, 1] (as Octave 7.3 does; 24 gives true 24-bit PCM, where Octave 7.3 writes 32-bit
    integers). Integer y (int16, uint8, int32) is taken as native samples.
    ``BitsPerSample`` is 16 unless given (``bits_per_sample=8`` or Octave's
    ``audiowrite(path, y, fs, 'BitsPerSample', 8)``); the file is written atomically.
    """
    where = "audiowrite"
    path = _path_arg(path, where)
    args = list(args)
    while args:
        if len(args) < 2 or not isinstance(args[0], str) or args[0].lower() != "bitspersample":
            raise OctakdValueError(f"{where}: supported options: 'BitsPerSample', 8/16/24/32/64; got {args!r}")
        bits_per_sample = args[1]
        args = args[2:]
    if isinstance(fs, bool) or not isinstance(fs, numbers.Real) or fs <= 0 or fs != int(fs):
        raise OctakdValueError(f"{where}: fs (the sample rate) must be a positive whole number of Hz, got {fs!r}")
    ext = os.path.splitext(path)[1].lstrip(".").lower()
    if ext not in _AUDIO_FORMATS:
        raise OctakdValueError(f"{where}: cannot tell the audio format of '{shown(path)}'; use .wav, .flac or .ogg")
    bits = bits_per_sample
    if bits not in (8, 16, 24, 32, 64):
        raise OctakdValueError(f"{where}: BitsPerSample must be 8, 16, 24, 32 or 64, got {bits!r}")
    if not isinstance(y, np.ndarray):
        y = np.asarray(y)
    if y.dtype.kind not in "iuf" or y.size == 0:
        raise OctakdTypeError(f"{where}: expected a non-empty numeric samples x channels array, got {describe(y)}")
    y = np.asarray(y)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2:
        raise ShapeError(f"{where}: expected samples x channels, got {describe(y)}")
    if y.shape[1] > 64 and y.shape[0] <= 64:
        raise ShapeError(f"{where}: y has {y.shape[1]} channels and {y.shape[0]} samples; audio is "
                         f"samples x channels, pass y.T")
    if y.dtype.kind in "iu":                     # native integers -> Octave's double scale
        scale = {np.dtype(np.int16): (32768.0, 0), np.dtype(np.uint8): (128.0, 128),
                 np.dtype(np.int32): (2.0 ** 31, 0)}.get(y.dtype)
        if scale is None:
            raise OctakdTypeError(f"{where}: integer samples must be int16, uint8 or int32, got {y.dtype}")
        y = (y.astype(np.float64) - scale[1]) / scale[0]
    y = y.astype(np.float64)
    if not np.all(np.isfinite(y)):
        raise OctakdValueError(f"{where}: the samples contain NaN or Inf")
    fmt = _AUDIO_FORMATS[ext]
    if bits == 64:
        data, subtype = np.clip(y, -1.0, 1.0), "DOUBLE"
    elif bits == 32:
        data, subtype = np.clip(y, -1.0, 1.0).astype(np.float32), "FLOAT"
    elif bits == 8:
        q = np.clip(np.floor(y * 128.0), -128, 127).astype(np.int16)
        data, subtype = q * 256, "PCM_U8" if fmt == "WAV" else "PCM_S8"
    elif bits == 16:
        data, subtype = np.clip(np.floor(y * 32768.0), -32768, 32767).astype(np.int16), "PCM_16"
    else:
        q = np.clip(np.floor(y * 2.0 ** 23), -2 ** 23, 2 ** 23 - 1).astype(np.int32)
        data, subtype = q << 8, "PCM_24"
    if fmt == "OGG":
        data, subtype = y, "VORBIS"
    _atomic_write(path, lambda f: soundfile.write(f, data, int(fs), subtype=subtype, format=fmt), where)
