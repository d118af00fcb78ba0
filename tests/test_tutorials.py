"""Every tutorial 01-05 runs as a plain script in fast mode (OCTAKD_FAST=1) and exits with 0."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

TUTORIALS = Path(__file__).resolve().parent.parent / "tutorials"
NAMES = ["01_layers_and_backprop.py", "02_gradient_checking.py", "03_knowledge_distillation.py",
         "04_multimodal_distillation.py", "05_porting_from_octave.py"]


@pytest.mark.parametrize("name", NAMES)
def test_tutorial_runs(name, tmp_path):
    if name.startswith("03"):
        pytest.importorskip("sklearn")
    path = TUTORIALS / name
    assert path.exists(), path
    text = path.read_text()
    assert text.startswith("# ---\n# jupyter:") and "format_name: percent" in text and "# %%" in text
    env = dict(os.environ, OCTAKD_FAST="1", MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join([str(TUTORIALS.parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, f"{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
