#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A worked example of a conformance adapter, on Python's standard library only.

It implements three operations of the suite with its own small code: `encode` (the canonical
query), `sign_v1` (signature 1.0, HMAC-SHA1) and `ids` (the compact InstanceIds text), at the
protocol level: it computes what the wire protocol requires and refuses almost nothing. The other
operations (`sign_v3`, `decode`) answer {"unsupported": ...}, which the runner counts as skipped.

One-shot mode (the default): read one JSON request from stdin, write one JSON answer.
Persistent mode (CONFORMANCE_PERSISTENT=1): one request per line in, one answer per line out,
until stdin closes.

    python3 tools/run.py --level protocol --adapter 'python3 adapters/python/adapter.py'   # in the suite folder

Sources of the rules: the ECS "Request signatures" page (signature 1.0, the DescribeRegions
example) and the AttachKeyPair / DetachKeyPair API reference (InstanceIds is one parameter holding
the JSON text of the list):
https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import urllib.parse

TYPED_ACTIONS = ("AttachKeyPair", "DetachKeyPair")


class Refusal(Exception):
    """An input this adapter cannot work with; `name` is one of the suite's error names."""

    def __init__(self, name, detail):
        super().__init__(detail)
        self.name = name


def percent_encode(text):
    """RFC 3986 unreserved characters kept, every other UTF-8 byte as %XY (upper-case hex)."""
    try:
        return urllib.parse.quote(text, safe="-_.~", encoding="utf-8", errors="strict")
    except UnicodeEncodeError as e:
        raise Refusal("invalid_utf8", "not valid UTF-8: " + str(e)) from None


def compact_ids(ids):
    """The JSON text of a list of IDs, without white space: ["i-a","i-b"]."""
    return json.dumps(ids, separators=(",", ":"), ensure_ascii=False)


def wire_value(name, value, typed):
    """The text a parameter is sent as."""
    if isinstance(value, list) and name == "InstanceIds":
        return compact_ids(value)
    if not isinstance(value, str):
        raise Refusal("invalid_parameter_value", "the value of %s is not a string" % name)
    if typed and name == "InstanceIds":
        # The list given as JSON text: sent in its compact form when it is JSON, else as given.
        try:
            ids = json.loads(value)
        except ValueError:
            return value
        if isinstance(ids, list):
            return compact_ids(ids)
    return value


def canonical_query(request):
    """Pairs sorted by the bytes of the raw names; name=value, both percent-encoded, joined by &.

    A parameter named Signature is left out (it is the output of signing, not an input)."""
    if not isinstance(request, dict):
        raise Refusal("invalid_argument", "the request is not a JSON object")
    typed = request.get("Action") in TYPED_ACTIONS
    pairs = []
    for name, value in request.items():
        if name == "Signature":
            continue
        pairs.append((name, wire_value(name, value, typed)))
    pairs.sort(key=lambda p: p[0].encode("utf-8", "surrogatepass"))
    return "&".join(percent_encode(n) + "=" + percent_encode(v) for n, v in pairs)


def sign_v1(method, secret, request):
    if not isinstance(request, dict):
        raise Refusal("invalid_argument", "the request is not a JSON object")
    if secret == "":
        raise Refusal("missing_secret", "the AccessKeySecret is empty")
    signed = dict(request)
    signed.setdefault("SignatureMethod", "HMAC-SHA1")
    signed.setdefault("SignatureVersion", "1.0")
    if signed.get("Action") in TYPED_ACTIONS:
        signed.setdefault("Version", "2014-05-26")
    query = canonical_query(signed)
    string_to_sign = method + "&" + percent_encode("/") + "&" + percent_encode(query)
    key = (secret + "&").encode("utf-8")
    digest = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha1).digest()
    signature = base64.b64encode(digest).decode("ascii")
    return {
        "canonical_query": query,
        "string_to_sign": string_to_sign,
        "signature": signature,
        "signed_query": query + "&Signature=" + percent_encode(signature),
    }


def instance_ids(text):
    try:
        ids = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise Refusal("ids_malformed", "not one JSON value: " + str(e)) from None
    if not isinstance(ids, list):
        raise Refusal("ids_not_array", "the JSON value is not an array")
    return {"instance_ids": compact_ids(ids)}


def answer(operation, inp):
    if operation == "encode":
        return {"canonical_query": canonical_query(inp.get("request"))}
    if operation == "sign_v1":
        return sign_v1(inp.get("method", "GET"), inp.get("secret", ""), inp.get("request"))
    if operation == "ids":
        if inp.get("strict"):
            return {"unsupported": "the strict ID grammar is an option of ecskp"}
        return instance_ids(base64.b64decode(inp.get("text_base64", "")))
    if operation in ("sign_v3", "decode"):
        return {"unsupported": "this example implements encode, sign_v1 and ids"}
    return {"unsupported": "unknown operation %r" % (operation,)}


def handle(line):
    try:
        msg = json.loads(line)
        out = answer(msg["operation"], msg.get("input", {}))
    except Refusal as e:
        out = {"error": e.name, "detail": str(e)}
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        out = {"error": "invalid_argument", "detail": "%s: %s" % (type(e).__name__, e)}
    # ensure_ascii keeps the answer on one line and in ASCII, whatever the strings hold.
    return json.dumps(out, ensure_ascii=True)


def main():
    if os.environ.get("CONFORMANCE_PERSISTENT") == "1":
        for line in sys.stdin.buffer:
            if line.strip():
                sys.stdout.write(handle(line) + "\n")
                sys.stdout.flush()
        return 0
    sys.stdout.write(handle(sys.stdin.buffer.read()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
