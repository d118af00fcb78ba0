"""benchmarks/bench_e2e.py --quick runs end to end and prints its table (format only: the
timings of a smoke run on 64 samples mean nothing, so no value is asserted)."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_quick_run_prints_the_table():
    out = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "bench_e2e.py"), "--quick",
                          "--no-torch"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert lines[0].startswith("bench_e2e: samples=64 ")
    assert "threads=[1]" in lines[0] and "torch=no" in lines[0]
    rows = [l for l in lines if re.match(r"\| 1 \| (teacher|student) \| ", l)]
    assert len(rows) == 6
    measures = {l.split("|")[3].strip() for l in rows}
    assert measures == {"training, s/epoch", "inference batch 1, µs/sample",
                        "inference batch 256, µs/sample"}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert float(cells[3]) > 0                       # octakd's time: a positive number
        assert cells[4:] == ["-", "-"]                   # no torch column with --no-torch
