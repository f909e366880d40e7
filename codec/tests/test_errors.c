/*
 * test_errors.c - the error-code table, classification fallbacks and the StringToSign
 * diagnosis. Every row names the document it comes from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"
#include "ecskp/errors.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define CHECK_INT(src, what, actual, expected)                                                     \
    do {                                                                                           \
        long long a_ = (long long)(actual);                                                        \
        long long e_ = (long long)(expected);                                                      \
        if (a_ != e_)                                                                              \
            fail_msg("%s [%s]: %s = %lld, expected %lld", (src), (what), #actual, a_, e_);         \
    } while (0)

#define CHECK_STR(src, what, actual, expected)                                                     \
    do {                                                                                           \
        const char *a_ = (actual);                                                                 \
        const char *e_ = (expected);                                                               \
        if (a_ == NULL || strcmp(a_, e_) != 0)                                                     \
            fail_msg("%s [%s]: %s = \"%s\", expected \"%s\"", (src), (what), #actual,              \
                     a_ ? a_ : "(null)", e_);                                                      \
    } while (0)

/* ------------------------------------------------------------------------------------------ */
/* Table lookups                                                                              */

#define OP_PAGE "api-facts §5 operation-specific table"
#define C400 "api-facts §5 common 400 list"
#define C403 "api-facts §5 common 403 list"
#define C404 "api-facts §5 common 404 list"
#define C409 "api-facts §5 common 409 list"
#define C500 "api-facts §5 common 500 list"
#define C503 "api-facts §5 common 503 list"

typedef struct lookup_row {
    const char *source;
    const char *code;
    unsigned short statuses[3];
    ecskp_error_category category;
    int retryable;
    int operation_specific;
} lookup_row;

