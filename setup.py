"""Build hook: the wheel carries the files its commands need as package data.

``octakd seed`` runs ``tutorials/00_seed_listing.py`` on ``data_samples/``. Both live at the
top of the repository (where tutorials and tests read them), so ``build_py`` copies them into
the wheel under ``octakd/_bundled/``, keeping their relative layout; ``octakd/bundled.py``
finds them there with ``importlib.resources`` (or in the checkout, for an editable install).
Everything else is declared in pyproject.toml.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ["tutorials/00_seed_listing.py", "data_samples/image.jpg", "data_samples/audio.wav",
           "data_samples/text.txt", "data_samples/seed_listing.m"]


class build_py_with_bundled_files(build_py):
    """build_py, then copy BUNDLED into <build_lib>/octakd/_bundled/."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return      # an editable install reads them from the checkout
        root = Path(__file__).resolve().parent
        for name in BUNDLED:
            target = Path(self.build_lib) / "octakd" / "_bundled" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, target)


setup(cmdclass={"build_py": build_py_with_bundled_files})
