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
    path = TUTORIALS / name
    assert path.exists(), path
    text = path.read_text()
    assert text.startswith("# ---\n# jupyter:") and "format_name: percent" in text and "# %%" in text
    env = dict(os.environ, OCTAKD_FAST="1", MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join([str(TUTORIALS.parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, f"{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.mark.parametrize("name", ["03_knowledge_distillation.py", "04_multimodal_distillation.py"])
def test_tutorial_runs_without_the_extras(name, tmp_path):
    """Stand-in 'matplotlib' and 'sklearn' packages that fail to import (as in a plain
    ``pip install octakd``): the tutorial must still finish."""
    for package in ("matplotlib", "sklearn"):
        fake = tmp_path / "no_extras" / package
        fake.mkdir(parents=True)
        (fake / "__init__.py").write_text(f"raise ImportError('{package} hidden by the test')\n")
    env = dict(os.environ, OCTAKD_FAST="1",
               PYTHONPATH=os.pathsep.join([str(tmp_path / "no_extras"), str(TUTORIALS.parent),
                                           os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, str(TUTORIALS / name)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert "matplotlib is not installed" in done.stdout
