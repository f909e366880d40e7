/*
 * test_coverage_api.c - the argument checks and edge cases of the public API that the
 * table-driven suites do not reach: NULL and out-of-domain arguments, the size-query forms,
 * the UTF-8 boundaries, strict InstanceIds, header and URI validation of signature V3, the
 * StringToSign diagnosis of white space and separators, and the status and format names.
 *
 * Every assertion is a sentence of a public header (status.h, encode.h, sign.h, errors.h,
 * decode.h), named beside it. scripts/ci/coverage.sh counts these branches toward its floor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ids2[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};

static ecskp_keypair_request request(void) {
    ecskp_keypair_request r;
    memset(&r, 0, sizeof r);
    r.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "k";
    r.instance_ids = ids2;
    r.instance_id_count = COUNT(ids2);
    r.access_key_id = "testid";
    r.format = "JSON";
    r.timestamp = "2016-02-23T12:46:24Z";
    r.signature_nonce = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
    return r;
}

/* ------------------------------------------------------------------ status.h */

static void test_status_names(void **state) {
    (void)state;
    ecskp_status s = ECSKP_OK;
    /* "unknown_status" for a value outside the enum */
    assert_string_equal(ecskp_status_name((ecskp_status)ECSKP_STATUS_COUNT_), "unknown_status");
    assert_non_null(ecskp_status_meaning((ecskp_status)ECSKP_STATUS_COUNT_));
    /* "Returns 1 and sets *out when the name is known, 0 otherwise" */
    assert_int_equal(ecskp_status_from_name(NULL, &s), 0);
    assert_int_equal(ecskp_status_from_name("no_such_status", &s), 0);
    assert_int_equal(ecskp_status_from_name("out_of_memory", NULL), 1);
    assert_int_equal(ecskp_status_from_name("dtd_refused", &s), 1);
    assert_int_equal(s, ECSKP_ERR_DTD_REFUSED);
    /* "Resets a diag to the success state. Safe on NULL." */
    ecskp_diag_clear(NULL);
}

/* ------------------------------------------------------------------ encode.h */

