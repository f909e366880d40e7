#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up a fresh Debian 12 machine and runs every test ecskp has: the unit tests and the
# conformance suite under gcc and clang with warnings as errors, and the stages listed below.
# Ends with one line "tests: N passed, N failed". Exit status 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/deps.sh

passed=0
failed=0
stage() { printf '\n=== %s\n' "$*"; }

# meson test in build dir $1; adds its counts to the totals.
run_meson_tests() {
  local dir=$1; shift
  local rc=0
  meson test -C "$dir" --print-errorlogs "$@" || rc=$?
  local p f
  p=$(python3 -c 'import json,sys
n=0
for l in open(sys.argv[1]):
    r=json.loads(l); n+= r["result"] in ("OK","EXPECTEDFAIL")
print(n)' "$dir/meson-logs/testlog.json")
  f=$(python3 -c 'import json,sys
n=0
for l in open(sys.argv[1]):
    r=json.loads(l); n+= r["result"] not in ("OK","EXPECTEDFAIL","SKIP")
print(n)' "$dir/meson-logs/testlog.json")
  passed=$((passed + p)); failed=$((failed + f))
  return $rc
}

stage "gcc, warnings as errors"
rm -rf build-ci-gcc
CC=gcc meson setup build-ci-gcc -Dwerror=true >/dev/null
meson compile -C build-ci-gcc
run_meson_tests build-ci-gcc || true

stage "clang, warnings as errors"
rm -rf build-ci-clang
CC=clang meson setup build-ci-clang -Dwerror=true >/dev/null
meson compile -C build-ci-clang
run_meson_tests build-ci-clang || true

# Runs a script that ends with a line "<label>: N passed, N failed"; adds the counts. A script
# that fails without such a line counts as one failure.
run_counted() {
  local label=$1 log=$2; shift 2
  local rc=0 p f
  "$@" 2>&1 | tee "$log" || rc=$?
  read -r p f < <(sed -n "s/^$label: \([0-9]*\) passed, \([0-9]*\) failed.*$/\1 \2/p" "$log" | tail -n 1) || true
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
  if [ "$rc" -ne 0 ] && [ "${f:-1}" -eq 0 ]; then failed=$((failed + 1)); fi
}

stage "examples: install, pkg-config and subproject consumers, client against a local endpoint"
run_counted examples build-ci-gcc/examples.log bash examples/run_examples.sh build-ci-gcc

for s in format asan valgrind tsan coverage static abi; do
  stage "hardening: scripts/ci/$s.sh"
  run_counted "ci-$s" "build-ci-gcc/ci-$s.log" bash "scripts/ci/$s.sh"
done

stage "conformance: the official SDKs (conformance/RESULTS.md), the standalone runner, the Python example, the suite archive (scripts/ci/conformance_sdk.sh)"
run_counted ci-conformance_sdk build-ci-gcc/ci-conformance_sdk.log \
  env ECSKP="$root/build-ci-gcc/cli/ecskp" bash scripts/ci/conformance_sdk.sh

stage "fuzzing: every harness for ${FUZZ_SECONDS:-60} s under ASan+UBSan (fuzz/smoke.sh)"
rm -rf build-ci-fuzz
fz_rc=0
CC=clang bash fuzz/smoke.sh build-ci-fuzz "${FUZZ_SECONDS:-60}" 2>&1 | tee build-ci-gcc/fuzz.log || fz_rc=$?
fz_ok=$(grep -c ' ok$' build-ci-gcc/fuzz.log || true)
fz_bad=$(grep -c 'FAILED' build-ci-gcc/fuzz.log || true)
if [ "$fz_rc" -ne 0 ] && [ "$fz_bad" -eq 0 ]; then fz_bad=1; fi
passed=$((passed + fz_ok)); failed=$((failed + fz_bad))

stage "fuzzing: ClusterFuzzLite build script, run locally"
if bash fuzz/run_cfl_build_locally.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
