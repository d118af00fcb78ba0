"""``octakd port``: translate Octave scripts of the seed's subset to Python, and run them.

>>> from octakd.port import port_source
>>> print(port_source("x = 5\\n", "demo.m").splitlines()[-1])
x = 5; display('x', x)
"""
from .errors import PortError
from .emit import port_source, port_file, run_file

__all__ = ["PortError", "port_source", "port_file", "run_file"]
