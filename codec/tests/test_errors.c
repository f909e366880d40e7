/* SPDX-License-Identifier: MIT */
/*
 * test_errors.c - the error-code table (ecskp_error_lookup, ecskp_error_at), classification
 * fallbacks and the StringToSign diagnosis (ecskp_sts_compare). Every row names the document
 * it comes from.
 */
#include <stdlib.h>

#include "ecskp_test.h"

/* ------------------------------------------------------------------------------------------ */
/* Table lookups                                                                              */

#define OP_PAGE "AttachKeyPair and DetachKeyPair API references, error codes"
#define C400 "ECS error center: common 400 list"
#define C403 "ECS error center: common 403 list"
#define C404 "ECS error center: common 404 list"
#define C409 "ECS error center: common 409 list"
#define C500 "ECS error center: common 500 list"
#define C503 "ECS error center: common 503 list"

typedef struct lookup_row {
    const char *source;
    const char *code;
    unsigned short statuses[3];
    ecskp_error_category category;
    int retryable;
    int operation_specific;
} lookup_row;

static const lookup_row lookup_rows[] = {
    /* Operation-specific codes (the AttachKeyPair and DetachKeyPair API references,
     * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
     * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair;
     * the common codes are those of the ECS error center,
     * https://error-center.alibabacloud.com/status/product/Ecs). */
    {.source = OP_PAGE "; AttachKeyPair page",
     .code = "MissingParameter",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 1},
    {.source = OP_PAGE "; older page 404, newer 400",
     .code = "InvalidKeyPairName.NotFound",
     .statuses = {404, 400, 0},
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0,
     .operation_specific = 1},
    {.source = "AttachKeyPair and DetachKeyPair API references: both operations' current pages",
     .code = "InstanceKeyPairLimitExceeded",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 1},
    {.source = OP_PAGE "; AttachKeyPair page",
     .code = "InvalidRegionId.NotFound",
     .statuses = {404, 0, 0},
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0,
     .operation_specific = 1},
    {.source = OP_PAGE,
     .code = "InvalidInstanceIds.ValueNotSupported",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 1},
    {.source = OP_PAGE,
     .code = "DependencyViolation.IoOptimize",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 1},
    {.source = OP_PAGE "; DetachKeyPair page 403",
     .code = "DependencyViolation.WindowsInstance",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 1},
    /* Common 400 list. */
    {.source = C400,
     .code = "IdempotentParameterMismatch",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "IllegalTimestamp",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "IncompleteSignature",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400 "; also 404 elsewhere",
     .code = "InvalidAccessKeyId.NotFound",
     .statuses = {400, 404, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "InvalidParameter",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "InvalidParameter.Format",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "InvalidTimeStamp.Format",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400 " (clock skew)",
     .code = "InvalidTimeStamp.Expired",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "InvalidSignatureMethod",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "SignatureDoesNotMatch",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400,
     .code = "SignatureNonceUsed",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400 "; SDKs retry Throttling*",
     .code = "Throttling",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1,
     .operation_specific = 0},
    {.source = C400 "; SDKs retry Throttling*",
     .code = "Throttling.User",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1,
     .operation_specific = 0},
    {.source = C400,
     .code = "UnsupportedParameter",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C400 "; SDKs retry UnknownError",
     .code = "UnknownError",
     .statuses = {400, 0, 0},
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1,
     .operation_specific = 0},
    /* Common 403 list. */
    {.source = C403,
     .code = "Forbidden.RAM",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C403,
     .code = "Forbidden.AccessKeyDisabled",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C403,
     .code = "Forbidden.Unauthorized",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C403,
     .code = "InvalidAccount.NotFound",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C403,
     .code = "UnsupportedHTTPMethod",
     .statuses = {403, 0, 0},
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0,
     .operation_specific = 0},
    /* Common 404, 409, 500, 503 lists. */
    {.source = C404,
     .code = "InvalidInstanceId.NotFound",
     .statuses = {404, 0, 0},
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C404,
     .code = "InvalidApi.NotFound",
     .statuses = {404, 0, 0},
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C409 "; not retried: the operations are not idempotent",
     .code = "OperationConflict",
     .statuses = {409, 0, 0},
     .category = ECSKP_CATEGORY_CONFLICT,
     .retryable = 0,
     .operation_specific = 0},
    {.source = C500 "; SDKs retry InternalError",
     .code = "InternalError",
     .statuses = {500, 0, 0},
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1,
     .operation_specific = 0},
    {.source = C503 "; SDKs retry ServiceUnavailable*",
     .code = "ServiceUnavailable",
     .statuses = {503, 0, 0},
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1,
     .operation_specific = 0},
};

static void lookup_documented_codes(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const lookup_row, r, lookup_rows) {
        const ecskp_error_info *e = ecskp_error_lookup(r->code);
        ecskp_test_true(r->source, "the code is in the table", e != NULL);
        ecskp_test_str(r->source, "code", e->code, r->code);
        for (size_t k = 0; k < COUNT(r->statuses); k++)
            ecskp_test_size(r->source, "http_statuses[k]", e->http_statuses[k], r->statuses[k]);
        ecskp_test_size(r->source, "category", (size_t)e->category, (size_t)r->category);
        ecskp_test_size(r->source, "retryable", (size_t)e->retryable, (size_t)r->retryable);
        ecskp_test_size(r->source, "operation_specific", (size_t)e->operation_specific,
                        (size_t)r->operation_specific);
        ecskp_test_true(r->source, "meaning is one non-empty line",
                        e->meaning != NULL && e->meaning[0] != '\0' &&
                            strchr(e->meaning, '\n') == NULL);

        /* Without a status, classify agrees with the table. */
        int retry = -1;
        ecskp_test_size(r->source, "ecskp_error_classify(code, 0)",
                        (size_t)ecskp_error_classify(r->code, 0, &retry), (size_t)r->category);
        ecskp_test_size(r->source, "retryable from ecskp_error_classify", (size_t)retry,
                        (size_t)r->retryable);
    }
}

