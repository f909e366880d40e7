#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and checks everything under examples/:
#   1. `meson install --destdir` of BUILD_DIR: headers, libecskp.so (soname, version), libecskp.a,
#      ecskp.pc, exported symbols; every installed header compiles on its own (C11 and C++).
#   2. examples/pkgconfig-consumer: found through pkg-config in the staged install, linked
#      against the shared and the static library, run, output checked.
#   3. examples/subproject-consumer: ecskp as a meson subproject (shared and static), run.
#   4. examples/attach_keypair against examples/fake_ecs_server.py on 127.0.0.1 (ephemeral port),
#      once per outcome, each output and exit status checked.
#   5. examples/test_call_e2e.py: `ecskp attach` / `ecskp detach` (BUILD_DIR/cli/ecskp) end to end
#      against fake_ecs_server.py, which verifies every request's signature; its checks are
#      counted here.
#
# Usage: examples/run_examples.sh [BUILD_DIR]
#   BUILD_DIR is a configured meson build directory of this tree (it is compiled here); without
#   it a temporary one is set up. Needs meson, ninja, a C compiler, make, pkg-config, python3
#   and, for steps 4 and 5, libcurl (libcurl4-openssl-dev). Network: 127.0.0.1 only.
# Ends with "examples: N passed, N failed"; exit status 0 only when everything passed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecskp-examples.XXXXXX")
server_pid=

cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Nothing here may leave this machine: no proxy, whatever the environment says.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY='*' no_proxy='*'

passed=0
failed=0
stage() { printf '\n=== %s\n' "$*"; }
ok() {
    passed=$((passed + 1))
    printf 'ok    %s\n' "$*"
}
fail() {
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$*"
}
# check DESCRIPTION COMMAND...: one passed or failed check.
check() {
    local what=$1
    shift
    if "$@" >"$tmp/check.out" 2>&1; then
        ok "$what"
    else
        fail "$what"
        sed 's/^/      /' "$tmp/check.out" | tail -20
    fi
}

# ------------------------------------------------------------------ build and install

if [ $# -ge 1 ]; then
    build=$(cd "$1" && pwd)
else
    build=$tmp/build
    stage "meson setup $build"
    meson setup "$build" "$root" -Dwerror=true >"$tmp/setup.log" || {
        cat "$tmp/setup.log"
        exit 1
    }
fi

stage "build and install ($build)"
timeout 900 meson compile -C "$build" >"$tmp/compile.log" 2>&1 || {
    tail -50 "$tmp/compile.log"
    exit 1
}
destdir=$tmp/destdir
timeout 300 meson install -C "$build" --no-rebuild --destdir "$destdir" >"$tmp/install.log" 2>&1 || {
    tail -50 "$tmp/install.log"
    exit 1
}

# Installation paths as this build directory was configured.
opt() {
    meson introspect --buildoptions "$build" |
        python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]))' "$1"
}
prefix=$(opt prefix)
libdir=$(opt libdir)
includedir=$(opt includedir)
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
case $includedir in /*) ;; *) includedir=$prefix/$includedir ;; esac
version=$(meson introspect --projectinfo "$build" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
major=${version%%.*}
staged_lib=$destdir$libdir
staged_inc=$destdir$includedir

headers=(ecskp.h version.h status.h alloc.h encode.h sign.h errors.h decode.h json.h)
check_headers_installed() {
    local h
    for h in "${headers[@]}"; do [ -f "$staged_inc/ecskp/$h" ] || { echo "missing $h"; return 1; }; done
}
check "headers installed under $includedir/ecskp" check_headers_installed
check "libecskp.so.$version, libecskp.so.$major and libecskp.so installed" \
    test -f "$staged_lib/libecskp.so.$version" -a -L "$staged_lib/libecskp.so.$major" \
    -a -L "$staged_lib/libecskp.so"
check "soname is libecskp.so.$major" \
    bash -c "readelf -d '$staged_lib/libecskp.so.$version' | grep -F 'Library soname: [libecskp.so.$major]'"
check "libecskp.a installed" test -f "$staged_lib/libecskp.a"
check "ecskp.pc installed" test -f "$staged_lib/pkgconfig/ecskp.pc"
only_ecskp_exported() {
    local extra
    extra=$(nm -D --defined-only "$staged_lib/libecskp.so.$version" | awk '{print $3}' |
        grep -v '^ecskp_' || true)
    [ -z "$extra" ] || { echo "exported besides ecskp_*: $extra"; return 1; }
    nm -D --defined-only "$staged_lib/libecskp.so.$version" | grep -q ' ecskp_version$'
}
check "libecskp.so exports ecskp_* only (and ecskp_version)" only_ecskp_exported
if [ -x "$build/cli/ecskp" ]; then
    check "ecskp command installed" test -x "$destdir$prefix/bin/ecskp"
    check "installed ecskp --version names version $version" \
        bash -c "env LD_LIBRARY_PATH='$staged_lib' timeout 30 '$destdir$prefix/bin/ecskp' --version |
                 grep -qF 'ecskp $version'"
    check "ecskp(1) man page installed" \
        bash -c "find '$destdir$prefix' -path '*/man1/ecskp.1*' | grep -q ."
