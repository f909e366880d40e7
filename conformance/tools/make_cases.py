#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates the conformance case folders from the definitions below.

Expected request-side artifacts (canonical query, StringToSign, signature, signed query, V3
canonical request, Authorization, compact InstanceIds) are computed by reference.py, an
independent implementation of the published signing pages on Python's hmac/hashlib; the
documented ones are also asserted against the values printed in the documentation. Expected
error names, every normalized decode output and every advice document are written here by
hand from the documentation and the contracts in codec/include/ecskp/*.h. Nothing is
captured from ecskp.

Every case has a level (conformance/README.md, "Levels"): `protocol` (what the wire protocol
and the documentation require; never an error), `client` (what a careful client should also
refuse) or `ecskp` (ecskp's own policy: classification and retry advice, its decisions on
implementation-defined input, its options). Unless a case says otherwise, a request case that
is accepted is protocol and one that is refused is client; a decode case is protocol (y_),
client (n_) or ecskp (i_, a_, and any case with custom limits). An ids case is protocol only when
its expected text is its input (re-emitting a given text compact is ecskp's normalization), and
no source cites the suite's README: a published page, or an ecskp header for ecskp's own policy. Each decode case whose
expectation is an API error gets its a_ twin: the same body, expecting ecskp's advice.

Run from anywhere: python3 conformance/tools/make_cases.py (rewrites the area folders).
"""

import json
import sys

sys.dont_write_bytecode = True

import casekit as ck  # noqa: E402
import reference as ref  # noqa: E402

# The published pages the expectations come from (title and address).
P_ATTACH = ("AttachKeyPair API reference "
            "(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair)")
P_DETACH = ("DetachKeyPair API reference "
            "(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair)")
P_PAGES = ("AttachKeyPair and DetachKeyPair API references "
           "(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair, "
           "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair)")
P_COMMON = ("ECS common parameters "
            "(https://www.alibabacloud.com/help/en/elastic-compute-service/latest/common-parameters)")
P_SIG1 = ("Request signatures, ECS API reference, Getting started (https://github.com/AlibabaCloudDocs/ecs, "
          "intl.en-US/API Reference/Getting started/Request signatures.md)")
P_V3 = ("V3 request structure and signature "
        "(https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)")
P_RPC = "RPC mechanism (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism)"
P_ERRORS = "API error diagnosis (https://www.alibabacloud.com/help/en/openapi/user-guide/api-error-diagnosis)"
P_ERROR_CENTER = "ECS error center (https://error-center.alibabacloud.com/status/product/Ecs)"
RFC8259 = "RFC 8259, The JSON Data Interchange Format (https://www.rfc-editor.org/rfc/rfc8259)"
XML10 = "Extensible Markup Language (XML) 1.0 (https://www.w3.org/TR/xml/)"
OWASP_XXE = ("OWASP XML External Entity Prevention Cheat Sheet "
             "(https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html)")
ENCODE_H = "codec/include/ecskp/encode.h"
SIGN_H = "codec/include/ecskp/sign.h"
DECODE_H = "codec/include/ecskp/decode.h"
ERRORS_H = "codec/include/ecskp/errors.h"

DOC_SIGNING = P_SIG1 + ": the documented DescribeRegions example (Example 1)"
COMPACT_DECISION = ("The typed layer re-emits an InstanceIds text compact (no white space), as the "
                    "ids operation does. The page's own sample has a space and the server reads either, "
                    "so a client that sends the text as given is as right on the wire.")

# ====================================================================== encode

ATTACH_EXAMPLE = {"Action": "AttachKeyPair", "RegionId": "cn-qingdao", "KeyPairName": "test",
                  "InstanceIds": ["i-XXXXX"]}
DETACH_EXAMPLE = {"Action": "DetachKeyPair", "RegionId": "cn-hangzhou",
                  "KeyPairName": "FinanceJoshuaV26", "InstanceIds": "[\"i-xxxxxxx\", \"i-yyyyyyy\"]"}
SIGNING_COMMON = {"AccessKeyId": "testid", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
                  "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                  "SignatureVersion": "1.0", "Timestamp": "2016-02-23T12:46:24Z",
                  "Version": "2014-05-26"}
DESCRIBE_REGIONS = dict(SIGNING_COMMON, Action="DescribeRegions")
DOC_QUERY = ("AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&"
             "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&"
             "Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26")
DOC_STS = ("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26"
           "SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26"
           "SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
DOC_SIG = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
TYPED = ("AttachKeyPair", "DetachKeyPair")



def keypair(action="AttachKeyPair", **extra):
    base = {"Action": action, "RegionId": "cn-hangzhou", "KeyPairName": "my-key",
            "InstanceIds": ["i-bp1a"]}
    base.update(extra)
    return base


def params_for(request, fill_v1=False):
    """The parameter list the protocol signs: InstanceIds compact in the typed layer."""
    req = dict(request)
    if fill_v1:
        for n, v in ref.v1_defaults(request):
            req.setdefault(n, v)
    typed = req.get("Action") in TYPED
    out = []
    for n, v in req.items():
        if n == "InstanceIds":
            if isinstance(v, list):
                v = ref.compact_ids(v)
            elif typed:
                v = ref.compact_ids(json.loads(v))
        out.append((n, v))
    return out


def case_meta(source, error, level, description, decision):
    """case.json's members: the level defaults to protocol for an accepted request and to
    client for a refused one; an ecskp-level case records the decision it tests."""
    level = level or ("client" if error else "protocol")
    if level == "ecskp" and not decision:
        raise SystemExit("an ecskp-level case records its decision: " + source)
    meta = {"level": level, "source": source}
    if description:
        meta["description"] = description
    if decision:
        meta["decision"] = decision
    return meta


def encode_case(name, source, request, error=None, description=None, expect=None, level=None,
                decision=None, raw_request=None):
    meta = case_meta(source, error, level, description, decision)
    files = {"request.json": raw_request if raw_request is not None else ck.pretty(request)}
    if error:
        files["error.txt"] = error + "\n"
    else:
        q = ref.canonical_query(params_for(request))
        if expect is not None:
            assert q == expect, (name, q)
        files["canonical_query.txt"] = q
    ck.write_case("encode", name, meta, files)


def encode_cases():
    S2 = P_SIG1 + ", Step 1 (canonicalized query string)"
    IDS = P_PAGES + ", InstanceIds (one parameter: the text of a JSON array of up to 50 instance IDs)"
    encode_case("documented_attach_request_example", P_ATTACH + ", Examples: Request example", ATTACH_EXAMPLE,
                expect="Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao")
    encode_case("documented_detach_request_example",
                P_DETACH + ", Sample requests (InstanceIds as written there, with a space); " + ENCODE_H +
                ": ecskp_ids_normalize (the typed layer re-emits a given text compact)", DETACH_EXAMPLE,
                level="ecskp", decision=COMPACT_DECISION)
    encode_case("detach_request_example_compact_ids", P_DETACH + ", Sample requests, with the InstanceIds "
                "text written compact (sent as given)", dict(DETACH_EXAMPLE, InstanceIds='["i-xxxxxxx","i-yyyyyyy"]'))
    encode_case("documented_describe_regions", DOC_SIGNING, DESCRIBE_REGIONS, expect=DOC_QUERY)
    encode_case("generic_sort_by_byte_order", S2 + " (upper case sorts before lower case)",
                {"Action": "DescribeRegions", "b": "1", "a": "2", "B": "3", "Z": "4", "A.1": "5", "A": "6"})
    encode_case("generic_space_is_percent20", S2 + " (space is %20, never +)",
                {"Action": "DescribeKeyPairs", "KeyPairName": "my key pair"})
    encode_case("generic_star_is_percent2A", S2 + " (* is %2A)",
                {"Action": "DescribeKeyPairs", "KeyPairName": "key*"})
    encode_case("generic_tilde_kept", S2 + " (~ stays ~, never %7E)",
                {"Action": "DescribeKeyPairs", "KeyPairName": "key~1"})
    encode_case("generic_encodeuricomponent_chars", S2 + " (only A-Z a-z 0-9 - _ . ~ stay as they are, so "
                "! ' ( ) * are encoded)", {"Action": "DescribeKeyPairs", "KeyPairName": "a!b'c(d)e*f"},
                description="JavaScript's encodeURIComponent leaves ! ' ( ) * raw, which makes the "
                            "server answer SignatureDoesNotMatch.")
    encode_case("generic_reserved_chars", S2 + " (+ / = & % : , ; @ # ? are encoded)",
                {"Action": "DescribeKeyPairs", "Description": "a+b/c=d&e%f:g,h;i@j#k?l"})
    encode_case("generic_already_encoded_value_encoded_again", S2 + " (a literal %3A becomes %253A)",
                {"Action": "DescribeKeyPairs", "Description": "%3A"})
    encode_case("generic_unreserved_kept", S2 + " (A-Z a-z 0-9 - _ . ~ kept)",
                {"Action": "DescribeKeyPairs", "Description": "AZaz09-_.~"})
    encode_case("generic_utf8_value", S2 + " (values are encoded as UTF-8 bytes)",
                {"Action": "DescribeKeyPairs", "KeyPairName": "密钥"})
    encode_case("generic_utf8_four_byte_value", S2 + " (a 4-byte UTF-8 sequence)",
                {"Action": "DescribeKeyPairs", "Description": "key 🔑"})
    encode_case("generic_empty_value_kept", S2 + " (empty values are kept as Name=)",
                {"Action": "DescribeKeyPairs", "KeyPairName": "", "RegionId": "cn-hangzhou"})
    encode_case("generic_signature_left_out", S2 + " (every parameter except Signature)",
                dict(DESCRIBE_REGIONS, Signature="OLeaidS1JvxuMvnyHOwuJ+uX5qY="), expect=DOC_QUERY)
    encode_case("generic_timestamp_misspelled_kept", S2 + " (all parameters of a request other than "
                "AttachKeyPair/DetachKeyPair are encoded as given, TimeStamp included)",
                {"Action": "DescribeRegions", "TimeStamp": "2016-02-23T12:46:24Z"})
    encode_case("generic_dotted_names", S2 + " (dotted names such as Tag.1.Key, sorted by their bytes)",
                {"Action": "DescribeInstances", "Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.10.Key": "x"})
    encode_case("generic_instance_ids_array", ENCODE_H + " and codec/include/ecskp/json.h: a generic "
                "request's InstanceIds array is sent as its compact JSON text",
                {"Action": "DescribeInstances", "InstanceIds": ["i-a", "i-b"]}, level="ecskp",
                decision="For an Action other than AttachKeyPair/DetachKeyPair an InstanceIds array is sent as "
                         "its compact JSON text, as these two operations need. The RPC mechanism page "
                         "flattens repeat lists (InstanceIds.1, InstanceIds.2), and SDKs do so; which form "
                         "another operation reads is that operation's own.")
    encode_case("generic_empty_request", S2 + " (no parameters: an empty canonical query)", {})
    encode_case("generic_no_action", S2 + " (a request without an Action is encoded as given)",
                {"RegionId": "cn-hangzhou", "KeyPairName": "k"})
    encode_case("typed_masked_instance_ids", P_ATTACH + ", InstanceIds example (masked IDs i-...****)",
                keypair(InstanceIds=["i-bp1gtjxuuvwj17zr****"]))
    encode_case("typed_legacy_instance_ids", IDS + " (instance IDs have no published grammar: legacy "
                "i- + 9 and unprefixed IDs are sent as given)",
                keypair(InstanceIds=["i-23jggx34b", "AY121018033933eae8689", "i-m5eg7be9ndloji64jknv"]))
    encode_case("typed_fifty_instance_ids", IDS + " (50 IDs)",
                keypair(InstanceIds=["i-%020d" % i for i in range(50)]))
    encode_case("typed_instance_ids_text_normalized", ENCODE_H + ": ecskp_ids_normalize (the typed layer "
                "sends the compact text)", keypair(InstanceIds="[ \"i-a\" ,\n\t\"i-b\" ]"), level="ecskp",
                decision=COMPACT_DECISION)
    encode_case("typed_common_parameters", P_COMMON + " (common and owner parameters are ordinary parameters)",
                keypair("DetachKeyPair", AccessKeyId="LTAI4example", Format="XML", Version="2014-05-26",
                        SignatureMethod="HMAC-SHA1", SignatureVersion="1.0",
                        SignatureNonce="15215528852396", Timestamp="2024-01-02T03:04:05Z",
                        SecurityToken="CAIS+token/with=chars", OwnerId="1234567890",
                        OwnerAccount="owner@example.com", ResourceOwnerId="987",
                        ResourceOwnerAccount="ro@example.com"))
    encode_case("typed_extra_parameter_kept", S2 + " (a parameter the API does not list is still encoded)",
                keypair(ClientToken="0c593ea1-3bea-11e9-b96b-88e9fe637760"))
    encode_case("typed_key_pair_name_needs_encoding", S2 + " (':' is %3A)",
                keypair(KeyPairName="team:ops_key-01"))
    encode_case("typed_leap_day_timestamp", P_COMMON + " (Timestamp: UTC yyyy-MM-ddTHH:mm:ssZ; "
                "2024-02-29 is a real date)", keypair(Timestamp="2024-02-29T23:59:59Z"))
    encode_case("typed_format_lower_case", P_COMMON + " (Format: the page lists json and xml; the value "
                "is sent as given)", keypair(Format="json"),
                description="Suite 3.0.0: was a refusal (invalid_parameter_value) in 2.0.0. The official "
                            "Tea SDK sends Format=json on every RPC call.")
    encode_case("typed_format_lower_case_xml", P_COMMON + " (Format: xml, sent as given)", keypair(Format="xml"))
    encode_case("typed_format_upper_case", P_COMMON + "; " + DOC_SIGNING + " (Format=XML, sent as given)",
                keypair(Format="JSON"))
    # refusals
    encode_case("typed_missing_region_id", P_ATTACH + ", Request parameters: RegionId is required "
                "(the server answers MissingParameter)",
                {k: v for k, v in keypair().items() if k != "RegionId"}, "missing_parameter")
    encode_case("typed_empty_region_id", ENCODE_H + ": ecskp_keypair_build (an empty string counts as absent)",
                keypair(RegionId=""), "missing_parameter", level="ecskp",
                decision="An empty required value is refused like an absent one (missing_parameter): "
                         "the page requires a region, and an empty one names none.")
    encode_case("typed_missing_key_pair_name", P_ATTACH + ", Request parameters: KeyPairName is required",
                {k: v for k, v in keypair().items() if k != "KeyPairName"}, "missing_parameter")
    encode_case("typed_missing_instance_ids", P_ATTACH + ", Request parameters: InstanceIds is required",
                {k: v for k, v in keypair().items() if k != "InstanceIds"}, "missing_parameter")
    encode_case("typed_flattened_instance_ids", IDS + ": InstanceIds.1, InstanceIds.2 are not InstanceIds",
                {"Action": "AttachKeyPair", "RegionId": "cn-hangzhou", "KeyPairName": "k",
                 "InstanceIds.1": "i-a", "InstanceIds.2": "i-b"}, "missing_parameter",
                description="One official Node SDK flattens arrays this way, which this API does not read.")
    encode_case("typed_timestamp_misspelled", P_COMMON + " (the parameter is Timestamp; the gateway does "
                "not read TimeStamp)", keypair(TimeStamp="2016-02-23T12:46:24Z"), "misspelled_parameter")
    encode_case("typed_timestamp_milliseconds", P_COMMON + " (Timestamp: yyyy-MM-ddTHH:mm:ssZ, no "
                "milliseconds)", keypair(Timestamp="2016-02-23T12:46:24.000Z"), "invalid_timestamp")
    encode_case("typed_timestamp_offset", P_COMMON + " (Timestamp: UTC, yyyy-MM-ddTHH:mm:ssZ)",
                keypair(Timestamp="2016-02-23T20:46:24+08:00"), "invalid_timestamp")
    encode_case("typed_timestamp_not_a_date", P_COMMON + " (Timestamp is a UTC time; February 30 does not exist)",
                keypair(Timestamp="2023-02-30T00:00:00Z"), "invalid_timestamp")
    encode_case("typed_format_unknown", P_COMMON + " (Format is JSON or XML, json or xml)",
                keypair(Format="yaml"), "invalid_parameter_value")
    encode_case("typed_instance_ids_too_many", IDS + " (51 IDs)",
                keypair(InstanceIds=["i-%020d" % i for i in range(51)]), "ids_too_many")
    encode_case("typed_instance_ids_empty", IDS + " (an empty array names no instance)",
                keypair(InstanceIds=[]), "ids_empty")
    encode_case("typed_instance_ids_duplicate", ENCODE_H + ": ecskp_ids_normalize (an ID occurs twice)",
                keypair(InstanceIds=["i-a", "i-b", "i-a"]), "ids_duplicate", level="ecskp",
                decision="An ID given twice is refused (ids_duplicate): what the server does with "
                         "duplicates is not published, and the per-instance Results could not be told apart.")
    encode_case("typed_instance_ids_plain_text", IDS, keypair(InstanceIds="i-bp1a"), "ids_malformed")
    encode_case("typed_instance_ids_object", IDS + " (valid JSON, but not an array)",
                keypair(InstanceIds="{\"i-a\":1}"), "ids_not_array")
    encode_case("typed_instance_ids_number_element", IDS + " (the elements are instance IDs: strings)",
                keypair(InstanceIds=["i-a", 7]), "ids_invalid_element")
    encode_case("typed_instance_ids_space_in_id", ENCODE_H + ": ecskp_ids_normalize (IDs are printable ASCII "
                "without space)", keypair(InstanceIds=["i-a b"]), "ids_invalid_element", level="ecskp",
                decision="Instance IDs have no published grammar; ecskp refuses what no documented ID "
                         "holds (space, '\"', '\\\\', non-ASCII, more than 64 bytes).")
    # A name given twice: request.json holds the member twice on purpose.
    encode_case("duplicate_parameter", S2 + " (the pairs are sorted by name: a name given twice has no "
                "defined order, and which value the server reads is not published)",
                None, "duplicate_parameter",
                raw_request='{\n  "Action": "DescribeRegions",\n  "RegionId": "cn-hangzhou",\n'
                            '  "RegionId": "cn-shanghai"\n}\n',
                description="request.json holds RegionId twice; read it keeping both members.")
    encode_case("typed_duplicate_parameter", S2 + "; " + P_ATTACH + " (RegionId given twice)",
                None, "duplicate_parameter",
                raw_request='{\n  "Action": "AttachKeyPair",\n  "RegionId": "cn-hangzhou",\n'
                            '  "KeyPairName": "my-key",\n  "InstanceIds": ["i-bp1a"],\n'
                            '  "RegionId": "cn-shanghai"\n}\n',
                description="request.json holds RegionId twice; read it keeping both members.")
    encode_case("invalid_action", P_ATTACH + " (the Action is AttachKeyPair, exactly: API names are "
                "case-sensitive)", keypair("attachKeyPair"), "invalid_action",
                description="An Action that equals AttachKeyPair or DetachKeyPair but for letter case is "
                            "a typo for one of them, refused before anything is sent.")
    encode_case("invalid_parameter_name_space", S2 + " (parameter names are the API's names: letters, "
                "digits and '.'); " + ENCODE_H + ": names are 1+ bytes of [A-Za-z0-9.]",
                {"Action": "DescribeRegions", "Region Id": "cn-hangzhou"}, "invalid_parameter_name")
    encode_case("invalid_parameter_name_dash", S2 + " (parameter names are the API's names: letters, "
                "digits and '.'); " + ENCODE_H + ": names are 1+ bytes of [A-Za-z0-9.]",
                {"Action": "DescribeRegions", "x-acs-action": "y"}, "invalid_parameter_name")
    encode_case("invalid_parameter_name_empty", S2 + " (parameter names are the API's names: letters, "
                "digits and '.'); " + ENCODE_H + ": names are 1+ bytes of [A-Za-z0-9.]",
                {"Action": "DescribeRegions", "": "y"}, "invalid_parameter_name")
    TYPES_DECISION = ("The protocol's request maps names to strings (only InstanceIds may be an array "
                      "of strings); ecskp refuses any other value instead of turning it into text.")
    encode_case("value_not_a_string", ENCODE_H + " and " + "codec/include/ecskp/json.h: parameter values are "
                "strings", keypair(OwnerId=1234567890), "invalid_parameter_value", level="ecskp",
                decision=TYPES_DECISION)
    encode_case("value_null", ENCODE_H + " and codec/include/ecskp/json.h: parameter values are strings",
                {"Action": "DescribeRegions", "RegionId": None}, "invalid_parameter_value", level="ecskp",
                decision=TYPES_DECISION)
    encode_case("value_array_not_instance_ids", "codec/include/ecskp/json.h: only InstanceIds may be an array",
                {"Action": "DescribeRegions", "RegionId": ["cn-hangzhou"]}, "invalid_parameter_value",
                level="ecskp",
                decision="An array for any parameter but InstanceIds is refused. The RPC mechanism and V3 "
                         "pages flatten repeat lists as Name.1, Name.2, and SDKs do so, but which "
                         "parameters are lists is each API's own: ecskp does not guess.",
                description="Suite 3.0.0: the refusal is ecskp's decision, now recorded.")
    encode_case("request_not_an_object", "codec/include/ecskp/json.h: a request is a JSON object",
                [["Action", "DescribeRegions"]], "invalid_argument", level="ecskp",
                decision="A request that is not a JSON object of parameters is invalid_argument.")
    many = {"Action": "DescribeRegions"}
    for i in range(128):
        many["P%d" % i] = "v"
    encode_case("too_many_parameters", ENCODE_H + ": ECSKP_MAX_PARAMS is 128", many, "too_many_parameters",
                level="ecskp", decision="More than 128 parameters are refused: no ECS operation has that "
                                        "many, and the bound keeps the encoder's work fixed.")

# ====================================================================== sign_v1


def sign_v1_case(name, source, request, method, secret, error=None, description=None, expect=None,
                 level=None, decision=None,
                 artifacts=("canonical_query", "string_to_sign", "signature", "signed_query")):
    meta = case_meta(source, error, level, description, decision)
    meta["input"] = {"method": method, "secret": secret}
    files = {"request.json": ck.pretty(request)}
    if error:
        files["error.txt"] = error + "\n"
    else:
        out = ref.sign_v1(method, params_for(request, fill_v1=True), secret)
        for k, v in (expect or {}).items():
            assert out[k] == v, (name, k, out[k])
        for k in artifacts:
            files[k + ".txt"] = out[k]
    ck.write_case("sign_v1", name, meta, files)


def full(request, **more):
    r = dict(request)
    r.update(SIGNING_COMMON)
    r.update(more)
    return r


def sign_v1_cases():
    S2 = P_SIG1 + ", Steps 1 and 2"
    DEFAULTS = (SIGN_H + ": ecskp_signer (SignatureMethod and SignatureVersion, the list's, else "
                "HMAC-SHA1 and 1.0) and ecskp_keypair_sign (Version 2014-05-26 when unset); " + P_COMMON +
                " (the three are required)")
    REQUIRED_COMMON = (P_COMMON + " (SignatureMethod HMAC-SHA1, SignatureVersion 1.0 and Version, for this "
                       "API 2014-05-26, are required: a client sends them, with the only values they "
                       "take, when the request lacks them); " + DOC_SIGNING)
    DEFAULTS_DECISION = ("The signer adds SignatureMethod=HMAC-SHA1, SignatureVersion=1.0 and, for "
                         "AttachKeyPair/DetachKeyPair, Version=2014-05-26 when absent, and nothing else: no "
                         "Format (an unset Format is not sent; the server's default applies) and no Version "
                         "for other Actions (the signer does not know their product's version). SDKs add "
                         "Format=JSON and a Version, which is as right on the wire.")
    sign_v1_case("documented_describe_regions_get", DOC_SIGNING, DESCRIBE_REGIONS, "GET", "testsecret",
                 expect={"canonical_query": DOC_QUERY, "string_to_sign": DOC_STS, "signature": DOC_SIG,
                         "signed_query": DOC_QUERY + "&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"},
                 description="Also guards two errata of published copies: the StringToSign separators "
                             "are %26, never literal &, and the wire signature is %2B/%3D-encoded.")
    sign_v1_case("documented_describe_regions_post", DOC_SIGNING + ", sent as POST", DESCRIBE_REGIONS,
                 "POST", "testsecret")
    sign_v1_case("erratum_timestamp_misspelled", DOC_SIGNING + " with the parameter spelled TimeStamp",
                 {k if k != "Timestamp" else "TimeStamp": v for k, v in DESCRIBE_REGIONS.items()},
                 "GET", "testsecret", expect={"signature": "CT9X0VtwR86fNWSnsc6v8YGOjuE="},
                 description="An older copy of the Request signatures page prints "
                             "CT9X0VtwR86fNWSnsc6v8YGOjuE= for the example: it is the signature of these "
                             "inputs, the parameter spelled TimeStamp (the generic layer signs it as given).",
                 level="ecskp",
                 decision="A request other than AttachKeyPair/DetachKeyPair is signed as given: no Timestamp "
                          "is invented (the protocol is deterministic), so the erratum's inputs reproduce its "
                          "signature. An SDK that adds the current time is right on the wire.")
    sign_v1_case("documented_attach_example_get", P_ATTACH + ", Request example, with the common parameters "
                 "of " + DOC_SIGNING, full(ATTACH_EXAMPLE), "GET", "testsecret")
    sign_v1_case("documented_attach_example_post", P_ATTACH + ", Request example, sent as POST (" + P_RPC +
                 ": GET or POST)", full(ATTACH_EXAMPLE), "POST", "testsecret")
    sign_v1_case("documented_detach_example_post", P_DETACH + ", Sample requests, with the common "
                 "parameters of " + DOC_SIGNING, full(DETACH_EXAMPLE), "POST", "testsecret", level="ecskp",
                 decision=COMPACT_DECISION)
    sign_v1_case("detach_example_compact_ids_post", P_DETACH + ", Sample requests, the InstanceIds text "
                 "written compact, with the common parameters of " + DOC_SIGNING,
                 full(dict(DETACH_EXAMPLE, InstanceIds='["i-xxxxxxx","i-yyyyyyy"]')), "POST", "testsecret")
    sign_v1_case("defaults_filled", DEFAULTS,
                 keypair(AccessKeyId="testid", Timestamp="2016-02-23T12:46:24Z",
                         SignatureNonce="3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), "POST", "testsecret",
                 description="Suite 2.0.0: Format=JSON is no longer added (an unset Format is not sent).",
                 level="ecskp", decision=DEFAULTS_DECISION)
    sign_v1_case("defaults_not_overriding", REQUIRED_COMMON + "; the request's Format=XML is sent as given",
                 keypair(AccessKeyId="testid", Timestamp="2016-02-23T12:46:24Z", Format="XML",
                         SignatureNonce="n1"), "GET", "testsecret")
    sign_v1_case("generic_defaults_filled", SIGN_H + ": ecskp_signer (SignatureMethod and SignatureVersion, "
                 "the list's, else HMAC-SHA1 and 1.0) and ecskp_request (the list holds the operation's "
                 "parameters: Action, Version, Format, ...); for an Action other than AttachKeyPair/"
                 "DetachKeyPair nothing else is added; " + P_COMMON + " (the three are required)",
                 {"Action": "DescribeRegions", "AccessKeyId": "testid", "Timestamp": "2016-02-23T12:46:24Z",
                  "SignatureNonce": "n2"}, "GET", "testsecret",
                 description="Suite 2.0.0: neither Version nor Format is added to a generic request.",
                 level="ecskp", decision=DEFAULTS_DECISION)
    sign_v1_case("secret_with_special_chars", S2 + " (the key is the AccessKeySecret + '&', bytes as given)",
                 full(ATTACH_EXAMPLE), "POST", "a&b=c+d/e%f")
    sign_v1_case("secret_longer_than_hmac_block", S2 + " (HMAC, RFC 2104, hashes keys longer than 64 bytes)",
                 full(ATTACH_EXAMPLE), "POST", "k" * 100)
    sign_v1_case("secret_utf8", S2 + " (the secret is used as its UTF-8 bytes)",
                 full(ATTACH_EXAMPLE), "POST", "秘密")
    sign_v1_case("values_double_encoded_in_sts", S2 + " (%20 in the query is %2520 in the StringToSign)",
                 full(keypair(KeyPairName="my key*~!'()")), "POST", "testsecret",
                 artifacts=("canonical_query", "string_to_sign", "signature"),
                 description="The query actually sent is in the ecskp-level twin "
                             "values_double_encoded_in_sts_signed_query: how it spells !'()* is not fixed "
                             "by the page.")
    sign_v1_case("values_double_encoded_in_sts_signed_query",
                 "codec/include/ecskp/sign.h: the signed query is the canonical query and &Signature=, "
                 "through one percent-encoder", full(keypair(KeyPairName="my key*~!'()")), "POST",
                 "testsecret", level="ecskp", artifacts=("signed_query",),
                 decision="ecskp sends the query percent-encoded exactly as it was signed (! ' ( ) * as "
                          "%21 %27 %28 %29 %2A). A gateway decodes the query before it computes the "
                          "StringToSign, so a client that leaves these five as they are (JavaScript's "
                          "encodeURIComponent does) is as right on the wire.")
    sign_v1_case("utf8_key_pair_name", S2 + " (UTF-8 bytes percent-encoded)",
                 full(keypair(KeyPairName="密钥-1")), "POST", "testsecret")
    sign_v1_case("security_token", P_COMMON + " (SecurityToken, for STS credentials, is signed like any "
                 "parameter)", full(keypair(), SecurityToken="CAIS8gF1q6Ft5B2yfSjIr5bkKIv/2+pJ=="),
                 "POST", "testsecret")
    sign_v1_case("signature_parameter_ignored", S2 + " (every parameter except Signature is signed)",
                 dict(DESCRIBE_REGIONS, Signature="bogus"), "GET", "testsecret",
                 expect={"signature": DOC_SIG})
    sign_v1_case("generic_empty_value", S2 + " (empty values are signed as Name=)",
                 dict(DESCRIBE_REGIONS, AcceptLanguage=""), "GET", "testsecret")
    sign_v1_case("fifty_instance_ids", P_PAGES + " (up to 50 instance IDs)",
                 full(keypair(InstanceIds=["i-%020d" % i for i in range(50)])), "POST", "testsecret")
    sign_v1_case("owner_parameters", P_COMMON + " (the optional owner parameters)",
                 full(keypair("DetachKeyPair"), OwnerId="1", ResourceOwnerAccount="ro", OwnerAccount="o",
                      ResourceOwnerId="2"), "GET", "testsecret")
    # A signature with '/' and '+', so the wire form needs %2F and %2B.
    sign_v1_case("signature_with_slash_and_plus", P_SIG1 + ", Step 2.3 (the signature is percent-encoded "
                 "like any value: + / = as %2B %2F %3D)",
                 find_signature_with(lambda s: "/" in s and "+" in s), "GET", "testsecret")
    # refusals
    REQUIRED = P_COMMON + " (AccessKeyId, Timestamp and SignatureNonce are required)"
    sign_v1_case("typed_missing_access_key_id", REQUIRED,
                 {k: v for k, v in full(ATTACH_EXAMPLE).items() if k != "AccessKeyId"}, "POST", "testsecret",
                 "missing_parameter")
    sign_v1_case("typed_missing_timestamp", REQUIRED + "; the protocol never invents a Timestamp",
                 {k: v for k, v in full(ATTACH_EXAMPLE).items() if k != "Timestamp"}, "POST", "testsecret",
                 "missing_parameter")
    sign_v1_case("typed_missing_signature_nonce", REQUIRED + "; the protocol never invents a SignatureNonce",
                 {k: v for k, v in full(ATTACH_EXAMPLE).items() if k != "SignatureNonce"}, "POST", "testsecret",
                 "missing_parameter")
    sign_v1_case("typed_missing_region_id", P_ATTACH + ", Request parameters: RegionId is required",
                 {k: v for k, v in full(ATTACH_EXAMPLE).items() if k != "RegionId"}, "POST", "testsecret",
                 "missing_parameter")
    sign_v1_case("typed_signature_method_sha256", P_COMMON + " (SignatureMethod is HMAC-SHA1)",
                 full(ATTACH_EXAMPLE, SignatureMethod="HMAC-SHA256"), "POST", "testsecret",
                 "invalid_parameter_value")
    sign_v1_case("typed_signature_version_2", P_COMMON + " (SignatureVersion is 1.0)",
                 full(ATTACH_EXAMPLE, SignatureVersion="2.0"), "POST", "testsecret", "invalid_parameter_value")
    sign_v1_case("typed_timestamp_misspelled", P_COMMON + " (the parameter is Timestamp, not TimeStamp)",
                 dict({k: v for k, v in full(ATTACH_EXAMPLE).items() if k != "Timestamp"},
                      TimeStamp="2016-02-23T12:46:24Z"), "POST", "testsecret", "misspelled_parameter")
    sign_v1_case("typed_timestamp_milliseconds", P_COMMON + " (Timestamp: yyyy-MM-ddTHH:mm:ssZ, no milliseconds)",
                 full(ATTACH_EXAMPLE, Timestamp="2016-02-23T12:46:24.123Z"), "POST", "testsecret",
                 "invalid_timestamp")
    sign_v1_case("empty_secret", S2 + " (the key is the AccessKeySecret + '&'); " + SIGN_H +
                 ": the AccessKeySecret is at least one byte", full(ATTACH_EXAMPLE), "POST", "", "missing_secret")
    sign_v1_case("generic_empty_secret", S2 + " (the key is the AccessKeySecret + '&'); " + SIGN_H +
                 ": the AccessKeySecret is at least one byte", DESCRIBE_REGIONS, "GET", "", "missing_secret")
    sign_v1_case("generic_invalid_name", P_SIG1 + ", Step 1 (parameter names are the API's names: letters, "
                 "digits and '.'); " + ENCODE_H + ": names are [A-Za-z0-9.]",
                 dict(DESCRIBE_REGIONS, **{"Bad Name": "x"}), "GET", "testsecret", "invalid_parameter_name")


def find_signature_with(pred):
    for i in range(10000):
        req = dict(DESCRIBE_REGIONS, SignatureNonce="nonce-%d" % i)
        sig = ref.sign_v1("GET", params_for(req, fill_v1=True), "testsecret")["signature"]
        if pred(sig):
            return req
    raise SystemExit("no nonce found")

# ====================================================================== sign_v3

RUN_INSTANCES = {"Action": "RunInstances", "Version": "2014-05-26",
                 "ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
                 "RegionId": "cn-shanghai", "Timestamp": "2023-10-26T10:22:32Z",
                 "SignatureNonce": "3156853299f313e23d1673dc12e1703d", "AccessKeyId": "YourAccessKeyId"}
DOC_V3 = P_V3 + ": the documented RunInstances example"


def v3_request_params(request):
    """The protocol's view: InstanceIds compact in the typed layer, as for signature 1.0."""
    return dict(params_for(request))


def sign_v3_case(name, source, request, method, host, secret, error=None, body=None,
                 content_type=None, description=None, expect=None, body_name="body.bin", level=None,
                 decision=None):
    inp = {"method": method, "secret": secret}
    if host is not None:
        inp["host"] = host
    if content_type is not None:
        inp["content_type"] = content_type
    meta = case_meta(source, error, level, description, decision)
    meta["input"] = inp
    files = {"request.json": ck.pretty(request)}
    if body is not None:
        files[body_name] = body
    if error:
        files["error.txt"] = error + "\n"
    else:
        out = ref.sign_v3_request(method, host, v3_request_params(request), secret,
                                  content_type, body.encode() if isinstance(body, str) else (body or b""))
        for k, v in (expect or {}).items():
            assert out[k] == v, (name, k, out[k])
        for k in ("canonical_request", "string_to_sign", "signature", "authorization"):
            files[k + ".txt"] = out[k]
    ck.write_case("sign_v3", name, meta, files)


def sign_v3_cases():
    S3 = P_V3
    H = "ecs.cn-hangzhou.aliyuncs.com"
    sign_v3_case("documented_run_instances", DOC_V3, RUN_INSTANCES, "POST", "ecs.cn-shanghai.aliyuncs.com",
                 "YourAccessKeySecret",
                 expect={"_hashed": "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
                         "signature": "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                         "_signed_headers": "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"})
    sign_v3_case("documented_run_instances_get", DOC_V3 + ", sent as GET", RUN_INSTANCES, "GET",
                 "ecs.cn-shanghai.aliyuncs.com", "YourAccessKeySecret")
    kp = keypair(AccessKeyId="YourAccessKeyId", Timestamp="2023-10-26T10:22:32Z",
                 SignatureNonce="3156853299f313e23d1673dc12e1703d")
    sign_v3_case("typed_attach", S3 + " (the parameters in the query, an empty body; x-acs-version is the "
                 "API version); " + P_ATTACH + " (API version 2014-05-26: x-acs-version 2014-05-26 when the "
                 "request gives no Version)", kp, "POST", H, "YourAccessKeySecret")
    sign_v3_case("typed_detach_documented_example", P_DETACH + ", Sample requests, signed as in " + S3,
                 dict(DETACH_EXAMPLE, AccessKeyId="YourAccessKeyId", Timestamp="2023-10-26T10:22:32Z",
                      SignatureNonce="3156853299f313e23d1673dc12e1703d"), "POST", H, "YourAccessKeySecret",
                 level="ecskp", decision=COMPACT_DECISION)
    sign_v3_case("typed_detach_compact_ids", P_DETACH + ", Sample requests, the InstanceIds text written "
                 "compact, signed as in " + S3,
                 dict(DETACH_EXAMPLE, InstanceIds='["i-xxxxxxx","i-yyyyyyy"]', AccessKeyId="YourAccessKeyId",
                      Timestamp="2023-10-26T10:22:32Z", SignatureNonce="3156853299f313e23d1673dc12e1703d"),
                 "POST", H, "YourAccessKeySecret")
    sign_v3_case("typed_security_token", S3 + " (with STS credentials x-acs-security-token is a signed header)",
                 dict(kp, SecurityToken="CAIS+sts/token=="), "POST", H, "YourAccessKeySecret")
    sign_v3_case("security_token", S3 + " (with STS credentials the SecurityToken is the signed header "
                 "x-acs-security-token, never a query parameter)",
                 dict(RUN_INSTANCES, SecurityToken="CAIS8gF1q6Ft5B2yfSjIr5bkKIv/2+pJ=="), "POST",
                 "ecs.cn-shanghai.aliyuncs.com", "YourAccessKeySecret",
                 description="The documented RunInstances example with an STS token: signed headers "
                             "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
                             "x-acs-signature-nonce;x-acs-version.",
                 expect={"_signed_headers": "host;x-acs-action;x-acs-content-sha256;x-acs-date;"
                                            "x-acs-security-token;x-acs-signature-nonce;x-acs-version"})
    sign_v3_case("typed_format_in_query", S3 + " (parameters other than the mapped ones, Format included, "
                 "go into the query)", dict(kp, Format="XML", OwnerId="1"), "POST", H, "YourAccessKeySecret")
    sign_v3_case("v1_parameters_dropped", S3 + " (SignatureMethod and SignatureVersion belong to signature "
                 "1.0 and are not sent: the V3 request has no such parameter or header)",
                 dict(kp, SignatureMethod="HMAC-SHA1", SignatureVersion="1.0"), "POST", H, "YourAccessKeySecret")
    sign_v3_case("generic_version_required", S3 + " (x-acs-version is a required header)",
                 {k: v for k, v in RUN_INSTANCES.items() if k != "Version"}, "POST",
                 "ecs.cn-shanghai.aliyuncs.com", "YourAccessKeySecret", "missing_parameter",
                 description="Suite 2.0.0: this case was version_defaulted, when the protocol gave every "
                             "request x-acs-version 2014-05-26; AttachKeyPair and DetachKeyPair still "
                             "default it (typed_attach).")
    sign_v3_case("query_needs_encoding", S3 + " (the query encoded as for signature 1.0)",
                 dict(RUN_INSTANCES, InstanceName="web 01*~", Description="密钥"), "POST",
                 "ecs.cn-shanghai.aliyuncs.com", "YourAccessKeySecret")
    sign_v3_case("json_body", S3 + " (content-type is signed when there is a body; x-acs-content-sha256 "
                 "is the body's hash)", dict(RUN_INSTANCES, Action="CreateKeyPair"), "POST", H,
                 "YourAccessKeySecret", body='{"KeyPairName":"my-key"}', content_type="application/json",
                 body_name="body.json")
    sign_v3_case("form_body_utf8", S3 + " (the body's UTF-8 bytes are hashed)",
                 dict(RUN_INSTANCES, Action="CreateKeyPair"), "POST", H, "YourAccessKeySecret",
                 body="KeyPairName=%E5%AF%86%E9%92%A5&Description=密钥",
                 content_type="application/x-www-form-urlencoded; charset=utf-8",
                 description="Non-ASCII text in a POST body hashed in another charset makes the server "
                             "answer SignatureDoesNotMatch.")
    sign_v3_case("secret_utf8", S3 + " (the key is the secret itself, no '&')", RUN_INSTANCES, "POST",
                 "ecs.cn-shanghai.aliyuncs.com", "秘密&")
    # refusals
    HEADERS = S3 + " (host, x-acs-action, x-acs-version, x-acs-date and x-acs-signature-nonce are required " \
                   "signed headers)"
    sign_v3_case("missing_host", HEADERS, RUN_INSTANCES, "POST", None,
                 "YourAccessKeySecret", "missing_parameter")
    sign_v3_case("typed_missing_host", HEADERS, kp, "POST", None,
                 "YourAccessKeySecret", "missing_parameter")
    sign_v3_case("missing_access_key_id", S3 + " (the Authorization names the AccessKeyId)",
                 {k: v for k, v in RUN_INSTANCES.items() if k != "AccessKeyId"}, "POST", H,
                 "YourAccessKeySecret", "missing_parameter")
    sign_v3_case("typed_missing_access_key_id", S3 + " (the Authorization names the AccessKeyId)",
                 {k: v for k, v in kp.items() if k != "AccessKeyId"}, "POST", H, "YourAccessKeySecret",
                 "missing_parameter")
    sign_v3_case("missing_date", HEADERS + "; the protocol never invents x-acs-date",
                 {k: v for k, v in RUN_INSTANCES.items() if k != "Timestamp"}, "POST", H,
                 "YourAccessKeySecret", "missing_parameter")
    sign_v3_case("typed_missing_nonce", HEADERS + "; the protocol never invents x-acs-signature-nonce",
                 {k: v for k, v in kp.items() if k != "SignatureNonce"}, "POST", H, "YourAccessKeySecret",
                 "missing_parameter")
    sign_v3_case("missing_action", HEADERS,
                 {k: v for k, v in RUN_INSTANCES.items() if k != "Action"}, "POST", H,
                 "YourAccessKeySecret", "missing_parameter")
    sign_v3_case("date_with_milliseconds", S3 + " (x-acs-date is UTC yyyy-MM-ddTHH:mm:ssZ)",
                 dict(RUN_INSTANCES, Timestamp="2023-10-26T10:22:32.000Z"), "POST", H,
                 "YourAccessKeySecret", "invalid_timestamp")
    sign_v3_case("body_without_content_type", S3 + " (a request with a body signs its content-type)",
                 dict(RUN_INSTANCES, Action="CreateKeyPair"), "POST", H, "YourAccessKeySecret",
                 "missing_parameter", body='{"KeyPairName":"k"}', body_name="body.json")
    sign_v3_case("nonce_with_newline", S3 + " (each canonical header is one line: a CR or LF in a value "
                 "would add a header)", dict(RUN_INSTANCES, SignatureNonce="abc\r\nx-acs-action: DeleteInstance"),
                 "POST", H, "YourAccessKeySecret", "invalid_parameter_value")
    sign_v3_case("host_with_space", SIGN_H + ": header values have no leading or trailing space",
                 RUN_INSTANCES, "POST", " " + H, "YourAccessKeySecret", "invalid_parameter_value",
                 level="ecskp",
                 decision="A host (or other header value) with leading or trailing space is refused, "
                          "not trimmed. The V3 page signs trimmed header values, so trimming would be "
                          "correct on the wire; but the value is the caller's mistake, and a client "
                          "that signs the trimmed host while sending the untrimmed one fails.",
                 description="Suite 3.0.0: the refusal is ecskp's decision; the V3 page (trimmed values) does not "
                             "require it.")
    sign_v3_case("access_key_id_with_comma", SIGN_H + ": AccessKeyId is printable ASCII other than space and ','",
                 dict(RUN_INSTANCES, AccessKeyId="a,b"), "POST", H, "YourAccessKeySecret",
                 "invalid_parameter_value", level="ecskp",
                 decision="AccessKey IDs have no published grammar; a ',' or space would split the "
                          "Authorization header's Credential, so ecskp refuses it.")
    sign_v3_case("empty_secret", S3 + " (the key is the AccessKeySecret); " + SIGN_H +
                 ": the AccessKeySecret is at least one byte", RUN_INSTANCES, "POST", H, "", "missing_secret")
    sign_v3_case("typed_missing_key_pair_name", P_ATTACH + ", Request parameters: KeyPairName is required",
                 {k: v for k, v in kp.items() if k != "KeyPairName"}, "POST", H, "YourAccessKeySecret",
                 "missing_parameter")

# ====================================================================== ids


def ids_case(name, source, text, error=None, strict=False, description=None, level=None, decision=None):
    meta = case_meta(source, error, level, description, decision)
    if strict:
        meta["input"] = {"strict": True}
    data = text.encode("utf-8") if isinstance(text, str) else text
    files = {"ids.json": data}
    if error:
        files["error.txt"] = error + "\n"
    else:
        files["instance_ids.txt"] = ref.compact_ids(json.loads(data.decode("utf-8")))
    ck.write_case("ids", name, meta, files)


def compact_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def ids_cases():
    S1 = P_PAGES + ", InstanceIds (the text of a JSON array of up to 50 instance IDs)"
    J = RFC8259
    E = ENCODE_H + ": ecskp_ids_normalize"
    STRICT = ("ECSKP_IDS_STRICT (input strict) is ecskp's option: every ID is i- followed by a-z 0-9, "
              "the form of the documented current IDs.")
    NORMALIZE = ("ecskp re-emits a given InstanceIds text in the compact form (no white space), which is "
                 "what it sends. The server reads the text with or without white space, so a client that "
                 "sends the given text as it is is as right on the wire; the protocol-level cases give "
                 "texts that are already compact.")
    GRAMMAR = ("Instance IDs have no published grammar; ecskp refuses what no documented ID holds: "
               "an empty ID, more than 64 bytes, space, '\"', '\\\\', control or non-ASCII bytes.")
    ids_case("documented_attach_format", P_ATTACH + ": [\"i-xxxxxxxxx\", \"i-yyyyyyyyy\", … \"i-zzzzzzzzz\"] "
             "(the page's text, with spaces); " + E + " (re-emitted compact)",
             '["i-xxxxxxxxx", "i-yyyyyyyyy", "i-zzzzzzzzz"]', level="ecskp", decision=NORMALIZE)
    ids_case("attach_format_compact", P_ATTACH + ": [\"i-xxxxxxxxx\", \"i-yyyyyyyyy\", … \"i-zzzzzzzzz\"], "
             "the text written compact (sent as given)", '["i-xxxxxxxxx","i-yyyyyyyyy","i-zzzzzzzzz"]')
    ids_case("documented_detach_sample", P_DETACH + ", Sample requests (the page's text, with a space); " + E +
             " (re-emitted compact)", '["i-xxxxxxx", "i-yyyyyyy"]', level="ecskp", decision=NORMALIZE)
    ids_case("detach_sample_compact", P_DETACH + ", Sample requests, the text written compact (sent as given)",
             '["i-xxxxxxx","i-yyyyyyy"]')
    ids_case("documented_detach_disk_prefix", P_DETACH + ", InstanceIds example (the page's text, with spaces; "
             "the d- prefix is the page's mistake, but IDs are opaque); " + E + " (re-emitted compact)",
             '["d-xxxxxxxxx", "d-yyyyyyyyy", "d-zzzzzzzzz"]', level="ecskp", decision=NORMALIZE)
    ids_case("detach_disk_prefix_compact", P_DETACH + ", InstanceIds example, the text written compact (the d- "
             "prefix is the page's mistake, but IDs are opaque and sent as given)",
             '["d-xxxxxxxxx","d-yyyyyyyyy","d-zzzzzzzzz"]')
    ids_case("documented_detach_disk_prefix_strict", E + " with ECSKP_IDS_STRICT (i- required)",
             '["d-xxxxxxxxx", "d-yyyyyyyyy"]', "ids_invalid_element", strict=True, level="ecskp", decision=STRICT)
    ids_case("single_id", S1, '["i-m5eg7be9ndloji64jknv"]')
    ids_case("single_id_strict", E + " with ECSKP_IDS_STRICT", '["i-m5eg7be9ndloji64jknv"]', strict=True,
             level="ecskp", decision=STRICT)
    ids_case("masked_id", P_ATTACH + ", InstanceIds example (masked IDs)", '["i-bp1gtjxuuvwj17zr****"]')
    ids_case("masked_id_strict", E + " with ECSKP_IDS_STRICT (only a-z 0-9 after i-)",
             '["i-bp1gtjxuuvwj17zr****"]', "ids_invalid_element", strict=True, level="ecskp", decision=STRICT)
    ids_case("legacy_ids", S1 + " (no published grammar: legacy i- + 9 and unprefixed IDs are IDs)",
             '["i-23jggx34b","AY121018033933eae8689"]')
    ids_case("legacy_unprefixed_strict", E + " with ECSKP_IDS_STRICT", '["AY121018033933eae8689"]',
             "ids_invalid_element", strict=True, level="ecskp", decision=STRICT)
    ids_case("white_space_everywhere", J + ", section 2 (white space: space, tab, LF, CR, around any "
             "token); " + E + " (re-emitted compact)", ' \t\r\n[ \n"i-a"\t,\r\n "i-b" ]\n\t ',
             level="ecskp", decision=NORMALIZE)
    ids_case("unicode_escape_decoded", J + ", section 7 (\\u escapes stand for their characters); " + E +
             " (re-emitted with the characters)", '["\\u0069-a"]', level="ecskp",
             decision="ecskp decodes a \\u escape and sends the character it stands for (\\u0069-a as i-a), "
                      "as part of re-emitting a given text compact. The server's JSON reader decodes the "
                      "escape itself, so a client that sends the text as given is as right on the wire.")
    ids_case("case_differs_not_duplicate", S1 + " (i-a and i-A are two IDs)", '["i-a","i-A"]')
    ids_case("fifty_ids", S1 + " (50 IDs)", compact_json(["i-%020d" % i for i in range(50)]))
    ids_case("id_64_bytes", S1 + "; " + E + " (an ID is 1..64 bytes)", compact_json(["i-" + "a" * 62]))
    # refusals
    ids_case("fifty_one_ids", S1 + " (more than 50)", json.dumps(["i-%020d" % i for i in range(51)]),
             "ids_too_many")
    ids_case("empty_array", S1 + " (an empty array names no instance)", "[]", "ids_empty")
    ids_case("duplicate", E + " (an ID occurs twice)", '["i-a","i-b","i-a"]', "ids_duplicate", level="ecskp",
             decision="An ID given twice is refused: what the server does with duplicates is not "
                      "published, and the per-instance Results could not be told apart.")
    ids_case("plain_string", S1 + " (valid JSON, not an array)", '"i-a"', "ids_not_array")
    ids_case("object", S1 + " (valid JSON, not an array)", '{"InstanceIds":["i-a"]}', "ids_not_array")
    ids_case("number", S1 + " (valid JSON, not an array)", "42", "ids_not_array")
    ids_case("null", S1 + " (valid JSON, not an array)", "null", "ids_not_array")
    ids_case("unquoted_text", S1 + "; " + J + " (not JSON)", "i-a,i-b", "ids_malformed")
    ids_case("trailing_comma", J + ", section 5 (no trailing comma)", '["i-a",]', "ids_malformed")
    ids_case("truncated", J + " (an unterminated array)", '["i-a","i-b"', "ids_malformed")
    ids_case("trailing_bytes", J + ", section 2 (one value, white space around it)", '["i-a"] x', "ids_malformed")
    ids_case("two_arrays", J + ", section 2 (one value)", '["i-a"]["i-b"]', "ids_malformed")
    ids_case("single_quotes", J + ", section 7 (strings are in double quotes)", "['i-a']", "ids_malformed")
    ids_case("empty_text", J + ", section 2 (a JSON text is one value)", "", "ids_malformed")
    ids_case("only_white_space", J + ", section 2 (a JSON text is one value)", " \n\t ", "ids_malformed")
    ids_case("control_byte_as_white_space", J + ", section 2 (white space is only space, tab, LF, CR)",
             b'[\x01"i-a"]', "ids_malformed")
    ids_case("escaped_nul", E + " (no \\u0000)", '["i-a\\u0000"]', "ids_malformed", level="ecskp",
             decision="A \\u0000 escape is refused as malformed: it is valid JSON, but no ID holds U+0000 "
                      "and C strings cannot carry it.")
    ids_case("invalid_utf8", J + ", section 8.1 (JSON text is UTF-8)", b'["i-\xff"]', "ids_malformed")
    ids_case("text_too_long", E + " (at most ECSKP_MAX_IDS_TEXT_BYTES = 65536 bytes)",
             '["i-a"]' + " " * 65536, "ids_malformed", level="ecskp",
             decision="A text longer than 65536 bytes is refused before it is parsed: 50 IDs never need it.")
    ids_case("element_number", S1 + " (the elements are instance IDs: strings)", '["i-a", 5]',
             "ids_invalid_element")
    ids_case("element_null", S1 + " (the elements are instance IDs: strings)", '[null]', "ids_invalid_element")
    ids_case("element_nested_array", S1 + " (the elements are instance IDs: strings)", '[["i-a"]]',
             "ids_invalid_element")
    ids_case("element_empty", E + " (an ID is 1..64 bytes)", '["i-a", ""]', "ids_invalid_element",
             level="ecskp", decision=GRAMMAR)
    ids_case("element_65_bytes", E + " (an ID is at most 64 bytes)", json.dumps(["i-" + "a" * 63]),
             "ids_invalid_element", level="ecskp", decision=GRAMMAR)
    ids_case("element_with_space", E + " (no space inside an ID)", '["i-a b"]', "ids_invalid_element",
             level="ecskp", decision=GRAMMAR)
    ids_case("element_with_quote", E + " (no '\"' inside an ID)", '["i-a\\"b"]', "ids_invalid_element",
             level="ecskp", decision=GRAMMAR)
    ids_case("element_non_ascii", E + " (IDs are printable ASCII)", '["i-é"]', "ids_invalid_element",
             level="ecskp", decision=GRAMMAR)

# ====================================================================== decode

ATTACH_XML = """<AttachKeyPairResponse>
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
ATTACH_JSON = """{"TotalCount": 2, "RequestId": "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06",
 "Results": {"Result": [
   {"Message": "successful", "InstanceId": "i-m5eg7be9ndloji64****", "Success": true, "Code": "200"},
   {"Message": "successful", "InstanceId": "i-m5e25x2mwr0hk33d****", "Success": true, "Code": "200"}]},
 "FailCount": 0}
"""
R1 = ck.result("i-m5eg7be9ndloji64****", "200", "successful", True)
R2 = ck.result("i-m5e25x2mwr0hk33d****", "200", "successful", True)
RID = "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06"
DETACH_RID = "834B3E6B-2D1D-482F-81A4-810C327D4735"
ATTACH_OUT = ck.success(RID, total=2, fail=0, results=[R1, R2])
DETACH_OUT = ck.success(DETACH_RID, total=2, fail=0, results=[R1, R2])
OLD_RID = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"
WIN_MSG = "The instance creating is windows, cannot use ssh key pair to login"
RWIN = ck.result("i-m5e25x2mwr0hk33d****", "DependencyViolation.WindowsInstance", WIN_MSG, False)
PARTIAL_OUT = ck.success(RID, total=2, fail=1, results=[R1, RWIN])
DOC_S4 = P_PAGES + ", Response examples (the newer pages: TotalCount, FailCount, Results)"
DOC_S5 = P_ERRORS + ": the error body (RequestId, HostId, Code, Message, Recommend), documented example"
FIELDS = P_PAGES + ", Response parameters"
TYPES = FIELDS + " (the field tables type every field as String; the examples send numbers and booleans)"
HOSTILE = ("a careful client refuses what no server sends and what would make its parser do "
           "unbounded work (" + DECODE_H + ": the order of work)")
IMPL = DECODE_H + ": Results / Other implementation-defined cases"
ADVICE = (ERRORS_H + ": ecskp_error_classify (a documented code uses its table entry, then the "
          "prefixes, then the HTTP status; 500, 502, 503 and 504 are retryable whatever the code)")


def decode_case(name, source, body, fmt, action="AttachKeyPair", expect=None, error=None,
                http_status=None, limits=None, description=None, decision=None, level=None):
    """A decode case. The level defaults to protocol (y_), client (n_) or ecskp (i_, or any case
    with custom limits). An expectation that is an API error gets its a_ twin (ecskp level):
    the same body and input, expecting ecskp's advice (advice.json)."""
    o = REVIEWED.get(name, {})
    source = o.get("source", "{orig}").replace("{orig}", source)
    level = o.get("level", level)
    decision = o.get("decision", decision)
    description = o.get("description", description)
    inp = {"action": action, "format": fmt}
    if http_status is not None:
        inp["http_status"] = http_status
    if limits is not None:
        inp["limits"] = limits
    if level is None:
        level = "ecskp" if limits is not None or name.startswith("i_") else (
            "protocol" if name.startswith("y_") else "client")
    if level == "ecskp" and not decision:
        raise SystemExit("an ecskp-level case records its decision: " + name)
    is_error = isinstance(expect, ck.ApiError)
    if level == "protocol" and is_error and http_status is None:
        raise SystemExit("a protocol-level API error gives its http_status: " + name)
    meta = {"level": level, "source": source, "input": inp}
    if description:
        meta["description"] = description
    if decision:
        meta["decision"] = decision
    ext = {"xml": "body.xml", "json": "body.json"}.get(fmt.lower(), "body.bin")
    files = {ext: body}
    assert (expect is None) != (error is None), name
    if error:
        files["error.txt"] = error + "\n"
    else:
        files["response.json"] = expect + "\n"
    ck.write_case("decode", name, meta, files)
    if is_error:
        ck.write_case("decode", "a_" + name[2:], {
            "level": "ecskp", "source": ADVICE, "input": inp,
            "description": "The body of %s; the advice ecskp gives for its API error." % name,
            "decision": "Category and Retryable are ecskp's classification of the error (errors.h), "
                        "which no other client shares: checked here only, apart from the neutral "
                        "error document of %s." % name},
            {ext: body, "advice.json": expect.advice + "\n"})


def xml_ok(inner, root="AttachKeyPairResponse"):
    return "<%s>%s</%s>" % (root, inner, root)


def decode_documented():
    decode_case("y_documented_attach_success_xml", DOC_S4, ATTACH_XML, "xml", expect=ATTACH_OUT, http_status=200)
    decode_case("y_documented_attach_success_json", DOC_S4, ATTACH_JSON, "json", expect=ATTACH_OUT, http_status=200)
    decode_case("y_documented_detach_success_xml", DOC_S4 + " (DetachKeyPair: root and RequestId)",
                ATTACH_XML.replace("AttachKeyPairResponse", "DetachKeyPairResponse").replace(RID, DETACH_RID),
                "xml", "DetachKeyPair", expect=DETACH_OUT, http_status=200)
    decode_case("y_documented_detach_success_json", DOC_S4 + " (DetachKeyPair RequestId)",
                ATTACH_JSON.replace(RID, DETACH_RID), "json", "DetachKeyPair", expect=DETACH_OUT)
    decode_case("y_documented_attach_old_xml", P_ATTACH + " (older page), Response example, XML",
                "<AttachKeyPairResponse>\n    <RequestId>%s</RequestId>\n</AttachKeyPairResponse>\n" % OLD_RID,
                "xml", expect=ck.success(OLD_RID))
    decode_case("y_documented_attach_old_json", P_ATTACH + " (older page), Response example, JSON",
                '{\n    "RequestId": "%s"\n}\n' % OLD_RID, "json", expect=ck.success(OLD_RID))
    decode_case("y_documented_detach_fail_count_json", P_DETACH + ", JSON example fragment (\"FailCount\": 0) "
                "with the documented field examples",
                '{"RequestId":"%s","KeyPairName":"FinanceJoshuaV26","TotalCount":2,"FailCount":0,'
                '"Results":{"Result":[{"Code":"200","InstanceId":"i-instanceid1","Message":"successful","Success":true},'
                '{"Code":"200","InstanceId":"i-instanceid2","Message":"successful","Success":true}]}}' % OLD_RID,
                "json", "DetachKeyPair",
                expect=ck.success(OLD_RID, "FinanceJoshuaV26", 2, 0,
                                  [ck.result("i-instanceid1", "200", "successful", True),
                                   ck.result("i-instanceid2", "200", "successful", True)]))
    # The current pages' JSON examples: "Code": 200 as a number, "Success": "true" as a string.
    current = ('{"RequestId": "%s", "KeyPairName": "testKeyPairName", "TotalCount": 2, "FailCount": 0,\n'
               ' "Results": {"Result": [\n'
               '   {"Code": 200, "InstanceId": "i-bp1gtjxuuvwj17zr****", "Message": "successful", "Success": "true"},\n'
               '   {"Code": 200, "InstanceId": "i-bp17b7zrsbjwvmfy****", "Message": "successful", "Success": "true"}]}}\n'
               % OLD_RID)
    current_out = ck.success(OLD_RID, "testKeyPairName", 2, 0,
                             [ck.result("i-bp1gtjxuuvwj17zr****", "200", "successful", True),
                              ck.result("i-bp17b7zrsbjwvmfy****", "200", "successful", True)])
    decode_case("y_documented_current_attach_success_json", P_ATTACH + " (current page), Response "
                "parameters and JSON example: Code written as the number 200, Success as the string \"true\"",
                current, "json", http_status=200, expect=current_out,
                description="Field values from the page's examples (request example IDs); the spellings "
                            "of Code and Success as the current page writes them, next to the older "
                            "\"Code\": \"200\" and true. Both decode alike.")
    decode_case("y_documented_current_detach_success_json", P_DETACH + " (current page), Response "
                "parameters and JSON example: Code written as the number 200, Success as the string \"true\"",
                current.replace("testKeyPairName", "FinanceJoshuaV26"), "json", "DetachKeyPair", http_status=200,
                expect=current_out.replace("testKeyPairName", "FinanceJoshuaV26"))
    err_json = ('{"RequestId": "6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581", "HostId": "ecs.ap-southeast-3.aliyuncs.com",\n'
                ' "Code": "InvalidImageId.NotFound", "Message": "The specified ImageId does not exist.",\n'
                ' "Recommend": "https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581"}\n')
    err_json_out = dict(code="InvalidImageId.NotFound", category="not_found", retryable=False,
                        request_id="6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581", host_id="ecs.ap-southeast-3.aliyuncs.com",
                        message="The specified ImageId does not exist.",
                        recommend="https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581")
    decode_case("y_documented_error_json", DOC_S5 + ", with no HTTP status: the body alone decides",
                err_json, "json", expect=ck.api_error(**err_json_out), level="client",
                description="Without http_status (unknown) the error-shaped body is an API error; the "
                            "output has no HttpStatus. A client that needs a status assumes 200, so this "
                            "is not a protocol-level case (y_documented_error_json_http_404 is).")
    decode_case("y_documented_error_json_http_404", DOC_S5 + ", with HTTP 404", err_json, "json",
                expect=ck.api_error(http=404, **err_json_out), http_status=404)
    err_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n'
               '  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n'
               '  <HostId>ecs.aliyuncs.com</HostId>\n  <Code>MissingParameter.CommandId</Code>\n'
               '  <Message>The input parameter "CommandId" that is required for processing this request is not supplied.</Message>\n'
               '</Error>\n')
    decode_case("y_documented_error_xml", DOC_S5 + " (XML)",
                err_xml, "xml", "DetachKeyPair", http_status=400,
                expect=ck.api_error("MissingParameter.CommandId", "bad_request", False, 400,
                                    "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx", "ecs.aliyuncs.com",
                                    'The input parameter "CommandId" that is required for processing this request is not supplied.'))
    old_codes = P_ATTACH + " (older page), Error codes"
    for code, http, cat, retry, msg, src in [
        ("MissingParameter", 400, "bad_request", False,
         "The input parameter RegionId that is required for processing this request is not supplied.", old_codes),
        ("DependencyViolation.WindowsInstance", 403, "bad_request", False,
         "The instance creating this window, cannot use ssh key pair to login.", old_codes),
        ("InvalidKeyPairName.NotFound", 404, "not_found", False,
         "The specified KeyPairName does not exist in our records.", old_codes),
        ("InvalidRegionId.NotFound", 404, "not_found", False, "The specified RegionId does not exist.", old_codes),
        ("InstanceKeyPairLimitExceeded", 403, "bad_request", False,
         "The specified instances are beyond the permitted range.", P_ATTACH + " (current page), Error codes"),
        ("InvalidInstanceIds.ValueNotSupported", 400, "bad_request", False, None,
         P_ATTACH + " (current page), Error codes"),
        ("DependencyViolation.IoOptimize", 400, "bad_request", False, None,
         P_ATTACH + " (current page), Error codes"),
    ]:
        fields = "<RequestId>%s</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>%s</Code>" % (OLD_RID, code)
        if msg is not None:
            fields += "<Message>%s</Message>" % msg
        decode_case("y_documented_error_code_%s_xml" % code.replace(".", "_").lower(),
                    src + " (code, message and HTTP status as listed; the body in the shape of " + P_ERRORS + ")",
                    "<Error>" + fields + "</Error>", "xml", http_status=http,
                    expect=ck.api_error(code, cat, retry, http, OLD_RID, "ecs.aliyuncs.com", msg),
                    description=None if msg is not None else
                    "The page's message text is not copied: the body carries no Message.")
    decode_case("y_documented_detach_instance_key_pair_limit_json",
                P_DETACH + " (current page), Error codes (403 InstanceKeyPairLimitExceeded); the body in the "
                "shape of " + P_ERRORS,
                json.dumps({"RequestId": DETACH_RID, "HostId": "ecs.aliyuncs.com",
                            "Code": "InstanceKeyPairLimitExceeded",
                            "Message": "The specified instances are beyond the permitted range."}),
                "json", "DetachKeyPair", http_status=403,
                expect=ck.api_error("InstanceKeyPairLimitExceeded", "bad_request", False, 403, DETACH_RID,
                                    "ecs.aliyuncs.com", "The specified instances are beyond the permitted range."))
    decode_case("y_documented_detach_windows_error_json",
                P_DETACH + ", Error codes (403 DependencyViolation.WindowsInstance); the body in the shape of "
                + P_ERRORS,
                json.dumps({"RequestId": DETACH_RID, "HostId": "ecs.aliyuncs.com",
                            "Code": "DependencyViolation.WindowsInstance", "Message": WIN_MSG}),
                "json", "DetachKeyPair", http_status=403,
                expect=ck.api_error("DependencyViolation.WindowsInstance", "bad_request", False, 403,
                                    DETACH_RID, "ecs.aliyuncs.com", WIN_MSG))
    partial_json = json.dumps({"RequestId": RID, "TotalCount": 2, "FailCount": 1, "Results": {"Result": [
        {"Message": "successful", "InstanceId": "i-m5eg7be9ndloji64****", "Success": True, "Code": "200"},
        {"Message": WIN_MSG, "InstanceId": "i-m5e25x2mwr0hk33d****", "Success": False,
         "Code": "DependencyViolation.WindowsInstance"}]}})
    PARTIAL = P_PAGES + " (current pages): HTTP 200 means the batch was processed; per-instance failures " \
                        "are Results with Success false, counted in FailCount"
    decode_case("y_partial_success_json", PARTIAL, partial_json, "json", expect=PARTIAL_OUT, http_status=200)
    decode_case("y_partial_success_xml", PARTIAL + " (XML)",
                xml_ok("<RequestId>%s</RequestId><TotalCount>2</TotalCount><FailCount>1</FailCount><Results>"
                       "<Result><Message>successful</Message><InstanceId>i-m5eg7be9ndloji64****</InstanceId>"
                       "<Success>true</Success><Code>200</Code></Result><Result><Message>%s</Message>"
                       "<InstanceId>i-m5e25x2mwr0hk33d****</InstanceId><Success>false</Success>"
                       "<Code>DependencyViolation.WindowsInstance</Code></Result></Results>" % (RID, WIN_MSG)),
                "xml", expect=PARTIAL_OUT, http_status=200)
    decode_case("y_partial_success_detach_all_failed_json", PARTIAL + " (DetachKeyPair, every instance failed)",
                json.dumps({"RequestId": DETACH_RID, "KeyPairName": "FinanceJoshuaV26", "TotalCount": 1, "FailCount": 1,
                            "Results": {"Result": [{"Code": "DependencyViolation.WindowsInstance", "Message": WIN_MSG,
                                                    "InstanceId": "i-a", "Success": False}]}}),
                "json", "DetachKeyPair",
                expect=ck.success(DETACH_RID, "FinanceJoshuaV26", 1, 1,
                                  [ck.result("i-a", "DependencyViolation.WindowsInstance", WIN_MSG, False)]))


def decode_types():
    decode_case("y_json_counts_as_strings", TYPES + ": counts and Success as strings",
                '{"RequestId":"r","TotalCount":"2","FailCount":"0","Results":{"Result":[{"Success":"true","Code":"200","InstanceId":"i-a","Message":"successful"},{"Success":"true","Code":"200","InstanceId":"i-b","Message":"successful"}]}}',
                "json", expect=ck.success("r", total=2, fail=0,
                                          results=[ck.result("i-a", "200", "successful", True),
                                                   ck.result("i-b", "200", "successful", True)]))
    decode_case("y_json_success_as_string_false", TYPES + ": Success \"false\"",
                '{"RequestId":"r","TotalCount":1,"FailCount":1,"Results":{"Result":[{"Success":"false","Code":"Err","InstanceId":"i-a"}]}}',
                "json", expect=ck.success("r", total=1, fail=1, results=[ck.result("i-a", "Err", None, False)]))
    decode_case("y_json_code_as_number", TYPES + ": a Result's Code 200 as a JSON integer (the current pages' "
                "spelling) is the text \"200\"",
                '{"RequestId":"r","TotalCount":1,"FailCount":0,"Results":{"Result":[{"Success":true,"Code":200,"InstanceId":"i-a"}]}}',
                "json", expect=ck.success("r", total=1, fail=0, results=[ck.result("i-a", "200", None, True)]))
    decode_case("y_json_error_code_number", DECODE_H + ": Types (an error Code as a JSON integer)",
                '{"RequestId":"r","Code":503}', "json", http_status=503,
                expect=ck.api_error("503", "server", True, 503, "r"), level="ecskp",
                decision="An error's Code given as a JSON integer is accepted and kept as its decimal text, "
                         "as a Result's Code is; no page shows an integer error Code.")
    decode_case("y_json_key_pair_name", FIELDS + " (KeyPairName, in the field list)",
                '{"RequestId":"r","KeyPairName":"FinanceJoshuaV26"}', "json",
                expect=ck.success("r", "FinanceJoshuaV26"))
    decode_case("y_json_key_order_varies", DOC_S4 + " (the examples list the members in different orders); "
                + RFC8259 + ", section 4 (members are unordered)",
                '{"Results":{"Result":[{"Code":"200","Success":true,"Message":"successful","InstanceId":"i-a"}]},"FailCount":0,"RequestId":"r","TotalCount":1}',
                "json", expect=ck.success("r", total=1, fail=0, results=[ck.result("i-a", "200", "successful", True)]))
    decode_case("y_json_unknown_fields_ignored", FIELDS + " (fields the page does not list are not part of "
                "the response; newer servers add fields)",
                '{"RequestId":"r","Extra":{"deep":[1,2,{"x":null}]},"Results":{"Result":[{"InstanceId":"i-a","Success":true,"Code":"200","Foo":false}],"Other":1},"TotalCount":1,"NewField":"x"}',
                "json", expect=ck.success("r", total=1, results=[ck.result("i-a", "200", None, True)]))
    decode_case("y_xml_unknown_elements_ignored", FIELDS + " (fields the page does not list are not part of "
                "the response)",
                xml_ok("<RequestId>r</RequestId><Extra><Deep>1</Deep></Extra><Results><Result><InstanceId>i-a</InstanceId><Success>true</Success><Code>200</Code><Foo/></Result></Results><TotalCount>1</TotalCount>"),
                "xml", expect=ck.success("r", total=1, results=[ck.result("i-a", "200", None, True)]))
    decode_case("y_xml_declaration_unindented", DOC_S5 + " (the XML example starts with an XML declaration); "
                + XML10 + " (indentation is not significant between elements)",
                '<?xml version="1.0" encoding="UTF-8"?>' + xml_ok("<RequestId>r</RequestId><TotalCount>0</TotalCount><FailCount>0</FailCount><Results></Results>"),
                "xml", expect=ck.success("r", total=0, fail=0, results=[]))
    decode_case("y_xml_entities_and_char_refs", XML10 + ", sections 4.1 and 4.6 (the predefined entities and "
                "character references)",
                xml_ok("<RequestId>r&amp;&lt;&gt;&quot;&apos;&#x41;&#66;</RequestId>"), "xml",
                expect=ck.success("r&<>\"'AB"))
    decode_case("y_xml_cdata", XML10 + ", section 2.7 (a CDATA section is character data)",
                xml_ok("<RequestId><![CDATA[r<&>]]></RequestId>"), "xml", expect=ck.success("r<&>"))
    decode_case("y_xml_comments_and_pis", XML10 + ", sections 2.5 and 2.6 (comments and processing "
                "instructions are not character data)",
                '<?xml version="1.0"?><!-- c --><?pi x?>' + xml_ok("<!-- a --><RequestId>r<!-- b -->1<?p?>2</RequestId>"),
                "xml", expect=ck.success("r12"))
    decode_case("y_xml_attributes_ignored", XML10 + " (attributes are not the element's content); " + FIELDS,
                '<AttachKeyPairResponse xml:lang="en" id="1"><RequestId a="b">r</RequestId></AttachKeyPairResponse>',
                "xml", expect=ck.success("r"))
    decode_case("y_xml_default_namespace", DECODE_H + ": Shapes (a default namespace declaration is ignored)",
                '<AttachKeyPairResponse xmlns="http://ecs.aliyuncs.com/doc/2014-05-26/"><RequestId>r</RequestId></AttachKeyPairResponse>',
                "xml", expect=ck.success("r"), level="ecskp",
                decision="A default namespace on the root is accepted and ignored: names are matched "
                         "without namespaces. No page shows one.")
    decode_case("y_utf8_text_json", RFC8259 + ", section 8.1 (UTF-8); the text is kept as it is",
                '{"RequestId":"r","Results":{"Result":[{"InstanceId":"i-a","Message":"密钥对不存在 🔑","Success":false,"Code":"Err"}]}}',
                "json", expect=ck.success("r", results=[ck.result("i-a", "Err", "密钥对不存在 🔑", False)]))
    decode_case("y_utf8_escapes_json", RFC8259 + ", section 7 (\\u escapes, a surrogate pair for a character "
                "beyond U+FFFF)", '{"RequestId":"\\u5bc6\\u94a5 \\ud83d\\udd11"}', "json", expect=ck.success("密钥 🔑"))
    decode_case("y_control_chars_escaped_json", RFC8259 + ", section 7 (the escapes \\n \\t \\\" \\\\ "
                "stand for their characters); " + P_ERRORS + " (the error body: RequestId, Code, Message)",
                '{"RequestId":"r","Code":"Throttling","Message":"line1\\nline2\\ttab\\"q\\"\\\\"}', "json",
                http_status=400,
                expect=ck.api_error("Throttling", "throttling", True, 400, request_id="r",
                                    message="line1\nline2\ttab\"q\"\\"),
                description="Suite 3.0.0: gives http_status 400 (a protocol-level API error gives its status).")
    decode_case("y_xml_utf8_text", XML10 + " (character data is taken as written); UTF-8 text",
                xml_ok("<RequestId>请求 r</RequestId>"), "xml", expect=ck.success("请求 r"))
    ad_json = '{"RequestId":"r","HostId":"ecs.aliyuncs.com","Code":"Forbidden.RAM","Message":"denied","AccessDeniedDetail":{"AuthAction":"ecs:AttachKeyPair","PolicyType":"AccountLevelIdentityBasedPolicy","NoPermissionType":"ImplicitDeny"}}'
    ad_out = '{"AuthAction":"ecs:AttachKeyPair","PolicyType":"AccountLevelIdentityBasedPolicy","NoPermissionType":"ImplicitDeny"}'
    decode_case("y_error_access_denied_detail_json", P_ERRORS + " (AccessDeniedDetail, an object, on permission errors)",
                ad_json, "json", http_status=403,
                expect=ck.api_error("Forbidden.RAM", "auth", False, 403, "r", "ecs.aliyuncs.com", "denied",
                                    access_denied_detail=ad_out))
    decode_case("y_error_access_denied_detail_xml", P_ERRORS + " (AccessDeniedDetail on permission errors), in "
                "the XML format; " + DECODE_H + ": Types (in XML its child elements become an object of "
                "strings, so the output equals y_error_access_denied_detail_json's)",
                "<Error><RequestId>r</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>Forbidden.RAM</Code><Message>denied</Message>"
                "<AccessDeniedDetail><AuthAction>ecs:AttachKeyPair</AuthAction><PolicyType>AccountLevelIdentityBasedPolicy</PolicyType>"
                "<NoPermissionType>ImplicitDeny</NoPermissionType></AccessDeniedDetail></Error>", "xml", http_status=403,
                expect=ck.api_error("Forbidden.RAM", "auth", False, 403, "r", "ecs.aliyuncs.com", "denied",
                                    access_denied_detail=ad_out))
    decode_case("y_error_recommend_xml", P_ERRORS + " (Recommend, a troubleshooting address, on newer servers); "
                + P_ATTACH + " (older page), Error codes (404 InvalidKeyPairName.NotFound)",
                "<Error><RequestId>r</RequestId><Code>InvalidKeyPairName.NotFound</Code><Message>m</Message>"
                "<Recommend>https://api.alibabacloud.com/troubleshoot?q=InvalidKeyPairName.NotFound&amp;product=Ecs</Recommend></Error>",
                "xml", http_status=404,
                expect=ck.api_error("InvalidKeyPairName.NotFound", "not_found", False, 404, "r", message="m",
                                    recommend="https://api.alibabacloud.com/troubleshoot?q=InvalidKeyPairName.NotFound&product=Ecs"))
    decode_case("y_error_throttling_json", P_ERROR_CENTER + " (Throttling.User); the body in the shape of "
                + P_ERRORS,
                '{"RequestId":"r","Code":"Throttling.User","Message":"Request was denied due to user flow control."}',
                "json", http_status=400,
                expect=ck.api_error("Throttling.User", "throttling", True, 400, "r",
                                    message="Request was denied due to user flow control."))
    decode_case("y_error_service_unavailable", P_ERROR_CENTER + " (503 ServiceUnavailable); a body with a Code only",
                "<Error><Code>ServiceUnavailable</Code></Error>", "xml", "DetachKeyPair", http_status=503,
                expect=ck.api_error("ServiceUnavailable", "server", True, 503))
    decode_case("y_error_unknown_code_by_status", P_ERRORS + " (an undocumented code is still an API error)",
                '{"Code":"Gateway.Unknown","RequestId":"r"}', "json", http_status=502,
                expect=ck.api_error("Gateway.Unknown", "server", True, 502, "r"))
    decode_case("y_error_signature_does_not_match", P_ERROR_CENTER + " (SignatureDoesNotMatch: the message ends "
                "with the server's StringToSign)",
                '{"RequestId":"r","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3Dtestid"}',
                "json", http_status=400,
                expect=ck.api_error("SignatureDoesNotMatch", "auth", False, 400, "r", "ecs.aliyuncs.com",
                                    "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3Dtestid"))
    decode_case("y_error_internal_error_500", P_ERROR_CENTER + " (500 InternalError)",
                "<Error><RequestId>r</RequestId><Code>InternalError</Code><Message>The request processing has failed due to some unknown error.</Message></Error>",
                "xml", http_status=500,
                expect=ck.api_error("InternalError", "server", True, 500, "r",
                                    message="The request processing has failed due to some unknown error."))
    decode_case("y_empty_strings_kept", FIELDS + " (an empty string is a value: kept as \"\")",
                '{"RequestId":"r","KeyPairName":"","Results":{"Result":[{"InstanceId":"","Message":"","Code":"200","Success":true}]}}',
                "json", expect=ck.success("r", "", results=[ck.result("", "200", "", True)]))
    decode_case("y_limits_met_exactly", DECODE_H + ": Limits (a limit met exactly passes)",
                '{"RequestId":"abcd"}', "json", limits={"max_body_bytes": 20, "max_string_bytes": 4, "max_depth": 1},
                expect=ck.success("abcd"), decision="Each limit is met exactly here, and a limit met passes.")
    decode_case("y_count_max_int32", TYPES + " (a count of 2147483647)",
                '{"RequestId":"r","TotalCount":2147483647}', "json", expect=ck.success("r", total=2147483647))


def decode_implementation_defined():
    decode_case("i_json_results_absent_with_counts", IMPL, '{"RequestId":"r","TotalCount":2,"FailCount":0}', "json",
                decision="Results absent: accepted; the checks that need Results are skipped (has_results = 0).",
                expect=ck.success("r", total=2, fail=0))
    decode_case("i_json_results_empty_object", IMPL, '{"RequestId":"r","TotalCount":0,"Results":{}}', "json",
                decision="\"Results\": {} is present and empty.", expect=ck.success("r", total=0, results=[]))
    decode_case("i_json_result_empty_array", IMPL, '{"RequestId":"r","Results":{"Result":[]}}', "json",
                decision="\"Results\": {\"Result\": []} is present and empty.", expect=ck.success("r", results=[]))
    decode_case("i_json_result_single_object", IMPL + " (converters from XML turn one <Result> into an object)",
                '{"RequestId":"r","TotalCount":1,"FailCount":0,"Results":{"Result":{"InstanceId":"i-a","Code":"200","Message":"successful","Success":true}}}',
                "json", decision="A single Result object is accepted as a one-element list.",
                expect=ck.success("r", total=1, fail=0, results=[ck.result("i-a", "200", "successful", True)]))
    decode_case("i_json_results_bare_array", IMPL,
                '{"RequestId":"r","TotalCount":1,"Results":[{"InstanceId":"i-a","Code":"200","Success":true}]}',
                "json", decision="A bare Results array (no Result wrapper) is accepted as the list.",
                expect=ck.success("r", total=1, results=[ck.result("i-a", "200", None, True)]))
    decode_case("i_xml_results_self_closing", IMPL, xml_ok("<RequestId>r</RequestId><TotalCount>0</TotalCount><Results/>"),
                "xml", decision="<Results/> is present and empty.", expect=ck.success("r", total=0, results=[]))
    decode_case("i_xml_results_other_children_ignored", IMPL,
                xml_ok("<RequestId>r</RequestId><Results><Note>x</Note><Result><InstanceId>i-a</InstanceId><Code>200</Code></Result></Results>"),
                "xml", decision="Children of <Results> other than <Result> are ignored.",
                expect=ck.success("r", results=[ck.result("i-a", "200", None, None)]))
    decode_case("i_xml_result_outside_results", IMPL,
                xml_ok("<RequestId>r</RequestId><Result><InstanceId>i-a</InstanceId></Result>"), "xml",
                decision="A <Result> outside <Results> is an unknown field, ignored (no Results).",
                expect=ck.success("r"))
    decode_case("i_result_without_success_code_200", IMPL,
                '{"RequestId":"r","TotalCount":1,"FailCount":0,"Results":{"Result":[{"InstanceId":"i-a","Code":"200"}]}}',
                "json", decision="Success absent: the outcome is taken from Code (200 = success, as the DetachKeyPair page documents); the output leaves Success out.",
                expect=ck.success("r", total=1, fail=0, results=[ck.result("i-a", "200", None, None)]))
    decode_case("i_result_without_success_and_code", IMPL,
                '{"RequestId":"r","TotalCount":1,"FailCount":1,"Results":{"Result":[{"InstanceId":"i-a","Message":"?"}]}}',
                "json", decision="Neither Success nor Code: the outcome is failure (never assumed successful), so FailCount 1 is consistent.",
                expect=ck.success("r", total=1, fail=1, results=[ck.result("i-a", None, "?", None)]))
    decode_case("i_result_without_success_fail_count_mismatch", IMPL,
                '{"RequestId":"r","TotalCount":1,"FailCount":0,"Results":{"Result":[{"InstanceId":"i-a"}]}}',
                "json", decision="Neither Success nor Code counts as a failure; FailCount 0 then disagrees: refused.",
                error="inconsistent_response")
    decode_case("i_empty_request_id_json", IMPL, '{"RequestId":""}', "json",
                decision="An empty RequestId is accepted and kept as \"\".", expect=ck.success(""))
    decode_case("i_empty_request_id_xml", IMPL, xml_ok("<RequestId/>"), "xml",
                decision="An empty <RequestId/> is accepted and kept as \"\".", expect=ck.success(""))
    decode_case("i_json_utf8_bom", IMPL + " (RFC 8259 allows ignoring a BOM)", "\ufeff" + '{"RequestId":"r"}', "json",
                decision="A UTF-8 byte-order mark at the start of a JSON body is skipped.", expect=ck.success("r"))
    decode_case("i_xml_utf8_bom", IMPL, "\ufeff" + xml_ok("<RequestId>r</RequestId>"), "xml",
                decision="A UTF-8 byte-order mark before XML is allowed, as XML allows it.", expect=ck.success("r"))
    decode_case("i_xml_after_root_misc", IMPL, xml_ok("<RequestId>r</RequestId>") + "\n<!-- trailer -->\n<?pi x?>\n",
                "xml", decision="White space, comments and processing instructions after the root are allowed (XML Misc).",
                expect=ck.success("r"))
    decode_case("i_json_code_200_is_success", "codec/include/ecskp/decode.h: Shapes (a Code field alone does not make an error; one SDK made that mistake)",
                '{"RequestId":"r","Code":"200"}', "json",
                decision="A body with top-level Code \"200\" and no error fields is a success.", expect=ck.success("r"))
    decode_case("i_json_code_200_number_is_success", "codec/include/ecskp/decode.h: Shapes (Code as the integer 200)",
                '{"RequestId":"r","Code":200}', "json", decision="Code 200 as an integer counts as \"200\": a success.",
                expect=ck.success("r"))
    decode_case("i_http_200_with_error_body", "codec/include/ecskp/decode.h: HTTP status decision (2xx with an error-shaped body)",
                '{"RequestId":"r","Code":"Throttling","Message":"m"}', "json", http_status=200,
                decision="The body's error wins: an API error (status_mismatch set, not part of the normalized form), never a success.",
                expect=ck.api_error("Throttling", "throttling", True, 200, "r", message="m"))
    decode_case("i_error_without_http_status", "codec/include/ecskp/decode.h: HTTP status decision (0 = unknown: the shape decides)",
                "<Error><Code>Throttling</Code></Error>", "xml",
                decision="With no HTTP status the shape decides; HttpStatus is left out of the output.",
                expect=ck.api_error("Throttling", "throttling", True))
    decode_case("i_xml_text_not_trimmed", "codec/include/ecskp/decode.h: XML text is taken exactly as written (no trimming)",
                xml_ok("<RequestId> r \n</RequestId>"), "xml",
                decision="White space around XML text is kept.", expect=ck.success(" r \n"))
    decode_case("i_xml_count_with_white_space", TYPES + " (white space around digits is wrong_type)",
                xml_ok("<RequestId>r</RequestId><TotalCount> 2 </TotalCount>"), "xml",
                decision="A count with white space around its digits is refused (wrong_type): readers disagree on it.",
                error="wrong_type")
    decode_case("i_json_count_string_leading_zero", TYPES + " (leading zeros are wrong_type: readers disagree, octal)",
                '{"RequestId":"r","TotalCount":"007"}', "json",
                decision="\"007\" is refused (wrong_type).", error="wrong_type")
    decode_case("i_json_count_float_spelling", TYPES + " (a JSON number is judged by its value)",
                '{"RequestId":"r","TotalCount":2.0,"FailCount":0e0,"Results":{"Result":[{"Code":"200","Success":true},{"Code":"200","Success":true}]}}',
                "json", decision="2.0 and 0e0 are the integers 2 and 0.",
                expect=ck.success("r", total=2, fail=0, results=[ck.result(None, "200", None, True)] * 2))
    decode_case("i_json_count_negative_zero", TYPES + " (-0 is 0)", '{"RequestId":"r","FailCount":-0}', "json",
                decision="-0 is 0.", expect=ck.success("r", fail=0))
    decode_case("i_json_duplicate_unknown_keys", "codec/include/ecskp/decode.h: Fields (unknown fields are ignored and never copied)",
                '{"RequestId":"r","X":1,"X":2}', "json",
                decision="Duplicate unknown keys are ignored; only known fields are checked for duplicates.",
                expect=ck.success("r"))
    decode_case("i_xml_prefixed_child_unknown", "codec/include/ecskp/decode.h: Shapes (a prefixed child is an unknown field)",
                '<AttachKeyPairResponse xmlns:a="urn:x"><RequestId>r</RequestId><a:TotalCount>9</a:TotalCount></AttachKeyPairResponse>',
                "xml", decision="A namespace-prefixed element never matches a known name.", expect=ck.success("r"))
    decode_case("i_xml_error_with_success_fields", "codec/include/ecskp/decode.h: Fields (fields of the other shape are unknown fields)",
                "<Error><Code>InvalidParameter</Code><TotalCount>x</TotalCount><Results/></Error>", "xml", http_status=400,
                decision="An <Error> with success fields ignores them.",
                expect=ck.api_error("InvalidParameter", "bad_request", False, 400))
    decode_case("i_json_error_code_with_key_pair_name", "codec/include/ecskp/decode.h: Shapes (error-shaped only without TotalCount, FailCount, Results, KeyPairName)",
                '{"RequestId":"r","Code":"Forbidden.RAM","KeyPairName":"k"}', "json",
                decision="A Code next to KeyPairName makes a success-shaped body whose top-level Code is not 200: refused (inconsistent_response).",
                error="inconsistent_response")
    decode_case("i_json_results_null", IMPL + " (JSON null is never accepted for a known field)",
                '{"RequestId":"r","Results":null}', "json", decision="\"Results\": null is wrong_type.", error="wrong_type")
    decode_case("i_json_result_null", IMPL, '{"RequestId":"r","Results":{"Result":null}}', "json",
                decision="\"Result\": null is wrong_type.", error="wrong_type")
    decode_case("i_json_access_denied_detail_numbers", "codec/include/ecskp/decode.h: AccessDeniedDetail (integers as decimal, compact)",
                '{"Code":"Forbidden.RAM","AccessDeniedDetail":{ "A" : 1 , "B" : [ true , null ] , "C" : { } }}', "json",
                decision="AccessDeniedDetail is kept as its compact JSON text.",
                expect=ck.api_error("Forbidden.RAM", "auth", False, access_denied_detail='{"A":1,"B":[true,null],"C":{}}'))


def deep_json(depth):
    return '{"RequestId":"r","X":' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def decode_hostile():
    # XML entity and DTD attacks: refused before any entity is read.
    decode_case("n_xml_xxe_external_entity", HOSTILE + ": XXE",
                '<?xml version="1.0"?>\n<!DOCTYPE AttachKeyPairResponse [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                + xml_ok("<RequestId>&xxe;</RequestId>"), "xml", error="dtd_refused")
    decode_case("n_xml_xxe_parameter_entity", HOSTILE + ": XXE through a parameter entity",
                '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>' + xml_ok("<RequestId>r</RequestId>"),
                "xml", error="dtd_refused")
    decode_case("n_xml_entity_bomb", HOSTILE + ": billion laughs",
                '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
                + "".join(' <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10))
                + ']>\n' + xml_ok("<RequestId>&lol9;</RequestId>"), "xml", error="dtd_refused")
    decode_case("n_xml_doctype_plain", HOSTILE + ": any DOCTYPE", '<!DOCTYPE AttachKeyPairResponse>' + xml_ok("<RequestId>r</RequestId>"),
                "xml", error="dtd_refused")
    decode_case("n_xml_doctype_external_dtd", HOSTILE + ": external DTD",
                '<!DOCTYPE AttachKeyPairResponse SYSTEM "http://example.com/a.dtd">' + xml_ok("<RequestId>r</RequestId>"),
                "xml", error="dtd_refused")
    decode_case("n_xml_undeclared_entity", HOSTILE + ": an undeclared entity is a well-formedness error",
                xml_ok("<RequestId>&nope;</RequestId>"), "xml", error="malformed_body")
    # Depth
    decode_case("n_json_deep_nesting", DECODE_H + ": Limits (max_depth, default 32; this body nests 40 deep)",
                deep_json(40), "json", error="nesting_too_deep")
    decode_case("n_json_deep_nesting_10000", HOSTILE + ": nesting far past any parser's recursion",
                '{"RequestId":"r","X":' + "[" * 10000 + "]" * 10000 + "}", "json", error="nesting_too_deep")
    decode_case("n_xml_deep_nesting", DECODE_H + ": Limits (max_depth, default 32: XML element depth, the "
                "root is 1; this body nests 41 deep)",
                xml_ok("<RequestId>r</RequestId>" + "<a>" * 40 + "</a>" * 40), "xml", error="nesting_too_deep")
    decode_case("n_xml_deep_nesting_10000", HOSTILE + ": element depth far past any parser's recursion",
                xml_ok("<RequestId>r</RequestId>" + "<a>" * 10000 + "</a>" * 10000), "xml",
                error="nesting_too_deep")
    decode_case("n_json_depth_limit", "codec/include/ecskp/decode.h: Limits (the documented success body needs depth 4)",
                ATTACH_JSON, "json", limits={"max_depth": 3}, error="nesting_too_deep")
    decode_case("n_xml_depth_limit", "codec/include/ecskp/decode.h: Limits (the documented success body needs depth 4)",
                ATTACH_XML, "xml", limits={"max_depth": 3}, error="nesting_too_deep")
    # Duplicates
    decode_case("n_json_duplicate_request_id", HOSTILE + ": duplicate keys (cJSON keeps both)",
                '{"RequestId":"a","RequestId":"b"}', "json", error="duplicate_field")
    decode_case("n_json_duplicate_total_count", HOSTILE + ": duplicate keys",
                '{"RequestId":"r","TotalCount":1,"TotalCount":5}', "json", error="duplicate_field")
    decode_case("n_json_duplicate_in_result", HOSTILE + ": duplicate keys inside a Result",
                '{"RequestId":"r","Results":{"Result":[{"Success":true,"Success":false}]}}', "json", error="duplicate_field")
    decode_case("n_json_duplicate_error_code", HOSTILE + ": duplicate keys in an error",
                '{"Code":"Throttling","Code":"InternalError"}', "json", error="duplicate_field")
    decode_case("n_xml_duplicate_element", HOSTILE + ": a known element twice",
                xml_ok("<RequestId>a</RequestId><RequestId>b</RequestId>"), "xml", error="duplicate_field")
    decode_case("n_xml_duplicate_results", HOSTILE + ": Results twice",
                xml_ok("<RequestId>r</RequestId><Results/><Results/>"), "xml", error="duplicate_field")
    decode_case("n_json_duplicate_access_denied_key", "codec/include/ecskp/decode.h: AccessDeniedDetail (a duplicate key)",
                '{"Code":"Forbidden.RAM","AccessDeniedDetail":{"A":"1","A":"2"}}', "json", error="duplicate_field")
    # Numbers
    decode_case("n_json_huge_number", HOSTILE + ": huge numbers (1e999 becomes infinity in cJSON)",
                '{"RequestId":"r","TotalCount":1e999}', "json", error="number_out_of_range")
    decode_case("n_json_count_2_pow_31", TYPES + " (0..2^31-1)", '{"RequestId":"r","TotalCount":2147483648}', "json",
                error="number_out_of_range")
    decode_case("n_json_count_many_digits", HOSTILE + ": a number with 400 digits",
                '{"RequestId":"r","TotalCount":' + "9" * 400 + "}", "json", error="number_out_of_range")
    decode_case("n_json_count_negative", TYPES, '{"RequestId":"r","FailCount":-1}', "json", error="number_out_of_range")
    decode_case("n_json_count_fraction", TYPES, '{"RequestId":"r","TotalCount":2.5}', "json", error="number_out_of_range")
    decode_case("n_json_count_string_too_large", TYPES + " (string spelling)", '{"RequestId":"r","TotalCount":"99999999999"}',
                "json", error="number_out_of_range")
    decode_case("n_xml_count_negative", TYPES + " (text spelling)", xml_ok("<RequestId>r</RequestId><FailCount>-1</FailCount>"),
                "xml", error="number_out_of_range")
    decode_case("n_xml_count_not_a_number", TYPES, xml_ok("<RequestId>r</RequestId><TotalCount>two</TotalCount>"), "xml",
                error="wrong_type")
    decode_case("n_json_code_fraction", TYPES + " (Code: a fractional number)",
                '{"RequestId":"r","Results":{"Result":[{"Code":200.5}]}}', "json", error="number_out_of_range")
    decode_case("n_json_code_too_large", TYPES + " (Code: beyond 2^53)", '{"Code":18014398509481984}', "json",
                error="number_out_of_range")
    # Encodings and bytes
    decode_case("n_json_invalid_utf8", HOSTILE + ": invalid UTF-8", b'{"RequestId":"r\xff"}', "json", error="invalid_utf8")
    decode_case("n_xml_invalid_utf8", HOSTILE + ": invalid UTF-8", b"<AttachKeyPairResponse><RequestId>r\xc3</RequestId></AttachKeyPairResponse>",
                "xml", error="invalid_utf8")
    decode_case("n_json_overlong_utf8", HOSTILE + ": an overlong UTF-8 form of '/'", b'{"RequestId":"\xc0\xaf"}', "json",
                error="invalid_utf8")
    decode_case("n_json_utf8_surrogate", HOSTILE + ": a UTF-8-encoded surrogate", b'{"RequestId":"\xed\xa0\x80"}', "json",
                error="invalid_utf8")
    decode_case("n_xml_invalid_utf8_in_unknown_field", HOSTILE + ": invalid UTF-8 anywhere, before any parser runs",
                b"<AttachKeyPairResponse><RequestId>r</RequestId><X>\x80</X></AttachKeyPairResponse>", "xml", error="invalid_utf8")
    decode_case("n_json_escaped_nul", HOSTILE + ": \\u0000", '{"RequestId":"r\\u0000x"}', "json", error="nul_character")
    decode_case("n_json_raw_nul", HOSTILE + ": a raw NUL byte", b'{"RequestId":"r\x00x"}', "json", error="nul_character")
    decode_case("n_xml_char_ref_nul", HOSTILE + ": &#0;", xml_ok("<RequestId>r&#0;</RequestId>"), "xml", error="nul_character")
    decode_case("n_xml_raw_nul", HOSTILE + ": a raw NUL byte", b"<AttachKeyPairResponse><RequestId>r\x00</RequestId></AttachKeyPairResponse>",
                "xml", error="nul_character")
    decode_case("n_xml_encoding_iso_8859_1", HOSTILE + ": non-UTF-8 encodings",
                '<?xml version="1.0" encoding="ISO-8859-1"?>' + xml_ok("<RequestId>r</RequestId>"), "xml",
                error="unsupported_encoding")
    decode_case("n_xml_encoding_utf8_misspelled", IMPL + " (only \"UTF-8\", any case, is accepted)",
                '<?xml version="1.0" encoding="UTF8"?>' + xml_ok("<RequestId>r</RequestId>"), "xml", error="unsupported_encoding")
    decode_case("n_xml_encoding_utf16_declared", HOSTILE + ": non-UTF-8 encodings",
                '<?xml version="1.0" encoding="UTF-16"?>' + xml_ok("<RequestId>r</RequestId>"), "xml", error="unsupported_encoding")
    decode_case("n_xml_utf16_with_bom", HOSTILE + ": UTF-16 with a byte-order mark",
                '\ufeff<?xml version="1.0" encoding="UTF-16"?><AttachKeyPairResponse><RequestId>r</RequestId></AttachKeyPairResponse>'.encode("utf-16-le"),
                "xml", error="unsupported_encoding")
    decode_case("n_xml_utf16_without_bom", HOSTILE + ": XML that starts as UTF-16 without a BOM",
                '<AttachKeyPairResponse><RequestId>r</RequestId></AttachKeyPairResponse>'.encode("utf-16-be"),
                "xml", error="unsupported_encoding")
    decode_case("n_json_utf16_bom", HOSTILE + ": a UTF-16 byte-order mark before JSON",
                b"\xff\xfe" + '{"RequestId":"r"}'.encode("utf-16-le"), "json", error="unsupported_encoding")
    decode_case("n_json_utf32_bom", HOSTILE + ": a UTF-32 byte-order mark before JSON",
                b"\x00\x00\xfe\xff" + '{"RequestId":"r"}'.encode("utf-32-be"), "json", error="unsupported_encoding")
    # Truncation and trailing data
    decode_case("n_json_truncated", HOSTILE + ": truncation", ATTACH_JSON[:120], "json", error="malformed_body")
    decode_case("n_xml_truncated", HOSTILE + ": truncation", ATTACH_XML[:200], "xml", error="malformed_body")
    decode_case("n_json_truncated_in_string", HOSTILE + ": truncation inside a string", '{"RequestId":"4ADF7A06', "json",
                error="malformed_body")
    decode_case("n_json_trailing_data", HOSTILE + ": trailing data", '{"RequestId":"r"} x', "json", error="trailing_data")
    decode_case("n_json_two_objects", HOSTILE + ": two documents", '{"RequestId":"r"}{"RequestId":"s"}', "json",
                error="trailing_data")
    decode_case("n_xml_trailing_element", HOSTILE + ": a second root", xml_ok("<RequestId>r</RequestId>") + "<Error/>", "xml",
                error="trailing_data")
    decode_case("n_xml_trailing_text", HOSTILE + ": text after the root", xml_ok("<RequestId>r</RequestId>") + "junk", "xml",
                error="trailing_data")
    # Syntax
    decode_case("n_json_single_quotes", "codec/include/ecskp/decode.h: cJSON laxness refused", "{'RequestId':'r'}", "json", error="malformed_body")
    decode_case("n_json_leading_zero_number", "codec/include/ecskp/decode.h: cJSON accepts 01, JSON does not",
                '{"RequestId":"r","TotalCount":01}', "json", error="malformed_body")
    decode_case("n_json_control_byte_white_space", "codec/include/ecskp/decode.h: cJSON skips control bytes as white space, JSON does not",
                b'{\x01"RequestId":"r"}', "json", error="malformed_body")
    decode_case("n_json_raw_tab_in_string", RFC8259 + ", section 7 (control characters in strings must be escaped)",
                '{"RequestId":"r\tx"}', "json", error="malformed_body")
    decode_case("n_json_comment", RFC8259 + " (JSON has no comments)", '{"RequestId":"r" /* c */}', "json", error="malformed_body")
    decode_case("n_json_nan", RFC8259 + ", section 6 (no NaN)", '{"RequestId":"r","TotalCount":NaN}', "json", error="malformed_body")
    decode_case("n_json_trailing_comma", RFC8259 + ", section 4 (no trailing comma)", '{"RequestId":"r",}', "json", error="malformed_body")
    decode_case("n_xml_mismatched_tags", XML10 + " (well-formedness: element type match)", "<AttachKeyPairResponse><RequestId>r</Code></AttachKeyPairResponse>",
                "xml", error="malformed_body")
    decode_case("n_xml_body_as_json", "codec/include/ecskp/decode.h: the declared format decides the parser", ATTACH_XML, "json",
                error="malformed_body")
    decode_case("n_json_body_as_xml", "codec/include/ecskp/decode.h: the declared format decides the parser", ATTACH_JSON, "xml",
                error="malformed_body")
    decode_case("n_html_error_page", FIELDS + " (the root is AttachKeyPairResponse, DetachKeyPairResponse or Error): a proxy's HTML error page where XML was expected",
                "<html><body><h1>502 Bad Gateway</h1></body></html>", "xml", http_status=502, error="wrong_root")
    # Empty
    decode_case("n_empty_body_json", "codec/include/ecskp/decode.h: no bytes", "", "json", error="empty_body")
    decode_case("n_empty_body_xml", "codec/include/ecskp/decode.h: no bytes", "", "xml", http_status=503, error="empty_body")
    decode_case("n_white_space_body", "codec/include/ecskp/decode.h: only white space", " \r\n\t ", "json", error="empty_body")
    # Shape and types
    decode_case("n_json_root_array", "codec/include/ecskp/decode.h: the top-level value must be an object", '[{"RequestId":"r"}]', "json",
                error="wrong_type")
    decode_case("n_json_root_string", "codec/include/ecskp/decode.h: the top-level value must be an object", '"r"', "json", error="wrong_type")
    decode_case("n_xml_other_operation_root", "codec/include/ecskp/decode.h: Shapes (the other operation's response is wrong_root)",
                ATTACH_XML, "xml", "DetachKeyPair", error="wrong_root")
    decode_case("n_xml_prefixed_root", "codec/include/ecskp/decode.h: Shapes (a prefixed root is wrong_root)",
                '<e:AttachKeyPairResponse xmlns:e="urn:x"><RequestId>r</RequestId></e:AttachKeyPairResponse>', "xml",
                error="wrong_root")
    decode_case("n_xml_root_case", "codec/include/ecskp/decode.h: names are case-sensitive",
                "<attachkeypairresponse><RequestId>r</RequestId></attachkeypairresponse>", "xml", error="wrong_root")
    decode_case("n_json_request_id_null", TYPES + " (JSON null is never accepted)", '{"RequestId":null}', "json",
                error="wrong_type")
    decode_case("n_json_request_id_number", TYPES + " (RequestId is a string)", '{"RequestId":123}', "json",
                error="wrong_type")
    decode_case("n_json_request_id_object", TYPES + " (RequestId is a String; a C++ SDK crashed converting a non-scalar to a string)",
                '{"RequestId":{"a":1}}', "json", error="wrong_type")
    decode_case("n_json_success_yes", TYPES + " (Success is true/false)",
                '{"RequestId":"r","Results":{"Result":[{"Success":"yes"}]}}', "json", error="wrong_type")
    decode_case("n_json_success_capitalized", TYPES + " (exact, lower case)",
                '{"RequestId":"r","Results":{"Result":[{"Success":"True"}]}}', "json", error="wrong_type")
    decode_case("n_json_success_number", TYPES, '{"RequestId":"r","Results":{"Result":[{"Success":1}]}}', "json",
                error="wrong_type")
    decode_case("n_xml_success_upper_case", TYPES, xml_ok("<RequestId>r</RequestId><Results><Result><Success>TRUE</Success></Result></Results>"),
                "xml", error="wrong_type")
    decode_case("n_json_count_boolean", TYPES, '{"RequestId":"r","TotalCount":true}', "json", error="wrong_type")
    decode_case("n_json_results_string", IMPL, '{"RequestId":"r","Results":"none"}', "json", error="wrong_type")
    decode_case("n_json_result_element_string", IMPL, '{"RequestId":"r","Results":{"Result":["i-a"]}}', "json",
                error="wrong_type")
    decode_case("n_xml_leaf_with_child", TYPES + " (a known leaf element with a child element)",
                xml_ok("<RequestId><b>r</b></RequestId>"), "xml", error="wrong_type")
    decode_case("n_json_access_denied_detail_string", "codec/include/ecskp/decode.h: AccessDeniedDetail must be an object",
                '{"Code":"Forbidden.RAM","AccessDeniedDetail":"denied"}', "json", error="wrong_type")
    decode_case("n_xml_access_denied_detail_grandchild", "codec/include/ecskp/decode.h: AccessDeniedDetail (a grandchild element)",
                "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A><B>x</B></A></AccessDeniedDetail></Error>", "xml",
                error="wrong_type")
    decode_case("n_json_missing_request_id", "codec/include/ecskp/decode.h: Fields (RequestId is required in a success)",
                '{"TotalCount":0,"FailCount":0}', "json", error="missing_field")
    decode_case("n_xml_missing_request_id", "codec/include/ecskp/decode.h: Fields (RequestId is required in a success)",
                xml_ok("<TotalCount>0</TotalCount>"), "xml", error="missing_field")
    decode_case("n_json_error_empty_code", "codec/include/ecskp/decode.h: Fields (an error's Code is required and non-empty)",
                '{"RequestId":"r","Code":""}', "json", error="missing_field")
    decode_case("n_xml_error_missing_code", "codec/include/ecskp/decode.h: Fields (an error's Code is required)",
                "<Error><RequestId>r</RequestId><Message>m</Message></Error>", "xml", http_status=500, error="missing_field")
    # Consistency
    decode_case("n_xml_error_code_200", "codec/include/ecskp/decode.h: an XML <Error> whose Code is 200 is refused",
                "<Error><Code>200</Code></Error>", "xml", error="inconsistent_response")
    decode_case("n_fail_count_exceeds_total", "codec/include/ecskp/decode.h: Consistency checks (FailCount > TotalCount)",
                '{"RequestId":"r","TotalCount":1,"FailCount":2}', "json", error="inconsistent_response")
    decode_case("n_total_count_vs_results", "codec/include/ecskp/decode.h: Consistency checks (TotalCount != number of Results)",
                '{"RequestId":"r","TotalCount":3,"Results":{"Result":[{"Code":"200","Success":true}]}}', "json",
                error="inconsistent_response")
    decode_case("n_fail_count_vs_results", "codec/include/ecskp/decode.h: Consistency checks (FailCount != failed Results)",
                xml_ok("<RequestId>r</RequestId><FailCount>0</FailCount><Results><Result><Success>false</Success><Code>E</Code></Result></Results>"),
                "xml", error="inconsistent_response")
    decode_case("n_success_true_code_error", "codec/include/ecskp/decode.h: Consistency checks (Success true with a Code other than 200)",
                '{"RequestId":"r","Results":{"Result":[{"Success":true,"Code":"DependencyViolation.WindowsInstance"}]}}',
                "json", error="inconsistent_response")
    decode_case("n_success_false_code_200", "codec/include/ecskp/decode.h: Consistency checks (Success false with Code 200)",
                '{"RequestId":"r","FailCount":1,"Results":{"Result":[{"Success":false,"Code":"200"}]}}', "json",
                error="inconsistent_response")
    decode_case("n_success_body_with_error_code", "codec/include/ecskp/decode.h: Consistency checks (a success body with a top-level Code other than 200)",
                '{"RequestId":"r","TotalCount":0,"Code":"InternalError"}', "json", error="inconsistent_response")
    decode_case("n_success_body_with_http_500", "codec/include/ecskp/decode.h: HTTP status decision (a success is never reported when HTTP said failure)",
                ATTACH_JSON, "json", http_status=500, error="status_body_mismatch")
    decode_case("n_success_body_with_http_404_xml", "codec/include/ecskp/decode.h: HTTP status decision", ATTACH_XML, "xml", http_status=404,
                error="status_body_mismatch")
    # Limits
    decode_case("n_body_too_large", "codec/include/ecskp/decode.h: Limits (max_body_bytes, checked before any byte is read)",
                '{"RequestId":"abcd"}', "json", limits={"max_body_bytes": 19}, error="body_too_large")
    decode_case("n_string_too_long", "codec/include/ecskp/decode.h: Limits (max_string_bytes)", '{"RequestId":"abcde"}', "json",
                limits={"max_string_bytes": 4}, error="string_too_long")
    decode_case("n_string_too_long_xml", "codec/include/ecskp/decode.h: Limits (max_string_bytes, decoded length)",
                xml_ok("<RequestId>ab&amp;cd</RequestId>"), "xml", limits={"max_string_bytes": 4}, error="string_too_long")
    decode_case("n_too_many_results", "codec/include/ecskp/decode.h: Limits (max_results)", ATTACH_JSON, "json", limits={"max_results": 1},
                error="too_many_results")
    decode_case("n_too_many_results_xml", "codec/include/ecskp/decode.h: Limits (max_results)", ATTACH_XML, "xml", limits={"max_results": 1},
                error="too_many_results")
    decode_case("n_unsupported_format", "codec/include/ecskp/decode.h: the format is JSON or XML", '{"RequestId":"r"}', "yaml",
                error="unsupported_format")


