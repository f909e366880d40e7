/* SPDX-License-Identifier: MIT */
/*
 * test_coverage_api.c - the argument checks and edge cases of the public 1.0 API that the
 * table-driven suites do not reach: NULL pointers, `buf` NULL with `cap` > 0, `needed` NULL,
 * unknown and unset enum values, the size-query forms, the UTF-8 boundaries, strict
 * InstanceIds, header and path validation of signature V3, the common parameters of the
 * signers, the StringToSign diagnosis of white space and separators, the names of every enum,
 * and the JSON entry points.
 *
 * Every assertion is a sentence of a public header (ecskp.h, status.h, encode.h, sign.h,
 * errors.h, decode.h, json.h, call.h, version.h), named as the row's source: each negative one
 * asserts the exact status, and diag.field / offset / index where that header names them. Every
 * ECSKP_API function is called here at least once. scripts/ci/coverage.sh counts these
 * branches toward its floor.
 */
#include <stdlib.h>

#include "ecskp_test.h"

#define INVALID ECSKP_ERR_INVALID_ARGUMENT
#define HOST ECSKP_TEST_HOST

/* Request signatures (ECS API reference, Getting started, mirrored in
 * https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`): the documented DescribeRegions
 * request, signed with "testsecret". */
static const ecskp_param doc_params[] = {
    {.name = "AccessKeyId", .value = "testid"},
    {.name = "Action", .value = "DescribeRegions"},
    {.name = "Format", .value = "XML"},
    {.name = "SignatureMethod", .value = "HMAC-SHA1"},
    {.name = "SignatureNonce", .value = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
    {.name = "SignatureVersion", .value = "1.0"},
    {.name = "Timestamp", .value = "2016-02-23T12:46:24Z"},
    {.name = "Version", .value = "2014-05-26"}};

/* Signing is in this build, or every signer says unsupported (sign.h "Build"). */
static int signing_or_skip(void) {
    if (ecskp_signing_available())
        return 1;
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_signed out;
    ecskp_signed *outp = NULL;
    size_t need = 0;
    ecskp_diag d;
    const char *src = "sign.h Build: unsupported after checking nothing";
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign(NULL, NULL, NULL, 9, NULL, NULL, &d), &d,
                       ECSKP_ERR_UNSUPPORTED);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign(&s, &op, NULL, 0, &need, &out, &d), &d,
                       ECSKP_ERR_UNSUPPORTED);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, &op, NULL, &outp, &d), &d,
                       ECSKP_ERR_UNSUPPORTED);
    ecskp_test_true(src, "*out NULL", outp == NULL);
    return 0;
}

/* ================================================================== status.h, version.h */

static void test_status_h(void **state) {
    (void)state;
    const char *src = "status.h ecskp_status_name / ecskp_status_parse";
    ecskp_status s = ECSKP_OK;
    ecskp_diag d;
    ecskp_test_str(src, "name outside the enum",
                   ecskp_status_name((ecskp_status)ECSKP_STATUS_COUNT_), "unknown_status");
    ecskp_test_str(src, "name of -1", ecskp_status_name((ecskp_status)-1), "unknown_status");
    ecskp_test_str(src, "meaning outside the enum",
                   ecskp_status_meaning((ecskp_status)ECSKP_STATUS_COUNT_), "unknown status");
    ecskp_test_str(src, "meaning of ok", ecskp_status_meaning(ECSKP_OK), "success");
    /* Every name parses back to its status. */
    for (int i = 0; i < ECSKP_STATUS_COUNT_; i++) {
        const char *name = ecskp_status_name((ecskp_status)i);
        ecskp_test_dirty_diag(&d);
        ECSKP_EXPECT_OK(name, ecskp_status_parse(name, &s, &d), &d);
        ecskp_test_size(name, "parsed status", (size_t)s, (size_t)i);
    }
    /* invalid_argument (out NULL: diag.field "out"; name NULL or unknown: diag.field "name") */
    ECSKP_EXPECT_DIAG(src, ecskp_status_parse(NULL, &s, &d), &d, INVALID, "name", NO_OFF, NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_status_parse("no_such_status", &s, &d), &d, INVALID, "name",
                      NO_OFF, NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_status_parse("OK", &s, &d), &d, INVALID, "name", NO_OFF, NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_status_parse("ok", NULL, &d), &d, INVALID, "out", NO_OFF, NO_IDX);
    ecskp_test_size(src, "status with a NULL diag",
                    (size_t)ecskp_status_parse("dtd_refused", &s, NULL), ECSKP_OK);
    ecskp_test_size(src, "dtd_refused", (size_t)s, ECSKP_ERR_DTD_REFUSED);
    /* "Resets a diag to the success state. Safe on NULL." */
    ecskp_diag_clear(NULL);
    ecskp_test_dirty_diag(&d);
    ecskp_diag_clear(&d);
    ECSKP_EXPECT_OK("status.h ecskp_diag_clear", ECSKP_OK, &d);
    ecskp_test_str("status.h ecskp_diag_clear", "message", d.message, "");
    /* version.h: the library linked is the one of the headers. */
    ecskp_test_str("version.h ecskp_version", "version", ecskp_version(), ECSKP_VERSION_STRING);
}

/* ================================================================== encode.h */

