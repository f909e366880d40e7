#!/usr/bin/env bash
# valgrind.sh - the unit test executables (meson suite `unit`) under valgrind memcheck: zero
# errors and zero leaks of any kind, else the stage fails.
source "$(dirname "$0")/common.sh"
dir=build-ci-valgrind
rc=0
CC=gcc ci_setup "$dir" -Dwerror=true -Dbuildtype=debugoptimized -Dbench=false || rc=$?
[ "$rc" -eq 0 ] && { meson compile -C "$dir" >"$dir/compile.log" 2>&1 || { rc=$?; tail -50 "$dir/compile.log"; }; }
# Still-reachable blocks count as errors too (--errors-for-leak-kinds=all); valgrind.supp lists
# the parser libraries' process-wide tables, each with its reason.
vg="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all --track-origins=yes --num-callers=30 -q --suppressions=$ci_root/scripts/ci/valgrind.supp"
[ "$rc" -eq 0 ] && { meson test -C "$dir" --suite unit --wrapper "$vg" --print-errorlogs \
  --num-processes "$ci_jobs" --timeout-multiplier 10 >"$dir/test.log" 2>&1 || { rc=$?; tail -120 "$dir/test.log"; }; }
read -r p f < <(ci_counts "$dir")
ci_summary valgrind "$rc" "$p" "$f" "unit tests under valgrind memcheck"
