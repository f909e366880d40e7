#!/usr/bin/env bash
# Copies every conformance body (conformance/**/*.json and *.xml, tools/ excepted) into the
# seed corpora, named after its path: corpus/decode_json/conformance__<path>.json,
# corpus/decode_xml/conformance__<path>.xml, and both into corpus/decode/ behind the
# 10-byte options header of fuzz_decode.c (format bit set for XML, everything else default).
# Idempotent: previous conformance__* seeds are replaced. The result is committed.
# The documented examples are written by fuzz/make_seeds.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rm -f corpus/decode_json/conformance__* corpus/decode_xml/conformance__* \
  corpus/decode/conformance__*
n=0
while IFS= read -r f; do
  rel=${f#conformance/}
  name=conformance__$(printf '%s' "$rel" | tr '/ ' '__')
  case $f in
    *.json)
      cp "$f" "corpus/decode_json/$name"
      { printf '\000\000\000\000\000\000\000\000\000\000'; cat "$f"; } >"corpus/decode/$name"
      ;;
    *.xml)
      cp "$f" "corpus/decode_xml/$name"
      { printf '\001\000\000\000\000\000\000\000\000\000'; cat "$f"; } >"corpus/decode/$name"
      ;;
  esac
  n=$((n + 1))
done < <(find conformance -path conformance/tools -prune -o -type f \
           \( -name '*.json' -o -name '*.xml' \) -print | sort)
echo "make_corpus: $n conformance bodies copied"
