#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# abi.sh - the shared library's ABI against the committed baseline abi/libecskp.so.1.abi
# (abi/README.md says what is covered and when the baseline is regenerated). A gcc release
# build of the library only, with -g so that libabigail sees the types, then:
#   soname    the soname is libecskp.so.1;
#   symbols   the dynamic symbols it defines (nm -D --defined-only) are exactly the functions
#             declared with ECSKP_API in codec/include/ecskp/*.h and the generated version.h
#             (scripts/ci/api_symbols.py), both ways;
#   abidiff   its ABI (abidw, public types only) against the baseline: an error, a removed or
#             changed function or variable fails; added functions pass and are reported; the
#             changes ecskp.h allows (abi/libecskp.abignore) are not reported;
#   self-test the comparison has teeth: on a copy of the tree, one deliberate change at a
#             time is built and compared with this build's ABI (a frozen struct that grows,
#             a function no longer exported, a member inserted first in a library-allocated
#             struct must fail; the function added back, a member appended to a
#             library-allocated struct, a status appended must pass), and the baseline
#             compared with itself must show no change.
#
#   bash scripts/ci/abi.sh            the check
#   bash scripts/ci/abi.sh --update   writes abi/libecskp.so.1.abi from this build (refused
#                                     unless soname and symbols pass), then runs the check
source "$(dirname "$0")/common.sh"
dir=build-ci-abi
abi_soname=libecskp.so.1
baseline=abi/$abi_soname.abi
suppr=$ci_root/abi/libecskp.abignore
update=0
case "${1:-}" in
  "") ;;
  --update) update=1 ;;
  *) echo "usage: bash scripts/ci/abi.sh [--update]" >&2; exit 2 ;;
esac
build_opts=(-Dbuildtype=release -Dc_args=-g -Dtests=false -Dcli=false -Dbench=false)
p=0 f=0 rc=0
ok() { p=$((p + 1)); echo "abi: $*: ok"; }
bad() { f=$((f + 1)); echo "abi: $*: FAILED"; }

# abi_build SRC BUILD: configures BUILD for the source tree SRC (unless it is configured) and
# builds the shared library; prints the path of its file. On failure the log's tail goes to
# stderr.
abi_build() {
  local src=$1 build=$2
  if [ ! -f "$build/build.ninja" ]; then
    CC=gcc ci_setup "$build" "$src" "${build_opts[@]}" >&2 || return 1
  fi
  meson compile -C "$build" codec/ecskp:shared_library >"$build/compile.log" 2>&1 ||
    { tail -40 "$build/compile.log" >&2; return 1; }
  readlink -f "$build/codec/libecskp.so"
}

# abi_dump LIB SRC BUILD OUT: the ABI of LIB as abixml. Only the exported interfaces and the
# types of the public headers (SRC's codec/include/ecskp and BUILD's generated version.h).
abi_dump() {
  abidw --exported-interfaces-only --drop-private-types \
    --headers-dir "$2/codec/include/ecskp" --headers-dir "$3/codec/include/ecskp" \
    --no-corpus-path --no-comp-dir-path --type-id-style hash --out-file "$4" "$1"
}

# abi_compare OLD NEW LOG: abidiff OLD NEW into LOG; sets abi_rc and abi_verdict (same,
# compatible, incompatible or error) and returns 0 for same and compatible.
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change, 8 incompatible
# change (a removed function or variable, a changed soname). A changed type (a struct that
# grows, a moved member, a changed parameter) is only 4: abidiff cannot tell whether it
# breaks callers, so 4 passes only when the report holds nothing but additions.
# No --headers-dir here: both files already hold the public types only, and a header left
# out of the list would hide the changes of its types.
abi_compare() {
  local old=$1 new=$2 log=$3
  abi_rc=0
  abidiff --no-default-suppression --suppressions "$suppr" "$old" "$new" >"$log" 2>&1 || abi_rc=$?
  if [ "$abi_rc" -eq 0 ]; then
    abi_verdict=same
  elif [ "$abi_rc" -gt 15 ] || [ $((abi_rc & 3)) -ne 0 ]; then
    abi_verdict=error
  elif [ $((abi_rc & 8)) -ne 0 ]; then
    abi_verdict=incompatible
  elif grep -E '^[A-Za-z ]+ changes summary: ' "$log" | grep -qE '(^|[ :])[1-9][0-9]* (Removed|Changed)'; then
    abi_verdict=incompatible
  elif grep -E '^[A-Za-z ]+ changes summary: ' "$log" | grep -qE '(^|[ ,])[1-9][0-9]* Added'; then
    abi_verdict=compatible
  else
    abi_verdict=incompatible # a change the summaries do not account for
  fi
  [ "$abi_verdict" = same ] || [ "$abi_verdict" = compatible ]
}

