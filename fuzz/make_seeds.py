#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed inputs of every harness into corpus/<harness>/. The documented examples
(from the AttachKeyPair and DetachKeyPair API references, Request signatures, V3 request
structure and signature, and API error diagnosis, as conformance/README.md lists them: requests,
StringToSigns, signatures, bodies) are read from their one home, the conformance case folders whose names contain
"documented" (the cases scripts/gen_vectors.py gives the C tests), and framed for each harness;
the hostile and edge-case inputs around them are written here. Each file name says where the
input comes from. Run from anywhere; the files are committed. Every conformance case (not only
the documented ones) is added by fuzz/make_corpus.sh."""
import json
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "corpus")
conformance = os.path.join(root, "conformance")


def put(harness, name, data):
    d = os.path.join(corpus, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def lines(pairs):
    return "\n".join(f"{k}={v}" for k, v in pairs)


# ---------------------------------------------------------------- the documented vectors


def read_file(d, name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def case(area, name):
    """One documented case folder: case.json's input, the request (ordered pairs; an
    InstanceIds array kept as a list), the body bytes, the ids text and the .txt artifacts."""
    assert "documented" in name, name
    d = os.path.join(conformance, area, name)
    meta = json.loads(read_file(d, "case.json"))
    req = read_file(d, "request.json")
    body = None
    for f in ("body.json", "body.xml", "body.bin"):
        body = body if body is not None else read_file(d, f)
    arts = {f[:-4]: read_file(d, f).decode("utf-8") for f in sorted(os.listdir(d))
            if f.endswith(".txt") and f != "error.txt"}
    return {"area": area, "name": name, "input": meta.get("input", {}),
            "request": json.loads(req, object_pairs_hook=list) if req is not None else None,
            "body": body, "ids": read_file(d, "ids.json"), "artifacts": arts}


def documented():
    """Every documented case, in area then name order (as scripts/gen_vectors.py)."""
    out = []
    for area in sorted(os.listdir(conformance)):
        a = os.path.join(conformance, area)
        if not os.path.isdir(a) or area == "tools":
            continue
        for name in sorted(os.listdir(a)):
            if area == "decode" and name.startswith("a_"):
                continue  # an a_ case repeats the body and input of its y_ or i_ twin
            if "documented" in name and os.path.isfile(os.path.join(a, name, "case.json")):
                out.append(case(area, name))
    return out


def compact_ids(v):
    """A request value as the generic layer sends it: an InstanceIds array as compact JSON."""
    return json.dumps(v, separators=(",", ":")) if isinstance(v, list) else v


def pairs(c):
    return [(k, compact_ids(v)) for k, v in c["request"]]


def text(body):
    return body.decode("utf-8")


def value(pairs_, name):
    return dict(pairs_)[name]


V = {(c["area"], c["name"]): c for c in documented()}
describe_regions = V["encode", "documented_describe_regions"]
describe_regions_get = V["sign_v1", "documented_describe_regions_get"]
attach_example_post = V["sign_v1", "documented_attach_example_post"]
run_instances = V["sign_v3", "documented_run_instances"]
V3_HEADER_PARAMS = ("Action", "AccessKeyId", "SignatureMethod", "SignatureVersion",
                    "SignatureNonce", "Timestamp", "Version", "SecurityToken")

# ---------------------------------------------------------------- requests (API reference, Request signatures, V3 request structure and signature)
sig_example = pairs(describe_regions)
sig_example_timestamp_misspelled = [
    (("TimeStamp" if k == "Timestamp" else k), v) for k, v in sig_example]
attach_ref = pairs(V["encode", "documented_attach_request_example"])
detach_page = pairs(V["encode", "documented_detach_request_example"])
v3_example = [(k, v) for k, v in pairs(run_instances) if k not in V3_HEADER_PARAMS]
encoding_rules = [("Space", "a b"), ("Reserved", "!'()*"), ("Tilde", "~keep"), ("Plus", "a+b"),
                  ("Slash", "/x=y&z"), ("Utf8", "caf\u00e9 \u4e2d\u6587"), ("Empty", ""),
                  ("Percent", "100%")]

put("canonical_query", "request-signatures-signature-example-describe-regions", lines(sig_example))
put("canonical_query", "request-signatures-errata-TimeStamp-spelling",
    lines(sig_example_timestamp_misspelled))
put("canonical_query", "AttachKeyPair-reference-request-example", lines(attach_ref))
put("canonical_query", "DetachKeyPair-page-sample-request", lines(detach_page))
put("canonical_query", "v3-signature-v3-example-query", lines(v3_example))
put("canonical_query", "request-signatures-encoding-rules", lines(encoding_rules))
put("canonical_query", "signature-is-left-out",
    lines(sig_example + [("Signature", describe_regions_get["artifacts"]["signature"])]))
put("canonical_query", "n-duplicate-name", lines(attach_ref + [("RegionId", "cn-hangzhou")]))
put("canonical_query", "n-invalid-name", lines([("Instance Ids", "x"), ("A-b", "c")]))
put("canonical_query", "n-invalid-utf8", b"Action=Attach\xc0\xafKeyPair\nRegionId=\xed\xa0\x80")
put("canonical_query", "n-too-many-parameters",
    "\n".join(f"P{i}=v{i}" for i in range(130)))

# keypair_request: byte 0 = mode ('@' attach/JSON, 'A' detach, 'D' C array, 'H' strict,
# 'P' empty line is ""), then RegionId, KeyPairName, InstanceIds, AccessKeyId, Format, Version,
# SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken, OwnerId,
# OwnerAccount, ResourceOwnerId, ResourceOwnerAccount, extra lines.
KP_LINES = ("RegionId", "KeyPairName", "InstanceIds", "AccessKeyId", "Format", "Version",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
            "SecurityToken", "OwnerId", "OwnerAccount", "ResourceOwnerId", "ResourceOwnerAccount")
# The signing example's common parameters, AccessKeyId to Timestamp in KP_LINES order.
common = [value(pairs(attach_example_post), k) for k in KP_LINES[3:10]]


def kp(mode, region, name, ids, rest=(), extra=()):
    return mode + "\n".join([region, name, ids] + list(rest) + list(extra))


def kp_of(c, mode=None):
    """A documented typed request in keypair_request's framing (the Action picks the mode)."""
    req = dict(c["request"])
    mode = mode or ("@" if req["Action"] == "AttachKeyPair" else "A")
    ids = req["InstanceIds"]
    fields = [compact_ids(req.get(k, "")) if k != "InstanceIds" else
              (ids if isinstance(ids, str) else json.dumps(ids)) for k in KP_LINES]
    while fields and fields[-1] == "":
        fields.pop()
    extra = [f"{k}={v}" for k, v in c["request"] if k not in KP_LINES and k != "Action"]
    return mode + "\n".join(fields + ([""] * (len(KP_LINES) - len(fields)) if extra else [])
                            + extra)