static void test_query_and_percent_arguments(void **state) {
    (void)state;
    const char *src = "encode.h ecskp_query_build";
    char buf[256];
    size_t need = 99;
    ecskp_diag d;
    const size_t n = COUNT(doc_params);
    /* invalid_argument (params NULL with count > 0, a NULL value), and the buffer convention
     * of ecskp.h: buf NULL with cap > 0, needed NULL; *needed 0 on any other failure */
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(NULL, 1, buf, sizeof buf, &need, &d), &d, INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", need, 0);
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(doc_params, n, NULL, 5, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(doc_params, n, buf, sizeof buf, NULL, &d), &d,
                       INVALID);
    static const ecskp_param null_value[] = {{.name = "A", .value = NULL}};
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(null_value, 1, buf, sizeof buf, &need, &d), &d,
                       INVALID);
    /* the size query, exact from the first call, NUL included */
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(doc_params, n, NULL, 0, &need, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    size_t first = need;
    ECSKP_EXPECT_OK(src, ecskp_query_build(doc_params, n, buf, first, &need, &d), &d);
    ecskp_test_size(src, "*needed is strlen + 1", need, strlen(buf) + 1);
    ecskp_test_size(src, "*needed equals the size query's", need, first);
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(doc_params, n, buf, first - 1, &need, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed on buffer_too_small", need, first);
    ecskp_test_size(src, "NUL-terminated when cap > 0", strlen(buf) < first - 1, 1);
    /* an empty list: "" */
    ECSKP_EXPECT_OK(src, ecskp_query_build(NULL, 0, buf, sizeof buf, &need, &d), &d);
    ecskp_test_str(src, "empty list", buf, "");
    ecskp_test_size(src, "*needed of the empty list", need, 1);

    src = "encode.h ecskp_percent_encode";
    ECSKP_EXPECT_ERROR(src, ecskp_percent_encode(NULL, 1, buf, sizeof buf, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_percent_encode("a", 1, NULL, 1, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_percent_encode("a", 1, buf, sizeof buf, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_percent_encode("a b*~", 5, NULL, 0, &need, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed of \"a b*~\"", need, strlen("a%20b%2A~") + 1);
    ECSKP_EXPECT_OK(src, ecskp_percent_encode("a b*~", 5, buf, need, &need, &d), &d);
    ecskp_test_str(src, "encoded", buf, "a%20b%2A~");
    ECSKP_EXPECT_OK(src, ecskp_percent_encode(NULL, 0, buf, sizeof buf, &need, &d), &d);
    ecskp_test_str(src, "NULL with length 0", buf, "");
}

typedef struct utf8_row {
    const char *src;
    const char *s;
    size_t len;
    ecskp_status want;
    size_t offset;
} utf8_row;

/* RFC 3629: at most U+10FFFF, no overlong forms, no surrogates; diag.offset = the first byte
 * of the first invalid sequence. */
static const utf8_row utf8_rows[] = {
    {.src = "U+10FFFF", .s = "\xF4\x8F\xBF\xBF", .len = 4, .want = ECSKP_OK},
    {.src = "above U+10FFFF",
     .s = "a\xF4\x90\x80\x80",
     .len = 5,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 1},
    {.src = "overlong 4 bytes",
     .s = "\xF0\x8F\xBF\xBF",
     .len = 4,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "overlong 3 bytes",
     .s = "\xE0\x80\x80",
     .len = 3,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "surrogate",
     .s = "\xED\xA0\x80",
     .len = 3,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "bad continuation",
     .s = "ab\xC3(",
     .len = 4,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 2},
    {.src = "truncated", .s = "ab\xE2\x82", .len = 4, .want = ECSKP_ERR_INVALID_UTF8, .offset = 2},
    {.src = "0xFF continuation",
     .s = "\xC3\xFF",
     .len = 2,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "lone continuation",
     .s = "\x80",
     .len = 1,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "5-byte form",
     .s = "\xF8\x88\x80\x80\x80",
     .len = 5,
     .want = ECSKP_ERR_INVALID_UTF8,
     .offset = 0},
    {.src = "2, 3 and 4 bytes",
     .s = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",
     .len = 9,
     .want = ECSKP_OK},
    {.src = "NULL with length 0", .s = NULL, .len = 0, .want = ECSKP_OK},
};

static void test_utf8_check(void **state) {
    (void)state;
    ecskp_diag d;
    ECSKP_TEST_FOR_ROWS(const utf8_row, r, utf8_rows) {
        if (r->want == ECSKP_OK)
            ECSKP_EXPECT_OK(r->src, ecskp_utf8_check(r->s, r->len, &d), &d);
        else
            ECSKP_EXPECT_DIAG(r->src, ecskp_utf8_check(r->s, r->len, &d), &d, r->want, NULL,
                              r->offset, NO_IDX);
    }
    /* invalid_argument (s NULL with len > 0) */
    ECSKP_EXPECT_ERROR("encode.h ecskp_utf8_check", ecskp_utf8_check(NULL, 1, &d), &d, INVALID);
}

static void test_ids_arguments(void **state) {
    (void)state;
    const char *src = "encode.h ecskp_ids_build";
    char buf[ECSKP_IDS_JSON_SIZE];
    size_t need = 0;
    ecskp_diag d;
    static const char *const not_i[] = {"x-abc"}, *const upper[] = {"i-ABC"},
                             *const short_id[] = {"i-"}, *const good[] = {"i-abc123"};
    /* ECSKP_IDS_STRICT: also require `i-` + lower-case alphanumerics (diag.index) */
    ECSKP_EXPECT_DIAG(src, ecskp_ids_build(not_i, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &need, &d),
                      &d, ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, NO_OFF, 0);
    ECSKP_EXPECT_DIAG(src, ecskp_ids_build(upper, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &need, &d),
                      &d, ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, NO_OFF, 0);
    ECSKP_EXPECT_DIAG(src,
                      ecskp_ids_build(short_id, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &need, &d),
                      &d, ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, NO_OFF, 0);
    ECSKP_EXPECT_OK(src, ecskp_ids_build(good, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &need, &d),
                    &d);
    ecskp_test_str(src, "strict output", buf, "[\"i-abc123\"]");
    ecskp_test_size(src, "*needed", need, strlen("[\"i-abc123\"]") + 1);
    ECSKP_EXPECT_OK(src, ecskp_ids_build(upper, 1, 0, buf, sizeof buf, &need, &d), &d);
    /* invalid_argument (also for unknown flags), the buffer convention, ids_empty */
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(NULL, 1, 0, buf, sizeof buf, &need, &d), &d, INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", need, 0);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(good, 1, 1u << 5, buf, sizeof buf, &need, &d), &d,
                       INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(good, 1, 0, NULL, 4, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(good, 1, 0, buf, sizeof buf, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(good, 0, 0, buf, sizeof buf, &need, &d), &d,
                       ECSKP_ERR_IDS_EMPTY);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_build(NULL, 0, 0, buf, sizeof buf, &need, &d), &d,
                       ECSKP_ERR_IDS_EMPTY);

    src = "encode.h ecskp_ids_normalize";
    /* invalid_argument (json NULL with a length, unknown flags), the buffer convention */
    ECSKP_EXPECT_ERROR(src, ecskp_ids_normalize(NULL, 5, 0, NULL, buf, sizeof buf, &need, &d), &d,
                       INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", need, 0);
    ECSKP_EXPECT_ERROR(
        src, ecskp_ids_normalize("[\"i-a\"]", 7, 2, NULL, buf, sizeof buf, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_normalize("[\"i-a\"]", 7, 0, NULL, NULL, 5, &need, &d), &d,
                       INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_normalize("[\"i-a\"]", 7, 0, NULL, buf, sizeof buf, NULL, &d),
                       &d, INVALID);
    /* an empty text is not one complete JSON value */
    ECSKP_EXPECT_ERROR(src, ecskp_ids_normalize(NULL, 0, 0, NULL, buf, sizeof buf, &need, &d), &d,
                       ECSKP_ERR_IDS_MALFORMED);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_normalize("", 0, 0, NULL, buf, sizeof buf, &need, &d), &d,
                       ECSKP_ERR_IDS_MALFORMED);
    /* ids_malformed for text longer than ECSKP_MAX_IDS_TEXT_BYTES */
    char *big = malloc(ECSKP_MAX_IDS_TEXT_BYTES + 1);
    assert_non_null(big);
    memset(big, ' ', ECSKP_MAX_IDS_TEXT_BYTES + 1);
    memcpy(big, "[\"i-a\"]", 7);
    ECSKP_EXPECT_OK(
        src,
        ecskp_ids_normalize(big, ECSKP_MAX_IDS_TEXT_BYTES, 0, NULL, buf, sizeof buf, &need, &d),
        &d);
    ECSKP_EXPECT_ERROR(
        src,
        ecskp_ids_normalize(big, ECSKP_MAX_IDS_TEXT_BYTES + 1, 0, NULL, buf, sizeof buf, &need, &d),
        &d, ECSKP_ERR_IDS_MALFORMED);
    free(big);
    /* strict mode through the JSON form; ids_too_many (diag.index = count) */
    ECSKP_EXPECT_DIAG(src,
                      ecskp_ids_normalize("[\"i-a\",\"I-b\"]", 13, ECSKP_IDS_STRICT, NULL, buf,
                                          sizeof buf, &need, &d),
                      &d, ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, NO_OFF, 1);
    char many[64 * 8];
    size_t at = 0;
    for (int i = 0; i < ECSKP_MAX_INSTANCE_IDS + 1; i++)
        at += (size_t)snprintf(many + at, sizeof many - at, "%c\"i-%d\"", i ? ',' : '[', i);
    (void)snprintf(many + at, sizeof many - at, "]");
    ECSKP_EXPECT_DIAG(src,
                      ecskp_ids_normalize(many, strlen(many), 0, NULL, buf, sizeof buf, &need, &d),
                      &d, ECSKP_ERR_IDS_TOO_MANY, NULL, NO_OFF, ECSKP_MAX_INSTANCE_IDS + 1);
}

#define UNSUPPORTED ECSKP_ERR_UNSUPPORTED_FORMAT

/* encode.h: invalid_action (diag.field "Action"), exact and case-sensitive; "JSON" or "XML"
 * (exact, as on the wire), else unsupported_format (diag.field "Format"). */
static const ecskp_test_enum_row action_rows[] = {
    {ECSKP_TEST_NAME, .src = "encode.h: attach", .value = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .name = "AttachKeyPair"},
    {ECSKP_TEST_NAME, .src = "encode.h: detach", .value = ECSKP_ACTION_DETACH_KEY_PAIR,
     .name = "DetachKeyPair"},
    {ECSKP_TEST_NAME, .src = "encode.h: unset is NULL", .value = ECSKP_ACTION_UNSET, .name = NULL},
    {ECSKP_TEST_NAME, .src = "encode.h: unknown is NULL", .value = 9, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "encode.h: DetachKeyPair", .name = "DetachKeyPair",
     .value = ECSKP_ACTION_DETACH_KEY_PAIR, .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "encode.h: case-sensitive", .name = "attachkeypair",
     .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: NULL", .name = NULL, .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: empty", .name = "", .status = ECSKP_ERR_INVALID_ACTION},
};

static const ecskp_test_enum_row format_rows[] = {
    {ECSKP_TEST_NAME, .src = "encode.h: JSON", .value = ECSKP_FORMAT_JSON, .name = "JSON"},
    {ECSKP_TEST_NAME, .src = "encode.h: XML", .value = ECSKP_FORMAT_XML, .name = "XML"},
    {ECSKP_TEST_NAME, .src = "encode.h: unset is NULL", .value = ECSKP_FORMAT_UNSET, .name = NULL},
    {ECSKP_TEST_NAME, .src = "encode.h: unknown is NULL", .value = 7, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "encode.h: XML", .name = "XML", .value = ECSKP_FORMAT_XML,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "xMl", .name = "xMl", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "json", .name = "json", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "JSONX", .name = "JSONX", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "XM", .name = "XM", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "", .name = "", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "[SON", .name = "[SON", .status = UNSUPPORTED},
    {ECSKP_TEST_PARSE, .src = "(null)", .name = NULL, .status = UNSUPPORTED},
};

static void test_enum_names(void **state) {
    (void)state;
    ecskp_diag d;
    ecskp_test_enum_rows(&ecskp_test_action, action_rows, COUNT(action_rows));
    ecskp_test_enum_rows(&ecskp_test_format, format_rows, COUNT(format_rows));

    const char *src = "encode.h ecskp_timestamp_check";
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check("2016-02-29T23:59:60Z", &d), &d);
    /* invalid_timestamp (also for NULL; diag.field "Timestamp") */
    static const char *const bad_ts[] = {NULL,
                                         "",
                                         "2015-02-29T00:00:00Z",
                                         "2016-02-23T24:00:00Z",
                                         "2016-02-23t12:46:24Z",
                                         "2016-02-23T12:46:24.000Z"};
    for (size_t i = 0; i < COUNT(bad_ts); i++)
        ECSKP_EXPECT_DIAG(bad_ts[i] != NULL ? bad_ts[i] : "(null)",
                          ecskp_timestamp_check(bad_ts[i], &d), &d, ECSKP_ERR_INVALID_TIMESTAMP,
                          "Timestamp", NO_OFF, NO_IDX);
}

typedef struct build_row {
    const char *src;
    ecskp_keypair op;
    ecskp_status want;
    const char *field; /* NULL: the header names none */
} build_row;

static const ecskp_param extra_ts[] = {{.name = "TimeStamp", .value = "2016-02-23T12:46:24Z"}};
static const ecskp_param extra_action[] = {{.name = "Action", .value = "DetachKeyPair"}};
static const ecskp_param extra_region[] = {{.name = "RegionId", .value = "cn-beijing"}};
static const ecskp_param extra_format[] = {{.name = "Format", .value = "Xml"}};
static const ecskp_param extra_bad_ts[] = {{.name = "Timestamp", .value = "2016-02-23"}};

#define ATTACH .action = ECSKP_ACTION_ATTACH_KEY_PAIR
#define REGION .region_id = "cn-hangzhou"
#define NAME .key_pair_name = "k"
#define IDS .instance_ids = ecskp_test_ids2, .instance_id_count = COUNT(ecskp_test_ids2)

/* ECSKP_MAX_VALUE_BYTES + 1 bytes (filled by test_keypair_build); + 1 is the longest value. */
static char long_value[ECSKP_MAX_VALUE_BYTES + 2];

/* ecskp_keypair_build: every refusal of its header, in its order. */
static const build_row build_rows[] = {
    {.src = "both InstanceIds forms",
     .op = {ATTACH, REGION, NAME, IDS, .instance_ids_json = "[\"i-a\"]"},
     .want = INVALID},
    {.src = "a NULL array with a count",
     .op = {ATTACH, REGION, NAME, .instance_id_count = 2},
     .want = INVALID},
    {.src = "extra NULL with extra_count",
     .op = {ATTACH, REGION, NAME, IDS, .extra_count = 1},
     .want = INVALID},
    {.src = "unknown ids_flags bits",
     .op = {ATTACH, REGION, NAME, IDS, .ids_flags = 1u << 3},
     .want = INVALID},
    {.src = "action unset",
     .op = {REGION, NAME, IDS},
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "Action"},
    {.src = "unknown action",
     .op = {.action = (ecskp_action)9, REGION, NAME, IDS},
     .want = ECSKP_ERR_INVALID_ACTION},
    {.src = "RegionId empty",
     .op = {ATTACH, .region_id = "", NAME, IDS},
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "RegionId"},
    {.src = "KeyPairName NULL",
     .op = {ATTACH, REGION, IDS},
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "KeyPairName"},
    {.src = "neither InstanceIds form",
     .op = {ATTACH, REGION, NAME, .instance_ids_json = ""},
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "InstanceIds"},
    {.src = "unknown format",
     .op = {ATTACH, REGION, NAME, IDS, .format = (ecskp_format)7},
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "Format"},
    {.src = "KeyPairName of 257 bytes",
     .op = {ATTACH, REGION, .key_pair_name = long_value, IDS},
     .want = ECSKP_ERR_VALUE_TOO_LONG,
     .field = "KeyPairName"},
    {.src = "OwnerAccount of 257 bytes",
     .op = {ATTACH, REGION, NAME, IDS, .owner_account = long_value},
     .want = ECSKP_ERR_VALUE_TOO_LONG,
     .field = "OwnerAccount"},
    {.src = "a non-NULL array with count 0",
     .op = {ATTACH, REGION, NAME, .instance_ids = ecskp_test_ids2},
     .want = ECSKP_ERR_IDS_EMPTY},
    {.src = "the JSON text []",
     .op = {ATTACH, REGION, NAME, .instance_ids_json = "[]"},
     .want = ECSKP_ERR_IDS_EMPTY},
    {.src = "extra Timestamp not in the form",
     .op = {ATTACH, REGION, NAME, IDS, .extra = extra_bad_ts, .extra_count = 1},
     .want = ECSKP_ERR_INVALID_TIMESTAMP,
     .field = "Timestamp"},
    {.src = "extra TimeStamp",
     .op = {ATTACH, REGION, NAME, IDS, .extra = extra_ts, .extra_count = 1},
     .want = ECSKP_ERR_MISSPELLED_PARAMETER},
    {.src = "extra Action",
     .op = {ATTACH, REGION, NAME, IDS, .extra = extra_action, .extra_count = 1},
     .want = ECSKP_ERR_INVALID_ACTION},
    {.src = "extra Format Xml",
     .op = {ATTACH, REGION, NAME, IDS, .extra = extra_format, .extra_count = 1},
     .want = ECSKP_ERR_INVALID_PARAMETER_VALUE,
     .field = "Format"},
    {.src = "extra repeats RegionId",
     .op = {ATTACH, REGION, NAME, IDS, .extra = extra_region, .extra_count = 1},
     .want = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "RegionId"},
};

static void test_keypair_build(void **state) {
    (void)state;
    static ecskp_param_set set;
    ecskp_diag d;
    ecskp_keypair op = ecskp_test_keypair();
    const char *src = "encode.h ecskp_keypair_build";
    /* invalid_argument (op or out NULL) */
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_build(NULL, &set, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_build(&op, NULL, &d), &d, INVALID);
    ECSKP_TEST_FOR_ROWS(const build_row, r, build_rows) {
        memset(&set, 0x5a, sizeof set);
        ECSKP_EXPECT_ERROR(r->src, ecskp_keypair_build(&r->op, &set, &d), &d, r->want);
        if (r->field != NULL)
            ecskp_test_str(r->src, "diag.field", d.field, r->field);
        ecskp_test_size(r->src, "out is zeroed on failure", set.count, 0);
    }
    /* 256 bytes pass; Format unset is not sent; extra carries the common parameters */
    static const ecskp_param common[] = {{.name = "AccessKeyId", .value = "testid"}};
    op.key_pair_name = long_value + 1;
    op.format = ECSKP_FORMAT_UNSET;
    op.extra = common;
    op.extra_count = COUNT(common);
    ECSKP_EXPECT_OK(src, ecskp_keypair_build(&op, &set, &d), &d);
    ecskp_test_size(src, "Action, InstanceIds, RegionId, KeyPairName, AccessKeyId", set.count, 5);
    for (size_t i = 0; i < set.count; i++)
        ecskp_test_true(src, "no Format", strcmp(set.params[i].name, "Format") != 0);
    ecskp_test_str(src, "ids_json", set.ids_json, "[\"i-m5eg7be9ndloji64jknv\",\"i-23jggx34b\"]");
}

/* ================================================================== sign.h */

static ecskp_status fixed_clock(void *ctx, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag) {
    (void)snprintf(out, ECSKP_TIMESTAMP_SIZE, "%s", (const char *)ctx);
    ecskp_diag_clear(diag);
    return ECSKP_OK;
}

static ecskp_status failing_nonce(void *ctx, char out[ECSKP_NONCE_SIZE], ecskp_diag *diag) {
    (void)ctx;
    out[0] = '\0';
    return ecskp_test_fail_diag(diag, ECSKP_ERR_RANDOM_FAILURE, "from-the-source");
}

/* sign.h: "POST" or "GET", "v1" or "v3" (exact); invalid_argument (diag.field "method",
 * "signature"); the name of an unset method is POST's. */
static const ecskp_test_enum_row method_rows[] = {
    {ECSKP_TEST_NAME, .src = "sign.h: unset means POST", .value = ECSKP_METHOD_UNSET,
     .name = "POST"},
    {ECSKP_TEST_NAME, .src = "sign.h: GET", .value = ECSKP_METHOD_GET, .name = "GET"},
    {ECSKP_TEST_NAME, .src = "sign.h: an unknown method has no name", .value = 9, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "sign.h: GET is 2", .name = "GET", .value = 2, .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: exact, upper case (get)", .name = "get", .status = INVALID},
    {ECSKP_TEST_PARSE, .src = "sign.h: a NULL method", .name = NULL, .status = INVALID},
};

static const ecskp_test_enum_row signature_rows[] = {
    {ECSKP_TEST_NAME, .src = "sign.h: v3", .value = ECSKP_SIGNATURE_V3, .name = "v3"},
    {ECSKP_TEST_NAME, .src = "sign.h: unset has no name", .value = ECSKP_SIGNATURE_UNSET,
     .name = NULL},
    {ECSKP_TEST_NAME, .src = "sign.h: an unknown signature has no name", .value = 3, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "sign.h: v1", .name = "v1", .value = ECSKP_SIGNATURE_V1,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: exact (V1)", .name = "V1", .status = INVALID},
    {ECSKP_TEST_PARSE, .src = "sign.h: a NULL signature", .name = NULL, .status = INVALID},
};

static void test_sign_names_and_sources(void **state) {
    (void)state;
    ecskp_diag d;
    ecskp_test_true("sign.h ecskp_signing_available", "0 or 1",
                    ecskp_signing_available() == 0 || ecskp_signing_available() == 1);
    ecskp_test_enum_rows(&ecskp_test_method, method_rows, COUNT(method_rows));
    ecskp_test_enum_rows(&ecskp_test_signature, signature_rows, COUNT(signature_rows));

    const char *src = "sign.h ecskp_timestamp_format / ecskp_clock_system / ecskp_nonce_system";
    char ts[ECSKP_TIMESTAMP_SIZE] = "x";
    char nonce[ECSKP_NONCE_SIZE] = "x";
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format((time_t)0, ts, &d), &d);
    ecskp_test_str(src, "the Epoch", ts, "1970-01-01T00:00:00Z");
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format((time_t)1456231584, ts, &d), &d);
    ecskp_test_str(src, "Request signatures Timestamp", ts, "2016-02-23T12:46:24Z");
    /* invalid_argument (out NULL, `t` outside the range; out is "") */
    ECSKP_EXPECT_ERROR(src, ecskp_timestamp_format((time_t)0, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_timestamp_format((time_t)-1, ts, &d), &d, INVALID);
    ecskp_test_str(src, "out after a refusal", ts, "");
    if (sizeof(time_t) > 4) {
        ECSKP_EXPECT_OK(src, ecskp_timestamp_format((time_t)253402300799LL, ts, &d), &d);
        ecskp_test_str(src, "the last second", ts, "9999-12-31T23:59:59Z");
        ECSKP_EXPECT_ERROR(src, ecskp_timestamp_format((time_t)253402300800LL, ts, &d), &d,
                           INVALID);
        ecskp_test_str(src, "out after a refusal (year 10000)", ts, "");
    }
    ECSKP_EXPECT_OK(src, ecskp_clock_system(NULL, ts, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check(ts, &d), &d);
    ECSKP_EXPECT_ERROR(src, ecskp_clock_system(NULL, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_OK(src, ecskp_nonce_system(NULL, nonce, &d), &d);
    ecskp_test_size(src, "32 hex characters", strspn(nonce, "0123456789abcdef"), 32);
    ecskp_test_size(src, "and the NUL", strlen(nonce), 32);
    ECSKP_EXPECT_ERROR(src, ecskp_nonce_system(NULL, NULL, &d), &d, INVALID);
}

/* What the sign.h tests below sign into. */
static char sign_buf[8192];
static size_t sign_need;
static ecskp_signed sign_out;

static ecskp_status req_sign(const ecskp_signer *s, const ecskp_request *q, ecskp_diag *d) {
    return ecskp_request_sign(s, q, sign_buf, sizeof sign_buf, &sign_need, &sign_out, d);
}

static ecskp_status op_sign(const ecskp_signer *s, const ecskp_keypair *op, ecskp_diag *d) {
    return ecskp_keypair_sign(s, op, sign_buf, sizeof sign_buf, &sign_need, &sign_out, d);
}

/* A signer over its input (a request or an operation), for the checks both share. */
typedef ecskp_status (*sign_fn)(const ecskp_signer *s, const void *in, char *buf, size_t cap,
                                size_t *needed, ecskp_signed *out, ecskp_diag *d);

static ecskp_status request_fn(const ecskp_signer *s, const void *in, char *buf, size_t cap,
                               size_t *needed, ecskp_signed *out, ecskp_diag *d) {
    return ecskp_request_sign(s, in, buf, cap, needed, out, d);
}

static ecskp_status keypair_fn(const ecskp_signer *s, const void *in, char *buf, size_t cap,
                               size_t *needed, ecskp_signed *out, ecskp_diag *d) {
    return ecskp_keypair_sign(s, in, buf, cap, needed, out, d);
}

/* sign.h: invalid_argument for a NULL signer, input, out or needed, and for buf NULL with
 * cap > 0; on failure *needed is 0 and the struct zeroed. */
static void expect_null_arguments(const char *src, sign_fn f, const ecskp_signer *s,
                                  const void *in) {
    ecskp_diag d;
    sign_need = 7;
    memset(&sign_out, 0x5A, sizeof sign_out);
    ECSKP_EXPECT_ERROR(src, f(NULL, in, sign_buf, sizeof sign_buf, &sign_need, &sign_out, &d), &d,
                       INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", sign_need, 0);
    ecskp_test_true(src, "the struct is zeroed",
                    sign_out.query == NULL && sign_out.header_count == 0);
    ECSKP_EXPECT_ERROR(src, f(s, NULL, sign_buf, sizeof sign_buf, &sign_need, &sign_out, &d), &d,
                       INVALID);
    ECSKP_EXPECT_ERROR(src, f(s, in, sign_buf, sizeof sign_buf, &sign_need, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, f(s, in, sign_buf, sizeof sign_buf, NULL, &sign_out, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, f(s, in, NULL, 9, &sign_need, &sign_out, &d), &d, INVALID);
}

/* The arguments of ecskp_request_sign (sign.h): invalid_argument for NULL signer, request, out
 * or needed, buf NULL with cap > 0, unset or unknown signature, unknown method; then
 * missing_secret. On every failure *needed is 0 and the struct zeroed. */
static void test_request_sign_arguments(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    const char *src = "sign.h ecskp_request_sign arguments";
    ecskp_diag d;
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V1,
                      .method = ECSKP_METHOD_GET,
                      .secret = "testsecret",
                      .secret_len = 10};
    ecskp_request rq = {.params = doc_params, .count = COUNT(doc_params)};
    expect_null_arguments(src, request_fn, &s, &rq);
    s.signature = ECSKP_SIGNATURE_UNSET;
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, INVALID, "signature", NO_OFF, NO_IDX);
    s.signature = (ecskp_signature)9;
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, INVALID, "signature", NO_OFF, NO_IDX);
    s.signature = ECSKP_SIGNATURE_V1;
    s.method = (ecskp_method)9;
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, INVALID, "method", NO_OFF, NO_IDX);
    s.method = ECSKP_METHOD_GET;
    rq.params = NULL;
    ECSKP_EXPECT_ERROR(src, req_sign(&s, &rq, &d), &d, INVALID);
    rq.params = doc_params;
    rq.body = "a=1";
    rq.body_len = 3;
    ECSKP_EXPECT_ERROR("sign.h: with signature 1.0 a body is invalid_argument",
                       req_sign(&s, &rq, &d), &d, INVALID);
    rq.body = NULL;
    ECSKP_EXPECT_ERROR(src, req_sign(&s, &rq, &d), &d, INVALID);
    rq.body_len = 0;
    /* Secrets: at least one byte (missing_secret); NULL with a length is invalid_argument */
    s.secret_len = 0;
    ECSKP_EXPECT_ERROR(src, req_sign(&s, &rq, &d), &d, ECSKP_ERR_MISSING_SECRET);
    s.secret = NULL;
    s.secret_len = 3;
    ECSKP_EXPECT_ERROR(src, req_sign(&s, &rq, &d), &d, INVALID);
    s.secret = "testsecret";
    s.secret_len = 10;
    /* The size query, then exactly *needed bytes: the documented signature. */
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign(&s, &rq, NULL, 0, &sign_need, &sign_out, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_true(src, "*needed fits the test buffer",
                    sign_need > 0 && sign_need <= sizeof sign_buf);
    size_t first = sign_need;
    ECSKP_EXPECT_OK(src, ecskp_request_sign(&s, &rq, sign_buf, first, &sign_need, &sign_out, &d),
                    &d);
    ecskp_test_size(src, "*needed exact from the first call", sign_need, first);
    ecskp_test_str("Request signatures signature", "signature_value", sign_out.signature_value,
                   "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    ecskp_test_str(src, "V1 GET body", sign_out.body, "");
    ECSKP_EXPECT_ERROR(src,
                       ecskp_request_sign(&s, &rq, sign_buf, first - 1, &sign_need, &sign_out, &d),
                       &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed on buffer_too_small", sign_need, first);
    ecskp_test_true(src, "the struct is zeroed on buffer_too_small", sign_out.query == NULL);
}

/* The common parameters (sign.h "ecskp_signer"): from the signer or from the list, never both;
 * 1.0's SignatureMethod/SignatureVersion must be HMAC-SHA1/1.0; signer strings have maxima. */
static void test_signer_common_parameters(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    ecskp_diag d;
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_request rq = {.params = doc_params, .count = COUNT(doc_params)};
    const char *src = "sign.h: a value set in the signer that the list also carries";
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, ECSKP_ERR_DUPLICATE_PARAMETER, "AccessKeyId",
                      NO_OFF, NO_IDX);
    s.access_key_id = NULL;
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, ECSKP_ERR_DUPLICATE_PARAMETER, "Timestamp",
                      NO_OFF, NO_IDX);
    s.timestamp = "";
    ECSKP_EXPECT_DIAG(src, req_sign(&s, &rq, &d), &d, ECSKP_ERR_DUPLICATE_PARAMETER,
                      "SignatureNonce", NO_OFF, NO_IDX);
    s.nonce = NULL;
    s.method = ECSKP_METHOD_GET;
    ECSKP_EXPECT_OK("sign.h: \"\" is unset", req_sign(&s, &rq, &d), &d);
    ecskp_test_str("Request signatures", "signature", sign_out.signature_value,
                   "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");

    src = "sign.h: SignatureMethod, SignatureVersion (v1 only): any other value";
    static const ecskp_param sha256[] = {{.name = "SignatureMethod", .value = "HMAC-SHA256"}};
    static const ecskp_param v2[] = {{.name = "SignatureVersion", .value = "2.0"}};
    ecskp_signer t = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_request one = {.params = sha256, .count = 1};
    ECSKP_EXPECT_DIAG(src, req_sign(&t, &one, &d), &d, ECSKP_ERR_INVALID_PARAMETER_VALUE,
                      "SignatureMethod", NO_OFF, NO_IDX);
    one.params = v2;
    ECSKP_EXPECT_DIAG(src, req_sign(&t, &one, &d), &d, ECSKP_ERR_INVALID_PARAMETER_VALUE,
                      "SignatureVersion", NO_OFF, NO_IDX);

    src = "encode.h/sign.h: value_too_long (diag.field = the string)";
    t.access_key_id = long_value;
    ECSKP_EXPECT_DIAG(src, req_sign(&t, &rq, &d), &d, ECSKP_ERR_VALUE_TOO_LONG, "AccessKeyId",
                      NO_OFF, NO_IDX);
    t = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    t.nonce = long_value;
    ECSKP_EXPECT_DIAG(src, req_sign(&t, &rq, &d), &d, ECSKP_ERR_VALUE_TOO_LONG, "SignatureNonce",
                      NO_OFF, NO_IDX);

    /* Sources: "returns ECSKP_OK, or fails with a status (and diag) that the signer returns as
     * it is". Nothing is drawn for a parameter the list carries. */
    ecskp_signer g = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_keypair op = ecskp_test_keypair();
    g.timestamp = NULL;
    g.nonce = NULL;
    g.clock = fixed_clock;
    g.source_ctx = (void *)"2020-01-02T03:04:05Z";
    g.nonce_source = failing_nonce;
    ECSKP_EXPECT_DIAG("sign.h nonce_source failing", op_sign(&g, &op, &d), &d,
                      ECSKP_ERR_RANDOM_FAILURE, "from-the-source", NO_OFF, NO_IDX);
    g.nonce_source = ecskp_nonce_system;
    ECSKP_EXPECT_OK("sign.h clock", op_sign(&g, &op, &d), &d);
    ecskp_test_true("sign.h clock", "the drawn Timestamp is signed",
                    strstr(sign_out.canonical_query, "Timestamp=2020-01-02T03%3A04%3A05Z") != NULL);
    g.source_ctx = (void *)"2020-01-02 03:04:05";
    ECSKP_EXPECT_DIAG("sign.h clock giving a bad Timestamp", op_sign(&g, &op, &d), &d,
                      ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX);
}

/* ecskp_keypair_sign (sign.h): the errors of ecskp_keypair_build() first, then those of
 * ecskp_request_sign(); a typed operation requires AccessKeyId, Timestamp, SignatureNonce. */
static void test_keypair_sign_arguments(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    ecskp_diag d;
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_keypair op = ecskp_test_keypair();
    const char *src = "sign.h ecskp_keypair_sign arguments";
    expect_null_arguments(src, keypair_fn, &s, &op);
    s.method = (ecskp_method)9;
    ECSKP_EXPECT_DIAG(src, op_sign(&s, &op, &d), &d, INVALID, "method", NO_OFF, NO_IDX);
    s.method = ECSKP_METHOD_POST;
    s.signature = ECSKP_SIGNATURE_UNSET;
    ECSKP_EXPECT_DIAG(src, op_sign(&s, &op, &d), &d, INVALID, "signature", NO_OFF, NO_IDX);
    /* ecskp_keypair_build() is checked first: before the unset signature */
    op.region_id = NULL;
    ECSKP_EXPECT_DIAG("sign.h: those of ecskp_keypair_build() (checked first)",
                      op_sign(&s, &op, &d), &d, ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF,
                      NO_IDX);
    s.signature = ECSKP_SIGNATURE_V1;
    op = ecskp_test_keypair();
    /* SignatureMethod other than HMAC-SHA1, SignatureVersion other than 1.0 */
    static const ecskp_param sha256[] = {{.name = "SignatureMethod", .value = "HMAC-SHA256"}};
    static const ecskp_param v2[] = {{.name = "SignatureVersion", .value = "2.0"}};
    op.extra = sha256;
    op.extra_count = 1;
    ECSKP_EXPECT_DIAG(src, op_sign(&s, &op, &d), &d, ECSKP_ERR_INVALID_PARAMETER_VALUE,
                      "SignatureMethod", NO_OFF, NO_IDX);
    op.extra = v2;
    ECSKP_EXPECT_DIAG(src, op_sign(&s, &op, &d), &d, ECSKP_ERR_INVALID_PARAMETER_VALUE,
                      "SignatureVersion", NO_OFF, NO_IDX);
    /* the common parameters may come through extra: then they are not missing */
    static const ecskp_param extra[] = {{.name = "AccessKeyId", .value = "fromextra"},
                                        {.name = "SignatureNonce", .value = "n-1"},
                                        {.name = "SignatureMethod", .value = "HMAC-SHA1"}};
    op.extra = extra;
    op.extra_count = COUNT(extra);
    s.access_key_id = NULL;
    s.nonce = NULL;
    ECSKP_EXPECT_OK(src, op_sign(&s, &op, &d), &d);
    ecskp_test_true(src, "AccessKeyId from extra",
                    strstr(sign_out.canonical_query, "AccessKeyId=fromextra") != NULL);
    ecskp_test_true(src, "Version defaulted",
                    strstr(sign_out.canonical_query, "Version=" ECSKP_API_VERSION) != NULL);
    /* missing_parameter, diag.field = that parameter name */
    static const char *const required[] = {"AccessKeyId", "Timestamp", "SignatureNonce"};
    for (size_t i = 0; i < COUNT(required); i++) {
        s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
        op = ecskp_test_keypair();
        if (i == 0)
            s.access_key_id = "";
        else if (i == 1)
            s.timestamp = NULL;
        else
            s.nonce = "";
        ECSKP_EXPECT_DIAG(required[i], op_sign(&s, &op, &d), &d, ECSKP_ERR_MISSING_PARAMETER,
                          required[i], NO_OFF, NO_IDX);
    }
}

/* V3 typed (sign.h): host required; Version "2014-05-26" when the operation leaves it unset;
 * *needed within ECSKP_KEYPAIR_SIGNED_SIZE_MAX. */
static void test_keypair_sign_v3(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    ecskp_diag d;
    ecskp_keypair op = ecskp_test_keypair();
    const char *src = "sign.h ecskp_keypair_sign V3";
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V3);
    s.method = ECSKP_METHOD_GET;
    s.host = NULL;
    ECSKP_EXPECT_DIAG("sign.h V3 host", op_sign(&s, &op, &d), &d, ECSKP_ERR_MISSING_PARAMETER,
                      "host", NO_OFF, NO_IDX);
    s.host = HOST;
    op.version = ECSKP_API_VERSION;
    ECSKP_EXPECT_OK(src, op_sign(&s, &op, &d), &d);
    char with_version[512];
    (void)snprintf(with_version, sizeof with_version, "%s",
                   sign_out.headers[sign_out.header_count - 1].value);
    op.version = NULL;
    ECSKP_EXPECT_OK(src, op_sign(&s, &op, &d), &d);
    ecskp_test_str("sign.h: Version \"2014-05-26\" when the operation leaves it unset",
                   "authorization", sign_out.headers[sign_out.header_count - 1].value,
                   with_version);
    /* unset method = POST */
    s.method = ECSKP_METHOD_UNSET;
    ECSKP_EXPECT_OK(src, op_sign(&s, &op, &d), &d);
    ecskp_test_size("sign.h: unset means POST", "method", (size_t)sign_out.method,
                    ECSKP_METHOD_POST);
    ecskp_test_size(src, "*needed within ECSKP_KEYPAIR_SIGNED_SIZE_MAX",
                    sign_need <= ECSKP_KEYPAIR_SIGNED_SIZE_MAX, 1);
}

/* The _alloc variants (sign.h): invalid_argument (out NULL, and the checks of the buffer
 * variants); on failure *out is NULL; freed with ecskp_signed_free() through its allocator. */
static void test_sign_alloc_arguments(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    const char *src = "sign.h _alloc variants";
    ecskp_test_counter ctx;
    const ecskp_allocator alloc = ecskp_test_counting(&ctx);
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    ecskp_keypair op = ecskp_test_keypair();
    ecskp_request rq = {.params = doc_params, .count = COUNT(doc_params)};
    ecskp_signer bare = {.signature = ECSKP_SIGNATURE_V1,
                         .method = ECSKP_METHOD_GET,
                         .secret = "testsecret",
                         .secret_len = 10};
    ecskp_signed *out = (ecskp_signed *)&ctx;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, &op, &alloc, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(NULL, &op, &alloc, &out, &d), &d, INVALID);
    ecskp_test_true(src, "*out NULL on failure", out == NULL);
    out = (ecskp_signed *)&ctx;
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, NULL, &alloc, &out, &d), &d, INVALID);
    ecskp_test_true(src, "*out NULL on failure", out == NULL);
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(&bare, &rq, &alloc, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(&bare, NULL, &alloc, &out, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(NULL, &rq, &alloc, &out, &d), &d, INVALID);
    bare.signature = ECSKP_SIGNATURE_UNSET;
    out = (ecskp_signed *)&ctx;
    ECSKP_EXPECT_DIAG(src, ecskp_request_sign_alloc(&bare, &rq, &alloc, &out, &d), &d, INVALID,
                      "signature", NO_OFF, NO_IDX);
    ecskp_test_true(src, "*out NULL on failure", out == NULL);
    bare.signature = ECSKP_SIGNATURE_V1;
    op.region_id = "";
    ECSKP_EXPECT_DIAG(src, ecskp_keypair_sign_alloc(&s, &op, &alloc, &out, &d), &d,
                      ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF, NO_IDX);
    ecskp_test_size(src, "nothing allocated by the refusals", ctx.calls, 0);
    op = ecskp_test_keypair();
    /* One block, through the allocator, returned by ecskp_signed_free(). */
    ECSKP_EXPECT_OK(src, ecskp_request_sign_alloc(&bare, &rq, &alloc, &out, &d), &d);
    ecskp_test_size(src, "blocks live", ctx.live, 1);
    ecskp_test_str("Request signatures", "signature", out->signature_value,
                   "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    ecskp_signed_free(out);
    ecskp_test_size(src, "blocks live after ecskp_signed_free", ctx.live, 0);
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign_alloc(&s, &op, NULL, &out, &d), &d);
    ecskp_test_size(src, "NULL = malloc: the caller's allocator unused", ctx.live, 0);
    ecskp_test_str(src, "V1 POST content-type", out->headers[0].value,
                   "application/x-www-form-urlencoded");
    ecskp_signed_free(out);
    ecskp_signed_free(NULL);
}

/* ------------------------------------------------------------------ sign.h, V3 */

/* One V3 request: NULL takes the default, "" leaves the value out. */
typedef struct v3_row {
    const char *src;
    const char *host, *action, *version, *nonce, *access_key_id, *timestamp;
    const char *content_type, *path, *body;
    size_t body_len; /* with body NULL: a NULL body with this length */
    ecskp_status want;
    const char *field; /* NULL: the header names none (any field) */
    size_t offset;
} v3_row;

#define BAD_VALUE(name, at)                                                                        \
    .want = ECSKP_ERR_INVALID_PARAMETER_VALUE, .field = (name), .offset = (at)
#define MISSING(name) .want = ECSKP_ERR_MISSING_PARAMETER, .field = (name), .offset = NO_OFF

/* sign.h: header values printable ASCII without leading or trailing space
 * (invalid_parameter_value, diag.field = the header name, diag.offset = the byte); Action is
 * letters and digits; AccessKeyId printable ASCII other than space and ','; the path starts
 * with '/' and holds unreserved bytes, '/' and %XY; V3 needs Action, Version and host; a body
 * needs a content type. */
static const v3_row v3_rows[] = {
    {.src = "the documented defaults", .want = ECSKP_OK},
    {.src = "host with CR LF", .host = "ecs.example.com\r\nX-Injected: 1", BAD_VALUE("host", 15)},
    {.src = "host with a space", .host = "ecs example", BAD_VALUE("host", 3)},
    {.src = "Version with a leading space",
     .version = " 2014-05-26",
     BAD_VALUE("x-acs-version", 0)},
    {.src = "Version with a trailing space",
     .version = "2014-05-26 ",
     BAD_VALUE("x-acs-version", 10)},
    {.src = "Version with DEL", .version = "2014\x7f", BAD_VALUE("x-acs-version", 4)},
    {.src = "nonce with a tab", .nonce = "abc\tdef", BAD_VALUE("x-acs-signature-nonce", 3)},
    {.src = "content type with inner spaces",
     .content_type = "application/x-www-form-urlencoded; "
                     "charset=utf-8",
     .body = "a=1",
     .body_len = 3,
     .want = ECSKP_OK},
    {.src = "content type with a trailing space",
     .content_type = "text/plain ",
     BAD_VALUE("content-type", 10)},
    {.src = "Action with '-'", .action = "Run-Instances", BAD_VALUE("x-acs-action", 3)},
    {.src = "Action with '_'", .action = "Run_Instances", BAD_VALUE("x-acs-action", 3)},
    {.src = "Action of letters and digits", .action = "runInstances2", .want = ECSKP_OK},
    {.src = "AccessKeyId with ','",
     .access_key_id = "id,SignedHeaders=host",
     BAD_VALUE("AccessKeyId", 2)},
    {.src = "AccessKeyId with a space", .access_key_id = "id x", BAD_VALUE("AccessKeyId", 2)},
    {.src = "AccessKeyId with U+00E9", .access_key_id = "id\xC3\xA9", BAD_VALUE("AccessKeyId", 2)},
    {.src = "AccessKeyId not UTF-8: the list's check comes first",
     .access_key_id = "id\x80",
     .want = ECSKP_ERR_INVALID_UTF8,
     .field = "AccessKeyId",
     .offset = 2},
    {.src = "path with escapes", .path = "/a/b%2Fc%7E", .want = ECSKP_OK},
    {.src = "path with a lower-case escape", .path = "/a%2f", BAD_VALUE(NULL, 2)},
    {.src = "path with a bad escape", .path = "/a%G0", BAD_VALUE(NULL, 2)},
    {.src = "path with a cut escape", .path = "/a%2", BAD_VALUE(NULL, 2)},
    {.src = "path with a space", .path = "/a b", BAD_VALUE(NULL, 2)},
    {.src = "path without '/'", .path = "a", BAD_VALUE(NULL, 0)},
    {.src = "no host", .host = "", MISSING("host")},
    {.src = "no Action", .action = "", MISSING("Action")},
    {.src = "no Version", .version = "", MISSING("Version")},
    {.src = "a body without a content type", .body = "a=1", .body_len = 3, MISSING("content-type")},
    {.src = "a NULL body with a length", .body_len = 4, .want = INVALID},
    {.src = "a Timestamp in the list not in the form",
     .timestamp = "2023-10-26 10:22:32",
     .want = ECSKP_ERR_INVALID_TIMESTAMP,
     .field = "x-acs-date",
     .offset = NO_OFF},
};

static const char *or_default(const char *v, const char *def) {
    return v != NULL ? v : def;
}

static ecskp_status run_v3(const v3_row *r, ecskp_signed *out, ecskp_diag *d) {
    static char buf[8192];
    size_t need = 0;
    const ecskp_param params[] = {
        {.name = "Action", .value = or_default(r->action, "RunInstances")},
        {.name = "Version", .value = or_default(r->version, "2014-05-26")},
        {.name = "Timestamp", .value = or_default(r->timestamp, "2023-10-26T10:22:32Z")},
        {.name = "RegionId", .value = "cn-shanghai"}};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V3,
                      .host = or_default(r->host, "ecs.cn-shanghai.aliyuncs.com"),
                      .access_key_id = or_default(r->access_key_id, "YourAccessKeyId"),
                      .secret = "YourAccessKeySecret",
                      .secret_len = 19,
                      .nonce = or_default(r->nonce, "3156853299f313e23d1673dc12e1703d")};
    ecskp_request rq = {.params = params,
                        .count = COUNT(params),
                        .body = r->body,
                        .body_len = r->body_len,
                        .content_type = r->content_type,
                        .path = r->path};
    return ecskp_request_sign(&s, &rq, buf, sizeof buf, &need, out, d);
}

static void test_v3_validation(void **state) {
    (void)state;
    if (!signing_or_skip())
        skip();
    ECSKP_TEST_FOR_ROWS(const v3_row, r, v3_rows) {
        ecskp_signed out;
        ecskp_diag d;
        if (r->want == ECSKP_OK)
            ECSKP_EXPECT_OK(r->src, run_v3(r, &out, &d), &d);
        else if (r->want == INVALID)
            ECSKP_EXPECT_ERROR(r->src, run_v3(r, &out, &d), &d, r->want);
        else
            ECSKP_EXPECT_DIAG(r->src, run_v3(r, &out, &d), &d, r->want, r->field, r->offset,
                              NO_IDX);
        if (r->want != ECSKP_OK)
            continue;
        /* V3: query = canonical query, headers = signed headers in order + authorization. */
        ecskp_test_str(r->src, "query is the canonical query", out.query, out.canonical_query);
        ecskp_test_str(r->src, "authorization last", out.headers[out.header_count - 1].name,
                       "authorization");
        ecskp_test_str(r->src, "path", out.path, r->path != NULL ? r->path : "/");
        ecskp_test_size(r->src, "body_len", out.body_len, r->body_len);
    }
}

/* ================================================================== errors.h */

static void test_errors_h(void **state) {
    (void)state;
    const char *src = "errors.h lookup, table, categories";
    ecskp_test_true(src, "lookup(NULL)", ecskp_error_lookup(NULL) == NULL);
    ecskp_test_true(src, "lookup(\"\")", ecskp_error_lookup("") == NULL);
    ecskp_test_true(src, "error_at(0)", ecskp_error_at(0) != NULL);
    ecskp_test_true(src, "error_at(SIZE_MAX)", ecskp_error_at(SIZE_MAX) == NULL);
    ecskp_test_str(src, "category 99", ecskp_category_name((ecskp_error_category)99), "unknown");
    ecskp_test_str(src, "category unset", ecskp_category_name(ECSKP_CATEGORY_UNKNOWN), "unknown");
    ecskp_test_size(src, "classify(NULL, 0, NULL)", (size_t)ecskp_error_classify(NULL, 0, NULL),
                    ECSKP_CATEGORY_UNKNOWN);

    src = "errors.h ecskp_sts_compare";
    ecskp_sts_comparison c;
    ecskp_diag d;
    const char *client = "GET&%2F&A%3D1";
    /* White space is space, tab, CR, LF, VT and FF */
    const char m1[] =
        "Specified signature is not matched. server string to sign is:\v\f GET&%2F&A%3D1"
        "\t\r\n\f\v ";
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m1, sizeof m1 - 1, client, strlen(client), &c, &d), &d);
    ecskp_test_size(src, "verdict (white space)", (size_t)c.verdict, ECSKP_STS_SAME);
    /* Excerpts replace bytes outside printable ASCII with '?' */
    const char m2[] = "server string to sign is: GET&%2F&A%3D\x01";
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m2, sizeof m2 - 1, client, strlen(client), &c, &d), &d);
    ecskp_test_size(src, "verdict (control byte)", (size_t)c.verdict, ECSKP_STS_DIFFERENT);
    ecskp_test_size(src, "offset (control byte)", c.offset, 12);
    ecskp_test_true(src, "'?' in the excerpt", strchr(c.server_excerpt, '?') != NULL);
    /* differing at a quote, and literal '&' separators against %26 (Request signatures errata) */
    const char m3[] = "server string to sign is: GET&%2F&A'";
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m3, sizeof m3 - 1, client, strlen(client), &c, &d), &d);
    ecskp_test_size(src, "verdict (quote)", (size_t)c.verdict, ECSKP_STS_DIFFERENT);
    ecskp_test_true(src, "a quote is shown as 0x27", strstr(c.explanation, "0x27") != NULL);
    const char *client2 = "GET&%2F&A%3D1%26B%3D2";
    const char m4[] = "server string to sign is: GET&%2F&A%3D1&B%3D2";
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m4, sizeof m4 - 1, client2, strlen(client2), &c, &d),
                    &d);
    ecskp_test_size(src, "verdict (server &)", (size_t)c.verdict, ECSKP_STS_DIFFERENT);
    ecskp_test_size(src, "offset (server &)", c.offset, 13);
    const char m5[] = "server string to sign is: GET&%2F&A%3D1%26B%3D2";
    const char *client3 = "GET&%2F&A%3D1&B%3D2";
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(m5, sizeof m5 - 1, client3, strlen(client3), &c, &d),
                    &d);
    ecskp_test_size(src, "verdict (client &)", (size_t)c.verdict, ECSKP_STS_DIFFERENT);
    /* invalid_argument (out NULL, or message or client_sts NULL with a length) */
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(NULL, 3, client, strlen(client), &c, &d), &d,
                       INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(m5, sizeof m5 - 1, NULL, 2, &c, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_sts_compare(m5, sizeof m5 - 1, client, 3, NULL, &d), &d, INVALID);
    /* NULL with length 0 is the empty string */
    ECSKP_EXPECT_OK(src, ecskp_sts_compare(NULL, 0, NULL, 0, &c, &d), &d);
    ecskp_test_size(src, "verdict (both NULL)", (size_t)c.verdict, ECSKP_STS_NOT_PRESENT);
}

