#!/usr/bin/env bash
# Record GNU Octave's output for every data-file probe: NAME.m -> NAME.out (standard output).
# Each probe runs in a fresh copy of this folder, so the files it writes never leak; a probe
# with NAME.stdin reads it as its standard input.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for m in "$here"/*.m; do
  name="$(basename "${m%.m}")"
  work="$(mktemp -d)"
  cp "$here"/*.m "$here"/*.txt "$work"/ 2>/dev/null || true
  input=/dev/null
  [ -f "$here/$name.stdin" ] && input="$here/$name.stdin"
  (cd "$work" && octave --no-gui --quiet --norc --no-window-system "$name.m" < "$input" \
     > "$here/$name.out" 2> /dev/null) || true
  rm -rf "$work"
done
