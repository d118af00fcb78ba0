#!/usr/bin/env bash
# Record GNU Octave's results for tests/test_port_lapack_exact.py: lapack_exact.out (num2hex of
# every result) and lapack_exact.warnings (the singular-matrix warnings, in order).
set -euo pipefail
cd "$(dirname "$0")"
octave --no-gui --quiet --norc lapack_exact.m > lapack_exact.out 2> lapack_exact.err
grep '^warning: matrix' lapack_exact.err > lapack_exact.warnings
rm lapack_exact.err
