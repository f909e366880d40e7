/* SPDX-License-Identifier: MIT */
/*
 * test_call.c - ecskp/call.h, table-driven: the endpoint rule, the whole-list check of
 * instance IDs, wait hints, retry advice for replies and failed instances, backoff, and the
 * check of what was sent.
 *
 * Sources: the contract in codec/include/ecskp/call.h (endpoints, batches, retries, wait hints,
 * backoff: ecskp's decisions, after the official SDKs and aliyun-cli), and, for the limit of 50
 * IDs a request and the error tables, the AttachKeyPair and DetachKeyPair API references
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair).
 */
#include <stdlib.h>

#include "ecskp_test.h"

/* ------------------------------------------------------------------ the endpoint */

typedef struct host_row {
    const char *src;
    const char *region;
    ecskp_endpoint endpoint;
    const char *explicit_host;
    ecskp_status want;
    const char *host;  /* on success */
    const char *field; /* on failure */
    size_t offset;
} host_row;

/* A row's ecskp_endpoint_host() call, for ecskp_test_sized(). */
static ecskp_status host_fn(const void *arg, char *buf, size_t cap, size_t *needed, ecskp_diag *d) {
    const host_row *r = arg;
    return ecskp_endpoint_host(r->region, r->endpoint, r->explicit_host, buf, cap, needed, d);
}

static const host_row host_rows[] = {
    {.src = "call.h: public rule",
     .region = "cn-hangzhou",
     .want = ECSKP_OK,
     .host = "ecs.cn-hangzhou.aliyuncs.com"},
    {.src = "call.h: public, explicit",
     .region = "cn-hangzhou",
     .endpoint = ECSKP_ENDPOINT_PUBLIC,
     .want = ECSKP_OK,
     .host = "ecs.cn-hangzhou.aliyuncs.com"},
    {.src = "call.h: VPC rule",
     .region = "ap-southeast-1",
     .endpoint = ECSKP_ENDPOINT_VPC,
     .want = ECSKP_OK,
     .host = "ecs-vpc.ap-southeast-1.aliyuncs.com"},
    {.src = "call.h: central",
     .endpoint = ECSKP_ENDPOINT_CENTRAL,
     .want = ECSKP_OK,
     .host = "ecs.aliyuncs.com"},
    {.src = "call.h: central ignores the region",
     .region = "cn-qingdao",
     .endpoint = ECSKP_ENDPOINT_CENTRAL,
     .want = ECSKP_OK,
     .host = "ecs.aliyuncs.com"},
    {.src = "call.h: an explicit endpoint wins",
     .region = "cn-hangzhou",
     .endpoint = ECSKP_ENDPOINT_VPC,
     .explicit_host = "127.0.0.1:8080",
     .want = ECSKP_OK,
     .host = "127.0.0.1:8080"},
    {.src = "call.h: explicit host without a region",
     .explicit_host = "ecs.example.test",
     .want = ECSKP_OK,
     .host = "ecs.example.test"},
    {.src = "call.h: a region no list knows is fine",
     .region = "xx-new-9",
     .want = ECSKP_OK,
     .host = "ecs.xx-new-9.aliyuncs.com"},
    {.src = "call.h: the rule needs a region",
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "RegionId",
     .offset = NO_OFF},
    {.src = "call.h: empty region",
     .region = "",
     .endpoint = ECSKP_ENDPOINT_VPC,
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "RegionId",
     .offset = NO_OFF},
    {.src = "call.h: upper case is no region",
     .region = "cn-Hangzhou",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId",
     .offset = 3},
    {.src = "call.h: a dot would change the host",
     .region = "cn.evil.com#",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId",
     .offset = 2},
    {.src = "call.h: leading '-'",
     .region = "-cn",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId",
     .offset = 0},
    {.src = "call.h: trailing '-'",
     .region = "cn-",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "RegionId",
     .offset = 2},
    {.src = "call.h: explicit host with a path",
     .explicit_host = "host/path",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "host",
     .offset = 4},
    {.src = "call.h: explicit host with user info",
     .explicit_host = "user@host",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "host",
     .offset = 4},
    {.src = "call.h: explicit host with a space",
     .explicit_host = "a b",
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "host",
     .offset = 1},
    {.src = "call.h: unknown endpoint value",
     .region = "cn-hangzhou",
     .endpoint = (ecskp_endpoint)9,
     .want = ECSKP_ERR_INVALID_ARGUMENT,
     .field = "endpoint",
     .offset = NO_OFF},
};

