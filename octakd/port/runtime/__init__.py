"""The Octave-compatible runtime that scripts ported by ``octakd port`` call.

It is a package of library modules, one per Octave concept. Each module declares:

* ``__all__``: the names a ported script may import from ``octakd.port.runtime``;
* ``FUNCTIONS``: the Octave functions it implements, each with the kind of value it returns
  (``"void"``, ``"str"``, ``"scalar"``, ``"num"``, or ``"same"`` as its first argument), which the
  translator uses to tell calls from indexing and to pick display;
* ``MULTI_OUTPUT``: the functions that take ``nargout=`` for ``[a, b] = f(...)``;
* ``RENAMED`` (optional): Octave names spelled differently in Python (``complex`` -> ``octave_complex``).

This file gathers them into one namespace; a new module is added to ``MODULES`` below.
"""
from . import values, operators, show, text, arrays, integers, complexes, functions
from . import linalg, reductions, elementwise, construct, polynomials, optimise, timing
from . import annotate, fileio, figures, files, handles, introspect, plots
from . import fhandles, quadrature, sets, numextra
from . import chars, strings, regex, charclass
from . import cells, cellstr, structs, show_containers, equality, deletion, asserts
from . import opfuncs, octave_extras, bits
from . import calltrace, errors, evalcall, echelon, system, maps, plots_shapes, axes_ticks, plots_bars

MODULES = [values, operators, show, text, arrays, integers, complexes, functions,
           linalg, reductions, elementwise, construct, polynomials, optimise, timing,
           figures, annotate, plots, handles, files, fileio, introspect, fhandles, quadrature, sets, numextra,
           chars, strings, regex, charclass, cells, cellstr, structs, show_containers,
           equality, deletion, asserts, opfuncs, octave_extras, bits, calltrace, errors,
           evalcall, echelon, system, maps, plots_shapes, axes_ticks, plots_bars]

__all__ = []
FUNCTIONS = {}
MULTI_OUTPUT = set()
RENAMED = {}
for _module in MODULES:
    for _name in _module.__all__:
        globals()[_name] = getattr(_module, _name)
    __all__ += [n for n in _module.__all__ if n not in __all__]
    FUNCTIONS.update(getattr(_module, "FUNCTIONS", {}))
    MULTI_OUTPUT.update(getattr(_module, "MULTI_OUTPUT", ()))  # "set" may be an Octave name here
    RENAMED.update(getattr(_module, "RENAMED", {}))
del _module, _name
