"""Shared helpers of the port tests: run a script with ``octakd.port.run_file`` in-process and
return what it printed."""
import io
from contextlib import redirect_stdout

from octakd.port import run_file


def printed(script):
    """Standard output of running the Octave script at ``script``."""
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(script)
    return buf.getvalue()


def run_text(tmp_path, text, name="s.m"):
    """Write ``text`` as ``tmp_path/name``, run it, return what it printed."""
    script = tmp_path / name
    script.write_text(text)
    return printed(script)
