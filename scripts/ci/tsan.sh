#!/usr/bin/env bash
# tsan.sh - test_threads (decoding, encoding and signing from several threads at once) built
# with clang under ThreadSanitizer; any report fails the stage.
source "$(dirname "$0")/common.sh"
dir=build-ci-tsan
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:exitcode=66"
rc=0
CC=clang ci_setup "$dir" -Dwerror=true -Dbuildtype=debugoptimized -Db_sanitize=thread \
  -Db_lundef=false -Dcli=false -Dbench=false -Dc_args=-fno-omit-frame-pointer || rc=$?
[ "$rc" -eq 0 ] && { meson compile -C "$dir" codec/tests/test_threads >"$dir/compile.log" 2>&1 || { rc=$?; tail -50 "$dir/compile.log"; }; }
run() { "$dir/codec/tests/test_threads"; }
if [ "$rc" -eq 0 ]; then
  # ThreadSanitizer needs the address-space layout of older kernels; without ASLR it always
  # finds it (Linux 6.x with 32 random mmap bits otherwise fails at start with "unexpected
  # memory mapping").
  if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
    run() { setarch "$(uname -m)" -R "$dir/codec/tests/test_threads"; }
  fi
  run >"$dir/test.log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || tail -80 "$dir/test.log"
  grep -q "WARNING: ThreadSanitizer" "$dir/test.log" && rc=1
fi
line=$(grep -E "^threads:" "$dir/test.log" 2>/dev/null || echo "no result")
ci_summary tsan "$rc" "clang TSan, test_threads: $line"