/* ================================================================== decode.h */

static void test_decode_h_arguments(void **state) {
    (void)state;
    const char *src = "decode.h limits";
    const char *name = NULL;
    size_t def = 0, cap = 0, n = 0;
    ecskp_limits lim;
    ecskp_diag d;
    memset(&lim, 0, sizeof lim);
    ecskp_test_size(src, "limit 0 exists", (size_t)ecskp_limit_describe(0, &name, &def, &cap), 1);
    ecskp_test_str(src, "limit 0", name, "max_body_bytes");
    ecskp_test_size(src, "its default", def, ECSKP_DEFAULT_MAX_BODY_BYTES);
    ecskp_test_size(src, "its cap", cap, ECSKP_MAX_BODY_BYTES_CAP);
    ecskp_test_size(src, "NULL outputs", (size_t)ecskp_limit_describe(1, NULL, NULL, NULL), 1);
    while (ecskp_limit_describe(n, NULL, NULL, NULL))
        n++;
    ecskp_test_size(src, "one per ecskp_limits member", n, sizeof(ecskp_limits) / sizeof(size_t));
    ecskp_test_size(src, "0 past the last",
                    (size_t)ecskp_limit_describe(SIZE_MAX, &name, &def, &cap), 0);
    ECSKP_EXPECT_OK(src, ecskp_limits_set(&lim, "max_depth", 7, &d), &d);
    ecskp_test_size(src, "max_depth set", lim.max_depth, 7);
    /* invalid_argument for NULL, an unknown name (diag.field "name") or a value above the
     * limit's cap (diag.field = the name) */
    ECSKP_EXPECT_ERROR(src, ecskp_limits_set(NULL, "max_depth", 1, &d), &d, INVALID);
    ECSKP_EXPECT_DIAG(src, ecskp_limits_set(&lim, NULL, 1, &d), &d, INVALID, "name", NO_OFF,
                      NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_limits_set(&lim, "max_dept", 1, &d), &d, INVALID, "name", NO_OFF,
                      NO_IDX);
    ECSKP_EXPECT_DIAG(src, ecskp_limits_set(&lim, "max_depth", ECSKP_MAX_DEPTH_CAP + 1, &d), &d,
                      INVALID, "max_depth", NO_OFF, NO_IDX);

    src = "decode.h ecskp_inconsistency_name";
    ecskp_test_str(src, "bit 0", ecskp_inconsistency_name(ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL),
                   "fail_count_exceeds_total");
    ecskp_test_str(src, "bit 4", ecskp_inconsistency_name(ECSKP_INCONSISTENT_TOP_CODE),
                   "code_in_success");
    ecskp_test_true(src, "0", ecskp_inconsistency_name(0) == NULL);
    ecskp_test_true(src, "two bits", ecskp_inconsistency_name(3) == NULL);
    ecskp_test_true(src, "unknown bit", ecskp_inconsistency_name(1u << 9) == NULL);
}

