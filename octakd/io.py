"""Octave-compatible file I/O: images, audio and saved models.

    img   = imread('image.jpg')           # H x W x C uint8 (H x W for grayscale), as GNU Octave
    img   = imresize(img, [224 224])      # bilinear, same dtype
    imwrite(img, 'out.png')               # Octave's argument order
    audio = audioread('audio.wav')        # samples x channels float64, audio.fs = sample rate
    y, fs = audioread('audio.wav', return_fs=True)
    info  = audioinfo('audio.wav')        # info.SampleRate, info['TotalSamples'], ...
    audiowrite('out.wav', y, fs)          # 16-bit PCM, Octave's quantisation and clipping
    save_model(model, 'student.mat');  model = load_model('student.mat')

The pixel and sample values were checked against GNU Octave 7.3 (tests/fixtures/
octave_expected.mat, recorded by tests/fixtures/record_octave.m). docs/io.md describes the
choices: how the sample rate travels with the samples, and the layout of the model .mat file.
"""
import json
import math
import numbers
import os
import struct
import tempfile
import warnings
import zlib

import numpy as np
import scipy.io
import soundfile
from PIL import Image

from .errors import OctakdError, OctakdFileError, OctakdTypeError, OctakdValueError, ShapeError, describe
from .validate import MAX_SIZE, file_name

FORMAT_MAGIC = "octakd-model"
FORMAT_VERSION = 1


# -- paths and errors -----------------------------------------------------------------------
def _path_arg(path, where):
    """The file name as a str; a clear error for anything that is not a path."""
    return file_name(path, where)


def _require_file(path, where):
    if not os.path.exists(path):
        raise OctakdFileError(f"{where}: unable to find file '{path}'")
    if os.path.isdir(path):
        raise OctakdFileError(f"{where}: '{path}' is a folder, not a file")


def _reason(exc):
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _writable_folder(path, where):
    """Raise OctakdFileError unless the folder that will hold ``path`` exists and is writable."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OctakdFileError(f"{where}: cannot write '{path}': the folder '{folder}' does not exist; "
                              f"create it first (os.makedirs('{folder}'))")
    if not os.access(folder, os.W_OK):
        raise OctakdFileError(f"{where}: cannot write '{path}': the folder '{folder}' is not writable; "
                              f"choose another folder or change its permissions")
    return folder


def _new_file_mode(path):
    """The permissions a plain open(path, 'w') would give: the old file's, else 0666 - umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _atomic_write(path, write, where):
    """Call ``write(fileobj)`` on a temporary file beside ``path``, fsync it, then rename it to
    ``path``. If anything fails, the temporary file is removed and ``path`` is left as it was."""
    folder = _writable_folder(path, where)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    except OSError as exc:
        raise OctakdFileError(f"{where}: cannot write '{path}': {_reason(exc)}; choose another "
                              f"folder or check its permissions") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.chmod(tmp, _new_file_mode(path))    # mkstemp makes 0600 files; act like open()
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.remove(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, OctakdError):
            raise OctakdFileError(f"{where}: writing '{path}' failed ({_reason(exc)}); the previous "
                                  f"file, if any, is unchanged") from None
        raise
    try:                                   # make the rename itself durable (POSIX only)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