static const lookup_row lookup_rows[] = {
    /* Operation-specific codes (AttachKeyPair/DetachKeyPair pages and api-facts §5). */
    {OP_PAGE "; AttachKeyPair page",
     "MissingParameter",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1},
    {OP_PAGE "; older page 404, newer 400",
     "InvalidKeyPairName.NotFound",
     {404, 400, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     1},
    {OP_PAGE "; AttachKeyPair page",
     "InvalidRegionId.NotFound",
     {404, 0, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     1},
    {OP_PAGE,
     "InvalidInstanceIds.ValueNotSupported",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1},
    {OP_PAGE, "DependencyViolation.IoOptimize", {400, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 1},
    {OP_PAGE "; DetachKeyPair page 403",
     "DependencyViolation.WindowsInstance",
     {403, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1},
    /* Common 400 list. */
    {C400, "IdempotentParameterMismatch", {400, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 0},
    {C400, "IllegalTimestamp", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400, "IncompleteSignature", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400 "; also 404 elsewhere",
     "InvalidAccessKeyId.NotFound",
     {400, 404, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0},
    {C400, "InvalidParameter", {400, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 0},
    {C400, "InvalidParameter.Format", {400, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 0},
    {C400, "InvalidTimeStamp.Format", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400 " (clock skew)", "InvalidTimeStamp.Expired", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400, "InvalidSignatureMethod", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400, "SignatureDoesNotMatch", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400, "SignatureNonceUsed", {400, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C400 "; SDKs retry Throttling*", "Throttling", {400, 0, 0}, ECSKP_CATEGORY_THROTTLING, 1, 0},
    {C400 "; SDKs retry Throttling*",
     "Throttling.User",
     {400, 0, 0},
     ECSKP_CATEGORY_THROTTLING,
     1,
     0},
    {C400, "UnsupportedParameter", {400, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 0},
    {C400 "; SDKs retry UnknownError", "UnknownError", {400, 0, 0}, ECSKP_CATEGORY_SERVER, 1, 0},
    /* Common 403 list. */
    {C403, "Forbidden.RAM", {403, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C403, "Forbidden.AccessKeyDisabled", {403, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C403, "Forbidden.Unauthorized", {403, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C403, "InvalidAccount.NotFound", {403, 0, 0}, ECSKP_CATEGORY_AUTH, 0, 0},
    {C403, "UnsupportedHTTPMethod", {403, 0, 0}, ECSKP_CATEGORY_BAD_REQUEST, 0, 0},
    /* Common 404, 409, 500, 503 lists. */
    {C404, "InvalidInstanceId.NotFound", {404, 0, 0}, ECSKP_CATEGORY_NOT_FOUND, 0, 0},
    {C404, "InvalidApi.NotFound", {404, 0, 0}, ECSKP_CATEGORY_NOT_FOUND, 0, 0},
    {C409 "; not retried: the operations are not idempotent",
     "OperationConflict",
     {409, 0, 0},
     ECSKP_CATEGORY_CONFLICT,
     0,
     0},
    {C500 "; SDKs retry InternalError", "InternalError", {500, 0, 0}, ECSKP_CATEGORY_SERVER, 1, 0},
    {C503 "; SDKs retry ServiceUnavailable*",
     "ServiceUnavailable",
     {503, 0, 0},
     ECSKP_CATEGORY_SERVER,
     1,
     0},
};

static void lookup_documented_codes(void **state) {
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(lookup_rows); i++) {
        const lookup_row *r = &lookup_rows[i];
        const ecskp_error_info *e = ecskp_error_lookup(r->code);
        if (e == NULL)
            fail_msg("%s [%s]: not in the table", r->source, r->code);
        CHECK_STR(r->source, r->code, e->code, r->code);
        for (size_t k = 0; k < 3; k++)
            CHECK_INT(r->source, r->code, e->http_statuses[k], r->statuses[k]);
        CHECK_INT(r->source, r->code, e->category, r->category);
        CHECK_INT(r->source, r->code, e->retryable, r->retryable);
        CHECK_INT(r->source, r->code, e->operation_specific, r->operation_specific);
        if (e->meaning == NULL || e->meaning[0] == '\0' || strchr(e->meaning, '\n') != NULL)
            fail_msg("%s [%s]: meaning must be one non-empty line", r->source, r->code);

        /* Without a status, classify agrees with the table. */
        int retry = -1;
        CHECK_INT(r->source, r->code, ecskp_error_classify(r->code, 0, &retry), r->category);
        CHECK_INT(r->source, r->code, retry, r->retryable);
    }
}

/* Every table entry is covered by a row above, and nothing else is in the table. */
static void table_matches_rows_and_is_sorted(void **state) {
    (void)state;
    size_t n = 0;
    const ecskp_error_info *t = ecskp_error_table(&n);
    assert_non_null(t);
    assert_int_equal(n, ARRAY_LEN(lookup_rows));
    assert_int_equal(n, 31);
    assert_ptr_equal(ecskp_error_table(NULL), t);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(t[i - 1].code, t[i].code) >= 0)
            fail_msg("table not strictly sorted at %zu: %s, %s", i, t[i - 1].code, t[i].code);
        assert_ptr_equal(ecskp_error_lookup(t[i].code), &t[i]);
        assert_true(t[i].http_statuses[0] != 0);
        assert_int_equal(t[i].http_statuses[2], 0);
        int found = 0;
        for (size_t k = 0; k < ARRAY_LEN(lookup_rows); k++)
            found += strcmp(lookup_rows[k].code, t[i].code) == 0;
        if (found != 1)
            fail_msg("%s appears %d times in the rows", t[i].code, found);
    }
}

typedef struct unknown_row {
    const char *source;
    const char *code;
} unknown_row;

static const unknown_row unknown_rows[] = {
    {"lookup is case-sensitive (api-facts §5: never key on anything but the exact code)",
     "missingparameter"},
    {"lookup is case-sensitive", "THROTTLING"},
    {"lookup is exact: no trailing white space", "MissingParameter "},
    {"lookup is exact: api-facts §5 XML example's MissingParameter.CommandId is not listed",
     "MissingParameter.CommandId"},
    {"lookup is exact: a prefix of a code", "InvalidKeyPairName"},
    {"api-facts §5 JSON example: InvalidImageId.NotFound is not an error of these operations",
     "InvalidImageId.NotFound"},
    {"undocumented throttling code", "Throttling.Foo"},
    {"empty code", ""},
    {"NULL code", NULL},
};

static void lookup_unknown_codes(void **state) {
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(unknown_rows); i++) {
        const unknown_row *r = &unknown_rows[i];
        if (ecskp_error_lookup(r->code) != NULL)
            fail_msg("%s [%s]: expected NULL", r->source, r->code ? r->code : "(null)");
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
        {ECSKP_CATEGORY_UNKNOWN, "unknown"},
        {ECSKP_CATEGORY_BAD_REQUEST, "bad_request"},
        {ECSKP_CATEGORY_AUTH, "auth"},
        {ECSKP_CATEGORY_NOT_FOUND, "not_found"},
        {ECSKP_CATEGORY_THROTTLING, "throttling"},
        {ECSKP_CATEGORY_CONFLICT, "conflict"},
        {ECSKP_CATEGORY_SERVER, "server"},
        {(ecskp_error_category)99, "unknown"},
        {(ecskp_error_category)-1, "unknown"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)
        CHECK_STR("errors.h ecskp_category_name", rows[i].name,
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
#define SDK "api-facts §5 SDK retry rule"

static const classify_row classify_rows[] = {
    /* Documented codes: the table wins over the status. */
    {"api-facts §5: InvalidAccessKeyId.NotFound as 404 stays auth", "InvalidAccessKeyId.NotFound",
     404, ECSKP_CATEGORY_AUTH, 0},
    {"api-facts §5: InvalidKeyPairName.NotFound newer page 400 stays not_found",
     "InvalidKeyPairName.NotFound", 400, ECSKP_CATEGORY_NOT_FOUND, 0},
    {"api-facts §5: WindowsInstance 403 is bad_request, not auth",
     "DependencyViolation.WindowsInstance", 403, ECSKP_CATEGORY_BAD_REQUEST, 0},
    {"api-facts §5: Throttling documented as 400, still retried", "Throttling", 400,
     ECSKP_CATEGORY_THROTTLING, 1},
    {"api-facts §5: UnknownError documented as 400, still retried", "UnknownError", 400,
     ECSKP_CATEGORY_SERVER, 1},
    {SDK ": OperationConflict is not retried (operations not idempotent)", "OperationConflict", 409,
     ECSKP_CATEGORY_CONFLICT, 0},
    {SDK ": HTTP 503 is retried whatever the code", "MissingParameter", 503,
     ECSKP_CATEGORY_BAD_REQUEST, 1},
    /* Unknown codes: prefix rules first. */
    {PREFIX " Throttling*", "Throttling.Foo", 0, ECSKP_CATEGORY_THROTTLING, 1},
    {PREFIX " Throttling* beats the status", "Throttling.Api", 400, ECSKP_CATEGORY_THROTTLING, 1},
    {PREFIX " Throttling* (no dot)", "ThrottlingRate", 0, ECSKP_CATEGORY_THROTTLING, 1},
    {PREFIX " ServiceUnavailable*", "ServiceUnavailable.Busy", 0, ECSKP_CATEGORY_SERVER, 1},
    {PREFIX " *.NotFound", "Foo.NotFound", 0, ECSKP_CATEGORY_NOT_FOUND, 0},
    {PREFIX " *.NotFound beats 400", "InvalidImageId.NotFound", 400, ECSKP_CATEGORY_NOT_FOUND, 0},
    {PREFIX " *.NotFound with 503: still retried by status", "InvalidDiskId.NotFound", 503,
     ECSKP_CATEGORY_NOT_FOUND, 1},
    {PREFIX " *.NotFound needs the dot", "FooNotFound", 0, ECSKP_CATEGORY_UNKNOWN, 0},
    {PREFIX " Forbidden*", "Forbidden.RiskControl", 0, ECSKP_CATEGORY_AUTH, 0},
    {PREFIX " Forbidden* beats 400", "Forbidden", 400, ECSKP_CATEGORY_AUTH, 0},
    {PREFIX " InvalidParameter*", "InvalidParameter.KeyPairName", 0, ECSKP_CATEGORY_BAD_REQUEST, 0},
    {PREFIX " MissingParameter* (api-facts §5 XML example)", "MissingParameter.CommandId", 0,
     ECSKP_CATEGORY_BAD_REQUEST, 0},
    {PREFIX " is case-sensitive", "throttling.foo", 0, ECSKP_CATEGORY_UNKNOWN, 0},
    /* Unknown codes without a prefix rule: the status. */
    {STATUS " 400", "Foo", 400, ECSKP_CATEGORY_BAD_REQUEST, 0},
    {STATUS " 401", "Foo", 401, ECSKP_CATEGORY_AUTH, 0},
    {STATUS " 403", "Foo", 403, ECSKP_CATEGORY_AUTH, 0},
    {STATUS " 404", "Foo", 404, ECSKP_CATEGORY_NOT_FOUND, 0},
    {STATUS " 409", "Foo", 409, ECSKP_CATEGORY_CONFLICT, 0},
    {STATUS " 429 (not in the SDKs' retry statuses)", "Foo", 429, ECSKP_CATEGORY_THROTTLING, 0},
    {STATUS " 500", "Foo", 500, ECSKP_CATEGORY_SERVER, 1},
    {STATUS " 501 (server, not retried)", "Foo", 501, ECSKP_CATEGORY_SERVER, 0},
    {STATUS " 502", "Foo", 502, ECSKP_CATEGORY_SERVER, 1},
    {STATUS " 503", "Foo", 503, ECSKP_CATEGORY_SERVER, 1},
    {STATUS " 504", "Foo", 504, ECSKP_CATEGORY_SERVER, 1},
    {STATUS " 505 (server, not retried)", "Foo", 505, ECSKP_CATEGORY_SERVER, 0},
    {STATUS " 599", "Foo", 599, ECSKP_CATEGORY_SERVER, 0},
    {STATUS ": 405 is not named", "Foo", 405, ECSKP_CATEGORY_UNKNOWN, 0},
    {STATUS ": 200 is not named", "Foo", 200, ECSKP_CATEGORY_UNKNOWN, 0},
    {STATUS ": 600 is not 5xx", "Foo", 600, ECSKP_CATEGORY_UNKNOWN, 0},
    {STATUS ": 0 = unknown status", "Foo", 0, ECSKP_CATEGORY_UNKNOWN, 0},
    {STATUS ": negative status", "Foo", -1, ECSKP_CATEGORY_UNKNOWN, 0},
    {STATUS ": empty code, 404", "", 404, ECSKP_CATEGORY_NOT_FOUND, 0},
    {STATUS ": NULL code, 503", NULL, 503, ECSKP_CATEGORY_SERVER, 1},
    {STATUS ": NULL code, 0", NULL, 0, ECSKP_CATEGORY_UNKNOWN, 0},
};

static void classify_fallbacks(void **state) {
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(classify_rows); i++) {
        const classify_row *r = &classify_rows[i];
        const char *what = r->code ? r->code : "(null)";
        int retry = -1;
        CHECK_INT(r->source, what, ecskp_error_classify(r->code, r->http_status, &retry),
                  r->category);
        CHECK_INT(r->source, what, retry, r->retryable);
        /* retryable may be NULL */
        CHECK_INT(r->source, what, ecskp_error_classify(r->code, r->http_status, NULL),
                  r->category);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* StringToSign comparison                                                                    */

/* api-facts §2: the documented DescribeRegions StringToSign (247 bytes). */
#define DOC_STS                                                                                    \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
/* api-facts §2 erratum: the same inputs with the parameter spelled TimeStamp. */
#define DOC_STS_TIMESTAMP_CAPS                                                                     \
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"    \
    "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" \
    "%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
/* api-facts §2 erratum: literal & separators inside the StringToSign. */
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

#define SAME_TEXT "server and client StringToSign are identical: the AccessKeySecret is wrong"
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
    {"api-facts §2 DescribeRegions StringToSign, identical", SDM_PREFIX DOC_STS, WHOLE, DOC_STS,
     WHOLE, ECSKP_STS_SAME, 0, LIT_LEN(SDM_PREFIX), 247, "", "", SAME_TEXT},
    {"api-facts §5: IncompleteSignature messages end with the marker too (wording illustrative)",
     "The request signature does not conform to Aliyun standards. server string to sign "
     "is:" DOC_STS,
     WHOLE, DOC_STS, WHOLE, ECSKP_STS_SAME, 0,
     LIT_LEN("The request signature does not conform to Aliyun standards. server string to sign "
             "is:"),
     247, "", "", SAME_TEXT},
    {"api-facts §2 erratum: server Timestamp, client TimeStamp", SDM_PREFIX DOC_STS, WHOLE,
     DOC_STS_TIMESTAMP_CAPS, WHOLE, ECSKP_STS_DIFFERENT, 188, LIT_LEN(SDM_PREFIX), 247,
     "tureVersion%3D1.0%26Timestamp%3D2016-02-23T12%25",
     "tureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%25",
     "StringToSign differs at byte 188: server has 's', client has 'S'; letter case differs "
     "(e.g. TimeStamp for Timestamp)"},
    {"api-facts §2 erratum: client TimeStamp, server Timestamp (roles swapped)",
     SDM_PREFIX DOC_STS_TIMESTAMP_CAPS, WHOLE, DOC_STS, WHOLE, ECSKP_STS_DIFFERENT, 188,
     LIT_LEN(SDM_PREFIX), 247, "tureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%25",
     "tureVersion%3D1.0%26Timestamp%3D2016-02-23T12%25",
     "StringToSign differs at byte 188: server has 'S', client has 's'; letter case differs "
     "(e.g. TimeStamp for Timestamp)"},
    {"api-facts §2 erratum: literal & where the server has %26", SDM_PREFIX DOC_STS, WHOLE,
     DOC_STS_LITERAL_AMP, WHOLE, ECSKP_STS_DIFFERENT, 28, LIT_LEN(SDM_PREFIX), 247,
     "%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegi",
     "%2F&AccessKeyId%3Dtestid&Action%3DDescribeRegion",
     "StringToSign differs at byte 28: server has '%', client has '&'; the client did not "
     "percent-encode the query ('&' must be %26)"},
    {"prefix: the client's StringToSign is a prefix of the server's", SDM_PREFIX DOC_STS, WHOLE,
     DOC_STS_CUT, WHOLE, ECSKP_STS_DIFFERENT, 234, LIT_LEN(SDM_PREFIX), 247,
     "253A46%253A24Z%26Version%3D2014-05-26", "253A46%253A24Z%26Version",
     "StringToSign differs at byte 234: the client's ends there, the server's has 13 more bytes"},
    {"prefix: the server's StringToSign is a prefix of the client's", SDM_PREFIX DOC_STS_CUT, WHOLE,
     DOC_STS, WHOLE, ECSKP_STS_DIFFERENT, 234, LIT_LEN(SDM_PREFIX), 234, "253A46%253A24Z%26Version",
     "253A46%253A24Z%26Version%3D2014-05-26",
     "StringToSign differs at byte 234: the server's ends there, the client's has 13 more bytes"},
    {"last byte differs: excerpt clipped at the end", SDM_PREFIX DOC_STS, WHOLE, DOC_STS_LAST_BYTE,
     WHOLE, ECSKP_STS_DIFFERENT, 246, LIT_LEN(SDM_PREFIX), 247, "4Z%26Version%3D2014-05-26",
     "4Z%26Version%3D2014-05-27",
     "StringToSign differs at byte 246: server has '6', client has '7'; the canonicalization "
     "differs"},
    {"api-facts §2 step 4: METHOD differs at byte 0 (POST signed, GET sent)", SDM_PREFIX DOC_STS,
     WHOLE, "POST&%2F&AccessKeyId%3Dtestid", WHOLE, ECSKP_STS_DIFFERENT, 0, LIT_LEN(SDM_PREFIX),
     247, "GET&%2F&AccessKeyId%3Dte", "POST&%2F&AccessKeyId%3Dt",
     "StringToSign differs at byte 0: server has 'G', client has 'P'; the canonicalization "
     "differs"},
    {"api-facts §6: raw non-ASCII byte in the client's StringToSign", SDM_PREFIX "GET&%2F&A%3D%C3",
     WHOLE, "GET&%2F&A%3D\xC3\xA9", WHOLE, ECSKP_STS_DIFFERENT, 12, LIT_LEN(SDM_PREFIX), 15,
     "GET&%2F&A%3D%C3", "GET&%2F&A%3D??",
     "StringToSign differs at byte 12: server has '%', client has 0xC3; the canonicalization "
     "differs"},
    {"api-facts §5: marker absent", "Specified signature is not matched with our calculation.",
     WHOLE, DOC_STS, WHOLE, ECSKP_STS_NOT_PRESENT, 0, 0, 0, "", "", ABSENT_TEXT},
    {"api-facts §5: marker absent from an unrelated error",
     "The specified RegionId does not exist.", WHOLE, DOC_STS, WHOLE, ECSKP_STS_NOT_PRESENT, 0, 0,
     0, "", "", ABSENT_TEXT},
    {"empty message", "", 0, DOC_STS, WHOLE, ECSKP_STS_NOT_PRESENT, 0, 0, 0, "", "", ABSENT_TEXT},
    {"marker without its colon", "server string to sign is " DOC_STS, WHOLE, DOC_STS, WHOLE,
     ECSKP_STS_NOT_PRESENT, 0, 0, 0, "", "", ABSENT_TEXT},
    {"marker cut by message_len (not NUL-terminated)", SDM_PREFIX DOC_STS, LIT_LEN(SDM_PREFIX) - 1,
     DOC_STS, WHOLE, ECSKP_STS_NOT_PRESENT, 0, 0, 0, "", "", ABSENT_TEXT},
    {"marker with trailing space, CR, LF and tab", SDM_PREFIX " " DOC_STS " \r\n\t", WHOLE, DOC_STS,
     WHOLE, ECSKP_STS_SAME, 0, LIT_LEN(SDM_PREFIX " "), 247, "", "", SAME_TEXT},
    {"marker followed by a newline", SDM_PREFIX "\n" DOC_STS "\n", WHOLE, DOC_STS, WHOLE,
     ECSKP_STS_SAME, 0, LIT_LEN(SDM_PREFIX "\n"), 247, "", "", SAME_TEXT},
    {"marker matched case-insensitively", "Signature mismatch. Server String To Sign Is:" DOC_STS,
     WHOLE, DOC_STS, WHOLE, ECSKP_STS_SAME, 0,
     LIT_LEN("Signature mismatch. Server String To Sign Is:"), 247, "", "", SAME_TEXT},
    {"message not NUL-terminated: message_len stops before trailing bytes",
     SDM_PREFIX DOC_STS "XYZ garbage", LIT_LEN(SDM_PREFIX DOC_STS), DOC_STS, WHOLE, ECSKP_STS_SAME,
     0, LIT_LEN(SDM_PREFIX), 247, "", "", SAME_TEXT},
    {"message_len cuts the server's StringToSign short", SDM_PREFIX DOC_STS,
     LIT_LEN(SDM_PREFIX) + 10, DOC_STS, WHOLE, ECSKP_STS_DIFFERENT, 10, LIT_LEN(SDM_PREFIX), 10,
     "GET&%2F&Ac", "GET&%2F&AccessKeyId%3Dtestid%26Act",
     "StringToSign differs at byte 10: the server's ends there, the client's has 237 more bytes"},
    {"client_len shorter than the client buffer", SDM_PREFIX DOC_STS, WHOLE, DOC_STS "&extra", 247,
     ECSKP_STS_SAME, 0, LIT_LEN(SDM_PREFIX), 247, "", "", SAME_TEXT},
    {"marker followed only by white space: the server's StringToSign is empty", SDM_PREFIX " \r\n",
     WHOLE, DOC_STS, WHOLE, ECSKP_STS_DIFFERENT, 0, LIT_LEN(SDM_PREFIX " \r\n"), 0, "",
     "GET&%2F&AccessKeyId%3Dte",
     "StringToSign differs at byte 0: the server's ends there, the client's has 247 more bytes"},
    {"empty server and client StringToSign", SDM_PREFIX, WHOLE, "", 0, ECSKP_STS_SAME, 0,
     LIT_LEN(SDM_PREFIX), 0, "", "", SAME_TEXT},
    {"first marker wins", SDM_PREFIX "server string to sign is:X", WHOLE,
     "server string to sign is:X", WHOLE, ECSKP_STS_SAME, 0, LIT_LEN(SDM_PREFIX), 26, "", "",
     SAME_TEXT},
};

static void compare_string_to_sign_rows(void **state) {
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(sts_rows); i++) {
        const sts_row *r = &sts_rows[i];
        size_t mlen = r->message_len == WHOLE ? strlen(r->message) : r->message_len;
        size_t clen = r->client_len == WHOLE ? strlen(r->client) : r->client_len;
        /* Exact-size heap copies without a terminator, so an over-read shows under ASan. */
        char *msg = malloc(mlen ? mlen : 1);
        char *cli = malloc(clen ? clen : 1);
        assert_non_null(msg);
        assert_non_null(cli);
        memcpy(msg, r->message, mlen);
        memcpy(cli, r->client, clen);

        ecskp_sts_comparison out;
        memset(&out, 0x5a, sizeof out);
        CHECK_INT(r->source, "status", ecskp_compare_string_to_sign(msg, mlen, cli, clen, &out),
                  ECSKP_OK);
        CHECK_INT(r->source, "verdict", out.verdict, r->verdict);
        CHECK_INT(r->source, "offset", out.offset, r->offset);
        CHECK_INT(r->source, "server_sts_len", out.server_sts_len, r->server_sts_len);
        if (r->verdict == ECSKP_STS_NOT_PRESENT) {
            if (out.server_sts != NULL)
                fail_msg("%s: server_sts should be NULL", r->source);
        } else {
            if (out.server_sts != msg + r->server_sts_start)
                fail_msg("%s: server_sts should point %zu bytes into the message", r->source,
                         r->server_sts_start);
        }
        CHECK_STR(r->source, "server_excerpt", out.server_excerpt, r->server_excerpt);
        CHECK_STR(r->source, "client_excerpt", out.client_excerpt, r->client_excerpt);
        CHECK_STR(r->source, "explanation", out.explanation, r->explanation);
        free(msg);
        free(cli);
    }
}

static void compare_string_to_sign_null_arguments(void **state) {
    (void)state;
    ecskp_sts_comparison out;
    const char *m = SDM_PREFIX DOC_STS;
    assert_int_equal(ecskp_compare_string_to_sign(NULL, 0, DOC_STS, 247, &out),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(out.verdict, ECSKP_STS_NOT_PRESENT);
    assert_null(out.server_sts);
    assert_string_equal(out.explanation, "");
    assert_int_equal(ecskp_compare_string_to_sign(m, strlen(m), NULL, 0, &out),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_compare_string_to_sign(m, strlen(m), DOC_STS, 247, NULL),
                     ECSKP_ERR_INVALID_ARGUMENT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookup_documented_codes),
        cmocka_unit_test(table_matches_rows_and_is_sorted),
        cmocka_unit_test(lookup_unknown_codes),
        cmocka_unit_test(category_names),
        cmocka_unit_test(classify_fallbacks),
        cmocka_unit_test(compare_string_to_sign_rows),
        cmocka_unit_test(compare_string_to_sign_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