static void test_response_decode_arguments(void **state) {
    (void)state;
    const char *src = "decode.h ecskp_response_decode arguments (diag.field names the argument)";
    ecskp_limits lim;
    ecskp_diag d;
    static const char body[] = "{\"RequestId\":\"r\"}";
    ecskp_decode_options o = {.action = ECSKP_ACTION_ATTACH_KEY_PAIR, .format = ECSKP_FORMAT_JSON};
    ecskp_response *resp = (ecskp_response *)&o;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(body, sizeof body - 1, &o, NULL, &d), &d, INVALID,
                      "out", NO_OFF, NO_IDX);
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(body, sizeof body - 1, NULL, &resp, &d), &d,
                       INVALID);
    ecskp_test_true(src, "*out NULL on failure", resp == NULL);
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(NULL, 3, &o, &resp, &d), &d, INVALID, "body",
                      NO_OFF, NO_IDX);
    o.action = ECSKP_ACTION_UNSET;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d, INVALID,
                      "action", NO_OFF, NO_IDX);
    o.action = (ecskp_action)5;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d, INVALID,
                      "action", NO_OFF, NO_IDX);
    o.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    o.format = ECSKP_FORMAT_UNSET;
    ECSKP_EXPECT_ERROR("decode.h: decoding needs the format set",
                       ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d,
                       ECSKP_ERR_UNSUPPORTED_FORMAT);
    o.format = (ecskp_format)3;
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d,
                       ECSKP_ERR_UNSUPPORTED_FORMAT);
    o.format = ECSKP_FORMAT_JSON;
    static const int statuses[] = {99, 600, -1};
    for (size_t i = 0; i < COUNT(statuses); i++) {
        o.http_status = statuses[i];
        ECSKP_EXPECT_DIAG(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d,
                          INVALID, "http_status", NO_OFF, NO_IDX);
    }
    o.http_status = 0;
    lim = (ecskp_limits){.max_nodes = ECSKP_MAX_NODES_CAP + 1};
    o.limits = &lim;
    ECSKP_EXPECT_DIAG(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d, INVALID,
                      "max_nodes", NO_OFF, NO_IDX);
    o.limits = NULL;
    ECSKP_EXPECT_OK(src, ecskp_response_decode(body, sizeof body - 1, &o, &resp, &d), &d);
    ecskp_test_true(src, "success, no error", resp->success != NULL && resp->error == NULL);

    src = "decode.h ecskp_response_to_json";
    char buf[64];
    size_t need = 9;
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(NULL, buf, sizeof buf, &need, &d), &d, INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", need, 0);
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(resp, NULL, 3, &need, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(resp, buf, sizeof buf, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_response_to_json(resp, NULL, 0, &need, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed", need, strlen("{\"RequestId\":\"r\"}") + 1);
    ECSKP_EXPECT_OK(src, ecskp_response_to_json(resp, buf, need, &need, &d), &d);
    ecskp_test_str(src, "normalized", buf, "{\"RequestId\":\"r\"}");
    ecskp_response_free(resp);
    ecskp_response_free(NULL);
}

/* ================================================================== json.h */

typedef struct json_row {
    const char *src;
    const char *input;
    ecskp_status want;
    const char *field; /* NULL: the header names none */
} json_row;

#define TYPED_REQUEST                                                                              \
    "\"request\":{\"Action\":\"AttachKeyPair\",\"RegionId\":\"cn-qingdao\",\"KeyPairName\":"       \
    "\"test\",\"InstanceIds\":[\"i-XXXXX\"],\"AccessKeyId\":\"testid\",\"Timestamp\":"             \
    "\"2016-02-23T12:46:24Z\",\"SignatureNonce\":\"n\"}"

/* ecskp_json_sign: invalid_argument (not a JSON object, a member missing or of the wrong type,
 * diag.field = the member), and every error of the signers, with their diag. */
static const json_row json_sign_rows[] = {
    {.src = "not JSON", .input = "{", .want = INVALID},
    {.src = "not an object", .input = "[]", .want = INVALID},
    {.src = "signature missing",
     .input = "{\"secret\":\"k\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "signature"},
    {.src = "signature not a string",
     .input = "{\"signature\":1,\"secret\":\"k\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "signature"},
    {.src = "signature unknown",
     .input = "{\"signature\":\"v2\",\"secret\":\"k\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "signature"},
    {.src = "method lower case",
     .input = "{\"signature\":\"v1\",\"method\":\"get\",\"secret\":\"k\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "method"},
    {.src = "secret missing",
     .input = "{\"signature\":\"v1\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "secret"},
    {.src = "request missing",
     .input = "{\"signature\":\"v1\",\"secret\":\"k\"}",
     .want = INVALID,
     .field = "request"},
    {.src = "generate not a boolean",
     .input = "{\"signature\":\"v1\",\"secret\":\"k\",\"generate\":1," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "generate"},
    {.src = "body_base64 not Base64",
     .input = "{\"signature\":\"v3\",\"secret\":\"k\",\"host\":\"h\",\"body_base64\":\"!!!!\","
              "\"request\":{\"Action\":\"RunInstances\"}}",
     .want = INVALID,
     .field = "body_base64"},
    {.src = "a typed request with a body",
     .input = "{\"signature\":\"v3\",\"secret\":\"k\",\"host\":\"h\",\"body_base64\":\"YQ==\","
              "\"content_type\":\"text/plain\"," TYPED_REQUEST "}",
     .want = INVALID,
     .field = "body_base64"},
    {.src = "the signer's error: V3 without host",
     .input = "{\"signature\":\"v3\",\"secret\":\"k\"," TYPED_REQUEST "}",
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "host"},
    {.src = "the signer's error: an empty secret",
     .input = "{\"signature\":\"v1\",\"secret\":\"\"," TYPED_REQUEST "}",
     .want = ECSKP_ERR_MISSING_SECRET},
    {.src = "the typed layer's error",
     .input = "{\"signature\":\"v1\",\"secret\":\"k\",\"request\":{\"Action\":\"DetachKeyPair\"}}",
     .want = ECSKP_ERR_MISSING_PARAMETER,
     .field = "RegionId"},
};

/* ecskp_json_decode: invalid_argument (an unknown action, a limit or status that is not a
 * non-negative integer, diag.field = the option; an unknown limit name or a limit above its
 * cap: diag.field "name" or the limit's name), unsupported_format (diag.field "format"). */
static const json_row json_decode_rows[] = {
    {.src = "not an object", .input = "\"x\"", .want = INVALID},
    {.src = "action missing", .input = "{\"format\":\"json\"}", .want = INVALID, .field = "action"},
    {.src = "action unknown",
     .input = "{\"action\":\"attachkeypair\",\"format\":\"json\"}",
     .want = INVALID,
     .field = "action"},
    {.src = "format missing",
     .input = "{\"action\":\"AttachKeyPair\"}",
     .want = INVALID,
     .field = "format"},
    {.src = "format yaml",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"yaml\"}",
     .want = ECSKP_ERR_UNSUPPORTED_FORMAT,
     .field = "format"},
    {.src = "an unknown limit name",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"limits\":{\"max_dept\":1}}",
     .want = INVALID,
     .field = "name"},
    {.src = "http_status a string",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"http_status\":\"200\"}",
     .want = INVALID,
     .field = "http_status"},
    {.src = "http_status negative",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"http_status\":-1}",
     .want = INVALID,
     .field = "http_status"},
    {.src = "http_status outside 100..599",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"http_status\":99}",
     .want = INVALID,
     .field = "http_status"},
    {.src = "limits not an object",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"limits\":[]}",
     .want = INVALID,
     .field = "limits"},
    {.src = "a limit not an integer",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"limits\":{\"max_depth\":1.5}}",
     .want = INVALID,
     .field = "max_depth"},
    {.src = "a limit above its cap",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"limits\":{\"max_depth\":257}}",
     .want = INVALID,
     .field = "max_depth"},
    {.src = "allow_inconsistent not a boolean",
     .input = "{\"action\":\"AttachKeyPair\",\"format\":\"json\",\"allow_inconsistent\":0}",
     .want = INVALID,
     .field = "allow_inconsistent"},
};

static void expect_json_row(const json_row *r, ecskp_status got, const ecskp_diag *d, char *out) {
    /* the exact status (and diag.status / diag.name), then the field the header names */
    ecskp_test_diag(r->src, "json.h call", got, d, r->want, NULL, NO_OFF, NO_IDX, 0);
    if (r->field != NULL)
        ecskp_test_str(r->src, "diag.field", d->field, r->field);
    ecskp_test_true(r->src, "*out NULL on failure", out == NULL);
}

static void test_json_h(void **state) {
    (void)state;
    const char *src = "json.h arguments";
    char *out = (char *)src;
    ecskp_diag d;
    static const char body[] = "{\"RequestId\":\"r\"}";
    static const char opts[] = "{\"action\":\"AttachKeyPair\",\"format\":\"json\"}";
    const char *query = "{\"request\":{\"Action\":\"DescribeRegions\",\"Format\":\"XML\"}}";
    /* invalid_argument (input NULL with a length, out NULL) */
    ECSKP_EXPECT_ERROR(src, ecskp_json_sign(NULL, 4, &out, &d), &d, INVALID);
    ecskp_test_true(src, "*out NULL", out == NULL);
    ECSKP_EXPECT_ERROR(src, ecskp_json_sign("{}", 2, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_json_query(NULL, 4, &out, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_json_query(query, strlen(query), NULL, &d), &d, INVALID);
    ECSKP_EXPECT_DIAG(src, ecskp_json_query("{}", 2, &out, &d), &d, INVALID, "request", NO_OFF,
                      NO_IDX);
    ECSKP_EXPECT_ERROR(src, ecskp_json_decode(body, sizeof body - 1, NULL, 3, &out, &d), &d,
                       INVALID);
    ECSKP_EXPECT_ERROR(src,
                       ecskp_json_decode(body, sizeof body - 1, opts, sizeof opts - 1, NULL, &d),
                       &d, INVALID);
    /* ... and every error of ecskp_response_decode(), with its diag */
    ECSKP_EXPECT_DIAG(src, ecskp_json_decode(NULL, 2, opts, sizeof opts - 1, &out, &d), &d, INVALID,
                      "body", NO_OFF, NO_IDX);
    ECSKP_EXPECT_ERROR(src, ecskp_json_decode("", 0, opts, sizeof opts - 1, &out, &d), &d,
                       ECSKP_ERR_EMPTY_BODY);
    /* longer than ECSKP_JSON_INPUT_MAX: invalid_argument */
    char *big = malloc(ECSKP_JSON_INPUT_MAX + 1);
    assert_non_null(big);
    memset(big, ' ', ECSKP_JSON_INPUT_MAX + 1);
    memcpy(big, query, strlen(query));
    ECSKP_EXPECT_OK(src, ecskp_json_query(big, ECSKP_JSON_INPUT_MAX, &out, &d), &d);
    ecskp_json_free(out);
    ECSKP_EXPECT_ERROR(src, ecskp_json_query(big, ECSKP_JSON_INPUT_MAX + 1, &out, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(
        src, ecskp_json_decode(body, sizeof body - 1, big, ECSKP_JSON_INPUT_MAX + 1, &out, &d), &d,
        INVALID);
    free(big);
    if (ecskp_signing_available())
        ECSKP_TEST_FOR_ROWS(const json_row, r, json_sign_rows) {
            out = (char *)src;
            ecskp_status rc = ecskp_json_sign(r->input, strlen(r->input), &out, &d);
            expect_json_row(r, rc, &d, out);
        }
    ECSKP_TEST_FOR_ROWS(const json_row, r, json_decode_rows) {
        out = (char *)src;
        ecskp_status rc =
            ecskp_json_decode(body, sizeof body - 1, r->input, strlen(r->input), &out, &d);
        expect_json_row(r, rc, &d, out);
    }
    /* The answers. */
    ECSKP_EXPECT_OK(src, ecskp_json_query(query, strlen(query), &out, &d), &d);
    ecskp_test_str(src, "json_query answer", out,
                   "{\"canonical_query\":\"Action=DescribeRegions&Format=XML\"}");
    ecskp_json_free(out);
    ECSKP_EXPECT_OK(src, ecskp_json_decode(body, sizeof body - 1, opts, sizeof opts - 1, &out, &d),
                    &d);
    ecskp_test_str(src, "json_decode answer", out, body);
    ecskp_json_free(out);
    ecskp_json_free(NULL);
}

/* ================================================================== call.h */

/* call.h: "public", "vpc" or "central" (exact); invalid_argument (diag.field "endpoint"). */
static const ecskp_test_enum_row endpoint_rows[] = {
    {ECSKP_TEST_NAME, .src = "call.h: unset is public", .value = ECSKP_ENDPOINT_UNSET,
     .name = "public"},
    {ECSKP_TEST_NAME, .src = "call.h: central", .value = ECSKP_ENDPOINT_CENTRAL, .name = "central"},
    {ECSKP_TEST_NAME, .src = "call.h: unknown is NULL", .value = 4, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "call.h: vpc", .name = "vpc", .value = ECSKP_ENDPOINT_VPC,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "call.h: exact (VPC)", .name = "VPC", .status = INVALID},
    {ECSKP_TEST_PARSE, .src = "call.h: NULL", .name = NULL, .status = INVALID},
};

static void test_call_h_endpoint(void **state) {
    (void)state;
    const char *src = "call.h ecskp_endpoint_name / ecskp_endpoint_parse / ecskp_endpoint_host";
    char buf[ECSKP_HOST_SIZE];
    size_t need = 5;
    ecskp_diag d;
    ecskp_test_enum_rows(&ecskp_test_endpoint, endpoint_rows, COUNT(endpoint_rows));
    /* invalid_argument (bad endpoint value), the buffer convention */
    ECSKP_EXPECT_ERROR(
        src,
        ecskp_endpoint_host("cn-hangzhou", (ecskp_endpoint)9, NULL, buf, sizeof buf, &need, &d), &d,
        INVALID);
    ecskp_test_size(src, "*needed after invalid_argument", need, 0);
    ECSKP_EXPECT_ERROR(
        src, ecskp_endpoint_host("cn-hangzhou", ECSKP_ENDPOINT_UNSET, NULL, NULL, 4, &need, &d), &d,
        INVALID);
    ECSKP_EXPECT_ERROR(
        src,
        ecskp_endpoint_host("cn-hangzhou", ECSKP_ENDPOINT_UNSET, NULL, buf, sizeof buf, NULL, &d),
        &d, INVALID);
    /* missing_parameter (RegionId, when the rule needs one); invalid_parameter_value
     * (diag.field "RegionId" or "host", diag.offset the byte); value_too_long ("host") */
    ECSKP_EXPECT_DIAG(src,
                      ecskp_endpoint_host("", ECSKP_ENDPOINT_VPC, NULL, buf, sizeof buf, &need, &d),
                      &d, ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF, NO_IDX);
    ECSKP_EXPECT_DIAG(
        src,
        ecskp_endpoint_host("cn_hangzhou", ECSKP_ENDPOINT_PUBLIC, NULL, buf, sizeof buf, &need, &d),
        &d, ECSKP_ERR_INVALID_PARAMETER_VALUE, "RegionId", 2, NO_IDX);
    ECSKP_EXPECT_DIAG(
        src, ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_PUBLIC, "h/x", buf, sizeof buf, &need, &d),
        &d, ECSKP_ERR_INVALID_PARAMETER_VALUE, "host", 1, NO_IDX);
    char host[ECSKP_HOST_SIZE + 1];
    memset(host, 'h', ECSKP_HOST_SIZE);
    host[ECSKP_HOST_SIZE] = '\0';
    ECSKP_EXPECT_ERROR(
        src, ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_PUBLIC, host, buf, sizeof buf, &need, &d), &d,
        ECSKP_ERR_VALUE_TOO_LONG);
    ecskp_test_str(src, "diag.field", d.field, "host");
    host[ECSKP_HOST_SIZE - 1] = '\0';
    ECSKP_EXPECT_OK(
        src, ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_PUBLIC, host, buf, sizeof buf, &need, &d),
        &d);
    ecskp_test_size(src, "ECSKP_HOST_SIZE suffices", need, ECSKP_HOST_SIZE);
    ECSKP_EXPECT_ERROR(
        src, ecskp_endpoint_host("cn-hangzhou", ECSKP_ENDPOINT_VPC, NULL, NULL, 0, &need, &d), &d,
        ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed", need, strlen("ecs-vpc.cn-hangzhou.aliyuncs.com") + 1);
    ECSKP_EXPECT_OK(
        src, ecskp_endpoint_host(NULL, ECSKP_ENDPOINT_CENTRAL, NULL, buf, sizeof buf, &need, &d),
        &d);
    ecskp_test_str(src, "central needs no region", buf, "ecs.aliyuncs.com");
    ECSKP_EXPECT_OK(
        src,
        ecskp_endpoint_host("cn-hangzhou", ECSKP_ENDPOINT_UNSET, NULL, buf, sizeof buf, &need, &d),
        &d);
    ecskp_test_str("call.h: unset means public", "host", buf, "ecs.cn-hangzhou.aliyuncs.com");
}

static void test_call_h_arguments(void **state) {
    (void)state;
    const char *src = "call.h ecskp_ids_check_list";
    ecskp_diag d;
    static const char *const list[] = {"i-a", "i-b", "i-a"};
    ECSKP_EXPECT_ERROR(src, ecskp_ids_check_list(NULL, 2, 0, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_check_list(list, 2, 1u << 4, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_ids_check_list(list, 0, 0, NULL, &d), &d, ECSKP_ERR_IDS_EMPTY);
    ECSKP_EXPECT_DIAG(src, ecskp_ids_check_list(list, 3, 0, NULL, &d), &d, ECSKP_ERR_IDS_DUPLICATE,
                      NULL, NO_OFF, 2);
    static const char *const upper[] = {"i-a", "i-B"};
    ECSKP_EXPECT_DIAG(src, ecskp_ids_check_list(upper, 2, ECSKP_IDS_STRICT, NULL, &d), &d,
                      ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, NO_OFF, 1);
    const char **many = malloc((ECSKP_MAX_LIST_IDS + 1) * sizeof *many);
    assert_non_null(many);
    for (size_t i = 0; i <= ECSKP_MAX_LIST_IDS; i++)
        many[i] = "i-a";
    ECSKP_EXPECT_DIAG(src, ecskp_ids_check_list(many, ECSKP_MAX_LIST_IDS + 1, 0, NULL, &d), &d,
                      ECSKP_ERR_IDS_TOO_MANY, NULL, NO_OFF, ECSKP_MAX_LIST_IDS + 1);
    free(many);
    ECSKP_EXPECT_OK(src, ecskp_ids_check_list(list, 2, 0, NULL, &d), &d);

    src = "call.h retry advice";
    ecskp_test_str(src, "no", ecskp_retry_name(ECSKP_RETRY_NO), "no");
    ecskp_test_str(src, "throttled", ecskp_retry_name(ECSKP_RETRY_THROTTLED), "throttled");
    ecskp_test_true(src, "unset is NULL", ecskp_retry_name(ECSKP_RETRY_UNSET) == NULL);
    ecskp_test_true(src, "unknown is NULL", ecskp_retry_name((ecskp_retry)4) == NULL);
    uint64_t wait = 7;
    ecskp_reply_headers h = {.retry_after = "1500"};
    /* errors are invalid_argument (headers or wait_ms NULL) */
    ECSKP_EXPECT_ERROR(src, ecskp_wait_hint(NULL, &wait, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_wait_hint(&h, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_OK(src, ecskp_wait_hint(&h, &wait, &d), &d);
    ecskp_test_size(src, "x-acs-retry-after", (size_t)wait, 1500);
    ecskp_advice a;
    /* invalid_argument (out NULL; an OK decode_status with a NULL response) */
    ECSKP_EXPECT_ERROR(src, ecskp_reply_advice(ECSKP_OK, NULL, 503, NULL, &a, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_reply_advice(ECSKP_ERR_EMPTY_BODY, NULL, 503, NULL, NULL, &d), &d,
                       INVALID);
    ECSKP_EXPECT_OK(src, ecskp_reply_advice(ECSKP_ERR_EMPTY_BODY, NULL, 503, &h, &a, &d), &d);
    ecskp_test_size(src, "a bare 503 is backoff", (size_t)a.retry, ECSKP_RETRY_BACKOFF);
    ecskp_test_str(src, "code", a.code, "HTTP 503");
    ecskp_test_size(src, "with the server's hint", (size_t)a.wait_ms, 1500);
    /* invalid_argument (result or out NULL) */
    ecskp_instance_result r = {.code = "200", .success = 1};
    ECSKP_EXPECT_ERROR(src, ecskp_result_advice(NULL, &a, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_result_advice(&r, NULL, &d), &d, INVALID);
    ECSKP_EXPECT_OK(src, ecskp_result_advice(&r, &a, &d), &d);
    ecskp_test_size(src, "a success is no", (size_t)a.retry, ECSKP_RETRY_NO);
    /* equal jitter: t = min(cap, base << attempt), then t / 2 + random % (t / 2 + 1) */
    ecskp_test_size(src, "defaults, random 0", (size_t)ecskp_backoff_ms(0, 0, 0, 0),
                    ECSKP_BACKOFF_BASE_MS / 2);
    ecskp_test_size(src, "capped", (size_t)ecskp_backoff_ms(60, 100, 1000, UINT64_MAX) <= 1000, 1);

    src = "call.h ecskp_sent_check";
    ecskp_test_str(src, "same", ecskp_sent_verdict_name(ECSKP_SENT_SAME), "same");
    ecskp_test_true(src, "unset is NULL", ecskp_sent_verdict_name(ECSKP_SENT_UNSET) == NULL);
    ecskp_test_true(src, "unknown is NULL", ecskp_sent_verdict_name((ecskp_sent_verdict)6) == NULL);
    ecskp_sent_report rep;
    ecskp_signed sg;
    memset(&sg, 0, sizeof sg);
    /* invalid_argument (signed_request or out NULL, sent NULL with a length) */
    ECSKP_EXPECT_ERROR(src, ecskp_sent_check(NULL, "x", 1, &rep, &d), &d, INVALID);
    ECSKP_EXPECT_ERROR(src, ecskp_sent_check(&sg, "x", 1, NULL, &d), &d, INVALID);
    if (!ecskp_signing_available())
        return;
    static char buf[4096];
    size_t need = 0;
    ecskp_signer s = ecskp_test_signer(ECSKP_SIGNATURE_V1);
    s.method = ECSKP_METHOD_GET;
    ecskp_keypair op = ecskp_test_keypair();
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign(&s, &op, buf, sizeof buf, &need, &sg, &d), &d);
    ECSKP_EXPECT_ERROR(src, ecskp_sent_check(&sg, NULL, 3, &rep, &d), &d, INVALID);
    ECSKP_EXPECT_OK(src, ecskp_sent_check(&sg, sg.query, strlen(sg.query), &rep, &d), &d);
    ecskp_test_size(src, "what was signed", (size_t)rep.verdict, ECSKP_SENT_SAME);
}

int main(void) {
    memset(long_value, 'v', ECSKP_MAX_VALUE_BYTES + 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_h),
        cmocka_unit_test(test_query_and_percent_arguments),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_ids_arguments),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_keypair_build),
        cmocka_unit_test(test_sign_names_and_sources),
        cmocka_unit_test(test_request_sign_arguments),
        cmocka_unit_test(test_signer_common_parameters),
        cmocka_unit_test(test_keypair_sign_arguments),
        cmocka_unit_test(test_keypair_sign_v3),
        cmocka_unit_test(test_sign_alloc_arguments),
        cmocka_unit_test(test_v3_validation),
        cmocka_unit_test(test_errors_h),
        cmocka_unit_test(test_decode_h_arguments),
        cmocka_unit_test(test_response_decode_arguments),
        cmocka_unit_test(test_json_h),
        cmocka_unit_test(test_call_h_endpoint),
        cmocka_unit_test(test_call_h_arguments),
    };
    return cmocka_run_group_tests_name("coverage_api", tests, NULL, NULL);
}
