#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the harnesses with -Dfuzzing=true (clang, libFuzzer, ASan+UBSan) into BUILD_DIR and
# fuzzes each one for SECONDS (default 60), two at a time, with a per-input timeout, an RSS
# limit and leak detection. Fails (exit 1) when any harness finds a crash, a leak, a timeout or
# an out-of-memory, or exits non-zero for any other reason, and, in runs of 60 s or more, when a
# harness ends below its coverage floor (`ft`, fuzz/ft_floor.txt). Prints per harness:
# executions, coverage (cov/ft) and corpus size.
#
#   fuzz/smoke.sh BUILD_DIR [SECONDS] [HARNESS...]
#
# The growing corpus of each harness is kept in BUILD_DIR/fuzz-work/<harness>/corpus (seeded
# from corpus/<harness>/ and fuzz/regressions/<harness>/, which are only read); crash inputs
# land in BUILD_DIR/fuzz-work/<harness>/artifacts/, the log in BUILD_DIR/fuzz-work/<harness>.log.
# JOBS (default 2) sets how many harnesses run at once; SMOKE_NO_BUILD=1 skips the build step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [SECONDS] [HARNESS...]" >&2; exit 2; }
build=$1
secs=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
jobs=${JOBS:-2}
case $build in /*) ;; *) build=$PWD/$build ;; esac

if [ ! -f "$build/build.ninja" ]; then
  CC=${CC:-clang} meson setup "$build" "$root" -Dfuzzing=true -Dtests=false -Dcli=false \
    -Dbench=false >/dev/null
fi
[ -n "${SMOKE_NO_BUILD:-}" ] || meson compile -C "$build" >/dev/null

if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=()
  for f in "$build"/fuzz/fuzz_*; do
    [ -f "$f" ] && [ -x "$f" ] && harnesses+=("${f##*/fuzz_}")
  done
fi
[ ${#harnesses[@]} -gt 0 ] || { echo "smoke: no harness built in $build" >&2; exit 1; }

max_len() {
  case $1 in
    decode*|json) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

dict_args() {
  case $1 in
    decode_json|json) echo "-dict=$root/corpus/json.dict" ;;
    decode_xml|decode|decode_twins) echo "-dict=$root/corpus/xml.dict" ;;
  esac
}

run_one() {
  local h=$1 w="$build/fuzz-work/$1"
  mkdir -p "$w/corpus" "$w/artifacts"
  local rc=0
  # shellcheck disable=SC2046
  ( cd "$w" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(max_len "$h")" -detect_leaks=1 -print_final_stats=1 \
      -artifact_prefix="$w/artifacts/" $(dict_args "$h") \
      "$w/corpus" "$root/corpus/$h" "$root/fuzz/regressions/$h" ) >"$w.log" 2>&1 || rc=$?
  echo "$rc" >"$w.rc"
}

running=0
for h in "${harnesses[@]}"; do
  [ -x "$build/fuzz/fuzz_$h" ] || { echo "smoke: $build/fuzz/fuzz_$h not built" >&2; exit 1; }
  rm -f "$build/fuzz-work/$h.rc"
  run_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

status=0
printf '%-18s %6s %12s %8s %8s %8s  %s\n' harness exit executions cov ft corpus result
for h in "${harnesses[@]}"; do
  w="$build/fuzz-work/$h"
  rc=$(cat "$w.rc" 2>/dev/null || echo 99)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$w.log" | tail -1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$w.log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(find "$w/corpus" -type f | wc -l)
  result=ok
  floor=$(awk -v h="$h" '$1 == h { print $2 }' "$root/fuzz/ft_floor.txt")
  if [ "$rc" != 0 ]; then
    result="FAILED (see $w.log, $w/artifacts/)"
    status=1
  elif [ -n "$floor" ] && [ "$secs" -ge 60 ] && [ "${ft:-0}" -lt "$floor" ]; then
    result="FAILED (ft ${ft:-0} below the floor $floor of fuzz/ft_floor.txt)"
    status=1
  fi
  printf '%-18s %6s %12s %8s %8s %8s  %s\n' "$h" "$rc" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
    "$corp" "$result"
done
exit $status
