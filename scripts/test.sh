#!/usr/bin/env bash
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
run_meson_tests build-ci-gcc

stage "clang, warnings as errors"
rm -rf build-ci-clang
CC=clang meson setup build-ci-clang -Dwerror=true >/dev/null
meson compile -C build-ci-clang
run_meson_tests build-ci-clang

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
