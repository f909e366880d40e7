/* SPDX-License-Identifier: MIT */
/*
 * test_decode.c - response decoding, table-driven: every documented vector of decode (the
 * success and error examples of both operations, from vectors.h) decodes to exactly its
 * expected normalized JSON with the pointer layout decode.h gives; the pages' error tables
 * rendered as bodies in both formats with their category and retry advice; every type
 * variant, implementation-defined case, HTTP status decision and consistency check that the
 * conformance suite does not already hold, or whose diag (field, offset, index) or struct
 * members (inconsistencies, status_mismatch, success_present, failed[]) the normalized JSON
 * cannot show; twin documents (XML and JSON renderings of the same response decode to the same
 * normalized JSON); and ecskp_response_to_json's buffer protocol on each kind of response.
 *
 * Every row names its source. Expected normalized JSON is written by hand from the source
 * (key order and escaping as decode.h specifies), never taken from the code under test; the
 * documented examples' bodies and expected outputs are those of the conformance case folders.
 * Hostile inputs, limits, truncation and allocation failure are in test_decode_hostile.c.
 */
#include <stdlib.h>

#include "decode_bodies.h"
#include "ecskp_test.h"

typedef struct row {
    const char *source;
    ecskp_format format;
    ecskp_action action; /* unset: AttachKeyPair */
    int http;
    unsigned flags;
    const char *body;
    ecskp_status want;
    const char *json;  /* OK rows: the normalized form */
    const char *field; /* failing rows: diag.field */
    size_t offset;     /* failing rows: diag.offset, or ANY_OFFSET */
    size_t index;      /* failing rows: diag.index */
    unsigned bits;     /* OK rows: success->inconsistencies */
    int mismatch;      /* OK rows: error->status_mismatch */
} row;

/* OK rows. */
#define Y(src, fmt, body_, json_)                                                                  \
    { .source = (src), .format = (fmt), .body = (body_), .want = ECSKP_OK, .json = (json_) }
#define YH(src, fmt, http_, body_, json_, mismatch_)                                               \
    {                                                                                              \
        .source = (src), .format = (fmt), .http = (http_), .body = (body_), .want = ECSKP_OK,      \
        .json = (json_), .mismatch = (mismatch_)                                                   \
    }
#define YA(src, fmt, action_, body_, json_)                                                        \
    {                                                                                              \
        .source = (src), .format = (fmt), .action = (action_), .body = (body_), .want = ECSKP_OK,  \
        .json = (json_)                                                                            \
    }
#define YI(src, fmt, body_, json_, bits_)                                                          \
    {                                                                                              \
        .source = (src), .format = (fmt), .flags = ECSKP_DECODE_ALLOW_INCONSISTENT,                \
        .body = (body_), .want = ECSKP_OK, .json = (json_), .bits = (bits_)                        \
    }
/* Failing rows: status, diag.field, diag.offset, diag.index. */
#define N(src, fmt, body_, status_, field_, offset_, index_)                                       \
    {                                                                                              \
        .source = (src), .format = (fmt), .body = (body_), .want = (status_), .field = (field_),   \
        .offset = (offset_), .index = (index_)                                                     \
    }
#define NH(src, fmt, http_, body_, status_, field_)                                                \
    {                                                                                              \
        .source = (src), .format = (fmt), .http = (http_), .body = (body_), .want = (status_),     \
        .field = (field_), .offset = NO_OFF, .index = NO_IDX                                       \
    }
#define NA(src, fmt, action_, body_, status_, field_)                                              \
    {                                                                                              \
        .source = (src), .format = (fmt), .action = (action_), .body = (body_), .want = (status_), \
        .field = (field_), .offset = ANY_OFFSET, .index = NO_IDX                                   \
    }

/* ------------------------------------------------------------------ page variants */

/* DetachKeyPair.txt: the RequestId of its example column, and a Result as that column types it
 * (Code first) and as the normalized form orders it. */
#define PAGE_RID "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"
#define DPAGE_RESULT(id)                                                                           \
    "{\"Code\":\"200\",\"InstanceId\":\"" id "\",\"Message\":\"successful\",\"Success\":true}"
#define DPAGE_OUT_RESULT(id)                                                                       \
    "{\"InstanceId\":\"" id "\",\"Code\":\"200\",\"Message\":\"successful\",\"Success\":true}"
/* DetachKeyPair.txt: the example column as printed (TotalCount 2 with one Result); the
 * consistent two-Result body is the documented vector y_documented_detach_fail_count_json. */
#define PAGE_PRINTED                                                                               \
    "{\"FailCount\":0,\"KeyPairName\":\"FinanceJoshuaV26\",\"RequestId\":\"" PAGE_RID              \
    "\",\"Results\":{\"Result\":[" DPAGE_RESULT("i-instanceid1") "]},\"TotalCount\":2}"

/* Small success bodies for the type and shape rows. */
#define R1 "\"RequestId\":\"R1\""
#define OUT_R1 "{\"RequestId\":\"R1\"}"
#define XRES(inner) XR("<Results><Result>" inner "</Result></Results>")
#define JRES(inner) "{" R1 ",\"Results\":{\"Result\":[{" inner "}]}}"

/* ------------------------------------------------------------------ the table */

