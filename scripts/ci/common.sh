# SPDX-License-Identifier: MIT
# common.sh - sourced by the scripts in scripts/ci/: repository root, timing, the summary line.
# Each stage uses its own build directory build-ci-<name> and removes it before it starts.
set -euo pipefail
ci_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ci_root"
ci_start=$(date +%s)
ci_jobs=$(nproc 2>/dev/null || echo 2)

# ci_summary NAME STATUS PASSED FAILED DETAILS: prints the one-line summary
#   ci-NAME: P passed, F failed (DETAILS) in Ns
# (the form scripts/test.sh's run_counted reads) and returns STATUS. A failing STATUS with no
# failed check counts as one failure.
ci_summary() {
  local name=$1 status=$2 p=$3 f=$4 details=$5
  local secs=$(($(date +%s) - ci_start))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "ci-$name: $p passed, $f failed ($details) in ${secs}s"
  return "$status"
}

# ci_setup DIR [meson options...]: a fresh build directory.
ci_setup() {
  local dir=$1; shift
  local log
  log=$(mktemp)
  rm -rf "$dir"
  meson setup "$dir" "$@" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; return 1; }
  mv "$log" "$dir/setup.log"
}

# ci_counts DIR: "P F", the passed and failed tests of meson's newest test log
# (testlog-<wrapper>.json when a wrapper was used); "0 0" when there is none.
ci_counts() {
  python3 - "$1/meson-logs" <<'PY'
import glob, json, os, sys
p = f = 0
logs = sorted(glob.glob(os.path.join(sys.argv[1], "testlog*.json")), key=os.path.getmtime)
try:
    for line in open(logs[-1]):
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            p += 1
        elif r != "SKIP":
            f += 1
except (FileNotFoundError, IndexError):
    pass
print(p, f)
PY
}
