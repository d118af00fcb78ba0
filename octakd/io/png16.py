"""A small decoder for non-interlaced 16-bit PNGs (gray, gray+alpha, RGB, RGBA), because
Pillow reduces 16-bit colour PNGs to 8 bits while Octave returns uint16.

The file is untrusted, so every size is bounded before it is used:
- the header gives width, height and colour type, so the filtered image data has exactly
  ``height * (1 + width * bytes_per_pixel)`` bytes; inflation stops there
  (``zlib.decompressobj`` with ``max_length``), so a small file that inflates to gigabytes
  costs no more than the image its header announces;
- a chunk whose length runs past the end of the file is refused before it is read;
- the image itself must stay under Pillow's ``Image.MAX_IMAGE_PIXELS`` limit, as for every
  other image ``imread`` reads.

Unfiltering (PNG specification, section 9): each row starts with a filter type byte, and the
row's bytes are differences against a predictor built from the byte ``bpp`` to the left (a), the
byte above (b) and the byte above-left (c), all modulo 256:
    0 None: 0        1 Sub: a        2 Up: b        3 Average: floor((a + b) / 2)
    4 Paeth: whichever of a, b, c is nearest to p = a + b - c (ties: a, then b)
Sub and Up are NumPy operations on whole rows. Average and Paeth depend on the byte just
decoded, so they run in a compiled Numba loop (``_unfilter_numba``); ``unfilter_reference`` is
the plain per-byte version kept as the oracle of the tests.
"""
import os
import struct
import zlib

import numpy as np

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
_READ_BLOCK = 1 << 16


class PngError(ValueError):
    """The PNG is damaged or not one this decoder reads (imread turns it into OctakdFileError)."""


def read_png16(f):
    """Decode the 16-bit PNG in the binary file object ``f`` to uint16, H x W or H x W x C."""
    size = os.fstat(f.fileno()).st_size if hasattr(f, "fileno") else None
    f.seek(0)
    if f.read(8) != PNG_SIGNATURE:
        raise PngError("not a PNG file")
    header, rows, produced = None, None, 0
    inflater = zlib.decompressobj()
    while True:
        head = f.read(8)
        if len(head) < 8:
            raise PngError("the file ends before its IEND chunk (truncated)")
        length, kind = struct.unpack(">I4s", head)
        if size is not None and f.tell() + length + 4 > size:
            raise PngError(f"chunk {kind!r} claims {length} bytes, past the end of the file (truncated)")
        if kind == b"IHDR":
            header = _parse_header(f.read(length))
            width, height, channels = header
            rows = np.empty((height, 1 + width * 2 * channels), dtype=np.uint8)
            flat = rows.reshape(-1)
        elif kind == b"IDAT":
            if header is None:
                raise PngError("image data before the IHDR chunk")
            produced = _inflate_chunk(f, length, inflater, flat, produced)
        elif kind == b"IEND":
            break
        else:
            f.seek(length, 1)
        f.seek(4, 1)                                        # CRC
    if header is None:
        raise PngError("no IHDR chunk")
    if produced < rows.size:
        raise PngError(f"image data is truncated: {produced} of {rows.size} bytes")
    width, height, channels = header
    data = unfilter(rows, 2 * channels)
    pixels = data.reshape(height, width, channels, 2)
    result = (pixels[..., 0].astype(np.uint16) << 8) | pixels[..., 1]
    return result[:, :, 0] if channels == 1 else result


def _parse_header(body):
    """(width, height, channels) from an IHDR chunk, checked."""
    if len(body) != 13:
        raise PngError("IHDR chunk has the wrong length")
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
    if depth != 16 or ctype not in _CHANNELS or interlace != 0:
        raise PngError(f"not a non-interlaced 16-bit gray/RGB(A) PNG (depth {depth}, colour type "
                       f"{ctype}, interlace {interlace})")
    if width == 0 or height == 0 or width >= 2**31 or height >= 2**31:
        raise PngError(f"invalid image size {width} x {height}")
    from PIL import Image
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and width * height > 2 * limit:
        raise PngError(f"the image is {width} x {height} pixels, more than the limit of {2 * limit:,} "
                       f"(PIL.Image.MAX_IMAGE_PIXELS, a guard against decompression bombs)")
    return width, height, _CHANNELS[ctype]