put("keypair_request", "AttachKeyPair-reference-request-example",
    kp_of(V["encode", "documented_attach_request_example"]))
put("keypair_request", "DetachKeyPair-page-sample-request",
    kp_of(V["encode", "documented_detach_request_example"]))
put("keypair_request", "AttachKeyPair-signing-example-common-parameters",
    kp_of(attach_example_post))
put("keypair_request", "DetachKeyPair-signing-example-common-parameters",
    kp_of(V["sign_v1", "documented_detach_example_post"]))
put("keypair_request", "attach-with-common-parameters",
    kp("@", "cn-hangzhou", "my-key", '["i-m5eg7be9ndloji64jknv","i-23jggx34b"]', common))
put("keypair_request", "attach-strict-c-array",
    kp("L", "ap-southeast-1", "k1", "i-m5eg7be9ndloji64jknv,i-bp1gtjxuuvwj17zrabcd", common))
put("keypair_request", "detach-all-optional-and-extra",
    kp("A", "cn-hangzhou", "FinanceJoshuaV26", '["AY121018033933eae8689"]',
       common + ["sts-token", "1234", "owner@example.com", "5678", "ro@example.com"],
       ["ClientToken=abc", "Extra.1=x y"]))
put("keypair_request", "n-TimeStamp-in-extra",
    kp("@", "cn-hangzhou", "k", '["i-a"]', [""] * 12, ["TimeStamp=2016-02-23T12:46:24Z"]))
put("keypair_request", "n-timestamp-with-milliseconds",
    kp("@", "cn-hangzhou", "k", '["i-a"]', ["testid", "XML", "", "", "", "n",
                                            "2016-02-23T12:46:24.123Z"]))
put("keypair_request", "n-disk-ids-DetachKeyPair-page-typo",
    kp("I", "cn-hangzhou", "k", '["d-xxxxxxxxx", "d-yyyyyyyyy"]'))
put("keypair_request", "n-missing-region", kp("@", "", "k", '["i-a"]'))
put("keypair_request", "n-format-lower-case", kp("@", "cn-hangzhou", "k", '["i-a"]', ["", "json"]))
put("keypair_request", "n-format-enum-3", kp("@", "cn-hangzhou", "k", '["i-a"]', ["", "3"]))
put("keypair_request", "n-key-pair-name-257-bytes", kp("@", "cn-hangzhou", "k" * 257, '["i-a"]'))
put("keypair_request", "key-pair-name-256-bytes", kp("@", "cn-hangzhou", "k" * 256, '["i-a"]'))
put("keypair_request", "n-action-unset", kp("B", "cn-hangzhou", "k", '["i-a"]'))
put("keypair_request", "n-action-99-region-missing", kp("C", "", "k", '["i-a"]'))

