"""``python -m octakd ...``: the same command as ``octakd ...``."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