fi

export PKG_CONFIG_PATH="$staged_lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_SYSROOT_DIR=$destdir
check "pkg-config --modversion ecskp is $version" \
    bash -c "[ \"\$(pkg-config --modversion ecskp)\" = '$version' ]"
check "pkg-config --cflags ecskp points at the staged include dir" \
    bash -c "pkg-config --cflags ecskp | grep -qF -- '-I$staged_inc'"
check "pkg-config --static --libs ecskp lists cJSON and libxml2" \
    bash -c "pkg-config --static --libs ecskp | grep -qF -- -lcjson &&
             pkg-config --static --libs ecskp | grep -qF -- -lxml2"
if nm -D --undefined-only "$staged_lib/libecskp.so.$version" | grep -q ' HMAC\| EVP_'; then
    check "pkg-config --static --libs ecskp lists libcrypto (the library uses it)" \
        bash -c "pkg-config --static --libs ecskp | grep -qF -- -lcrypto"
fi

# Each public header on its own, in C11 and C++, with the strictest warnings.
compile_header() {
    local h=$1 lang=$2 std=$3
    local cflags
    read -r -a cflags <<<"$(pkg-config --cflags ecskp)"
    printf '#include <ecskp/%s>\nint ecskp_header_check_%s;\n' "$h" "${h%.h}" >"$tmp/hdr.$lang"
    if [ "$lang" = c ]; then
        ${CC:-cc} -std="$std" -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c \
            "${cflags[@]}" "$tmp/hdr.c"
    else
        ${CXX:-c++} -std="$std" -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c++ \
            "${cflags[@]}" "$tmp/hdr.cpp"
    fi
}
for h in "${headers[@]}"; do
    check "<ecskp/$h> compiles alone (C11)" compile_header "$h" c c11
done
if command -v "${CXX:-c++}" >/dev/null 2>&1; then
    for h in "${headers[@]}"; do
        check "<ecskp/$h> compiles alone (C++11)" compile_header "$h" cpp c++11
    done
fi

# ------------------------------------------------------------------ pkg-config consumer

