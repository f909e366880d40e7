#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs .clusterfuzzlite/build.sh on this machine the way OSS-Fuzz/ClusterFuzzLite would
# (clang, ASan+UBSan, libFuzzer), into a temporary OUT, and checks that every harness in
# fuzz/fuzz_*.c was built with its options file and seed corpus. Needs clang, meson, ninja,
# pkg-config, zip and the library's -dev packages. Prints the OUT directory; KEEP_OUT=1 keeps it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecskp-cfl.XXXXXX")
cleanup() { [ -n "${KEEP_OUT:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/src" "$tmp/out" "$tmp/work"
ln -s "$repo" "$tmp/src/ecskp"

export CC=clang CXX=clang++
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
san="$san -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only $san"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
export SRC=$tmp/src OUT=$tmp/out WORK=$tmp/work

bash "$repo/.clusterfuzzlite/build.sh"

missing=0
for src in "$repo"/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  for f in "$OUT/$name" "$OUT/$name.options" "$OUT/${name}_seed_corpus.zip"; do
    if [ ! -s "$f" ]; then
      echo "cfl-local: missing $f" >&2
      missing=1
    fi
  done
  [ -x "$OUT/$name" ] || { echo "cfl-local: $OUT/$name is not executable" >&2; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1
echo "cfl-local: every harness built in $OUT"
ls -1 "$OUT" | grep -v '^\.' | sed 's/^/  /'
