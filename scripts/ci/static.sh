#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# static.sh - clang-tidy (checks in .clang-tidy), cppcheck and the clang static analyzer
# (scan-build) with zero findings, over the shipped code: the library and the ecskp command.
# A suppression is written where it applies (NOLINT / cppcheck-suppress) with its reason on the
# same line.
source "$(dirname "$0")/common.sh"
dir=build-ci-static
rc=0
sources=()
while IFS= read -r f; do sources+=("$f"); done < <(git ls-files -- 'codec/src/*.c' 'cli/*.c' | sort)

# The shipped code: the library and the ecskp command. Tests, fuzz harnesses and benchmarks
# are compiled warning-free with -Werror by the other stages but not analysed here.
targets=(codec/libecskp.a cli/ecskp)

# clang-tidy needs the compile database (and the generated version.h) of a configured build.
CC=clang ci_setup "$dir" -Dwerror=true || rc=$?
[ "$rc" -eq 0 ] && { ninja -C "$dir" "${targets[@]}" >"$dir/compile.log" 2>&1 || { rc=$?; tail -30 "$dir/compile.log"; }; }

tidy_rc=0 tidy_n=1
if [ "$rc" -eq 0 ]; then
  tidy_n=0
  run-clang-tidy -p "$dir" -quiet -j "$ci_jobs" "${sources[@]/#/$ci_root/}" 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >"$dir/clang-tidy.log" || tidy_rc=$?
  tidy_n=$(grep -E '(warning|error): .*\[[a-z][^]]*\]$' "$dir/clang-tidy.log" | sort -u | grep -c . || true)
  if [ "$tidy_rc" -ne 0 ] || [ "$tidy_n" -ne 0 ]; then
    grep -E '(warning|error): ' "$dir/clang-tidy.log" | sed 's|^.*/\.\./||' | sort -u
    [ "$tidy_n" -ne 0 ] || tidy_n=1
  fi
fi

cppcheck_n=0
cppcheck --enable=warning,style,performance,portability --error-exitcode=1 --inline-suppr \
  --std=c11 --quiet -j "$ci_jobs" -D__GNUC__ -DECSKP_HAVE_GETRANDOM=1 \
  -I codec/include -I codec/src -I "$dir/codec/include" \
  --suppress=missingIncludeSystem \
  --template='{file}:{line}: {severity}: {message} [{id}]' \
  "${sources[@]}" >"$dir/cppcheck.log" 2>&1 || true
cppcheck_n=$(grep -cE '^[^ ]+:[0-9]+: ' "$dir/cppcheck.log" || true)
[ "$cppcheck_n" -eq 0 ] || cat "$dir/cppcheck.log"

# The analyzer runs on its own build directory, configured under scan-build, over the same
# targets.
scan_n=0 scan_rc=0
rm -rf "$dir/scan" "$dir/scan-report"
scan-build -o "$dir/scan-report" meson setup "$dir/scan" >/dev/null 2>&1 || scan_rc=$?
if [ "$scan_rc" -eq 0 ]; then
  scan-build -o "$dir/scan-report" --status-bugs --use-cc=clang \
    -enable-checker security.FloatLoopCounter -enable-checker security.insecureAPI.strcpy \
    ninja -C "$dir/scan" "${targets[@]}" >"$dir/scan-build.log" 2>&1 || scan_rc=$?
  scan_n=$(grep -oE 'scan-build: [0-9]+ bugs? found' "$dir/scan-build.log" | grep -oE '[0-9]+' || echo 0)
  if [ "$scan_rc" -ne 0 ]; then
    grep -E 'warning: ' "$dir/scan-build.log" | sort -u
    [ "$scan_n" -ne 0 ] || scan_n=1
  fi
else
  scan_n=1
fi
rm -rf "$dir/scan"

# No global state: the library's objects define no writable data (.data/.bss); tables are
# const and land in .rodata or .data.rel.ro.
state_n=0
if [ -f "$dir/codec/libecskp.a" ]; then
  objdump -t "$dir/codec/libecskp.a" | awk '$4 ~ /^\.(data|bss)($|\.)/ && $4 !~ /rel\.ro/ && $3 == "O"' >"$dir/global-state.log" || true
  state_n=$(wc -l <"$dir/global-state.log")
  [ "$state_n" -eq 0 ] || { echo "writable global data in libecskp.a:"; cat "$dir/global-state.log"; }
else
  state_n=1
fi

total=$((tidy_n + cppcheck_n + scan_n + state_n))
[ "$rc" -eq 0 ] && [ "$total" -ne 0 ] && rc=1
# Four checks: clang-tidy, cppcheck, scan-build, no writable global data.
p=0 f=0
for n in "$tidy_n" "$cppcheck_n" "$scan_n" "$state_n"; do
  if [ "$n" -eq 0 ]; then p=$((p + 1)); else f=$((f + 1)); fi
done
ci_summary static "$rc" "$p" "$f" "findings: clang-tidy $tidy_n, cppcheck $cppcheck_n, scan-build $scan_n over ${#sources[@]} files; writable globals $state_n"
