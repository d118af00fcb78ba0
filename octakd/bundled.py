"""The files octakd's commands need beyond its code: the seed listing and ``data_samples/``.

In a wheel they are package data under ``octakd/_bundled/`` (copied there at build time by
setup.py, with their layout kept: ``tutorials/00_seed_listing.py`` and ``data_samples/``),
read with :mod:`importlib.resources`. In a source checkout (``pip install -e .`` or
``PYTHONPATH``) they are the repository's own ``tutorials/`` and ``data_samples/``.
"""
import contextlib
from importlib import resources
from pathlib import Path

SEED_LISTING = "tutorials/00_seed_listing.py"
SAMPLES = "data_samples"


@contextlib.contextmanager
def bundled_path(name):
    """A real file-system path to the bundled file or folder ``name`` (e.g. ``SEED_LISTING``),
    valid inside the ``with`` block. Raises FileNotFoundError naming where it looked."""
    packaged = resources.files("octakd").joinpath("_bundled", *name.split("/"))
    if packaged.is_file() or packaged.is_dir():
        with resources.as_file(packaged) as path:
            yield Path(path)
        return
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.exists():
        yield checkout
        return
    raise FileNotFoundError(f"octakd: cannot find {name}: not in the installed package "
                            f"({packaged}) nor in a source checkout ({checkout}); reinstall octakd")