# instance_ids: byte 0 '0' JSON text, '1' JSON strict, '2' C array (lines), '3' C array strict.
put("instance_ids", "api-reference-example", '0["i-a","i-b"]')
put("instance_ids", "AttachKeyPair-reference-example",
    "0" + value(attach_ref, "InstanceIds"))
put("instance_ids", "DetachKeyPair-sample-request-spaces",
    b"0" + V["ids", "documented_detach_sample"]["ids"])
put("instance_ids", "DetachKeyPair-page-disk-prefix-typo",
    b"0" + V["ids", "documented_detach_disk_prefix"]["ids"])
put("instance_ids", "n-DetachKeyPair-page-disk-prefix-strict",
    b"1" + V["ids", "documented_detach_disk_prefix_strict"]["ids"])
put("instance_ids", "AttachKeyPair-reference-format",
    b"0" + V["ids", "documented_attach_format"]["ids"])
put("instance_ids", "strict-current-and-legacy", '1["i-m5eg7be9ndloji64jknv","i-23jggx34b"]')
put("instance_ids", "unprefixed-and-masked", '0["AY121018033933eae8689","i-bp1gtjxuuvwj17zr****"]')
put("instance_ids", "escapes-and-white-space", '0 [ "i-\\u0061" ,\t"i-b\\/c" ]\r\n')
put("instance_ids", "n-escaped-nul", '0["i-\\u0000"]')
put("instance_ids", "n-duplicate", '0["i-a","i-a"]')
put("instance_ids", "n-not-array", '0{"InstanceIds":["i-a"]}')
put("instance_ids", "n-51-ids", "0[" + ",".join(f'"i-{i}"' for i in range(51)) + "]")
put("instance_ids", "n-51-ids-array", "2" + "\n".join(f"i-{i}" for i in range(51)))
put("instance_ids", "n-trailing", '0["i-a"]x')
put("instance_ids", "array-documented-shapes",
    "2i-m5eg7be9ndloji64jknv\ni-23jggx34b\nAY121018033933eae8689\ni-bp1gtjxuuvwj17zr****")
put("instance_ids", "array-strict", "3i-m5eg7be9ndloji64jknv\ni-23jggx34b")
put("instance_ids", "n-array-quote", '2i-"a\ni-b')

# string_to_sign: first line the client's StringToSign, then the server's message.
sts = describe_regions_get["artifacts"]["string_to_sign"]
sts_other = sts.replace("Timestamp", "TimeStamp")
msg = "Specified signature is not matched with our calculation. server string to sign is:"
put("string_to_sign", "error-diagnosis-same-string", sts + "\n" + msg + sts)
put("string_to_sign", "error-diagnosis-TimeStamp-differs", sts_other + "\n" + msg + sts)
put("string_to_sign", "request-signatures-errata-literal-ampersands",
    sts + "\n" + msg + " " + sts.replace("%26", "&") + "\r\n")
put("string_to_sign", "IncompleteSignature-upper-case-marker",
    sts + "\nThe request signature does not conform to Aliyun standards. "
    "SERVER STRING TO SIGN IS: " + sts[:60])
put("string_to_sign", "no-marker", sts + "\nThe specified ImageId does not exist.")
put("string_to_sign", "marker-then-white-space", sts + "\n" + msg + " \t\r\n")

# sign: byte 0 = mode (fuzz_sign.c): bit 0 POST, bit 1 V3, bit 2 typed operation, bit 3 the
# signer gives AccessKeyId/Timestamp/SignatureNonce (three lines after the secret), bit 6 clock
# and nonce sources, bit 7 the signer's SecurityToken (the next line); '0'..'3' are GET v1,
# POST v1, GET V3, POST V3 over the list as given. Then the secret line, then parameters.
SIGN_MODE = {("sign_v1", "GET"): 0x30, ("sign_v1", "POST"): 0x31, ("sign_v3", "GET"): 0x32,
             ("sign_v3", "POST"): 0x33}
for c in V.values():
    if c["area"] not in ("sign_v1", "sign_v3"):
        continue
    mode = SIGN_MODE[c["area"], c["input"]["method"]]
    sign_lines = c["input"]["secret"] + "\n" + lines(pairs(c))
    put("sign", f"documented__{c['area']}__{c['name']}", bytes([mode]) + sign_lines.encode())
    if value(pairs(c), "Action") in ("AttachKeyPair", "DetachKeyPair"):
        put("sign", f"documented__{c['area']}__{c['name']}__typed",
            bytes([mode | 4]) + sign_lines.encode())
# The same requests with the common parameters from the signer instead of the list.
signer_lines = [value(sig_example, k) for k in ("AccessKeyId", "Timestamp", "SignatureNonce")]
without_common = [(k, v) for k, v in pairs(attach_example_post)
                  if k not in ("AccessKeyId", "Timestamp", "SignatureNonce")]
put("sign", "attach-typed-post-v1-signer-common",
    bytes([0x3D]) + "\n".join(["testsecret"] + signer_lines + [lines(without_common)]).encode())
