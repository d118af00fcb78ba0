"""Octave's clocks: tic, toc, clock, cputime.

``tic`` starts the wall-clock timer (``id = tic`` also returns a uint64 count of microseconds);
``toc`` prints ``Elapsed time is T seconds.`` when its value is not used, else returns T.
"""
import datetime
import sys
import time

import numpy as np

from .core import _scalar

__all__ = ["tic", "toc", "clock", "cputime"]
FUNCTIONS = {"tic": "void", "toc": "void", "clock": "num", "cputime": "scalar"}
MULTI_OUTPUT = {"tic", "toc"}     # called with nargout=0 as statements (toc then prints)

_started = None   # microseconds of the last tic


def _now_us():
    return time.time_ns() // 1000


def tic(nargout=1):
    """Octave's ``tic``: start the timer; the value is the start time as uint64 microseconds."""
    global _started
    _started = _now_us()
    return np.uint64(_started) if nargout else None


def toc(timer=None, nargout=1):
    """Octave's ``toc([id])``: the seconds since ``tic`` (or since the tic that gave id)."""
    if timer is None:
        if _started is None:
            raise ValueError("toc: function called before timer initialization with tic()")
        start = _started
    else:
        start = int(_scalar(timer, "toc"))
    elapsed = (_now_us() - start) / 1e6
    if nargout == 0:
        sys.stdout.write(f"Elapsed time is {elapsed:g} seconds.\n")
        return None
    return elapsed


def clock():
    """Octave's ``clock``: [year month day hour minute seconds] as a 1x6 row."""
    now = datetime.datetime.now()
    return np.array([[now.year, now.month, now.day, now.hour, now.minute,
                      now.second + now.microsecond / 1e6]], dtype=np.float64)


def cputime():
    """Octave's ``cputime``: the processor time used by this process, in seconds."""
    return time.process_time()