# -- images ---------------------------------------------------------------------------------
def imread(path, *, return_map=False, return_alpha=False):
    """Read an image file the way GNU Octave's ``imread`` does.

    Returns (like Octave, checked against Octave 7.3):
    - RGB: H x W x 3 uint8;  grayscale: H x W uint8;  16-bit PNG: uint16 (H x W or H x W x 3);
    - RGBA / gray+alpha: the colour part only (H x W x 3 or H x W); the alpha channel comes with
      ``return_alpha=True``;
    - palette (indexed) images: the H x W uint8 index matrix, 0-based as Octave's uint8 indices,
      with the N x 3 colormap (doubles in [0, 1]) from ``return_map=True``. Use
      ``ind2rgb(img, map)`` to get colours;
    - 1-bit images: an H x W bool array (Octave's logical).
    The first frame of a multi-frame file is read. EXIF orientation is not applied (neither
    does Octave).

    With ``return_map`` and/or ``return_alpha`` the result is a tuple in Octave's order
    ``[img, map, alpha]`` (only the parts asked for); a missing part is None.
    """
    where = "imread"
    path = _path_arg(path, where)
    _require_file(path, where)
    try:
        with Image.open(path) as im:
            im.load()
            img, cmap, alpha = _pixels(im, path)
    except OctakdError:
        raise
    except Exception as exc:     # PIL raises OSError, SyntaxError, ValueError, EOFError, ...
        raise OctakdFileError(f"{where}: could not read '{path}' as an image ({_reason(exc)}); "
                              f"the file may be truncated, corrupt or not an image") from None
    if not (return_map or return_alpha):
        return img
    out = [img]
    if return_map:
        out.append(cmap)
    if return_alpha:
        out.append(alpha)
    return tuple(out)


def _png_header(path):
    """(bit depth, colour type, interlace) of a PNG file, or None."""
    with open(path, "rb") as f:
        head = f.read(33)
    if len(head) < 33 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return head[24], head[25], head[28]


def _pixels(im, path):
    """(image, colormap or None, alpha or None) as Octave returns them."""
    mode = im.mode
    if im.format == "PNG":
        header = _png_header(path)
        if header is not None and header[0] == 16 and header[1] in (2, 4, 6):
            if header[2] == 0:
                return _split_alpha(_read_png16(path))
            warnings.warn(f"imread: '{path}' is an interlaced 16-bit PNG; it was read as 8-bit "
                          f"(Octave returns uint16)", stacklevel=3)
    if mode == "1":
        return np.asarray(im, dtype=bool), None, None
    if mode == "L":
        return np.asarray(im, dtype=np.uint8), None, None
    if mode in ("LA", "La"):
        a = np.asarray(im.convert("LA") if mode == "La" else im)
        return a[:, :, 0].copy(), None, a[:, :, 1].copy()
    if mode in ("P", "PA"):
        a = np.asarray(im)
        index = a if mode == "P" else a[:, :, 0].copy()
        alpha = None if mode == "P" else a[:, :, 1].copy()
        palette = im.getpalette() or []
        channels = len(im.palette.mode) if im.palette is not None else 3
        cmap = np.asarray(palette, dtype=np.float64).reshape(-1, channels)[:, :3] / 255.0
        return index.astype(np.uint8, copy=False), cmap, alpha
    if mode == "RGB":
        return np.asarray(im, dtype=np.uint8), None, None
    if mode in ("RGBA", "RGBa"):
        a = np.asarray(im.convert("RGBA") if mode == "RGBa" else im)
        return a[:, :, :3].copy(), None, a[:, :, 3].copy()
    if mode.startswith("I;16"):
        return np.asarray(im).astype(np.uint16), None, None
    if mode == "I":
        a = np.asarray(im)
        if im.format == "PNG":        # older Pillow reads 16-bit grayscale PNG as mode I
            a = a.astype(np.uint16)
        return a, None, None
    if mode == "F":
        return np.asarray(im, dtype=np.float32), None, None
    if mode == "CMYK":
        return np.asarray(im, dtype=np.uint8), None, None
    return np.asarray(im.convert("RGB"), dtype=np.uint8), None, None


def _split_alpha(a):
    if a.ndim == 3 and a.shape[2] in (2, 4):
        return a[:, :, :-1].copy() if a.shape[2] == 4 else a[:, :, 0].copy(), None, a[:, :, -1].copy()
    return a, None, None