static const row rows[] = {

    /* ---- the documented examples are the documented vectors (run_vector); these are the
     * page variants that are no vector */
    YA("DetachKeyPair.txt: older-shape Detach body (RequestId only)", XML, DETACH,
       "<DetachKeyPairResponse><RequestId>" PAGE_RID "</RequestId></DetachKeyPairResponse>",
       "{\"RequestId\":\"" PAGE_RID "\"}"),
    {.source = "DetachKeyPair.txt: the example column as printed (TotalCount 2, one Result) is "
               "inconsistent",
     .format = JSON,
     .action = DETACH,
     .body = PAGE_PRINTED,
     .want = ECSKP_ERR_INCONSISTENT_RESPONSE,
     .field = "total_count_vs_results",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.source = "DetachKeyPair.txt: the example column as printed, ALLOW_INCONSISTENT",
     .format = JSON,
     .action = DETACH,
     .flags = ECSKP_DECODE_ALLOW_INCONSISTENT,
     .body = PAGE_PRINTED,
     .want = ECSKP_OK,
     .json =
         "{\"RequestId\":\"" PAGE_RID "\",\"KeyPairName\":\"FinanceJoshuaV26\",\"TotalCount\":2,"
         "\"FailCount\":0,\"Results\":[" DPAGE_OUT_RESULT("i-instanceid1") "]}",
     .bits = ECSKP_INCONSISTENT_TOTAL_COUNT},

    /* ---- shapes (decode.h "Shapes") */
    Y("decode.h shapes: Code 200 beside success fields", JSON,
      "{\"RequestId\":\"R1\",\"Code\":\"200\",\"TotalCount\":0,\"FailCount\":0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":0,\"FailCount\":0}"),
    N("decode.h shapes: a Code other than 200 beside success fields is inconsistent", JSON,
      "{\"RequestId\":\"R1\",\"Code\":\"InternalError\",\"KeyPairName\":\"k\"}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "code_in_success", NO_OFF, NO_IDX),
    YI("decode.h shapes: the same with ALLOW_INCONSISTENT", JSON,
       "{\"RequestId\":\"R1\",\"Code\":\"InternalError\",\"KeyPairName\":\"k\"}",
       "{\"RequestId\":\"R1\",\"KeyPairName\":\"k\"}", ECSKP_INCONSISTENT_TOP_CODE),
    N("decode.h shapes: the top level is an array", JSON, "[{\"RequestId\":\"R1\"}]",
      ECSKP_ERR_WRONG_TYPE, "(root)", NO_OFF, NO_IDX),
    N("decode.h shapes: the top level is a string", JSON, "\"R1\"", ECSKP_ERR_WRONG_TYPE, "(root)",
      NO_OFF, NO_IDX),
    N("decode.h shapes: the top level is null", JSON, "null", ECSKP_ERR_WRONG_TYPE, "(root)",
      NO_OFF, NO_IDX),
    NA("decode.h shapes: DetachKeyPairResponse when AttachKeyPair was called", XML, ATTACH,
       "<DetachKeyPairResponse><RequestId>R1</RequestId></DetachKeyPairResponse>",
       ECSKP_ERR_WRONG_ROOT, "DetachKeyPairResponse"),
    NA("decode.h shapes: AttachKeyPairResponse when DetachKeyPair was called", XML, DETACH, MIN_XML,
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

    /* ---- HTTP status decisions (decode.h) */
    YH("decode.h status: 204 is 2xx too", XML, 204, MIN_XML, MIN_OUT, 0),
    NH("decode.h status: 302 with a success body is refused", JSON, 302, MIN_JSON,
       ECSKP_ERR_STATUS_BODY_MISMATCH, ""),
    YH("decode.h status: 200 with an error body stays an error, flagged", JSON, 200,
       "{\"RequestId\":\"R1\",\"Code\":\"Throttling\",\"Message\":\"m\"}",
       "{\"Error\":{\"HttpStatus\":200,\"RequestId\":\"R1\",\"Code\":\"Throttling\",\"Message\":"
       "\"m\",\"Category\":\"throttling\",\"Retryable\":true}}",
       1),
    YH("decode.h status: 200 with an XML <Error> stays an error, flagged", XML, 200,
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><RequestId>R1</RequestId><Code>"
       "MissingParameter</Code></Error>",
       "{\"Error\":{\"HttpStatus\":200,\"RequestId\":\"R1\",\"Code\":\"MissingParameter\","
       "\"Category\":\"bad_request\",\"Retryable\":false}}",
       1),
    NH("decode.h status: 99 is not an HTTP status", JSON, 99, MIN_JSON, ECSKP_ERR_INVALID_ARGUMENT,
       "http_status"),
    NH("decode.h status: 600 is not an HTTP status", JSON, 600, MIN_JSON,
       ECSKP_ERR_INVALID_ARGUMENT, "http_status"),
    NH("decode.h status: a negative status", XML, -200, MIN_XML, ECSKP_ERR_INVALID_ARGUMENT,
       "http_status"),

    /* ---- count types (decode.h "Types"; the response examples of the AttachKeyPair and
     * DetachKeyPair API references,
     * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
     * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair)
     */
    Y("decode.h types: the largest count as a string", JSON,
      "{" R1 ",\"TotalCount\":\"2147483647\"}", "{\"RequestId\":\"R1\",\"TotalCount\":2147483647}"),
    Y("decode.h types: the largest count as XML text", XML,
      XR("<TotalCount>2147483647</TotalCount>"),
      "{\"RequestId\":\"R1\",\"TotalCount\":2147483647}"),
    N("decode.h types: 2147483648 as a number", JSON, "{" R1 ",\"TotalCount\":2147483648}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: 2147483648 as a string", JSON, "{" R1 ",\"FailCount\":\"2147483648\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NO_OFF, NO_IDX),
    N("decode.h types: 2147483648 as XML text", XML, XR("<TotalCount>2147483648</TotalCount>"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: 99999999999999999999999 as XML text (no overflow)", XML,
      XR("<FailCount>99999999999999999999999</FailCount>"), ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "FailCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: \"TotalCount\": -1", JSON, "{" R1 ",\"TotalCount\":-1}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: \"TotalCount\": \"-1\"", JSON, "{" R1 ",\"TotalCount\":\"-1\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: <FailCount>-1</FailCount>", XML, XR("<FailCount>-1</FailCount>"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: 1e999 (cJSON gives infinity)", JSON, "{" R1 ",\"TotalCount\":1e999}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: -1e999", JSON, "{" R1 ",\"FailCount\":-1e999}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NO_OFF, NO_IDX),
    N("decode.h types: a fractional count", JSON, "{" R1 ",\"TotalCount\":1.5}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a fractional count as a string", JSON, "{" R1 ",\"TotalCount\":\"1.5\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: an exponent in a count string", JSON, "{" R1 ",\"TotalCount\":\"2e0\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount", NO_OFF, NO_IDX),
    Y("decode.h types: a JSON number is judged by value (2e0)", JSON, "{" R1 ",\"TotalCount\":2e0}",
      "{\"RequestId\":\"R1\",\"TotalCount\":2}"),
    N("decode.h types: leading zeros in a count string are refused", JSON,
      "{" R1 ",\"TotalCount\":\"007\"}", ECSKP_ERR_WRONG_TYPE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: leading zeros in XML count text are refused", XML,
      XR("<TotalCount>02</TotalCount>"), ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: white space around count digits", XML, XR("<TotalCount> 2</TotalCount>"),
      ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: an empty count string", JSON, "{" R1 ",\"TotalCount\":\"\"}",
      ECSKP_ERR_WRONG_TYPE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: an empty count element", XML, XR("<FailCount/>"), ECSKP_ERR_WRONG_TYPE,
      "FailCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: a count spelled in words", XML, XR("<TotalCount>two</TotalCount>"),
      ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET, NO_IDX),
    N("decode.h types: a plus sign in a count string", JSON, "{" R1 ",\"TotalCount\":\"+2\"}",
      ECSKP_ERR_WRONG_TYPE, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a boolean count", JSON, "{" R1 ",\"TotalCount\":true}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a null count", JSON, "{" R1 ",\"FailCount\":null}", ECSKP_ERR_WRONG_TYPE,
      "FailCount", NO_OFF, NO_IDX),
    N("decode.h types: an object count", JSON, "{" R1 ",\"TotalCount\":{}}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: an array count", JSON, "{" R1 ",\"TotalCount\":[2]}", ECSKP_ERR_WRONG_TYPE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a count element with a child element", XML,
      XR("<TotalCount><n>2</n></TotalCount>"), ECSKP_ERR_WRONG_TYPE, "TotalCount", ANY_OFFSET,
      NO_IDX),

    /* ---- Success types */
    N("decode.h types: Success \"True\" (case matters)", JSON, JRES("\"Success\":\"True\""),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", NO_OFF, 0),
    N("decode.h types: <Success>TRUE</Success>", XML, XRES("<Success>TRUE</Success>"),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", ANY_OFFSET, 0),
    N("decode.h types: Success as the number 1", JSON, JRES("\"Success\":1"), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NO_OFF, 0),
    N("decode.h types: <Success>1</Success>", XML, XRES("<Success>1</Success>"),
      ECSKP_ERR_WRONG_TYPE, "Result.Success", ANY_OFFSET, 0),
    N("decode.h types: Success null", JSON, JRES("\"Success\":null"), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NO_OFF, 0),
    N("decode.h types: Success \"yes\"", JSON, JRES("\"Success\":\"yes\""), ECSKP_ERR_WRONG_TYPE,
      "Result.Success", NO_OFF, 0),

    /* ---- Code and string types */
    N("decode.h types: a fractional Code", JSON, JRES("\"Code\":200.5"),
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Result.Code", NO_OFF, 0),
    N("decode.h types: a Code beyond 2^53", JSON, "{\"Code\":1e300,\"Message\":\"m\"}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NO_OFF, NO_IDX),
    N("decode.h types: a boolean Code", JSON, JRES("\"Code\":true"), ECSKP_ERR_WRONG_TYPE,
      "Result.Code", NO_OFF, 0),
    N("decode.h types: a null top-level Code", JSON, "{\"Code\":null,\"RequestId\":\"R1\"}",
      ECSKP_ERR_WRONG_TYPE, "Code", NO_OFF, NO_IDX),
    N("decode.h types: an object top-level Code", JSON, "{\"Code\":{},\"RequestId\":\"R1\"}",
      ECSKP_ERR_WRONG_TYPE, "Code", NO_OFF, NO_IDX),
    N("decode.h types: a number where RequestId is a string", JSON, "{\"RequestId\":12345}",
      ECSKP_ERR_WRONG_TYPE, "RequestId", NO_OFF, NO_IDX),
    N("decode.h types: a non-scalar where a string is expected (C++ SDK crash)", JSON,
      "{\"RequestId\":{\"x\":1}}", ECSKP_ERR_WRONG_TYPE, "RequestId", NO_OFF, NO_IDX),
    N("decode.h types: an array where a string is expected", JSON,
      "{" R1 ",\"KeyPairName\":[\"k\"]}", ECSKP_ERR_WRONG_TYPE, "KeyPairName", NO_OFF, NO_IDX),
    N("decode.h types: a null string field", JSON, "{" R1 ",\"KeyPairName\":null}",
      ECSKP_ERR_WRONG_TYPE, "KeyPairName", NO_OFF, NO_IDX),
    N("decode.h types: a boolean InstanceId", JSON, JRES("\"InstanceId\":false"),
      ECSKP_ERR_WRONG_TYPE, "Result.InstanceId", NO_OFF, 0),
    N("decode.h types: a number Message in an error", JSON,
      "{\"Code\":\"Throttling\",\"Message\":5}", ECSKP_ERR_WRONG_TYPE, "Message", NO_OFF, NO_IDX),
    N("decode.h types: a number HostId in an error", JSON, "{\"Code\":\"Throttling\",\"HostId\":5}",
      ECSKP_ERR_WRONG_TYPE, "HostId", NO_OFF, NO_IDX),
    N("decode.h types: an XML string field with a child element", XML,
      XR("<KeyPairName>k<b/></KeyPairName>"), ECSKP_ERR_WRONG_TYPE, "KeyPairName", ANY_OFFSET,
      NO_IDX),
    N("decode.h types: an XML Result field with a child element", XML,
      XRES("<InstanceId><id>i-a</id></InstanceId>"), ECSKP_ERR_WRONG_TYPE, "Result.InstanceId",
      ANY_OFFSET, 0),
    Y("ecskp_response_to_json: escapes quote, backslash and control bytes; UTF-8 kept raw", JSON,
      "{\"RequestId\":\"q\\\"b\\\\t\\tn\\n\\u0001\\u001f\\/ \xc3\xa9 \\u00e9 \\ud83d\\ude00\"}",
      "{\"RequestId\":\"q\\\"b\\\\t\\u0009n\\u000a\\u0001\\u001f/ \xc3\xa9 \xc3\xa9 "
      "\xf0\x9f\x98\x80\"}"),

    /* ---- Results: implementation-defined cases (decode.h "Results") */
    Y("decode.h results: Results absent (XML)", XML,
      XR("<TotalCount>2</TotalCount><FailCount>1</FailCount>"),
      "{\"RequestId\":\"R1\",\"TotalCount\":2,\"FailCount\":1}"),
    Y("decode.h results: <Results></Results> is present and empty", XML,
      XR("<Results>\n  </Results>"), "{\"RequestId\":\"R1\",\"Results\":[]}"),
    N("decode.h results: Results null", JSON, "{" R1 ",\"Results\":null}", ECSKP_ERR_WRONG_TYPE,
      "Results", NO_OFF, NO_IDX),
    N("decode.h results: Result null", JSON, "{" R1 ",\"Results\":{\"Result\":null}}",
      ECSKP_ERR_WRONG_TYPE, "Result", NO_OFF, NO_IDX),
    N("decode.h results: Results a string", JSON, "{" R1 ",\"Results\":\"none\"}",
      ECSKP_ERR_WRONG_TYPE, "Results", NO_OFF, NO_IDX),
    N("decode.h results: a Result entry that is not an object", JSON,
      "{" R1 ",\"Results\":{\"Result\":[{},\"i-b\"]}}", ECSKP_ERR_WRONG_TYPE, "Result", NO_OFF, 1),
    N("decode.h results: Result twice in Results", JSON,
      "{" R1 ",\"Results\":{\"Result\":[],\"Result\":[]}}", ECSKP_ERR_DUPLICATE_FIELD, "Result",
      NO_OFF, NO_IDX),
    Y("decode.h results: a Result without Success, Code other than 200 (counted as failed)", XML,
      XR("<FailCount>1</FailCount><Results><Result><InstanceId>i-a</InstanceId><Code>Busy"
         "</Code></Result></Results>"),
      "{\"RequestId\":\"R1\",\"FailCount\":1,\"Results\":[{\"InstanceId\":\"i-a\",\"Code\":"
      "\"Busy\"}]}"),
    N("decode.h results: a Result without Success or Code is never assumed successful", JSON,
      "{" R1 ",\"FailCount\":0,\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\"}]}}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "fail_count_vs_results", NO_OFF, NO_IDX),
    Y("decode.h results: a Result without Code keeps Success", JSON,
      "{" R1 ",\"FailCount\":0,\"Results\":{\"Result\":[{\"InstanceId\":\"i-a\",\"Success\":"
      "true}]}}",
      "{\"RequestId\":\"R1\",\"FailCount\":0,\"Results\":[{\"InstanceId\":\"i-a\",\"Success\":"
      "true}]}"),
    Y("decode.h results: an empty Result", XML, XR("<Results><Result/></Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{}]}"),

    /* ---- other implementation-defined cases */
    Y("decode.h: a UTF-8 BOM before an XML declaration", XML,
      "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>" MIN_XML, MIN_OUT),
    Y("decode.h: encoding names are case-insensitive (utf-8, single quotes)", XML,
      "<?xml version='1.0' encoding = 'utf-8' ?>" MIN_XML, MIN_OUT),
    Y("decode.h: white space around a JSON body", JSON, " \t\r\n" MIN_JSON " \n\t", MIN_OUT),
    N("decode.h: a success body without RequestId", JSON, "{}", ECSKP_ERR_MISSING_FIELD,
      "RequestId", NO_OFF, NO_IDX),
    N("decode.h: a success XML body without RequestId", XML,
      "<AttachKeyPairResponse><TotalCount>0</TotalCount></AttachKeyPairResponse>",
      ECSKP_ERR_MISSING_FIELD, "RequestId", NO_OFF, NO_IDX),
    N("decode.h: names are case-sensitive (requestid is unknown)", JSON, "{\"requestid\":\"R1\"}",
      ECSKP_ERR_MISSING_FIELD, "RequestId", NO_OFF, NO_IDX),
    Y("decode.h: a wrongly cased count is an unknown field", JSON,
      "{" R1 ",\"totalcount\":\"x\",\"TOTALCOUNT\":[]}", OUT_R1),
    N("decode.h: an <Error> without Code", XML, "<Error><RequestId>R1</RequestId></Error>",
      ECSKP_ERR_MISSING_FIELD, "Code", NO_OFF, NO_IDX),
    N("decode.h: an <Error> with an empty Code", XML, "<Error><Code/></Error>",
      ECSKP_ERR_MISSING_FIELD, "Code", NO_OFF, NO_IDX),
    N("decode.h: a JSON error with an empty Code", JSON, "{\"Code\":\"\",\"Message\":\"m\"}",
      ECSKP_ERR_MISSING_FIELD, "Code", NO_OFF, NO_IDX),
    N("decode.h: an <Error> with Code 200", XML, "<Error><Code>200</Code></Error>",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "Code", NO_OFF, NO_IDX),
    Y("decode.h: unknown XML elements are ignored, however deep", XML,
      XR("<Extra><a><b>1</b><RequestId>dup?</RequestId></a></Extra>"), OUT_R1),
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
      "AccessDeniedDetail", NO_OFF, NO_IDX),
    N("decode.h: XML AccessDeniedDetail with a grandchild element", XML,
      "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A><B>x</B></A>"
      "</AccessDeniedDetail></Error>",
      ECSKP_ERR_WRONG_TYPE, "AccessDeniedDetail", ANY_OFFSET, NO_IDX),
    N("decode.h: a repeated name in AccessDeniedDetail (JSON)", JSON,
      "{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{\"A\":\"1\",\"B\":\"2\",\"A\":\"3\"}}",
      ECSKP_ERR_DUPLICATE_FIELD, "AccessDeniedDetail", NO_OFF, NO_IDX),
    N("decode.h: a repeated name in AccessDeniedDetail (XML)", XML,
      "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A>1</A><A>2</A>"
      "</AccessDeniedDetail></Error>",
      ECSKP_ERR_DUPLICATE_FIELD, "AccessDeniedDetail", ANY_OFFSET, NO_IDX),

    /* ---- numbers judged by their digits (decode.h types; fields.c dec_number_integer): no
     * double in between, so 2^53 + 1 is not 2^53, and no locale. */
    N("decode.h types: a Code of 2^53 + 1 (a double would round it to 2^53)", JSON,
      "{\"Code\":9007199254740993}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NO_OFF, NO_IDX),
    Y("decode.h types: a Code of -2^53 is an error with that code", JSON,
      "{\"Code\":-9007199254740992}",
      "{\"Error\":{\"Code\":\"-9007199254740992\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Code of -2^53 - 1", JSON, "{\"Code\":-9007199254740993}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NO_OFF, NO_IDX),
    Y("decode.h types: a Code of 2^53 spelled with a fraction and an exponent", JSON,
      "{\"Code\":9.007199254740992000e15}",
      "{\"Error\":{\"Code\":\"9007199254740992\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Code of 24 digits (no overflow)", JSON,
      "{\"Code\":100000000000000000000000}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Code", NO_OFF, NO_IDX),
    Y("decode.h types: a Code of -0 is \"0\"", JSON, "{\"Code\":-0}",
      "{\"Error\":{\"Code\":\"0\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Result Code 200.0000000000000001 (a double would make it 200)", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":200.0000000000000001}]}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "Result.Code", NO_OFF, 0),
    Y("decode.h types: a Result Code 2e2 is kept as \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":2e2}]}",
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\"}]}"),
    Y("decode.h types: a Result Code 20000e-2 is \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":20000e-2,\"Success\":true}]}",
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"200\",\"Success\":true}]}"),
    N("decode.h types: a count of 1e-400 (a double would make it 0)", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e-400}", ECSKP_ERR_NUMBER_OUT_OF_RANGE, "TotalCount",
      NO_OFF, NO_IDX),
    N("decode.h types: a count of 2147483648 (numbers by digits)", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":2147483648}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NO_OFF, NO_IDX),
    Y("decode.h types: a count of 20e-1 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":20e-1}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 0.2e1 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":0.2e1}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 2E+0 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":2E+0}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of 2.000 is 2", JSON, "{\"RequestId\":\"r\",\"TotalCount\":2.000}",
      "{\"RequestId\":\"r\",\"TotalCount\":2}"),
    Y("decode.h types: a count of -0.0e-5 is 0", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":-0.0e-5}", "{\"RequestId\":\"r\",\"FailCount\":0}"),
    Y("decode.h types: a count of 0e9999999999 is 0", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":0e9999999999}", "{\"RequestId\":\"r\",\"FailCount\":0}"),
    N("decode.h types: a count of 1e9999999999", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e9999999999}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a count of 1e-9999999999", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":1e-9999999999}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a count of 214748364.8e1 is 2147483648", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":214748364.8e1}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a count of 2147483646.5", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":2147483646.5}", ECSKP_ERR_NUMBER_OUT_OF_RANGE,
      "TotalCount", NO_OFF, NO_IDX),
    N("decode.h types: a count of -1e0", JSON, "{\"RequestId\":\"r\",\"FailCount\":-1e0}",
      ECSKP_ERR_NUMBER_OUT_OF_RANGE, "FailCount", NO_OFF, NO_IDX),
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
      NO_OFF, NO_IDX),
    N("decode.h types: a count string \"\\u0001\" is not decimal digits", JSON,
      "{\"RequestId\":\"r\",\"FailCount\":\"\\u0001\"}", ECSKP_ERR_WRONG_TYPE, "FailCount", NO_OFF,
      NO_IDX),
    Y("decode.h types: a Code string \"\\u0001abc\" is kept as a string", JSON,
      "{\"Code\":\"\\u0001abc\"}",
      "{\"Error\":{\"Code\":\"\\u0001abc\",\"Category\":\"unknown\",\"Retryable\":false}}"),
    N("decode.h types: a Result Code \"\\u0001200\" is not \"200\"", JSON,
      "{\"RequestId\":\"r\",\"Results\":[{\"Code\":\"\\u0001200\",\"Success\":true}]}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "success_vs_code", NO_OFF, 0),
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
      NO_IDX),

    /* ---- duplicated known fields */
    N("decode.h: RequestId twice (cJSON keeps both)", JSON,
      "{\"RequestId\":\"R1\",\"RequestId\":\"R2\"}", ECSKP_ERR_DUPLICATE_FIELD, "RequestId", NO_OFF,
      NO_IDX),
    N("decode.h: TotalCount twice", JSON, "{" R1 ",\"TotalCount\":1,\"TotalCount\":2}",
      ECSKP_ERR_DUPLICATE_FIELD, "TotalCount", NO_OFF, NO_IDX),
    N("decode.h: Results twice", JSON, "{" R1 ",\"Results\":{},\"Results\":[]}",
      ECSKP_ERR_DUPLICATE_FIELD, "Results", NO_OFF, NO_IDX),
    N("decode.h: Code twice at the top level", JSON, "{\"Code\":\"A\",\"Code\":\"B\"}",
      ECSKP_ERR_DUPLICATE_FIELD, "Code", NO_OFF, NO_IDX),
    N("decode.h: Success twice in the second Result", JSON,
      "{" R1 ",\"Results\":[{\"Success\":true},{\"Success\":true,\"Success\":false}]}",
      ECSKP_ERR_DUPLICATE_FIELD, "Result.Success", NO_OFF, 1),
    N("decode.h: <RequestId> twice", XML,
      "<AttachKeyPairResponse><RequestId>R1</RequestId><RequestId>R2</RequestId>"
      "</AttachKeyPairResponse>",
      ECSKP_ERR_DUPLICATE_FIELD, "RequestId", ANY_OFFSET, NO_IDX),
    N("decode.h: <Results> twice", XML, XR("<Results/><Results/>"), ECSKP_ERR_DUPLICATE_FIELD,
      "Results", ANY_OFFSET, NO_IDX),
    N("decode.h: <Code> twice in a Result", XML, XRES("<Code>200</Code><Code>500</Code>"),
      ECSKP_ERR_DUPLICATE_FIELD, "Result.Code", ANY_OFFSET, 0),
    N("decode.h: <Message> twice in an Error", XML,
      "<Error><Code>X</Code><Message>a</Message><Message>b</Message></Error>",
      ECSKP_ERR_DUPLICATE_FIELD, "Message", ANY_OFFSET, NO_IDX),
    Y("decode.h: a field may repeat in different Results", XML,
      XR("<Results><Result><Code>200</Code></Result><Result><Code>200</Code></Result>"
         "</Results>"),
      "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\"},{\"Code\":\"200\"}]}"),

    /* ---- consistency checks (decode.h) */
    N("decode.h consistency: FailCount > TotalCount", JSON,
      "{" R1 ",\"TotalCount\":1,\"FailCount\":2}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_exceeds_total", NO_OFF, NO_IDX),
    YI("decode.h consistency: FailCount > TotalCount allowed", JSON,
       "{" R1 ",\"TotalCount\":1,\"FailCount\":2}",
       "{\"RequestId\":\"R1\",\"TotalCount\":1,\"FailCount\":2}",
       ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL),
    N("decode.h consistency: TotalCount 3 with two Results (XML)", XML,
      XR("<TotalCount>3</TotalCount><Results><Result/><Result/></Results>"),
      ECSKP_ERR_INCONSISTENT_RESPONSE, "total_count_vs_results", NO_OFF, NO_IDX),
    N("decode.h consistency: FailCount 1 when every Result succeeded", JSON,
      "{" R1 ",\"FailCount\":1,\"Results\":[{\"Success\":true}]}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_vs_results", NO_OFF, NO_IDX),
    N("decode.h consistency: Success true with Code 500 in the second Result", JSON,
      "{" R1 ",\"Results\":[{\"Success\":true,\"Code\":\"200\"},{\"Success\":true,\"Code\":"
      "\"500\"}]}",
      ECSKP_ERR_INCONSISTENT_RESPONSE, "success_vs_code", NO_OFF, 1),
    N("decode.h consistency: Success false with Code 200", XML,
      XRES("<Success>false</Success><Code>200</Code>"), ECSKP_ERR_INCONSISTENT_RESPONSE,
      "success_vs_code", NO_OFF, 0),
    YI("decode.h consistency: Success false with Code 200 allowed", XML,
       XRES("<Success>false</Success><Code>200</Code>"),
       "{\"RequestId\":\"R1\",\"Results\":[{\"Code\":\"200\",\"Success\":false}]}",
       ECSKP_INCONSISTENT_SUCCESS_CODE),
    N("decode.h consistency: the first failing check in order is reported", JSON,
      "{" R1 ",\"TotalCount\":1,\"FailCount\":2,\"Results\":[]}", ECSKP_ERR_INCONSISTENT_RESPONSE,
      "fail_count_exceeds_total", NO_OFF, NO_IDX),
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

static void run_row(void **state) {
    const row *r = *state;
    ecskp_decode_options o = {.action = r->action != ECSKP_ACTION_UNSET ? r->action : ATTACH,
                              .format = r->format,
                              .http_status = r->http,
                              .flags = r->flags};
    ecskp_response *resp = (ecskp_response *)(uintptr_t)1; /* must be overwritten */
    ecskp_diag d;
    size_t len = strlen(r->body);
    print_message("source: %s\n", r->source);
    ecskp_status rc = decode_exact(r->body, len, &o, &resp, &d);
    if (r->want != ECSKP_OK) {
        expect_refusal(r->source, rc, &d, r->want, r->field, r->offset, r->index, len);
        ecskp_test_true(r->source, "no response on failure", resp == NULL);
        return;
    }
    ECSKP_EXPECT_OK(r->source, rc, &d);
    check_layout(r->source, resp);
    char *out = normalized_json(r->source, resp);
    ecskp_test_str(r->source, "normalized response", out, r->json);
    free(out);
    ecskp_test_true(r->source, "response->format is options.format", resp->format == r->format);
    ecskp_test_true(r->source, "response->action is options.action", resp->action == o.action);
    if (resp->kind == ECSKP_RESPONSE_SUCCESS) {
        ecskp_test_size(r->source, "success->inconsistencies", resp->success->inconsistencies,
                        r->bits);
    } else {
        ecskp_test_size(r->source, "error->status_mismatch", (size_t)resp->error->status_mismatch,
                        (size_t)r->mismatch);
        ecskp_test_true(r->source, "error->http_status is options.http_status",
                        resp->error->http_status == r->http);
        ecskp_test_size(r->source, "the row expects no inconsistency bits of an error", r->bits, 0);
    }
    ecskp_response_free(resp);
}

/* ------------------------------------------------------------------ the documented vectors */

/* decode.h: error.http_status is options.http_status, category and retryable are
 * ecskp_error_classify(code, http_status), status_mismatch is 1 when HTTP said 2xx. */
static void check_vector_error(const ecskp_vector *v, const ecskp_decode_options *o,
                               const ecskp_api_error *e) {
    int retryable = -1;
    ecskp_error_category want = ecskp_error_classify(e->code, o->http_status, &retryable);
    int two_xx = o->http_status >= 200 && o->http_status <= 299;
    ecskp_test_true(v->name, "error->http_status is the input's", e->http_status == o->http_status);
    ecskp_test_true(v->name, "error->category is ecskp_error_classify(code, http_status)",
                    e->category == want);
    ecskp_test_true(v->name, "error->retryable is ecskp_error_classify's",
                    e->retryable == retryable);
    ecskp_test_true(v->name, "error->status_mismatch iff HTTP said 2xx",
                    e->status_mismatch == two_xx);
}

/* One documented vector: its body, decoded with its input, gives exactly its response.json
 * (or exactly its error.txt), with the pointer layout of decode.h. */
static void run_vector(void **state) {
    const ecskp_vector *v = *state;
    ecskp_decode_options o;
    ecskp_test_vector_decode_options(v, &o);
    ecskp_response *resp = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    print_message("source: conformance/decode/%s\n", v->name);
    ecskp_test_true(v->name, "a decode case has a body", v->body != NULL);
    ecskp_status rc = decode_exact(v->body, v->body_len, &o, &resp, &d);
    if (v->error != NULL) {
        ecskp_status want = ECSKP_OK;
        ecskp_diag pd;
        ECSKP_EXPECT_OK(v->name, ecskp_status_parse(v->error, &want, &pd), &pd);
        ECSKP_EXPECT_ERROR(v->name, rc, &d, want);
        ecskp_test_true(v->name, "no response on failure", resp == NULL);
        return;
    }
    ecskp_test_true(v->name, "the case has response.json or error.txt", v->response != NULL);
    ECSKP_EXPECT_OK(v->name, rc, &d);
    check_layout(v->name, resp);
    char *out = normalized_json(v->name, resp);
    ecskp_test_str(v->name, "normalized response (response.json)", out, v->response);
    free(out);
    ecskp_test_true(v->name, "response->format is the input's", resp->format == o.format);
    ecskp_test_true(v->name, "response->action is the input's", resp->action == o.action);
    if (resp->kind == ECSKP_RESPONSE_API_ERROR)
        check_vector_error(v, &o, resp->error);
    else
        ecskp_test_size(v->name, "success->inconsistencies", resp->success->inconsistencies, 0);
    ecskp_response_free(resp);
}

/* ------------------------------------------------------------------ error tables */

typedef struct err_case {
    const char *source;
    const char *code;
    const char *message;
    int http;
    const char *category; /* errors.h categories, from the code's documented meaning */
    int retryable;        /* errors.h: what the official SDKs retry */
} err_case;

static const err_case err_cases[] = {
    {.source = "AttachKeyPair.reference.md error table",
     .code = "MissingParameter",
     .message = "The input parameter RegionId that is required for processing this request is not "
                "supplied.",
     .http = 400,
     .category = "bad_request",
     .retryable = 0},
    {.source = "AttachKeyPair.reference.md error table",
     .code = "DependencyViolation.WindowsInstance",
     .message = "The instance creating this window, cannot use ssh key pair to login.",
     .http = 403,
     .category = "bad_request",
     .retryable = 0},
    {.source = "AttachKeyPair.reference.md error table",
     .code = "InvalidKeyPairName.NotFound",
     .message = "The specified KeyPairName does not exist in our records.",
     .http = 404,
     .category = "not_found",
     .retryable = 0},
    {.source = "AttachKeyPair.reference.md error table",
     .code = "InvalidRegionId.NotFound",
     .message = "The specified RegionId does not exist.",
     .http = 404,
     .category = "not_found",
     .retryable = 0},
    {.source = "AttachKeyPair.txt error table",
     .code = "MissingParameter",
     .message = "The input parameter RegionId that is required for processing this request is not "
                "supplied.",
     .http = 400,
     .category = "bad_request",
     .retryable = 0},
    {.source = "DetachKeyPair.txt error table",
     .code = "DependencyViolation.WindowsInstance",
     .message = "The instance creating is windows, cannot use ssh key pair to login",
     .http = 403,
     .category = "bad_request",
     .retryable = 0},
    {.source = "AttachKeyPair API reference: newer page's status for a missing key pair",
     .code = "InvalidKeyPairName.NotFound",
     .message = "The specified KeyPairName does not exist.",
     .http = 400,
     .category = "not_found",
     .retryable = 0},
    {.source = "AttachKeyPair API reference error table",
     .code = "InvalidInstanceIds.ValueNotSupported",
     .message = "The specified parameter InstanceIds is not valid.",
     .http = 400,
     .category = "bad_request",
     .retryable = 0},
    {.source = "AttachKeyPair API reference error table",
     .code = "DependencyViolation.IoOptimize",
     .message = "The specified parameter InstanceIds is not valid.",
     .http = 400,
     .category = "bad_request",
     .retryable = 0},
    {.source = "ECS error center common codes",
     .code = "Throttling",
     .message = "Request was denied due to request throttling.",
     .http = 400,
     .category = "throttling",
     .retryable = 1},
    {.source = "ECS error center common codes",
     .code = "Throttling.User",
     .message = "Request was denied due to user flow control.",
     .http = 400,
     .category = "throttling",
     .retryable = 1},
    {.source = "ECS error center common codes",
     .code = "InternalError",
     .message = "The request processing has failed due to some unknown error.",
     .http = 500,
     .category = "server",
     .retryable = 1},
    {.source = "ECS error center common codes",
     .code = "ServiceUnavailable",
     .message = "The request has failed due to a temporary failure of the server.",
     .http = 503,
     .category = "server",
     .retryable = 1},
    {.source = "ECS error center common codes (SDKs retry it)",
     .code = "UnknownError",
     .message = "The request processing has failed due to some unknown error.",
     .http = 400,
     .category = "server",
     .retryable = 1},
    {.source = "ECS error center common codes",
     .code = "Forbidden.RAM",
     .message = "User not authorized to operate on the specified resource.",
     .http = 403,
     .category = "auth",
     .retryable = 0},
    {.source = "ECS error center common codes",
     .code = "OperationConflict",
     .message = "Request was denied due to conflict with a previous request.",
     .http = 409,
     .category = "conflict",
     .retryable = 0},
    {.source = "ECS error center common codes (also listed as 404)",
     .code = "InvalidAccessKeyId.NotFound",
     .message = "Specified access key is not found.",
     .http = 404,
     .category = "auth",
     .retryable = 0},
    {.source = "ECS error center common codes",
     .code = "InvalidInstanceId.NotFound",
     .message = "The specified InstanceId does not exist.",
     .http = 404,
     .category = "not_found",
     .retryable = 0},
    {.source = "ECS error center common codes",
     .code = "IncompleteSignature",
     .message =
         "The request signature does not conform to Aliyun standards. server string to sign is:"
         "GET&%2F&A%3D1",
     .http = 400,
     .category = "auth",
     .retryable = 0},
    {.source = "errors.h fallback: an undocumented code by status 502",
     .code = "Gateway.Oops",
     .message = "Bad gateway.",
     .http = 502,
     .category = "server",
     .retryable = 1},
    {.source = "errors.h fallback: an undocumented Throttling* code",
     .code = "Throttling.Api",
     .message = "Slow down.",
     .http = 400,
     .category = "throttling",
     .retryable = 1},
};

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

/* The error body of a table row, in the shape of API error diagnosis
 * (https://www.alibabacloud.com/help/en/openapi/user-guide/api-error-diagnosis), and its normalized
 * form. */
static void err_case_body(const err_case *c, ecskp_format fmt, char *body, size_t cap, char *want,
                          size_t want_cap) {
    char text[512];
    if (fmt == JSON)
        (void)snprintf(body, cap,
                       "{\"RequestId\":\"E-1\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"%s\","
                       "\"Message\":\"%s\"}",
                       c->code, c->message);
    else
        (void)snprintf(body, cap,
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <RequestId>E-1"
                       "</RequestId>\n  <HostId>ecs.aliyuncs.com</HostId>\n  <Code>%s</Code>\n"
                       "  <Message>%s</Message>\n</Error>\n",
                       c->code, (xml_escape(c->message, text, sizeof text), text));
    (void)snprintf(want, want_cap,
                   "{\"Error\":{\"HttpStatus\":%d,\"RequestId\":\"E-1\",\"HostId\":\"ecs."
                   "aliyuncs.com\",\"Code\":\"%s\",\"Message\":\"%s\",\"Category\":\"%s\","
                   "\"Retryable\":%s}}",
                   c->http, c->code, c->message, c->category, c->retryable ? "true" : "false");
}

static void run_err_case(const err_case *c, ecskp_format fmt) {
    char body[1024], want[1024], src[256];
    err_case_body(c, fmt, body, sizeof body, want, sizeof want);
    (void)snprintf(src, sizeof src, "%s: %s (%s)", c->source, c->code, ecskp_format_name(fmt));
    ecskp_decode_options o = {.action = DETACH, .format = fmt, .http_status = c->http};
    ecskp_response *resp = NULL;
    ecskp_diag d;
    print_message("source: %s\n", src);
    ECSKP_EXPECT_OK(src, decode_exact(body, strlen(body), &o, &resp, &d), &d);
    check_layout(src, resp);
    ecskp_test_true(src, "an API error", resp->kind == ECSKP_RESPONSE_API_ERROR);
    const ecskp_api_error *e = resp->error;
    ecskp_test_str(src, "error->code", e->code, c->code);
    ecskp_test_str(src, "error->category", ecskp_category_name(e->category), c->category);
    ecskp_test_true(src, "error->retryable", e->retryable == c->retryable);
    ecskp_test_true(src, "error->status_mismatch is 0 (HTTP said failure)",
                    e->status_mismatch == 0);
    ecskp_test_true(src, "error->recommend is NULL (absent)", e->recommend == NULL);
    ecskp_test_true(src, "error->access_denied_detail is NULL (absent)",
                    e->access_denied_detail == NULL);
    char *out = normalized_json(src, resp);
    ecskp_test_str(src, "normalized response", out, want);
    free(out);
    ecskp_response_free(resp);
}

static void run_err_json(void **state) {
    run_err_case(*state, JSON);
}

static void run_err_xml(void **state) {
    run_err_case(*state, XML);
}

/* ------------------------------------------------------------------ twins */

/* Two renderings of one response; where one of them is a documented example, it is named by
 * its vector instead. */
typedef struct twin {
    const char *source;
    ecskp_action action;
    const char *xml, *json;
    const char *xml_vector, *json_vector;
} twin;

static const twin twins[] = {
    {.source = "decode.h Results: a single <Result> and its converter's single object",
     .action = ATTACH,
     .xml = XRES("<InstanceId>i-a</InstanceId><Success>true</Success><Code>200</Code>"),
     .json = "{\"RequestId\":\"R1\",\"Results\":{\"Result\":{\"InstanceId\":\"i-a\",\"Success\":"
             "true,\"Code\":200}}}"},
    {.source = "DetachKeyPair.txt: String-typed JSON and XML text",
     .action = DETACH,
     .xml = "<DetachKeyPairResponse><TotalCount>1</TotalCount><FailCount>0</FailCount><KeyPairName>"
            "FinanceJoshuaV26</KeyPairName><RequestId>R1</RequestId><Results><Result><Success>true"
            "</Success><Code>200</Code><InstanceId>i-instanceid1</InstanceId><Message>successful"
            "</Message></Result></Results></DetachKeyPairResponse>",
     .json = "{\"TotalCount\":\"1\",\"FailCount\":\"0\",\"KeyPairName\":\"FinanceJoshuaV26\","
             "\"RequestId\":\"R1\",\"Results\":{\"Result\":[{\"Success\":\"true\",\"Code\":\"200\","
             "\"InstanceId\":\"i-instanceid1\",\"Message\":\"successful\"}]}}"},
    {.source = "API error diagnosis: the JSON error example rendered in XML",
     .action = ATTACH,
     .xml = "<Error><RequestId>6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</RequestId><HostId>ecs.ap-"
            "southeast-3.aliyuncs.com</HostId><Code>InvalidImageId.NotFound</Code><Message>The "
            "specified ImageId does not exist.</Message><Recommend>https://api.alibabacloud.com/"
            "troubleshoot?intl_lang=EN_US&amp;q=InvalidImageId.NotFound&amp;product=Ecs&amp;"
            "requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</Recommend></Error>",
     .json_vector = V_ERR_JSON},
    {.source = "API error diagnosis: the XML error example rendered in JSON",
     .action = ATTACH,
     .xml_vector = V_ERR_XML,
     .json = "{\"RequestId\":\"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\",\"HostId\":\"ecs.aliyuncs."
             "com\",\"Code\":\"MissingParameter.CommandId\",\"Message\":\"The input parameter "
             "\\\"CommandId\\\" that is required for processing this request is not supplied.\"}"},
    {.source = "decode.h: AccessDeniedDetail children as a JSON object of strings",
     .action = ATTACH,
     .xml = "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><AuthAction>ecs:AttachKeyPair"
            "</AuthAction><NoPermissionType>ImplicitDeny</NoPermissionType><Note>&quot;a&quot;&#10;"
            "</Note></AccessDeniedDetail></Error>",
     .json = "{\"AccessDeniedDetail\":{\"AuthAction\":\"ecs:AttachKeyPair\",\"NoPermissionType\":"
             "\"ImplicitDeny\",\"Note\":\"\\\"a\\\"\\n\"},\"Code\":\"Forbidden.RAM\"}"},
    {.source = "decode.h: non-ASCII text",
     .action = ATTACH,
     .xml = XR("<KeyPairName>\xe5\xaf\x86\xe9\x92\xa5</KeyPairName>"),
     .json = "{" R1 ",\"KeyPairName\":\"\\u5bc6\\u94a5\"}"},
};

static char *twin_side(const twin *t, ecskp_format fmt) {
    const char *text = fmt == XML ? t->xml : t->json;
    const char *name = fmt == XML ? t->xml_vector : t->json_vector;
    const void *body = text;
    size_t len = text != NULL ? strlen(text) : 0;
    if (name != NULL) {
        const ecskp_vector *v = doc_vector(name);
        body = v->body;
        len = v->body_len;
    }
    ecskp_decode_options o = {.action = t->action, .format = fmt};
    ecskp_response *resp = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(t->source, decode_exact(body, len, &o, &resp, &d), &d);
    check_layout(t->source, resp);
    char *out = normalized_json(t->source, resp);
    ecskp_response_free(resp);
    return out;
}

static void run_twin(void **state) {
    const twin *t = *state;
    print_message("source: %s\n", t->source);
    char *xml = twin_side(t, XML), *json = twin_side(t, JSON);
    ecskp_test_str(t->source, "XML and JSON renderings decode alike", xml, json);
    free(xml);
    free(json);
}

/* ------------------------------------------------------------------ the pointer layout */

/* AttachKeyPair API reference (partial success): a caller lists failures in two lines through
 * `failed`, whose entries are the very pointers of `results` (decode.h). */
static void test_failed_points_into_results(void **state) {
    (void)state;
    static const char src[] = "decode.h ecskp_success: failed[] points into results[]";
    static const char body[] =
        "{\"RequestId\":\"R1\",\"TotalCount\":3,\"FailCount\":2,\"Results\":{\"Result\":["
        "{\"InstanceId\":\"i-win\",\"Code\":\"DependencyViolation.WindowsInstance\",\"Success\":"
        "false},{\"InstanceId\":\"i-ok\",\"Code\":\"200\",\"Success\":true},"
        "{\"InstanceId\":\"i-unknown\"}]}}";
    ecskp_decode_options o = {.action = ATTACH, .format = JSON, .http_status = 200};
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, decode_exact(body, sizeof body - 1, &o, &r, &d), &d);
    check_layout(src, r);
    ecskp_test_true(src, "error is NULL for a success", r->error == NULL);
    const ecskp_success *s = r->success;
    ecskp_test_size(src, "result_count", s->result_count, 3);
    for (size_t i = 0; i < s->result_count; i++)
        ecskp_test_true(src, "results[i] is not NULL", s->results[i] != NULL);
    ecskp_test_size(src, "failed_count", s->failed_count, 2);
    ecskp_test_true(src, "failed[0] is results[0]", s->failed[0] == s->results[0]);
    ecskp_test_true(src, "failed[1] is results[2]", s->failed[1] == s->results[2]);
    ecskp_test_str(src, "failed[0]->instance_id", s->failed[0]->instance_id, "i-win");
    ecskp_test_str(src, "failed[1]->instance_id", s->failed[1]->instance_id, "i-unknown");
    ecskp_test_true(src, "failed[1] carried no Success", s->failed[1]->success_present == 0);
    ecskp_test_true(src, "results[1] succeeded", s->results[1]->success == 1);
    ecskp_test_true(src, "results[1] carried Success", s->results[1]->success_present == 1);
    ecskp_test_true(src, "no KeyPairName", s->key_pair_name == NULL);
    ecskp_test_true(src, "total_count", s->total_count == 3);
    ecskp_test_true(src, "fail_count", s->fail_count == 2);
    ecskp_test_true(src, "has_results", s->has_results == 1);
    ecskp_response_free(r);
}

/* decode.h "Results": a Result without Success takes its outcome from Code (1 iff "200"),
 * with neither it is 0; success_present says whether the body carried Success; absent
 * InstanceId, Code and Message stay NULL. In both formats. */
static void check_without_success(const char *src, const ecskp_success *s) {
    static const struct {
        const char *id, *code;
        int success, present;
    } want[] = {
        {.id = "i-200", .code = "200", .success = 1, .present = 0},
        {.id = "i-busy", .code = "Busy", .success = 0, .present = 0},
        {.id = "i-none", .code = NULL, .success = 0, .present = 0},
        {.id = NULL, .code = NULL, .success = 1, .present = 1},
    };
    ecskp_test_size(src, "result_count", s->result_count, COUNT(want));
    for (size_t i = 0; i < COUNT(want); i++) {
        const ecskp_instance_result *res = s->results[i];
        ecskp_test_str(src, "instance_id", res->instance_id, want[i].id);
        ecskp_test_str(src, "code", res->code, want[i].code);
        ecskp_test_true(src, "message is NULL (absent)", res->message == NULL);
        ecskp_test_true(src, "success", res->success == want[i].success);
        ecskp_test_true(src, "success_present", res->success_present == want[i].present);
    }
    ecskp_test_size(src, "failed_count", s->failed_count, 2);
    ecskp_test_true(src, "failed[0] is results[1]", s->failed[0] == s->results[1]);
    ecskp_test_true(src, "failed[1] is results[2]", s->failed[1] == s->results[2]);
}

static void test_results_without_success(void **state) {
    (void)state;
    static const struct {
        const char *src;
        ecskp_format format;
        const char *body;
    } bodies[] = {
        {.src = "decode.h results: Results without Success (JSON)",
         .format = JSON,
         .body = "{" R1 ",\"Results\":[{\"InstanceId\":\"i-200\",\"Code\":\"200\"},{\"InstanceId\":"
                 "\"i-busy\",\"Code\":\"Busy\"},{\"InstanceId\":\"i-none\"},{\"Success\":true}]}"},
        {.src = "decode.h results: Results without Success (XML)",
         .format = XML,
         .body = XR("<Results><Result><InstanceId>i-200</InstanceId><Code>200</Code></Result>"
                    "<Result><InstanceId>i-busy</InstanceId><Code>Busy</Code></Result><Result>"
                    "<InstanceId>i-none</InstanceId></Result><Result><Success>true</Success>"
                    "</Result></Results>")},
    };
    for (size_t i = 0; i < COUNT(bodies); i++) {
        ecskp_decode_options o = {.action = ATTACH, .format = bodies[i].format};
        ecskp_response *r = NULL;
        ecskp_diag d;
        print_message("source: %s\n", bodies[i].src);
        ECSKP_EXPECT_OK(bodies[i].src,
                        decode_exact(bodies[i].body, strlen(bodies[i].body), &o, &r, &d), &d);
        check_layout(bodies[i].src, r);
        check_without_success(bodies[i].src, r->success);
        ecskp_response_free(r);
    }
}

/* json.c: the tagged copy cJSON parses stays in the scan's 8 KiB until it outgrows it; then the
 * scan runs again into an allocation. Each way to outgrow it (at a number, at the end of the
 * text) decodes as a body that fits does. */
static void test_json_copy_beyond_stack(void **state) {
    (void)state;
    enum { PAD = 9000 }; /* > ECSKP__JSON_SMALL_COPY (8192) */
    static const struct {
        const char *src, *head, *tail;
        char pad;      /* fills PAD bytes between head and tail */
        int64_t total; /* the TotalCount the body carries */
        size_t id_len; /* strlen of the decoded RequestId */
    } big[] = {
        {.src = "the copy outgrows the stack at a number (many numbers)",
         .head = "{\"RequestId\":\"r\",\"Pad\":[",
         .tail = "0],\"TotalCount\":1234567,\"FailCount\":0}",
         .pad = '0', /* "0,0,...": written as 0 then ',' by the loop below */
         .total = 1234567,
         .id_len = 1},
        {.src = "the copy outgrows the stack at the number after a long string",
         .head = "{\"RequestId\":\"",
         .tail = "\",\"TotalCount\":7}",
         .pad = 'a',
         .total = 7,
         .id_len = PAD},
        {.src = "the copy outgrows the stack at the end of the text",
         .head = "{\"TotalCount\":5,\"RequestId\":\"",
         .tail = "\"}",
         .pad = 'b',
         .total = 5,
         .id_len = PAD},
    };
    for (size_t i = 0; i < COUNT(big); i++) {
        size_t hl = strlen(big[i].head), tl = strlen(big[i].tail);
        char *body = malloc(hl + PAD + tl + 1);
        assert_non_null(body);
        memcpy(body, big[i].head, hl);
        for (size_t k = 0; k < PAD; k++)
            body[hl + k] = big[i].pad == '0' ? (k % 2 == 0 ? '0' : ',') : big[i].pad;
        memcpy(body + hl + PAD, big[i].tail, tl + 1);
        ecskp_decode_options o = {.action = ATTACH, .format = JSON};
        ecskp_response *r = NULL;
        ecskp_diag d;
        print_message("source: %s\n", big[i].src);
        ECSKP_EXPECT_OK(big[i].src, decode_exact(body, hl + PAD + tl, &o, &r, &d), &d);
        assert_int_equal(r->success->total_count, big[i].total);
        assert_int_equal(strlen(r->success->request_id), big[i].id_len);
        ecskp_response_free(r);
        free(body);
    }
}

/* Decodes a documented vector with its input (the caller frees the response). */
static ecskp_response *decode_vector(const ecskp_vector *v) {
    ecskp_decode_options o;
    ecskp_test_vector_decode_options(v, &o);
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(v->name, decode_exact(v->body, v->body_len, &o, &r, &d), &d);
    check_layout(v->name, r);
    return r;
}

/* decode.h: exactly one of success / error is set, as kind says; the other is NULL. A
 * success's absent counts are -1, an error's absent members NULL. */
static void test_kind_and_absent_fields(void **state) {
    (void)state;
    const ecskp_vector *v = doc_vector(V_OLD_XML);
    ecskp_response *r = decode_vector(v);
    ecskp_test_true(v->name, "kind", r->kind == ECSKP_RESPONSE_SUCCESS);
    ecskp_test_true(v->name, "error is NULL for a success", r->error == NULL);
    ecskp_test_true(v->name, "action", r->action == ATTACH);
    ecskp_test_true(v->name, "total_count absent (-1)", r->success->total_count == -1);
    ecskp_test_true(v->name, "fail_count absent (-1)", r->success->fail_count == -1);
    ecskp_test_true(v->name, "has_results", r->success->has_results == 0);
    ecskp_test_size(v->name, "result_count", r->success->result_count, 0);
    ecskp_test_size(v->name, "failed_count", r->success->failed_count, 0);
    ecskp_test_true(v->name, "key_pair_name absent", r->success->key_pair_name == NULL);
    ecskp_response_free(r);

    v = doc_vector(V_ERR_JSON);
    r = decode_vector(v);
    ecskp_test_true(v->name, "kind", r->kind == ECSKP_RESPONSE_API_ERROR);
    ecskp_test_true(v->name, "success is NULL for an API error", r->success == NULL);
    ecskp_test_true(v->name, "access_denied_detail absent", r->error->access_denied_detail == NULL);
    ecskp_test_true(v->name, "recommend present", r->error->recommend != NULL);
    ecskp_test_true(v->name, "http_status unknown (0)", r->error->http_status == 0);
    ecskp_test_true(v->name, "status_mismatch", r->error->status_mismatch == 0);
    ecskp_test_true(v->name, "category", r->error->category == ECSKP_CATEGORY_NOT_FOUND);
    ecskp_test_true(v->name, "retryable", r->error->retryable == 0);
    ecskp_response_free(r);
}

/* ------------------------------------------------------------------ arguments */

static void test_arguments(void **state) {
    (void)state;
    static const char src[] = "decode.h ecskp_response_decode arguments";
    ecskp_decode_options o = {.action = ATTACH, .format = JSON};
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, NULL, &r, &d), &d,
                      ECSKP_ERR_INVALID_ARGUMENT, "opt", NO_OFF, NO_IDX);
    ecskp_test_true(src, "*out is NULL on failure", r == NULL);
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, NULL, &d), &d,
                      ECSKP_ERR_INVALID_ARGUMENT, "out", NO_OFF, NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(NULL, 3, &o, &r, &d), &d,
                      ECSKP_ERR_INVALID_ARGUMENT, "body", NO_OFF, NO_IDX);
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(NULL, 0, &o, &r, &d), &d, ECSKP_ERR_EMPTY_BODY);
    o.action = (ecskp_action)3;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, &r, &d), &d,
                      ECSKP_ERR_INVALID_ARGUMENT, "action", NO_OFF, NO_IDX);
    o.action = ECSKP_ACTION_UNSET; /* required */
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, &r, &d), &d,
                      ECSKP_ERR_INVALID_ARGUMENT, "action", NO_OFF, NO_IDX);
    o.action = ATTACH;
    o.format = ECSKP_FORMAT_UNSET; /* required */
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, &r, &d), &d,
                       ECSKP_ERR_UNSUPPORTED_FORMAT);
    o.format = (ecskp_format)3;
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, &r, &d), &d,
                       ECSKP_ERR_UNSUPPORTED_FORMAT);
    ecskp_test_true(src, "*out is NULL on failure", r == NULL);
    /* No diag wanted is fine everywhere. */
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(MIN_JSON, MIN_JSON_LEN, &o, &r, NULL), NULL,
                       ECSKP_ERR_UNSUPPORTED_FORMAT);
    ecskp_response_free(NULL);
}

