"""Bounded reading of MAT v5 files, for load_model: list the variables and their sizes without
inflating them, then read only chosen variables, each inflated no further than the size it
declares (and the caller allows).

MAT v5 layout (MathWorks, "MAT-File Format", section 1): a 128-byte header (text, subsystem
offset, version 0x0100, endian indicator 'IM' or 'MI'), then one data element per variable:
an 8-byte tag (type, byte count) and its bytes. A type 14 (miMATRIX) element holds the variable
directly; a type 15 (miCOMPRESSED) element holds a zlib stream whose content is a miMATRIX
element, whose own tag gives the inflated size. Inside a miMATRIX: array flags, dimensions,
then the name (an miINT8 element, possibly in the 4-byte "small element" form).

scipy.io.loadmat inflates a compressed variable in 128 KB blocks of input, which may each
inflate 1000 times, and trusts the sizes inside it; so each chosen variable is inflated here
(zlib ``max_length``) into a buffer of its declared size, and loadmat reads a small MAT file
made of the header and that one, uncompressed, variable.
"""
import io
import struct
import zlib

MI_MATRIX, MI_COMPRESSED, MI_INT8 = 14, 15, 1
MAX_VARIABLES = 10000
_PEEK = 512                    # inflated bytes enough to reach any sane variable name
_BLOCK = 1 << 16


class MatError(ValueError):
    """The file is not a MAT v5 file load_model can read (load_model words the message)."""


class Variable:
    """One top-level variable: ``name``, ``offset`` and ``length`` of its element in the file,
    whether it is ``compressed``, and ``size``, the byte count of its (inflated) miMATRIX."""

    def __init__(self, name, offset, length, compressed, size):
        self.name, self.offset, self.length = name, offset, length
        self.compressed, self.size = compressed, size


def directory(f, file_size):
    """(header bytes, endian prefix, {name: Variable}) of the MAT v5 file ``f``."""
    f.seek(0)
    header = f.read(128)
    if len(header) < 128:
        raise MatError("the file is shorter than a MAT file header")
    if header[126:128] == b"IM":
        endian = "<"
    elif header[126:128] == b"MI":
        endian = ">"
    else:
        raise MatError("it is not a MAT v5 file (no endian indicator; MAT v4 and v7.3/HDF5 files "
                       "are not octakd model files)")
    variables, pos = {}, 128
    while pos + 8 <= file_size:
        if len(variables) >= MAX_VARIABLES:
            raise MatError(f"it holds more than {MAX_VARIABLES} variables")
        f.seek(pos)
        kind, length = struct.unpack(endian + "II", f.read(8))
        if kind not in (MI_MATRIX, MI_COMPRESSED) or length == 0 or pos + 8 + length > file_size:
            raise MatError(f"the element at byte {pos} (type {kind}, {length} bytes) is not a "
                           f"variable or runs past the end of the file")
        if kind == MI_MATRIX:
            size, head = length, f.read(min(length, _PEEK))
        else:
            head = _inflate(f, pos + 8, length, _PEEK, exact=False)
            if len(head) < 8:
                raise MatError(f"the compressed variable at byte {pos} is damaged")
            inner, size = struct.unpack(endian + "II", head[:8])
            if inner != MI_MATRIX:
                raise MatError(f"the compressed variable at byte {pos} does not hold a matrix")
            head = head[8:]
        name = _name(head, endian)
        if name is None:
            raise MatError(f"the variable at byte {pos} has no readable name")
        variables[name] = Variable(name, pos, length, kind == MI_COMPRESSED, size)
        pos += 8 + length
    return header, endian, variables


def _name(head, endian):
    """The variable name from the first bytes of a miMATRIX's content, or None."""
    try:
        pos = 16                                            # array flags: tag + 8 bytes
        _, n = struct.unpack(endian + "II", head[pos:pos + 8])
        pos += 8 + n + (-n % 8)                             # dimensions, padded to 8
        word, = struct.unpack(endian + "I", head[pos:pos + 4])
        if word >> 16:                                      # small element: size, type, 4 bytes
            n, kind, start = word >> 16, word & 0xFFFF, pos + 4
        else:
            kind, n = struct.unpack(endian + "II", head[pos:pos + 8])
            start = pos + 8
        raw = head[start:start + n]
        if kind != MI_INT8 or len(raw) != n:
            return None
        return raw.decode("ascii")
    except (struct.error, UnicodeDecodeError):
        return None


def _inflate(f, offset, length, limit, exact, out=None, start=0):
    """Inflate the zlib stream of ``length`` bytes at ``offset``, producing at most ``limit``
    bytes (``exact``: exactly ``limit``, else an error), into ``out[start:]`` or a new
    bytearray. Returns the bytes produced (a bytearray) or, with ``out``, their count."""
    given = out is not None
    if not given:
        out = bytearray(limit)
    view = memoryview(out)[start:start + limit]
    produced = 0
    inflater = zlib.decompressobj()
    f.seek(offset)
    remaining = length
    try:
        while remaining and produced < limit:
            block = f.read(min(remaining, _BLOCK))
            if not block:
                break
            remaining -= len(block)
            while block and produced < limit:
                piece = inflater.decompress(block, limit - produced)
                view[produced:produced + len(piece)] = piece
                produced += len(piece)
                block = inflater.unconsumed_tail
    except zlib.error as exc:
        raise MatError(f"compressed data is corrupt ({exc})") from None
    if exact and produced != limit:
        raise MatError(f"a compressed variable inflates to {produced} bytes, not the {limit} it declares")
    if given:
        return produced
    del view
    del out[produced:]
    return out


def read_variables(f, header, endian, variables, names, limit):
    """loadmat's view of the variables ``names`` (those present), each read or inflated in a
    bounded way. ``limit(name)`` is the largest size allowed for a variable (bytes)."""
    import scipy.io
    chosen = [variables[n] for n in names if n in variables]
    for var in chosen:
        if var.size > limit(var.name):
            raise MatError(f"its variable '{var.name}' holds {var.size:,} bytes, more than the "
                           f"{limit(var.name):,} it may hold here")
    if not chosen:
        return {}
    buffer = bytearray(128 + sum(8 + var.size for var in chosen))
    buffer[:128] = header
    pos = 128
    for var in chosen:
        if var.compressed:
            _inflate(f, var.offset + 8, var.length, var.size + 8, exact=True, out=buffer, start=pos)
        else:
            f.seek(var.offset)
            if f.readinto(memoryview(buffer)[pos:pos + 8 + var.size]) != 8 + var.size:
                raise MatError(f"the file ends inside variable '{var.name}'")
        pos += 8 + var.size
    return scipy.io.loadmat(_MemoryFile(buffer), squeeze_me=False, struct_as_record=False,
                            chars_as_strings=True)


class _MemoryFile:
    """A read-only file over a bytearray, without the copy io.BytesIO would make."""

    def __init__(self, data):
        self.data, self.pos = memoryview(data), 0

    def read(self, n=-1):
        end = len(self.data) if n is None or n < 0 else min(len(self.data), self.pos + n)
        chunk = bytes(self.data[self.pos:end])
        self.pos = end
        return chunk

    def seek(self, offset, whence=0):
        base = (0, self.pos, len(self.data))[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self):
        return self.pos

    def close(self):
        pass
