#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# Builds every ecskp fuzz harness into $OUT, each with its dictionary, options and seed corpus.
#
# Runs inside the OSS-Fuzz/ClusterFuzzLite base-builder image (see Dockerfile) and locally
# (fuzz/run_cfl_build_locally.sh) with the usual variables: CC, CXX, CFLAGS, CXXFLAGS,
# LIB_FUZZING_ENGINE, OUT, SRC (and WORK when set; a directory under $OUT otherwise).
#
# Steps: (1) when $SRC/cjson holds cJSON's sources (the Docker image), build cJSON with the
# sanitizer flags and point pkg-config at it; otherwise the system's libcjson is used;
# (2) configure ecskp with meson (static, no tests/CLI/benchmarks) and build only the static
# library, with CFLAGS from the environment (sanitizers + coverage); (3) compile each
# fuzz/fuzz_<name>.c with $CC $CFLAGS and link it with $CXX $CXXFLAGS $LIB_FUZZING_ENGINE
# into $OUT/fuzz_<name> (-DFUZZ_HAVE_LIBCRYPTO: libcrypto is always linked here, so fuzz_sign
# recomputes the HMACs with it); (4) add fuzz_<name>.dict, fuzz_<name>.options and
# fuzz_<name>_seed_corpus.zip (corpus/<name>/ and fuzz/regressions/<name>/).

if [ -d "$SRC/ecskp" ]; then
  repo=$SRC/ecskp
else
  repo=$(cd "$(dirname "$0")/.." && pwd)
fi
work=${WORK:-$OUT/.work}
mkdir -p "$work" "$OUT"

# (1) cJSON
if [ -f "$SRC/cjson/cJSON.c" ]; then
  deps=$work/deps
  mkdir -p "$deps/lib/pkgconfig" "$deps/include/cjson"
  $CC $CFLAGS -c "$SRC/cjson/cJSON.c" -o "$work/cJSON.o"
  ar rcs "$deps/lib/libcjson.a" "$work/cJSON.o"
  cp "$SRC/cjson/cJSON.h" "$deps/include/cjson/"
  cat >"$deps/lib/pkgconfig/libcjson.pc" <<PC
prefix=$deps
libdir=\${prefix}/lib
includedir=\${prefix}/include
Name: libcjson
Description: Ultralightweight JSON parser in ANSI C
Version: 1.7.15
Libs: -L\${libdir} -lcjson
Cflags: -I\${includedir} -I\${includedir}/cjson
PC
  export PKG_CONFIG_PATH=$deps/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
fi

# (2) the library
build=$work/build
rm -rf "$build"
meson setup "$build" "$repo" --buildtype=plain -Ddefault_library=static -Db_pie=false \
  -Dtests=false -Dcli=false -Dbench=false -Dfuzzing=false >"$work/meson-setup.log" 2>&1 ||
  { cat "$work/meson-setup.log"; exit 1; }
ninja -C "$build" codec/libecskp.a >/dev/null

incs=(-I"$repo/codec/include" -I"$repo/codec/src" -I"$build/codec/include" -I"$repo/fuzz")
# shellcheck disable=SC2207
dep_cflags=($(pkg-config --cflags libcjson libxml-2.0))
# shellcheck disable=SC2207
dep_libs=($(pkg-config --static --libs libcjson libxml-2.0 libcrypto))

# (3) and (4) the harnesses
count=0
for src in "$repo"/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  h=${name#fuzz_}
  $CC $CFLAGS -std=c11 -D_POSIX_C_SOURCE=200809L -DFUZZ_HAVE_LIBCRYPTO "${incs[@]}" \
    "${dep_cflags[@]}" -c "$src" -o "$work/$name.o"
  $CXX $CXXFLAGS "$work/$name.o" "$build/codec/libecskp.a" "${dep_libs[@]}" \
    $LIB_FUZZING_ENGINE -o "$OUT/$name"
  case $h in
    decode_json|json) cp "$repo/corpus/json.dict" "$OUT/$name.dict" ;;
    decode*) cp "$repo/corpus/xml.dict" "$OUT/$name.dict" ;;
  esac
  case $h in
    decode*|json) max_len=16384 ;;
    *) max_len=4096 ;;
  esac
  printf '[libfuzzer]\nmax_len = %s\ntimeout = 10\nrss_limit_mb = 2048\n' "$max_len" \
    >"$OUT/$name.options"
  rm -f "$OUT/${name}_seed_corpus.zip"
  seeds=()
  for d in "$repo/corpus/$h" "$repo/fuzz/regressions/$h"; do
    [ -d "$d" ] && while IFS= read -r f; do seeds+=("$f"); done \
      < <(find "$d" -maxdepth 1 -type f ! -name '.*' ! -name 'README*' | sort)
  done
  if [ ${#seeds[@]} -gt 0 ]; then
    zip -q -j "$OUT/${name}_seed_corpus.zip" "${seeds[@]}"
  fi
  count=$((count + 1))
done
echo "build.sh: $count harnesses in $OUT"
