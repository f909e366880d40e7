# SPDX-License-Identifier: MIT
"""Writing conformance case folders (the layout of conformance/README.md).

Used by make_cases.py. A case is written as plain files: case.json (operation, source,
description, scalar inputs, the decision of an i_ case), the inputs (request.json, ids.json,
body.xml / body.json / body.bin) and the expected outputs (<artifact>.txt byte-exact,
response.json, or error.txt).
"""

import json
import os
import shutil

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
AREAS = ["encode", "sign_v1", "sign_v3", "ids", "decode"]


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


def pretty(obj):
    """Request and case files: one member per line, UTF-8 kept readable."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


_seen = set()


def write_case(area, name, meta, files):
    """meta: dict for case.json; files: {filename: str|bytes}."""
    key = (area, name)
    if key in _seen:
        raise SystemExit("duplicate case %s/%s" % key)
    _seen.add(key)
    if not meta.get("source"):
        raise SystemExit("case %s/%s names no source" % key)
    if area == "decode" and name[:2] not in ("y_", "n_", "i_"):
        raise SystemExit("decode case %s needs y_/n_/i_" % name)
    if name.startswith("i_") and not meta.get("decision"):
        raise SystemExit("i_ case %s records no decision" % name)
    d = os.path.join(ROOT, area, name)
    os.makedirs(d)
    ordered = {"operation": area}
    for k in ("source", "description", "decision", "input"):
        if k in meta:
            ordered[k] = meta[k]
    _write(os.path.join(d, "case.json"), pretty(ordered))
    for fname, data in files.items():
        _write(os.path.join(d, fname), data)


def counts():
    return {a: sum(1 for k in _seen if k[0] == a) for a in AREAS}


# ------------------------------------------------------------------ normalized decode output
# decode.h, ecskp_response_to_json: compact, keys in a fixed order, absent fields left out;
# strings escape `"` and `\`, bytes below 0x20 as \u00xx (lower-case hex), the rest raw.

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
    parts.append('"Category":' + _s(category))
    parts.append('"Retryable":' + ("true" if retryable else "false"))
    return '{"Error":{' + ",".join(parts) + "}}"
