#!/usr/bin/env bash
# Record GNU Octave's stdout (NAME.out), stderr (NAME.err) and exit status (NAME.status) for
# every script here. Octave 7.3 ends the stderr of a session that saw an error with
# "error: ignoring const execution_exception& while preparing to exit", and after
# `warning on` it warns about its own close.m at exit: tests/test_port_flow.py drops those
# lines of the session's shutdown before comparing.
set -uo pipefail
cd "$(dirname "$0")"
for m in *.m; do
  octave --no-gui --quiet --norc --no-window-system "$m" < /dev/null > "${m%.m}.out" 2> "${m%.m}.err"
  echo $? > "${m%.m}.status"
done
