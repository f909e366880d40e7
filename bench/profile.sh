#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Profiles one workload (or its baseline) of ecskp-bench under callgrind and writes a small text
# summary: instructions per call, and the top functions by exclusive and inclusive share.
#
#   bench/profile.sh BUILD_DIR WORKLOAD [--baseline] [ITERS]   > bench/profiles/WORKLOAD.txt
#
# BUILD_DIR should be a release build with debug info (meson setup B --buildtype=release
# -Ddebug=true) so that function names and files resolve.
set -euo pipefail
build=$1 name=$2; shift 2
side=()
if [ "${1:-}" = "--baseline" ]; then side=(--baseline); shift; fi
iters=${1:-2000}
exe=$build/bench/ecskp-bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # iters outfile
  valgrind --tool=callgrind --callgrind-out-file="$2" "$exe" --profile "$name" "${side[@]}" \
    --iters "$1" >/dev/null 2>"$2.log"
  grep -o 'refs: *[0-9,]*' "$2.log" | tr -d ', ' | cut -d: -f2
}
one=$(run 1 "$tmp/one")
many=$(run "$iters" "$tmp/many")
per_call=$(( (many - one) / (iters - 1) ))

echo "callgrind: ecskp-bench --profile $name ${side[*]} --iters $iters"
echo "instructions per call: $per_call (run of $iters calls minus a run of 1 call, / $((iters - 1)))"
echo "valgrind $(valgrind --version | sed 's/valgrind-//'), $(uname -m)"
echo
echo "== exclusive (self) instructions, whole run, top 20"
callgrind_annotate --auto=no "$tmp/many" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '3,22p' |
  sed -E 's#\[[^]]*\]##; s#(\.\./)+##g; s#\./[a-z]+/\.\./sysdeps/[^:]*/##'
echo
echo "== inclusive instructions, whole run, top 40"
callgrind_annotate --auto=no --inclusive=yes "$tmp/many" 2>/dev/null | sed -n '/file:function/,$p' |
  sed -E 's#\[[^]]*\]##; s#  /[^ ]*/(build-bench[^/]*/)#  \1#' | awk '!seen[$3]++' |
  sed -n '3,42p' | sed -E 's#(\.\./)+##g; s#\./[a-z]+/\.\./sysdeps/[^:]*/##'

# Native time profile, when perf can sample (cpu-clock is a software event: it works in VMs
# without hardware counters). Under valgrind OpenSSL does not see SHA-NI and takes a slower
# path, so the instruction shares above overstate the hashing; these samples do not.
if perf record -q -e cpu-clock -o "$tmp/perf.data" true >/dev/null 2>&1; then
  perf record -q -e cpu-clock -o "$tmp/perf.data" "$exe" --profile "$name" "${side[@]}" \
    --iters $((iters * 20)) >/dev/null 2>&1
  echo
  echo "== perf, cpu-clock samples (native run of $((iters * 20)) calls), by library"
  perf report -i "$tmp/perf.data" --stdio --sort dso 2>/dev/null | grep -v '^#' | grep . | head -8
  echo
  echo "== perf, cpu-clock samples, top 20 symbols"
  perf report -i "$tmp/perf.data" --stdio --sort dso,symbol 2>/dev/null | grep -v '^#' |
    grep . | sed -E "s/ +- +- *$//" | head -20
fi