/* errors.h: ecskp_error_at(i) is the i-th entry from 0, NULL past the last one, in a stable
 * order. The table is sorted (lookup is exact), every entry is reachable through
 * ecskp_error_lookup, and it holds exactly the documented rows above. */
static void error_at_iterates_the_table(void **state) {
    (void)state;
    const char *src = "errors.h ecskp_error_at";
    size_t n = 0;
    while (ecskp_error_at(n) != NULL)
        n++;
    ecskp_test_size(src, "entries", n, COUNT(lookup_rows));
    ecskp_test_size(
        src,
        "entries (AttachKeyPair and DetachKeyPair API references: 6 operation codes and "
        "InstanceKeyPairLimitExceeded; ECS error center: 25 common)",
        n, 32);
    ecskp_test_true(src, "NULL one past the end", ecskp_error_at(n) == NULL);
    ecskp_test_true(src, "NULL further past the end", ecskp_error_at(n + 1) == NULL);
    ecskp_test_true(src, "NULL at SIZE_MAX", ecskp_error_at(SIZE_MAX) == NULL);
    for (size_t i = 0; i < n; i++) {
        const ecskp_error_info *e = ecskp_error_at(i);
        ecskp_test_true(e->code, "the same entry on a second call", ecskp_error_at(i) == e);
        if (i > 0 && strcmp(ecskp_error_at(i - 1)->code, e->code) >= 0)
            print_error("table not strictly sorted at %zu: %s, %s\n", i,
                        ecskp_error_at(i - 1)->code, e->code);
        ecskp_test_true(e->code, "strictly sorted by code (strcmp)",
                        i == 0 || strcmp(ecskp_error_at(i - 1)->code, e->code) < 0);
        ecskp_test_true(e->code, "ecskp_error_lookup(code) is this entry",
                        ecskp_error_lookup(e->code) == e);
        ecskp_test_true(e->code, "a documented HTTP status", e->http_statuses[0] != 0);
        ecskp_test_size(e->code, "http_statuses[2] (0-terminated)", e->http_statuses[2], 0);
        size_t found = 0;
        for (size_t k = 0; k < COUNT(lookup_rows); k++)
            found += strcmp(lookup_rows[k].code, e->code) == 0;
        ecskp_test_size(e->code, "rows naming this entry", found, 1);
    }
}

