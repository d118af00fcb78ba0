"""What every part of the emitter shares: the tables of names it knows, Python's precedence
levels, and the checks that keep the emitted text well-formed.

* ``CONSTANTS``, ``OCTAKD_FUNCTIONS``, ``IMPLICIT``, ``RESERVED``: how a name is spelled in
  Python, and which names a user variable must never take (see ``Emitter.pyname``);
* ``ATOM`` ... ``OR``: precedence levels, to decide parentheses;
* :func:`comment_text`, :func:`bracket_depth`, :func:`check_compiles`: source text made safe
  for a comment, CPython's nesting limit, and a last check that the output compiles.
"""
import keyword

from .errors import PortError
from .source import latin1_byte
from .runtime import __all__ as RUNTIME_NAMES
from .runtime import MULTI_OUTPUT as RUNTIME_MULTI_OUTPUT

# The seed's functions and the rest of octakd's flat API: passed through unchanged.
OCTAKD_FUNCTIONS = {
    "image_input_layer", "conv2d_layer", "relu_layer", "max_pool2d_layer", "text_input_layer",
    "dense_layer", "dropout_layer", "audio_input_layer", "concatenate_layer", "softmax_layer",
    "new_network", "train_model", "calculate_distillation_loss", "optimize_model", "predict",
    "evaluate", "save_model", "load_model", "imread", "audioread", "imresize",
}
# Arguments (0-based) of octakd functions that take a list: a bracket there is a Python list.
LIST_ARGUMENTS = {
    "concatenate_layer": (0,), "train_model": (0,), "calculate_distillation_loss": (2,),
    "optimize_model": (2,), "predict": (1,), "evaluate": (1,),
}
VOID = {"save_model"}
CONSTANTS = {"pi": "pi", "Inf": "inf", "inf": "inf", "NaN": "nan", "nan": "nan", "eps": "eps",
             "true": "True", "false": "False", "stdout": "stdout", "stderr": "stderr",
             "i": "1j", "j": "1j", "I": "1j", "J": "1j", "NA": "NA"}
RUNTIME_CONSTANTS = {"pi", "inf", "nan", "eps", "stdout", "stderr", "NA"}
NOOP_NAMES = {"clc"}
CONSTANT_ARRAYS = {"NaN", "nan", "Inf", "inf", "pi", "true", "false", "eps", "NA"}
MULTI_OUTPUT = RUNTIME_MULTI_OUTPUT
# Helpers the emitter writes on its own (it also writes Python's own ``bool``).
IMPLICIT = {"index", "assign_index", "end_index", "colon", "irange", "columns", "mat", "horzcat",
            "vertcat", "horzcat_or_list", "mtimes", "mrdivide", "mldivide", "mpower",
            "transpose", "ctranspose", "istrue", "logical_not", "logical_and", "logical_or",
            "display", "numel", "size", "bool", "np", "print", "do_string_escapes",
            "rdivide", "power", "value_or_none", "brace", "brace_list", "field", "field_list",
            "assign_path", "path_end", "cell_literal", "display_list", "held_template",
            "first_of", "char_codes", "first_n", "delete_elements", "DELETED",
            "constant_array", "loop_start", "loop_values"}
# Names a user variable must never take in the Python: keywords, and every name the emitted code
# may use on its own (the runtime's helpers, octakd's API, the constants' Python spellings).
RESERVED = (set(keyword.kwlist) | {"True", "False", "None"} | IMPLICIT | set(RUNTIME_NAMES)
            | set(CONSTANTS.values()) | OCTAKD_FUNCTIONS)
CODING_LINE = "# -*- coding: utf-8 -*-"
# CPython refuses more than 200 nested brackets in a line; keep a margin.
MAX_PYTHON_NESTING = 180

# Python precedence levels used to decide parentheses.
ATOM, POW, UNARY, MUL, ADD, CMP, NOT, AND, OR = 100, 90, 80, 70, 60, 40, 30, 20, 10


def comment_text(text):
    """Source text made safe to stand after ``#`` in the emitted Python.

    Every character that is not printable (line and paragraph separators, control characters,
    NUL, bidirectional overrides, no-break spaces...) is written as its Python escape, as ``repr``
    writes it, so a comment can neither end its Python line nor hide what the line says. The
    lexer already ends lines where Octave does (``\\n``, ``\\r``, ``\\r\\n``), which are also
    the only line ends of Python. A byte of a file that was not UTF-8 is shown as Latin-1.
    """
    out = []
    for ch in text:
        ch = latin1_byte(ch) or ch
        out.append(ch if ch.isprintable() or ch == "\t" else repr(ch)[1:-1])
    return "".join(out)


def bracket_depth(code):
    """The deepest nesting of ``( [ {`` in one emitted line, outside its string literals.

    Emitted strings come from ``repr``, so a quote ends one unless a backslash escapes it.
    """
    depth = deepest = 0
    quote = None
    i = 0
    while i < len(code):
        ch = code[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            break
        elif ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
        i += 1
    return deepest


def check_compiles(body, filename):
    """Compile the emitted body; a failure becomes a :class:`PortError` instead of bad output.

    The limits of :mod:`octakd.port.parser` keep real and crafted scripts far from CPython's own
    limits, so this is a last guarantee that ``octakd port`` never prints Python that does not
    compile.
    """
    try:
        compile("\n".join(body) + "\n", "<octakd port>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise PortError(filename, exc.lineno or 1, 1,
                        f"the translation is not valid Python ({exc.msg}); please report this "
                        f"script") from None
    except (RecursionError, MemoryError):
        raise PortError(filename, 1, 1, "the script is nested too deeply for Python to compile "
                                        "it; split long expressions into several statements") from None


def octakd_names():
    """Names octakd exports, when the package is importable (they are all pass-through)."""
    try:
        import octakd
        return set(getattr(octakd, "__all__", ()))
    except Exception:      # the package may be half-written while porting; use the static list
        return set()