def _read_png16(path):
    """Decode a non-interlaced 16-bit PNG (gray, gray+alpha, RGB, RGBA) to uint16, because
    Pillow reduces 16-bit colour PNGs to 8 bits while Octave returns uint16."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, ctype = header[:4]
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    bpp = 2 * channels
    stride = width * bpp
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)
    if raw.size < height * (stride + 1):
        raise ValueError("image data is truncated")
    rows = raw[:height * (stride + 1)].reshape(height, stride + 1)
    out = np.zeros((height, width, bpp), dtype=np.int64)
    prev = np.zeros((width, bpp), dtype=np.int64)
    for y in range(height):
        kind = rows[y, 0]
        line = rows[y, 1:].astype(np.int64).reshape(width, bpp)
        if kind == 0:
            cur = line
        elif kind == 1:                          # Sub: running sum along the row
            cur = np.cumsum(line, axis=0) & 255
        elif kind == 2:                          # Up
            cur = (line + prev) & 255
        elif kind in (3, 4):                     # Average, Paeth: sequential along the row
            cur = np.empty_like(line)
            left = np.zeros(bpp, dtype=np.int64)
            upleft = np.zeros(bpp, dtype=np.int64)
            for x in range(width):
                up = prev[x]
                if kind == 3:
                    pred = (left + up) >> 1
                else:
                    p = left + up - upleft
                    pa, pb, pc = np.abs(p - left), np.abs(p - up), np.abs(p - upleft)
                    pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, upleft))
                cur[x] = (line[x] + pred) & 255
                left, upleft = cur[x], up
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
        out[y] = cur
        prev = cur
    pixels = out.astype(np.uint8).reshape(height, width, channels, 2)
    result = (pixels[..., 0].astype(np.uint16) << 8) | pixels[..., 1]
    return result[:, :, 0] if channels == 1 else result


def ind2rgb(index, cmap):
    """Octave's ind2rgb for the uint8 (0-based) indices ``imread`` returns: H x W x 3 doubles."""
    index = np.asarray(index)
    cmap = np.asarray(cmap, dtype=np.float64)
    if cmap.ndim != 2 or cmap.shape[1] != 3:
        raise ShapeError(f"ind2rgb: expected an N x 3 colormap, got {describe(cmap)}")
    if index.dtype.kind not in "ui":
        raise OctakdTypeError(f"ind2rgb: expected integer indices (imread's uint8), got {describe(index)}; "
                              f"Octave's 1-based double indices need index - 1")
    idx = np.clip(index.astype(np.int64), 0, len(cmap) - 1)
    return cmap[idx]


_IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "bmp": "BMP", "gif": "GIF",
                  "tif": "TIFF", "tiff": "TIFF", "pgm": "PPM", "ppm": "PPM", "pbm": "PPM", "webp": "WEBP"}