put("sign", "attach-typed-get-v3-signer-common-token",
    bytes([0xBE]) + "\n".join(["YourAccessKeySecret"] + signer_lines + ["sts-token",
                                                                        lines(without_common)]).encode())
put("sign", "attach-typed-v3-sources", bytes([0x77]) + "\n".join(
    ["YourAccessKeySecret", lines(without_common + [("AccessKeyId", "YourAccessKeyId")])]).encode())
put("sign", "v3-method-unset-signer-common", bytes([0x0B]) + "\n".join(
    ["YourAccessKeySecret"] + signer_lines + [lines(v3_example + [("Action", "RunInstances"),
                                                                  ("Version", "2014-05-26")])]).encode())
put("sign", "n-v3-missing-version", bytes([0x0A]) + "\n".join(
    ["s"] + signer_lines + [lines(v3_example + [("Action", "RunInstances")])]).encode())
put("sign", "n-v3-access-key-id-comma", bytes([0x0A]) + "\n".join(
    ["s", "id,x"] + signer_lines[1:] + [lines([("Action", "A"), ("Version", "v")])]).encode())
put("sign", "n-signer-and-list-timestamp", bytes([0x38]) + "\n".join(
    ["s"] + signer_lines + [lines(sig_example)]).encode())
put("sign", "n-v1-signature-method-sha256", "0s\n" + lines(
    [(k, "HMAC-SHA256" if k == "SignatureMethod" else v) for k, v in sig_example]))
put("sign", "request-signatures-errata-TimeStamp", "0testsecret\n" + lines(sig_example_timestamp_misspelled))
put("sign", "n-empty-secret", "0\n" + lines(sig_example))
put("sign", "empty-parameter-list-get-v1", "0testsecret\n")

