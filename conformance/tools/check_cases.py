#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Recomputes every expected request-side artifact of the suite from the case files.

For each encode, sign_v1, sign_v3 and ids case that expects a result, the inputs
(request.json, ids.json, the body file and case.json's input) go through reference.py, an
independent implementation of the signing rules on Python's hmac/hashlib, and the result
must equal the expected files byte for byte. The documented values are checked against the
numbers printed in the documentation as well. Every case must name its source; decode
cases are named y_/n_/i_ and i_ cases record their decision.

Usage: check_cases.py [SUITE_DIR]     (exit 0 when every check holds)
"""

import json
import os
import sys

# Run from meson test: leave no __pycache__ behind in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402

TYPED = ("AttachKeyPair", "DetachKeyPair")
DOCUMENTED = {
    ("sign_v1", "documented_describe_regions_get", "signature"): "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
    ("sign_v1", "erratum_timestamp_misspelled", "signature"): "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
    ("sign_v3", "documented_run_instances", "signature"):
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    ("sign_v3", "documented_run_instances", "string_to_sign"):
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
}


def read(path, binary=False):
    with open(path, "rb") as f:
        data = f.read()
    return data if binary else data.decode("utf-8")


def params_for(request, fill_v1=False):
    req = dict(request)
    if fill_v1:
        for n, v in ref.v1_defaults(request):
            req.setdefault(n, v)
    typed = req.get("Action") in TYPED
    out = []
    for n, v in req.items():
        if n == "InstanceIds":
            v = ref.compact_ids(v) if isinstance(v, list) else (
                ref.compact_ids(json.loads(v)) if typed else v)
        out.append((n, v))
    return out


def body_of(d):
    for name in ("body.xml", "body.json", "body.bin"):
        p = os.path.join(d, name)
        if os.path.exists(p):
            return read(p, binary=True)
    return b""


def compute(area, d, meta):
    inp = meta.get("input", {})
    if area == "encode":
        return {"canonical_query": ref.canonical_query(params_for(json.loads(read(os.path.join(d, "request.json")))))}
    if area == "sign_v1":
        req = json.loads(read(os.path.join(d, "request.json")))
        return ref.sign_v1(inp["method"], params_for(req, fill_v1=True), inp["secret"])
    if area == "sign_v3":
        req = dict(params_for(json.loads(read(os.path.join(d, "request.json")))))
        return ref.sign_v3_request(inp["method"], inp.get("host"), req, inp["secret"],
                                   inp.get("content_type"), body_of(d))
    if area == "ids":
        return {"instance_ids": ref.compact_ids(json.loads(read(os.path.join(d, "ids.json"))))}
    return {}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems, checked, cases = [], 0, 0
    for area in ("encode", "sign_v1", "sign_v3", "ids", "decode"):
        adir = os.path.join(root, area)
        for name in sorted(os.listdir(adir)):
            d = os.path.join(adir, name)
            cases += 1
            meta = json.loads(read(os.path.join(d, "case.json")))
            where = "%s/%s" % (area, name)
            if meta.get("operation") != area:
                problems.append(where + ": operation is not " + area)
            if not meta.get("source"):
                problems.append(where + ": no source")
            if area == "decode" and name[:2] not in ("y_", "n_", "i_"):
                problems.append(where + ": decode case names start with y_, n_ or i_")
            if name.startswith("i_") and not meta.get("decision"):
                problems.append(where + ": an i_ case records its decision")
            if area == "decode":
                if os.path.exists(os.path.join(d, "response.json")):
                    json.loads(read(os.path.join(d, "response.json")))
                continue
            if os.path.exists(os.path.join(d, "error.txt")):
                continue
            got = compute(area, d, meta)
            for artifact, value in got.items():
                p = os.path.join(d, artifact + ".txt")
                if artifact.startswith("_") or not os.path.exists(p):
                    continue
                checked += 1
                if read(p) != value:
                    problems.append("%s: %s.txt differs from the reference (%r)" % (where, artifact, value))
                doc = DOCUMENTED.get((area, name, artifact))
                if doc is not None and read(p) != doc:
                    problems.append("%s: %s.txt differs from the documented value" % (where, artifact))
    for p in problems:
        print("FAIL " + p)
    print("reference: %d cases, %d artifacts recomputed, %d problems" % (cases, checked, len(problems)))
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
