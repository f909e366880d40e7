#!/usr/bin/env python3
"""A local stand-in for the ECS endpoint, for AttachKeyPair and DetachKeyPair only.

It listens on 127.0.0.1 only, checks every request the way the gateway does (required common
parameters, signature version 1.0 recomputed here from scratch, nonce reuse), and answers with the
documented response and error bodies, in JSON or XML according to the request's Format parameter.

The signature check is this file's own implementation of the published rules (api-facts
section 2), written against the Python standard library (hmac, hashlib, base64): it shares no
code with ecskp, so a client built on ecskp is checked against an independent reading of the
protocol.

Outcomes. The request's KeyPairName (and instance IDs) choose what the server answers once the
signature is valid, so that every documented outcome can be reached:

    KeyPairName               answer
    ------------------------  ---------------------------------------------------------------
    missing-...               404 InvalidKeyPairName.NotFound (error body)
    throttled-...             400 Throttling (error body)
    internal-error-...        500 InternalError (error body)
    windows-...               403 DependencyViolation.WindowsInstance (error body, older pages)
    legacy-...                200, the older success body that holds only RequestId
    sts-mismatch-...          400 SignatureDoesNotMatch although the signature is right: the
                              server computes its StringToSign as if the method were GET, as a
                              server would whose canonicalization disagrees with the client's
    anything else             200, the newer success body with TotalCount, FailCount and one
                              Result per instance; an instance ID starting with `i-win` fails
                              (Success false, Code DependencyViolation.WindowsInstance), the
                              others succeed (Success true, Code "200", Message "successful")

Independently of the name: an unknown AccessKeyId is 404 InvalidAccessKeyId.NotFound, a wrong
signature is 400 SignatureDoesNotMatch whose Message ends with `server string to sign is:` and the
server's StringToSign, a reused SignatureNonce is 400 SignatureNonceUsed, a missing parameter is
400 MissingParameter, InstanceIds that is not a JSON array of 1..50 strings is 400
InvalidInstanceIds.ValueNotSupported.

Usage:
    fake_ecs_server.py --credential ID:SECRET [--credential ...] [--port 0]
                       [--port-file FILE] [--lifetime SECONDS] [--log FILE]

The chosen port (ephemeral when --port is 0) is written to --port-file (atomically) and printed on
stdout. The server exits by itself after --lifetime seconds (default 300), so a forgotten server
never outlives its test by much.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import re
import sys
import time
import urllib.parse
import uuid
from xml.sax.saxutils import escape as xml_escape

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
ACTIONS = ("AttachKeyPair", "DetachKeyPair")
REQUIRED_COMMON = ("AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
                   "SignatureNonce", "Timestamp", "Version")


# ------------------------------------------------------------------ signature version 1.0


def percent_encode(text):
    """api-facts 2.1: UTF-8 bytes; A-Z a-z 0-9 - _ . ~ kept; every other byte %XY, upper hex."""
    out = []
    for byte in text.encode("utf-8"):
        if byte in UNRESERVED:
            out.append(chr(byte))
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def string_to_sign(method, params):
    """api-facts 2.2-2.4: sort by raw name bytes, leave out Signature, join, encode again."""
    pairs = sorted(((k, v) for k, v in params.items() if k != "Signature"),
                   key=lambda kv: kv[0].encode("utf-8"))
    canonical = "&".join(percent_encode(k) + "=" + percent_encode(v) for k, v in pairs)
    return method + "&" + percent_encode("/") + "&" + percent_encode(canonical)


def signature(secret, sts):
    """api-facts 2.5: Base64(HMAC-SHA1(secret + "&", StringToSign)), standard, padded."""
    mac = hmac.new((secret + "&").encode("utf-8"), sts.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


# ------------------------------------------------------------------ response bodies


def request_id():
    return str(uuid.uuid4()).upper()


def render(fmt, root, fields):
    """fields: list of (name, value); value is str, int, bool, or a list of dicts (Results)."""
    if fmt == "XML":
        parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<%s>" % root]
        for name, value in fields:
            if isinstance(value, list):
                parts.append("<%s>" % name)
                for item in value:
                    parts.append("<Result>")
                    for k, v in item.items():
                        if isinstance(v, bool):
                            v = "true" if v else "false"
                        parts.append("<%s>%s</%s>" % (k, xml_escape(str(v)), k))
                    parts.append("</Result>")
                parts.append("</%s>" % name)
            else:
                if isinstance(value, bool):
                    value = "true" if value else "false"
                parts.append("<%s>%s</%s>" % (name, xml_escape(str(value)), name))
        parts.append("</%s>" % root)
        return "".join(parts).encode("utf-8"), "text/xml;charset=utf-8"
    obj = {}
    for name, value in fields:
        obj[name] = {"Result": value} if isinstance(value, list) else value
    return json.dumps(obj).encode("utf-8"), "application/json;charset=utf-8"


def error_body(fmt, code, message, rid):
    fields = [("RequestId", rid), ("HostId", "ecs.aliyuncs.com"), ("Code", code),
              ("Message", message)]
    if fmt == "JSON":
        fields.append(("Recommend", "https://api.alibabacloud.com/troubleshoot?q=%s&product=Ecs"
                       "&requestId=%s" % (urllib.parse.quote(code), rid)))
    return render(fmt, "Error", fields)


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message


# ------------------------------------------------------------------ the endpoint


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-ecs"
    sys_version = ""

    def log_message(self, fmt, *args):
        log = self.server.log
        if log is not None:
            log.write("%s %s\n" % (time.strftime("%H:%M:%S"), fmt % args))
            log.flush()

    def do_GET(self):
        self.handle_api("GET")

    def do_POST(self):
        self.handle_api("POST")

    def read_params(self, method):
        """Query string plus, for POST, the application/x-www-form-urlencoded body."""
        url = urllib.parse.urlsplit(self.path)
        sources = [url.query]
        if method == "POST":
            length = int(self.headers.get("Content-Length") or "0")
            if length < 0 or length > MAX_BODY:
                raise ApiError(400, "InvalidParameter", "The request body is too large.")
            body = self.rfile.read(length)
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if body and ctype != "application/x-www-form-urlencoded":
                raise ApiError(400, "InvalidParameter",
                               "The request body must be application/x-www-form-urlencoded.")
            try:
                sources.append(body.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise ApiError(400, "InvalidParameter", "The request body is not UTF-8.") from exc
        params = {}
        for source in sources:
            if not source:
                continue
            try:
                pairs = urllib.parse.parse_qsl(source, keep_blank_values=True,
                                               strict_parsing=True, errors="strict")
            except (ValueError, UnicodeDecodeError) as exc:
                raise ApiError(400, "InvalidParameter", "The request is malformed.") from exc
            for name, value in pairs:
                if name in params:
                    raise ApiError(400, "InvalidParameter",
                                   "The parameter %s is specified more than once." % name)
                params[name] = value
        return params

    def handle_api(self, method):
        fmt = "JSON"
        rid = request_id()
        try:
            params = self.read_params(method)
            if params.get("Format") in ("JSON", "XML"):
                fmt = params["Format"]
            status, root, fields = self.answer(method, params, rid)
            body, ctype = render(fmt, root, fields)
        except ApiError as err:
            status = err.status
            body, ctype = error_body(fmt, err.code, err.message, rid)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-acs-request-id", rid)
        self.end_headers()
        self.wfile.write(body)

    def answer(self, method, params, rid):
        for name in REQUIRED_COMMON:
            if not params.get(name):
                if name == "Timestamp" and "TimeStamp" in params:
                    raise ApiError(400, "MissingParameter",
                                   'The input parameter "Timestamp" that is mandatory for '
                                   "processing this request is not supplied.")
                raise ApiError(400, "MissingParameter",
                               'The input parameter "%s" that is mandatory for processing this '
                               "request is not supplied." % name)
        if params["SignatureMethod"] != "HMAC-SHA1":
            raise ApiError(400, "InvalidSignatureMethod",
                           "Specified signature method is not valid.")
        if params["SignatureVersion"] != "1.0":
            raise ApiError(400, "InvalidParameter", "SignatureVersion is not valid.")
        if not TIMESTAMP_RE.match(params["Timestamp"]):
            raise ApiError(400, "InvalidTimeStamp.Format",
                           "Specified time stamp or date value is not well formatted.")
        secret = self.server.credentials.get(params["AccessKeyId"])
        if secret is None:
            raise ApiError(404, "InvalidAccessKeyId.NotFound",
                           "Specified access key is not found.")

        kp_name = params.get("KeyPairName", "")
        signed_method = "GET" if kp_name.startswith("sts-mismatch") else method
        sts = string_to_sign(signed_method, params)
        if not hmac.compare_digest(signature(secret, sts).encode("ascii"),
                                   params["Signature"].encode("utf-8", "replace")):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature is not matched with our calculation. "
                           "server string to sign is:" + sts)

        nonce = params["SignatureNonce"]
        if nonce in self.server.nonces:
            raise ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
        self.server.nonces.add(nonce)

        action = params.get("Action", "")
        if not action:
            raise ApiError(400, "MissingParameter",
                           'The input parameter "Action" that is mandatory for processing this '
                           "request is not supplied.")
        if action not in ACTIONS or params["Version"] != "2014-05-26":
            raise ApiError(404, "InvalidApi.NotFound",
                           "Specified api is not found, please check your url and method.")
        for name in ("RegionId", "KeyPairName", "InstanceIds"):
            if not params.get(name):
                raise ApiError(400, "MissingParameter",
                               "The input parameter %s that is required for processing this "
                               "request is not supplied." % name)
        try:
            ids = json.loads(params["InstanceIds"])
        except ValueError:
            ids = None
        if (not isinstance(ids, list) or not 1 <= len(ids) <= 50
                or not all(isinstance(i, str) and i for i in ids)):
            raise ApiError(400, "InvalidInstanceIds.ValueNotSupported",
                           "The specified parameter InstanceIds is not valid.")

        root = action + "Response"
        if kp_name.startswith("missing-"):
            raise ApiError(404, "InvalidKeyPairName.NotFound",
                           "The specified KeyPairName does not exist in our records.")
        if kp_name.startswith("throttled-"):
            raise ApiError(400, "Throttling", "Request was denied due to request throttling.")
        if kp_name.startswith("internal-error-"):
            raise ApiError(500, "InternalError",
                           "The request processing has failed due to some unknown error.")
        if kp_name.startswith("windows-"):
            raise ApiError(403, "DependencyViolation.WindowsInstance",
                           "The instance creating this window, cannot use ssh key pair to login.")
        if kp_name.startswith("legacy-"):
            return 200, root, [("RequestId", rid)]

        results = []
        for instance_id in ids:
            if instance_id.startswith("i-win"):
                results.append({"Message": "The instance is a Windows instance; SSH key pairs "
                                           "cannot be used with it.",
                                "InstanceId": instance_id, "Success": False,
                                "Code": "DependencyViolation.WindowsInstance"})
            else:
                results.append({"Message": "successful", "InstanceId": instance_id,
                                "Success": True, "Code": "200"})
        fail_count = sum(1 for r in results if not r["Success"])
        return 200, root, [("TotalCount", len(results)), ("RequestId", rid),
                           ("Results", results), ("FailCount", fail_count)]


class Server(http.server.HTTPServer):
    def __init__(self, port, credentials, log):
        super().__init__((HOST, port), Handler)
        self.credentials = credentials
        self.nonces = set()
        self.log = log


def self_test():
    """The worked example of the ECS "Request signatures" page (api-facts section 2)."""
    params = {"AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML",
              "SignatureMethod": "HMAC-SHA1",
              "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
              "SignatureVersion": "1.0", "Timestamp": "2016-02-23T12:46:24Z",
              "Version": "2014-05-26"}
    want_sts = ("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-"
                "4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z"
                "%26Version%3D2014-05-26")
    sts = string_to_sign("GET", params)
    sig = signature("testsecret", sts)
    checks = [
        ("StringToSign", sts, want_sts),
        ("Signature", sig, "OLeaidS1JvxuMvnyHOwuJ+uX5qY="),
        ("percent-encoding", percent_encode("a b*~!'()\u00e9"), "a%20b%2A~%21%27%28%29%C3%A9"),
    ]
    failed = 0
    for what, got, want in checks:
        if got != want:
            print("self-test: %s: got %s, want %s" % (what, got, want))
            failed += 1
    print("self-test: %s" % ("ok" if not failed else "FAILED"))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--credential", action="append", default=[], metavar="ID:SECRET",
                    help="an accepted AccessKeyId and its secret (repeatable)")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: ephemeral)")
    ap.add_argument("--port-file", help="write the chosen port to this file")
    ap.add_argument("--lifetime", type=float, default=300.0,
                    help="exit after this many seconds (default 300)")
    ap.add_argument("--log", help="append one line per request to this file")
    ap.add_argument("--self-test", action="store_true",
                    help="check the signature code against the documented example and exit")
    args = ap.parse_args()
    if args.self_test:
        return self_test()

    credentials = {}
    for cred in args.credential:
        key_id, sep, secret = cred.partition(":")
        if not sep or not key_id or not secret:
            ap.error("--credential takes ID:SECRET")
        credentials[key_id] = secret
    if not credentials:
        ap.error("give at least one --credential ID:SECRET")

    log = open(args.log, "a", encoding="utf-8") if args.log else None
    server = Server(args.port, credentials, log)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w", encoding="ascii") as f:
            f.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    print("listening on %s:%d" % (HOST, port), flush=True)

    deadline = time.monotonic() + args.lifetime
    server.timeout = 0.5
    try:
        while time.monotonic() < deadline:
            server.handle_request()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
