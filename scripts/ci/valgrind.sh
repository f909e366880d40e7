#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind.sh - under valgrind memcheck: the unit test executables (meson suite `unit`), the
# fuzz harnesses replaying their seed corpora and regression inputs (suite `fuzz-replay`), and
# the in-process conformance suite (the test `conformance`; not `conformance-adapter`, whose
# child processes would run outside the wrapper). Zero errors and zero leaks of any kind, else
# the stage fails. The summary counts the tests of both meson runs together.
source "$(dirname "$0")/common.sh"
dir=build-ci-valgrind
rc=0 built=0
CC=gcc ci_setup "$dir" -Dwerror=true -Dbuildtype=debugoptimized -Dbench=false || rc=$?
[ "$rc" -eq 0 ] && { meson compile -C "$dir" >"$dir/compile.log" 2>&1 && built=1 || { rc=$?; tail -50 "$dir/compile.log"; }; }
# Still-reachable blocks count as errors too (--errors-for-leak-kinds=all); valgrind.supp lists
# the parser libraries' process-wide tables, each with its reason.
vg="valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all --track-origins=yes --num-callers=30 -q --suppressions=$ci_root/scripts/ci/valgrind.supp"
p=0 f=0
# vg_run LOG [meson test selection...]: one meson test run under the wrapper; adds its counts
# (meson rewrites its test log on every run, so they are read after each one).
vg_run() {
  local log=$1 t0=$SECONDS trc=0 tp tf; shift
  meson test -C "$dir" "$@" --wrapper "$vg" --print-errorlogs --num-processes "$ci_jobs" \
    --timeout-multiplier 10 >"$dir/$log" 2>&1 || { trc=$?; tail -120 "$dir/$log"; }
  read -r tp tf < <(ci_counts "$dir")
  p=$((p + tp)) f=$((f + tf))
  echo "valgrind: $* : $tp passed, $tf failed in $((SECONDS - t0))s"
  return "$trc"
}
if [ "$built" -eq 1 ]; then
  vg_run test.log --suite unit --suite fuzz-replay || rc=$?
  vg_run test-conformance.log conformance || rc=$?
fi
ci_summary valgrind "$rc" "$p" "$f" "unit tests, fuzz replays and the in-process conformance suite under valgrind memcheck"