static void test_utf8_boundaries(void **state) {
    (void)state;
    size_t bad = 99;
    /* RFC 3629: at most U+10FFFF, no overlong forms, no surrogates */
    assert_int_equal(ecskp_utf8_valid("\xF4\x8F\xBF\xBF", 4, &bad), 1);
    assert_int_equal(ecskp_utf8_valid("a\xF4\x90\x80\x80", 5, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(ecskp_utf8_valid("\xF0\x8F\xBF\xBF", 4, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(ecskp_utf8_valid("\xE0\x80\x80", 3, &bad), 0);
    assert_int_equal(ecskp_utf8_valid("\xED\xA0\x80", 3, &bad), 0);
    assert_int_equal(ecskp_utf8_valid("ab\xC3(", 4, &bad), 0);
    assert_int_equal(bad, 2);
    assert_int_equal(ecskp_utf8_valid("ab\xE2\x82", 4, &bad), 0);
    assert_int_equal(bad, 2);
    assert_int_equal(ecskp_utf8_valid("\xC3\xFF", 2, NULL), 0);
    assert_int_equal(ecskp_utf8_valid("\x80", 1, NULL), 0);
    assert_int_equal(ecskp_utf8_valid("\xF8\x88\x80\x80\x80", 5, NULL), 0);
    assert_int_equal(ecskp_utf8_valid("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9, NULL), 1);
}

static void test_ids_strict_and_arguments(void **state) {
    (void)state;
    char buf[ECSKP_IDS_JSON_SIZE];
    size_t len = 0;
    ecskp_diag d;
    static const char *const not_i[] = {"x-abc"};
    static const char *const upper[] = {"i-ABC"};
    static const char *const short_id[] = {"i-"};
    static const char *const good[] = {"i-abc123"};
    /* ECSKP_IDS_STRICT: also require `i-` + lower-case alphanumerics */
    assert_int_equal(ecskp_ids_from_array(not_i, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(d.index, 0);
    assert_int_equal(ecskp_ids_from_array(upper, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(ecskp_ids_from_array(short_id, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(ecskp_ids_from_array(good, 1, ECSKP_IDS_STRICT, buf, sizeof buf, &len, &d),
                     ECSKP_OK);
    assert_string_equal(buf, "[\"i-abc123\"]");
    assert_int_equal(ecskp_ids_from_array(upper, 1, 0, buf, sizeof buf, &len, &d), ECSKP_OK);
    /* Errors: invalid_argument (json NULL with len > 0, buf NULL with cap > 0) */
    assert_int_equal(ecskp_ids_normalize(NULL, 5, 0, NULL, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(len, 0);
    assert_int_equal(ecskp_ids_normalize("[\"i-a\"]", 7, 0, NULL, NULL, 5, &len, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_ids_from_array(NULL, 1, 0, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    /* an empty text is not one complete JSON value */
    assert_int_equal(ecskp_ids_normalize(NULL, 0, 0, NULL, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_MALFORMED);
    assert_int_equal(ecskp_ids_normalize("", 0, 0, NULL, buf, sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_MALFORMED);
    /* strict mode through the JSON form */
    assert_int_equal(ecskp_ids_normalize("[\"i-a\",\"I-b\"]", 13, ECSKP_IDS_STRICT, NULL, buf,
                                         sizeof buf, &len, &d),
                     ECSKP_ERR_IDS_INVALID_ELEMENT);
    assert_int_equal(d.index, 1);
}

/* ------------------------------------------------------------------ decode.h names */

static void test_format_names(void **state) {
    (void)state;
    ecskp_format f = ECSKP_FORMAT_JSON;
    /* "Parses "JSON" or "XML" in any letter case ... 0 otherwise (also for NULL)" */
    assert_int_equal(ecskp_format_from_name("xMl", &f), 1);
    assert_int_equal(f, ECSKP_FORMAT_XML);
    assert_int_equal(ecskp_format_from_name("json", NULL), 1);
    assert_int_equal(ecskp_format_from_name("JSONX", &f), 0);
    assert_int_equal(ecskp_format_from_name("XM", &f), 0);
    assert_int_equal(ecskp_format_from_name("", &f), 0);
    assert_int_equal(ecskp_format_from_name("[SON", &f), 0);
    assert_int_equal(ecskp_format_from_name(NULL, &f), 0);
    assert_null(ecskp_format_name((ecskp_format)7));
    assert_string_equal(ecskp_format_name(ECSKP_FORMAT_JSON), "JSON");
}

/* ------------------------------------------------------------------ sign.h, version 1.0 */

static const ecskp_param doc_params[] = {{"AccessKeyId", "testid"},
                                         {"Action", "DescribeRegions"},
                                         {"Format", "XML"},
                                         {"SignatureMethod", "HMAC-SHA1"},
                                         {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
                                         {"SignatureVersion", "1.0"},
                                         {"Timestamp", "2016-02-23T12:46:24Z"},
                                         {"Version", "2014-05-26"}};

static void test_v1_arguments(void **state) {
    (void)state;
    char buf[4096];
    size_t need = 0;
    ecskp_v1_signed out;
    char sig[ECSKP_V1_SIGNATURE_SIZE];
    ecskp_diag d;
    const size_t n = COUNT(doc_params);
    /* ecskp_v1_string_to_sign: output convention of encode.h */
    assert_int_equal(ecskp_v1_string_to_sign(ECSKP_METHOD_GET, doc_params, n, NULL, 0, NULL, &d),
                     ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(ecskp_v1_string_to_sign(ECSKP_METHOD_GET, doc_params, n, NULL, 5, &need, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_v1_string_to_sign((ecskp_method)9, doc_params, n, buf, sizeof buf, &need, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    if (!ecskp_signing_available()) {
        assert_int_equal(ecskp_v1_signature("x", 1, "k", 1, sig, &d), ECSKP_ERR_UNSUPPORTED);
        return;
    }
    /* ecskp_v1_signature: invalid_argument (NULL sts with sts_len > 0, NULL secret with
     * secret_len > 0, NULL out), missing_secret (secret_len 0) */
    assert_int_equal(ecskp_v1_signature(NULL, 3, "k", 1, sig, &d), ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v1_signature("x", 1, NULL, 3, sig, &d), ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v1_signature("x", 1, "k", 1, NULL, &d), ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v1_signature("x", 1, "", 0, sig, &d), ECSKP_ERR_MISSING_SECRET);
    assert_string_equal(sig, "");
    assert_int_equal(ecskp_v1_signature(NULL, 0, "k", 1, sig, NULL), ECSKP_OK);
    /* ecskp_v1_sign: invalid_argument (bad method, NULL out or needed, NULL buf with cap) */
    assert_int_equal(
        ecskp_v1_sign(ECSKP_METHOD_GET, doc_params, n, "k", 1, buf, sizeof buf, NULL, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_v1_sign(ECSKP_METHOD_GET, doc_params, n, "k", 1, buf, sizeof buf, &need, NULL, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_v1_sign(ECSKP_METHOD_GET, doc_params, n, "k", 1, NULL, 9, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_v1_sign((ecskp_method)9, doc_params, n, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_null(out.signed_query);
    /* size query, then the exact size */
    assert_int_equal(ecskp_v1_sign(ECSKP_METHOD_GET, doc_params, n, "testsecret", 10, NULL, 0,
                                   &need, &out, NULL),
                     ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_true(need > 0 && need <= sizeof buf);
    assert_int_equal(ecskp_v1_sign(ECSKP_METHOD_GET, doc_params, n, "testsecret", 10, buf, need,
                                   &need, &out, NULL),
                     ECSKP_OK);
    assert_string_equal(out.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

static void test_keypair_v1_arguments(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    char buf[4096];
    size_t need = 0;
    ecskp_v1_signed out;
    ecskp_diag d;
    ecskp_keypair_request r = request();
    assert_int_equal(
        ecskp_keypair_sign_v1(NULL, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, NULL, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, NULL, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, NULL, 3, &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, (ecskp_method)9, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    /* SignatureMethod other than HMAC-SHA1 or SignatureVersion other than 1.0 ->
     * invalid_parameter_value (diag.field names it) */
    r.signature_method = "HMAC-SHA256";
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_PARAMETER_VALUE);
    assert_string_equal(d.field, "SignatureMethod");
    r = request();
    r.signature_version = "2.0";
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_PARAMETER_VALUE);
    assert_string_equal(d.field, "SignatureVersion");
    /* the common parameters may come through extra: then they are not missing */
    static const ecskp_param extra[] = {
        {"AccessKeyId", "fromextra"}, {"SignatureNonce", "n-1"}, {"SignatureMethod", "HMAC-SHA1"}};
    r = request();
    r.access_key_id = NULL;
    r.signature_nonce = NULL;
    r.extra = extra;
    r.extra_count = COUNT(extra);
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_OK);
    assert_non_null(strstr(out.canonical_query, "AccessKeyId=fromextra"));
    r = request();
    r.timestamp = NULL;
    assert_int_equal(
        ecskp_keypair_sign_v1(&r, ECSKP_METHOD_POST, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_MISSING_PARAMETER);
    assert_string_equal(d.field, "Timestamp");
}

/* ------------------------------------------------------------------ sign.h, V3 */

static ecskp_v3_request v3_request(void) {
    ecskp_v3_request r;
    memset(&r, 0, sizeof r);
    r.method = ECSKP_METHOD_POST;
    r.host = "ecs.cn-shanghai.aliyuncs.com";
    r.action = "RunInstances";
    r.version = "2014-05-26";
    r.date = "2023-10-26T10:22:32Z";
    r.signature_nonce = "3156853299f313e23d1673dc12e1703d";
    r.access_key_id = "YourAccessKeyId";
    return r;
}

static ecskp_status v3(const ecskp_v3_request *r, ecskp_diag *d) {
    static char buf[8192];
    size_t need = 0;
    ecskp_v3_signed out;
    return ecskp_v3_sign(r, "YourAccessKeySecret", 19, buf, sizeof buf, &need, &out, d);
}

static void expect_v3(ecskp_v3_request r, ecskp_status want, const char *field) {
    ecskp_diag d;
    ecskp_status got = v3(&r, &d);
    if (got != want)
        print_error("v3: got %s, want %s (%s)\n", ecskp_status_name(got), ecskp_status_name(want),
                    d.message);
    assert_int_equal(got, want);
    if (field != NULL)
        assert_string_equal(d.field, field);
}

static void test_v3_validation(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    ecskp_v3_request r = v3_request();
    expect_v3(r, ECSKP_OK, NULL);
    /* header values: printable ASCII without a leading or trailing space */
    r.host = "ecs.example.com\r\nX-Injected: 1";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "host");
    r = v3_request();
    r.version = " 2014-05-26";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-version");
    r.version = "2014-05-26 ";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-version");
    r.version = "2014\x7f";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-version");
    r = v3_request();
    r.signature_nonce = "abc\tdef";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-signature-nonce");
    /* content-type: signed when present; inner spaces are fine */
    r = v3_request();
    r.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    r.body = "a=1";
    r.body_len = 3;
    expect_v3(r, ECSKP_OK, NULL);
    r.body_len = 0;
    r.body = NULL;
    r.content_type = "text/plain ";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "content-type");
    /* action: letters and digits */
    r = v3_request();
    r.action = "Run-Instances";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-action");
    r.action = "Run_Instances";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "x-acs-action");
    r.action = "runInstances2";
    expect_v3(r, ECSKP_OK, NULL);
    /* AccessKeyId: printable ASCII other than space and ',' */
    r = v3_request();
    r.access_key_id = "id,SignedHeaders=host";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "AccessKeyId");
    r.access_key_id = "id x";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "AccessKeyId");
    r.access_key_id = "id\x80";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "AccessKeyId");
    /* canonical_uri: starts with '/', RFC 3986 unreserved, '/', and %XY escapes only */
    r = v3_request();
    r.canonical_uri = "/a/b%2Fc%7E";
    expect_v3(r, ECSKP_OK, NULL);
    r.canonical_uri = "/a%2f";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "canonical_uri");
    r.canonical_uri = "/a%G0";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "canonical_uri");
    r.canonical_uri = "/a%2";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "canonical_uri");
    r.canonical_uri = "/a b";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "canonical_uri");
    r.canonical_uri = "a";
    expect_v3(r, ECSKP_ERR_INVALID_PARAMETER_VALUE, "canonical_uri");
}

static void test_v3_arguments(void **state) {
    (void)state;
    if (!ecskp_signing_available())
        skip();
    char buf[8192];
    size_t need = 0;
    ecskp_v3_signed out;
    ecskp_diag d;
    ecskp_v3_request r = v3_request();
    assert_int_equal(ecskp_v3_sign(NULL, "k", 1, buf, sizeof buf, &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v3_sign(&r, "k", 1, buf, sizeof buf, &need, NULL, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v3_sign(&r, "k", 1, buf, sizeof buf, NULL, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_v3_sign(&r, "k", 1, NULL, 4, &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    r.method = (ecskp_method)9;
    assert_int_equal(ecskp_v3_sign(&r, "k", 1, buf, sizeof buf, &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    r = v3_request();
    r.body_len = 4;
    assert_int_equal(ecskp_v3_sign(&r, "k", 1, buf, sizeof buf, &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);

    const char *host = "ecs.cn-hangzhou.aliyuncs.com";
    ecskp_keypair_request k = request();
    assert_int_equal(ecskp_keypair_sign_v3(NULL, ECSKP_METHOD_POST, host, "k", 1, buf, sizeof buf,
                                           &need, &out, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(ecskp_keypair_sign_v3(&k, ECSKP_METHOD_POST, host, "k", 1, buf, sizeof buf,
                                           &need, NULL, &d),
                     ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v3(&k, ECSKP_METHOD_POST, host, "k", 1, buf, sizeof buf, NULL, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v3(&k, ECSKP_METHOD_POST, host, "k", 1, NULL, 2, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    assert_int_equal(
        ecskp_keypair_sign_v3(&k, (ecskp_method)9, host, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_ERR_INVALID_ARGUMENT);
    /* missing_parameter (host, AccessKeyId, Timestamp, SignatureNonce, in that order) */
    k.timestamp = NULL;
    assert_int_equal(ecskp_keypair_sign_v3(&k, ECSKP_METHOD_POST, host, "k", 1, buf, sizeof buf,
                                           &need, &out, &d),
                     ECSKP_ERR_MISSING_PARAMETER);
    assert_string_equal(d.field, "Timestamp");
    k = request();
    k.signature_nonce = "";
    assert_int_equal(ecskp_keypair_sign_v3(&k, ECSKP_METHOD_POST, host, "k", 1, buf, sizeof buf,
                                           &need, &out, &d),
                     ECSKP_ERR_MISSING_PARAMETER);
    assert_string_equal(d.field, "SignatureNonce");
    /* Version (absent = 2014-05-26) -> x-acs-version */
    k = request();
    k.version = "2014-05-26";
    assert_int_equal(
        ecskp_keypair_sign_v3(&k, ECSKP_METHOD_GET, host, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_OK);
    char with_version[512];
    (void)snprintf(with_version, sizeof with_version, "%s", out.authorization);
    k.version = NULL;
    assert_int_equal(
        ecskp_keypair_sign_v3(&k, ECSKP_METHOD_GET, host, "k", 1, buf, sizeof buf, &need, &out, &d),
        ECSKP_OK);
    assert_string_equal(out.authorization, with_version);
}

/* ------------------------------------------------------------------ errors.h */

static void test_sts_diagnosis_edges(void **state) {
    (void)state;
    ecskp_sts_comparison c;
    const char *client = "GET&%2F&A%3D1";
    /* White space is space, tab, CR, LF, VT and FF */
    const char m1[] =
        "Specified signature is not matched. server string to sign is:\v\f GET&%2F&A%3D1"
        "\t\r\n\f\v ";
    assert_int_equal(ecskp_compare_string_to_sign(m1, sizeof m1 - 1, client, strlen(client), &c),
                     ECSKP_OK);
    assert_int_equal(c.verdict, ECSKP_STS_SAME);
    /* Excerpts replace bytes outside printable ASCII with '?' */
    const char m2[] = "server string to sign is: GET&%2F&A%3D\x01";
    assert_int_equal(ecskp_compare_string_to_sign(m2, sizeof m2 - 1, client, strlen(client), &c),
                     ECSKP_OK);
    assert_int_equal(c.verdict, ECSKP_STS_DIFFERENT);
    assert_int_equal(c.offset, 12);
    assert_non_null(strchr(c.server_excerpt, '?'));
    /* differing at a quote, and literal '&' separators against %26 (api-facts errata) */
    const char m3[] = "server string to sign is: GET&%2F&A'";
    assert_int_equal(ecskp_compare_string_to_sign(m3, sizeof m3 - 1, client, strlen(client), &c),
                     ECSKP_OK);
    assert_int_equal(c.verdict, ECSKP_STS_DIFFERENT);
    const char *client2 = "GET&%2F&A%3D1%26B%3D2";
    const char m4[] = "server string to sign is: GET&%2F&A%3D1&B%3D2";
    assert_int_equal(ecskp_compare_string_to_sign(m4, sizeof m4 - 1, client2, strlen(client2), &c),
                     ECSKP_OK);
    assert_int_equal(c.verdict, ECSKP_STS_DIFFERENT);
    assert_int_equal(c.offset, 13);
    const char m5[] = "server string to sign is: GET&%2F&A%3D1%26B%3D2";
    const char *client3 = "GET&%2F&A%3D1&B%3D2";
    assert_int_equal(ecskp_compare_string_to_sign(m5, sizeof m5 - 1, client3, strlen(client3), &c),
                     ECSKP_OK);
    assert_int_equal(c.verdict, ECSKP_STS_DIFFERENT);
    /* invalid_argument (NULL pointers) */
    assert_int_equal(ecskp_compare_string_to_sign(NULL, 3, client, strlen(client), &c),
                     ECSKP_ERR_INVALID_ARGUMENT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_utf8_boundaries),
        cmocka_unit_test(test_ids_strict_and_arguments),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_v1_arguments),
        cmocka_unit_test(test_keypair_v1_arguments),
        cmocka_unit_test(test_v3_validation),
        cmocka_unit_test(test_v3_arguments),
        cmocka_unit_test(test_sts_diagnosis_edges),
    };
    return cmocka_run_group_tests_name("coverage_api", tests, NULL, NULL);
}
