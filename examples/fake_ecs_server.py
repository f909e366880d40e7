#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A local stand-in for the ECS endpoint, for AttachKeyPair and DetachKeyPair only.

It listens on 127.0.0.1 only, checks every request the way the gateway does (required common
parameters, the signature recomputed here from scratch, the STS SecurityToken, nonce reuse), and
answers with the documented response and error bodies, in JSON or XML according to the request's
Format parameter.

Both signatures are checked by this file's own implementation of the published rules (Request
signatures, ECS API reference, Getting started, mirrored in https://github.com/AlibabaCloudDocs/ecs,
`intl.en-US/API Reference/Getting started/Request signatures.md`; V3 request structure and
signature, https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature),
written against the Python standard library (hmac, hashlib, base64): it shares no code with ecskp,
so a client built on ecskp is checked against an independent reading of the protocol.

  - Signature 1.0 (no Authorization header): the parameters of the query and, for POST, of the
    application/x-www-form-urlencoded body; StringToSign METHOD&%2F&percentEncode(canonical
    query), Base64(HMAC-SHA1(secret + "&")), compared with Signature; Timestamp, SignatureNonce
    and the other common parameters required.
  - V3 (Authorization: ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=...,Signature=HEX): the
    canonical request rebuilt from the received method, path, query and the signed headers the
    Authorization lists (host, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce and
    x-acs-content-sha256 must be among them, x-acs-security-token too when it is sent,
    content-type when there is a body), x-acs-content-sha256 compared with the SHA-256 of the
    body received, HMAC-SHA256(secret) in lower-case hex compared with Signature.

Credentials: --credential ID:SECRET (AccessKey) and --sts-credential ID:SECRET:TOKEN (STS: the
request must carry exactly TOKEN, as SecurityToken with 1.0, as the signed header
x-acs-security-token with V3). A token on a request whose AccessKeyId is a plain AccessKey is
refused too (400 InvalidSecurityToken.Malformed); a missing or different one for an STS key is
400 InvalidSecurityToken.MismatchWithAccessKey. These two codes are this server's choice.

Outcomes. The request's KeyPairName (and instance IDs) choose what the server answers once the
request checks out:

    KeyPairName               answer
    ------------------------  ---------------------------------------------------------------
    missing-...               404 InvalidKeyPairName.NotFound (error body)
    throttled-...             400 Throttling (error body)
    internal-error-...        500 InternalError (error body)
    windows-...               403 DependencyViolation.WindowsInstance (error body, older pages)
    legacy-...                200, the older success body that holds only RequestId
    sts-mismatch-...          400 SignatureDoesNotMatch although the signature is right (1.0
                              only): the server computes its StringToSign as if the method were
                              GET, as a server would whose canonicalization disagrees
    anything else             200, the newer success body with TotalCount, FailCount and one
                              Result per instance (in XML, one <Result> per instance, so a
                              one-instance reply has one <Result>); an instance ID containing
                              `win` fails (Success false, Code DependencyViolation.WindowsInstance),
                              the others succeed (Success true, Code "200", Message "successful")

Independently of the name: an unknown AccessKeyId is 404 InvalidAccessKeyId.NotFound, a wrong
signature is 400 SignatureDoesNotMatch whose Message ends with `server string to sign is:` and the
server's StringToSign, a reused SignatureNonce is 400 SignatureNonceUsed, a missing parameter is
400 MissingParameter, InstanceIds that is not a JSON array of 1..50 strings is 400
InvalidInstanceIds.ValueNotSupported.

