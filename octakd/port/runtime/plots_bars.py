"""Octave's bar charts and histograms (bar, barh's arguments, hist) drawn with matplotlib.

Like the rest of :mod:`.plots`, each draws into the current axes (cleared first unless
``hold`` is on) and returns a graphics handle. ``[nn, xx] = hist(...)`` computes Octave's
counts and centres without drawing (and without matplotlib).
"""
import numpy as np

from . import caller
from .figures import new_plot
from .plots import _handle, _vector, parse_linespec

__all__ = ["bar", "hist"]
FUNCTIONS = {name: "void" for name in __all__}
MULTI_OUTPUT = {"hist"}

MAX_BINS = 10_000_000       # a bound on hist's memory (80 MB of centres)


def bar_data(args, where):
    """The arguments of ``bar``/``barh``: (positions, heights with one column per series,
    bar width as a share of the spacing, matplotlib keywords)."""
    nums = [a for a in args if not isinstance(a, str)]
    strs = [a for a in args if isinstance(a, str)]
    if not nums:
        raise ValueError(f"{where}: expected data to plot")
    width = 0.8
    if len(nums) == 3 or (len(nums) == 2 and np.size(nums[1]) == 1 and np.size(nums[0]) > 1):
        width = float(np.asarray(nums.pop()).reshape(()))
    if len(nums) == 2:
        x, y = _vector(nums[0], where).ravel(), _vector(nums[1], where)
    else:
        y = _vector(nums[0], where)
        x = None
    y = np.atleast_2d(y)
    if y.shape[0] == 1:
        y = y.reshape(-1, 1)
    if x is None:
        x = np.arange(1, y.shape[0] + 1, dtype=np.float64)
    if x.size != y.shape[0]:
        raise ValueError(f"{where}: x has {x.size} values but y has {y.shape[0]} rows")
    kw = {}
    for s in strs:
        if s.lower() in ("grouped", "stacked", "hist", "histc"):
            continue
        spec = parse_linespec(s, where)
        if spec is None or "color" not in spec:
            raise ValueError(f"{where}: unknown option '{s}'")
        kw["color"] = spec["color"]
    return x, y, width, kw


def bar_offsets(x, series, width):
    """(bar thickness, offset of each series): series side by side within ``width`` of the
    smallest spacing of the positions ``x``."""
    step = np.min(np.diff(np.sort(x))) if x.size > 1 else 1.0
    w = width * step / series
    return w, [(j - (series - 1) / 2) * w for j in range(series)]


def bar(*args):
    """Octave's ``bar(y)``, ``bar(x, y)``, ``bar(..., width)``, ``bar(..., 'r')``; a matrix ``y``
    draws grouped bars, one group per row."""
    x, y, width, kw = bar_data(args, "bar")
    ax = new_plot()
    if ax is None:
        return None
    w, offsets = bar_offsets(x, y.shape[1], width)
    for j, offset in enumerate(offsets):
        ax.bar(x + offset, y[:, j], width=w, **kw)
    return _handle(ax)


def _hist_counts(y, bins):
    """Octave's ``hist`` bins: ``n`` bins of equal width over [min, max], centres
    ``min + (max - min) * ((1:n) - 0.5) / n`` (``v - ceil(n/2) + (1:n)`` when every value is v),
    or the given centres. A value on the boundary between two bins counts in the lower one."""
    y = np.asarray(y, dtype=np.float64)
    data = y.ravel() if (y.ndim < 2 or 1 in y.shape) else y
    if bins is None or np.size(bins) == 1:
        n = 10 if bins is None else int(np.asarray(bins).reshape(()))
        if not 1 <= n <= MAX_BINS:
            raise ValueError(f"hist: the number of bins must be in 1..{MAX_BINS}, got {n}")
        lo, hi = np.nanmin(data), np.nanmax(data)
        if lo == hi:
            centres = lo - np.ceil(n / 2) + np.arange(1, n + 1)
        else:
            centres = (hi - lo) * ((np.arange(n) + 0.5) / n) + lo
    else:
        centres = np.sort(np.asarray(bins, dtype=np.float64).ravel())
    cutoff = (centres[:-1] + centres[1:]) / 2

    def count(column):
        column = column[~np.isnan(column)]
        return np.bincount(np.searchsorted(cutoff, column, side="left"),
                           minlength=centres.size).astype(np.float64)
    counts = count(data) if data.ndim == 1 else np.column_stack([count(c) for c in data.T])
    return counts, centres


def hist(y, bins=None, norm=None, nargout=None):
    """Octave's ``hist(y)``, ``hist(y, nbins)``, ``hist(y, centres)``; with outputs
    ``[nn, xx] = hist(...)`` returns the counts and centres (rows) and draws nothing."""
    if nargout is None:
        nargout = caller.result_used()
    counts, centres = _hist_counts(y, bins)
    if norm is not None:
        counts = counts / counts.sum(axis=0) * float(np.asarray(norm).reshape(()))
    if nargout:
        nn = counts.reshape(1, -1) if counts.ndim == 1 else counts
        xx = centres.reshape(1, -1)
        return (nn, xx)[:nargout] if nargout > 1 else nn
    ax = new_plot()
    if ax is None:
        return None
    width = np.min(np.diff(centres)) if centres.size > 1 else 1.0
    cols = counts.reshape(-1, 1) if counts.ndim == 1 else counts
    for j in range(cols.shape[1]):
        ax.bar(centres, cols[:, j], width=width / cols.shape[1])
    return None
