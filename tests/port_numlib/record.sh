#!/usr/bin/env bash
# Record GNU Octave's output for every numeric-library probe: NAME.m -> NAME.out (stdout only).
set -euo pipefail
cd "$(dirname "$0")"
for m in *.m; do
  octave --no-gui --quiet --norc --no-window-system "$m" < /dev/null > "${m%.m}.out" 2> /dev/null || true
done
