# Makes `python -m pytest tests/public` find layers.py from this folder.
