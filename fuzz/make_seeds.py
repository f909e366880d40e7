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

print("seeds written to", corpus, file=sys.stderr)