static void test_endpoint_host(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const host_row, r, host_rows) {
        char buf[ECSKP_HOST_SIZE];
        size_t needed = 0;
        ecskp_diag d;
        ecskp_status st = host_fn(r, buf, sizeof buf, &needed, &d);
        if (r->want != ECSKP_OK) {
            ECSKP_EXPECT_DIAG(r->src, st, &d, r->want, r->field, r->offset, NO_IDX);
            ecskp_test_size(r->src, "needed after a failure", needed, 0);
            continue;
        }
        ECSKP_EXPECT_OK(r->src, st, &d);
        ecskp_test_str(r->src, "host", buf, r->host);
        ecskp_test_size(r->src, "needed", needed, strlen(r->host) + 1);
        /* The size on the first call, exact; one byte short is buffer_too_small. */
        char *sized = ecskp_test_sized(r->src, host_fn, r);
        ecskp_test_str(r->src, "host in exactly *needed bytes", sized, r->host);
        free(sized);
    }
}

static void test_endpoint_long(void **state) {
    (void)state;
    char region[80], host[300], buf[ECSKP_HOST_SIZE];
    size_t needed = 0;
    ecskp_diag d;
    memset(region, 'a', 63);
    region[63] = '\0';
    ECSKP_EXPECT_OK(
        "call.h: a 63-byte region",
        ecskp_endpoint_host(region, ECSKP_ENDPOINT_PUBLIC, NULL, buf, sizeof buf, &needed, &d), &d);
    region[63] = 'a';
    region[64] = '\0';
    ECSKP_EXPECT_DIAG(
        "call.h: a 64-byte region",
        ecskp_endpoint_host(region, ECSKP_ENDPOINT_PUBLIC, NULL, buf, sizeof buf, &needed, &d), &d,
        ECSKP_ERR_INVALID_PARAMETER_VALUE, "RegionId", 63, NO_IDX);
    memset(host, 'h', 255);
    host[255] = '\0';
    ECSKP_EXPECT_OK(
        "call.h: a 255-byte host",
        ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_UNSET, host, buf, sizeof buf, &needed, &d), &d);
    host[255] = 'h';
    host[256] = '\0';
    ECSKP_EXPECT_DIAG(
        "call.h: a 256-byte host",
        ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_UNSET, host, buf, sizeof buf, &needed, &d), &d,
        ECSKP_ERR_VALUE_TOO_LONG, "host", NO_OFF, NO_IDX);
}

/* call.h: each endpoint's name parses back to it; names are exact. */
static const ecskp_test_enum_row endpoint_rows[] = {
    {ECSKP_TEST_BOTH, .src = "public", .value = ECSKP_ENDPOINT_PUBLIC, .name = "public"},
    {ECSKP_TEST_BOTH, .src = "vpc", .value = ECSKP_ENDPOINT_VPC, .name = "vpc"},
    {ECSKP_TEST_BOTH, .src = "central", .value = ECSKP_ENDPOINT_CENTRAL, .name = "central"},
    {ECSKP_TEST_PARSE, .src = "call.h: exact names", .name = "VPC",
     .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_NAME, .src = "call.h: unset is public", .value = ECSKP_ENDPOINT_UNSET,
     .name = "public"},
    {ECSKP_TEST_NAME, .src = "call.h: an unknown value has no name", .value = 7, .name = NULL},
};

static void test_endpoint_names(void **state) {
    (void)state;
    ecskp_test_enum_rows(&ecskp_test_endpoint, endpoint_rows, COUNT(endpoint_rows));
}

/* ------------------------------------------------------------------ whole lists */

/* A list of n IDs "i-<k>" in `store`, with ids[dup_at] = ids[dup_of] when dup_at < n. */
static const char **make_list(size_t n, size_t dup_at, size_t dup_of, char (*store)[24]) {
    const char **ids = malloc(n * sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < n; i++) {
        (void)snprintf(store[i], sizeof store[i], "i-%zu", i);
        ids[i] = store[i];
    }
    if (dup_at < n)
        ids[dup_at] = store[dup_of];
    return ids;
}