stage "pkg-config consumer"
pc=$tmp/pkgconfig-consumer
cp -r "$root/examples/pkgconfig-consumer" "$pc"
rm -f "$pc/consumer-shared" "$pc/consumer-static"
expect_consumer() {
    local out
    out=$("$@")
    printf '%s\n' "$out"
    grep -qxF "ecskp $version (headers $version)" <<<"$out" &&
        grep -qxF "signature OLeaidS1JvxuMvnyHOwuJ+uX5qY=" <<<"$out" &&
        grep -qxF 'decoded {"RequestId":"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06","TotalCount":2,"FailCount":0,"Results":[{"InstanceId":"i-m5eg7be9ndloji64****","Code":"200","Message":"successful","Success":true},{"InstanceId":"i-m5e25x2mwr0hk33d****","Code":"200","Message":"successful","Success":true}]}' <<<"$out" &&
        grep -qxF "InvalidKeyPairName.NotFound: not_found" <<<"$out"
}
if timeout 300 make -C "$pc" >"$tmp/make.log" 2>&1; then
    ok "pkg-config consumer builds (make, shared and static)"
    check "consumer-shared needs libecskp.so.$major" \
        bash -c "readelf -d '$pc/consumer-shared' | grep -F 'Shared library: [libecskp.so.$major]'"
    check "consumer-static does not need libecskp.so" \
        bash -c "! readelf -d '$pc/consumer-static' | grep -F 'libecskp'"
    check "consumer-shared runs (documented signature and XML body)" \
        env LD_LIBRARY_PATH="$staged_lib" timeout 30 bash -c "$(declare -f expect_consumer); version=$version; expect_consumer '$pc/consumer-shared'"
    check "consumer-static runs (documented signature and XML body)" \
        env -u LD_LIBRARY_PATH timeout 30 bash -c "$(declare -f expect_consumer); version=$version; expect_consumer '$pc/consumer-static'"
else
    fail "pkg-config consumer builds (make, shared and static)"
    tail -30 "$tmp/make.log" | sed 's/^/      /'
