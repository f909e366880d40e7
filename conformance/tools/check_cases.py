#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks every case folder of the suite and recomputes every expected request-side artifact.

For each encode, sign_v1, sign_v3 and ids case that expects a result, the inputs
(request.json, ids.json, the body file and case.json's input) go through reference.py, an
independent implementation of the signing rules on Python's hmac/hashlib, and the result
must equal the expected files byte for byte. The documented values are checked against the
numbers printed in the documentation as well.

The rules of conformance/README.md are checked on every case: a valid level (protocol,
client, ecskp) and a source, which never cites a document that does not ship nor the suite's
README; a protocol-level ids case expects its own input text, and a protocol-level request
gives a typed InstanceIds text already compact (re-emitting a given text compact is ecskp's
normalization); a
protocol-level case expects no error, and a protocol-level API error gives its http_status;
decode cases are named y_/n_/i_/a_, and y_ expect a response, n_ an error; i_ cases record
their decision, as ecskp-level request cases do; a_ cases are level ecskp and hold
advice.json, which no other case holds; response.json is the neutral document (no Category
or Retryable); a case expects error.txt or results, never both.

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


def compact_or_none(text):
    try:
        return ref.compact_ids(json.loads(text))
    except (ValueError, TypeError):
        return None


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


LEVELS = ("protocol", "client", "ecskp")
ADVICE_KEYS = {"Category", "Retryable"}
CATEGORIES = {"bad_request", "auth", "not_found", "throttling", "conflict", "server", "unknown"}


def load_json(d, name, problems):
    try:
        return json.loads(read(os.path.join(d, name)))
    except ValueError as e:
        problems.append("%s/%s: %s is not JSON (%s)" % (os.path.basename(os.path.dirname(d)),
                                                         os.path.basename(d), name, e))
        return None


def check_rules(area, name, d, meta, problems):
    where = "%s/%s" % (area, name)
    files = set(os.listdir(d))
    level = meta.get("level")
    if level not in LEVELS:
        problems.append(where + ": level is not one of protocol, client, ecskp")
    if meta.get("operation") != area:
        problems.append(where + ": operation is not " + area)
    if not isinstance(meta.get("source"), str) or not meta["source"]:
        problems.append(where + ": no source")
    for k in ("source", "description", "decision"):
        if "api-facts" in str(meta.get(k, "")):
            problems.append(where + ": %s cites api-facts, which does not ship" % k)
    if "README" in str(meta.get("source", "")):
        problems.append(where + ": the source cites the suite's README, not a published page or an "
                        "ecskp header")
    has_error = "error.txt" in files
    results = [f for f in files if f.endswith(".txt") and f != "error.txt"] + \
        [f for f in ("response.json", "advice.json") if f in files]
    if has_error and results:
        problems.append(where + ": expects both error.txt and results")
    if not has_error and not results:
        problems.append(where + ": expects nothing")
    if level == "protocol" and has_error:
        problems.append(where + ": a protocol-level case expects no error")
    if name.startswith("i_") and not meta.get("decision"):
        problems.append(where + ": an i_ case records its decision")
    if level == "ecskp" and area != "decode" and not meta.get("decision"):
        problems.append(where + ": an ecskp-level case records its decision")
    if name.startswith("a_") != ("advice.json" in files):
        problems.append(where + ": advice.json belongs to the a_ cases, and every a_ case has one")
    if area == "ids" and level == "protocol" and "instance_ids.txt" in files and \
            read(os.path.join(d, "instance_ids.txt"), binary=True) != \
            read(os.path.join(d, "ids.json"), binary=True):
        problems.append(where + ": a protocol-level ids case expects its input text (sending a given "
                        "text compact is ecskp's normalization)")
    if area in ("encode", "sign_v1", "sign_v3") and level == "protocol" and not has_error:
        req = load_json(d, "request.json", problems)
        ids = req.get("InstanceIds") if isinstance(req, dict) else None
        if isinstance(ids, str) and req.get("Action") in TYPED and compact_or_none(ids) != ids:
            problems.append(where + ": a protocol-level request gives its InstanceIds text compact "
                            "(sending a given text compact is ecskp's normalization)")
    if area != "decode":
        return
    if name[:2] not in ("y_", "n_", "i_", "a_"):
        problems.append(where + ": decode case names start with y_, n_, i_ or a_")
    if name.startswith("y_") and has_error:
        problems.append(where + ": a y_ case expects a response")
    if name.startswith("n_") and not has_error:
        problems.append(where + ": an n_ case expects an error")
    if name.startswith("a_"):
        if level != "ecskp":
            problems.append(where + ": an a_ case is level ecskp")
        advice = load_json(d, "advice.json", problems) if "advice.json" in files else None
        if advice is not None and not (isinstance(advice, dict) and set(advice) == ADVICE_KEYS and
                advice["Category"] in CATEGORIES and isinstance(advice["Retryable"], bool)):
            problems.append(where + ": advice.json is {\"Category\": <category>, \"Retryable\": <bool>}")
        twin = None
        for prefix in ("y_", "i_"):
            t = os.path.join(os.path.dirname(d), prefix + name[2:])
            if os.path.isdir(t):
                twin = t
        if twin is None:
            problems.append(where + ": no y_ or i_ case of the same body")
        elif body_of(twin) != body_of(d):
            problems.append(where + ": the body differs from " + os.path.basename(twin))
    if "response.json" in files:
        resp = load_json(d, "response.json", problems)
        err = resp.get("Error") if isinstance(resp, dict) else None
        if isinstance(err, dict):
            if ADVICE_KEYS & set(err):
                problems.append(where + ": response.json holds Category/Retryable (advice.json does)")
            if level == "protocol" and "http_status" not in meta.get("input", {}):
                problems.append(where + ": a protocol-level API error gives its http_status")
            if not name.startswith("a_") and not os.path.isdir(os.path.join(os.path.dirname(d), "a_" + name[2:])):
                problems.append(where + ": an API error expectation has its a_ advice case")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems, checked, cases = [], 0, 0
    levels = {}
    for area in ("encode", "sign_v1", "sign_v3", "ids", "decode"):
        adir = os.path.join(root, area)
        for name in sorted(os.listdir(adir)):
            d = os.path.join(adir, name)
            cases += 1
            meta = load_json(d, "case.json", problems)
            where = "%s/%s" % (area, name)
            if not isinstance(meta, dict):
                problems.append(where + ": case.json is not a JSON object")
                continue
            check_rules(area, name, d, meta, problems)
            levels[(area, meta.get("level"))] = levels.get((area, meta.get("level")), 0) + 1
            if area == "decode" or os.path.exists(os.path.join(d, "error.txt")):
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
    for level in LEVELS:
        n = {a: levels.get((a, level), 0) for a in ("encode", "sign_v1", "sign_v3", "ids", "decode")}
        print("%s: %d cases (%s)" % (level, sum(n.values()), ", ".join("%s %d" % kv for kv in n.items())))
    print("reference: %d cases, %d artifacts recomputed, %d problems" % (cases, checked, len(problems)))
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