# ------------------------------------------------------------------------------ the build
rm -rf "$dir"
lib=$(abi_build "$ci_root" "$dir") || { rc=1; lib=; }
so_ok=0 sym_ok=0 soname=none nsym=0
if [ -n "$lib" ]; then
  # soname
  soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
  if [ "$soname" = "$abi_soname" ]; then
    so_ok=1
    ok "soname $soname"
  else
    bad "soname is '${soname:-none}', not $abi_soname"
  fi

  # symbols
  if python3 scripts/ci/api_symbols.py codec/include/ecskp/*.h "$dir/codec/include/ecskp/version.h" \
    >"$dir/declared.txt"; then
    nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$dir/exported.txt"
    not_exported=$(comm -23 "$dir/declared.txt" "$dir/exported.txt")
    not_declared=$(comm -13 "$dir/declared.txt" "$dir/exported.txt")
    nsym=$(grep -c . "$dir/exported.txt" || true)
    if [ -z "$not_exported" ] && [ -z "$not_declared" ]; then
      sym_ok=1
      ok "symbols: the $nsym exported symbols are the $nsym ECSKP_API functions"
    else
      [ -z "$not_exported" ] || { echo "declared with ECSKP_API but not exported:"; echo "$not_exported" | sed 's/^/  /'; }
      [ -z "$not_declared" ] || { echo "exported but not declared with ECSKP_API:"; echo "$not_declared" | sed 's/^/  /'; }
      bad "symbols"
    fi
  else
    bad "symbols: the headers could not be read"
  fi

  abi_dump "$lib" "$ci_root" "$dir" "$dir/current.abi" || { echo "abidw failed"; rm -f "$dir/current.abi"; }
else
  bad "soname: the library did not build"
  bad "symbols: the library did not build"
fi

# ------------------------------------------------------------------------------ --update
if [ "$update" -eq 1 ]; then
  if [ "$so_ok" -eq 1 ] && [ "$sym_ok" -eq 1 ] && [ -s "$dir/current.abi" ]; then
    if [ -f "$baseline" ]; then
      echo "abi: the baseline changes as follows:"
      abi_compare "$baseline" "$dir/current.abi" "$dir/update.log" || true
      cat "$dir/update.log"
      echo "abi: (that was: $abi_verdict, abidiff status $abi_rc)"
    fi
    mkdir -p abi
    cp "$dir/current.abi" "$baseline"
    echo "abi: wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") symbols)"
  else
    echo "abi: not writing $baseline: the build, the soname or the symbols are not right"
    rc=1
  fi
fi

# ------------------------------------------------------------------------------ abidiff
verdict="not compared"
if [ ! -s "$dir/current.abi" ]; then
  bad "abidiff: no ABI dump of this build"
elif [ ! -f "$baseline" ]; then
  bad "abidiff: no baseline $baseline (bash scripts/ci/abi.sh --update writes it)"
elif abi_compare "$baseline" "$dir/current.abi" "$dir/abidiff.log"; then
  verdict=$abi_verdict
  if [ "$abi_verdict" = compatible ]; then
    cat "$dir/abidiff.log"
    echo "abi: compatible additions only; the minor release that makes them regenerates the baseline (bash scripts/ci/abi.sh --update)"
  fi
  ok "abidiff against $baseline: $abi_verdict"
else
  verdict="$abi_verdict (abidiff status $abi_rc)"
  cat "$dir/abidiff.log"
  bad "abidiff against $baseline: $verdict"
fi

# ------------------------------------------------------------------------------ self-test
# st NAME EXPECT: one self-test case, judged by abi_verdict: same or compatible is a pass,
# incompatible a fail; anything else (abidiff's error, a variant that was not built, an edit
# that did not apply) never matches EXPECT (pass or fail).
t=$dir/teeth
st_p=0 st_f=0
st() {
  local name=$1 expect=$2 got=broken
  case "$abi_verdict" in
    same | compatible) got=pass ;;
    incompatible) got=fail ;;
  esac
  if [ "$got" = "$expect" ]; then
    st_p=$((st_p + 1)); ok "self-test: $name: $abi_verdict, as it must be"
  else
    st_f=$((st_f + 1)); [ ! -f "$t/$name.log" ] || cat "$t/$name.log"
    bad "self-test: $name: ${abi_verdict:-not compared}, but it must $expect"
  fi
}
# variant NAME EXPECT FILE SED: FILE of the copy edited by SED (it must change), built,
# dumped and compared with this build's ABI; FILE is restored afterwards.
variant() {
  local name=$1 expect=$2 file=$3 expr=$4 vlib
  abi_verdict=
  cp "$ci_root/$file" "$t/src/$file"
  sed -i "$expr" "$t/src/$file"
  if cmp -s "$ci_root/$file" "$t/src/$file"; then
    abi_verdict="not compared: the edit of $file did not apply"
  elif ! vlib=$(abi_build "$t/src" "$t/build"); then
    abi_verdict="not compared: the variant did not build"
  elif ! abi_dump "$vlib" "$t/src" "$t/build" "$t/$name.abi"; then
    abi_verdict="not compared: abidw failed"
  else
    abi_compare "$dir/current.abi" "$t/$name.abi" "$t/$name.log" || true
  fi
  cp "$ci_root/$file" "$t/src/$file"
  st "$name" "$expect"
}
if [ -s "$dir/current.abi" ]; then
  rm -rf "$t"
  mkdir -p "$t/src"
  git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$t/src" ||
    echo "abi: copying the tree into $t/src failed"
  abi_verdict="not compared: no baseline"
  [ ! -f "$baseline" ] || abi_compare "$baseline" "$baseline" "$t/baseline-itself.log" || true
  # Not even a compatible change: the baseline against itself is the same.
  [ "$abi_verdict" = same ] || abi_verdict="$abi_verdict (not same)"
  st baseline-itself pass
  variant signer-grows fail codec/include/ecskp/sign.h \
    's/^} ecskp_signer;$/    int abi_selftest_member;\n} ecskp_signer;/'
  variant response-member-first fail codec/include/ecskp/decode.h \
    's/^typedef struct ecskp_response {$/&\n    int abi_selftest_member;/'
  variant response-grows pass codec/include/ecskp/decode.h \
    's/^} ecskp_response;$/    int abi_selftest_member;\n} ecskp_response;/'
  variant status-appended pass codec/include/ecskp/status.h \
    '/^#define ECSKP_STATUS_LIST(X)/,/[^\\]$/{/[^\\]$/s/$/ \\\n    X(ERR_ABI_SELFTEST, "abi_selftest", "ABI self-test")/}'
  variant function-hidden fail codec/include/ecskp/status.h \
    's/^ECSKP_API void ecskp_diag_clear(/void ecskp_diag_clear(/'
  # The same change the other way round: a function added.
  abi_verdict="not compared: no function-hidden variant"
  [ ! -s "$t/function-hidden.abi" ] ||
    abi_compare "$t/function-hidden.abi" "$dir/current.abi" "$t/function-added.log" || true
  st function-added pass
else
  abi_verdict="not compared: no ABI dump of this build"
  for n in baseline-itself:pass signer-grows:fail response-member-first:fail response-grows:pass \
    status-appended:pass function-hidden:fail function-added:pass; do
    st "${n%:*}" "${n#*:}"
  done
fi

[ "$f" -eq 0 ] || rc=1
# Checks: soname, symbols, abidiff, and one per self-test case.
ci_summary abi "$rc" "$p" "$f" "soname ${soname:-none}; $nsym exported symbols; against $baseline: $verdict; self-test $st_p of $((st_p + st_f)) as expected"
