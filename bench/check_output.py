#!/usr/bin/env python3
"""Runs ecskp-bench (arguments after the first are passed on) and checks its output: it exits
with 0, and every workload it lists printed exactly one JSON line with the documented fields.
Times are never checked: CI machines are too noisy for that."""
import json
import subprocess
import sys

REQUIRED = {
    "name": str,
    "ns_per_op": (int, float),
    "baseline": str,
    "baseline_ns_per_op": (int, float),
    "ratio": (int, float),
    "allocs": int,
    "peak_bytes": int,
    "body_bytes": int,
}


def main():
    exe, args = sys.argv[1], sys.argv[2:]
    listed = subprocess.run([exe, "--list"], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    if not names:
        sys.exit("no workloads listed")
    run = subprocess.run([exe] + args, capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        sys.exit(f"ecskp-bench exited with {run.returncode}")
    seen = {}
    for line in run.stdout.splitlines():
        if not line.startswith("{"):
            continue
        rec = json.loads(line)
        for key, kind in REQUIRED.items():
            if not isinstance(rec.get(key), kind) or isinstance(rec.get(key), bool):
                sys.exit(f"{rec.get('name')}: field {key} missing or of the wrong type: {line}")
        if rec["ns_per_op"] <= 0 or rec["baseline_ns_per_op"] <= 0 or rec["ratio"] <= 0:
            sys.exit(f"{rec['name']}: a time or ratio is not positive: {line}")
        if rec["name"] in seen:
            sys.exit(f"{rec['name']}: printed twice")
        seen[rec["name"]] = rec
    missing = [n for n in names if n not in seen]
    if missing:
        sys.exit(f"no JSON line for: {', '.join(missing)}")
    print(f"bench-smoke: {len(seen)} workloads, each with one valid JSON line")


if __name__ == "__main__":
    main()
