"""The article's listing (tutorials/00_seed_listing.py) runs on data_samples/ at full layer
sizes with 2 epochs (OCTAKD_FAST=1): about 40 s and 6 GB on 2 cores."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.bigmem      # 6 GB: deselect on a laptop with -m "not bigmem"
def test_seed_listing_runs_in_fast_mode():
    env = dict(os.environ, OCTAKD_FAST="1")
    proc = subprocess.run([sys.executable, str(ROOT / "tutorials" / "00_seed_listing.py")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "teacher parameters:           283,412,170" in out
    assert "distillation loss before:" in out and "distillation loss after:" in out
    assert "student predicts class:       3" in out
    assert "optimize_model: L-BFGS-B on 1,290 parameters (softmax_layer_1)" in out
