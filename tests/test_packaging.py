"""The wheel and the sdist carry what their users need (docs/packaging.md).

- static checks of pyproject.toml, MANIFEST.in and octakd/bundled.py (instant);
- the wheel and the sdist built with ``python -m build`` and their file lists checked (about
  30 s; skipped when the ``build`` package is missing);
- the whole user path, ``.ci/check-dist`` (a fresh venv, the commands from another folder, the
  sdist's tests): minutes, so marked ``packaging`` and run only with OCTAKD_PACKAGING=1 (CI runs
  .ci/check-dist itself)."""
import os
import subprocess
import sys
import ast
import tarfile
import zipfile
from pathlib import Path

import pytest

import octakd
from octakd.bundled import SAMPLES, SEED_LISTING, bundled_path

try:
    import tomllib
except ImportError:                                     # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SAMPLE_FILES = ["image.jpg", "audio.wav", "text.txt", "seed_listing.m"]


def test_dependency_bounds_and_extras():
    deps = PYPROJECT["project"]["dependencies"]
    assert "pillow>=9.1" in deps                       # Image.Resampling appeared in 9.1
    assert any(d.startswith("threadpoolctl>=") for d in deps)
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert any(d.startswith("onnx>=") for d in extras["onnx"])
    assert "torch" not in " ".join(deps)               # never a run-time dependency


def test_markers_are_registered():
    markers = " ".join(PYPROJECT["tool"]["pytest"]["ini_options"]["markers"])
    assert "bigmem:" in markers and "packaging:" in markers


def test_the_version_has_one_source():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "octakd.__version__"}
    assert octakd.__version__.count(".") == 2


def test_threadpoolctl_is_what_the_demo_uses():
    """The declared dependency is the one the demo imports for its one-BLAS-thread setting."""
    source = (ROOT / "octakd" / "demo.py").read_text()
    assert "from threadpoolctl import threadpool_limits" in source


def test_bundled_files_in_a_checkout():
    with bundled_path(SEED_LISTING) as listing:
        assert listing.is_file() and "image_input_layer(1, 3, 224, 224)" in listing.read_text()
    with bundled_path(SAMPLES) as samples:
        for name in SAMPLE_FILES:
            assert (samples / name).is_file()
    with pytest.raises(FileNotFoundError, match="cannot find no/such"):
        with bundled_path("no/such"):
            pass


def test_the_build_hook_bundles_every_file_the_commands_read():
    tree = ast.parse((ROOT / "setup.py").read_text())
    BUNDLED = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                   and node.targets[0].id == "BUNDLED")
    assert sorted(BUNDLED) == sorted([SEED_LISTING] + [f"{SAMPLES}/{n}" for n in SAMPLE_FILES])


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    """(wheel, sdist) built from this tree with ``python -m build``."""
    pytest.importorskip("build", reason="needs the build package (pip install build)")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return next(out.glob("octakd-*.whl")), next(out.glob("octakd-*.tar.gz"))


def _packages():
    """octakd and every folder below it with an __init__.py, as wheel paths."""
    return sorted(str(p.parent.relative_to(ROOT)) for p in (ROOT / "octakd").rglob("__init__.py"))


def test_wheel_contents(dists):
    wheel, _ = dists
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in _packages():
        assert f"{package}/__init__.py" in names, f"the wheel lacks the package {package}"
    assert "octakd/__main__.py" in names and "octakd/onnx_export.py" in names
    assert "octakd/_bundled/tutorials/00_seed_listing.py" in names
    for name in SAMPLE_FILES:
        assert f"octakd/_bundled/data_samples/{name}" in names
        data = zipfile.ZipFile(wheel).read(f"octakd/_bundled/data_samples/{name}")
        assert data == (ROOT / "data_samples" / name).read_bytes()
    assert not any(n.startswith(("tests/", "tutorials/", "data_samples/")) for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: pillow>=9.1" in text and "Requires-Dist: threadpoolctl" in text
    assert "Provides-Extra: onnx" in text
    entry_points = zipfile.ZipFile(wheel).read(metadata.replace("METADATA", "entry_points.txt")).decode()
    assert "octakd = octakd.cli:main" in entry_points


def _tree(folder):
    return {str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
            and "out" not in p.relative_to(ROOT).parts[1:2]}


def test_sdist_contents(dists):
    _, sdist = dists
    with tarfile.open(sdist) as tar:
        prefix = tar.getnames()[0].split("/")[0]
        names = {n[len(prefix) + 1:] for n in tar.getnames()}
    for required in ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", ".ci/run",
                     ".ci/check-dist", "tests/conftest.py", "tests/fixtures/octave_expected.mat",
                     "tutorials/00_seed_listing.py", "data_samples/image.jpg", "docs/packaging.md"]:
        assert required in names, f"the sdist lacks {required}"
    for folder in ["tests", "docs", "tutorials", "data_samples", "benchmarks"]:
        missing = _tree(folder) - names
        assert not missing, f"the sdist lacks {sorted(missing)[:10]}"
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


@pytest.mark.packaging
@pytest.mark.skipif(os.environ.get("OCTAKD_PACKAGING") != "1",
                    reason="minutes; run with OCTAKD_PACKAGING=1 (CI runs .ci/check-dist itself)")
def test_check_dist_script(tmp_path):
    """The wheel in a fresh venv, the commands from another folder, the sdist's tests."""
    done = subprocess.run(["bash", str(ROOT / ".ci" / "check-dist"), str(tmp_path)],
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "student predicts class:       3" in done.stdout
    assert "classes: 10" in done.stdout
