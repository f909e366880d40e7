#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# format.sh - every C source and header the repository tracks is formatted as .clang-format
# says (clang-format 14, Debian 12's); the stage fails on the first difference and prints it.
# Templates (*.in) are left out: their @TOKENS@ are not C.
source "$(dirname "$0")/common.sh"
p=0 f=0
while IFS= read -r file; do
  if clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
    p=$((p + 1))
  else
    f=$((f + 1))
    echo "format: $file differs from clang-format; run: clang-format -i $file"
    clang-format "$file" | diff -u "$file" - | head -20 || true
  fi
done < <(git ls-files '*.c' '*.h')
rc=0
[ "$f" -eq 0 ] || rc=1
# One check: the tree is formatted.
ci_summary format "$rc" $((1 - rc)) "$rc" "$p of $((p + f)) files formatted as .clang-format says"