static void test_check_list(void **state) {
    (void)state;
    static const struct {
        const char *src;
        size_t n, dup_at, dup_of;
        ecskp_status want;
        size_t index;
    } rows[] = {
        {.src = "120 distinct IDs: three requests",
         .n = 120,
         .dup_at = SIZE_MAX,
         .want = ECSKP_OK,
         .index = NO_IDX},
        {.src = "a duplicate in another batch",
         .n = 120,
         .dup_at = 101,
         .dup_of = 3,
         .want = ECSKP_ERR_IDS_DUPLICATE,
         .index = 101},
        {.src = "a duplicate in the same batch",
         .n = 120,
         .dup_at = 7,
         .dup_of = 2,
         .want = ECSKP_ERR_IDS_DUPLICATE,
         .index = 7},
        {.src = "one ID", .n = 1, .dup_at = SIZE_MAX, .want = ECSKP_OK, .index = NO_IDX},
        {.src = "the longest list",
         .n = ECSKP_MAX_LIST_IDS,
         .dup_at = SIZE_MAX,
         .want = ECSKP_OK,
         .index = NO_IDX},
        {.src = "one over the longest list",
         .n = ECSKP_MAX_LIST_IDS + 1,
         .dup_at = SIZE_MAX,
         .want = ECSKP_ERR_IDS_TOO_MANY,
         .index = ECSKP_MAX_LIST_IDS + 1},
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char(*store)[24] = malloc(rows[i].n * sizeof *store);
        assert_non_null(store);
        const char **ids = make_list(rows[i].n, rows[i].dup_at, rows[i].dup_of, store);
        ecskp_diag d;
        ECSKP_EXPECT_DIAG(rows[i].src, ecskp_ids_check_list(ids, rows[i].n, 0, NULL, &d), &d,
                          rows[i].want, rows[i].want == ECSKP_OK ? NULL : "InstanceIds", NO_OFF,
                          rows[i].index);
        free(ids);
        free(store);
    }
    ecskp_test_size("call.h ECSKP_BATCH_COUNT", "requests for 120 IDs", ECSKP_BATCH_COUNT(120), 3);
    ecskp_test_size("call.h ECSKP_BATCH_COUNT", "requests for 50 IDs", ECSKP_BATCH_COUNT(50), 1);
    ecskp_test_size("call.h ECSKP_BATCH_COUNT", "requests for 51 IDs", ECSKP_BATCH_COUNT(51), 2);
}

