"""Compatibility: the runtime's first single module, now split into concept modules.

New code imports from :mod:`.values`, :mod:`.operators`, :mod:`.show`, :mod:`.text` and
:mod:`.arrays`; this module re-exports them (private helpers included) for older imports.
"""
from .values import *          # noqa: F401,F403
from .values import (_arr, _dims, _is_numeric, _num, _out, _scalar, RangeArray,  # noqa: F401
                     _subscript, _check_bounds, _grow, _fit, _cat)
from .operators import *       # noqa: F401,F403
from .operators import _is_scalar, _div0  # noqa: F401
from .show import *         # noqa: F401,F403
from .show import (_digits, _ld_rd, _special, _format_scalar, _matrix_lines,  # noqa: F401
                      _value_text, PRECISION, TERMINAL_WIDTH)
from .text import *            # noqa: F401,F403
from .text import _parse_format, _convert  # noqa: F401
from .arrays import *          # noqa: F401,F403
from .arrays import _elementwise, _round_half_away, _shape_args  # noqa: F401

__all__ = []
FUNCTIONS = {}
MULTI_OUTPUT = set()