typedef struct unknown_row {
    const char *source;
    const char *code;
} unknown_row;

static const unknown_row unknown_rows[] = {
    {.source = "lookup is case-sensitive (errors.h: never key on anything but the exact code)",
     .code = "missingparameter"},
    {.source = "lookup is case-sensitive", .code = "THROTTLING"},
    {.source = "lookup is exact: no trailing white space", .code = "MissingParameter "},
    {.source = "lookup is exact: API error diagnosis XML example's MissingParameter.CommandId is "
               "not listed",
     .code = "MissingParameter.CommandId"},
    {.source = "lookup is exact: a prefix of a code", .code = "InvalidKeyPairName"},
    {.source = "API error diagnosis JSON example: InvalidImageId.NotFound is not an error of these "
               "operations",
     .code = "InvalidImageId.NotFound"},
    {.source = "undocumented throttling code", .code = "Throttling.Foo"},
    {.source = "empty code", .code = ""},
    {.source = "NULL code", .code = NULL},
};

static void lookup_unknown_codes(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const unknown_row, r, unknown_rows) {
        ecskp_test_true(r->source, "ecskp_error_lookup gives NULL",
                        ecskp_error_lookup(r->code) == NULL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Category names                                                                             */

typedef struct name_row {
    ecskp_error_category category;
    const char *name;
} name_row;

static void category_names(void **state) {
    (void)state;
    static const name_row rows[] = {
        {.category = ECSKP_CATEGORY_UNKNOWN, .name = "unknown"},
        {.category = ECSKP_CATEGORY_BAD_REQUEST, .name = "bad_request"},
        {.category = ECSKP_CATEGORY_AUTH, .name = "auth"},
        {.category = ECSKP_CATEGORY_NOT_FOUND, .name = "not_found"},
        {.category = ECSKP_CATEGORY_THROTTLING, .name = "throttling"},
        {.category = ECSKP_CATEGORY_CONFLICT, .name = "conflict"},
        {.category = ECSKP_CATEGORY_SERVER, .name = "server"},
        {.category = (ecskp_error_category)99, .name = "unknown"},
        {.category = (ecskp_error_category)-1, .name = "unknown"},
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        ecskp_test_str("errors.h ecskp_category_name", rows[i].name,
                       ecskp_category_name(rows[i].category), rows[i].name);
}

/* ------------------------------------------------------------------------------------------ */
/* Classification fallbacks                                                                   */

typedef struct classify_row {
    const char *source;
    const char *code;
    int http_status;
    ecskp_error_category category;
    int retryable;
} classify_row;

#define PREFIX "errors.h prefix rule"
#define STATUS "errors.h status rule"
#define SDK "errors.h SDK retry rule"

static const classify_row classify_rows[] = {
    /* Documented codes: the table wins over the status. */
    {.source = "ECS error center: InvalidAccessKeyId.NotFound as 404 stays auth",
     .code = "InvalidAccessKeyId.NotFound",
     .http_status = 404,
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0},
    {.source =
         "AttachKeyPair API reference: InvalidKeyPairName.NotFound newer page 400 stays not_found",
     .code = "InvalidKeyPairName.NotFound",
     .http_status = 400,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0},
    {.source = "AttachKeyPair API reference: WindowsInstance 403 is bad_request, not auth",
     .code = "DependencyViolation.WindowsInstance",
     .http_status = 403,
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0},
    {.source = "ECS error center: Throttling documented as 400, still retried",
     .code = "Throttling",
     .http_status = 400,
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1},
    {.source = "ECS error center: UnknownError documented as 400, still retried",
     .code = "UnknownError",
     .http_status = 400,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = SDK ": OperationConflict is not retried (operations not idempotent)",
     .code = "OperationConflict",
     .http_status = 409,
     .category = ECSKP_CATEGORY_CONFLICT,
     .retryable = 0},
    {.source = SDK ": HTTP 503 is retried whatever the code",
     .code = "MissingParameter",
     .http_status = 503,
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 1},
    /* Unknown codes: prefix rules first. */
    {.source = PREFIX " Throttling*",
     .code = "Throttling.Foo",
     .http_status = 0,
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1},
    {.source = PREFIX " Throttling* beats the status",
     .code = "Throttling.Api",
     .http_status = 400,
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1},
    {.source = PREFIX " Throttling* (no dot)",
     .code = "ThrottlingRate",
     .http_status = 0,
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 1},
    {.source = PREFIX " ServiceUnavailable*",
     .code = "ServiceUnavailable.Busy",
     .http_status = 0,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = PREFIX " *.NotFound",
     .code = "Foo.NotFound",
     .http_status = 0,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0},
    {.source = PREFIX " *.NotFound beats 400",
     .code = "InvalidImageId.NotFound",
     .http_status = 400,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0},
    {.source = PREFIX " *.NotFound with 503: still retried by status",
     .code = "InvalidDiskId.NotFound",
     .http_status = 503,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 1},
    {.source = PREFIX " *.NotFound needs the dot",
     .code = "FooNotFound",
     .http_status = 0,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = PREFIX " Forbidden*",
     .code = "Forbidden.RiskControl",
     .http_status = 0,
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0},
    {.source = PREFIX " Forbidden* beats 400",
     .code = "Forbidden",
     .http_status = 400,
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0},
    {.source = PREFIX " InvalidParameter*",
     .code = "InvalidParameter.KeyPairName",
     .http_status = 0,
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0},
    {.source = PREFIX " MissingParameter* (API error diagnosis XML example)",
     .code = "MissingParameter.CommandId",
     .http_status = 0,
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0},
    {.source = PREFIX " is case-sensitive",
     .code = "throttling.foo",
     .http_status = 0,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    /* Unknown codes without a prefix rule: the status. */
    {.source = STATUS " 400",
     .code = "Foo",
     .http_status = 400,
     .category = ECSKP_CATEGORY_BAD_REQUEST,
     .retryable = 0},
    {.source = STATUS " 401",
     .code = "Foo",
     .http_status = 401,
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0},
    {.source = STATUS " 403",
     .code = "Foo",
     .http_status = 403,
     .category = ECSKP_CATEGORY_AUTH,
     .retryable = 0},
    {.source = STATUS " 404",
     .code = "Foo",
     .http_status = 404,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0},
    {.source = STATUS " 409",
     .code = "Foo",
     .http_status = 409,
     .category = ECSKP_CATEGORY_CONFLICT,
     .retryable = 0},
    {.source = STATUS " 429 (not in the SDKs' retry statuses)",
     .code = "Foo",
     .http_status = 429,
     .category = ECSKP_CATEGORY_THROTTLING,
     .retryable = 0},
    {.source = STATUS " 500",
     .code = "Foo",
     .http_status = 500,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = STATUS " 501 (server, not retried)",
     .code = "Foo",
     .http_status = 501,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 0},
    {.source = STATUS " 502",
     .code = "Foo",
     .http_status = 502,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = STATUS " 503",
     .code = "Foo",
     .http_status = 503,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = STATUS " 504",
     .code = "Foo",
     .http_status = 504,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = STATUS " 505 (server, not retried)",
     .code = "Foo",
     .http_status = 505,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 0},
    {.source = STATUS " 599",
     .code = "Foo",
     .http_status = 599,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 0},
    {.source = STATUS ": 405 is not named",
     .code = "Foo",
     .http_status = 405,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = STATUS ": 200 is not named",
     .code = "Foo",
     .http_status = 200,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = STATUS ": 600 is not 5xx",
     .code = "Foo",
     .http_status = 600,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = STATUS ": 0 = unknown status",
     .code = "Foo",
     .http_status = 0,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = STATUS ": negative status",
     .code = "Foo",
     .http_status = -1,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
    {.source = STATUS ": empty code, 404",
     .code = "",
     .http_status = 404,
     .category = ECSKP_CATEGORY_NOT_FOUND,
     .retryable = 0},
    {.source = STATUS ": NULL code, 503",
     .code = NULL,
     .http_status = 503,
     .category = ECSKP_CATEGORY_SERVER,
     .retryable = 1},
    {.source = STATUS ": NULL code, 0",
     .code = NULL,
     .http_status = 0,
     .category = ECSKP_CATEGORY_UNKNOWN,
     .retryable = 0},
};

static void classify_fallbacks(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const classify_row, r, classify_rows) {
        int retry = -1;
        ecskp_test_size(r->source, "category",
                        (size_t)ecskp_error_classify(r->code, r->http_status, &retry),
                        (size_t)r->category);
        ecskp_test_size(r->source, "retryable", (size_t)retry, (size_t)r->retryable);
        /* retryable may be NULL */
        ecskp_test_size(r->source, "category (retryable NULL)",
                        (size_t)ecskp_error_classify(r->code, r->http_status, NULL),
                        (size_t)r->category);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* StringToSign comparison                                                                    */

/* Request signatures (ECS API reference, Getting started, mirrored in
 * https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`): the documented DescribeRegions
 * StringToSign (247 bytes). */
#define DOC_STS                                                                                    \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
/* Request signatures erratum: the same inputs with the parameter spelled TimeStamp. */
#define DOC_STS_TIMESTAMP_CAPS                                                                     \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
/* Request signatures erratum: literal & separators inside the StringToSign. */
#define DOC_STS_LITERAL_AMP                                                                        \
    "GET&%2F&AccessKeyId%3Dtestid&Action%3DDescribeRegions&Format%3DXML&SignatureMethod%"          \
    "3DHMAC-SHA1&SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion%3D1.0"     \
    "&Timestamp%3D2016-02-23T12%253A46%253A24Z&Version%3D2014-05-26"
/* DOC_STS without its last 13 bytes ("%3D2014-05-26"). */
#define DOC_STS_CUT                                                                                \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version"
/* DOC_STS with its last byte changed. */
#define DOC_STS_LAST_BYTE                                                                          \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-27"

#define SDM_PREFIX                                                                                 \
    "Specified signature is not matched with our calculation. server string to sign is:"
#define LIT_LEN(s) (sizeof(s) - 1)
#define WHOLE ((size_t)-1) /* message_len/client_len: the whole literal */

/* errors.h ECSKP_STS_SAME: "the secret is wrong, or the Signature was altered on the way
 * (ecskp_sent_check in ecskp/call.h)". The explanation starts with that sentence (its rest,
 * naming the usual alterations, is for people). */
#define SAME_TEXT                                                                                  \
    "server and client StringToSign are identical: the AccessKeySecret is wrong, or the "          \
    "Signature was altered on the way"
#define ABSENT_TEXT "the message carries no \"server string to sign is:\"; nothing to compare"

typedef struct sts_row {
    const char *source;
    const char *message;
    size_t message_len; /* WHOLE = strlen(message) */
    const char *client;
    size_t client_len; /* WHOLE = strlen(client) */
    ecskp_sts_verdict verdict;
    size_t offset;
    size_t server_sts_start; /* where the server's StringToSign starts in the message */
    size_t server_sts_len;
    const char *server_excerpt;
    const char *client_excerpt;
    const char *explanation;
} sts_row;

static const sts_row sts_rows[] = {
    {.source = "Request signatures DescribeRegions StringToSign, identical",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "errors.h: IncompleteSignature messages end with the marker too (wording "
               "illustrative)",
     .message = "The request signature does not conform to Aliyun standards. server string to sign "
                "is:" DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(
         "The request signature does not conform to Aliyun standards. server string to sign "
         "is:"),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "Request signatures erratum: server Timestamp, client TimeStamp",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS_TIMESTAMP_CAPS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 188,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "tureVersion%3D1.0%26Timestamp%3D2016-02-23T12%25",
     .client_excerpt = "tureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%25",
     .explanation =
         "StringToSign differs at byte 188: server has 's', client has 'S'; letter case differs "
         "(e.g. TimeStamp for Timestamp)"},
    {.source = "Request signatures erratum: client TimeStamp, server Timestamp (roles swapped)",
     .message = SDM_PREFIX DOC_STS_TIMESTAMP_CAPS,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 188,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "tureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%25",
     .client_excerpt = "tureVersion%3D1.0%26Timestamp%3D2016-02-23T12%25",
     .explanation =
         "StringToSign differs at byte 188: server has 'S', client has 's'; letter case differs "
         "(e.g. TimeStamp for Timestamp)"},
    {.source = "Request signatures erratum: literal & where the server has %26",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS_LITERAL_AMP,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 28,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegi",
     .client_excerpt = "%2F&AccessKeyId%3Dtestid&Action%3DDescribeRegion",
     .explanation =
         "StringToSign differs at byte 28: server has '%', client has '&'; the client did not "
         "percent-encode the query ('&' must be %26)"},
    {.source = "prefix: the client's StringToSign is a prefix of the server's",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS_CUT,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 234,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "253A46%253A24Z%26Version%3D2014-05-26",
     .client_excerpt = "253A46%253A24Z%26Version",
     .explanation = "StringToSign differs at byte 234: the client's ends there, the server's has "
                    "13 more bytes"},
    {.source = "prefix: the server's StringToSign is a prefix of the client's",
     .message = SDM_PREFIX DOC_STS_CUT,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 234,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 234,
     .server_excerpt = "253A46%253A24Z%26Version",
     .client_excerpt = "253A46%253A24Z%26Version%3D2014-05-26",
     .explanation = "StringToSign differs at byte 234: the server's ends there, the client's has "
                    "13 more bytes"},
    {.source = "last byte differs: excerpt clipped at the end",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS_LAST_BYTE,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 246,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "4Z%26Version%3D2014-05-26",
     .client_excerpt = "4Z%26Version%3D2014-05-27",
     .explanation =
         "StringToSign differs at byte 246: server has '6', client has '7'; the canonicalization "
         "differs"},
    {.source = "Request signatures: METHOD differs at byte 0 (POST signed, GET sent)",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = "POST&%2F&AccessKeyId%3Dtestid",
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "GET&%2F&AccessKeyId%3Dte",
     .client_excerpt = "POST&%2F&AccessKeyId%3Dt",
     .explanation =
         "StringToSign differs at byte 0: server has 'G', client has 'P'; the canonicalization "
         "differs"},
    {.source = "Request signatures: raw non-ASCII byte in the client's StringToSign",
     .message = SDM_PREFIX "GET&%2F&A%3D%C3",
     .message_len = WHOLE,
     .client = "GET&%2F&A%3D\xC3\xA9",
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 12,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 15,
     .server_excerpt = "GET&%2F&A%3D%C3",
     .client_excerpt = "GET&%2F&A%3D??",
     .explanation =
         "StringToSign differs at byte 12: server has '%', client has 0xC3; the canonicalization "
         "differs"},
    {.source = "errors.h: marker absent",
     .message = "Specified signature is not matched with our calculation.",
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_NOT_PRESENT,
     .offset = 0,
     .server_sts_start = 0,
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = ABSENT_TEXT},
    {.source = "errors.h: marker absent from an unrelated error",
     .message = "The specified RegionId does not exist.",
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_NOT_PRESENT,
     .offset = 0,
     .server_sts_start = 0,
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = ABSENT_TEXT},
    {.source = "empty message",
     .message = "",
     .message_len = 0,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_NOT_PRESENT,
     .offset = 0,
     .server_sts_start = 0,
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = ABSENT_TEXT},
    {.source = "marker without its colon",
     .message = "server string to sign is " DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_NOT_PRESENT,
     .offset = 0,
     .server_sts_start = 0,
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = ABSENT_TEXT},
    {.source = "marker cut by message_len (not NUL-terminated)",
     .message = SDM_PREFIX DOC_STS,
     .message_len = LIT_LEN(SDM_PREFIX) - 1,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_NOT_PRESENT,
     .offset = 0,
     .server_sts_start = 0,
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = ABSENT_TEXT},
    {.source = "marker with trailing space, CR, LF and tab",
     .message = SDM_PREFIX " " DOC_STS " \r\n\t",
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX " "),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "marker followed by a newline",
     .message = SDM_PREFIX "\n" DOC_STS "\n",
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX "\n"),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "marker matched case-insensitively",
     .message = "Signature mismatch. Server String To Sign Is:" DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN("Signature mismatch. Server String To Sign Is:"),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "message not NUL-terminated: message_len stops before trailing bytes",
     .message = SDM_PREFIX DOC_STS "XYZ garbage",
     .message_len = LIT_LEN(SDM_PREFIX DOC_STS),
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "message_len cuts the server's StringToSign short",
     .message = SDM_PREFIX DOC_STS,
     .message_len = LIT_LEN(SDM_PREFIX) + 10,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 10,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 10,
     .server_excerpt = "GET&%2F&Ac",
     .client_excerpt = "GET&%2F&AccessKeyId%3Dtestid%26Act",
     .explanation = "StringToSign differs at byte 10: the server's ends there, the client's has "
                    "237 more bytes"},
    {.source = "client_len shorter than the client buffer",
     .message = SDM_PREFIX DOC_STS,
     .message_len = WHOLE,
     .client = DOC_STS "&extra",
     .client_len = 247,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 247,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "marker followed only by white space: the server's StringToSign is empty",
     .message = SDM_PREFIX " \r\n",
     .message_len = WHOLE,
     .client = DOC_STS,
     .client_len = WHOLE,
     .verdict = ECSKP_STS_DIFFERENT,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX " \r\n"),
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "GET&%2F&AccessKeyId%3Dte",
     .explanation = "StringToSign differs at byte 0: the server's ends there, the client's has 247 "
                    "more bytes"},
    {.source = "empty server and client StringToSign",
     .message = SDM_PREFIX,
     .message_len = WHOLE,
     .client = "",
     .client_len = 0,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 0,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
    {.source = "first marker wins",
     .message = SDM_PREFIX "server string to sign is:X",
     .message_len = WHOLE,
     .client = "server string to sign is:X",
     .client_len = WHOLE,
     .verdict = ECSKP_STS_SAME,
     .offset = 0,
     .server_sts_start = LIT_LEN(SDM_PREFIX),
     .server_sts_len = 26,
     .server_excerpt = "",
     .client_excerpt = "",
     .explanation = SAME_TEXT},
};

static void sts_compare_rows(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const sts_row, r, sts_rows) {
        size_t mlen = r->message_len == WHOLE ? strlen(r->message) : r->message_len;
        size_t clen = r->client_len == WHOLE ? strlen(r->client) : r->client_len;
        /* Exact-size heap copies without a terminator, so an over-read shows under ASan. */
        char *msg = ecskp_test_copy(r->source, r->message, mlen);
        char *cli = ecskp_test_copy(r->source, r->client, clen);

        ecskp_sts_comparison out;
        ecskp_diag d;
        memset(&out, 0x5a, sizeof out);
        ecskp_test_dirty_diag(&d);
        ECSKP_EXPECT_OK(r->source, ecskp_sts_compare(msg, mlen, cli, clen, &out, &d), &d);
        ecskp_test_size(r->source, "verdict", (size_t)out.verdict, (size_t)r->verdict);
        ecskp_test_size(r->source, "offset", out.offset, r->offset);
        ecskp_test_size(r->source, "server_sts_len", out.server_sts_len, r->server_sts_len);
        if (r->verdict == ECSKP_STS_NOT_PRESENT)
            ecskp_test_true(r->source, "server_sts is NULL", out.server_sts == NULL);
        else
            ecskp_test_size(r->source, "server_sts, bytes into the message",
                            (size_t)(out.server_sts - msg), r->server_sts_start);
        ecskp_test_str(r->source, "server_excerpt", out.server_excerpt, r->server_excerpt);
        ecskp_test_str(r->source, "client_excerpt", out.client_excerpt, r->client_excerpt);
        if (strcmp(r->explanation, SAME_TEXT) == 0)
            ecskp_test_true(r->source, "explanation starts with " SAME_TEXT,
                            strncmp(out.explanation, SAME_TEXT, strlen(SAME_TEXT)) == 0);
        else
            ecskp_test_str(r->source, "explanation", out.explanation, r->explanation);
        ecskp_test_true(r->source, "explanation NUL-terminated in its buffer",
                        memchr(out.explanation, '\0', sizeof out.explanation) != NULL);
        free(msg);
        free(cli);
    }
}

/* errors.h: "invalid_argument (out NULL, or message or client_sts NULL with a length; NULL
 * with length 0 is the empty string)"; "*out is zeroed first whenever it is not NULL". */
static void sts_compare_null_arguments(void **state) {
    (void)state;
    const char *src = "errors.h ecskp_sts_compare arguments";
    const char *m = SDM_PREFIX DOC_STS;
    ecskp_sts_comparison out;
    ecskp_diag d;

    /* NULL with length 0 is "": an empty message has no marker. */
    memset(&out, 0x5a, sizeof out);
    ecskp_test_dirty_diag(&d);
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(NULL, 0, DOC_STS, 247, &out, &d), &d);
    ecskp_test_size(src, "verdict (NULL message)", (size_t)out.verdict, ECSKP_STS_NOT_PRESENT);
    ecskp_test_true(src, "server_sts (NULL message)", out.server_sts == NULL);
    ecskp_test_str(src, "explanation (NULL message)", out.explanation, ABSENT_TEXT);
    /* An empty client StringToSign against the server's whole one. */
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m, strlen(m), NULL, 0, &out, &d), &d);
    ecskp_test_size(src, "verdict (NULL client)", (size_t)out.verdict, ECSKP_STS_DIFFERENT);
    ecskp_test_size(src, "offset (NULL client)", out.offset, 0);
    ecskp_test_str(src, "explanation (NULL client)", out.explanation,
                   "StringToSign differs at byte 0: the client's ends there, the server's has "
                   "247 more bytes");
    /* Both empty: the marker alone and a NULL client are the same empty string. */
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(SDM_PREFIX, LIT_LEN(SDM_PREFIX), NULL, 0, &out, &d), &d);
    ecskp_test_size(src, "verdict (both empty)", (size_t)out.verdict, ECSKP_STS_SAME);

    /* NULL with a length, and out NULL: invalid_argument, *out zeroed. */
    memset(&out, 0x5a, sizeof out);
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(NULL, 3, DOC_STS, 247, &out, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size(src, "verdict after a refusal", (size_t)out.verdict, ECSKP_STS_NOT_PRESENT);
    ecskp_test_true(src, "server_sts after a refusal", out.server_sts == NULL);
    ecskp_test_str(src, "explanation after a refusal", out.explanation, "");
    ecskp_test_str(src, "server_excerpt after a refusal", out.server_excerpt, "");
    memset(&out, 0x5a, sizeof out);
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(m, strlen(m), NULL, 5, &out, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_true(src, "server_sts after a refusal (client NULL)", out.server_sts == NULL);
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(m, strlen(m), DOC_STS, 247, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    /* A NULL diag is allowed. */
    ecskp_test_size(src, "status with a NULL diag",
                    (size_t)ecskp_sts_compare(m, strlen(m), DOC_STS, 247, &out, NULL), ECSKP_OK);
    ecskp_test_size(src, "verdict with a NULL diag", (size_t)out.verdict, ECSKP_STS_SAME);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookup_documented_codes),    cmocka_unit_test(error_at_iterates_the_table),
        cmocka_unit_test(lookup_unknown_codes),       cmocka_unit_test(category_names),
        cmocka_unit_test(classify_fallbacks),         cmocka_unit_test(sts_compare_rows),
        cmocka_unit_test(sts_compare_null_arguments),
    };
    return cmocka_run_group_tests_name("errors", tests, NULL, NULL);
}
