"""The ``c3_`` probes (fixes found on the third round of real scripts) must run identically.

``tests/test_port_probes.py`` also passes a probe that octakd refuses; these were written for
a fix, so for them a refusal is a failure: each must print exactly GNU Octave 7.3's recorded
``.out`` and exit 0.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBES = Path(__file__).parent / "port_probes"
NAMES = sorted(p.stem for p in PROBES.glob("c3_*.m"))
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", NAMES)
def test_c3_probe_runs_identically(name, tmp_path):
    shutil.copy(PROBES / f"{name}.m", tmp_path / f"{name}.m")
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", f"{name}.m"],
                          cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=120, env=env)
    expected = (PROBES / f"{name}.out").read_bytes()
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout == expected, proc.stderr.decode("utf-8", "replace")
