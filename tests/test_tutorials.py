"""Every tutorial runs as a plain script in fast mode (OCTAKD_FAST=1) and exits with 0; fast
mode shrinks tutorial 00's model; the prose keeps its formulas in LaTeX and says what fast
mode means."""
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


def _run_fast(name, tmp_path):
    env = dict(os.environ, OCTAKD_FAST="1", MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join([str(TUTORIALS.parent), os.environ.get("PYTHONPATH", "")]))
    env.pop("OCTAKD_EPOCHS", None)
    return subprocess.run([sys.executable, str(TUTORIALS / name)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)


def test_tutorial_00_fast_mode_shrinks_the_model(tmp_path):
    done = _run_fast("00_seed_listing.py", tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "image_input_layer_1     -                           (3, 28, 28)" in out
    assert "audio_input_layer_1     -                           (1, 1, 2205)" in out
    assert "teacher parameters:           10,651,338" in out          # not 283,412,170
    assert "student predicts class:       3" in out and "epochs: 2," in out
    peak_gb = float(out.rsplit("peak memory: ", 1)[1].split()[0])
    assert peak_gb < 2.0


ALL = ["00_seed_listing.py"] + NAMES


@pytest.mark.parametrize("name", ALL)
def test_prose_has_latex_formulas_and_explains_fast_mode(name):
    """Markdown cells write formulas in LaTeX ($...$), and every tutorial says what
    OCTAKD_FAST=1 changes, so a fast run does not contradict its text."""
    text = (TUTORIALS / name).read_text()
    cells = text.split("# %%")
    markdown = "\n".join(c for c in cells if c.startswith(" [markdown]"))
    assert "OCTAKD_FAST=1" in markdown
    if name != "05_porting_from_octave.py":           # 05 is about code, not formulas
        assert "$" in markdown, f"{name}: no LaTeX in the markdown cells"