def decode_detach():
    """The same classes for DetachKeyPair, whose root and operation differ."""
    D = "DetachKeyPair"
    decode_case("y_detach_counts_as_text_xml", P_DETACH + ", Response parameters (counts and Success typed String)",
                xml_ok("<RequestId>%s</RequestId><KeyPairName>FinanceJoshuaV26</KeyPairName><TotalCount>1</TotalCount>"
                       "<FailCount>0</FailCount><Results><Result><Code>200</Code><InstanceId>i-instanceid1</InstanceId>"
                       "<Message>successful</Message><Success>true</Success></Result></Results>" % DETACH_RID,
                       "DetachKeyPairResponse"), "xml", D,
                expect=ck.success(DETACH_RID, "FinanceJoshuaV26", 1, 0,
                                  [ck.result("i-instanceid1", "200", "successful", True)]))
    decode_case("y_detach_request_id_only_json", P_DETACH + ", Response parameters (RequestId is returned whether or not the operation succeeds)",
                '{"RequestId":"%s"}' % DETACH_RID, "json", D, expect=ck.success(DETACH_RID))
    decode_case("n_detach_attach_root", "codec/include/ecskp/decode.h: Shapes (the other operation's response is wrong_root)",
                xml_ok("<RequestId>r</RequestId>"), "xml", D, error="wrong_root")
    decode_case("n_detach_xxe", HOSTILE + ": XXE (DetachKeyPair)",
                '<!DOCTYPE DetachKeyPairResponse [<!ENTITY x SYSTEM "file:///etc/shadow">]>'
                + xml_ok("<RequestId>&x;</RequestId>", "DetachKeyPairResponse"), "xml", D, error="dtd_refused")
    decode_case("n_detach_duplicate_fail_count", HOSTILE + ": duplicate keys (DetachKeyPair)",
                '{"RequestId":"r","FailCount":0,"FailCount":1}', "json", D, error="duplicate_field")
    decode_case("n_detach_huge_number_xml", HOSTILE + ": huge numbers in text (DetachKeyPair)",
                xml_ok("<RequestId>r</RequestId><TotalCount>" + "9" * 100 + "</TotalCount>", "DetachKeyPairResponse"),
                "xml", D, error="number_out_of_range")
    decode_case("n_detach_truncated_json", HOSTILE + ": truncation (DetachKeyPair)",
                '{"RequestId":"%s","Results":{"Result":[{"Code":"200"' % DETACH_RID, "json", D, error="malformed_body")
    decode_case("n_detach_inconsistent_xml", "codec/include/ecskp/decode.h: Consistency checks (DetachKeyPair)",
                xml_ok("<RequestId>r</RequestId><TotalCount>2</TotalCount><Results><Result><Code>200</Code>"
                       "<Success>true</Success></Result></Results>", "DetachKeyPairResponse"), "xml", D,
                error="inconsistent_response")


