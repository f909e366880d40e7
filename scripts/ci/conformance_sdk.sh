#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# conformance_sdk.sh - the conformance suite as other implementations use it:
#   npm ci       the official Node.js SDKs of the adapters, from the committed lockfile
#                (conformance/adapters/node/package-lock.json);
#   run.py       the standalone runner's tests (conformance/tools/test_run.py), with the parity
#                checks against `ecskp conformance`;
#   results      conformance/RESULTS.md regenerated from ecskp, pop-core and Tea
#                (conformance/tools/results.py --check): the stage fails when it differs;
#   python       the example adapter (conformance/adapters/python/adapter.py) at --level
#                protocol: every case of encode, sign_v1 and ids passes, every other one is
#                skipped;
#   release      the suite archive (conformance/tools/release.py --check): built twice with
#                the same bytes, unpacked, and its run.py gives the same counts as
#                `ecskp conformance`.
# The ecskp binary is $ECSKP; without it one is built in build-ci-conformance-sdk.
#
#   ECSKP=/path/to/ecskp bash scripts/ci/conformance_sdk.sh
source "$(dirname "$0")/common.sh"
p=0 f=0
failed=()
step_start=$(date +%s)
begin() { step_start=$(date +%s); echo "conformance_sdk: $1"; }
end() { # end NAME STATUS
  local secs=$(($(date +%s) - step_start))
  if [ "$2" -eq 0 ]; then
    p=$((p + 1)); echo "conformance_sdk: $1: ok (${secs}s)"
  else
    f=$((f + 1)); failed+=("$1"); echo "conformance_sdk: $1: FAILED (${secs}s)"
  fi
}

if [ -z "${ECSKP:-}" ]; then
  begin "build ecskp (ECSKP is not set)"
  rc=0
  { ci_setup build-ci-conformance-sdk -Dtests=false -Dbench=false &&
    ninja -C build-ci-conformance-sdk cli/ecskp >build-ci-conformance-sdk/build.log 2>&1; } ||
    { rc=1; tail -n 30 build-ci-conformance-sdk/build.log 2>/dev/null || true; }
  end build "$rc"
  if [ "$rc" -ne 0 ]; then
    ci_summary conformance_sdk 1 "$p" "$f" "ecskp did not build"
    exit 1
  fi
  ECSKP=$ci_root/build-ci-conformance-sdk/cli/ecskp
fi
case $ECSKP in /*) ;; *) ECSKP=$(cd "$(dirname "$ECSKP")" && pwd)/$(basename "$ECSKP") ;; esac
export ECSKP
if [ ! -x "$ECSKP" ]; then
  echo "conformance_sdk: ECSKP=$ECSKP is not an executable"
  ci_summary conformance_sdk 1 0 1 "no ecskp binary"
  exit 1
fi
adapter="'$ECSKP' adapter"

begin "npm ci (conformance/adapters/node, from package-lock.json)"
rc=0
(cd conformance/adapters/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  rc=1
end "npm ci" "$rc"

begin "run.py: conformance/tools/test_run.py"
rc=0
python3 conformance/tools/test_run.py 2>&1 | tail -n 25 || rc=1
end "run.py tests" "$rc"

begin "results: conformance/tools/results.py --check"
rc=0
python3 conformance/tools/results.py --check || rc=1
end "results" "$rc"

begin "python: the example adapter at --level protocol"
rc=0
report=$(mktemp)
"$ECSKP" conformance --json --level protocol \
  --persistent --adapter 'python3 conformance/adapters/python/adapter.py' conformance >"$report" || true
python3 - "$report" <<'PY' || rc=1
import json, sys
r = json.load(open(sys.argv[1]))
mine = ("encode", "sign_v1", "ids")
bad = [c for c in r["cases"]
       if c["result"] != ("pass" if c["operation"] in mine else "skip")]
for c in bad:
    print("conformance_sdk: python adapter: %s %s: %s" % (c["case"], c["result"], c.get("why", "")))
t = r["total"]
print("conformance_sdk: python adapter: %d passed, %d failed, %d skipped at the protocol level"
      % (t["passed"], t["failed"], t["skipped"]))
sys.exit(1 if bad or t["passed"] == 0 else 0)
PY
rm -f "$report"
end "python adapter" "$rc"

begin "release: conformance/tools/release.py --check"
rc=0
python3 conformance/tools/release.py --check || rc=1
end "release" "$rc"

status=0
[ "$f" -eq 0 ] || status=1
details="npm ci, run.py tests, RESULTS.md, python adapter, release"
[ "$f" -eq 0 ] || details="failed: ${failed[*]}"
ci_summary conformance_sdk "$status" "$p" "$f" "$details"