def _inflate_chunk(f, length, inflater, out, produced):
    """Inflate one IDAT chunk's ``length`` bytes from ``f`` into ``out[produced:]``, never
    producing more than ``out`` holds. Data past the expected size is ignored (as libpng does).
    Returns the new count of bytes produced."""
    remaining = length
    try:
        while remaining:
            block = f.read(min(remaining, _READ_BLOCK))
            if not block:
                raise PngError("the file ends inside an IDAT chunk (truncated)")
            remaining -= len(block)
            while block and produced < out.size:
                piece = inflater.decompress(block, out.size - produced)   # max_length > 0 here
                out[produced:produced + len(piece)] = np.frombuffer(piece, dtype=np.uint8)
                produced += len(piece)
                block = inflater.unconsumed_tail
    except zlib.error as exc:
        raise PngError(f"the image data is corrupt ({exc})") from None
    if remaining:
        f.seek(remaining, 1)
    return produced


# -- unfiltering ------------------------------------------------------------------------------
def unfilter(rows, bpp):
    """(H, 1 + stride) uint8 filtered rows -> (H, stride) uint8 decoded bytes."""
    kinds = rows[:, 0]
    if kinds.size and int(kinds.max()) > 4:
        bad = int(np.argmax(kinds > 4))
        raise PngError(f"unknown PNG filter type {int(kinds[bad])} on row {bad + 1}")
    out = np.ascontiguousarray(rows[:, 1:])
    if np.all(kinds <= 2):
        return _unfilter_numpy(out, kinds, bpp)
    kernel = _numba_kernel()
    if kernel is None:
        return unfilter_reference(rows, bpp)
    kernel(out, kinds, bpp)
    return out


def _unfilter_numpy(out, kinds, bpp):
    """None, Sub and Up rows only: whole-row NumPy operations (uint8 arithmetic wraps mod 256)."""
    height, stride = out.shape
    for y in range(height):
        if kinds[y] == 1:
            line = out[y].reshape(stride // bpp, bpp)
            np.cumsum(line, axis=0, dtype=np.uint8, out=line)
        elif kinds[y] == 2 and y > 0:
            out[y] += out[y - 1]
    return out


def unfilter_reference(rows, bpp):
    """The plain version of :func:`unfilter`: one byte at a time, as the specification reads."""
    height, stride = rows.shape[0], rows.shape[1] - 1
    out = np.zeros((height, stride), dtype=np.uint8)
    for y in range(height):
        kind = int(rows[y, 0])
        for x in range(stride):
            a = int(out[y, x - bpp]) if x >= bpp else 0
            b = int(out[y - 1, x]) if y > 0 else 0
            c = int(out[y - 1, x - bpp]) if x >= bpp and y > 0 else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) // 2
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            else:
                raise PngError(f"unknown PNG filter type {kind} on row {y + 1}")
            out[y, x] = (int(rows[y, 1 + x]) + pred) & 255
    return out


_KERNEL = []


def _numba_kernel():
    """The compiled in-place unfilter, or None without Numba."""
    if not _KERNEL:
        try:
            from numba import njit
        except ImportError:
            _KERNEL.append(None)
        else:
            _KERNEL.append(njit(cache=True)(_unfilter_inplace))
    return _KERNEL[0]


def _unfilter_inplace(out, kinds, bpp):
    """Decode ``out`` (H, stride) uint8 in place; ``kinds[y]`` is row y's filter type (0..4).
    The sizes are checked here, at the kernel's boundary, so no index can leave the arrays."""
    height, stride = out.shape
    if kinds.shape[0] != height or bpp <= 0 or stride % bpp != 0:
        raise ValueError("unfilter: inconsistent sizes")
    for y in range(height):
        kind = kinds[y]
        for x in range(stride):
            a = np.int32(out[y, x - bpp]) if x >= bpp else np.int32(0)
            b = np.int32(out[y - 1, x]) if y > 0 else np.int32(0)
            if kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) >> 1
            elif kind == 4:
                c = np.int32(out[y - 1, x - bpp]) if (x >= bpp and y > 0) else np.int32(0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                if pa <= pb and pa <= pc:
                    pred = a
                elif pb <= pc:
                    pred = b
                else:
                    pred = c
            else:
                pred = np.int32(0)
            out[y, x] = np.uint8((np.int32(out[y, x]) + pred) & 255)
