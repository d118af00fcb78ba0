"""``python -m octakd.course grade DIR SUBMISSION --json F`` (what run_autograder calls)."""
import sys

from .cli import main

sys.exit(main())
