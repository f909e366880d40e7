#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Keeps a few minimized inputs from a campaign's working corpus as seeds: merges the working
# corpus (BUILD_DIR/fuzz-work/<harness>/corpus, as left by fuzz/smoke.sh) into a copy of the
# committed seeds with libFuzzer's -merge=1, and copies at most MAX (default 30) of the inputs
# that added coverage over the seeds, smallest first, to corpus/<harness>/campaign-<sha1>.
# Runs one fuzzer process. Review and commit the new files.
#
#   fuzz/keep_campaign_inputs.sh BUILD_DIR HARNESS [MAX]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1 h=$2 max=${3:-30}
work=$build/fuzz-work/$h/corpus
[ -d "$work" ] || { echo "no working corpus $work" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecskp-merge.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/seeds" "$tmp/merged"
find "$root/corpus/$h" "$root/fuzz/regressions/$h" -maxdepth 1 -type f ! -name '.*' \
  -exec cp {} "$tmp/seeds/" \;
cp "$tmp/seeds/." "$tmp/merged/" -r
before=$(ls "$tmp/merged" | sort)
max_len=4096
case $h in decode*) max_len=16384 ;; esac
"$build/fuzz/fuzz_$h" -merge=1 -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
  "$tmp/merged" "$work" >"$tmp/merge.log" 2>&1 || { tail -20 "$tmp/merge.log"; exit 1; }
comm -13 <(echo "$before") <(ls "$tmp/merged" | sort) >"$tmp/new"
while read -r f; do
  printf '%s %s\n' "$(stat -c %s "$tmp/merged/$f")" "$f"
done <"$tmp/new" | sort -n >"$tmp/by-size"
head -n "$max" "$tmp/by-size" >"$tmp/keep"
while read -r _ f; do
  cp "$tmp/merged/$f" "$root/corpus/$h/campaign-${f:0:12}"
done <"$tmp/keep"
echo "$h: $(ls "$root/corpus/$h" | grep -c '^campaign-' || true) campaign inputs in corpus/$h"
