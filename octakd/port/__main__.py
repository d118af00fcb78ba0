"""``python -m octakd.port port script.m`` / ``python -m octakd.port run script.m``."""
import sys

from .cli import main

sys.exit(main())
