#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs ecskp-bench (arguments after the first are passed on) and checks its output: it exits
with 0, and every workload it lists printed exactly one JSON line with the documented fields.
Then runs `--scaling --quick --json` and checks that every shape `--scaling --list` names
printed one row per quick size, with the documented fields and types.
Times are never checked: CI machines are too noisy for that."""
import json
import subprocess
import sys

NUMBER = (int, float)

REQUIRED = {
    "name": str,
    "ns_per_op": NUMBER,
    "baseline": str,
    "baseline_ns_per_op": NUMBER,
    "ratio": NUMBER,
    "allocs": int,
    "peak_bytes": int,
    "body_bytes": int,
}

SCALING_REQUIRED = {
    "shape": str,
    "format": str,
    "target_bytes": int,
    "body_bytes": int,
    "max_body_bytes": int,
    "outcome": str,
    "ns": NUMBER,
    "runs": int,
    "ms_per_mib": NUMBER,
    "peak_bytes": int,
    "peak_per_byte": NUMBER,
    "growth": NUMBER,
    "baseline": str,
    "baseline_ns": NUMBER,
    "baseline_growth": NUMBER,
    "ratio": NUMBER,
}

QUICK_SIZES = [64 << 10, 256 << 10]


def run(exe, args):
    proc = subprocess.run([exe] + args, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        sys.exit(f"ecskp-bench {' '.join(args)} exited with {proc.returncode}")
    return proc.stdout


def check_types(rec, required, what, line):
    for key, kind in required.items():
        value = rec.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            sys.exit(f"{what}: field {key} missing or of the wrong type: {line}")


def check_workloads(exe, args):
    listed = subprocess.run([exe, "--list"], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    if not names:
        sys.exit("no workloads listed")
    seen = {}
    for line in run(exe, args).splitlines():
        if not line.startswith("{"):
            continue
        rec = json.loads(line)
        check_types(rec, REQUIRED, rec.get("name"), line)
        if rec["ns_per_op"] <= 0 or rec["baseline_ns_per_op"] <= 0 or rec["ratio"] <= 0:
            sys.exit(f"{rec['name']}: a time or ratio is not positive: {line}")
        if rec["name"] in seen:
            sys.exit(f"{rec['name']}: printed twice")
        seen[rec["name"]] = rec
    missing = [n for n in names if n not in seen]
    if missing:
        sys.exit(f"no JSON line for: {', '.join(missing)}")
    print(f"bench-smoke: {len(seen)} workloads, each with one valid JSON line")


def check_scaling(exe):
    listed = subprocess.run([exe, "--scaling", "--list"], capture_output=True, text=True,
                            check=True)
    shapes = dict(line.split()[:2] for line in listed.stdout.splitlines() if line.strip())
    if not shapes:
        sys.exit("no scaling shapes listed")
    rows = {name: [] for name in shapes}
    for line in run(exe, ["--scaling", "--quick", "--json"]).splitlines():
        if not line.strip():
            continue
        if not line.startswith("{"):
            sys.exit(f"--scaling --json printed something else than JSON lines: {line}")
        rec = json.loads(line)
        what = f"{rec.get('shape')} at {rec.get('target_bytes')}"
        check_types(rec, SCALING_REQUIRED, what, line)
        if rec["shape"] not in shapes:
            sys.exit(f"{what}: a shape --scaling --list does not name")
        if rec["format"] != shapes[rec["shape"]]:
            sys.exit(f"{what}: format {rec['format']}, listed as {shapes[rec['shape']]}")
        if not 0 < rec["body_bytes"] <= rec["target_bytes"]:
            sys.exit(f"{what}: body_bytes outside 1..target_bytes: {line}")
        if not rec["outcome"]:
            sys.exit(f"{what}: empty outcome")
        if rec["runs"] != 1:
            sys.exit(f"{what}: --quick times one run, this row has {rec['runs']}")
        rows[rec["shape"]].append(rec["target_bytes"])
    wrong = [f"{name} {got}" for name, got in rows.items() if got != QUICK_SIZES]
    if wrong:
        sys.exit(f"shapes without one row per quick size {QUICK_SIZES}: {', '.join(wrong)}")
    print(f"bench-smoke: {len(shapes)} scaling shapes, each with {len(QUICK_SIZES)} valid rows")


def main():
    exe, args = sys.argv[1], sys.argv[2:]
    check_workloads(exe, args)
    check_scaling(exe)


if __name__ == "__main__":
    main()
