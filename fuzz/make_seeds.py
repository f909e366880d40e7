#!/usr/bin/env python3
"""Writes the seed inputs of every harness from the documented examples (api-facts sections 2-5
and the API reference pages) into corpus/<harness>/. Each file name says where the example comes
from. Run from anywhere; the files are committed. Conformance bodies are added by
fuzz/make_corpus.sh."""
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "corpus")


def put(harness, name, data):
    d = os.path.join(corpus, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def lines(pairs):
    return "\n".join(f"{k}={v}" for k, v in pairs)


# ---------------------------------------------------------------- requests (api-facts 1-3)
sig_example = [
    ("AccessKeyId", "testid"), ("Action", "DescribeRegions"), ("Format", "XML"),
    ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
    ("SignatureVersion", "1.0"), ("Timestamp", "2016-02-23T12:46:24Z"), ("Version", "2014-05-26"),
]
sig_example_timestamp_misspelled = [
    (("TimeStamp" if k == "Timestamp" else k), v) for k, v in sig_example]
attach_ref = [("Action", "AttachKeyPair"), ("RegionId", "cn-qingdao"), ("KeyPairName", "test"),
              ("InstanceIds", '["i-XXXXX"]')]
detach_page = [("Action", "DetachKeyPair"), ("RegionId", "cn-hangzhou"),
               ("KeyPairName", "FinanceJoshuaV26"), ("InstanceIds", '["i-xxxxxxx", "i-yyyyyyy"]')]
v3_example = [("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
              ("RegionId", "cn-shanghai")]
encoding_rules = [("Space", "a b"), ("Reserved", "!'()*"), ("Tilde", "~keep"), ("Plus", "a+b"),
                  ("Slash", "/x=y&z"), ("Utf8", "caf\u00e9 \u4e2d\u6587"), ("Empty", ""),
                  ("Percent", "100%")]

put("canonical_query", "api-facts-2-signature-example-describe-regions", lines(sig_example))
put("canonical_query", "api-facts-2-errata-TimeStamp-spelling",
    lines(sig_example_timestamp_misspelled))
put("canonical_query", "AttachKeyPair-reference-request-example", lines(attach_ref))
put("canonical_query", "DetachKeyPair-page-sample-request", lines(detach_page))
put("canonical_query", "api-facts-3-v3-example-query", lines(v3_example))
put("canonical_query", "api-facts-2-encoding-rules", lines(encoding_rules))
put("canonical_query", "signature-is-left-out",
    lines(sig_example + [("Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")]))
put("canonical_query", "n-duplicate-name", lines(attach_ref + [("RegionId", "cn-hangzhou")]))
put("canonical_query", "n-invalid-name", lines([("Instance Ids", "x"), ("A-b", "c")]))
put("canonical_query", "n-invalid-utf8", b"Action=Attach\xc0\xafKeyPair\nRegionId=\xed\xa0\x80")
put("canonical_query", "n-too-many-parameters",
    "\n".join(f"P{i}=v{i}" for i in range(130)))

# keypair_request: byte 0 = mode ('@' attach/JSON, 'A' detach, 'D' C array, 'H' strict,
# 'P' empty line is ""), then RegionId, KeyPairName, InstanceIds, AccessKeyId, Format, Version,
# SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken, OwnerId,
# OwnerAccount, ResourceOwnerId, ResourceOwnerAccount, extra lines.
common = ["testid", "JSON", "2014-05-26", "HMAC-SHA1", "1.0",
          "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "2016-02-23T12:46:24Z"]


def kp(mode, region, name, ids, rest=(), extra=()):
    return mode + "\n".join([region, name, ids] + list(rest) + list(extra))


put("keypair_request", "AttachKeyPair-reference-request-example",
    kp("@", "cn-qingdao", "test", '["i-XXXXX"]'))
put("keypair_request", "DetachKeyPair-page-sample-request",
    kp("A", "cn-hangzhou", "FinanceJoshuaV26", '["i-xxxxxxx", "i-yyyyyyy"]'))
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

# instance_ids: byte 0 '0' JSON text, '1' JSON strict, '2' C array (lines), '3' C array strict.
put("instance_ids", "api-facts-1-example", '0["i-a","i-b"]')
put("instance_ids", "AttachKeyPair-reference-example", '0["i-XXXXX"]')
put("instance_ids", "DetachKeyPair-sample-request-spaces", '0["i-xxxxxxx", "i-yyyyyyy"]')
put("instance_ids", "DetachKeyPair-page-disk-prefix-typo", '0["d-xxxxxxxxx", "d-yyyyyyyyy"]')
put("instance_ids", "strict-current-and-legacy", '1["i-m5eg7be9ndloji64jknv","i-23jggx34b"]')
put("instance_ids", "unprefixed-and-masked", '0["AY121018033933eae8689","i-bp1gtjxuuvwj17zr****"]')
put("instance_ids", "escapes-and-white-space", '0 [ "i-\\u0061" ,\t"i-b\\/c" ]\r\n')
put("instance_ids", "n-escaped-nul", '0["i-\\u0000"]')
put("instance_ids", "n-duplicate", '0["i-a","i-a"]')
put("instance_ids", "n-not-array", '0{"InstanceIds":["i-a"]}')
put("instance_ids", "n-51-ids", "0[" + ",".join(f'"i-{i}"' for i in range(51)) + "]")
put("instance_ids", "n-trailing", '0["i-a"]x')
put("instance_ids", "array-documented-shapes",
    "2i-m5eg7be9ndloji64jknv\ni-23jggx34b\nAY121018033933eae8689\ni-bp1gtjxuuvwj17zr****")
put("instance_ids", "array-strict", "3i-m5eg7be9ndloji64jknv\ni-23jggx34b")
put("instance_ids", "n-array-quote", '2i-"a\ni-b')

# string_to_sign: first line the client's StringToSign, then the server's message.
sts = ("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26"
       "SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26"
       "SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
sts_other = sts.replace("Timestamp", "TimeStamp")
msg = "Specified signature is not matched with our calculation. server string to sign is:"
put("string_to_sign", "api-facts-5-same-string", sts + "\n" + msg + sts)
put("string_to_sign", "api-facts-5-TimeStamp-differs", sts_other + "\n" + msg + sts)
put("string_to_sign", "api-facts-2-errata-literal-ampersands",
    sts + "\n" + msg + " " + sts.replace("%26", "&") + "\r\n")
put("string_to_sign", "IncompleteSignature-upper-case-marker",
    sts + "\nThe request signature does not conform to Aliyun standards. "
    "SERVER STRING TO SIGN IS: " + sts[:60])
put("string_to_sign", "no-marker", sts + "\nThe specified ImageId does not exist.")
put("string_to_sign", "marker-then-white-space", sts + "\n" + msg + " \t\r\n")

# sign: byte 0 '0' GET v1, '1' POST v1, '2' GET V3, '3' POST V3; then the secret line, then
# parameters.
put("sign", "api-facts-2-signature-example-get", "0testsecret\n" + lines(sig_example))
put("sign", "api-facts-2-errata-TimeStamp", "0testsecret\n" + lines(sig_example_timestamp_misspelled))
put("sign", "attach-post-v1", "1testsecret\n" + lines(attach_ref + sig_example[2:]))
put("sign", "api-facts-3-v3-example", "3YourAccessKeySecret\n" + lines(v3_example))
put("sign", "detach-get-v3", "2YourAccessKeySecret\n" + lines(detach_page))
put("sign", "n-empty-secret", "0\n" + lines(sig_example))


# ---------------------------------------------------------------- responses (api-facts 4-5, pages)
success_xml_doc = """<AttachKeyPairResponse>
  <TotalCount>2</TotalCount>
  <RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>
  <Results>
    <Result>
      <Message>successful</Message>
      <InstanceId>i-m5eg7be9ndloji64****</InstanceId>
      <Success>true</Success>
      <Code>200</Code>
    </Result>
    <Result>
      <Message>successful</Message>
      <InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>
      <Success>true</Success>
      <Code>200</Code>
    </Result>
  </Results>
  <FailCount>0</FailCount>
</AttachKeyPairResponse>
"""
success_json_doc = """{"TotalCount": 2, "RequestId": "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06",
 "Results": {"Result": [
   {"Message": "successful", "InstanceId": "i-m5eg7be9ndloji64****", "Success": true, "Code": "200"},
   {"Message": "successful", "InstanceId": "i-m5e25x2mwr0hk33d****", "Success": true, "Code": "200"}]},
 "FailCount": 0}
"""
detach_xml_doc = (success_xml_doc.replace("AttachKeyPairResponse", "DetachKeyPairResponse")
                  .replace("4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06",
                           "834B3E6B-2D1D-482F-81A4-810C327D4735"))
detach_json_doc = success_json_doc.replace("4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06",
                                           "834B3E6B-2D1D-482F-81A4-810C327D4735")
old_xml = """<AttachKeyPairResponse>
    <RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E</RequestId>
</AttachKeyPairResponse>
"""
old_json = """{
    "RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"
}
"""
error_json_doc = """{"RequestId": "6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581", "HostId": "ecs.ap-southeast-3.aliyuncs.com",
 "Code": "InvalidImageId.NotFound", "Message": "The specified ImageId does not exist.",
 "Recommend": "https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581"}
"""
error_xml_doc = """<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>
  <HostId>ecs.aliyuncs.com</HostId>
  <Code>MissingParameter.CommandId</Code>
  <Message>The input parameter "CommandId" that is required for processing this request is not supplied.</Message>
</Error>
"""
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
windows_403_xml = ('<Error><RequestId>r</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>'
                   'DependencyViolation.WindowsInstance</Code><Message>The instance creating is '
                   'windows, cannot use ssh key pair to login</Message></Error>')
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
    "api-facts-4-success": success_json_doc,
    "api-facts-4-detach-success": detach_json_doc,
    "AttachKeyPair-reference-json": old_json,
    "api-facts-5-error": error_json_doc,
    "partial-success-strings": partial_json,
    "single-result-object": single_result_json,
    "access-denied-detail": denied_json,
    "signature-does-not-match": sdnm_json,
}
bodies_json.update(hostile_json)
bodies_xml = {
    "api-facts-4-success": success_xml_doc,
    "api-facts-4-detach-success": detach_xml_doc,
    "AttachKeyPair-reference-xml": old_xml,
    "api-facts-5-error": error_xml_doc,
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
def hdr(fmt_xml, detach=False, allow=False, limits=None, fail_at=0, status_sel=0):
    b0 = (1 if fmt_xml else 0) | (2 if detach else 0) | (4 if allow else 0)
    b0 |= (8 if limits else 0) | (16 if fail_at else 0) | (status_sel << 5)
    lim = limits or (0, 0, 0, 0)
    return bytes([b0, 0, 0, lim[0], lim[1], lim[2] >> 8, lim[2] & 255, lim[3] >> 8, lim[3] & 255,
                  fail_at])

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

# decode_twins: the input drives a generator (see fuzz_decode_twins.c); these seeds reach its
# main shapes: success with Results, success without, API error with and without a detail.
put("decode_twins", "success-two-results", bytes([0x20, 4, 1, 2, 3, 5, 0x05, 0x0F, 3, 1, 2, 0, 0, 0x07, 1, 0, 0, 0x00, 0x11, 1, 0, 1, 0, 1]))
put("decode_twins", "success-partial-failure", bytes([0x04, 3, 7, 8, 9, 0x0B, 0x1D, 2, 4, 5, 2, 0x0C, 1, 0x00, 0x22, 1, 1, 0, 0x13, 2, 1]))
put("decode_twins", "success-no-results", bytes([0x22, 6, 10, 11, 12, 13, 14, 15, 2, 16, 17, 0x00, 0x80, 0x33, 0x0F]))
put("decode_twins", "error-with-detail", bytes([0x05, 2, 0x1F, 3, 18, 19, 2, 20, 21, 1, 6, 2, 22, 23, 2, 24, 25, 1, 26, 1, 27, 3, 28, 29, 30, 0xF1, 0x5E]))
put("decode_twins", "error-generated-code-status-200", bytes([0x3D, 5, 31, 32, 33, 34, 0, 0x0F, 1, 2, 1, 3, 1, 4, 1, 5, 0x11, 0x2A]))
put("decode_twins", "detach-escapes-everywhere", bytes([0x06, 11] + list(range(11)) + [0x03, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0x01, 0xFF, 0x0F] + [2] * 40))

print("seeds written to", corpus, file=sys.stderr)
