/* SPDX-License-Identifier: MIT */
/*
 * demo_data.c - the examples `ecskp demo` runs that vectors.h does not carry: the signature an
 * older page prints for the misspelled TimeStamp (conformance/sign_v1/
 * erratum_timestamp_misspelled) and the partial success of the documented shape
 * (conformance/decode/y_partial_success_json and _xml), each copied from its case folder.
 */
#include "demo_data.h"

#define PARTIAL_RESPONSE                                                                           \
    "{\"RequestId\":\"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\"TotalCount\":2,\"FailCount\":1,"    \
    "\"Results\":[{\"InstanceId\":\"i-m5eg7be9ndloji64****\",\"Code\":\"200\",\"Message\":"        \
    "\"successful\",\"Success\":true},{\"InstanceId\":\"i-m5e25x2mwr0hk33d****\",\"Code\":"        \
    "\"DependencyViolation.WindowsInstance\",\"Message\":\"The instance creating is windows, "     \
    "cannot use ssh key pair to login\",\"Success\":false}]}"

#define PARTIAL_JSON                                                                               \
    "{\"RequestId\": \"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\", \"TotalCount\": 2, \"FailCount\": " \
    "1, \"Results\": {\"Result\": [{\"Message\": \"successful\", \"InstanceId\": "                 \
    "\"i-m5eg7be9ndloji64****\", \"Success\": true, \"Code\": \"200\"}, {\"Message\": \"The "      \
    "instance creating is windows, cannot use ssh key pair to login\", \"InstanceId\": "           \
    "\"i-m5e25x2mwr0hk33d****\", \"Success\": false, \"Code\": "                                   \
    "\"DependencyViolation.WindowsInstance\"}]}}"

#define PARTIAL_XML                                                                                \
    "<AttachKeyPairResponse><RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>"           \
    "<TotalCount>2</TotalCount><FailCount>1</FailCount><Results><Result><Message>successful"       \
    "</Message><InstanceId>i-m5eg7be9ndloji64****</InstanceId><Success>true</Success><Code>200"    \
    "</Code></Result><Result><Message>The instance creating is windows, cannot use ssh key pair "  \
    "to login</Message><InstanceId>i-m5e25x2mwr0hk33d****</InstanceId><Success>false</Success>"    \
    "<Code>DependencyViolation.WindowsInstance</Code></Result></Results></AttachKeyPairResponse>"

/* The documented partial success as a decode example, in format `fmt` ("json", "xml"). The
 * arguments are string literals pasted into others, which parentheses would break. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define PARTIAL_SUCCESS(fmt, body_text)                                                            \
    {                                                                                              \
        .area = "decode", .name = "y_partial_success_" fmt,                                        \
        .input = "{\"action\":\"AttachKeyPair\",\"format\":\"" fmt "\",\"http_status\":200}",      \
        .body = body_text, .body_len = sizeof body_text - 1, .response = PARTIAL_RESPONSE,         \
    }
/* NOLINTEND(bugprone-macro-parentheses) */

const demo_vector demo_extras[] = {
    {
        .area = "sign_v1",
        .name = "erratum_timestamp_misspelled",
        .input = "{\"method\":\"GET\",\"secret\":\"testsecret\"}",
        .request =
            "{\"AccessKeyId\":\"testid\",\"Format\":\"XML\",\"SignatureMethod\":\"HMAC-SHA1\","
            "\"SignatureNonce\":\"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\","
            "\"SignatureVersion\":\"1.0\",\"TimeStamp\":\"2016-02-23T12:46:24Z\","
            "\"Version\":\"2014-05-26\",\"Action\":\"DescribeRegions\"}",
        .artifacts = "{\"signature\":\"CT9X0VtwR86fNWSnsc6v8YGOjuE=\"}",
    },
    PARTIAL_SUCCESS("json", PARTIAL_JSON),
    PARTIAL_SUCCESS("xml", PARTIAL_XML),
};
const size_t demo_extra_count = sizeof demo_extras / sizeof demo_extras[0];