def imwrite(img, path, *args, quality=75):
    """Write an image, with Octave's argument order: ``imwrite(img, 'out.png')``.

    ``img`` is H x W (grayscale) or H x W x 3 / H x W x 4 (RGBA). uint8 is written as is;
    bool as a 1-bit image; floats are taken to be in [0, 1] and scaled to uint8 with rounding and
    clipping (Octave's im2uint8); uint16 gives a 16-bit PNG. The format comes from the file
    extension or an Octave-style format argument (``imwrite(img, 'x', 'png')``). JPEG quality
    is 75 unless given, as in Octave: ``imwrite(img, 'x.jpg', 'Quality', 90)`` or ``quality=90``.
    The file is written atomically (a temporary file, then a rename).
    """
    where = "imwrite"
    if isinstance(img, (str, os.PathLike)) and isinstance(path, np.ndarray):
        raise OctakdTypeError(f"{where}: the image comes first, as in Octave: imwrite(img, '{os.fspath(img)}')")
    path = _path_arg(path, where)
    fmt, args = None, list(args)
    if args and isinstance(args[0], str) and args[0].lower() != "quality":
        fmt = args.pop(0)
    while args:
        if len(args) < 2 or not isinstance(args[0], str):
            raise OctakdValueError(f"{where}: expected name/value options such as 'Quality', 90, got {args!r}")
        name, value = args.pop(0), args.pop(0)
        if name.lower() != "quality":
            raise OctakdValueError(f"{where}: unknown option {name!r}; supported: 'Quality'")
        quality = value
    ext = (fmt or os.path.splitext(path)[1].lstrip(".")).lower()
    if ext not in _IMAGE_FORMATS:
        raise OctakdValueError(f"{where}: cannot tell the image format of '{path}'; use an extension "
                               f"such as .png or .jpg, or pass the format: imwrite(img, path, 'png')")
    pil_format = _IMAGE_FORMATS[ext]
    if isinstance(quality, bool) or not isinstance(quality, numbers.Real) or not 0 <= quality <= 100:
        raise OctakdValueError(f"{where}: Quality must be a number from 0 to 100, got {quality!r}")
    if not isinstance(img, np.ndarray):
        raise OctakdTypeError(f"{where}: expected an image array (H x W or H x W x C), got {describe(img)}")
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (1, 3, 4)) or img.size == 0:
        raise ShapeError(f"{where}: expected an image of H x W or H x W x C with C = 1, 3 or 4, got "
                         f"{describe(img)}; for NCHW data take one image and transpose it: "
                         f"x[0].transpose(1, 2, 0)")
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]

    if img.dtype == np.uint16 and pil_format == "PNG" and img.ndim == 3:
        data = _png16_bytes(img)
        _atomic_write(path, lambda f: f.write(data), where)
        return
    if img.dtype == bool:
        pil = Image.fromarray(img.astype(np.uint8) * 255, "L").convert("1")
    elif img.dtype == np.uint8:
        pil = Image.fromarray(img)
    elif img.dtype == np.uint16:
        if img.ndim == 3 or pil_format not in ("PNG", "TIFF"):
            fmts = "PNG" if img.ndim == 3 else "PNG or TIFF"
            raise OctakdTypeError(f"{where}: this uint16 image can be written as {fmts} only; convert "
                                  f"it for {pil_format}: (img // 257).astype(np.uint8)")
        pil = Image.fromarray(img)
    elif img.dtype.kind == "f":
        if not np.all(np.isfinite(img)):
            raise OctakdValueError(f"{where}: the image contains NaN or Inf")
        pil = Image.fromarray(np.clip(np.round(img.astype(np.float64) * 255.0), 0, 255).astype(np.uint8))
    else:
        raise OctakdTypeError(f"{where}: expected a uint8, uint16, bool or float image, got {img.dtype}; "
                              f"convert it, e.g. img.astype(np.uint8)")
    if pil_format == "JPEG" and pil.mode not in ("L", "RGB"):
        pil = pil.convert("RGB" if pil.mode == "RGBA" else "L")
    options = {"quality": int(quality)} if pil_format in ("JPEG", "WEBP") else {}
    _atomic_write(path, lambda f: pil.save(f, format=pil_format, **options), where)