Scenarios. Before the outcome above, a scenario may answer instead. Requests are grouped into
batches by their InstanceIds value: batch 1 is the first list of IDs the server sees (in a
request that checks out), batch 2 the next different one, and so on; attempt k is the k-th request
of that batch. A rule is {"batch": N or absent (any), "attempt": K or absent (any), "reply": KIND,
...}; the first rule that matches answers. KIND:

    throttled      400 Throttling.User, header x-acs-retry-after: RETRY_AFTER_MS ("retry_after_ms",
                   default 100)
    rate-limited   429 Throttling.User, header x-ratelimit-user-api:
                   Limit:1,Remain:0,TimeLeft:TIME_LEFT_MS,Reset:1 ("time_left_ms", default 100)
    html-503       503 with a gateway's HTML page (text/html)
    bare-503       503 with no body (Content-Length: 0, no Content-Type)
    forbidden      403 Forbidden.RAM
    error          "status", "code" and "message" as given (an error body)
    instance-code  no reply of its own: in the newer success body, each instance whose ID
                   contains "contains" (or is one of "ids") fails (Success false) with Code
                   "code" (default Throttling) and Message "message", in the first "times"
                   requests that carry it (default 1; counted per instance over every
                   request that checks out, whatever its batch); later requests give it its
                   usual outcome. "batch" and "attempt", when given, narrow it as for the
                   other kinds. Every matching instance-code rule applies (the first one for
                   an instance wins); the rules that answer are looked at first.

Rules come from --scenario FILE ({"rules": [...]}) and from --reply BATCH:ATTEMPT:KIND (each `*`
or a number; e.g. --reply 2:1:throttled, --reply '*:*:forbidden'), in that order.

Request log. --request-log FILE appends one JSON object per request, written before the reply is
sent: seq, time (Unix seconds, float), method, path, host, signature_version ("1.0", "v3" or
null), access_key_id, security_token (the one seen, or null), verified (the signature and the
token checked out), action, region_id, key_pair_name, instance_ids (a list, or null), batch,
attempt, format, status, code (the error code answered, or null), instance_codes (the
instances an instance-code rule failed in this reply, {id: code}, or null); a member the server
did not get as far as reading is null. --log FILE appends the plain access log.

Usage:
    fake_ecs_server.py --credential ID:SECRET [--sts-credential ID:SECRET:TOKEN ...] [--port 0]
                       [--port-file FILE] [--lifetime SECONDS] [--log FILE]
                       [--request-log FILE] [--scenario FILE] [--reply B:A:KIND ...]
    fake_ecs_server.py --self-test

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
import threading
import time
import urllib.parse
import uuid
from xml.sax.saxutils import escape as xml_escape

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
ACTIONS = ("AttachKeyPair", "DetachKeyPair")
API_VERSION = "2014-05-26"
REQUIRED_COMMON = ("AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
                   "SignatureNonce", "Timestamp", "Version")
V3_ALGORITHM = "ACS3-HMAC-SHA256"
V3_AUTH_RE = re.compile(r"^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([^,\s]+),"
                        r"Signature=([0-9a-f]{64})$")
