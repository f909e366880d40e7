# SPDX-License-Identifier: MIT
"""Writing conformance case folders (the layout of conformance/README.md).

Used by make_cases.py. A case is written as plain files: case.json (operation, level, source,
description, decision, scalar inputs), the inputs (request.json, ids.json, body.xml /
body.json / body.bin) and the expected outputs (<artifact>.txt byte-exact, response.json,
advice.json, or error.txt). The rules check_cases.py enforces are enforced here as well, so a
case that breaks one is never written.
"""

import json
import os
import shutil

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
AREAS = ["encode", "sign_v1", "sign_v3", "ids", "decode"]
LEVELS = ["protocol", "client", "ecskp"]


def clean():
    for area in AREAS:
        path = os.path.join(ROOT, area)
        if os.path.isdir(path):
            shutil.rmtree(path)


def _write(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def _bytes(data):
    return data.encode("utf-8") if isinstance(data, str) else data


def pretty(obj):
    """Request and case files: one member per line, UTF-8 kept readable."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


_seen = set()
_levels = {}


def write_case(area, name, meta, files):
    """meta: dict for case.json (level and source required); files: {filename: str|bytes}."""
    key = (area, name)
    if key in _seen:
        raise SystemExit("duplicate case %s/%s" % key)
    _seen.add(key)
    level = meta.get("level")
    if level not in LEVELS:
        raise SystemExit("case %s/%s has no valid level" % key)
    if not meta.get("source"):
        raise SystemExit("case %s/%s names no source" % key)
    for k in ("source", "description", "decision"):
        if "api-facts" in meta.get(k, ""):
            raise SystemExit("case %s/%s cites a document that does not ship" % key)
    if "README" in meta["source"]:
        raise SystemExit("case %s/%s: a source cites a published page or an ecskp header, "
                         "not the suite's README" % key)
    if (area == "ids" and level == "protocol" and "instance_ids.txt" in files and
            _bytes(files["instance_ids.txt"]) != _bytes(files["ids.json"])):
        raise SystemExit("ids case %s: a protocol-level case expects its input text (sending a "
                         "given text compact is ecskp's normalization)" % name)
    if area == "decode" and name[:2] not in ("y_", "n_", "i_", "a_"):
        raise SystemExit("decode case %s needs y_/n_/i_/a_" % name)
    if name.startswith("i_") and not meta.get("decision"):
        raise SystemExit("i_ case %s records no decision" % name)
    if level == "protocol" and "error.txt" in files:
        raise SystemExit("protocol-level case %s/%s expects an error" % key)
    if name.startswith("a_") != ("advice.json" in files):
        raise SystemExit("case %s/%s: advice.json belongs to the a_ cases, and only to them" % key)
    if name.startswith("a_") and level != "ecskp":
        raise SystemExit("a_ case %s is not level ecskp" % name)
    d = os.path.join(ROOT, area, name)
    os.makedirs(d)
    ordered = {"operation": area}
    for k in ("level", "source", "description", "decision", "input"):
        if k in meta:
            ordered[k] = meta[k]
    _write(os.path.join(d, "case.json"), pretty(ordered))
    for fname, data in files.items():
        _write(os.path.join(d, fname), data)
    _levels[key] = level


def counts():
    return {a: sum(1 for k in _seen if k[0] == a) for a in AREAS}


def level_counts():
    """{(area, level): n} of the cases written."""
    out = {}
    for key, level in _levels.items():
        out[(key[0], level)] = out.get((key[0], level), 0) + 1
    return out


# ------------------------------------------------------------------ normalized decode output
# The neutral document of conformance/README.md (decode.h, ecskp_response_to_json without
# Category and Retryable): compact, keys in a fixed order, absent fields left out; strings
# escape `"` and `\`, bytes below 0x20 as \u00xx (lower-case hex), the rest raw. The advice
# (Category, Retryable) is a document apart, expected by the a_ cases only.

def _s(text):
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def result(instance_id=None, code=None, message=None, success=None):
    return {"InstanceId": instance_id, "Code": code, "Message": message, "Success": success}


def success(request_id, key_pair_name=None, total=None, fail=None, results=None):
    parts = ['"RequestId":' + _s(request_id)]
    if key_pair_name is not None:
        parts.append('"KeyPairName":' + _s(key_pair_name))
    if total is not None:
        parts.append('"TotalCount":%d' % total)
    if fail is not None:
        parts.append('"FailCount":%d' % fail)
    if results is not None:
        items = []
        for r in results:
            f = []
            for k in ("InstanceId", "Code", "Message"):
                if r[k] is not None:
                    f.append('"%s":%s' % (k, _s(r[k])))
            if r["Success"] is not None:
                f.append('"Success":%s' % ("true" if r["Success"] else "false"))
            items.append("{" + ",".join(f) + "}")
        parts.append('"Results":[' + ",".join(items) + "]")
    return "{" + ",".join(parts) + "}"


class ApiError(str):
    """The neutral error document (a str: the text of response.json) carrying the advice that
    ecskp's classification (errors.h) gives it, for the a_ case made from the same body."""

    advice = None


def api_error(code, category, retryable, http=0, request_id=None, host_id=None, message=None,
              recommend=None, access_denied_detail=None):
    parts = []
    if http:
        parts.append('"HttpStatus":%d' % http)
    for k, v in (("RequestId", request_id), ("HostId", host_id), ("Code", code),
                 ("Message", message), ("Recommend", recommend)):
        if v is not None:
            parts.append('"%s":%s' % (k, _s(v)))
    if access_denied_detail is not None:
        parts.append('"AccessDeniedDetail":' + access_denied_detail)
    doc = ApiError('{"Error":{' + ",".join(parts) + "}}")
    doc.advice = advice(category, retryable)
    return doc


def advice(category, retryable):
    """advice.json: ecskp's classification of an API error (errors.h)."""
    return '{"Category":%s,"Retryable":%s}' % (_s(category), "true" if retryable else "false")
