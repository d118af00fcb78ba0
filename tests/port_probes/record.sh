#!/usr/bin/env bash
# Record GNU Octave's output for every probe: tests/port_probes/NAME.m -> NAME.out.
# Octave's own `pause` waits for a key without a terminal; no probe calls it.
set -euo pipefail
cd "$(dirname "$0")"
for m in *.m; do
  octave --no-gui --quiet --norc --no-window-system "$m" < /dev/null > "${m%.m}.out" 2> /dev/null
done
