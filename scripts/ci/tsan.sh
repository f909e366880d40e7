#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tsan.sh - test_threads (decoding, encoding and signing from several threads at once) built
# with clang under ThreadSanitizer; any report fails the stage. ThreadSanitizer sees only
# instrumented code, so the same test also runs under valgrind's helgrind, which sees the
# uninstrumented system libraries (cJSON, libxml2, libcrypto) too; helgrind.supp holds the one
# known, documented race inside cJSON (SECURITY.md, "Global state").
source "$(dirname "$0")/common.sh"
dir=build-ci-tsan
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:exitcode=66"
rc=0
CC=clang ci_setup "$dir" -Dwerror=true -Dbuildtype=debugoptimized -Db_sanitize=thread \
  -Db_lundef=false -Dcli=false -Dbench=false -Dc_args=-fno-omit-frame-pointer || rc=$?
[ "$rc" -eq 0 ] && { meson compile -C "$dir" codec/tests/test_threads >"$dir/compile.log" 2>&1 || { rc=$?; tail -50 "$dir/compile.log"; }; }
tsan_line="not run"
tsan_rc=1
if [ "$rc" -eq 0 ]; then
  # ThreadSanitizer needs the address-space layout of older kernels; without ASLR it always
  # finds it (Linux 6.x with 32 random mmap bits otherwise fails at start with "unexpected
  # memory mapping").
  norand=()
  if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
    norand=(setarch "$(uname -m)" -R)
  fi
  tsan_rc=0
  "${norand[@]}" "$dir/codec/tests/test_threads" >"$dir/test.log" 2>&1 || tsan_rc=$?
  grep -q "WARNING: ThreadSanitizer" "$dir/test.log" && tsan_rc=1
  [ "$tsan_rc" -eq 0 ] || tail -80 "$dir/test.log"
  tsan_line=$(grep -E "^threads:" "$dir/test.log" || echo "no result")
fi

hg_line="not run"
hg_rc=1
hg="$dir/helgrind"
if CC=gcc ci_setup "$hg" -Dbuildtype=debugoptimized -Dcli=false -Dbench=false &&
   meson compile -C "$hg" codec/tests/test_threads >"$hg/compile.log" 2>&1; then
  hg_rc=0
  ECSKP_TEST_ROUNDS=3 valgrind --tool=helgrind --error-exitcode=1 -q \
    --suppressions="$ci_root/scripts/ci/helgrind.supp" \
    "$hg/codec/tests/test_threads" >"$hg/test.log" 2>&1 || hg_rc=$?
  [ "$hg_rc" -eq 0 ] || tail -80 "$hg/test.log"
  hg_line=$(grep -E "^threads:" "$hg/test.log" || echo "no result")
fi
p=0 f=0
if [ "$tsan_rc" -eq 0 ]; then p=$((p + 1)); else f=$((f + 1)); fi
if [ "$hg_rc" -eq 0 ]; then p=$((p + 1)); else f=$((f + 1)); fi
[ "$f" -eq 0 ] || rc=1
ci_summary tsan "$rc" "$p" "$f" "test_threads under clang TSan: ${tsan_line#threads: }; under helgrind: ${hg_line#threads: }"
