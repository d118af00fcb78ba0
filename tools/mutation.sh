#!/usr/bin/env bash
# Mutation testing of octakd's core modules with mutmut 3 (pip install mutmut).
#
#   tools/mutation.sh                                  # every core module (CPU-heavy: hours)
#   tools/mutation.sh octakd/losses.py octakd/text.py  # some of them
#
# Environment: MUTATION_JOBS (parallel test runs, default 2), MUTATION_TIMEOUT (seconds for the
# whole run, default 3600), MUTATION_KEEP=1 to keep the work folder (it is printed),
# MUTATION_ISOLATION (mutmut's process_isolation: 'fork', the default and about 20 times faster,
# or 'forkserver'), MUTATION_NAMES (space-separated mutant name patterns, fnmatch style, to
# mutate only some functions, e.g. 'octakd.training.x_predict* octakd.training.xǁStepGuardǁ*'),
# MUTATION_TESTS (space-separated test files replacing the selection below, e.g. to give the port
# runtime only its direct tests: 'tests/test_port_runtime_ops.py').
#
# The run happens in a throw-away copy of the repository, so neither mutmut's setup.cfg nor its
# mutants/ folder ever touch the working tree. mutmut runs, for each mutant, only the tests that
# reach the mutated function (from the selection below). The Numba kernels (@njit) are not
# mutated: mutmut's trampolines cannot be compiled by Numba; the NumPy twins, which the Numba
# kernels are tested against, are. Results: docs/testing.md, "Mutation testing".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
core=(octakd/losses.py octakd/optim.py octakd/text.py octakd/kernels/geometry.py
      octakd/kernels/conv_numpy.py octakd/kernels/pool_numpy.py octakd/layers/activation.py
      octakd/layers/dense.py octakd/layers/conv.py octakd/layers/pool.py octakd/layers/softmax.py
      octakd/layers/concat.py octakd/layers/dropout.py octakd/training.py
      octakd/port/runtime/*.py)
if [ "$#" -gt 0 ]; then modules=("$@"); else modules=("${core[@]}"); fi
tests=(tests/test_losses.py tests/test_torch_fixtures.py tests/test_hand_computed.py
       tests/test_hand_computed_text.py tests/test_hand_computed_losses.py tests/test_layers_pinned.py tests/test_optim.py tests/test_layers.py tests/test_kernels.py
       tests/test_network.py tests/test_errors.py tests/test_numerical_faults.py tests/test_seed_api.py)
# The port probes (tests/test_port_probes.py) run in forked children, where mutmut cannot see
# which functions a test reaches, so they would only slow the run; the runtime's own tests do.
# tests/test_port.py translates and runs whole scripts: under mutmut's trampolines its stats phase
# alone took over 14 minutes, so a run on port modules only uses the direct, in-process tests.
port_tests=(tests/test_port_runtime_ops.py)
only_port=1
for m in "${modules[@]}"; do case "$m" in octakd/port/*) ;; *) only_port=0 ;; esac; done
if [ "$only_port" = 1 ]; then tests=("${port_tests[@]}")
else case " ${modules[*]} " in *" octakd/port/"*) tests+=(tests/test_port.py "${port_tests[@]}") ;; esac
fi
case " ${modules[*]} " in *" octakd/training.py "*) tests+=(tests/test_checkpoint.py tests/test_training_pinned.py) ;; esac
if [ -n "${MUTATION_TESTS:-}" ]; then read -r -a tests <<< "$MUTATION_TESTS"; fi

work="$(mktemp -d /tmp/octakd-mutation.XXXXXX)"
[ "${MUTATION_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cd "$root"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work"
cd "$work"
rm -rf .venv
{
  echo "[mutmut]"
  echo "source_paths = octakd"
  echo "only_mutate ="; for m in "${modules[@]}"; do echo "    $m"; done
  echo "pytest_add_cli_args_test_selection ="; for t in "${tests[@]}"; do echo "    $t"; done
  echo "pytest_add_cli_args = -p no:cacheprovider"
  echo "process_isolation = ${MUTATION_ISOLATION:-fork}"
} > setup.cfg
echo "mutation testing in $work: ${modules[*]}" >&2
status=0
NUMBA_THREADING_LAYER="${NUMBA_THREADING_LAYER:-workqueue}" OCTAKD_BACKEND=numpy timeout "${MUTATION_TIMEOUT:-3600}" \
    python -m mutmut run --max-children "${MUTATION_JOBS:-2}" ${MUTATION_NAMES:-} > run.log 2>&1 || status=$?
tail -c 300 run.log | tr '\r' '\n' | tail -2 >&2
if [ "$status" = 124 ]; then echo "mutation run stopped by MUTATION_TIMEOUT; the counts cover what ran" >&2; fi
echo "(to see a mutant: cd $work && python -m mutmut show NAME; MUTATION_KEEP=1 keeps the folder)" >&2
python -m mutmut results --all true > results.txt 2>&1 || python -m mutmut results > results.txt 2>&1 || true
echo "== surviving mutants =="
grep -E "survived|no tests|timeout|suspicious" results.txt || echo "(none)"
echo "== counts =="
python - <<'EOF'
import collections, re
counts = collections.Counter()
for line in open("results.txt"):
    m = re.match(r"\s*(\S+): (\w[\w ]*)$", line.rstrip())
    if m:
        counts[m.group(2)] += 1
total = sum(n for status, n in counts.items() if status != "not checked")   # MUTATION_NAMES
killed = counts.get("killed", 0)
print(dict(counts))
if total:
    print(f"score: {killed}/{total} killed = {100 * killed / total:.1f} %")
EOF