BOUNDS = DECODE_H + ": Limits (cost bounded before a parser runs)"


def decode_bounded():
    """The limits that bound the cost of a hostile body, each met exactly and exceeded by one,
    and the number and byte-order-mark rules (numbers judged by their digits)."""
    # max_nodes: JSON counts 1 + each '[', '{' and ',' outside strings.
    body = '{"RequestId":"r","X":[0,0,0]}'  # 1 + '{' + ',' + '[' + ',' + ',' = 6
    decode_case("y_limit_max_nodes_met_json", BOUNDS + " (max_nodes, JSON: 1 + each [ { and , outside strings)",
                body, "json", limits={"max_nodes": 6}, expect=ck.success("r"))
    decode_case("n_limit_max_nodes_exceeded_json", BOUNDS + " (max_nodes, JSON)", body, "json",
                limits={"max_nodes": 5}, error="too_many_nodes")
    decode_case("n_limit_max_nodes_default_json", BOUNDS + " (max_nodes default 16,384: many tiny values)",
                '{"RequestId":"r","X":[' + ",".join(["0"] * 70000) + ']}', "json", error="too_many_nodes")
    # XML counts each start tag and each attribute.
    body = xml_ok('<RequestId a="1">r</RequestId>')  # 2 elements + 1 attribute
    decode_case("y_limit_max_nodes_met_xml", BOUNDS + " (max_nodes, XML: elements and attributes)", body, "xml",
                limits={"max_nodes": 3}, expect=ck.success("r"))
    decode_case("n_limit_max_nodes_exceeded_xml", BOUNDS + " (max_nodes, XML)", body, "xml",
                limits={"max_nodes": 2}, error="too_many_nodes")
    decode_case("n_limit_max_nodes_default_xml", BOUNDS + " (max_nodes default 16,384: many distinct element names)",
                xml_ok("<RequestId>r</RequestId>" + "".join("<e%x/>" % i for i in range(70000))), "xml",
                error="too_many_nodes")
    # max_attributes: per start tag, xmlns declarations included.
    attrs = "".join(' a%d=""' % i for i in range(8))
    decode_case("y_limit_max_attributes_met", BOUNDS + " (max_attributes default 8, per start tag)",
                "<AttachKeyPairResponse%s><RequestId>r</RequestId></AttachKeyPairResponse>" % attrs, "xml",
                expect=ck.success("r"))
    decode_case("n_limit_max_attributes_exceeded", BOUNDS + " (max_attributes: one over)",
                "<AttachKeyPairResponse%s a8=\"\"><RequestId>r</RequestId></AttachKeyPairResponse>" % attrs, "xml",
                error="too_many_attributes")
    decode_case("n_limit_max_attributes_one_tag_many", BOUNDS + " (max_attributes: 100,000 distinct attributes "
                "on one start tag, quadratic in libxml2 2.9.14)",
                "<AttachKeyPairResponse" + "".join(' a%x=""' % i for i in range(100000))
                + "><RequestId>r</RequestId></AttachKeyPairResponse>", "xml", error="too_many_attributes")
    decode_case("y_limit_max_attributes_raised", BOUNDS + " (max_attributes raised)",
                "<AttachKeyPairResponse%s a8=\"\"><RequestId>r</RequestId></AttachKeyPairResponse>" % attrs, "xml",
                limits={"max_attributes": 9}, expect=ck.success("r"))
    # max_namespaces: declarations in the whole body.
    ns = "".join(' xmlns:p%d="u"' % i for i in range(8))
    decode_case("y_limit_max_namespaces_met", BOUNDS + " (max_namespaces default 8, in the body)",
                "<AttachKeyPairResponse%s><RequestId>r</RequestId></AttachKeyPairResponse>" % ns, "xml",
                expect=ck.success("r"))
    decode_case("n_limit_max_namespaces_exceeded", BOUNDS + " (max_namespaces: one over, on another element)",
                "<AttachKeyPairResponse%s><RequestId xmlns=\"u\">r</RequestId></AttachKeyPairResponse>" % ns, "xml",
                error="too_many_namespaces")
    decode_case("n_limit_max_namespaces_root_and_children", BOUNDS + " (max_namespaces: 33,000 declarations on "
                "the root and 120,000 children, each lookup scanning every declaration in libxml2 2.9.14)",
                "<AttachKeyPairResponse" + "".join(' xmlns:p%x="u"' % i for i in range(33000))
                + "><RequestId>r</RequestId>" + "<a/>" * 120000 + "</AttachKeyPairResponse>", "xml",
                limits={"max_attributes": 256}, error="too_many_namespaces")
    # max_markup_bytes: one tag (from < to >), comment, PI or CDATA section.
    comment = "<!--" + "-x" * 16 + "-->"  # 39 bytes, longer than every tag of the body
    body = xml_ok("<RequestId>r</RequestId>" + comment)
    decode_case("y_limit_max_markup_bytes_met", BOUNDS + " (max_markup_bytes: a comment of exactly the limit)",
                body, "xml", limits={"max_markup_bytes": len(comment)}, expect=ck.success("r"))
    decode_case("n_limit_max_markup_bytes_exceeded", BOUNDS + " (max_markup_bytes: one over)", body, "xml",
                limits={"max_markup_bytes": len(comment) - 1}, error="markup_too_long")
    for kind, text in (("comment", "<!--" + "->" * 40000 + "-->"),
                       ("pi", "<?pi " + "?>"[1:] * 70000 + "?>"),
                       ("cdata", "<X><![CDATA[" + "]>" * 40000 + "]]></X>"),
                       ("tag", '<X a="' + ">" * 70000 + '"/>')):
        decode_case("n_limit_max_markup_bytes_default_%s" % kind,
                    BOUNDS + " (max_markup_bytes default 64 KiB: a long %s)" % kind,
                    xml_ok("<RequestId>r</RequestId>" + text), "xml", error="markup_too_long")
    decode_case("n_limit_max_nodes_above_cap", BOUNDS + " (each limit has a cap; max_nodes 65,536)",
                '{"RequestId":"r"}', "json", limits={"max_nodes": 65537}, error="invalid_argument")
    decode_case("n_limit_max_markup_bytes_above_cap", BOUNDS + " (max_markup_bytes cap 10,000,000)",
                xml_ok("<RequestId>r</RequestId>"), "xml", limits={"max_markup_bytes": 10000001},
                error="invalid_argument")
    decode_case("n_limit_max_body_bytes_above_cap", BOUNDS + " (max_body_bytes cap 16 MiB)",
                '{"RequestId":"r"}', "json", limits={"max_body_bytes": 16 * 1024 * 1024 + 1}, error="invalid_argument")
    decode_case("n_limit_max_nodes_pi_targets", BOUNDS + " (max_nodes counts processing instructions: each "
                "target is a name libxml2 keeps)", xml_ok("<RequestId>r</RequestId>" + "".join("<?p%x?>" % i for i in range(20000))),
                "xml", error="too_many_nodes")
    decode_case("n_json_number_as_member_name", "codec/include/ecskp/decode.h: JSON spelling (a number is never a member name)",
                '{"RequestId":"x",1:2}', "json", error="malformed_body")
    decode_case("n_xml_markup_unfollowable", BOUNDS + " (markup the pre-scan cannot follow is malformed_body)",
                xml_ok('<RequestId a=1>r</RequestId>'), "xml", error="malformed_body")
    # Numbers are judged by their digits, never by a rounded double.
    N = DECODE_H + ": Types (numbers judged by their digits, never by a rounded double)"
    decode_case("n_json_code_beyond_2_53", N, '{"Code":9007199254740993}', "json", error="number_out_of_range")
    decode_case("y_json_code_at_2_53", N, '{"Code":9007199254740992}', "json",
                expect=ck.api_error("9007199254740992", "unknown", False))
    decode_case("n_json_result_code_fraction_rounds_to_200", N,
                '{"RequestId":"r","Results":[{"Code":200.0000000000000001}]}', "json", error="number_out_of_range")
    decode_case("n_json_count_underflows_to_zero", N, '{"RequestId":"r","TotalCount":1e-400}', "json",
                error="number_out_of_range")
    decode_case("n_json_count_rounds_into_range", N, '{"RequestId":"r","TotalCount":2147483647.0000000001}', "json",
                error="number_out_of_range")
    decode_case("y_json_count_exact_by_digits", N, '{"RequestId":"r","TotalCount":21474836470e-1,"FailCount":0.0e5}',
                "json", expect=ck.success("r", total=2147483647, fail=0))
    decode_case("y_json_code_exponent_kept_as_integer", N, '{"RequestId":"r","Code":2e2}', "json",
                expect=ck.success("r"))
    decode_case("i_json_access_denied_detail_number_spelling", N + "; AccessDeniedDetail keeps each number as the "
                "body spells it", '{"Code":"Forbidden.RAM","AccessDeniedDetail":{"A":1.50,"B":-0,"C":1e2}}', "json",
                expect=ck.api_error("Forbidden.RAM", "auth", False,
                                    access_denied_detail='{"A":1.50,"B":-0,"C":1e2}'),
                decision="AccessDeniedDetail numbers are kept exactly as the body spells them (the scan has checked "
                         "the JSON spelling), never converted through a double.")
    decode_case("n_json_two_byte_order_marks", "codec/include/ecskp/decode.h: Other implementation-defined cases (one UTF-8 byte-order "
                "mark at the start, or none)", "\ufeff\ufeff" + '{"RequestId":"r"}', "json", error="malformed_body")
    decode_case("n_json_non_ascii_outside_string", "codec/include/ecskp/decode.h: JSON spelling (only JSON white space between tokens)",
                '{"RequestId":"r"}\u00a0', "json", error="malformed_body")
    decode_case("y_json_one_letter_field", "codec/include/ecskp/decode.h: Fields (unknown fields are ignored, whatever their length)",
                '{"R":1,"RequestId":"r"}', "json", expect=ck.success("r"))
    decode_case("y_xml_one_letter_field", "codec/include/ecskp/decode.h: Fields (unknown fields are ignored, whatever their length)",
                xml_ok("<R/><RequestId>r</RequestId>"), "xml", expect=ck.success("r"))
    decode_case("n_xml_access_denied_detail_many_members", BOUNDS + " (AccessDeniedDetail's compact text counts "
                "against max_string_bytes as members arrive)",
                "<Error><Code>c</Code><AccessDeniedDetail>" + "<k/>" * 60000 + "</AccessDeniedDetail></Error>", "xml",
                limits={"max_nodes": 65536}, error="string_too_long")