static void test_check_list_first_repeat(void **state) {
    (void)state;
    /* Two IDs repeated: the first repeat in list order is reported (index 3, not 5). */
    const char *ids[] = {"i-b", "i-a", "i-c", "i-a", "i-d", "i-b", "i-a"};
    ecskp_diag d;
    ECSKP_EXPECT_DIAG("call.h: the first repeat in list order",
                      ecskp_ids_check_list(ids, COUNT(ids), 0, NULL, &d), &d,
                      ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 3);
    const char *bad[] = {"i-a", "i b"};
    ECSKP_EXPECT_DIAG("call.h: each ID as ecskp_ids_build checks it",
                      ecskp_ids_check_list(bad, COUNT(bad), 0, NULL, &d), &d,
                      ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1);
    const char *upper[] = {"i-A"};
    ECSKP_EXPECT_DIAG("call.h: strict flag",
                      ecskp_ids_check_list(upper, 1, ECSKP_IDS_STRICT, NULL, &d), &d,
                      ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0);
    ECSKP_EXPECT_DIAG("call.h: empty list", ecskp_ids_check_list(ids, 0, 0, NULL, &d), &d,
                      ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0);
    ECSKP_EXPECT_ERROR("call.h: NULL with a count", ecskp_ids_check_list(NULL, 2, 0, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR("call.h: unknown flags", ecskp_ids_check_list(ids, 1, 1u << 7, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ wait hints */

static void test_wait_hint(void **state) {
    (void)state;
    static const struct {
        const char *src;
        ecskp_reply_headers h;
        uint64_t want;
    } rows[] = {
        {.src = "none", .want = 0},
        {.src = "call.h: x-acs-retry-after, ms", .h = {.retry_after = "1500"}, .want = 1500},
        {.src = "call.h: TimeLeft of x-ratelimit-user-api",
         .h = {.ratelimit_user_api = "Limit:1,Remain:0,TimeLeft:2000,Reset:1234"},
         .want = 2000},
        {.src = "call.h: TimeLeft of x-ratelimit-user",
         .h = {.ratelimit_user = "Limit:10,Remain:0,TimeLeft:750,Reset:1"},
         .want = 750},
        {.src = "call.h: the largest hint wins",
         .h = {.retry_after = "300",
               .ratelimit_user_api = "TimeLeft:900",
               .ratelimit_user = "TimeLeft:600"},
         .want = 900},
        {.src = "call.h: spaces around the digits", .h = {.retry_after = " 42 "}, .want = 42},
        {.src = "call.h: spaces between members",
         .h = {.ratelimit_user = "Limit:1, Remain:0, TimeLeft: 80"},
         .want = 80},
        {.src = "call.h: not digits is absent", .h = {.retry_after = "soon"}, .want = 0},
        {.src = "call.h: a negative number is absent", .h = {.retry_after = "-5"}, .want = 0},
        {.src = "call.h: a fraction is absent", .h = {.retry_after = "1.5"}, .want = 0},
        {.src = "call.h: a day is the most", .h = {.retry_after = "86400000"}, .want = 86400000},
        {.src = "call.h: beyond a day is absent", .h = {.retry_after = "86400001"}, .want = 0},
        {.src = "call.h: 20 digits are absent",
         .h = {.retry_after = "99999999999999999999"},
         .want = 0},
        {.src = "call.h: TimeLeft missing",
         .h = {.ratelimit_user_api = "Limit:1,Remain:0"},
         .want = 0},
        {.src = "call.h: TimeLeft empty", .h = {.ratelimit_user_api = "TimeLeft:"}, .want = 0},
        {.src = "call.h: a look-alike key", .h = {.ratelimit_user_api = "XTimeLeft:5"}, .want = 0},
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        uint64_t ms = 7;
        ecskp_diag d;
        ECSKP_EXPECT_OK(rows[i].src, ecskp_wait_hint(&rows[i].h, &ms, &d), &d);
        ecskp_test_size(rows[i].src, "wait_ms", (size_t)ms, (size_t)rows[i].want);
    }
    uint64_t ms = 7;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR("call.h: NULL headers", ecskp_wait_hint(NULL, &ms, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size("call.h", "wait_ms after a failure", (size_t)ms, 0);
}

/* ------------------------------------------------------------------ advice */

/* Decodes a JSON body for the advice rows. */
static ecskp_response *decode_json(const char *body, int http) {
    ecskp_decode_options o = {
        .action = ECSKP_ACTION_ATTACH_KEY_PAIR, .format = ECSKP_FORMAT_JSON, .http_status = http};
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(body, ecskp_response_decode(body, strlen(body), &o, &r, &d), &d);
    return r;
}

static void test_reply_advice(void **state) {
    (void)state;
    static const struct {
        const char *src;
        const char *code; /* an error body with this Code, or NULL: `decode` without a body */
        ecskp_status decode;
        int http;
        ecskp_retry want;
        ecskp_error_category category;
        const char *want_code;
    } rows[] = {
        {.src = "call.h: Throttling",
         .code = "Throttling",
         .http = 400,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "Throttling"},
        {.src = "call.h: Throttling.User",
         .code = "Throttling.User",
         .http = 400,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "Throttling.User"},
        {.src = "call.h: Throttling.Api",
         .code = "Throttling.Api",
         .http = 503,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "Throttling.Api"},
        {.src = "call.h: Rejected.Throttling",
         .code = "Rejected.Throttling",
         .http = 400,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "Rejected.Throttling"},
        {.src = "call.h: ServiceUnavailable",
         .code = "ServiceUnavailable",
         .http = 503,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "ServiceUnavailable"},
        {.src = "call.h: InternalError",
         .code = "InternalError",
         .http = 500,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "InternalError"},
        {.src = "call.h: UnknownError",
         .code = "UnknownError",
         .http = 500,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "UnknownError"},
        {.src = "call.h: a 5xx of any code",
         .code = "Whatever",
         .http = 502,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "Whatever"},
        {.src = "call.h: 429 is throttled whatever the code",
         .code = "TooMany",
         .http = 429,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "TooMany"},
        {.src = "AttachKeyPair errors: InvalidKeyPairName.NotFound",
         .code = "InvalidKeyPairName.NotFound",
         .http = 404,
         .want = ECSKP_RETRY_NO,
         .category = ECSKP_CATEGORY_NOT_FOUND,
         .want_code = "InvalidKeyPairName.NotFound"},
        {.src = "call.h: a bare 503",
         .decode = ECSKP_ERR_EMPTY_BODY,
         .http = 503,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "HTTP 503"},
        {.src = "call.h: a gateway's HTML page",
         .decode = ECSKP_ERR_MALFORMED_BODY,
         .http = 502,
         .want = ECSKP_RETRY_BACKOFF,
         .category = ECSKP_CATEGORY_SERVER,
         .want_code = "HTTP 502"},
        {.src = "call.h: a bare 429",
         .decode = ECSKP_ERR_EMPTY_BODY,
         .http = 429,
         .want = ECSKP_RETRY_THROTTLED,
         .category = ECSKP_CATEGORY_THROTTLING,
         .want_code = "HTTP 429"},
        {.src = "call.h: a bare 403",
         .decode = ECSKP_ERR_EMPTY_BODY,
         .http = 403,
         .want = ECSKP_RETRY_NO,
         .category = ECSKP_CATEGORY_AUTH,
         .want_code = "HTTP 403"},
        {.src = "call.h: no status, no body",
         .decode = ECSKP_ERR_MALFORMED_BODY,
         .http = 0,
         .want = ECSKP_RETRY_NO,
         .category = ECSKP_CATEGORY_UNKNOWN,
         .want_code = "malformed_body"},
    };
    const ecskp_reply_headers hint = {.retry_after = "1200"};
    for (size_t i = 0; i < COUNT(rows); i++) {
        ecskp_response *r = NULL;
        if (rows[i].code != NULL) {
            char body[256];
            (void)snprintf(body, sizeof body, "{\"RequestId\":\"r\",\"Code\":\"%s\"}",
                           rows[i].code);
            r = decode_json(body, rows[i].http);
        }
        ecskp_advice a;
        ecskp_diag d;
        ECSKP_EXPECT_OK(rows[i].src,
                        ecskp_reply_advice(rows[i].decode, r, rows[i].http, &hint, &a, &d), &d);
        ecskp_test_str(rows[i].src, "retry", ecskp_retry_name(a.retry),
                       ecskp_retry_name(rows[i].want));
        ecskp_test_str(rows[i].src, "category", ecskp_category_name(a.category),
                       ecskp_category_name(rows[i].category));
        ecskp_test_str(rows[i].src, "code", a.code, rows[i].want_code);
        int retry = rows[i].want != ECSKP_RETRY_NO;
        ecskp_test_size(rows[i].src, "wait_ms", (size_t)a.wait_ms, retry ? 1200 : 0);
        ecskp_test_size(rows[i].src, "backoff_base_ms", (size_t)a.backoff_base_ms,
                        rows[i].want == ECSKP_RETRY_THROTTLED ? ECSKP_BACKOFF_THROTTLED_BASE_MS
                        : retry                               ? ECSKP_BACKOFF_BASE_MS
                                                              : 0);
        ecskp_test_true(rows[i].src, "a reason", a.reason[0] != '\0');
        ecskp_response_free(r);
    }
}

static void test_result_advice(void **state) {
    (void)state;
    /* The DetachKeyPair page's partial failure, and the retryable and unknown neighbours. */
    const char *body = "{\"RequestId\":\"r\",\"TotalCount\":4,\"FailCount\":3,\"Results\":{"
                       "\"Result\":[{\"InstanceId\":\"i-1\",\"Code\":\"200\",\"Success\":true},"
                       "{\"InstanceId\":\"i-2\",\"Code\":\"DependencyViolation.WindowsInstance\","
                       "\"Success\":false},"
                       "{\"InstanceId\":\"i-3\",\"Code\":\"Throttling\",\"Success\":false},"
                       "{\"InstanceId\":\"i-4\",\"Success\":false}]}}";
    ecskp_response *r = decode_json(body, 200);
    assert_non_null(r);
    static const struct {
        ecskp_retry retry;
        const char *code;
    } want[] = {{ECSKP_RETRY_NO, "200"},
                {ECSKP_RETRY_NO, "DependencyViolation.WindowsInstance"},
                {ECSKP_RETRY_THROTTLED, "Throttling"},
                {ECSKP_RETRY_NO, ""}};
    assert_int_equal(r->success->result_count, COUNT(want));
    for (size_t i = 0; i < COUNT(want); i++) {
        ecskp_advice a;
        ecskp_diag d;
        ECSKP_EXPECT_OK(want[i].code, ecskp_result_advice(r->success->results[i], &a, &d), &d);
        ecskp_test_str(want[i].code, "retry", ecskp_retry_name(a.retry),
                       ecskp_retry_name(want[i].retry));
        ecskp_test_str(want[i].code, "code", a.code, want[i].code);
    }
    ecskp_advice a;
    ecskp_diag d;
    ECSKP_EXPECT_OK("call.h: a success reply as a whole",
                    ecskp_reply_advice(ECSKP_OK, r, 200, NULL, &a, &d), &d);
    ecskp_test_str("call.h", "a success is not retried as a whole", ecskp_retry_name(a.retry),
                   "no");
    ECSKP_EXPECT_ERROR("call.h: OK without a response",
                       ecskp_reply_advice(ECSKP_OK, NULL, 200, NULL, &a, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR("call.h: NULL result", ecskp_result_advice(NULL, &a, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_response_free(r);
}

static void test_backoff(void **state) {
    (void)state;
    static const struct {
        const char *src;
        unsigned attempt;
        uint64_t base, cap, random, want;
    } rows[] = {
        {.src = "call.h: first retry, no randomness", .attempt = 0, .random = 0, .want = 50},
        {.src = "first retry, the most random", .attempt = 0, .random = 50, .want = 100},
        {.src = "random wraps modulo t/2+1", .attempt = 0, .random = 51, .want = 50},
        {.src = "third retry: 400 ms window", .attempt = 2, .random = 0, .want = 200},
        {.src = "call.h: throttled base 500", .attempt = 1, .base = 500, .random = 0, .want = 500},
        {.src = "call.h: cap 20 s", .attempt = 30, .random = 0, .want = 10000},
        {.src = "cap 20 s, most random", .attempt = 30, .random = 10000, .want = 20000},
        {.src = "a shift past 64 bits saturates",
         .attempt = 1000,
         .cap = UINT64_MAX,
         .random = 0,
         .want = UINT64_MAX / 2},
        {.src = "a custom cap", .attempt = 3, .cap = 300, .random = 0, .want = 150},
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        uint64_t got = ecskp_backoff_ms(rows[i].attempt, rows[i].base, rows[i].cap, rows[i].random);
        ecskp_test_true(rows[i].src, "backoff", got == rows[i].want);
    }
}

/* ------------------------------------------------------------------ what was sent */

static ecskp_signed *sign_example(ecskp_method method) {
    const char *ids[] = {"i-XXXXX"};
    ecskp_keypair op = {.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                        .region_id = "cn-qingdao",
                        .key_pair_name = "test",
                        .instance_ids = ids,
                        .instance_id_count = 1,
                        .format = ECSKP_FORMAT_XML};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V1,
                      .method = method,
                      .access_key_id = "testid",
                      .secret = "testsecret",
                      .secret_len = 10,
                      .timestamp = "2016-02-23T12:46:24Z",
                      .nonce = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"};
    ecskp_signed *out = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK("AttachKeyPair example", ecskp_keypair_sign_alloc(&s, &op, NULL, &out, &d), &d);
    return out;
}

static void test_sent_check(void **state) {
    (void)state;
    ecskp_signed *post = sign_example(ECSKP_METHOD_POST);
    /* The documented signature, Y9pFVorKU6CFJHdT353LF2ytjBQ=, has no '+'; the same request
     * with another nonce gives one that has (found by search; checked below). */
    const char *form = post->body;
    size_t n = strlen(form);
    char *buf = malloc(n + 64);
    assert_non_null(buf);
    ecskp_sent_report rep;
    ecskp_diag d;

    ECSKP_EXPECT_OK("same", ecskp_sent_check(post, form, n, &rep, &d), &d);
    ecskp_test_str("same", "verdict", ecskp_sent_verdict_name(rep.verdict), "same");

    (void)snprintf(buf, n + 64, "%s\n", form);
    ECSKP_EXPECT_OK("jq's newline", ecskp_sent_check(post, buf, n + 1, &rep, &d), &d);
    ecskp_test_str("jq's newline", "verdict", ecskp_sent_verdict_name(rep.verdict),
                   "trailing_newline");
    (void)snprintf(buf, n + 64, "%s\r\n", form);
    ECSKP_EXPECT_OK("CR LF", ecskp_sent_check(post, buf, n + 2, &rep, &d), &d);
    ecskp_test_str("CR LF", "verdict", ecskp_sent_verdict_name(rep.verdict), "trailing_newline");

    /* The raw signature instead of its encoded form. */
    size_t prefix = n - strlen("Y9pFVorKU6CFJHdT353LF2ytjBQ%3D");
    (void)snprintf(buf, n + 64, "%.*s%s", (int)prefix, form, post->signature_value);
    ECSKP_EXPECT_OK("not encoded", ecskp_sent_check(post, buf, strlen(buf), &rep, &d), &d);
    ecskp_test_str("not encoded", "verdict", ecskp_sent_verdict_name(rep.verdict), "not_encoded");

    (void)snprintf(buf, n + 64, "%s", form);
    buf[10] = 'X';
    ECSKP_EXPECT_OK("changed", ecskp_sent_check(post, buf, n, &rep, &d), &d);
    ecskp_test_str("changed", "verdict", ecskp_sent_verdict_name(rep.verdict), "different");
    ecskp_test_size("changed", "offset", rep.offset, 10);
    ECSKP_EXPECT_OK("cut short", ecskp_sent_check(post, form, n - 3, &rep, &d), &d);
    ecskp_test_str("cut short", "verdict", ecskp_sent_verdict_name(rep.verdict), "different");
    ecskp_test_size("cut short", "offset", rep.offset, n - 3);
    ECSKP_EXPECT_ERROR("NULL sent with a length", ecskp_sent_check(post, NULL, 3, &rep, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    free(buf);
    ecskp_signed_free(post);
}

/* A signature with a '+': the verdict names the space the server reads. */
static void test_sent_check_plus(void **state) {
    (void)state;
    const ecskp_param params[] = {{"Action", "DescribeRegions"}, {"Version", "2014-05-26"}};
    ecskp_request req = {.params = params, .count = COUNT(params)};
    char nonce[16];
    for (unsigned k = 0; k < 1000; k++) {
        (void)snprintf(nonce, sizeof nonce, "n%u", k);
        ecskp_signer s = {.signature = ECSKP_SIGNATURE_V1,
                          .method = ECSKP_METHOD_GET,
                          .access_key_id = "testid",
                          .secret = "testsecret",
                          .secret_len = 10,
                          .timestamp = "2016-02-23T12:46:24Z",
                          .nonce = nonce};
        ecskp_signed *out = NULL;
        ecskp_diag d;
        ECSKP_EXPECT_OK(nonce, ecskp_request_sign_alloc(&s, &req, NULL, &out, &d), &d);
        if (strchr(out->signature_value, '+') == NULL) {
            ecskp_signed_free(out);
            continue;
        }
        char sent[1024];
        const char *sig_at = strstr(out->query, "&Signature=") + strlen("&Signature=");
        int len = snprintf(sent, sizeof sent, "%.*s", (int)(sig_at - out->query), out->query);
        for (const char *p = out->signature_value; *p != '\0'; p++)
            sent[len++] = *p == '+' ? ' ' : *p;
        sent[len] = '\0';
        ecskp_sent_report rep;
        ECSKP_EXPECT_OK("plus as space", ecskp_sent_check(out, sent, (size_t)len, &rep, &d), &d);
        ecskp_test_str("plus as space", "verdict", ecskp_sent_verdict_name(rep.verdict),
                       "plus_as_space");
        ecskp_signed_free(out);
        return;
    }
    fail_msg("no nonce among 1000 gave a signature with '+'");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_endpoint_host),
        cmocka_unit_test(test_endpoint_long),
        cmocka_unit_test(test_endpoint_names),
        cmocka_unit_test(test_check_list),
        cmocka_unit_test(test_check_list_first_repeat),
        cmocka_unit_test(test_wait_hint),
        cmocka_unit_test(test_reply_advice),
        cmocka_unit_test(test_result_advice),
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_sent_check),
        cmocka_unit_test(test_sent_check_plus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
