#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# asan.sh - the whole meson test suite (unit tests, conformance suite, fuzz replays, examples)
# built with clang under AddressSanitizer + UndefinedBehaviorSanitizer. Any report fails: UBSan
# does not recover (-fno-sanitize-recover=all, halt_on_error=1) and LeakSanitizer is on.
source "$(dirname "$0")/common.sh"
dir=build-ci-asan
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:detect_invalid_pointer_pairs=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=report_objects=1
rc=0
CC=clang ci_setup "$dir" -Dwerror=true -Dbuildtype=debugoptimized \
  -Db_sanitize=address,undefined -Db_lundef=false \
  -Dc_args='-fno-sanitize-recover=all -fno-omit-frame-pointer' \
  -Dc_link_args='-fno-sanitize-recover=all' || rc=$?
[ "$rc" -eq 0 ] && { meson compile -C "$dir" >"$dir/compile.log" 2>&1 || { rc=$?; tail -50 "$dir/compile.log"; }; }
[ "$rc" -eq 0 ] && { meson test -C "$dir" --print-errorlogs --num-processes "$ci_jobs" \
  --timeout-multiplier 3 >"$dir/test.log" 2>&1 || { rc=$?; grep -E "^ *[0-9]+/[0-9]+ .*(FAIL|TIMEOUT|ERROR)" "$dir/test.log" || true; tail -80 "$dir/test.log"; }; }
read -r p f < <(ci_counts "$dir")
ci_summary asan "$rc" "$p" "$f" "meson tests under clang ASan+UBSan"
