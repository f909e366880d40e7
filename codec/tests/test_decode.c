/*
 * test_decode.c - response decoding, table-driven: every documented success and error example
 * of both operations in both formats, the pages' error tables rendered as bodies, every type
 * variant, every implementation-defined case of decode.h with its decision, the HTTP status
 * decisions, the consistency checks, and twin documents (XML and JSON renderings of the same
 * response must decode to the same normalized JSON).
 *
 * Every row names its source. Expected normalized JSON is written by hand from the source
 * (key order and escaping as decode.h specifies), never taken from the code under test.
 * Hostile inputs, limits, truncation and allocation failure are in test_decode_hostile.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/decode.h"

#include "decode_bodies.h"

typedef struct row {
    const char *source;
    ecskp_format format;
    ecskp_action action; /* 0 = AttachKeyPair */
    int http;
    unsigned flags;
    const char *body;
    ecskp_status want;
    const char *json;  /* OK rows: the normalized form */
    const char *field; /* failing rows: diag.field */
    size_t offset;     /* failing rows: diag.offset, or ANY_OFFSET (then only <= len) */
    size_t index;      /* failing rows: diag.index */
    unsigned bits;     /* OK rows: success.inconsistencies */
    int mismatch;      /* OK rows: error.status_mismatch */
} row;

/* OK rows. */
#define Y(src, fmt, body_, json_)                                                                  \
    { src, fmt, 0, 0, 0, body_, ECSKP_OK, json_, NULL, 0, 0, 0, 0 }
#define YH(src, fmt, http_, body_, json_, mismatch_)                                               \
    { src, fmt, 0, http_, 0, body_, ECSKP_OK, json_, NULL, 0, 0, 0, mismatch_ }
#define YA(src, fmt, action_, body_, json_)                                                        \
    { src, fmt, action_, 0, 0, body_, ECSKP_OK, json_, NULL, 0, 0, 0, 0 }
#define YI(src, fmt, body_, json_, bits_)                                                          \
    {                                                                                              \
        src, fmt, 0, 0, ECSKP_DECODE_ALLOW_INCONSISTENT, body_, ECSKP_OK, json_, NULL, 0, 0,       \
            bits_, 0                                                                               \
    }
/* Failing rows: status, diag.field, diag.offset, diag.index. */
#define N(src, fmt, body_, status_, field_, offset_, index_)                                       \
    { src, fmt, 0, 0, 0, body_, status_, NULL, field_, offset_, index_, 0, 0 }
#define NH(src, fmt, http_, body_, status_, field_)                                                \
    { src, fmt, 0, http_, 0, body_, status_, NULL, field_, ECSKP_NO_OFFSET, ECSKP_NO_INDEX, 0, 0 }
#define NA(src, fmt, action_, body_, status_, field_)                                              \
    { src, fmt, action_, 0, 0, body_, status_, NULL, field_, ANY_OFFSET, ECSKP_NO_INDEX, 0, 0 }

/* ------------------------------------------------------------------ documented bodies */

/* The normalized form of DOC_XML / DOC_JSON (api-facts.md section 4; decode_bodies.h). */
#define DOC_OUT(rid)                                                                               \
    "{\"RequestId\":\"" rid "\",\"TotalCount\":2,\"FailCount\":0,\"Results\":["                    \
    "{\"InstanceId\":\"i-m5eg7be9ndloji64****\",\"Code\":\"200\",\"Message\":\"successful\","      \
    "\"Success\":true},"                                                                           \
    "{\"InstanceId\":\"i-m5e25x2mwr0hk33d****\",\"Code\":\"200\",\"Message\":\"successful\","      \
    "\"Success\":true}]}"

/* AttachKeyPair.reference.md / AttachKeyPair.txt: the older RequestId-only response. */
#define OLD_OUT "{\"RequestId\":\"" OLD_RID "\"}"

/* DetachKeyPair.txt: the example column of the response parameter table. */
#define DPAGE_RESULT(id)                                                                           \
    "{\"Code\":\"200\",\"InstanceId\":\"" id "\",\"Message\":\"successful\",\"Success\":true}"
#define DPAGE_OUT_RESULT(id)                                                                       \
    "{\"InstanceId\":\"" id "\",\"Code\":\"200\",\"Message\":\"successful\",\"Success\":true}"

/* The normalized form of ERR_JSON / ERR_XML (api-facts.md section 5; decode_bodies.h). */
#define ERR_JSON_OUT(http)                                                                         \
    "{\"Error\":{" http "\"RequestId\":\"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\",\"HostId\":"       \
    "\"ecs.ap-southeast-3.aliyuncs.com\",\"Code\":\"InvalidImageId.NotFound\",\"Message\":"        \
    "\"The specified ImageId does not exist.\",\"Recommend\":"                                     \
    "\"https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&"       \
    "product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\",\"Category\":\"not_found\","     \
    "\"Retryable\":false}}"
#define ERR_XML_OUT(http)                                                                          \
    "{\"Error\":{" http "\"RequestId\":\"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\",\"HostId\":"       \
    "\"ecs.aliyuncs.com\",\"Code\":\"MissingParameter.CommandId\",\"Message\":\"The input "        \
    "parameter \\\"CommandId\\\" that is required for processing this request is not "             \
    "supplied.\",\"Category\":\"bad_request\",\"Retryable\":false}}"

/* Small success bodies for the type and shape rows. */
#define R1 "\"RequestId\":\"R1\""
#define OUT_R1 "{\"RequestId\":\"R1\"}"
#define XRES(inner) XR("<Results><Result>" inner "</Result></Results>")
#define JRES(inner) "{" R1 ",\"Results\":{\"Result\":[{" inner "}]}}"

/* ------------------------------------------------------------------ the table */