def _png16_bytes(rgb16):
    """A 16-bit RGB/RGBA PNG (Pillow cannot write one)."""
    h, w, c = rgb16.shape
    raw = b"".join(b"\x00" + np.ascontiguousarray(rgb16[i]).astype(">u2").tobytes() for i in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ctype = 2 if c == 3 else 6
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, ctype, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


_RESAMPLE = {"nearest": Image.Resampling.NEAREST, "bilinear": Image.Resampling.BILINEAR,
             "linear": Image.Resampling.BILINEAR, "bicubic": Image.Resampling.BICUBIC,
             "cubic": Image.Resampling.BICUBIC, "lanczos": Image.Resampling.LANCZOS,
             "box": Image.Resampling.BOX}


def imresize(img, size, method="bilinear"):
    """Resize an H x W or H x W x C image: ``imresize(img, [224 224])`` or ``imresize(img, 0.5)``.

    ``size`` is [rows cols] (one of them may be NaN to keep the aspect ratio, as in Octave) or a
    positive scale factor (the new size is ceil(scale * size), as in Octave and MATLAB).
    ``method`` is 'bilinear' (default), 'nearest', 'bicubic', 'lanczos' or 'box'.

    Each channel goes through Pillow's resampler; the result has the input's dtype (uint8 and
    uint16 are rounded and clipped, floats are computed in float32, bool uses 'nearest').

    Differences from Octave's imresize (image package): Octave's default method is 'cubic',
    ours 'bilinear'; and Pillow widens the filter when shrinking (antialiasing, like MATLAB's
    default) while Octave's interpolation does not, so shrunk images differ from Octave's.
    """
    where = "imresize"
    if not isinstance(img, np.ndarray) or img.dtype.kind not in "biuf":
        raise OctakdTypeError(f"{where}: expected an image array, got {describe(img)}")
    if img.ndim not in (2, 3) or img.shape[0] == 0 or img.shape[1] == 0:
        raise ShapeError(f"{where}: expected an image of H x W or H x W x C, got {describe(img)}")
    if not isinstance(method, str) or method.lower() not in _RESAMPLE:
        raise OctakdValueError(f"{where}: unknown method {method!r}; expected one of {', '.join(_RESAMPLE)}")
    rows, cols = _new_size(img.shape[:2], size, where)
    resample = _RESAMPLE[method.lower()]
    if img.dtype == bool:
        resample = Image.Resampling.NEAREST
    planes = img[:, :, None] if img.ndim == 2 else img
    out = np.empty((rows, cols, planes.shape[2]), dtype=img.dtype)
    for c in range(planes.shape[2]):
        plane = planes[:, :, c]
        if img.dtype == np.uint8:
            out[:, :, c] = np.asarray(Image.fromarray(np.ascontiguousarray(plane), "L").resize((cols, rows), resample))
        elif img.dtype == bool:
            small = Image.fromarray(plane.astype(np.uint8), "L").resize((cols, rows), resample)
            out[:, :, c] = np.asarray(small) > 0
        else:
            f = Image.fromarray(np.ascontiguousarray(plane, dtype=np.float32), "F").resize((cols, rows), resample)
            f = np.asarray(f)
            if img.dtype.kind in "ui":
                info = np.iinfo(img.dtype)
                f = np.clip(np.round(f), info.min, info.max)
            out[:, :, c] = f.astype(img.dtype)
    return out[:, :, 0] if img.ndim == 2 else out


def _new_size(shape, size, where):
    h, w = shape
    if isinstance(size, numbers.Real) and not isinstance(size, bool):
        if not (math.isfinite(size) and size > 0):
            raise OctakdValueError(f"{where}: the scale must be a positive number, got {size!r}")
        rows, cols = max(1, math.ceil(h * size - 1e-9)), max(1, math.ceil(w * size - 1e-9))
        if rows * cols > MAX_SIZE:
            raise OctakdValueError(f"{where}: scaling by {size!r} gives {rows} x {cols} pixels, too "
                                   f"large (at most {MAX_SIZE:,} pixels)")
        return rows, cols
    try:
        pair = np.asarray(size, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        pair = None
    if pair is None or pair.size != 2 or np.all(np.isnan(pair)):
        raise OctakdValueError(f"{where}: expected [rows cols] or a scale factor, got {size!r}; "
                               f"for example imresize(img, [224 224])")
    if np.isnan(pair[0]):
        pair[0] = math.ceil(h * pair[1] / w - 1e-9)
    elif np.isnan(pair[1]):
        pair[1] = math.ceil(w * pair[0] / h - 1e-9)
    if np.any(pair < 1) or np.any(pair != np.round(pair)) or not np.all(np.isfinite(pair)):
        raise OctakdValueError(f"{where}: [rows cols] must be positive whole numbers, got {size!r}")
    if np.any(pair > MAX_SIZE) or pair[0] * pair[1] > MAX_SIZE:
        raise OctakdValueError(f"{where}: the result of {int(pair[0])} x {int(pair[1])} pixels is too "
                               f"large (at most {MAX_SIZE:,} pixels)")
    return int(pair[0]), int(pair[1])


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


def _open_sound(path, where):
    path = _path_arg(path, where)
    _require_file(path, where)
    try:
        return path, soundfile.SoundFile(path)
    except Exception as exc:
        raise OctakdFileError(f"{where}: could not read '{path}' as audio ({_reason(exc)}); the file may "
                              f"be truncated, corrupt or in an unsupported format") from None


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
    path, sf = _open_sound(path, where)
    with sf:
        fs, total, subtype = sf.samplerate, sf.frames, sf.subtype
        start, stop = 0, total
        if samples is not None:
            start, stop = _sample_range(samples, total, path)
        try:
            sf.seek(start)
            if datatype.lower() == "double":
                y = sf.read(stop - start, dtype="float64", always_2d=True)
            else:
                y = _read_native(sf, stop - start, subtype)
        except Exception as exc:
            raise OctakdFileError(f"{where}: could not read the samples of '{path}' ({_reason(exc)}); "
                                  f"the file may be truncated or corrupt") from None
    if y.shape[0] != stop - start:
        raise OctakdFileError(f"{where}: '{path}' is truncated: its header announces {total} samples "
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
        raise OctakdValueError(f"{where}: samples {samples!r} are outside 1..{total} of '{path}' "
                               f"(the range is 1-based and inclusive, as in Octave)")
    return int(first) - 1, int(last)


def audioinfo(path):
    """Octave's ``audioinfo``: an :class:`AudioInfo` (dict + attributes) with Filename,
    CompressionMethod, NumChannels, SampleRate, TotalSamples, Duration, BitsPerSample
    (-1 when not fixed, e.g. Vorbis), BitRate (-1, as Octave), Title, Artist and Comment."""
    path, sf = _open_sound(path, "audioinfo")
    with sf:
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
        raise OctakdValueError(f"{where}: cannot tell the audio format of '{path}'; use .wav, .flac or .ogg")
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


# -- models ---------------------------------------------------------------------------------
def _mat_path(path, where):
    path = _path_arg(path, where)
    return path if os.path.splitext(path)[1] else path + ".mat"


def _cell(strings):
    """A list of str -> an n x 1 object array, which savemat writes as an Octave cell array."""
    cell = np.empty((len(strings), 1), dtype=object)
    for i, s in enumerate(strings):
        cell[i, 0] = s
    return cell


def _scalar_fields(mapping):
    """Keep what Octave shows well in a struct: numbers, strings, lists of numbers."""
    out = {}
    for key, value in mapping.items():
        if not (isinstance(key, str) and key[:1].isalpha() and key.replace("_", "a").isalnum()):
            continue
        if isinstance(value, bool):
            out[key] = np.uint8(value)
        elif isinstance(value, (numbers.Real, str)):
            out[key] = value
        elif isinstance(value, (list, tuple)) and value and all(
                isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
            out[key] = np.asarray(value, dtype=np.float64)[None, :]
    return out


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {describe(value)}")


def _history_matrix(history):
    """list of dicts -> (n x k float64 matrix, k column names); missing values are NaN."""
    columns = []
    for row in history:
        for key in row:
            if key not in columns:
                columns.append(key)
    matrix = np.full((len(history), len(columns)), np.nan)
    for i, row in enumerate(history):
        for j, key in enumerate(columns):
            value = row.get(key)
            if isinstance(value, numbers.Real):
                matrix[i, j] = float(value)
    return matrix, columns


def save_model(model, path):
    """Save a trained model (a Network) to a MAT v5 file that GNU Octave's ``load`` reads.

    ``path`` without an extension gets ``.mat``. The write is atomic: a temporary file in the
    same folder is written, flushed, fsync-ed and renamed over ``path``, so an interrupted save
    leaves the previous file intact. The variables (see docs/io.md):
    ``octakd_format`` ('octakd-model'), ``format_version`` (1), ``octakd_version``, ``name``,
    ``dtype``, ``layer_names``/``layer_classes``/``layer_configs`` (cells; configs as JSON),
    ``config`` (struct of per-layer structs), ``parents`` (cell of 0-based index rows),
    ``params`` (struct: params.<layer name>.W / .b, single or double), ``history`` (matrix) with
    ``history_columns`` (cell), ``history_json``, ``settings`` (struct) with ``settings_json``,
    and ``input_order`` (cell, empty for none).
    """
    where = "save_model"
    from .network import Network
    if not isinstance(model, Network):
        raise OctakdTypeError(f"{where}: expected a model (what train_model returns), got {describe(model)}")
    if not model.built:
        raise OctakdValueError(f"{where}: the model {model.name!r} has no weights yet; train it "
                               f"(train_model) or call build() first")
    path = _mat_path(path, where)
    names = [layer.name for layer in model.layers]
    try:
        configs = [json.dumps(layer.config(), default=_json_default, allow_nan=True) for layer in model.layers]
        history_json = json.dumps(list(model.history), default=_json_default)
        settings_json = json.dumps(dict(model.settings), default=_json_default)
    except (TypeError, ValueError) as exc:
        raise OctakdValueError(f"{where}: the model holds something that cannot be saved ({_reason(exc)}); "
                               f"history and settings may hold numbers and strings only") from None
    params = {}
    for layer in model.layers:
        if layer.params:
            params[layer.name] = {k: np.asarray(v) for k, v in sorted(layer.params.items())}
    history, columns = _history_matrix(model.history)
    parents = np.empty((len(model.layers), 1), dtype=object)
    for i, p in enumerate(model.parents):
        parents[i, 0] = np.asarray(p, dtype=np.float64).reshape(1, -1)
    from . import __version__
    variables = {
        "octakd_format": FORMAT_MAGIC,
        "format_version": np.int32(FORMAT_VERSION),
        "octakd_version": str(__version__),
        "name": str(model.name),
        "dtype": str(np.dtype(model.dtype)),
        "layer_names": _cell(names),
        "layer_classes": _cell([type(layer).__name__ for layer in model.layers]),
        "layer_configs": _cell(configs),
        "config": {layer.name: _scalar_fields(layer.config()) for layer in model.layers},
        "parents": parents,
        "params": params,
        "history": history,
        "history_columns": _cell(columns),
        "history_json": history_json,
        "settings": _scalar_fields(model.settings),
        "settings_json": settings_json,
        "input_order": _cell(list(model.input_order or [])),
    }

    def write(f):
        scipy.io.savemat(f, variables, do_compression=True, oned_as="column", format="5")

    _atomic_write(path, write, where)


def _text(value):
    """A string from loadmat output (1-element str array, str, or empty array)."""
    if isinstance(value, str):
        return value
    arr = np.asarray(value)
    if arr.size == 0:
        return ""
    if arr.dtype.kind == "U":
        return str(arr.ravel()[0])
    raise ValueError(f"expected a string, got {describe(value)}")


def _cell_texts(value):
    arr = np.asarray(value, dtype=object)
    return [_text(v) for v in arr.ravel(order="F")]


def _field(contents, key, path):
    if key not in contents:
        raise OctakdFileError(f"load_model: '{path}' is an octakd model file but its variable '{key}' "
                              f"is missing; the file is damaged, save the model again")
    return contents[key]


def load_model(path):
    """Load a model saved by :func:`save_model`; its predictions equal the saved model's.

    The network is rebuilt layer by layer (``LAYER_CLASSES[class](**config)`` and
    ``Network.add`` with the saved parents), built in the saved dtype, and the saved weights are
    copied in. History, settings and input order are restored. ``path`` without an extension
    also finds ``path + '.mat'`` (as Octave's load does).
    """
    where = "load_model"
    path = _path_arg(path, where)
    if not os.path.exists(path) and not os.path.splitext(path)[1] and os.path.exists(path + ".mat"):
        path = path + ".mat"
    _require_file(path, where)
    try:
        contents = scipy.io.loadmat(path, squeeze_me=False, struct_as_record=False, chars_as_strings=True)
    except Exception as exc:
        raise OctakdFileError(f"{where}: could not read '{path}' as a .mat file ({_reason(exc)}); it may "
                              f"be truncated or corrupt") from None
    try:
        magic = _text(contents.get("octakd_format", ""))
    except ValueError:
        magic = ""
    if magic != FORMAT_MAGIC:
        found = sorted(k for k in contents if not k.startswith("__"))
        shown = ", ".join(found[:8]) + (", ..." if len(found) > 8 else "") or "none"
        raise OctakdFileError(f"{where}: '{path}' is a .mat file but not an octakd model (no "
                              f"octakd_format = '{FORMAT_MAGIC}' marker; its variables: {shown}); "
                              f"load models written by save_model(model, path)")
    try:
        version = int(np.asarray(_field(contents, "format_version", path)).ravel()[0])
    except (ValueError, TypeError, IndexError):
        raise OctakdFileError(f"{where}: '{path}' has an unreadable format_version; the file is damaged") from None
    if version > FORMAT_VERSION:
        raise OctakdFileError(f"{where}: '{path}' was written by a newer octakd (format {version}); this "
                              f"octakd reads format {FORMAT_VERSION}; upgrade octakd")
    if version < 1:
        raise OctakdFileError(f"{where}: '{path}' has an invalid format_version {version}")
    try:
        return _rebuild(contents, path)
    except OctakdFileError:
        raise
    except Exception as exc:
        raise OctakdFileError(f"{where}: '{path}' is an octakd model but it is damaged or inconsistent "
                              f"({_reason(exc)}); save the model again") from None


def _rebuild(contents, path):
    from .layers import LAYER_CLASSES
    from .network import Network
    names = _cell_texts(_field(contents, "layer_names", path))
    classes = _cell_texts(_field(contents, "layer_classes", path))
    configs = [json.loads(c) for c in _cell_texts(_field(contents, "layer_configs", path))]
    parents = [np.asarray(p, dtype=np.float64).ravel().astype(int).tolist()
               for p in np.asarray(_field(contents, "parents", path), dtype=object).ravel(order="F")]
    if not (len(names) == len(classes) == len(configs) == len(parents)) or not names:
        raise ValueError(f"{len(names)} layer names, {len(classes)} classes, {len(configs)} configs and "
                         f"{len(parents)} parent lists")
    net = Network(_text(_field(contents, "name", path)))
    branches = []
    for i, (cls_name, config, par) in enumerate(zip(classes, configs, parents)):
        if cls_name not in LAYER_CLASSES:
            raise ValueError(f"unknown layer class {cls_name!r}")
        layer = LAYER_CLASSES[cls_name](**config)
        if any(p < 0 or p >= i for p in par):
            raise ValueError(f"layer {i + 1} reads from nodes {par}")
        inputs = None if layer.is_input else (
            [branches[p] for p in par] if len(par) > 1 or cls_name == "Concatenate" else branches[par[0]])
        branches.append(net.add(layer, inputs))
    for layer, name in zip(net.layers, names):
        layer.name = name
    net.build(np.dtype(_text(_field(contents, "dtype", path))), seed=0)
    saved = _field(contents, "params", path)
    saved = saved[0, 0] if isinstance(saved, np.ndarray) and saved.size == 1 else saved
    for layer in net.layers:
        if not layer.params:
            continue
        group = getattr(saved, layer.name, None)
        if group is None:
            raise ValueError(f"no weights for {layer.name}")
        group = group[0, 0] if isinstance(group, np.ndarray) else group
        for key, target in layer.params.items():
            value = getattr(group, key, None)
            if value is None:
                raise ValueError(f"no {key} for {layer.name}")
            value = np.asarray(value)
            if value.size != target.size:
                raise ValueError(f"{layer.name}.{key} has {value.size} values, the layer needs "
                                 f"{target.shape}")
            target[...] = value.reshape(target.shape)   # in place: Softmax shares its Dense's dict
    net.history = json.loads(_text(contents.get("history_json", "[]")) or "[]")
    net.settings = json.loads(_text(contents.get("settings_json", "{}")) or "{}")
    order = _cell_texts(contents.get("input_order", np.empty((0, 1), dtype=object)))
    net.input_order = order or None
    return net