V3_REQUIRED_SIGNED = ("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                      "x-acs-signature-nonce", "x-acs-version")
INSTANCE_CODE = "instance-code"
THROTTLING_MESSAGE = "Request was denied due to request throttling."
GATEWAY_503_PAGE = (b"<!DOCTYPE html>\n<html>\n<head><title>503 Service Temporarily Unavailable"
                    b"</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable"
                    b"</h1></center>\n<hr><center>Tengine</center>\n</body>\n</html>\n")


# ------------------------------------------------------------------ signature version 1.0


def percent_encode(text):
    """Request signatures: UTF-8 bytes; A-Z a-z 0-9 - _ . ~ kept; other bytes %XY, upper hex."""
    out = []
    for byte in text.encode("utf-8"):
        if byte in UNRESERVED:
            out.append(chr(byte))
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def string_to_sign(method, params):
    """Request signatures: sort by raw name bytes, leave out Signature, join, encode again."""
    pairs = sorted(((k, v) for k, v in params.items() if k != "Signature"),
                   key=lambda kv: kv[0].encode("utf-8"))
    canonical = "&".join(percent_encode(k) + "=" + percent_encode(v) for k, v in pairs)
    return method + "&" + percent_encode("/") + "&" + percent_encode(canonical)


def signature(secret, sts):
    """Request signatures: Base64(HMAC-SHA1(secret + "&", StringToSign)), standard, padded."""
    mac = hmac.new((secret + "&").encode("utf-8"), sts.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


# ------------------------------------------------------------------ signature V3


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def v3_canonical_request(method, path, query_pairs, headers, signed_names, body_hash):
    """V3 request structure and signature: METHOD, path, sorted encoded query,
    name:trimmed-value lines, names, hash.

    headers maps a lower-case name to its value; signed_names is the list, in order, that the
    Authorization names (checked sorted and complete by the caller)."""
    query = "&".join(sorted(percent_encode(k) + "=" + percent_encode(v) for k, v in query_pairs))
    canonical_headers = "".join("%s:%s\n" % (name, headers[name].strip())
                                for name in signed_names)
    return "\n".join([method, path, query, canonical_headers, ";".join(signed_names), body_hash])


def v3_string_to_sign(canonical_request):
    return V3_ALGORITHM + "\n" + sha256_hex(canonical_request.encode("utf-8"))


def v3_signature(secret, sts):
    """Lower-case hex HMAC-SHA256 with the secret itself as the key (no "&")."""
    return hmac.new(secret.encode("utf-8"), sts.encode("utf-8"), hashlib.sha256).hexdigest()


# ------------------------------------------------------------------ response bodies


def request_id():
    return str(uuid.uuid4()).upper()


def render_xml(root, fields):
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


def render(fmt, root, fields):
    """fields: list of (name, value); value is str, int, bool, or a list of dicts (Results)."""
    if fmt == "XML":
        return render_xml(root, fields)
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
    """An error reply: status, Code, Message, and extra response headers."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class RawReply(Exception):
    """A reply that is not an API body (a gateway page, an empty 503)."""

    def __init__(self, status, body, ctype):
        super().__init__(status)
        self.status = status
        self.body = body
        self.ctype = ctype


def missing(name):
    return ApiError(400, "MissingParameter",
                    'The input parameter "%s" that is mandatory for processing this request is '
                    "not supplied." % name)


# ------------------------------------------------------------------ scenarios


def scenario_reply(rule):
    """Raises the reply a matching scenario rule asks for."""
    kind = rule.get("reply")
    if kind == "throttled":
        raise ApiError(400, "Throttling.User", "Request was denied due to user flow control.",
                       {"x-acs-retry-after": str(rule.get("retry_after_ms", 100))})
    if kind == "rate-limited":
        hint = "Limit:1,Remain:0,TimeLeft:%d,Reset:1" % rule.get("time_left_ms", 100)
        raise ApiError(429, "Throttling.User", "Request was denied due to user flow control.",
                       {"x-ratelimit-user-api": hint})
    if kind == "html-503":
        raise RawReply(503, GATEWAY_503_PAGE, "text/html")
    if kind == "bare-503":
        raise RawReply(503, b"", None)
    if kind == "forbidden":
        raise ApiError(403, "Forbidden.RAM",
                       "User not authorized to operate on the specified resource, or this API "
                       "doesn't support RAM.")
    if kind == "error":
        raise ApiError(int(rule["status"]), rule["code"], rule.get("message", rule["code"]))
    raise ValueError("unknown scenario reply %r" % kind)


def load_rules(scenario_file, reply_specs):
    rules = []
    if scenario_file:
        with open(scenario_file, encoding="utf-8") as f:
            rules.extend(json.load(f).get("rules", []))
    for spec in reply_specs:
        batch, attempt, kind = spec.split(":", 2)
        rule = {"reply": kind}
        if batch != "*":
            rule["batch"] = int(batch)
        if attempt != "*":
            rule["attempt"] = int(attempt)
        rules.append(rule)
    kinds = ("throttled", "rate-limited", "html-503", "bare-503", "forbidden", "error",
             INSTANCE_CODE)
    for rule in rules:
        if rule.get("reply") not in kinds:
            raise ValueError("unknown scenario reply %r" % rule.get("reply"))
        if rule["reply"] == INSTANCE_CODE and not rule.get("contains") and not rule.get("ids"):
            raise ValueError("an instance-code rule needs \"contains\" or \"ids\"")
    return rules


def rule_matches(rule, batch, attempt):
    return rule.get("batch", batch) == batch and rule.get("attempt", attempt) == attempt


def instance_codes(rules, batch, attempt, ids, seen):
    """{id: (code, message)} of the instances the instance-code rules fail in this request;
    seen maps an ID to the number of requests that carried it, this one included."""
    failed = {}
    for rule in rules:
        if rule.get("reply") != INSTANCE_CODE or not rule_matches(rule, batch, attempt):
            continue
        for instance_id in ids:
            named = (instance_id in rule.get("ids", ()) or
                     (rule.get("contains") and rule["contains"] in instance_id))
            if named and seen[instance_id] <= rule.get("times", 1) and instance_id not in failed:
                code = rule.get("code", "Throttling")
                default = THROTTLING_MESSAGE if code == "Throttling" else code
                failed[instance_id] = (code, rule.get("message", default))
    return failed


# ------------------------------------------------------------------ the endpoint


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-ecs"
    sys_version = ""

    def log_message(self, fmt, *args):
        log = self.server.log
        if log is not None:
            with self.server.lock:
                log.write("%s %s\n" % (time.strftime("%H:%M:%S"), fmt % args))
                log.flush()

    def do_GET(self):
        self.handle_api("GET")

    def do_POST(self):
        self.handle_api("POST")

    def read_body(self):
        length = int(self.headers.get("Content-Length") or "0")
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            raise ApiError(400, "InvalidParameter", "The request body is too large.")
        return self.rfile.read(length)

    @staticmethod
    def parse_pairs(source):
        try:
            return urllib.parse.parse_qsl(source, keep_blank_values=True, strict_parsing=True,
                                          errors="strict")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, "InvalidParameter", "The request is malformed.") from exc

    def read_params(self, query, body):
        """Signature 1.0: the query string plus an application/x-www-form-urlencoded body."""
        sources = [query]
        if body:
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
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
            for name, value in self.parse_pairs(source):
                if name in params:
                    raise ApiError(400, "InvalidParameter",
                                   "The parameter %s is specified more than once." % name)
                params[name] = value
        return params

    def handle_api(self, method):
        entry = {"seq": None, "time": time.time(), "method": method, "path": None,
                 "host": self.headers.get("Host"), "signature_version": None,
                 "access_key_id": None, "security_token": None, "verified": False,
                 "action": None, "region_id": None, "key_pair_name": None,
                 "instance_ids": None, "batch": None, "attempt": None,
                 "format": None, "status": None, "code": None, "instance_codes": None}
        rid = request_id()
        headers = {"x-acs-request-id": rid}
        try:
            fields, root = self.answer(method, entry, rid)
            status = 200
            body, ctype = render(entry["format"] or "JSON", root, fields)
        except ApiError as err:
            status, entry["code"] = err.status, err.code
            headers.update(err.headers)
            body, ctype = error_body(entry["format"] or "JSON", err.code, err.message, rid)
        except RawReply as raw:
            status, body, ctype = raw.status, raw.body, raw.ctype
            headers = {}
        entry["status"] = status
        self.server.record(entry)
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def answer(self, method, entry, rid):
        """Checks the request; returns (fields, root) of a success or raises the reply."""
        url = urllib.parse.urlsplit(self.path)
        entry["path"] = url.path
        body = self.read_body()
        if self.headers.get("Authorization") is not None:
            entry["signature_version"] = "v3"
            params, action, version = self.authenticate_v3(method, url, body, entry)
        else:
            entry["signature_version"] = "1.0"
            params = self.read_params(url.query, body)
            self.set_format(entry, params)
            self.authenticate_v1(method, params, entry)
            action, version = params.get("Action", ""), params["Version"]
        entry["action"] = action or None
        ids = self.operation_ids(action, version, params, entry)
        entry["verified"] = True
        failed = self.apply_scenario(ids, entry)
        fields, root = self.outcome(action, params.get("KeyPairName", ""), ids, rid, failed)
        if failed and any(name == "Results" for name, _ in fields):
            entry["instance_codes"] = {i: code for i, (code, _) in sorted(failed.items())}
        return fields, root

    @staticmethod
    def set_format(entry, params):
        fmt = params.get("Format", "")
        if fmt.upper() in ("JSON", "XML"):
            entry["format"] = fmt.upper()

    def check_credential(self, key_id, token, entry):
        """The secret of key_id; checks the token (after the signature) later via the entry."""
        entry["access_key_id"] = key_id
        entry["security_token"] = token
        cred = self.server.credentials.get(key_id)
        if cred is None:
            raise ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        return cred

    @staticmethod
    def check_token(cred, token):
        want = cred[1]
        if want is None and token is not None:
            raise ApiError(400, "InvalidSecurityToken.Malformed",
                           "A security token was sent with an AccessKey that is not an STS key.")
        if want is not None and token != want:
            raise ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey",
                           "The security token is %s for this STS AccessKeyId." %
                           ("missing" if token is None else "not the one issued"))

    def check_nonce(self, nonce):
        with self.server.lock:
            if nonce in self.server.nonces:
                raise ApiError(400, "SignatureNonceUsed",
                               "Specified signature nonce was used already.")
            self.server.nonces.add(nonce)

    def authenticate_v1(self, method, params, entry):
        for name in REQUIRED_COMMON:
            if not params.get(name):
                raise missing(name)
        if params["SignatureMethod"] != "HMAC-SHA1":
            raise ApiError(400, "InvalidSignatureMethod",
                           "Specified signature method is not valid.")
        if params["SignatureVersion"] != "1.0":
            raise ApiError(400, "InvalidParameter", "SignatureVersion is not valid.")
        if not TIMESTAMP_RE.match(params["Timestamp"]):
            raise ApiError(400, "InvalidTimeStamp.Format",
                           "Specified time stamp or date value is not well formatted.")
        cred = self.check_credential(params["AccessKeyId"], params.get("SecurityToken"), entry)
        kp_name = params.get("KeyPairName", "")
        signed_method = "GET" if kp_name.startswith("sts-mismatch") else method
        sts = string_to_sign(signed_method, params)
        if not hmac.compare_digest(signature(cred[0], sts).encode("ascii"),
                                   params["Signature"].encode("utf-8", "replace")):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature is not matched with our calculation. "
                           "server string to sign is:" + sts)
        self.check_token(cred, params.get("SecurityToken"))
        self.check_nonce(params["SignatureNonce"])

    def v3_headers(self, signed_names):
        """The signed headers, each present once; the list sorted, lower case, complete."""
        if signed_names != sorted(set(signed_names)) or any(n != n.lower() for n in signed_names):
            raise ApiError(400, "IncompleteSignature",
                           "SignedHeaders must be sorted, lower-case names, each once.")
        for name in V3_REQUIRED_SIGNED:
            if name not in signed_names:
                raise ApiError(400, "IncompleteSignature",
                               "The header %s must be signed." % name)
        values = {}
        for name in signed_names:
            got = self.headers.get_all(name) or []
            if len(got) != 1:
                raise ApiError(400, "IncompleteSignature",
                               "The signed header %s is %s." %
                               (name, "missing" if not got else "repeated"))
            values[name] = got[0]
        for name in ("x-acs-security-token", "content-type"):
            if self.headers.get(name) is not None and name not in values:
                raise ApiError(400, "IncompleteSignature", "The header %s must be signed." % name)
        return values

    def authenticate_v3(self, method, url, body, entry):
        """Returns (params from the query, action, version)."""
        pairs = self.parse_pairs(url.query) if url.query else []
        params = dict(pairs)
        if len(params) != len(pairs):
            raise ApiError(400, "InvalidParameter", "A parameter is specified more than once.")
        self.set_format(entry, params)
        auth = V3_AUTH_RE.match(self.headers.get("Authorization", ""))
        if auth is None:
            raise ApiError(400, "IncompleteSignature",
                           "The Authorization header is not ACS3-HMAC-SHA256 Credential=...,"
                           "SignedHeaders=...,Signature=....")
        key_id, names, sig = auth.group(1), auth.group(2).split(";"), auth.group(3)
        entry["security_token"] = self.headers.get("x-acs-security-token")
        values = self.v3_headers(names)
        if not TIMESTAMP_RE.match(values["x-acs-date"]):
            raise ApiError(400, "InvalidTimeStamp.Format",
                           "Specified time stamp or date value is not well formatted.")
        if values["x-acs-content-sha256"] != sha256_hex(body):
            raise ApiError(400, "InvalidParameter",
                           "x-acs-content-sha256 is not the SHA-256 of the body.")
        if body and "content-type" not in values:
            raise ApiError(400, "IncompleteSignature", "The header content-type must be signed.")
        cred = self.check_credential(key_id, entry["security_token"], entry)
        creq = v3_canonical_request(method, url.path or "/", pairs, values, names,
                                    values["x-acs-content-sha256"])
        sts = v3_string_to_sign(creq)
        if not hmac.compare_digest(v3_signature(cred[0], sts), sig):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation. "
                           "server string to sign is:" + sts)
        self.check_token(cred, entry["security_token"])
        self.check_nonce(values["x-acs-signature-nonce"])
        return params, values["x-acs-action"], values["x-acs-version"]

    def operation_ids(self, action, version, params, entry):
        """Checks Action, Version and the operation's parameters; returns the instance IDs."""
        if not action:
            raise missing("Action")
        if action not in ACTIONS or version != API_VERSION:
            raise ApiError(404, "InvalidApi.NotFound",
                           "Specified api is not found, please check your url and method.")
        entry["region_id"] = params.get("RegionId")
        entry["key_pair_name"] = params.get("KeyPairName")
        for name in ("RegionId", "KeyPairName", "InstanceIds"):
            if not params.get(name):
                raise missing(name)
        try:
            ids = json.loads(params["InstanceIds"])
        except ValueError:
            ids = None
        if (not isinstance(ids, list) or not 1 <= len(ids) <= 50
                or not all(isinstance(i, str) and i for i in ids)):
            raise ApiError(400, "InvalidInstanceIds.ValueNotSupported",
                           "The specified parameter InstanceIds is not valid.")
        entry["instance_ids"] = ids
        return ids

    def apply_scenario(self, ids, entry):
        """Raises the reply of the first answering rule that matches; else returns the
        instances the instance-code rules fail ({id: (code, message)})."""
        batch, attempt, seen = self.server.count_attempt(ids)
        entry["batch"], entry["attempt"] = batch, attempt
        for rule in self.server.rules:
            if rule.get("reply") != INSTANCE_CODE and rule_matches(rule, batch, attempt):
                scenario_reply(rule)
        return instance_codes(self.server.rules, batch, attempt, ids, seen)

    @staticmethod
    def outcome(action, kp_name, ids, rid, failed):
        root = action + "Response"
        if kp_name.startswith("missing-"):
            raise ApiError(404, "InvalidKeyPairName.NotFound",
                           "The specified KeyPairName does not exist in our records.")
        if kp_name.startswith("throttled-"):
            raise ApiError(400, "Throttling", THROTTLING_MESSAGE)
        if kp_name.startswith("internal-error-"):
            raise ApiError(500, "InternalError",
                           "The request processing has failed due to some unknown error.")
        if kp_name.startswith("windows-"):
            raise ApiError(403, "DependencyViolation.WindowsInstance",
                           "The instance creating this window, cannot use ssh key pair to login.")
        if kp_name.startswith("legacy-"):
            return [("RequestId", rid)], root
        results = []
        for instance_id in ids:
            if instance_id in failed:
                code, message = failed[instance_id]
                results.append({"Message": message, "InstanceId": instance_id, "Success": False,
                                "Code": code})
            elif "win" in instance_id:
                results.append({"Message": "The instance is a Windows instance; SSH key pairs "
                                           "cannot be used with it.",
                                "InstanceId": instance_id, "Success": False,
                                "Code": "DependencyViolation.WindowsInstance"})
            else:
                results.append({"Message": "successful", "InstanceId": instance_id,
                                "Success": True, "Code": "200"})
        fail_count = sum(1 for r in results if not r["Success"])
        return [("TotalCount", len(results)), ("RequestId", rid), ("Results", results),
                ("FailCount", fail_count)], root


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, credentials, log, request_log, rules):
        super().__init__((HOST, port), Handler)
        self.credentials = credentials  # id -> (secret, token or None)
        self.nonces = set()
        self.log = log
        self.request_log = request_log
        self.rules = rules
        self.lock = threading.Lock()
        self.batches = {}  # InstanceIds (compact JSON) -> batch number
        self.attempts = {}  # batch number -> requests seen
        self.carried = {}  # instance ID -> requests that carried it
        self.seq = 0

    def count_attempt(self, ids):
        """(batch, attempt, {id: requests that carried it}) of a request that checks out."""
        key = json.dumps(ids, separators=(",", ":"))
        with self.lock:
            batch = self.batches.setdefault(key, len(self.batches) + 1)
            self.attempts[batch] = self.attempts.get(batch, 0) + 1
            for instance_id in ids:
                self.carried[instance_id] = self.carried.get(instance_id, 0) + 1
            return batch, self.attempts[batch], {i: self.carried[i] for i in ids}

    def record(self, entry):
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            if self.request_log is not None:
                self.request_log.write(json.dumps(entry, sort_keys=True) + "\n")
                self.request_log.flush()


# ------------------------------------------------------------------ self-test and main


def self_test_checks():
    """The worked examples of Request signatures (DescribeRegions) and of V3 request structure and
    signature (RunInstances)."""
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
    empty = sha256_hex(b"")
    headers = {"host": "ecs.cn-shanghai.aliyuncs.com", "x-acs-action": "RunInstances",
               "x-acs-content-sha256": empty, "x-acs-date": "2023-10-26T10:22:32Z",
               "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
               "x-acs-version": "2014-05-26"}
    query = [("RegionId", "cn-shanghai"),
             ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")]
    creq = v3_canonical_request("POST", "/", query, headers, sorted(headers), empty)
    v3_sts = v3_string_to_sign(creq)
    return [
        ("StringToSign", sts, want_sts),
        ("Signature", signature("testsecret", sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY="),
        ("percent-encoding", percent_encode("a b*~!'()\u00e9"), "a%20b%2A~%21%27%28%29%C3%A9"),
        ("empty body SHA-256", empty,
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("V3 hashed canonical request", v3_sts.split("\n", 1)[1],
         "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"),
        ("V3 signature", v3_signature("YourAccessKeySecret", v3_sts),
         "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"),
    ]


def self_test():
    failed = 0
    for what, got, want in self_test_checks():
        if got != want:
            print("self-test: %s: got %s, want %s" % (what, got, want))
            failed += 1
    print("self-test: %s" % ("ok" if not failed else "FAILED"))
    return 1 if failed else 0


def parse_credentials(ap, args):
    credentials = {}
    for cred in args.credential:
        key_id, sep, secret = cred.partition(":")
        if not sep or not key_id or not secret:
            ap.error("--credential takes ID:SECRET")
        credentials[key_id] = (secret, None)
    for cred in args.sts_credential:
        parts = cred.split(":", 2)
        if len(parts) != 3 or not all(parts):
            ap.error("--sts-credential takes ID:SECRET:TOKEN")
        credentials[parts[0]] = (parts[1], parts[2])
    if not credentials:
        ap.error("give at least one --credential ID:SECRET or --sts-credential ID:SECRET:TOKEN")
    return credentials


def arguments():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--credential", action="append", default=[], metavar="ID:SECRET",
                    help="an accepted AccessKeyId and its secret (repeatable)")
    ap.add_argument("--sts-credential", action="append", default=[], metavar="ID:SECRET:TOKEN",
                    help="an accepted STS AccessKeyId, its secret and its SecurityToken")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: ephemeral)")
    ap.add_argument("--port-file", help="write the chosen port to this file")
    ap.add_argument("--lifetime", type=float, default=300.0,
                    help="exit after this many seconds (default 300)")
    ap.add_argument("--log", help="append one line per request to this file")
    ap.add_argument("--request-log", help="append one JSON object per request to this file")
    ap.add_argument("--scenario", help='a JSON file {"rules": [...]} (see the module doc)')
    ap.add_argument("--reply", action="append", default=[], metavar="BATCH:ATTEMPT:KIND",
                    help="a scenario rule, e.g. 2:1:throttled or '*:*:forbidden'")
    ap.add_argument("--self-test", action="store_true",
                    help="check the signature code against the documented examples and exit")
    return ap, ap.parse_args()


def main():
    ap, args = arguments()
    if args.self_test:
        return self_test()
    credentials = parse_credentials(ap, args)
    try:
        rules = load_rules(args.scenario, args.reply)
    except (OSError, ValueError, KeyError) as exc:
        ap.error("scenario: %s" % exc)

    log = open(args.log, "a", encoding="utf-8") if args.log else None
    request_log = open(args.request_log, "a", encoding="utf-8") if args.request_log else None
    server = Server(args.port, credentials, log, request_log, rules)
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
