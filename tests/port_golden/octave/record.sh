#!/usr/bin/env bash
# Record GNU Octave's output for every golden case: tests/port_golden/octave/NAME.m -> NAME.out,
# which tests/test_port.py compares with `octakd run` (the recorded files were made with GNU
# Octave 7.3). Run it after adding or changing a case, and commit the .out files with it.
set -euo pipefail
cd "$(dirname "$0")"
command -v octave > /dev/null || { echo "record.sh: GNU Octave (octave) is not installed" >&2; exit 1; }
for m in *.m; do
  octave --no-gui --quiet --norc --no-window-system "$m" < /dev/null > "${m%.m}.out"
done
