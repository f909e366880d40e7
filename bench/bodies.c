/* SPDX-License-Identifier: MIT */
/*
 * bodies.c - the response bodies the decode workloads parse.
 *
 * json50 / xml50: a DetachKeyPair success response with 50 Results, in the shape of the
 * documented example (DetachKeyPair API reference,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair,
 * Response examples: TotalCount and FailCount as numbers, Success as a
 * boolean, Code as the string "200", the documented key order), but unindented, as real servers
 * send it. The instance IDs are the benchmark's 50 IDs.
 *
 * bench_success_body: the same shape with N Results and IDs `i-` + 20 digits, for any N (the
 * peak-by-size scan, the scaling mode's baselines).
 *
 * The error bodies are the two documented ones of API error diagnosis
 * (https://www.alibabacloud.com/help/en/openapi/user-guide/api-error-diagnosis), byte for byte as
 * documented (the XML one indented, with its declaration), each also rendered in the other
 * format with the same fields.
 */
#include <stdio.h>
#include <string.h>

#include "bodies.h"
#include "workloads.h"

#define REQUEST_ID "834B3E6B-2D1D-482F-81A4-810C327D4735"

static char g_json50[8192];
static char g_xml50[16384];

static size_t put(char *buf, size_t cap, size_t at, const char *s) {
    size_t n = strlen(s);
    if (at + n >= cap)
        return cap; /* caller checks: the fixture buffers are sized with room to spare */
    memcpy(buf + at, s, n + 1);
    return at + n;
}

static int build_json50(void) {
    const char *const *ids = bench_instance_ids();
    size_t at = 0, cap = sizeof g_json50;
    at = put(g_json50, cap, at,
             "{\"TotalCount\":50,\"RequestId\":\"" REQUEST_ID "\",\"Results\":{\"Result\":[");
    for (size_t i = 0; i < BENCH_IDS && at < cap; i++) {
        char item[160];
        snprintf(item, sizeof item,
                 "%s{\"Message\":\"successful\",\"InstanceId\":\"%s\",\"Success\":true,"
                 "\"Code\":\"200\"}",
                 i ? "," : "", ids[i]);
        at = put(g_json50, cap, at, item);
    }
    at = put(g_json50, cap, at, "]},\"FailCount\":0}");
    return at < cap ? 0 : -1;
}

static int build_xml50(void) {
    const char *const *ids = bench_instance_ids();
    size_t at = 0, cap = sizeof g_xml50;
    at = put(g_xml50, cap, at,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<DetachKeyPairResponse><TotalCount>50</TotalCount><RequestId>" REQUEST_ID
             "</RequestId><Results>");
    for (size_t i = 0; i < BENCH_IDS && at < cap; i++) {
        char item[200];
        snprintf(item, sizeof item,
                 "<Result><Message>successful</Message><InstanceId>%s</InstanceId>"
                 "<Success>true</Success><Code>200</Code></Result>",
                 ids[i]);
        at = put(g_xml50, cap, at, item);
    }
    at = put(g_xml50, cap, at, "</Results><FailCount>0</FailCount></DetachKeyPairResponse>");
    return at < cap ? 0 : -1;
}

size_t bench_success_body(char *buf, size_t cap, int xml, int results) {
    char item[256];
    size_t at = 0;
    if (xml)
        snprintf(item, sizeof item,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DetachKeyPairResponse><TotalCount>%d"
                 "</TotalCount><RequestId>" REQUEST_ID "</RequestId><Results>",
                 results);
    else
        snprintf(item, sizeof item,
                 "{\"TotalCount\":%d,\"RequestId\":\"" REQUEST_ID "\",\"Results\":{\"Result\":[",
                 results);
    at = put(buf, cap, at, item);
    for (int i = 0; i < results && at < cap; i++) {
        if (xml)
            snprintf(item, sizeof item,
                     "<Result><Message>successful</Message><InstanceId>i-%020d</InstanceId>"
                     "<Success>true</Success><Code>200</Code></Result>",
                     i);
        else
            snprintf(item, sizeof item,
                     "%s{\"Message\":\"successful\",\"InstanceId\":\"i-%020d\",\"Success\":true,"
                     "\"Code\":\"200\"}",
                     i ? "," : "", i);
        at = put(buf, cap, at, item);
    }
    at = put(buf, cap, at,
             xml ? "</Results><FailCount>0</FailCount></DetachKeyPairResponse>"
                 : "]},\"FailCount\":0}");
    return at;
}