# json: byte 0 = entry point (fuzz_json.c: '0' ecskp_json_sign, '1' ecskp_json_query, '2'
# ecskp_json_decode with the options on the first line and the body after it).
def doc(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def request_obj(c):
    return {k: v for k, v in c["request"]}


for c in V.values():
    name = f"documented__{c['area']}__{c['name']}"
    if c["area"] in ("sign_v1", "sign_v3"):
        d = {"signature": "v1" if c["area"] == "sign_v1" else "v3", **c["input"],
             "request": request_obj(c)}
        put("json", name, "0" + doc(d))
    elif c["area"] == "encode":
        put("json", name, "1" + doc({"request": request_obj(c)}))
    elif c["area"] == "decode":
        put("json", name, b"2" + doc(c["input"]).encode() + b"\n" + c["body"])
v3_doc = {"signature": "v3", "method": "POST", "secret": "YourAccessKeySecret",
          "host": "ecs.cn-shanghai.aliyuncs.com", "request": request_obj(run_instances)}
put("json", "v3-body-content-type-path", "0" + doc(dict(v3_doc, body_base64="eyJhIjoxfQ==",
                                                        content_type="application/json",
                                                        path="/a%2Fb")))
put("json", "v3-binary-body", "0" + doc(dict(v3_doc, body_base64="AP8=",
                                             content_type="application/octet-stream")))
put("json", "v1-generate-token", "0" + doc({"signature": "v1", "secret": "s", "generate": True,
                                            "access_key_id": "id", "security_token": "t",
                                            "request": {"Action": "DescribeRegions"}}))
put("json", "v1-typed-ids-array-signer-values", "0" + doc(
    {"signature": "v1", "method": "GET", "secret": "s", "access_key_id": "id",
     "timestamp": "2016-02-23T12:46:24Z", "nonce": "n",
     "request": {"Action": "DetachKeyPair", "RegionId": "r", "KeyPairName": "k",
                 "InstanceIds": ["i-a", "i-b"], "Format": "JSON"}}))
put("json", "n-sign-not-an-object", "0[]")
put("json", "n-sign-no-secret", "0" + doc({"signature": "v1", "request": {}}))
put("json", "n-sign-typed-with-body", "0" + doc(dict(v3_doc, request={
    "Action": "AttachKeyPair", "RegionId": "r", "KeyPairName": "k", "InstanceIds": ["i-a"]},
    body_base64="AA==", content_type="a/b")))
put("json", "query-generic-ids-array", "1" + doc({"request": {"Action": "X",
                                                              "InstanceIds": ["i-a", "i-b"]}}))
put("json", "n-query-value-not-string", "1" + doc({"request": {"Action": "X", "N": 1}}))
put("json", "n-query-number-key-tag", "1" + '{"request":{"A":"\\u0001x"}}')
put("json", "decode-limits-allow", b"2" + doc(
    {"action": "DetachKeyPair", "format": "XML", "http_status": 200, "allow_inconsistent": True,
     "limits": {"max_depth": 8, "max_nodes": 100, "max_markup_bytes": 0}}).encode() + b"\n" +
    V["decode", "y_documented_detach_success_xml"]["body"])
put("json", "n-decode-unknown-limit", b"2" + doc(
    {"action": "AttachKeyPair", "format": "json", "limits": {"max_node": 1}}).encode() + b"\n{}")
put("json", "n-decode-format-upper-lower", b"2" + doc(
    {"action": "AttachKeyPair", "format": "Json"}).encode() + b"\n{}")


# ---------------------------------------------------------------- responses (API reference pages, API error diagnosis)
def body(name):
    return text(V["decode", name]["body"])


success_xml_doc = body("y_documented_attach_success_xml")
success_json_doc = body("y_documented_attach_success_json")
detach_xml_doc = body("y_documented_detach_success_xml")
detach_json_doc = body("y_documented_detach_success_json")
old_xml = body("y_documented_attach_old_xml")
old_json = body("y_documented_attach_old_json")
error_json_doc = body("y_documented_error_json")
error_xml_doc = body("y_documented_error_xml")
windows_403_xml = body("y_documented_error_code_dependencyviolation_windowsinstance_xml")
partial_json = ('{"RequestId":"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06","TotalCount":"2","FailCount":"1",'
                '"KeyPairName":"FinanceJoshuaV26","Results":{"Result":[{"Code":"200","InstanceId":'
                '"i-a","Message":"successful","Success":"true"},{"Code":"DependencyViolation.'
                'WindowsInstance","InstanceId":"i-b","Message":"windows","Success":false}]}}')
partial_xml = ('<?xml version="1.0" encoding="UTF-8"?><DetachKeyPairResponse><RequestId>834B3E6B-'
               '2D1D-482F-81A4-810C327D4735</RequestId><TotalCount>2</TotalCount><FailCount>1'
               '</FailCount><KeyPairName>FinanceJoshuaV26</KeyPairName><Results><Result><Code>200'
               '</Code><InstanceId>i-a</InstanceId><Message>successful</Message><Success>true'
               '</Success></Result><Result><Code>DependencyViolation.WindowsInstance</Code>'
               '<InstanceId>i-b</InstanceId><Message>windows</Message><Success>false</Success>'
               '</Result></Results></DetachKeyPairResponse>')
single_result_json = ('{"RequestId":"r","TotalCount":1,"Results":{"Result":{"Code":200,'
                      '"InstanceId":"i-a","Success":true}}}')
denied_json = ('{"RequestId":"r","HostId":"ecs.aliyuncs.com","Code":"Forbidden.RAM","Message":'
               '"User not authorized","AccessDeniedDetail":{"AuthAction":"ecs:AttachKeyPair",'
               '"PolicyType":"AccountLevelIdentityBasedPolicy","NoPermissionType":"ImplicitDeny"}}')
denied_xml = ('<Error><RequestId>r</RequestId><Code>Forbidden.RAM</Code><AccessDeniedDetail>'
              '<AuthAction>ecs:AttachKeyPair</AuthAction><PolicyType>AccountLevelIdentityBased'
              'Policy</PolicyType></AccessDeniedDetail></Error>')
sdnm_json = ('{"RequestId":"r","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch",'
             '"Message":"Specified signature is not matched with our calculation. server string '
             'to sign is:GET&%2F&AccessKeyId%3Dtestid"}')
hostile_xml = {
    "n-xxe-external-entity": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><AttachKeyPairResponse><RequestId>&x;</RequestId></AttachKeyPairResponse>',
    "n-billion-laughs": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><Error><Code>&lol3;</Code></Error>',
    "n-utf16-declaration": '<?xml version="1.0" encoding="UTF-16"?><Error><Code>X</Code></Error>',
    "n-nul-character-reference": '<Error><Code>A&#0;B</Code></Error>',
    "n-trailing-element": '<Error><Code>X</Code></Error><Error/>',
    "i-cdata-comment-pi": '<Error><!-- c --><Code><![CDATA[Throttling]]></Code><?pi x?><Message>a&amp;b&#x41;&lt;</Message></Error>',
}
hostile_json = {
    "n-escaped-nul": '{"RequestId":"a\\u0000b"}',
    "n-duplicate-field": '{"RequestId":"a","RequestId":"b"}',
    "n-deep-nesting": '{"RequestId":"r","x":' + "[" * 40 + "]" * 40 + "}",
    "n-number-out-of-range": '{"RequestId":"r","TotalCount":1e999}',
    "n-null-results": '{"RequestId":"r","Results":null}',
    "n-code-200-is-success": '{"RequestId":"x","Code":"200"}',
    "n-fail-exceeds-total": '{"RequestId":"r","TotalCount":1,"FailCount":2}',
    "i-bom-and-bare-results-array": '\ufeff{"RequestId":"r","Results":[{"Code":"200"}]}',
    "n-lone-surrogate": '{"RequestId":"\\ud800"}',
}

bodies_json = {
    "api-reference-success": success_json_doc,
    "api-reference-detach-success": detach_json_doc,
    "AttachKeyPair-reference-json": old_json,
    "error-diagnosis-error": error_json_doc,
    "partial-success-strings": partial_json,
    "single-result-object": single_result_json,
    "access-denied-detail": denied_json,
    "signature-does-not-match": sdnm_json,
}
bodies_json.update(hostile_json)
bodies_xml = {
    "api-reference-success": success_xml_doc,
    "api-reference-detach-success": detach_xml_doc,
    "AttachKeyPair-reference-xml": old_xml,
    "error-diagnosis-error": error_xml_doc,
    "partial-success-detach": partial_xml,
    "access-denied-detail": denied_xml,
    "windows-instance-403": windows_403_xml,
}
bodies_xml.update(hostile_xml)
for name, body in bodies_json.items():
    put("decode_json", name + ".json", body)
for name, body in bodies_xml.items():
    put("decode_xml", name + ".xml", body)

# decode: a 10-byte header (see fuzz_decode.c), then the body. Header bytes used here:
# byte 0 = format bit | action bit | ALLOW_INCONSISTENT | limits | allocator | status << 5.
# limits = (max_depth, max_results, max_string_bytes, max_body_bytes); ext = (max_nodes,
# max_attributes, max_namespaces, max_markup_bytes[, selector]) adds the 7 extended header
# bytes (bit 7 of byte 7); the selector 0xF0 | i sets limit i to its cap, 0xF8 | i one above.
LIMIT_INDEX = {"max_body_bytes": 0, "max_depth": 1, "max_results": 2, "max_string_bytes": 3,
               "max_nodes": 4, "max_attributes": 5, "max_namespaces": 6, "max_markup_bytes": 7}


def at_cap(name, above=False):
    return 0xF0 | (8 if above else 0) | LIMIT_INDEX[name]


def hdr(fmt_xml, detach=False, allow=False, limits=None, fail_at=0, status_sel=0, ext=None):
    b0 = (1 if fmt_xml else 0) | (2 if detach else 0) | (4 if allow else 0)
    b0 |= (8 if limits or ext else 0) | (16 if fail_at else 0) | (status_sel << 5)
    lim = limits or (0, 0, 0, 0)
    assert lim[3] < (0x8000 if ext else 0x10000)
    out = bytes([b0, 0, 0, lim[0], lim[1], lim[2] >> 8, lim[2] & 255,
                 (lim[3] >> 8) | (0x80 if ext else 0), lim[3] & 255, fail_at])
    if ext:
        nodes, attrs, ns, markup = ext[:4]
        sel = ext[4] if len(ext) > 4 else 0
        assert nodes < 0x10000 and attrs < 256 and ns <= 64 and markup < 0x10000
        out += bytes([nodes >> 8, nodes & 255, attrs, ns, markup >> 8, markup & 255, sel])
    return out

def enc(s):
    return s.encode("utf-8")

put("decode", "json-success-status-200", hdr(False, status_sel=1) + enc(success_json_doc))
put("decode", "xml-success-status-200", hdr(True, status_sel=1) + enc(success_xml_doc))
put("decode", "xml-detach-success", hdr(True, detach=True) + enc(detach_xml_doc))
put("decode", "json-error-status-400", hdr(False, status_sel=2) + enc(error_json_doc))
put("decode", "xml-error-status-403", hdr(True, status_sel=3) + enc(windows_403_xml))
put("decode", "json-error-with-status-200", hdr(False, status_sel=1) + enc(error_json_doc))
put("decode", "n-json-success-with-status-503", hdr(False, status_sel=5) + enc(success_json_doc))
put("decode", "json-limits-depth-4-results-2", hdr(False, limits=(4, 2, 64, 2048)) + enc(success_json_doc))
put("decode", "n-xml-limits-one-result", hdr(True, limits=(4, 1, 0, 0)) + enc(success_xml_doc))
put("decode", "json-allocation-fails-at-2", hdr(False, fail_at=2) + enc(partial_json))
put("decode", "xml-allocation-fails-at-1", hdr(True, fail_at=1) + enc(partial_xml))
put("decode", "json-inconsistent-allowed", hdr(False, allow=True) + enc(hostile_json["n-fail-exceeds-total"]))
put("decode", "n-invalid-http-status", bytes([7 << 5, 0x02, 0x58]) + bytes(7) + enc(old_json))
put("decode", "n-xml-dtd", hdr(True) + enc(hostile_xml["n-xxe-external-entity"]))

# The pre-parser bounds (max_nodes, max_attributes, max_namespaces, max_markup_bytes) and
# numbers judged by their digits: small bodies of each class, met and exceeded.
def attrs(n, prefix="a"):
    return "".join(f' {prefix}{i}="{i}"' for i in range(n))


def xmlns(n):
    return "".join(f' xmlns:p{i}="urn:{i}"' for i in range(n))


def err_xml(inner, root_attrs=""):
    return f"<Error{root_attrs}><Code>Throttling.User</Code>{inner}</Error>"


long_comment = "<!--" + "c <a> ]]> ?> -x- " * 240 + "-->"
long_pi = "<?pi " + "p <a> ]]> -- " * 300 + "?>"
long_cdata = "<![CDATA[" + "d <a> -- ?> ]] " * 260 + "]]>"
bounds_xml = {
    "y-max-attributes-met": err_xml("<Message" + attrs(8) + ">m</Message>"),
    "n-max-attributes-exceeded": err_xml("<Message" + attrs(9) + ">m</Message>"),
    "y-attributes-xmlns-counted": err_xml("", ' xmlns="urn:d"' + xmlns(3) + attrs(4)),
    "y-max-namespaces-met": err_xml("<Message" + xmlns(4) + ">m</Message>", xmlns(4)),
    "n-max-namespaces-exceeded": err_xml("<Message" + xmlns(5) + ">m</Message>", xmlns(4)),
    "i-prefixed-elements-and-attributes": err_xml('<p0:Message p0:a="1">m</p0:Message>', xmlns(1)),
    "i-attribute-values-with-gt-slash-quotes": err_xml(
        "<Message a=\">\" b='/>' c=\"'\" d='\"'\te\n=\r'x'>m</Message>"),
    "n-attributes-without-white-space": err_xml('<Message a="1"b="2">m</Message>'),
    "i-long-comment-pi-cdata": err_xml(long_comment + long_pi + "<Message>" + long_cdata +
                                       "</Message>"),
    "i-pi-with-gt-and-comment-with-markup": '<?pi a > b <c/>?><!-- <Error> --><Error><Code>X'
                                            '</Code></Error><?end ?>',
    "n-markup-attribute-without-value": err_xml("<Message a>m</Message>"),
    "n-markup-attribute-unquoted": err_xml("<Message a=1>m</Message>"),
    "n-markup-lt-without-name": err_xml("< Message>m</Message>"),
    "n-markup-slash-in-start-tag": err_xml("<Message/ >m</Message>"),
    "n-markup-truncated-comment": err_xml("<!-- never closed"),
    "i-one-letter-names": '<Error><C>x</C><Code>X</Code><M a="b"/></Error>',
    "n-two-byte-order-marks": "\ufeff\ufeff" + err_xml(""),
    "y-many-results-and-nodes": ("<AttachKeyPairResponse><RequestId>r</RequestId><TotalCount>60"
                                 "</TotalCount><Results>" + "<Result><Code>200</Code><Success>"
                                 "true</Success></Result>" * 60 + "</Results>"
                                 "</AttachKeyPairResponse>"),
}
many_values = "[" + ",".join(["0", "[]", "{}", "1e-400", '""', "true", "null", "-0"] * 250) + "]"
bounds_json = {
    "n-code-beyond-2-53": '{"RequestId":"r","Code":9007199254740993}',
    "y-code-at-2-53": '{"RequestId":"r","Code":-9007199254740992}',
    "n-result-code-fraction-rounds-to-200":
        '{"RequestId":"r","Results":[{"Code":200.0000000000000001,"Success":true}]}',
    "n-count-underflows-to-zero": '{"RequestId":"r","TotalCount":1e-400}',
    "n-count-rounds-into-range": '{"RequestId":"r","TotalCount":2147483647.0000000001}',
    "y-counts-exact-by-digits": ('{"RequestId":"r","TotalCount":20e-1,"FailCount":-0.0e5,"Results":'
                                 '[{"Code":2e2,"Success":true},{"Code":200.000,"Success":"true"}]}'),
    "i-detail-number-spellings": ('{"Code":"Forbidden.RAM","AccessDeniedDetail":{"A":1.50,"B":-0,'
                                  '"C":1e999,"D":[1E+2,0.0]}}'),
    "n-two-byte-order-marks": '\ufeff\ufeff{"RequestId":"r"}',
    "n-non-ascii-outside-string": '{"RequestId":"r"\u00a0}',
    "i-strings-starting-with-u0001": ('{"RequestId":"\\u0001r","KeyPairName":"\\u0001","Results":'
                                      '[{"Code":"\\u0001","Message":"\\u00ff"}]}'),
    "i-one-letter-field": '{"R":"x","RequestId":"r"}',
    "y-many-tiny-values": '{"RequestId":"r","Extra":' + many_values + "}",
}
for name, body in bounds_xml.items():
    put("decode_xml", name + ".xml", body)
for name, body in bounds_json.items():
    put("decode_json", name + ".json", body)

# The same through fuzz_decode's extended header: each new limit met, exceeded, at its cap, one
# above it (invalid_argument), and the old ones above their caps.
def json_nodes(text):
    """1 + each '[', '{' and ',' outside strings, as decode.h counts JSON nodes."""
    n, in_str, esc = 1, False, False
    for c in text:
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "[{,":
            n += 1
    return n


def xml_start_tags(text):
    """Start tags of a body without attributes, comments, PIs or CDATA sections."""
    return sum(1 for i, c in enumerate(text) if c == "<" and text[i + 1] not in "/?!")


doc_xml = enc(success_xml_doc)
doc_json = enc(success_json_doc)
xml_nodes_needed = xml_start_tags(success_xml_doc)
json_nodes_needed = json_nodes(success_json_doc)
put("decode", "xml-max-nodes-met", hdr(True, ext=(xml_nodes_needed, 0, 0, 0)) + doc_xml)
put("decode", "n-xml-max-nodes-exceeded", hdr(True, ext=(xml_nodes_needed - 1, 0, 0, 0)) + doc_xml)
put("decode", "json-max-nodes-met", hdr(False, ext=(json_nodes_needed, 0, 0, 0)) + doc_json)
put("decode", "n-json-max-nodes-exceeded",
    hdr(False, ext=(json_nodes_needed - 1, 0, 0, 0)) + doc_json)
put("decode", "xml-max-attributes-3-met",
    hdr(True, ext=(0, 3, 0, 0)) + enc(err_xml("<Message" + attrs(3) + ">m</Message>")))
put("decode", "n-xml-max-attributes-2-exceeded",
    hdr(True, ext=(0, 2, 0, 0)) + enc(err_xml("<Message" + attrs(3) + ">m</Message>")))
put("decode", "xml-max-namespaces-2-met",
    hdr(True, ext=(0, 0, 2, 0)) + enc(err_xml("<Message" + xmlns(1) + ">m</Message>", xmlns(1))))
put("decode", "n-xml-max-namespaces-1-exceeded",
    hdr(True, ext=(0, 0, 1, 0)) + enc(err_xml("<Message" + xmlns(1) + ">m</Message>", xmlns(1))))
put("decode", "xml-max-markup-bytes-met",
    hdr(True, ext=(0, 0, 0, len("<!-- 0123456789 -->"))) + enc(err_xml("<!-- 0123456789 -->")))
put("decode", "n-xml-max-markup-bytes-exceeded",
    hdr(True, ext=(0, 0, 0, len("<!-- 0123456789 -->") - 1)) + enc(err_xml("<!-- 0123456789 -->")))
put("decode", "n-xml-max-markup-bytes-long-pi-cdata",
    hdr(True, ext=(0, 0, 0, 200)) + enc(err_xml(long_pi + "<Message>" + long_cdata + "</Message>")))
put("decode", "json-xml-limits-do-not-apply", hdr(False, ext=(0, 1, 1, 1)) + doc_json)
put("decode", "xml-max-attributes-at-cap",
    hdr(True, ext=(0, 0, 0, 0, at_cap("max_attributes"))) + enc(err_xml("", attrs(200))))
for name in LIMIT_INDEX:
    put("decode", "n-" + name.replace("_", "-") + "-above-cap",
        hdr(True, ext=(0, 0, 0, 0, at_cap(name, above=True))) + doc_xml)
put("decode", "json-every-new-limit-at-cap",
    hdr(False, ext=(0xFFFF, 255, 64, 0xFFFF, at_cap("max_markup_bytes"))) + doc_json)
put("decode", "n-json-code-beyond-2-53", hdr(False) + enc(bounds_json["n-code-beyond-2-53"]))
put("decode", "n-json-two-byte-order-marks", hdr(False) + enc(bounds_json["n-two-byte-order-marks"]))

# decode_twins: the input drives a generator (see fuzz_decode_twins.c); these seeds reach its
# main shapes: success with Results, success without, API error with and without a detail.
put("decode_twins", "success-two-results", bytes([0x20, 4, 1, 2, 3, 5, 0x05, 0x0F, 3, 1, 2, 0, 0, 0x07, 1, 0, 0, 0x00, 0x11, 1, 0, 1, 0, 1]))
put("decode_twins", "success-partial-failure", bytes([0x04, 3, 7, 8, 9, 0x0B, 0x1D, 2, 4, 5, 2, 0x0C, 1, 0x00, 0x22, 1, 1, 0, 0x13, 2, 1]))
put("decode_twins", "success-no-results", bytes([0x22, 6, 10, 11, 12, 13, 14, 15, 2, 16, 17, 0x00, 0x80, 0x33, 0x0F]))
put("decode_twins", "error-with-detail", bytes([0x05, 2, 0x1F, 3, 18, 19, 2, 20, 21, 1, 6, 2, 22, 23, 2, 24, 25, 1, 26, 1, 27, 3, 28, 29, 30, 0xF1, 0x5E]))
put("decode_twins", "error-generated-code-status-200", bytes([0x3D, 5, 31, 32, 33, 34, 0, 0x0F, 1, 2, 1, 3, 1, 4, 1, 5, 0x11, 0x2A]))
put("decode_twins", "detach-escapes-everywhere", bytes([0x06, 11] + list(range(11)) + [0x03, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0x01, 0xFF, 0x0F] + [2] * 40))

print("seeds written to", corpus, file=sys.stderr)