static const row rows[] = {
    /* ---- documented success examples */
    Y("api-facts §4: newer AttachKeyPair XML example", XML,
      DOC_XML("AttachKeyPairResponse", ATTACH_RID), DOC_OUT(ATTACH_RID)),
    Y("api-facts §4: newer AttachKeyPair JSON example", JSON, DOC_JSON(ATTACH_RID),
      DOC_OUT(ATTACH_RID)),
    YA("api-facts §4: DetachKeyPair XML example (root and RequestId of the Detach page)", XML,
       DETACH, DOC_XML("DetachKeyPairResponse", DETACH_RID), DOC_OUT(DETACH_RID)),
    YA("api-facts §4: DetachKeyPair JSON example", JSON, DETACH, DOC_JSON(DETACH_RID),
       DOC_OUT(DETACH_RID)),
    Y("api-facts §4: XML example with the <?xml?> declaration real servers send", XML,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" DOC_XML("AttachKeyPairResponse", ATTACH_RID),
      DOC_OUT(ATTACH_RID)),
    Y("AttachKeyPair.reference.md: older RequestId-only XML example", XML, OLD_XML, OLD_OUT),
    Y("AttachKeyPair.reference.md: older RequestId-only JSON example", JSON, OLD_JSON, OLD_OUT),
    Y("AttachKeyPair.txt: JSON example as rendered there (one line)", JSON,
      "{\"RequestId\": \"" OLD_RID "\"}", OLD_OUT),
    YA("DetachKeyPair.txt: older-shape Detach body (RequestId only)", XML, DETACH,
       "<DetachKeyPairResponse><RequestId>" OLD_RID "</RequestId></DetachKeyPairResponse>",
       OLD_OUT),
    YA("DetachKeyPair.txt: example values, two Results, JSON types as published", JSON, DETACH,
       "{\"FailCount\":0,\"KeyPairName\":\"FinanceJoshuaV26\",\"RequestId\":\"" OLD_RID
       "\",\"Results\":{\"Result\":[" DPAGE_RESULT("i-instanceid1") "," DPAGE_RESULT(
           "i-instanceid2") "]},\"TotalCount\":2}",
       "{\"RequestId\":\"" OLD_RID "\",\"KeyPairName\":\"FinanceJoshuaV26\",\"TotalCount\":2,"
       "\"FailCount\":0,\"Results\":[" DPAGE_OUT_RESULT("i-instanceid1") "," DPAGE_OUT_RESULT(
           "i-instanceid2") "]}"),
    YA("DetachKeyPair.txt: example values with every field a String, as its table types them", JSON,
       DETACH,
       "{\"FailCount\":\"0\",\"KeyPairName\":\"FinanceJoshuaV26\",\"RequestId\":\"" OLD_RID
       "\",\"Results\":{\"Result\":[{\"Code\":\"200\",\"InstanceId\":\"i-instanceid1\","
       "\"Message\":\"successful\",\"Success\":\"true\"},{\"Code\":\"200\",\"InstanceId\":"
       "\"i-instanceid2\",\"Message\":\"successful\",\"Success\":\"true\"}]},\"TotalCount\":"
       "\"2\"}",
       "{\"RequestId\":\"" OLD_RID "\",\"KeyPairName\":\"FinanceJoshuaV26\",\"TotalCount\":2,"
       "\"FailCount\":0,\"Results\":[" DPAGE_OUT_RESULT("i-instanceid1") "," DPAGE_OUT_RESULT(
           "i-instanceid2") "]}"),
    YA("DetachKeyPair.txt: example values in XML", XML, DETACH,
       "<DetachKeyPairResponse><FailCount>0</FailCount><KeyPairName>FinanceJoshuaV26"
       "</KeyPairName><RequestId>" OLD_RID "</RequestId><Results><Result><Code>200</Code>"
       "<InstanceId>i-instanceid1</InstanceId><Message>successful</Message><Success>true"
       "</Success></Result><Result><Code>200</Code><InstanceId>i-instanceid2</InstanceId>"
       "<Message>successful</Message><Success>true</Success></Result></Results><TotalCount>2"
       "</TotalCount></DetachKeyPairResponse>",
       "{\"RequestId\":\"" OLD_RID "\",\"KeyPairName\":\"FinanceJoshuaV26\",\"TotalCount\":2,"
       "\"FailCount\":0,\"Results\":[" DPAGE_OUT_RESULT("i-instanceid1") "," DPAGE_OUT_RESULT(
           "i-instanceid2") "]}"),
    {"DetachKeyPair.txt: the example column as printed (TotalCount 2, one Result) is "
     "inconsistent",
     JSON, DETACH, 0, 0,
     "{\"FailCount\":0,\"KeyPairName\":\"FinanceJoshuaV26\",\"RequestId\":\"" OLD_RID
     "\",\"Results\":{\"Result\":[" DPAGE_RESULT("i-instanceid1") "]},\"TotalCount\":2}",
     ECSKP_ERR_INCONSISTENT_RESPONSE, NULL, "total_count_vs_results", NOOFF, NONE, 0, 0},
    {"DetachKeyPair.txt: the example column as printed, ALLOW_INCONSISTENT", JSON, DETACH, 0,
     ECSKP_DECODE_ALLOW_INCONSISTENT,
     "{\"FailCount\":0,\"KeyPairName\":\"FinanceJoshuaV26\",\"RequestId\":\"" OLD_RID
     "\",\"Results\":{\"Result\":[" DPAGE_RESULT("i-instanceid1") "]},\"TotalCount\":2}",
     ECSKP_OK,
     "{\"RequestId\":\"" OLD_RID "\",\"KeyPairName\":\"FinanceJoshuaV26\",\"TotalCount\":2,"
     "\"FailCount\":0,\"Results\":[" DPAGE_OUT_RESULT("i-instanceid1") "]}",
     NULL, 0, 0, ECSKP_INCONSISTENT_TOTAL_COUNT, 0},
    Y("api-facts §4: real servers send unindented XML", XML,
      "<AttachKeyPairResponse><RequestId>R1</RequestId><TotalCount>1</TotalCount><FailCount>0"
      "</FailCount><Results><Result><InstanceId>i-a</InstanceId><Code>200</Code><Message>"
      "successful</Message><Success>true</Success></Result></Results></AttachKeyPairResponse>",
      "{\"RequestId\":\"R1\",\"TotalCount\":1,\"FailCount\":0,\"Results\":[{\"InstanceId\":\"i-"
      "a\",\"Code\":\"200\",\"Message\":\"successful\",\"Success\":true}]}"),
    Y("api-facts §4: partial success, a Windows instance fails (HTTP 200, FailCount 1)", JSON,
      "{\"RequestId\":\"R1\",\"TotalCount\":2,\"FailCount\":1,\"Results\":{\"Result\":["
      "{\"InstanceId\":\"i-linux\",\"Code\":\"200\",\"Message\":\"successful\",\"Success\":true},"
      "{\"InstanceId\":\"i-windows\",\"Code\":\"DependencyViolation.WindowsInstance\","
      "\"Message\":\"The instance creating is windows, cannot use ssh key pair to login\","
      "\"Success\":false}]}}",
      "{\"RequestId\":\"R1\",\"TotalCount\":2,\"FailCount\":1,\"Results\":[{\"InstanceId\":\"i-"
      "linux\",\"Code\":\"200\",\"Message\":\"successful\",\"Success\":true},{\"InstanceId\":\"i-"
      "windows\",\"Code\":\"DependencyViolation.WindowsInstance\",\"Message\":\"The instance "
      "creating is windows, cannot use ssh key pair to login\",\"Success\":false}]}"),

    /* ---- documented error examples */
    Y("api-facts §5: JSON error example, status unknown", JSON, ERR_JSON, ERR_JSON_OUT("")),
    YH("api-facts §5: JSON error example with HTTP 404", JSON, 404, ERR_JSON,
       ERR_JSON_OUT("\"HttpStatus\":404,"), 0),
    YH("api-facts §5: XML error example with HTTP 400", XML, 400, ERR_XML,
       ERR_XML_OUT("\"HttpStatus\":400,"), 0),
    Y("api-facts §5: XML error example, status unknown", XML, ERR_XML, ERR_XML_OUT("")),
    Y("api-facts §5: permission error with AccessDeniedDetail (JSON)", JSON,
      "{\"RequestId\":\"R2\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden.RAM\","
      "\"Message\":\"User not authorized to operate on the specified resource.\","
      "\"AccessDeniedDetail\": {\"PolicyType\": \"AccountLevelIdentityBasedPolicy\", "
      "\"AuthPrincipalOwnerId\": \"1234567890\", \"AuthPrincipalType\": \"SubUser\", "
      "\"NoPermissionType\": \"ImplicitDeny\", \"AuthAction\": \"ecs:AttachKeyPair\"}}",
      "{\"Error\":{\"RequestId\":\"R2\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"Forbidden."
      "RAM\",\"Message\":\"User not authorized to operate on the specified resource.\","
      "\"AccessDeniedDetail\":{\"PolicyType\":\"AccountLevelIdentityBasedPolicy\","
      "\"AuthPrincipalOwnerId\":\"1234567890\",\"AuthPrincipalType\":\"SubUser\","
      "\"NoPermissionType\":\"ImplicitDeny\",\"AuthAction\":\"ecs:AttachKeyPair\"},"
      "\"Category\":\"auth\",\"Retryable\":false}}"),
    Y("api-facts §5: SignatureDoesNotMatch keeps the server StringToSign byte for byte", JSON,
      "{\"RequestId\":\"R3\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified "
      "signature is not matched with our calculation. server string to sign is:GET&%2F&"
      "AccessKeyId%3Dtestid\"}",
      "{\"Error\":{\"RequestId\":\"R3\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":"
      "\"Specified signature is not matched with our calculation. server string to sign is:"
      "GET&%2F&AccessKeyId%3Dtestid\",\"Category\":\"auth\",\"Retryable\":false}}"),

    /* ---- shapes (decode.h "Shapes") */
    Y("api-facts §6: a Code field alone does not make an error (Node SDK mistake)", JSON,
      "{\"RequestId\":\"R1\",\"Code\":\"200\"}", OUT_R1),
    Y("api-facts §6: Code 200 as a number does not make an error either", JSON,
      "{\"RequestId\":\"R1\",\"Code\":200}", OUT_R1),
    Y("decode.h shapes: Code 200 beside success fields", JSON,
      "{\"RequestId\":\"R1\",\"Code\":\"200\",\"TotalCount\":0,\"FailCount\":0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":0,\"FailCount\":0}"),
    N("decode.h shapes: a Code other than 200 beside success fields is inconsistent", JSON,
      "{\"RequestId\":\"R1\",\"Code\":\"InternalError\",\"KeyPairName\":\"k\"}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "code_in_success", NOOFF, NONE),
    YI("decode.h shapes: the same with ALLOW_INCONSISTENT", JSON,
       "{\"RequestId\":\"R1\",\"Code\":\"InternalError\",\"KeyPairName\":\"k\"}",
       "{\"RequestId\":\"R1\",\"KeyPairName\":\"k\"}", ECSKP_INCONSISTENT_TOP_CODE),
    Y("decode.h shapes: an error Code sent as a number is kept as decimal text", JSON,
      "{\"RequestId\":\"R4\",\"Code\":404,\"Message\":\"m\"}",
      "{\"Error\":{\"RequestId\":\"R4\",\"Code\":\"404\",\"Message\":\"m\",\"Category\":"
      "\"unknown\",\"Retryable\":false}}"),
    N("decode.h shapes: the top level is an array", JSON, "[{\"RequestId\":\"R1\"}]",
      ECSKP_ERR_WRONG_TYPE, "(root)", NOOFF, NONE),
    N("decode.h shapes: the top level is a string", JSON, "\"R1\"", ECSKP_ERR_WRONG_TYPE, "(root)",
      NOOFF, NONE),
    N("decode.h shapes: the top level is null", JSON, "null", ECSKP_ERR_WRONG_TYPE, "(root)", NOOFF,
      NONE),
    NA("decode.h shapes: DetachKeyPairResponse when AttachKeyPair was called", XML, ATTACH,
       "<DetachKeyPairResponse><RequestId>R1</RequestId></DetachKeyPairResponse>",
       ECSKP_ERR_WRONG_ROOT, "DetachKeyPairResponse"),
    NA("decode.h shapes: AttachKeyPairResponse when DetachKeyPair was called", XML, DETACH, OLD_XML,
       ECSKP_ERR_WRONG_ROOT, "AttachKeyPairResponse"),
    NA("decode.h shapes: some other root", XML, ATTACH,
       "<DescribeRegionsResponse><RequestId>R1</RequestId></DescribeRegionsResponse>",
       ECSKP_ERR_WRONG_ROOT, "DescribeRegionsResponse"),
    NA("decode.h shapes: root names are case-sensitive", XML, ATTACH,
       "<attachkeypairresponse><RequestId>R1</RequestId></attachkeypairresponse>",
       ECSKP_ERR_WRONG_ROOT, "attachkeypairresponse"),
    NA("decode.h shapes: a prefixed root never matches", XML, ATTACH,
       "<a:AttachKeyPairResponse xmlns:a=\"urn:x\"><RequestId>R1</RequestId>"
       "</a:AttachKeyPairResponse>",
       ECSKP_ERR_WRONG_ROOT, "a:AttachKeyPairResponse"),
    Y("decode.h shapes: a default namespace declaration is ignored", XML,
      "<AttachKeyPairResponse xmlns=\"http://ecs.aliyuncs.com/doc/2014-05-26/\"><RequestId>R1"
      "</RequestId></AttachKeyPairResponse>",
      OUT_R1),
    Y("decode.h shapes: a prefixed child is an unknown field", XML,
      "<AttachKeyPairResponse xmlns:a=\"urn:x\"><RequestId>R1</RequestId><a:TotalCount>x"
      "</a:TotalCount></AttachKeyPairResponse>",
      OUT_R1),
    Y("decode.h fields: an <Error> ignores success-only children", XML,
      "<Error><Code>Throttling</Code><TotalCount>x</TotalCount></Error>",
      "{\"Error\":{\"Code\":\"Throttling\",\"Category\":\"throttling\",\"Retryable\":true}}"),

    /* ---- HTTP status decisions (decode.h) */
    YH("decode.h status: 200 with a success body", JSON, 200, OLD_JSON, OLD_OUT, 0),
    YH("decode.h status: 204 is 2xx too", XML, 204, OLD_XML, OLD_OUT, 0),
    NH("decode.h status: 500 with a success body is refused", JSON, 500, OLD_JSON,
       ECSKP_ERR_STATUS_BODY_MISMATCH, ""),
    NH("decode.h status: 403 with a success body is refused (XML)", XML, 403, OLD_XML,
       ECSKP_ERR_STATUS_BODY_MISMATCH, ""),
    NH("decode.h status: 302 with a success body is refused", JSON, 302, OLD_JSON,
       ECSKP_ERR_STATUS_BODY_MISMATCH, ""),
    YH("decode.h status: 200 with an error body stays an error, flagged", JSON, 200, ERR_JSON,
       ERR_JSON_OUT("\"HttpStatus\":200,"), 1),
    YH("decode.h status: 200 with an XML <Error> stays an error, flagged", XML, 200, ERR_XML,
       ERR_XML_OUT("\"HttpStatus\":200,"), 1),
    YH("decode.h status: 503 with an error body", XML, 503,
       "<Error><RequestId>R5</RequestId><Code>ServiceUnavailable</Code></Error>",
       "{\"Error\":{\"HttpStatus\":503,\"RequestId\":\"R5\",\"Code\":\"ServiceUnavailable\","
       "\"Category\":\"server\",\"Retryable\":true}}",
       0),
    NH("decode.h status: 99 is not an HTTP status", JSON, 99, OLD_JSON, ECSKP_ERR_INVALID_ARGUMENT,
       "http_status"),
    NH("decode.h status: 600 is not an HTTP status", JSON, 600, OLD_JSON,
       ECSKP_ERR_INVALID_ARGUMENT, "http_status"),
    NH("decode.h status: a negative status", XML, -200, OLD_XML, ECSKP_ERR_INVALID_ARGUMENT,
       "http_status"),

    /* ---- count types (decode.h "Types"; api-facts §4 and §6) */
    Y("api-facts §4: TotalCount/FailCount as numbers", JSON,
      "{" R1 ",\"TotalCount\":0,\"FailCount\":0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":0,\"FailCount\":0}"),
    Y("api-facts §4: TotalCount/FailCount as strings (field tables type them String)", JSON,
      "{" R1 ",\"TotalCount\":\"0\",\"FailCount\":\"0\"}",
      "{\"RequestId\":\"R1\",\"TotalCount\":0,\"FailCount\":0}"),
    Y("decode.h types: the largest count 2147483647 as a number", JSON,
      "{" R1 ",\"TotalCount\":2147483647}", "{\"RequestId\":\"R1\",\"TotalCount\":2147483647}"),
    Y("decode.h types: the largest count as a string", JSON,
      "{" R1 ",\"TotalCount\":\"2147483647\"}", "{\"RequestId\":\"R1\",\"TotalCount\":2147483647}"),
    Y("decode.h types: the largest count as XML text", XML,
      XR("<TotalCount>2147483647</TotalCount>"),
      "{\"RequestId\":\"R1\",\"TotalCount\":2147483647}"),
    N("decode.h types: 2147483648 as a number", JSON, "{" R1 ",\"TotalCount\":2147483648}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: 2147483648 as a string", JSON, "{" R1 ",\"FailCount\":\"2147483648\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NOOFF, NONE),
    N("decode.h types: 2147483648 as XML text", XML, XR("<TotalCount>2147483648</TotalCount>"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", ANY_OFFSET, NONE),
    N("decode.h types: 99999999999999999999999 as XML text (no overflow)", XML,
      XR("<FailCount>99999999999999999999999</FailCount>"), ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "FailCount", ANY_OFFSET, NONE),
    N("decode.h types: \"TotalCount\": -1", JSON, "{" R1 ",\"TotalCount\":-1}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: \"TotalCount\": \"-1\"", JSON, "{" R1 ",\"TotalCount\":\"-1\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: <FailCount>-1</FailCount>", XML, XR("<FailCount>-1</FailCount>"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", ANY_OFFSET, NONE),
    N("decode.h types: 1e999 (cJSON gives infinity)", JSON, "{" R1 ",\"TotalCount\":1e999}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: -1e999", JSON, "{" R1 ",\"FailCount\":-1e999}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NOOFF, NONE),
    N("decode.h types: a fractional count", JSON, "{" R1 ",\"TotalCount\":1.5}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: a fractional count as a string", JSON, "{" R1 ",\"TotalCount\":\"1.5\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    N("decode.h types: an exponent in a count string", JSON, "{" R1 ",\"TotalCount\":\"2e0\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NOOFF, NONE),
    Y("decode.h types: a JSON number is judged by value (2.0)", JSON, "{" R1 ",\"TotalCount\":2.0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":2}"),
    Y("decode.h types: a JSON number is judged by value (2e0)", JSON, "{" R1 ",\"TotalCount\":2e0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":2}"),
    Y("decode.h types: -0 is 0", JSON, "{" R1 ",\"FailCount\":-0}",
      "{\"RequestId\":\"R1\",\"FailCount\":0}"),
    N("decode.h types: leading zeros in a count string are refused", JSON,
      "{" R1 ",\"TotalCount\":\"007\"}", ECSKP_ERR_WRONG_TYPE, "TotalCount", NOOFF, NONE),
    N("decode.h types: leading zeros in XML count text are refused", XML,
      XR("<TotalCount>02</TotalCount>"), ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NONE),
    Y("decode.h types: \"0\" is not a leading zero", XML, XR("<FailCount>0</FailCount>"),
      "{\"RequestId\":\"R1\",\"FailCount\":0}"),
    N("decode.h types: white space around count digits", XML, XR("<TotalCount> 2</TotalCount>"),
      ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NONE),
    N("decode.h types: an empty count string", JSON, "{" R1 ",\"TotalCount\":\"\"}",
      ECSKP_ERR_WRONG_TYPE, "TotalCount", NOOFF, NONE),
    N("decode.h types: an empty count element", XML, XR("<FailCount/>"), ECSKP_ERR_WRONG_TYPE,
      "FailCount", ANY_OFFSET, NONE),
    N("decode.h types: a count spelled in words", XML, XR("<TotalCount>two</TotalCount>"),
      ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NONE),
    N("decode.h types: a plus sign in a count string", JSON, "{" R1 ",\"TotalCount\":\"+2\"}",
      ECSKP_ERR_WRONG_TYPE, "TotalCount", NOOFF, NONE),
    N("decode.h types: a boolean count", JSON, "{" R1 ",\"TotalCount\":true}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: a null count", JSON, "{" R1 ",\"FailCount\":null}", ECSKP_ERR_WRONG_TYPE,
      "FailCount", NOOFF, NONE),
    N("decode.h types: an object count", JSON, "{" R1 ",\"TotalCount\":{}}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: an array count", JSON, "{" R1 ",\"TotalCount\":[2]}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: a count element with a child element", XML,
      XR("<TotalCount><n>2</n></TotalCount>"), ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET,
      NONE),

    /* ---- Success types */
    Y("api-facts §4: Success as the string \"true\"", JSON, JRES("\"Success\":\"true\""),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Success\":true}]}"),
    Y("api-facts §4: Success as the string \"false\"", JSON, JRES("\"Success\":\"false\""),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Success\":false}]}"),
    Y("api-facts §4: Success false as a boolean", JSON, JRES("\"Success\":false"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Success\":false}]}"),
    Y("api-facts §4: <Success>false</Success>", XML, XRES("<Success>false</Success>"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Success\":false}]}"),
    N("decode.h types: Success \"True\" (case matters)", JSON, JRES("\"Success\":\"True\""),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", NOOFF, 0),
    N("decode.h types: <Success>TRUE</Success>", XML, XRES("<Success>TRUE</Success>"),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", ANY_OFFSET, 0),
    N("decode.h types: Success as the number 1", JSON, JRES("\"Success\":1"), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NOOFF, 0),
    N("decode.h types: <Success>1</Success>", XML, XRES("<Success>1</Success>"),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", ANY_OFFSET, 0),
    N("decode.h types: Success null", JSON, JRES("\"Success\":null"), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NOOFF, 0),
    N("decode.h types: Success \"yes\"", JSON, JRES("\"Success\":\"yes\""), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NOOFF, 0),

    /* ---- Code and string types */
    Y("api-facts §4: Result Code as a number", JSON, JRES("\"Code\":200,\"Success\":true"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\",\"Success\":true}]}"),
    N("decode.h types: a fractional Code", JSON, JRES("\"Code\":200.5"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Result.Code", NOOFF, 0),
    N("decode.h types: a Code beyond 2^53", JSON, "{\"Code\":1e300,\"Message\":\"m\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NOOFF, NONE),
    N("decode.h types: a boolean Code", JSON, JRES("\"Code\":true"), ECSKP_ERR_WRONG_TYPE,
      "Result.Code", NOOFF, 0),
    N("decode.h types: a null top-level Code", JSON, "{\"Code\":null,\"RequestId\":\"R1\"}",
      ECSKP_ERR_WRONG_TYPE, "Code", NOOFF, NONE),
    N("decode.h types: an object top-level Code", JSON, "{\"Code\":{},\"RequestId\":\"R1\"}",
      ECSKP_ERR_WRONG_TYPE, "Code", NOOFF, NONE),
    N("api-facts §6: a number where RequestId is a string", JSON, "{\"RequestId\":12345}",
      ECSKP_ERR_WRONG_TYPE, "RequestId", NOOFF, NONE),
    N("api-facts §6: a non-scalar where a string is expected (C++ SDK crash)", JSON,
      "{\"RequestId\":{\"x\":1}}", ECSKP_ERR_WRONG_TYPE, "RequestId", NOOFF, NONE),
    N("api-facts §6: an array where a string is expected", JSON, "{" R1 ",\"KeyPairName\":[\"k\"]}",
      ECSKP_ERR_WRONG_TYPE, "KeyPairName", NOOFF, NONE),
    N("decode.h types: a null string field", JSON, "{" R1 ",\"KeyPairName\":null}",
      ECSKP_ERR_WRONG_TYPE, "KeyPairName", NOOFF, NONE),
    N("decode.h types: a boolean InstanceId", JSON, JRES("\"InstanceId\":false"),
      ECSKP_ERR_WRONG_TYPE, "Result.InstanceId", NOOFF, 0),
    N("decode.h types: a number Message in an error", JSON,
      "{\"Code\":\"Throttling\",\"Message\":5}", ECSKP_ERR_WRONG_TYPE, "Message", NOOFF, NONE),
    N("decode.h types: a number HostId in an error", JSON, "{\"Code\":\"Throttling\",\"HostId\":5}",
      ECSKP_ERR_WRONG_TYPE, "HostId", NOOFF, NONE),
    N("decode.h types: an XML string field with a child element", XML,
      XR("<KeyPairName>k<b/></KeyPairName>"), ECSKP_ERR_WRONG_TYPE, "KeyPairName", ANY_OFFSET,
      NONE),
    N("decode.h types: an XML Result field with a child element", XML,
      XRES("<InstanceId><id>i-a</id></InstanceId>"), ECSKP_ERR_WRONG_TYPE, "Result.InstanceId",
      ANY_OFFSET, 0),
    Y("decode.h types: XML text keeps entities, character references and CDATA", XML,
      XR("<KeyPairName>a&amp;b&lt;&#x41;&#66;<![CDATA[<c>&]]>d</KeyPairName>"),
      "{\"RequestId\":\"R1\",\"KeyPairName\":\"a&b<AB<c>&d\"}"),
    Y("decode.h types: XML comments and PIs inside text are skipped", XML,
      XR("<KeyPairName>ab<!-- c --><?pi x?>cd</KeyPairName>"),
      "{\"RequestId\":\"R1\",\"KeyPairName\":\"abcd\"}"),
    Y("decode.h types: XML text is not trimmed", XML, XR("<KeyPairName> k\n</KeyPairName>"),
      "{\"RequestId\":\"R1\",\"KeyPairName\":\" k\\u000a\"}"),
    Y("decode.h types: XML attributes are ignored", XML,
      "<AttachKeyPairResponse a=\"1\"><RequestId b=\"2\">R1</RequestId></AttachKeyPairResponse>",
      OUT_R1),
    Y("ecskp_response_to_json: escapes quote, backslash and control bytes; UTF-8 kept raw", JSON,
      "{\"RequestId\":\"q\\\"b\\\\t\\tn\\n\\u0001\\u001f\\/ \xc3\xa9 \\u00e9 \\ud83d\\ude00\"}",
      "{\"RequestId\":\"q\\\"b\\\\t\\u0009n\\u000a\\u0001\\u001f/ \xc3\xa9 \xc3\xa9 "
      "\xf0\x9f\x98\x80\"}"),

    /* ---- Results: implementation-defined cases (decode.h "Results") */
    Y("decode.h results: Results absent", JSON, "{" R1 ",\"TotalCount\":2,\"FailCount\":0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":2,\"FailCount\":0}"),
    Y("decode.h results: Results absent (XML)", XML,
      XR("<TotalCount>2</TotalCount><FailCount>1</FailCount>"),
      "{\"RequestId\":\"R1\",\"TotalCount\":2,\"FailCount\":1}"),
    Y("decode.h results: Results {} is present and empty", JSON, "{" R1 ",\"Results\":{}}",
      "{\"RequestId\":\"R1\",\"Results\":[]}"),
    Y("decode.h results: Result [] is present and empty", JSON,
      "{" R1 ",\"Results\":{\"Result\":[]}}", "{\"RequestId\":\"R1\",\"Results\":[]}"),
    Y("decode.h results: <Results/> is present and empty", XML, XR("<Results/>"),
      "{\"RequestId\":\"R1\",\"Results\":[]}"),
    Y("decode.h results: <Results></Results> is present and empty", XML,
      XR("<Results>\n  </Results>"), "{\"RequestId\":\"R1\",\"Results\":[]}"),
    Y("api-facts §4 / decode.h results: a single Result object (XML-to-JSON converters)", JSON,
      "{" R1 ",\"TotalCount\":1,\"Results\":{\"Result\":{\"InstanceId\":\"i-a\",\"Code\":\"200\","
      "\"Success\":true}}}",
      "{\"RequestId\":\"R1\",\"TotalCount\":1,\"Results\":[{\"InstanceId\":\"i-a\",\"Code\":"
      "\"200\",\"Success\":true}]}"),
    Y("decode.h results: Results as a bare array", JSON,
      "{" R1 ",\"Results\":[{\"InstanceId\":\"i-a\"},{\"InstanceId\":\"i-b\"}]}",
      "{\"RequestId\":\"R1\",\"Results\":[{\"InstanceId\":\"i-a\"},{\"InstanceId\":\"i-b\"}]}"),
    N("decode.h results: Results null", JSON, "{" R1 ",\"Results\":null}", ECSKP_ERR_WRONG_TYPE,
      "Results", NOOFF, NONE),
    N("decode.h results: Result null", JSON, "{" R1 ",\"Results\":{\"Result\":null}}",
      ECSKP_ERR_WRONG_TYPE, "Result", NOOFF, NONE),
    N("decode.h results: Results a string", JSON, "{" R1 ",\"Results\":\"none\"}",
      ECSKP_ERR_WRONG_TYPE, "Results", NOOFF, NONE),
    N("decode.h results: a Result entry that is not an object", JSON,
      "{" R1 ",\"Results\":{\"Result\":[{},\"i-b\"]}}", ECSKP_ERR_WRONG_TYPE, "Result", NOOFF, 1),
    N("decode.h results: Result twice in Results", JSON,
      "{" R1 ",\"Results\":{\"Result\":[],\"Result\":[]}}", ECSKP_ERR_DUPLICATE_FIELD, "Result",
      NOOFF, NONE),
    Y("decode.h results: unknown members of Results are ignored", JSON,
      "{" R1 ",\"Results\":{\"Next\":1,\"Result\":[{\"Code\":\"200\"}]}}",
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\"}]}"),
    Y("decode.h results: XML children of <Results> other than <Result> are ignored", XML,
      XR("<Results><Note>x</Note><Result><Code>200</Code></Result></Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\"}]}"),
    Y("decode.h results: a <Result> outside <Results> is an unknown field", XML,
      XR("<Result><Code>200</Code></Result>"), OUT_R1),
    Y("decode.h results: a Result without Success, Code 200 (counted as success)", JSON,
      "{" R1 ",\"FailCount\":0,\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\",\"Code\":"
      "\"200\"}]}}",
      "{\"RequestId\":\"R1\",\"FailCount\":0,\"Results\":[{\"InstanceId\":\"i-a\",\"Code\":"
      "\"200\"}]}"),
    Y("decode.h results: a Result without Success, Code other than 200 (counted as failed)", XML,
      XR("<FailCount>1</FailCount><Results><Result><InstanceId>i-a</InstanceId><Code>Busy"
         "</Code></Result></Results>"),
      "{\"RequestId\":\"R1\",\"FailCount\":1,\"Results\":[{\"InstanceId\":\"i-a\",\"Code\":"
      "\"Busy\"}]}"),
    N("decode.h results: a Result without Success or Code is never assumed successful", JSON,
      "{" R1 ",\"FailCount\":0,\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\"}]}}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "fail_count_vs_results", NOOFF, NONE),
    Y("decode.h results: a Result without Code keeps Success", JSON,
      "{" R1 ",\"FailCount\":0,\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\",\"Success\":"
      "true}]}}",
      "{\"RequestId\":\"R1\",\"FailCount\":0,\"Results\":[{\"InstanceId\":\"i-a\",\"Success\":"
      "true}]}"),
    Y("decode.h results: an empty Result", XML, XR("<Results><Result/></Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{}]}"),

    /* ---- other implementation-defined cases */
    Y("decode.h: an empty RequestId is kept as \"\"", JSON, "{\"RequestId\":\"\"}",
      "{\"RequestId\":\"\"}"),
    Y("decode.h: <RequestId/> is kept as \"\"", XML,
      "<AttachKeyPairResponse><RequestId/></AttachKeyPairResponse>", "{\"RequestId\":\"\"}"),
    Y("decode.h: a UTF-8 BOM before JSON is skipped", JSON, "\xef\xbb\xbf" OLD_JSON, OLD_OUT),
    Y("decode.h: a UTF-8 BOM before XML is allowed", XML, "\xef\xbb\xbf" OLD_XML, OLD_OUT),
    Y("decode.h: a UTF-8 BOM before an XML declaration", XML,
      "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>" OLD_XML, OLD_OUT),
    Y("decode.h: encoding names are case-insensitive (utf-8, single quotes)", XML,
      "<?xml version='1.0' encoding = 'utf-8' ?>" OLD_XML, OLD_OUT),
    Y("decode.h: comments, PIs and white space around the XML root", XML,
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<?pi x?>" OLD_XML "\n<!-- after -->\n<?pi y?>\n",
      OLD_OUT),
    Y("decode.h: white space around a JSON body", JSON, " \t\r\n" OLD_JSON " \n\t", OLD_OUT),
    N("decode.h: a success body without RequestId", JSON, "{}", ECSKP_ERR_MISSING_FIELD,
      "RequestId", NOOFF, NONE),
    N("decode.h: a success XML body without RequestId", XML,
      "<AttachKeyPairResponse><TotalCount>0</TotalCount></AttachKeyPairResponse>",
      ECSKP_ERR_MISSING_FIELD, "RequestId", NOOFF, NONE),
    N("decode.h: names are case-sensitive (requestid is unknown)", JSON, "{\"requestid\":\"R1\"}",
      ECSKP_ERR_MISSING_FIELD, "RequestId", NOOFF, NONE),
    Y("decode.h: a wrongly cased count is an unknown field", JSON,
      "{" R1 ",\"totalcount\":\"x\",\"TOTALCOUNT\":[]}", OUT_R1),
    N("decode.h: an <Error> without Code", XML, "<Error><RequestId>R1</RequestId></Error>",
      ECSKP_ERR_MISSING_FIELD, "Code", NOOFF, NONE),
    N("decode.h: an <Error> with an empty Code", XML, "<Error><Code/></Error>",
      ECSKP_ERR_MISSING_FIELD, "Code", NOOFF, NONE),
    N("decode.h: a JSON error with an empty Code", JSON, "{\"Code\":\"\",\"Message\":\"m\"}",
      ECSKP_ERR_MISSING_FIELD, "Code", NOOFF, NONE),
    N("decode.h: an <Error> with Code 200", XML, "<Error><Code>200</Code></Error>",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "Code", NOOFF, NONE),
    Y("decode.h: unknown fields are ignored, however deep", JSON,
      "{\"Extra\":{\"a\":[1,{\"b\":null}]}," R1 ",\"More\":[[]],\"Extra\":0}", OUT_R1),
    Y("decode.h: unknown XML elements are ignored, however deep", XML,
      XR("<Extra><a><b>1</b><RequestId>dup?</RequestId></a></Extra>"), OUT_R1),
    Y("decode.h: key order is irrelevant", JSON,
      "{\"FailCount\":0,\"Results\":{\"Result\":[{\"Success\":true,\"Code\":\"200\","
      "\"InstanceId\":\"i-a\",\"Message\":\"m\"}]},\"KeyPairName\":\"k\",\"TotalCount\":1,"
      "\"RequestId\":\"R1\"}",
      "{\"RequestId\":\"R1\",\"KeyPairName\":\"k\",\"TotalCount\":1,\"FailCount\":0,"
      "\"Results\":[{\"InstanceId\":\"i-a\",\"Code\":\"200\",\"Message\":\"m\",\"Success\":"
      "true}]}"),
    Y("decode.h: JSON AccessDeniedDetail of any JSON content, kept compact", JSON,
      "{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{ \"a\" : [ 1 , -2 , 2.5 , true , "
      "false , null , { } , [ ] ] , \"b\":{\"c\":\"\\n\"}}}",
      "{\"Error\":{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{\"a\":[1,-2,2.5,true,"
      "false,null,{},[]],\"b\":{\"c\":\"\\u000a\"}},\"Category\":\"auth\",\"Retryable\":false}}"),
    Y("decode.h: <AccessDeniedDetail/> is an empty object", XML,
      "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail/></Error>",
      "{\"Error\":{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{},\"Category\":\"auth\","
      "\"Retryable\":false}}"),
    N("decode.h: AccessDeniedDetail that is not an object", JSON,
      "{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":\"denied\"}", ECSKP_ERR_WRONG_TYPE,
      "AccessDeniedDetail", NOOFF, NONE),
    N("decode.h: XML AccessDeniedDetail with a grandchild element", XML,
      "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A><B>x</B></A>"
      "</AccessDeniedDetail></Error>",
      ECSKP_ERR_WRONG_TYPE, "AccessDeniedDetail", ANY_OFFSET, NONE),
    N("decode.h: a repeated name in AccessDeniedDetail (JSON)", JSON,
      "{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{\"A\":\"1\",\"B\":\"2\",\"A\":\"3\"}}",
      ECSKP_ERR_DUPLICATE_FIELD, "AccessDeniedDetail", NOOFF, NONE),
    N("decode.h: a repeated name in AccessDeniedDetail (XML)", XML,
      "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A>1</A><A>2</A>"
      "</AccessDeniedDetail></Error>",
      ECSKP_ERR_DUPLICATE_FIELD, "AccessDeniedDetail", ANY_OFFSET, NONE),

    /* ---- numbers judged by their digits (decode.h types; fields.c dec_number_integer): no
     * double in between, so 2^53 + 1 is not 2^53, and no locale. */
    N("decode.h types: a Code of 2^53 + 1 (a double would round it to 2^53)", JSON,
      "{\"Code\":9007199254740993}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NOOFF, NONE),
    Y("decode.h types: a Code of 2^53 is an error with that code", JSON,
      "{\"Code\":9007199254740992}",
      "{\"Error\":{\"Code\":\"9007199254740992\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    Y("decode.h types: a Code of -2^53 is an error with that code", JSON,
      "{\"Code\":-9007199254740992}",
      "{\"Error\":{\"Code\":\"-9007199254740992\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Code of -2^53 - 1", JSON, "{\"Code\":-9007199254740993}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NOOFF, NONE),
    Y("decode.h types: a Code of 2^53 spelled with a fraction and an exponent", JSON,
      "{\"Code\":9.007199254740992000e15}",
      "{\"Error\":{\"Code\":\"9007199254740992\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Code of 24 digits (no overflow)", JSON,
      "{\"Code\":100000000000000000000000}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NOOFF, NONE),
    Y("decode.h types: a Code of -0 is \"0\"", JSON, "{\"Code\":-0}",
      "{\"Error\":{\"Code\":\"0\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Result Code 200.0000000000000001 (a double would make it 200)", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":200.0000000000000001}]}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Result.Code", NOOFF, 0),
    Y("decode.h types: a Result Code 2e2 is kept as \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":2e2}]}",
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\"}]}"),
    Y("decode.h types: a top-level Code 2e2 is \"200\", so the body is a success", JSON,
      "{\"Code\":2e2,\"RequestId\":\"r\"}", "{\"RequestId\":\"r\"}"),
    Y("decode.h types: a Result Code 20000e-2 is \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":20000e-2,\"Success\":true}]}",
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\",\"Success\":true}]}"),
    N("decode.h types: a count of 1e-400 (a double would make it 0)", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e-400}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount",
      NOOFF, NONE),
    Y("decode.h types: a count of 2147483647 (numbers by digits)", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":2147483647}",
      "{\"RequestId\":\"r\",\"TotalCount\":2147483647}"),
    N("decode.h types: a count of 2147483648 (numbers by digits)", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":2147483648}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NOOFF, NONE),
    Y("decode.h types: a count of 20e-1 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":20e-1}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 0.2e1 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":0.2e1}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 2E+0 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":2E+0}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 2.000 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":2.000}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of -0 is 0", JSON, "{\"RequestId\":\"r\",\"TotalCount\":-0}",
      "{\"RequestId\":\"r\",\"TotalCount\":0}"),
    Y("decode.h types: a count of -0.0e-5 is 0", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":-0.0e-5}", "{\"RequestId\":\"r\",\"FailCount\":0}"),
    Y("decode.h types: a count of 0e9999999999 is 0", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":0e9999999999}", "{\"RequestId\":\"r\",\"FailCount\":0}"),
    N("decode.h types: a count of 1e9999999999", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e9999999999}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: a count of 1e-9999999999", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e-9999999999}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NOOFF, NONE),
    Y("decode.h types: a count of 21474836470e-1 is 2147483647", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":21474836470e-1}",
      "{\"RequestId\":\"r\",\"TotalCount\":2147483647}"),
    N("decode.h types: a count of 214748364.8e1 is 2147483648", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":214748364.8e1}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: a count of 2147483646.5", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":2147483646.5}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NOOFF, NONE),
    N("decode.h types: a count of -1e0", JSON, "{\"RequestId\":\"r\",\"FailCount\":-1e0}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NOOFF, NONE),
    Y("decode.h: AccessDeniedDetail numbers are kept exactly as the body spells them", JSON,
      "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.50,\"B\":-0,\"C\":1e999}}",
      "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":1.50,\"B\":-0,\"C\":1e999},"
      "\"Category\":\"unknown\",\"Retryable\":false}}"),
    Y("decode.h: AccessDeniedDetail numbers nested, with exponents, kept as spelled", JSON,
      "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1E+2, -0.0e-0, 9007199254740993],"
      "\"B\":{\"C\":1e-400}}}",
      "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":[1E+2,-0.0e-0,9007199254740993],"
      "\"B\":{\"C\":1e-400}},\"Category\":\"unknown\",\"Retryable\":false}}"),

    /* ---- a string whose first character is U+0001: JSON spells it `\u0001`, which cJSON
     * decodes to the byte the pre-scan uses to tag numbers (json_scan.c); decode.h: strings
     * are strings (only NUL is refused), AccessDeniedDetail strings are escaped as
     * ecskp_response_to_json() does. */
    Y("decode.h types: a RequestId that starts with \\u0001 is a string", JSON,
      "{\"RequestId\":\"\\u0001x\"}", "{\"RequestId\":\"\\u0001x\"}"),
    N("decode.h types: a count string \"\\u00012\" is not decimal digits", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":\"\\u00012\"}", ECSKP_ERR_WRONG_TYPE, "TotalCount",
      NOOFF, NONE),
    N("decode.h types: a count string \"\\u0001\" is not decimal digits", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":\"\\u0001\"}", ECSKP_ERR_WRONG_TYPE, "FailCount", NOOFF,
      NONE),
    Y("decode.h types: a Code string \"\\u0001abc\" is kept as a string", JSON,
      "{\"Code\":\"\\u0001abc\"}",
      "{\"Error\":{\"Code\":\"\\u0001abc\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Result Code \"\\u0001200\" is not \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"\\u0001200\",\"Success\":true}]}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "success_vs_code", NOOFF, 0),
    Y("decode.h: an AccessDeniedDetail string that starts with \\u0001 stays a string", JSON,
      "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"\\u00011,\\\"x\\\":2\"}}",
      "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"\\u00011,\\\"x\\\":2\"},"
      "\"Category\":\"unknown\",\"Retryable\":false}}"),
    Y("decode.h: an AccessDeniedDetail string \"\\u0001}\" keeps the text valid JSON", JSON,
      "{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"\\u0001}\"}}",
      "{\"Error\":{\"Code\":\"c\",\"AccessDeniedDetail\":{\"A\":\"\\u0001}\"},"
      "\"Category\":\"unknown\",\"Retryable\":false}}"),

    /* ---- issue F10: names of one character (and none) are unknown fields; the lookup reads
     * nothing past the name (run_row gives the body an exact-size heap copy, and cJSON's keys
     * are exact-size allocations of their own) */
    Y("issue F10: a one-character JSON name before RequestId", JSON,
      "{\"R\":1,\"RequestId\":\"x\"}", "{\"RequestId\":\"x\"}"),
    Y("issue F10: a one-character JSON name at the end of the body", JSON,
      "{\"RequestId\":\"x\",\"R\":\"\"}", "{\"RequestId\":\"x\"}"),
    Y("issue F10: an empty JSON name", JSON, "{\"\":1,\"RequestId\":\"x\"}",
      "{\"RequestId\":\"x\"}"),
    Y("issue F10: one-character names in an error body", JSON,
      "{\"C\":1,\"Code\":\"c\",\"M\":\"m\",\"H\":\"h\"}",
      "{\"Error\":{\"Code\":\"c\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    Y("issue F10: one-character names in a Result", JSON,
      "{\"RequestId\":\"x\",\"Results\":[{\"C\":1,\"S\":true,\"I\":\"i\",\"M\":\"m\"}]}",
      "{\"RequestId\":\"x\",\"Results\":[{}]}"),
    Y("issue F10: <R/> inside the root", XML,
      "<AttachKeyPairResponse><R/><RequestId>x</RequestId></AttachKeyPairResponse>",
      "{\"RequestId\":\"x\"}"),
    Y("issue F10: <R>text</R> after RequestId", XML,
      "<AttachKeyPairResponse><RequestId>x</RequestId><R>1</R></AttachKeyPairResponse>",
      "{\"RequestId\":\"x\"}"),
    Y("issue F10: one-character elements in an XML error and a Result", XML,
      "<Error><C>1</C><Code>c</Code><M/></Error>",
      "{\"Error\":{\"Code\":\"c\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    Y("issue F10: one-character elements in an XML Result", XML,
      XR("<Results><Result><C>1</C><S>true</S><I/></Result></Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{}]}"),
    N("issue F10: a one-character XML root", XML, "<R/>", ECSKP_ERR_WRONG_ROOT, "R", ANY_OFFSET,
      NONE),

    /* ---- duplicated known fields */
    N("decode.h: RequestId twice (cJSON keeps both)", JSON,
      "{\"RequestId\":\"R1\",\"RequestId\":\"R2\"}", ECSKP_ERR_DUPLICATE_FIELD, "RequestId", NOOFF,
      NONE),
    N("decode.h: TotalCount twice", JSON, "{" R1 ",\"TotalCount\":1,\"TotalCount\":2}",
      ECSKP_ERR_DUPLICATE_FIELD, "TotalCount", NOOFF, NONE),
    N("decode.h: Results twice", JSON, "{" R1 ",\"Results\":{},\"Results\":[]}",
      ECSKP_ERR_DUPLICATE_FIELD, "Results", NOOFF, NONE),
    N("decode.h: Code twice at the top level", JSON, "{\"Code\":\"A\",\"Code\":\"B\"}",
      ECSKP_ERR_DUPLICATE_FIELD, "Code", NOOFF, NONE),
    N("decode.h: Success twice in the second Result", JSON,
      "{" R1 ",\"Results\":[{\"Success\":true},{\"Success\":true,\"Success\":false}]}",
      ECSKP_ERR_DUPLICATE_FIELD, "Result.Success", NOOFF, 1),
    N("decode.h: <RequestId> twice", XML,
      "<AttachKeyPairResponse><RequestId>R1</RequestId><RequestId>R2</RequestId>"
      "</AttachKeyPairResponse>",
      ECSKP_ERR_DUPLICATE_FIELD, "RequestId", ANY_OFFSET, NONE),
    N("decode.h: <Results> twice", XML, XR("<Results/><Results/>"), ECSKP_ERR_DUPLICATE_FIELD,
      "Results", ANY_OFFSET, NONE),
    N("decode.h: <Code> twice in a Result", XML, XRES("<Code>200</Code><Code>500</Code>"),
      ECSKP_ERR_DUPLICATE_FIELD, "Result.Code", ANY_OFFSET, 0),
    N("decode.h: <Message> twice in an Error", XML,
      "<Error><Code>X</Code><Message>a</Message><Message>b</Message></Error>",
      ECSKP_ERR_DUPLICATE_FIELD, "Message", ANY_OFFSET, NONE),
    Y("decode.h: a field may repeat in different Results", XML,
      XR("<Results><Result><Code>200</Code></Result><Result><Code>200</Code></Result>"
         "</Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\"},{\"Code\":\"200\"}]}"),

    /* ---- consistency checks (decode.h) */
    N("decode.h consistency: FailCount > TotalCount", JSON,
      "{" R1 ",\"TotalCount\":1,\"FailCount\":2}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_exceeds_total", NOOFF, NONE),
    YI("decode.h consistency: FailCount > TotalCount allowed", JSON,
       "{" R1 ",\"TotalCount\":1,\"FailCount\":2}",
       "{\"RequestId\":\"R1\",\"TotalCount\":1,\"FailCount\":2}",
       ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL),
    N("decode.h consistency: TotalCount 3 with two Results (XML)", XML,
      XR("<TotalCount>3</TotalCount><Results><Result/><Result/></Results>"),
      ECSKP_ERR_INCONSISTENT_RESPONSE, "total_count_vs_results", NOOFF, NONE),
    N("decode.h consistency: FailCount 1 when every Result succeeded", JSON,
      "{" R1 ",\"FailCount\":1,\"Results\":[{\"Success\":true}]}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_vs_results", NOOFF, NONE),
    N("decode.h consistency: Success true with Code 500 in the second Result", JSON,
      "{" R1 ",\"Results\":[{\"Success\":true,\"Code\":\"200\"},{\"Success\":true,\"Code\":"
      "\"500\"}]}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "success_vs_code", NOOFF, 1),
    N("decode.h consistency: Success false with Code 200", XML,
      XRES("<Success>false</Success><Code>200</Code>"), ECSKP_ERR_INCONSISTENT_RESPONSE,
      "success_vs_code", NOOFF, 0),
    YI("decode.h consistency: Success false with Code 200 allowed", XML,
       XRES("<Success>false</Success><Code>200</Code>"),
       "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\",\"Success\":false}]}",
       ECSKP_INCONSISTENT_SUCCESS_CODE),
    N("decode.h consistency: the first failing check in order is reported", JSON,
      "{" R1 ",\"TotalCount\":1,\"FailCount\":2,\"Results\":[]}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_exceeds_total", NOOFF, NONE),
    YI("decode.h consistency: every failing check has its bit", JSON,
       "{" R1 ",\"Code\":\"Busy\",\"TotalCount\":1,\"FailCount\":2,\"Results\":[{\"Success\":"
       "true,\"Code\":\"500\"},{\"Success\":true}]}",
       "{\"RequestId\":\"R1\",\"TotalCount\":1,\"FailCount\":2,\"Results\":[{\"Code\":\"500\","
       "\"Success\":true},{\"Success\":true}]}",
       ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL | ECSKP_INCONSISTENT_TOTAL_COUNT |
           ECSKP_INCONSISTENT_FAIL_COUNT | ECSKP_INCONSISTENT_SUCCESS_CODE |
           ECSKP_INCONSISTENT_TOP_CODE),
    Y("decode.h consistency: counts without Results are not compared with Results", JSON,
      "{" R1 ",\"TotalCount\":50,\"FailCount\":3}",
      "{\"RequestId\":\"R1\",\"TotalCount\":50,\"FailCount\":3}"),
    Y("decode.h consistency: Results without counts", XML,
      XRES("<Success>false</Success><Code>Busy</Code>"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"Busy\",\"Success\":false}]}"),
};

/* ------------------------------------------------------------------ row runner */

static size_t body_len(const row *r) {
    return strlen(r->body);
}

static void run_row(void **state) {
    const row *r = *state;
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = r->action != 0 ? r->action : ATTACH;
    o.format = r->format;
    o.http_status = r->http;
    o.flags = r->flags;
    ecskp_response *resp = (ecskp_response *)(uintptr_t)1; /* must be overwritten */
    ecskp_diag d;
    size_t len = body_len(r);
    /* An exact-size heap copy, so that a read past the end shows under a sanitizer. */
    char *body = malloc(len);
    assert_non_null(body);
    memcpy(body, r->body, len);
    ecskp_status rc = ecskp_decode(body, len, &o, &resp, &d);
    free(body);
    print_message("source: %s\n", r->source);
    if (rc != r->want)
        print_error("got %s (%s: %s), want %s\n", ecskp_status_name(rc), d.field, d.message,
                    ecskp_status_name(r->want));
    assert_int_equal(rc, r->want);
    assert_int_equal(d.status, r->want);
    assert_string_equal(d.name, ecskp_status_name(r->want));
    if (rc != ECSKP_OK) {
        assert_null(resp);
        assert_string_equal(d.field, r->field);
        assert_int_equal(d.index, r->index);
        if (r->offset == ANY_OFFSET)
            assert_true(d.offset == ECSKP_NO_OFFSET || d.offset <= len);
        else
            assert_int_equal(d.offset, r->offset);
        assert_true(d.message[0] != '\0');
        return;
    }
    assert_non_null(resp);
    assert_string_equal(d.field, "");
    char out[4096];
    size_t n = 0, need = 0;
    assert_int_equal(ecskp_response_to_json(resp, NULL, 0, &need), ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(ecskp_response_to_json(resp, out, sizeof out, &n), ECSKP_OK);
    assert_int_equal(n, need);
    assert_string_equal(out, r->json);
    if (resp->kind == ECSKP_RESPONSE_SUCCESS) {
        assert_int_equal(resp->success.inconsistencies, r->bits);
        assert_non_null(resp->success.request_id);
    } else {
        assert_int_equal(resp->kind, ECSKP_RESPONSE_API_ERROR);
        assert_int_equal(resp->error.status_mismatch, r->mismatch);
        assert_int_equal(resp->error.http_status, r->http);
        assert_int_equal(r->bits, 0);
    }
    assert_int_equal(resp->format, r->format);
    ecskp_response_free(resp);
}

/* ------------------------------------------------------------------ error tables */

typedef struct err_case {
    const char *source;
    const char *code;
    const char *message;
    int http;
    const char *category; /* errors.h categories, from the code's documented meaning */
    int retryable;        /* api-facts §5: what the official SDKs retry */
} err_case;

static const err_case err_cases[] = {
    {"AttachKeyPair.reference.md error table", "MissingParameter",
     "The input parameter RegionId that is required for processing this request is not "
     "supplied.",
     400, "bad_request", 0},
    {"AttachKeyPair.reference.md error table", "DependencyViolation.WindowsInstance",
     "The instance creating this window, cannot use ssh key pair to login.", 403, "bad_request", 0},
    {"AttachKeyPair.reference.md error table", "InvalidKeyPairName.NotFound",
     "The specified KeyPairName does not exist in our records.", 404, "not_found", 0},
    {"AttachKeyPair.reference.md error table", "InvalidRegionId.NotFound",
     "The specified RegionId does not exist.", 404, "not_found", 0},
    {"AttachKeyPair.txt error table", "MissingParameter",
     "The input parameter RegionId that is required for processing this request is not "
     "supplied.",
     400, "bad_request", 0},
    {"DetachKeyPair.txt error table", "DependencyViolation.WindowsInstance",
     "The instance creating is windows, cannot use ssh key pair to login", 403, "bad_request", 0},
    {"api-facts §5: newer page's status for a missing key pair", "InvalidKeyPairName.NotFound",
     "The specified KeyPairName does not exist.", 400, "not_found", 0},
    {"api-facts §5 operation table", "InvalidInstanceIds.ValueNotSupported",
     "The specified parameter InstanceIds is not valid.", 400, "bad_request", 0},
    {"api-facts §5 operation table", "DependencyViolation.IoOptimize",
     "The specified parameter InstanceIds is not valid.", 400, "bad_request", 0},
    {"api-facts §5 common codes", "Throttling", "Request was denied due to request throttling.",
     400, "throttling", 1},
    {"api-facts §5 common codes", "Throttling.User", "Request was denied due to user flow control.",
     400, "throttling", 1},
    {"api-facts §5 common codes", "InternalError",
     "The request processing has failed due to some unknown error.", 500, "server", 1},
    {"api-facts §5 common codes", "ServiceUnavailable",
     "The request has failed due to a temporary failure of the server.", 503, "server", 1},
    {"api-facts §5 common codes (SDKs retry it)", "UnknownError",
     "The request processing has failed due to some unknown error.", 400, "server", 1},
    {"api-facts §5 common codes", "Forbidden.RAM",
     "User not authorized to operate on the specified resource.", 403, "auth", 0},
    {"api-facts §5 common codes", "OperationConflict",
     "Request was denied due to conflict with a previous request.", 409, "conflict", 0},
    {"api-facts §5 common codes (also listed as 404)", "InvalidAccessKeyId.NotFound",
     "Specified access key is not found.", 404, "auth", 0},
    {"api-facts §5 common codes", "InvalidInstanceId.NotFound",
     "The specified InstanceId does not exist.", 404, "not_found", 0},
    {"api-facts §5 common codes", "IncompleteSignature",
     "The request signature does not conform to Aliyun standards. server string to sign is:"
     "GET&%2F&A%3D1",
     400, "auth", 0},
    {"errors.h fallback: an undocumented code by status 502", "Gateway.Oops", "Bad gateway.", 502,
     "server", 1},
    {"errors.h fallback: an undocumented Throttling* code", "Throttling.Api", "Slow down.", 400,
     "throttling", 1},
};

#define N_ERR_CASES (sizeof err_cases / sizeof err_cases[0])

/* The message as XML text: & and < escaped (the only ones a message here can hold). */
static void xml_escape(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s != '\0' && n + 6 < cap; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : NULL;
        if (rep != NULL) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

static void run_err_case(const err_case *c, ecskp_format fmt) {
    char body[1024], want[1024], out[1024], text[512];
    if (fmt == JSON)
        (void)snprintf(body, sizeof body,
                       "{\"RequestId\":\"E-1\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"%s\","
                       "\"Message\":\"%s\"}",
                       c->code, c->message);
    else
        (void)snprintf(body, sizeof body,
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <RequestId>E-1"
                       "</RequestId>\n  <HostId>ecs.aliyuncs.com</HostId>\n  <Code>%s</Code>\n"
                       "  <Message>%s</Message>\n</Error>\n",
                       c->code, (xml_escape(c->message, text, sizeof text), text));
    (void)snprintf(want, sizeof want,
                   "{\"Error\":{\"HttpStatus\":%d,\"RequestId\":\"E-1\",\"HostId\":\"ecs."
                   "aliyuncs.com\",\"Code\":\"%s\",\"Message\":\"%s\",\"Category\":\"%s\","
                   "\"Retryable\":%s}}",
                   c->http, c->code, c->message, c->category, c->retryable ? "true" : "false");
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.action = DETACH;
    o.format = fmt;
    o.http_status = c->http;
    ecskp_response *resp = NULL;
    ecskp_diag d;
    print_message("source: %s: %s (%s)\n", c->source, c->code, fmt == JSON ? "JSON" : "XML");
    assert_int_equal(ecskp_decode(body, strlen(body), &o, &resp, &d), ECSKP_OK);
    assert_int_equal(resp->kind, ECSKP_RESPONSE_API_ERROR);
    assert_string_equal(resp->error.code, c->code);
    assert_int_equal(resp->error.retryable, c->retryable);
    assert_int_equal(resp->error.status_mismatch, 0);
    assert_null(resp->error.recommend);
    assert_null(resp->error.access_denied_detail);
    assert_int_equal(ecskp_response_to_json(resp, out, sizeof out, NULL), ECSKP_OK);
    assert_string_equal(out, want);
    ecskp_response_free(resp);
}

static void run_err_json(void **state) {
    run_err_case(*state, JSON);
}

static void run_err_xml(void **state) {
    run_err_case(*state, XML);
}

/* ------------------------------------------------------------------ twins */

typedef struct twin {
    const char *source;
    ecskp_action action;
    const char *xml;
    const char *json;
} twin;

static const twin twins[] = {
    {"api-facts §4: the newer example", ATTACH, DOC_XML("AttachKeyPairResponse", ATTACH_RID),
     DOC_JSON(ATTACH_RID)},
    {"api-facts §4: the DetachKeyPair example", DETACH,
     DOC_XML("DetachKeyPairResponse", DETACH_RID), DOC_JSON(DETACH_RID)},
    {"AttachKeyPair.reference.md: the older example", ATTACH, OLD_XML, OLD_JSON},
    {"api-facts §4: a single <Result> and its converter's single object", ATTACH,
     XRES("<InstanceId>i-a</InstanceId><Success>true</Success><Code>200</Code>"),
     "{\"RequestId\":\"R1\",\"Results\":{\"Result\":{\"InstanceId\":\"i-a\",\"Success\":true,"
     "\"Code\":200}}}"},
    {"DetachKeyPair.txt: String-typed JSON and XML text", DETACH,
     "<DetachKeyPairResponse><TotalCount>1</TotalCount><FailCount>0</FailCount><KeyPairName>"
     "FinanceJoshuaV26</KeyPairName><RequestId>R1</RequestId><Results><Result><Success>true"
     "</Success><Code>200</Code><InstanceId>i-instanceid1</InstanceId><Message>successful"
     "</Message></Result></Results></DetachKeyPairResponse>",
     "{\"TotalCount\":\"1\",\"FailCount\":\"0\",\"KeyPairName\":\"FinanceJoshuaV26\","
     "\"RequestId\":\"R1\",\"Results\":{\"Result\":[{\"Success\":\"true\",\"Code\":\"200\","
     "\"InstanceId\":\"i-instanceid1\",\"Message\":\"successful\"}]}}"},
    {"api-facts §4: partial failure", ATTACH,
     XR("<TotalCount>2</TotalCount><FailCount>1</FailCount><Results><Result><InstanceId>i-a"
        "</InstanceId><Success>false</Success><Code>DependencyViolation.WindowsInstance</Code>"
        "</Result><Result><InstanceId>i-b</InstanceId><Success>true</Success><Code>200</Code>"
        "</Result></Results>"),
     "{" R1 ",\"TotalCount\":2,\"FailCount\":1,\"Results\":[{\"InstanceId\":\"i-a\","
     "\"Success\":false,\"Code\":\"DependencyViolation.WindowsInstance\"},{\"InstanceId\":"
     "\"i-b\",\"Success\":true,\"Code\":\"200\"}]}"},
    {"decode.h: empty Results", ATTACH, XR("<Results/>"), "{" R1 ",\"Results\":{}}"},
    {"api-facts §5: the JSON error example rendered in XML", ATTACH,
     "<Error><RequestId>6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</RequestId><HostId>ecs.ap-"
     "southeast-3.aliyuncs.com</HostId><Code>InvalidImageId.NotFound</Code><Message>The "
     "specified ImageId does not exist.</Message><Recommend>https://api.alibabacloud.com/"
     "troubleshoot?intl_lang=EN_US&amp;q=InvalidImageId.NotFound&amp;product=Ecs&amp;"
     "requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</Recommend></Error>",
     ERR_JSON},
    {"api-facts §5: the XML error example rendered in JSON", ATTACH, ERR_XML,
     "{\"RequestId\":\"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\",\"HostId\":\"ecs.aliyuncs.com\","
     "\"Code\":\"MissingParameter.CommandId\",\"Message\":\"The input parameter \\\"CommandId\\\""
     " that is required for processing this request is not supplied.\"}"},
    {"decode.h: AccessDeniedDetail children as a JSON object of strings", ATTACH,
     "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><AuthAction>ecs:AttachKeyPair"
     "</AuthAction><NoPermissionType>ImplicitDeny</NoPermissionType><Note>&quot;a&quot;&#10;"
     "</Note></AccessDeniedDetail></Error>",
     "{\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:AttachKeyPair\",\"NoPermissionType\":"
     "\"ImplicitDeny\",\"Note\":\"\\\"a\\\"\\n\"},\"Code\":\"Forbidden.RAM\"}"},
    {"decode.h: non-ASCII text", ATTACH, XR("<KeyPairName>\xe5\xaf\x86\xe9\x92\xa5</KeyPairName>"),
     "{" R1 ",\"KeyPairName\":\"\\u5bc6\\u94a5\"}"},
};

static void run_twin(void **state) {
    const twin *t = *state;
    char out[2][4096];
    const char *bodies[2] = {t->xml, t->json};
    print_message("source: %s\n", t->source);
    for (int i = 0; i < 2; i++) {
        ecskp_decode_options o;
        memset(&o, 0, sizeof o);
        o.action = t->action;
        o.format = i == 0 ? XML : JSON;
        ecskp_response *resp = NULL;
        ecskp_diag d;
        ecskp_status rc = ecskp_decode(bodies[i], strlen(bodies[i]), &o, &resp, &d);
        if (rc != ECSKP_OK)
            print_error("%s: %s %s %s\n", i == 0 ? "XML" : "JSON", d.name, d.field, d.message);
        assert_int_equal(rc, ECSKP_OK);
        assert_int_equal(ecskp_response_to_json(resp, out[i], sizeof out[i], NULL), ECSKP_OK);
        ecskp_response_free(resp);
    }
    assert_string_equal(out[0], out[1]);
}

/* ------------------------------------------------------------------ single tests */

/* api-facts §4: a caller lists failures in two lines through `failed`. */
static void test_failed_list(void **state) {
    (void)state;
    static const char body[] =
        "{\"RequestId\":\"R1\",\"TotalCount\":3,\"FailCount\":2,\"Results\":{\"Result\":["
        "{\"InstanceId\":\"i-win\",\"Code\":\"DependencyViolation.WindowsInstance\",\"Success\":"
        "false},{\"InstanceId\":\"i-ok\",\"Code\":\"200\",\"Success\":true},"
        "{\"InstanceId\":\"i-unknown\"}]}}";
    ecskp_decode_options o = {ATTACH, JSON, 200, NULL, 0, NULL};
    ecskp_response *r = NULL;
    assert_int_equal(ecskp_decode(body, sizeof body - 1, &o, &r, NULL), ECSKP_OK);
    const ecskp_success *s = &r->success;
    assert_int_equal(s->result_count, 3);
    assert_int_equal(s->failed_count, 2);
    assert_ptr_equal(s->failed[0], &s->results[0]);
    assert_string_equal(s->failed[0]->instance_id, "i-win");
    assert_string_equal(s->failed[1]->instance_id, "i-unknown");
    assert_int_equal(s->failed[1]->success_present, 0);
    assert_int_equal(s->results[1].success, 1);
    assert_int_equal(s->results[1].success_present, 1);
    assert_null(s->key_pair_name);
    assert_int_equal(s->total_count, 3);
    assert_int_equal(s->fail_count, 2);
    assert_int_equal(s->has_results, 1);
    ecskp_response_free(r);
}

static void test_absent_fields(void **state) {
    (void)state;
    ecskp_decode_options o = {ATTACH, XML, 0, NULL, 0, NULL};
    ecskp_response *r = NULL;
    assert_int_equal(ecskp_decode(OLD_XML, strlen(OLD_XML), &o, &r, NULL), ECSKP_OK);
    assert_int_equal(r->kind, ECSKP_RESPONSE_SUCCESS);
    assert_int_equal(r->action, ATTACH);
    assert_int_equal(r->success.total_count, -1);
    assert_int_equal(r->success.fail_count, -1);
    assert_int_equal(r->success.has_results, 0);
    assert_int_equal(r->success.result_count, 0);
    assert_int_equal(r->success.failed_count, 0);
    assert_null(r->error.code);
    ecskp_response_free(r);

    o.format = JSON;
    assert_int_equal(ecskp_decode(ERR_JSON, strlen(ERR_JSON), &o, &r, NULL), ECSKP_OK);
    assert_int_equal(r->kind, ECSKP_RESPONSE_API_ERROR);
    assert_null(r->error.access_denied_detail);
    assert_int_equal(r->error.http_status, 0);
    assert_int_equal(r->error.category, ECSKP_CATEGORY_NOT_FOUND);
    assert_int_equal(r->success.total_count, -1);
    assert_null(r->success.request_id);
    ecskp_response_free(r);
}

static void test_arguments(void **state) {
    (void)state;
    ecskp_decode_options o = {ATTACH, JSON, 0, NULL, 0, NULL};
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), NULL, &r, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_null(r);
    assert_string_equal(d.field, "options");
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, NULL, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_string_equal(d.field, "out");
    assert_int_equal(ecskp_decode(NULL, 3, &o, &r, &d), ECSKP_ERR_INVALID_ARGUMENT);
    assert_string_equal(d.field, "body");
    assert_int_equal(ecskp_decode(NULL, 0, &o, &r, &d), ECSKP_ERR_EMPTY_BODY);
    o.action = (ecskp_action)3;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_string_equal(d.field, "action");
    o.action = (ecskp_action)0;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    o.action = ATTACH;
    o.format = (ecskp_format)0;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, &d),
                     ECSKP_ERR_UNSUPPORTED_FORMAT);
    assert_string_equal(d.name, "unsupported_format");
    o.format = (ecskp_format)3;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, &d),
                     ECSKP_ERR_UNSUPPORTED_FORMAT);
    assert_null(r);
    /* No diag wanted is fine everywhere. */
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, NULL),
                     ECSKP_ERR_UNSUPPORTED_FORMAT);
    ecskp_response_free(NULL);
}

static void test_to_json_buffer(void **state) {
    (void)state;
    ecskp_decode_options o = {ATTACH, JSON, 0, NULL, 0, NULL};
    ecskp_response *r = NULL;
    assert_int_equal(ecskp_decode(OLD_JSON, strlen(OLD_JSON), &o, &r, NULL), ECSKP_OK);
    size_t want = strlen(OLD_OUT), n = 99;
    char buf[128];
    /* Exactly enough, one short, and the size query. */
    assert_int_equal(ecskp_response_to_json(r, buf, want + 1, &n), ECSKP_OK);
    assert_int_equal(n, want);
    assert_string_equal(buf, OLD_OUT);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(ecskp_response_to_json(r, buf, want, &n), ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, want);
    assert_int_equal(buf[want - 1], '\0');
    assert_int_equal(buf[want], 'x');
    assert_int_equal(ecskp_response_to_json(r, NULL, 0, &n), ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, want);
    assert_int_equal(ecskp_response_to_json(r, NULL, 5, &n), ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(n, 0);
    assert_int_equal(ecskp_response_to_json(NULL, buf, sizeof buf, &n), ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_response_free(r);
}

static void test_names(void **state) {
    (void)state;
    ecskp_format f = (ecskp_format)0;
    assert_string_equal(ecskp_format_name(JSON), "JSON");
    assert_string_equal(ecskp_format_name(XML), "XML");
    assert_null(ecskp_format_name((ecskp_format)0));
    assert_true(ecskp_format_from_name("json", &f));
    assert_int_equal(f, JSON);
    assert_true(ecskp_format_from_name("Xml", &f));
    assert_int_equal(f, XML);
    assert_false(ecskp_format_from_name("JSONP", &f));
    assert_false(ecskp_format_from_name("", &f));
    assert_false(ecskp_format_from_name(NULL, &f));
    assert_string_equal(ecskp_inconsistency_name(ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL),
                        "fail_count_exceeds_total");
    assert_string_equal(ecskp_inconsistency_name(ECSKP_INCONSISTENT_TOTAL_COUNT),
                        "total_count_vs_results");
    assert_string_equal(ecskp_inconsistency_name(ECSKP_INCONSISTENT_FAIL_COUNT),
                        "fail_count_vs_results");
    assert_string_equal(ecskp_inconsistency_name(ECSKP_INCONSISTENT_SUCCESS_CODE),
                        "success_vs_code");
    assert_string_equal(ecskp_inconsistency_name(ECSKP_INCONSISTENT_TOP_CODE), "code_in_success");
    assert_null(ecskp_inconsistency_name(0));
    assert_null(ecskp_inconsistency_name(3));
}

/* ------------------------------------------------------------------ main */

#define N_ROWS (sizeof rows / sizeof rows[0])
#define N_TWINS (sizeof twins / sizeof twins[0])

int main(void) {
    static struct CMUnitTest row_tests[N_ROWS];
    for (size_t i = 0; i < N_ROWS; i++) {
        row_tests[i].name = rows[i].source;
        row_tests[i].test_func = run_row;
        row_tests[i].initial_state = (void *)(uintptr_t)&rows[i];
    }
    static struct CMUnitTest err_tests[2 * N_ERR_CASES];
    for (size_t i = 0; i < N_ERR_CASES; i++) {
        err_tests[2 * i].name = err_cases[i].code;
        err_tests[2 * i].test_func = run_err_json;
        err_tests[2 * i].initial_state = (void *)(uintptr_t)&err_cases[i];
        err_tests[2 * i + 1].name = err_cases[i].code;
        err_tests[2 * i + 1].test_func = run_err_xml;
        err_tests[2 * i + 1].initial_state = (void *)(uintptr_t)&err_cases[i];
    }
    static struct CMUnitTest twin_tests[N_TWINS];
    for (size_t i = 0; i < N_TWINS; i++) {
        twin_tests[i].name = twins[i].source;
        twin_tests[i].test_func = run_twin;
        twin_tests[i].initial_state = (void *)(uintptr_t)&twins[i];
    }
    const struct CMUnitTest single[] = {
        cmocka_unit_test(test_failed_list), cmocka_unit_test(test_absent_fields),
        cmocka_unit_test(test_arguments),   cmocka_unit_test(test_to_json_buffer),
        cmocka_unit_test(test_names),
    };
    int failed = 0;
    failed += _cmocka_run_group_tests("decode rows", row_tests, N_ROWS, NULL, NULL);
    failed +=
        _cmocka_run_group_tests("decode error tables", err_tests, 2 * N_ERR_CASES, NULL, NULL);
    failed += _cmocka_run_group_tests("decode twins", twin_tests, N_TWINS, NULL, NULL);
    failed += cmocka_run_group_tests_name("decode API", single, NULL, NULL);
    return failed != 0;
}