fi
unset PKG_CONFIG_SYSROOT_DIR
export PKG_CONFIG_PATH=${PKG_CONFIG_PATH#"$staged_lib/pkgconfig"}
PKG_CONFIG_PATH=${PKG_CONFIG_PATH#:}

# ------------------------------------------------------------------ subproject consumer

stage "meson subproject consumer"
sp=$tmp/subproject-consumer
mkdir -p "$sp/subprojects"
cp "$root/examples/subproject-consumer/meson.build" "$root/examples/subproject-consumer/main.c" "$sp/"
ln -s "$root" "$sp/subprojects/ecskp"
if timeout 900 meson setup "$sp/build" "$sp" --force-fallback-for=ecskp -Dwerror=true \
    >"$tmp/sp-setup.log" 2>&1 &&
    timeout 900 meson compile -C "$sp/build" >"$tmp/sp-compile.log" 2>&1; then
    ok "subproject consumer configures and builds"
    want_query='Action=AttachKeyPair&Format=JSON&InstanceIds=%5B%22i-m5eg7be9ndloji64jknv%22%2C%22i-23jggx34b%22%5D&KeyPairName=test&RegionId=cn-qingdao'
    for exe in consumer consumer-static; do
        check "subproject $exe prints ecskp $version, the canonical query and the decoded body" \
            bash -c "out=\$(timeout 30 '$sp/build/$exe') && printf '%s\n' \"\$out\" &&
                     grep -qxF 'ecskp $version' <<<\"\$out\" && grep -qxF '$want_query' <<<\"\$out\" &&
                     grep -qxF 'RequestId 4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06: 2 results, 0 failed' <<<\"\$out\""
    done
    check "subproject consumer-static does not need libecskp.so" \
        bash -c "! readelf -d '$sp/build/consumer-static' | grep -F libecskp"
else
    fail "subproject consumer configures and builds"
    cat "$tmp/sp-setup.log" "$tmp/sp-compile.log" 2>/dev/null | tail -30 | sed 's/^/      /'
fi

# ------------------------------------------------------------------ client against the endpoint

stage "attach_keypair against fake_ecs_server.py on 127.0.0.1"
client=$build/examples/attach_keypair
if [ ! -x "$client" ]; then
    fail "attach_keypair was not built (is libcurl4-openssl-dev installed? signing enabled?)"
else
    check "fake_ecs_server.py reproduces the documented signature" \
        timeout 30 python3 "$root/examples/fake_ecs_server.py" --self-test

    port_file=$tmp/port
    timeout 600 python3 "$root/examples/fake_ecs_server.py" \
        --credential testid:testsecret --port 0 --port-file "$port_file" --lifetime 590 \
        --log "$tmp/server.log" >"$tmp/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        [ -s "$port_file" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -s "$port_file" ]; then
        fail "fake_ecs_server.py did not start within 10 s"
        sed 's/^/      /' "$tmp/server.out"
    else
        port=$(cat "$port_file")
        endpoint=http://127.0.0.1:$port
        ok "fake_ecs_server.py listens on 127.0.0.1:$port"

        # run_client NAME WANT_STATUS SECRET ARGS... -- TEXT...: runs the client with ARGS
        # (AccessKeyId $KEY_ID, default testid); passes when it exits with WANT_STATUS and its
        # output contains every TEXT.
        run_client() {
            local name=$1 want=$2 secret=$3
            shift 3
            local args=() rc=0
            while [ $# -gt 0 ] && [ "$1" != -- ]; do
                args+=("$1")
                shift
            done
            [ $# -gt 0 ] && shift
            env ECSKP_ACCESS_KEY_ID="${KEY_ID:-testid}" ECSKP_ACCESS_KEY_SECRET="$secret" \
                ECSKP_ENDPOINT="$endpoint" timeout 60 "$client" "${args[@]}" \
                >"$tmp/client.out" 2>&1 || rc=$?
            local bad=
            [ "$rc" -eq "$want" ] || bad="exit status $rc, want $want"
            local line
            for line in "$@"; do
                grep -qF -- "$line" "$tmp/client.out" || bad="$bad${bad:+; }missing: $line"
            done
            if [ -z "$bad" ]; then
                ok "client: $name (exit $rc)"
            else
                fail "client: $name: $bad"
                sed 's/^/      /' "$tmp/client.out"
            fi
        }

        run_client "success, JSON" 0 testsecret \
            --format JSON cn-hangzhou demo-key i-m5eg7be9ndloji64jknv i-m5e25x2mwr0hk33dxyzw -- \
            "HTTP 200" "i-m5eg7be9ndloji64jknv: ok" "i-m5e25x2mwr0hk33dxyzw: ok" \
            "result: 2 of 2 instances succeeded"
        run_client "success, XML" 0 testsecret \
            --format XML cn-hangzhou demo-key i-m5eg7be9ndloji64jknv i-m5e25x2mwr0hk33dxyzw -- \
            "HTTP 200" "i-m5eg7be9ndloji64jknv: ok" "i-m5e25x2mwr0hk33dxyzw: ok" \
            "result: 2 of 2 instances succeeded"
        run_client "success, older RequestId-only body" 0 testsecret \
            --format XML cn-hangzhou legacy-key i-m5eg7be9ndloji64jknv -- \
            "HTTP 200" "result: accepted (the response lists no per-instance results)"
        # The largest request the API takes: 50 IDs of 64 bytes (sized by the _alloc variant).
        mapfile -t long_ids < <(for i in $(seq 10 59); do printf 'i-%062d\n' "$i"; done)
        run_client "success, 50 instance IDs of 64 bytes" 0 testsecret \
            --format JSON cn-hangzhou demo-key "${long_ids[@]}" -- \
            "HTTP 200" "${long_ids[49]}: ok" "result: 50 of 50 instances succeeded"
        run_client "DetachKeyPair, success, JSON" 0 testsecret \
            --detach --format JSON cn-hangzhou demo-key i-m5eg7be9ndloji64jknv -- \
            "DetachKeyPair" "i-m5eg7be9ndloji64jknv: ok" "result: 1 of 1 instances succeeded"
        for fmt in JSON XML; do
            run_client "partial failure, $fmt" 1 testsecret \
                --format "$fmt" cn-hangzhou demo-key i-m5eg7be9ndloji64jknv i-win0000000000000000 -- \
                "i-m5eg7be9ndloji64jknv: ok" \
                "i-win0000000000000000: failed: DependencyViolation.WindowsInstance" \
                "result: 1 of 2 instances failed"
            run_client "API error InvalidKeyPairName.NotFound, $fmt" 2 testsecret \
                --format "$fmt" cn-hangzhou missing-key i-m5eg7be9ndloji64jknv -- \
                "HTTP 404" "error: InvalidKeyPairName.NotFound" "category: not_found" \
                "retry: no"
            run_client "throttling, $fmt" 3 testsecret \
                --format "$fmt" cn-hangzhou throttled-key i-m5eg7be9ndloji64jknv -- \
                "HTTP 400" "error: Throttling" "category: throttling" "retry: yes"
            run_client "server error InternalError, $fmt" 3 testsecret \
                --format "$fmt" cn-hangzhou internal-error-key i-m5eg7be9ndloji64jknv -- \
                "HTTP 500" "error: InternalError" "category: server" "retry: yes"
            run_client "bad signature (wrong secret), $fmt" 2 wrongsecret \
                --format "$fmt" cn-hangzhou demo-key i-m5eg7be9ndloji64jknv -- \
                "error: SignatureDoesNotMatch" "category: auth" "retry: no" \
                "signature check: the server computed the same StringToSign"
        done
        run_client "Windows instance (older pages), 403" 2 testsecret \
            --format JSON cn-hangzhou windows-key i-m5eg7be9ndloji64jknv -- \
            "HTTP 403" "error: DependencyViolation.WindowsInstance" "retry: no"
        run_client "StringToSign mismatch diagnosed" 2 testsecret \
            --format JSON cn-hangzhou sts-mismatch-key i-m5eg7be9ndloji64jknv -- \
            "error: SignatureDoesNotMatch" "signature check: the StringToSign differs at byte 0"
        KEY_ID=nosuchid run_client "unknown AccessKeyId" 2 testsecret \
            --format XML cn-hangzhou demo-key i-m5eg7be9ndloji64jknv -- \
            "HTTP 404" "error: InvalidAccessKeyId.NotFound" "category: auth"
        run_client "invalid instance ID refused before sending" 6 testsecret \
            --format JSON cn-hangzhou demo-key 'i-"bad"' -- "ids_invalid_element"
        run_client "usage error" 64 testsecret --format YAML cn-hangzhou demo-key i-a -- "usage:"

        rc=0
        env -u ECSKP_ACCESS_KEY_ID -u ECSKP_ACCESS_KEY_SECRET ECSKP_ENDPOINT="$endpoint" \
            timeout 30 "$client" cn-hangzhou demo-key i-a >"$tmp/client.out" 2>&1 || rc=$?
        if [ "$rc" -eq 64 ] && grep -qF ECSKP_ACCESS_KEY_ID "$tmp/client.out"; then
            ok "client: missing credentials (exit 64)"
        else
            fail "client: missing credentials: exit $rc"
            sed 's/^/      /' "$tmp/client.out"
        fi

        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
        # The server is gone: its port now refuses connections (127.0.0.1 only).
        run_client "transport failure (endpoint down)" 5 testsecret \
            --format JSON cn-hangzhou demo-key i-m5eg7be9ndloji64jknv -- "transport:"
    fi
fi

# ------------------------------------------------------------------ ecskp attach/detach end to end

stage "ecskp attach/detach end to end against fake_ecs_server.py (examples/test_call_e2e.py)"
ecskp_cmd=$build/cli/ecskp
if [ ! -x "$ecskp_cmd" ]; then
    fail "e2e: the ecskp command was not built (meson option cli=true)"
elif ! "$ecskp_cmd" --version | grep -q 'http libcurl'; then
    fail "e2e: the ecskp command was built without libcurl (libcurl4-openssl-dev): $("$ecskp_cmd" --version)"
else
    # Its checks count as this script's: each prints "ok    ..." or "FAIL  ...", the last line
    # is "e2e: N passed, N failed". No such line (a crash, a timeout) is one failure.
    e2e_rc=0
    timeout 300 python3 "$root/examples/test_call_e2e.py" "$ecskp_cmd" 2>&1 |
        tee "$tmp/e2e.log" || e2e_rc=$?
    read -r e2e_p e2e_f < <(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
        "$tmp/e2e.log" | tail -n 1) || true
    passed=$((passed + ${e2e_p:-0}))
    failed=$((failed + ${e2e_f:-1}))
    if [ "$e2e_rc" -ne 0 ] && [ "${e2e_f:-1}" -eq 0 ]; then
        fail "e2e: test_call_e2e.py exited with status $e2e_rc"
    fi
fi

echo
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