# ---------------------------------------------------------------- sources and levels, re-checked
# Per decode case, where the definitions above give only an ecskp header or need another
# level: the published page that supports the expectation (the header's text kept after it,
# as "{orig}"), or the ecskp level with the decision it tests.

LIMITS = ("ecskp's limits (their defaults, caps and custom values) are its own policy for bounding "
          "the cost of a body before a parser runs; other clients bound it differently or not at all.")
ENCODINGS = ("XML allows encodings other than UTF-8, but ECS sends UTF-8 (its examples declare "
             "encoding=\"UTF-8\"). ecskp reads UTF-8 only: a body that declares or starts in another "
             "encoding is refused (unsupported_encoding), never transcoded.")
NUMBERS = ("Numbers are judged by their digits: a value a double would round into range (or to an "
           "integer) is refused; ecskp's rule, which clients that read JSON numbers as doubles do not share.")


def _reviewed():
    r = {}

    def put(names, **o):
        for n in names.split():
            r[n] = o

    put("n_xml_xxe_external_entity n_xml_xxe_parameter_entity n_xml_entity_bomb n_xml_doctype_plain "
        "n_xml_doctype_external_dtd n_detach_xxe",
        source=OWASP_XXE + " (DTDs disabled); no ECS response carries a DOCTYPE; {orig}")
    put("n_xml_undeclared_entity", source=XML10 + ", section 4.1 (well-formedness constraint: Entity Declared); {orig}")
    put("n_json_deep_nesting_10000",
        source=RFC8259 + ", section 9 (an implementation may limit the depth of nesting; a response "
               "needs depth 4); {orig}")
    put("n_xml_deep_nesting_10000",
        source=XML10 + " (sets no depth limit; a response needs depth 4); {orig}")
    DEPTH = ("ecskp refuses a body nested deeper than its max_depth, 32 by default (a response needs 4). "
             "The limit is ecskp's: %s, and a client with a deeper limit, or none, that accepts this "
             "body is not wrong; bodies nested far past any parser's recursion (the _10000 case) are "
             "refused at the client level.")
    put("n_json_deep_nesting",
        source=RFC8259 + ", section 9 (an implementation may set limits on the depth of nesting; the RFC "
               "sets none); {orig}", level="ecskp",
        decision=DEPTH % "RFC 8259 allows an implementation to limit the depth of nesting but sets no limit")
    put("n_xml_deep_nesting", level="ecskp",
        decision=DEPTH % "XML 1.0 sets no depth limit")
    put("n_json_duplicate_request_id n_json_duplicate_total_count n_json_duplicate_in_result "
        "n_json_duplicate_error_code n_detach_duplicate_fail_count n_json_duplicate_access_denied_key",
        source=RFC8259 + ", section 4 (names within an object should be unique; readers disagree on "
               "duplicates); {orig}")
    put("n_xml_duplicate_element n_xml_duplicate_results", source=FIELDS + " (each field occurs once); {orig}")
    put("n_json_huge_number n_json_count_many_digits n_detach_huge_number_xml",
        source=RFC8259 + ", section 6 (an implementation may limit the range of numbers); " + TYPES + "; {orig}")
    put("n_json_invalid_utf8 n_json_overlong_utf8 n_json_utf8_surrogate",
        source=RFC8259 + ", section 8.1 (JSON text is UTF-8); {orig}")
    put("n_json_utf16_bom n_json_utf32_bom",
        source=RFC8259 + ", section 8.1 (JSON text exchanged between systems is UTF-8); {orig}")
    put("n_xml_invalid_utf8 n_xml_invalid_utf8_in_unknown_field",
        source=XML10 + ", section 4.3.3 (an encoding error is a fatal error); {orig}")
    put("n_json_raw_nul", source=RFC8259 + ", section 7 (control characters in strings are escaped); {orig}")
    put("n_xml_char_ref_nul n_xml_raw_nul", source=XML10 + ", section 2.2 (#x0 is not a character); {orig}")
    put("n_json_escaped_nul", level="ecskp",
        decision="\\u0000 is valid JSON, but no field of this API holds U+0000 and C strings cannot carry "
                 "it: refused (nul_character).")
    put("n_xml_encoding_iso_8859_1 n_xml_encoding_utf16_declared n_xml_utf16_with_bom n_xml_utf16_without_bom",
        level="ecskp", decision=ENCODINGS)
    put("n_xml_encoding_utf8_misspelled", level="ecskp",
        decision="Only the encoding name UTF-8 (in any letter case) is UTF-8; \"UTF8\" is not its "
                 "registered name, so the declaration names an unknown encoding: refused "
                 "(unsupported_encoding).",
        description="Suite 3.0.0: the refusal is ecskp's decision, now recorded.")
    put("n_json_truncated n_json_truncated_in_string n_detach_truncated_json",
        source=RFC8259 + " (an unterminated value is not JSON); {orig}")
    put("n_xml_truncated", source=XML10 + " (an unclosed element is not well-formed); {orig}")
    put("n_json_trailing_data n_json_two_objects", source=RFC8259 + ", section 2 (a JSON text is one value); {orig}")
    put("n_xml_trailing_element n_xml_trailing_text",
        source=XML10 + ", section 2.1 (one root element, then only comments, PIs and white space); {orig}")
    put("n_json_single_quotes n_json_leading_zero_number n_json_control_byte_white_space "
        "n_json_number_as_member_name n_json_non_ascii_outside_string",
        source=RFC8259 + " (the JSON grammar); {orig}")
    put("n_xml_markup_unfollowable", source=XML10 + ", section 3.1 (attribute values are quoted); {orig}")
    put("n_xml_body_as_json n_json_body_as_xml",
        source=P_COMMON + " (Format chooses the response format); {orig}")
    put("n_empty_body_json n_white_space_body", source=RFC8259 + ", section 2 (a JSON text is one value); {orig}")
    put("n_empty_body_xml", source=XML10 + ", section 2.1 (a document has one root element); {orig}")
    put("n_json_root_array n_json_root_string", source=FIELDS + " (the response is an object); {orig}")
    put("n_xml_other_operation_root n_detach_attach_root",
        source=DOC_S4 + " (the root is the operation's AttachKeyPairResponse or DetachKeyPairResponse); {orig}")
    put("n_xml_root_case", source=XML10 + " (names are case-sensitive); {orig}")
    put("n_xml_prefixed_root", level="ecskp",
        decision="A root in a namespace prefix (e:AttachKeyPairResponse) is wrong_root: names are "
                 "matched as written, without namespaces.")
    put("n_json_results_string", level="ecskp",
        decision="Results must be an object (or, as i_json_results_bare_array decides, an array of "
                 "Result objects); a string is wrong_type, never an empty list.",
        description="Suite 3.0.0: the refusal is ecskp's decision, now recorded.")
    put("n_json_result_element_string", level="ecskp",
        decision="Each Result must be an object; a string element (an instance ID without its outcome) "
                 "is wrong_type, not a Result with only an InstanceId.",
        description="Suite 3.0.0: the refusal is ecskp's decision, now recorded.")
    put("n_json_access_denied_detail_string", source=P_ERRORS + " (AccessDeniedDetail is an object); {orig}")
    put("n_xml_access_denied_detail_grandchild", level="ecskp",
        decision="In XML, AccessDeniedDetail's children become an object of strings; a grandchild element "
                 "has no string to become: wrong_type.")
    put("n_json_missing_request_id n_xml_missing_request_id",
        source=P_DETACH + ", Response parameters (RequestId is returned whether or not the operation "
               "succeeds); {orig}")
    put("n_json_error_empty_code n_xml_error_missing_code", source=P_ERRORS + " (an error body carries its Code); {orig}")
    put("n_xml_error_code_200", level="ecskp",
        decision="An <Error> whose Code is 200 is neither an error nor a success: inconsistent_response.")
    put("n_fail_count_exceeds_total n_total_count_vs_results n_fail_count_vs_results n_success_true_code_error "
        "n_success_false_code_200 n_detach_inconsistent_xml",
        source=FIELDS + " (TotalCount counts the instances, FailCount the failed ones; Code 200 means "
               "success); {orig}")
    put("n_success_body_with_error_code", level="ecskp",
        decision="A success-shaped body whose top-level Code is not 200 is refused "
                 "(inconsistent_response), neither a success nor an error.")
    put("n_success_body_with_http_500 n_success_body_with_http_404_xml",
        source=P_ERRORS + " (a failed call answers with an error body and a failure status); {orig}")
    put("n_unsupported_format", source=P_COMMON + " (Format is JSON or XML); {orig}")
    put("n_json_code_fraction n_json_code_too_large", level="ecskp",
        decision="A Code given as a JSON number must be an integer up to 2^53 (kept as its decimal text); "
                 "anything else is number_out_of_range.")
    put("n_json_code_beyond_2_53 n_json_result_code_fraction_rounds_to_200 n_json_count_underflows_to_zero "
        "n_json_count_rounds_into_range y_json_code_at_2_53", level="ecskp", decision=NUMBERS)
    put("y_json_code_exponent_kept_as_integer", level="ecskp",
        decision="A top-level Code 2e2 is the integer 200, and a body whose only Code is 200 is a success "
                 "(as i_json_code_200_number_is_success decides).")
    put("n_json_two_byte_order_marks", level="ecskp",
        decision="One UTF-8 byte-order mark at the start is skipped (i_json_utf8_bom); a second one is "
                 "not JSON white space: malformed_body.")
    put("y_json_count_exact_by_digits",
        source="{orig}; " + RFC8259 + ", section 6 (21474836470e-1 is exactly 2147483647, 0.0e5 is 0)",
        level="ecskp",
        decision="A count spelled with a fraction or an exponent is accepted when its digits give exactly "
                 "an integer in range (21474836470e-1 is 2147483647, 0.0e5 is 0): numbers are judged by "
                 "their digits. The pages send counts as plain integers (or strings of digits), so a "
                 "client that accepts only those spellings refuses these, and is not wrong on the wire.")
    put("y_json_one_letter_field y_xml_one_letter_field",
        source=FIELDS + " (fields the page does not list are ignored, whatever their length); {orig}")
    put("y_limit_max_attributes_met y_limit_max_namespaces_met n_limit_max_nodes_default_json "
        "n_limit_max_nodes_default_xml n_limit_max_attributes_exceeded n_limit_max_attributes_one_tag_many "
        "n_limit_max_namespaces_exceeded n_limit_max_markup_bytes_default_comment "
        "n_limit_max_markup_bytes_default_pi n_limit_max_markup_bytes_default_cdata "
        "n_limit_max_markup_bytes_default_tag n_limit_max_nodes_pi_targets", level="ecskp", decision=LIMITS)
    for n in ("n_json_depth_limit n_xml_depth_limit n_body_too_large n_string_too_long n_string_too_long_xml "
              "n_too_many_results n_too_many_results_xml y_limit_max_nodes_met_json n_limit_max_nodes_exceeded_json "
              "y_limit_max_nodes_met_xml n_limit_max_nodes_exceeded_xml y_limit_max_attributes_raised "
              "n_limit_max_namespaces_root_and_children y_limit_max_markup_bytes_met "
              "n_limit_max_markup_bytes_exceeded n_limit_max_nodes_above_cap n_limit_max_markup_bytes_above_cap "
              "n_limit_max_body_bytes_above_cap n_xml_access_denied_detail_many_members").split():
        r[n] = dict(decision=LIMITS)
    return r


REVIEWED = _reviewed()


def main():
    ck.clean()
    encode_cases()
    sign_v1_cases()
    sign_v3_cases()
    ids_cases()
    decode_documented()
    decode_types()
    decode_implementation_defined()
    decode_hostile()
    decode_detach()
    decode_bounded()
    unused = set(REVIEWED) - {k[1] for k in ck._seen}
    if unused:
        raise SystemExit("reviewed cases that do not exist: " + " ".join(sorted(unused)))
    c = ck.counts()
    print(" ".join("%s=%d" % (a, c[a]) for a in ck.AREAS), "total=%d" % sum(c.values()))
    lc = ck.level_counts()
    for level in ck.LEVELS:
        print(level + ": " + " ".join("%s=%d" % (a, lc.get((a, level), 0)) for a in ck.AREAS),
              "total=%d" % sum(lc.get((a, level), 0) for a in ck.AREAS))


if __name__ == "__main__":
    sys.exit(main())
