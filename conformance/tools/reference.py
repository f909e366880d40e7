# SPDX-License-Identifier: MIT
"""An independent reference for the request side of the conformance suite.

Written from the published pages, "Request signatures" (ECS API reference, Getting started:
https://github.com/AlibabaCloudDocs/ecs, intl.en-US/API Reference/Getting started/Request
signatures.md) and "V3 request structure and signature"
(https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature),
with nothing but the Python standard library (hmac, hashlib, base64), never from ecskp's code
or output. make_cases.py uses it to compute
every expected canonical query, StringToSign, signature, signed query and V3 artifact;
check_cases.py recomputes them from the case files, so a wrong expected file cannot hide.
"""

import base64
import hashlib
import hmac

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def pct(text):
    """Percent-encodes UTF-8 bytes: unreserved kept, everything else %XY upper-case."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return "".join(chr(b) if b in UNRESERVED else "%%%02X" % b for b in data)


def canonical_query(params):
    """params: list of (name, value); sorted by the raw name bytes, Signature left out."""
    pairs = [(n, v) for n, v in params if n != "Signature"]
    pairs.sort(key=lambda p: p[0].encode("utf-8"))
    return "&".join(pct(n) + "=" + pct(v) for n, v in pairs)


def string_to_sign_v1(method, query):
    return method + "&" + pct("/") + "&" + pct(query)


def signature_v1(secret, sts):
    mac = hmac.new((secret + "&").encode("utf-8"), sts.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


def sign_v1(method, params, secret):
    q = canonical_query(params)
    sts = string_to_sign_v1(method, q)
    sig = signature_v1(secret, sts)
    return {
        "canonical_query": q,
        "string_to_sign": sts,
        "signature": sig,
        "signed_query": q + "&Signature=" + pct(sig),
    }


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def sign_v3(method, host, query_params, headers, body, secret, access_key_id):
    """headers: dict of x-acs-* (and content-type) values, without host and content-sha256."""
    content_sha = sha256_hex(body)
    signed = dict(headers)
    signed["host"] = host
    signed["x-acs-content-sha256"] = content_sha
    names = sorted(signed)
    canonical_headers = "".join(n + ":" + signed[n].strip() + "\n" for n in names)
    signed_headers = ";".join(names)
    cq = canonical_query(query_params)
    creq = "\n".join([method, "/", cq, canonical_headers, signed_headers, content_sha])
    hashed = sha256_hex(creq.encode("utf-8"))
    sts = "ACS3-HMAC-SHA256\n" + hashed
    sig = hmac.new(secret.encode("utf-8"), sts.encode("utf-8"), hashlib.sha256).hexdigest()
    auth = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
        access_key_id, signed_headers, sig)
    return {
        "canonical_request": creq,
        "string_to_sign": sts,
        "signature": sig,
        "authorization": auth,
        "_hashed": hashed,
        "_signed_headers": signed_headers,
    }


# The protocol's V3 mapping of request parameters (conformance/README.md, sign_v3).
V3_HEADER_PARAMS = {
    "Action": "x-acs-action",
    "Version": "x-acs-version",
    "Timestamp": "x-acs-date",
    "SignatureNonce": "x-acs-signature-nonce",
    "SecurityToken": "x-acs-security-token",
}
V3_DROPPED = {"AccessKeyId", "SignatureMethod", "SignatureVersion"}


TYPED_ACTIONS = ("AttachKeyPair", "DetachKeyPair")


def sign_v3_request(method, host, request, secret, content_type=None, body=b""):
    """The sign_v3 operation of the protocol, from a request object (InstanceIds already text).

    Version defaults to 2014-05-26 for AttachKeyPair and DetachKeyPair only; any other Action
    must give it (the protocol refuses its absence with missing_parameter)."""
    headers = {"x-acs-version": "2014-05-26"} if request.get("Action") in TYPED_ACTIONS else {}
    query = []
    for name, value in request.items():
        if name in V3_HEADER_PARAMS:
            headers[V3_HEADER_PARAMS[name]] = value
        elif name not in V3_DROPPED:
            query.append((name, value))
    if content_type:
        headers["content-type"] = content_type
    return sign_v3(method, host, query, headers, body, secret, request.get("AccessKeyId", ""))


def compact_ids(ids):
    return "[" + ",".join('"' + i + '"' for i in ids) + "]"


def v1_defaults(request):
    """What sign_v1 adds to a request that lacks it: SignatureMethod=HMAC-SHA1 and
    SignatureVersion=1.0, and Version=2014-05-26 for AttachKeyPair and DetachKeyPair only.
    Nothing else (no Format: suite 2.0.0 dropped the Format=JSON default of 1.x)."""
    out = [("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0")]
    if request.get("Action") in TYPED_ACTIONS:
        out.append(("Version", "2014-05-26"))
    return out


def request_params(request, fill_v1=False):
    """A request object to (name, value) pairs; InstanceIds arrays become compact text."""
    req = dict(request)
    if fill_v1:
        for n, v in v1_defaults(request):
            req.setdefault(n, v)
    out = []
    for n, v in req.items():
        if isinstance(v, list):
            v = compact_ids(v)
        out.append((n, v))
    return out