/* ------------------------------------------------------------------ ecskp_response_to_json */

/* ecskp.h caller buffers on one response (ecskp_test_sized: the size query, one byte short,
 * exactly *needed), the text it gives, and cap 0 with a buffer: *needed = the text and its
 * NUL, nothing written. */
static void to_json_sizes(const char *src, const ecskp_response *r, const char *want) {
    char *text = ecskp_test_sized(src, to_json_fn, r), buf[1] = {'x'};
    size_t n = 99;
    ecskp_diag d;
    ecskp_test_str(src, "the text", text, want);
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(r, buf, 0, &n, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed with cap 0", n, strlen(want) + 1);
    ecskp_test_true(src, "cap 0: nothing written", buf[0] == 'x');
    free(text);
}

/* Every documented vector's response, so both kinds (a success, an API error). */
static void test_to_json_buffers(void **state) {
    (void)state;
    int kinds = 0;
    FOR_DECODING_VECTORS(v) {
        print_message("source: ecskp.h caller buffers, conformance/decode/%s\n", v->name);
        ecskp_response *r = decode_vector(v);
        kinds |= r->kind == ECSKP_RESPONSE_SUCCESS ? 1 : 2;
        to_json_sizes(v->name, r, v->response);
        ecskp_response_free(r);
    }
    ecskp_test_true("vectors.h", "a success and an API error among the vectors", kinds == 3);
}

static void test_to_json_arguments(void **state) {
    (void)state;
    static const char src[] = "decode.h ecskp_response_to_json arguments";
    ecskp_response *r = decode_vector(doc_vector(V_OLD_JSON));
    char buf[8];
    size_t n = 99;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(r, NULL, 5, &n, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size(src, "*needed on another failure", n, 0);
    n = 99;
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(NULL, buf, sizeof buf, &n, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size(src, "*needed on another failure", n, 0);
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(r, buf, sizeof buf, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_response_free(r);
}

/* ------------------------------------------------------------------ names */

/* encode.h: ecskp_format_parse takes exactly the wire's names; any other spelling (0.x took any
 * letter case) is unsupported_format with diag.field "Format". */
/* encode.h ecskp_format_name / ecskp_format_parse: "JSON" and "XML", exact. */
static const ecskp_test_enum_row format_rows[] = {
    {ECSKP_TEST_BOTH, .src = "encode.h: JSON", .value = JSON, .name = "JSON"},
    {ECSKP_TEST_BOTH, .src = "encode.h: XML", .value = XML, .name = "XML"},
    {ECSKP_TEST_NAME, .src = "encode.h: name of unset", .value = ECSKP_FORMAT_UNSET, .name = NULL},
    {ECSKP_TEST_NAME, .src = "encode.h: name of 3", .value = 3, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "encode.h: \"json\"", .name = "json",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: \"Xml\"", .name = "Xml",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: \"JSONP\"", .name = "JSONP",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: \"\"", .name = "", .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: NULL", .name = NULL,
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
};

static void test_format_names(void **state) {
    (void)state;
    ecskp_test_enum_rows(&ecskp_test_format, format_rows, COUNT(format_rows));
}

static void test_inconsistency_names(void **state) {
    (void)state;
    static const char src[] = "decode.h ecskp_inconsistency_name";
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {.bit = ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL, .name = "fail_count_exceeds_total"},
        {.bit = ECSKP_INCONSISTENT_TOTAL_COUNT, .name = "total_count_vs_results"},
        {.bit = ECSKP_INCONSISTENT_FAIL_COUNT, .name = "fail_count_vs_results"},
        {.bit = ECSKP_INCONSISTENT_SUCCESS_CODE, .name = "success_vs_code"},
        {.bit = ECSKP_INCONSISTENT_TOP_CODE, .name = "code_in_success"},
        {.bit = 0, .name = NULL},
        {.bit = 3, .name = NULL},
    };
    for (size_t i = 0; i < COUNT(names); i++)
        ecskp_test_str(src, "the bit's name", ecskp_inconsistency_name(names[i].bit),
                       names[i].name);
}

/* ------------------------------------------------------------------ main */

static const ecskp_test_named single[] = {
    ECSKP_TEST_NAMED(test_failed_points_into_results),
    ECSKP_TEST_NAMED(test_results_without_success),
    ECSKP_TEST_NAMED(test_json_copy_beyond_stack),
    ECSKP_TEST_NAMED(test_kind_and_absent_fields),
    ECSKP_TEST_NAMED(test_arguments),
    ECSKP_TEST_NAMED(test_to_json_buffers),
    ECSKP_TEST_NAMED(test_to_json_arguments),
    ECSKP_TEST_NAMED(test_format_names),
    ECSKP_TEST_NAMED(test_inconsistency_names),
};

static ecskp_test_list tests;

int main(void) {
    int failed = 0;
    ECSKP_TEST_FOR_VECTORS(v, "decode") {
        ecskp_test_add(&tests, v->name, run_vector, v);
    }
    failed += ecskp_test_run(&tests, "decode documented vectors");
    ECSKP_TEST_ADD_ROWS(&tests, rows, source, run_row);
    failed += ecskp_test_run(&tests, "decode rows");
    for (size_t i = 0; i < COUNT(err_cases); i++) {
        ecskp_test_add(&tests, err_cases[i].code, run_err_json, &err_cases[i]);
        ecskp_test_add(&tests, err_cases[i].code, run_err_xml, &err_cases[i]);
    }
    failed += ecskp_test_run(&tests, "decode error tables");
    ECSKP_TEST_ADD_ROWS(&tests, twins, source, run_twin);
    failed += ecskp_test_run(&tests, "decode twins");
    ecskp_test_add_all(&tests, single, COUNT(single));
    failed += ecskp_test_run(&tests, "decode API");
    return failed != 0;
}
