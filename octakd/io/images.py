"""Images, as GNU Octave reads and writes them: imread, imwrite, imresize, ind2rgb.

imread returns H x W x C uint8 (H x W for grayscale), bit for bit what Octave 7.3 returns on
every committed fixture (tests/fixtures); see docs/io.md for palette, 16-bit and 1-bit images.
"""
import math
import numbers
import os
import struct
import warnings
import zlib

import numpy as np
from PIL import Image

from ..errors import (
    OctakdError,
    OctakdFileError,
    OctakdTypeError,
    OctakdValueError,
    ShapeError,
    describe,
)
from ..validate import MAX_SIZE
from .files import _atomic_write, _path_arg, _reason, open_regular, shown
from .png16 import read_png16


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
    try:
        with open_regular(path, where) as f, _open_image(f, path) as im:
            _check_image_size(im, f, path)
            im.load()
            img, cmap, alpha = _pixels(im, f, path)
    except OctakdError:
        raise
    except Exception as exc:     # PIL raises OSError, SyntaxError, ValueError, EOFError, ...
        raise OctakdFileError(f"{where}: could not read '{shown(path)}' as an image ({_reason(exc)}); "
                              f"the file may be truncated, corrupt or not an image") from None
    if not (return_map or return_alpha):
        return img
    out = [img]
    if return_map:
        out.append(cmap)
    if return_alpha:
        out.append(alpha)
    return tuple(out)


def _png_header(f):
    """(bit depth, colour type, interlace) of the PNG in the open file ``f``, or None."""
    f.seek(0)
    head = f.read(33)
    if len(head) < 33 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return head[24], head[25], head[28]


# Raster formats Pillow decodes in-process. Others are refused: Pillow hands EPS to the
# Ghostscript program, which would run the PostScript in an untrusted file (a crafted .eps
# given to imread wrote a file through it), and some plugins are rarely exercised.
READ_FORMATS = ("PNG", "JPEG", "MPO", "GIF", "BMP", "DIB", "TIFF", "WEBP", "PPM", "TGA", "ICO",
                "PCX", "SGI", "JPEG2000", "PSD")


def _open_image(f, path):
    from PIL import UnidentifiedImageError
    Image.init()                                   # register every plugin the list names
    try:
        return Image.open(f, formats=[name for name in READ_FORMATS if name in Image.OPEN])
    except UnidentifiedImageError:
        f.seek(0)
        head = f.read(64)
        kind = "it is PostScript, which imread does not run; " if head.startswith(
            (b"%!", b"\xc5\xd0\xd3\xc6")) else ""
        raise OctakdFileError(f"imread: could not read '{shown(path)}' as an image ({kind}the formats "
                              f"imread reads are {', '.join(READ_FORMATS)})") from None


# An image file cannot hold more pixel data than its compression can produce: deflate (PNG,
# TIFF) expands at most 1032 times, LZW (GIF, TIFF) about 2731 times (a 12-bit code for a
# string of at most 4096 bytes). A header that announces more than that, for the file's size,
# belongs to a damaged file or a trap (a few hundred bytes asking for gigabytes, or a TIFF
# whose strips all point at the same data); it is refused before Pillow allocates the image.
_MAX_RATIO = {"PNG": 1032}
_OTHER_MAX_RATIO = 2731
_RATIO_SLACK = 16 << 20
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_BAND_BITS = {"1": 1, "I;16": 16, "I;16B": 16, "I;16L": 16, "I": 32, "F": 32}


def _check_image_size(im, f, path):
    size = os.fstat(f.fileno()).st_size
    width, height = im.size
    bits = _BAND_BITS.get(im.mode, 8) * len(im.getbands())
    if im.format == "PNG":                     # the header's true depth (Pillow may reduce it)
        f.seek(0)
        head = f.read(33)
        f.seek(0)
        if len(head) == 33 and head[12:16] == b"IHDR":
            depth, ctype = head[24], head[25]
            bits = depth * _PNG_CHANNELS.get(ctype, 4)
    raw = height * ((width * bits + 7) // 8)
    if raw > _MAX_RATIO.get(im.format, _OTHER_MAX_RATIO) * size + _RATIO_SLACK:
        raise OctakdFileError(f"imread: '{shown(path)}' announces a {width} x {height} image "
                              f"({raw:,} bytes of pixel data), which a file of {size:,} bytes cannot "
                              f"hold; the file is truncated or corrupt")


def _pixels(im, f, path):
    """(image, colormap or None, alpha or None) as Octave returns them; ``f`` is the open file."""
    mode = im.mode
    if im.format == "PNG":
        header = _png_header(f)
        if header is not None and header[0] == 16 and header[1] in (2, 4, 6):
            if header[2] == 0:
                return _split_alpha(_read_png16(f))
            warnings.warn(f"imread: '{shown(path)}' is an interlaced 16-bit PNG; it was read as 8-bit "
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


def _read_png16(source):
    """A non-interlaced 16-bit PNG (gray, gray+alpha, RGB, RGBA) as uint16, from a path or an
    open binary file; see png16.py (bounded inflation, compiled unfilter)."""
    if hasattr(source, "read"):
        return read_png16(source)
    with open_regular(_path_arg(source, "imread"), "imread") as f:
        return read_png16(f)


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