/* API error diagnosis, the documented JSON error body. */
static const char k_json_err_image[] =
    "{\"RequestId\": \"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\", \"HostId\": "
    "\"ecs.ap-southeast-3.aliyuncs.com\",\n"
    " \"Code\": \"InvalidImageId.NotFound\", \"Message\": \"The specified ImageId does not "
    "exist.\",\n"
    " \"Recommend\": "
    "\"https://api.alibabacloud.com/"
    "troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&product=Ecs&requestId=6BE56E05-XXXX-"
    "XXXX-XXXX-FD90C4FFD581\"}\n";

/* The same fields as XML (`&` escaped as the format requires). */
static const char k_xml_err_image[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Error>\n"
    "  <RequestId>6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</RequestId>\n"
    "  <HostId>ecs.ap-southeast-3.aliyuncs.com</HostId>\n"
    "  <Code>InvalidImageId.NotFound</Code>\n"
    "  <Message>The specified ImageId does not exist.</Message>\n"
    "  <Recommend>https://api.alibabacloud.com/"
    "troubleshoot?intl_lang=EN_US&amp;q=InvalidImageId.NotFound&amp;product=Ecs&amp;requestId="
    "6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581</Recommend>\n"
    "</Error>\n";

/* API error diagnosis, the documented XML error body. */
static const char k_xml_err_missing[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Error>\n"
    "  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n"
    "  <HostId>ecs.aliyuncs.com</HostId>\n"
    "  <Code>MissingParameter.CommandId</Code>\n"
    "  <Message>The input parameter \"CommandId\" that is required for processing this request is "
    "not supplied.</Message>\n"
    "</Error>\n";

/* The same fields as JSON. */
static const char k_json_err_missing[] =
    "{\"RequestId\": \"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\", \"HostId\": \"ecs.aliyuncs.com\",\n"
    " \"Code\": \"MissingParameter.CommandId\", \"Message\": \"The input parameter "
    "\\\"CommandId\\\" "
    "that is required for processing this request is not supplied.\"}\n";

const char *bench_body_name(int which) {
    static const char *const names[BODY_COUNT] = {"json50",           "xml50",
                                                  "json_err_imageid", "xml_err_imageid",
                                                  "json_err_missing", "xml_err_missing"};
    return which >= 0 && which < BODY_COUNT ? names[which] : NULL;
}

int bench_bodies(bench_body out[BODY_COUNT]) {
    if (build_json50() != 0 || build_xml50() != 0)
        return -1;
    out[BODY_JSON50] = (bench_body){g_json50, strlen(g_json50), 1, 200};
    out[BODY_XML50] = (bench_body){g_xml50, strlen(g_xml50), 0, 200};
    out[BODY_JSON_ERR_IMAGE] = (bench_body){k_json_err_image, sizeof k_json_err_image - 1, 1, 404};
    out[BODY_XML_ERR_IMAGE] = (bench_body){k_xml_err_image, sizeof k_xml_err_image - 1, 0, 404};
    out[BODY_JSON_ERR_MISSING] =
        (bench_body){k_json_err_missing, sizeof k_json_err_missing - 1, 1, 400};
    out[BODY_XML_ERR_MISSING] =
        (bench_body){k_xml_err_missing, sizeof k_xml_err_missing - 1, 0, 400};
    return 0;
}
