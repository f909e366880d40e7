/*
 * test_encode.c - the request encoder, table-driven: percent-encoding, UTF-8 validation, the
 * canonical query (generic layer), InstanceIds (C array and JSON text), Timestamp checking and
 * the typed AttachKeyPair/DetachKeyPair request.
 *
 * Every row names its source: an API page in api-docs/ (AttachKeyPair.reference.md,
 * DetachKeyPair.txt), a section of api-facts.md, or the contract in encode.h / status.h.
 * Failing rows assert the exact status and the diag fields (field, offset, index); passing rows
 * assert the exact output and that the diag was reset. Every passing row is also run with a NULL
 * diag, with a NULL buffer of capacity 0 (size query), with a buffer of exactly len bytes (too
 * small by the NUL) and with one of exactly len + 1 bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"

#define NO_OFF ECSKP_NO_OFFSET
#define NO_IDX ECSKP_NO_INDEX
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Large enough for every output here (the longest, 50 IDs of 64 bytes in a typed query, is
 * about 4 KiB). */
#define OUT_CAP 32768

static size_t rows_run;

/* ------------------------------------------------------------------ checking helpers */

/* Each helper prints the row's source before the cmocka assertion that fails. */
static void check_status(const char *src, const char *what, ecskp_status got, ecskp_status want) {
    if (got != want)
        print_error("row [%s]: %s returned %s, want %s\n", src, what, ecskp_status_name(got),
                    ecskp_status_name(want));
    assert_int_equal(got, want);
}

static void check_str(const char *src, const char *what, const char *got, const char *want) {
    if (strcmp(got, want) != 0)
        print_error("row [%s]: %s\n  got  \"%s\"\n  want \"%s\"\n", src, what, got, want);
    assert_string_equal(got, want);
}

static void check_size(const char *src, const char *what, size_t got, size_t want) {
    if (got != want)
        print_error("row [%s]: %s is %zu, want %zu\n", src, what, got, want);
    assert_true(got == want);
}

static void check_true(const char *src, const char *what, int cond) {
    if (!cond)
        print_error("row [%s]: %s\n", src, what);
    assert_true(cond);
}

#define CHECK(src, cond) check_true(src, #cond, (cond))

/* A diag full of junk, so that a function that forgets to reset it is caught. */
static void junk_diag(ecskp_diag *d) {
    memset(d, 0x5A, sizeof *d);
    d->field[sizeof d->field - 1] = '\0';
    d->message[sizeof d->message - 1] = '\0';
    d->name = "junk";
    d->status = ECSKP_ERR_UNSUPPORTED;
}

/* Success: the diag is reset. Failure: status, name, field, offset and index are exact and there
 * is a message. */
static void check_diag(const char *src, const ecskp_diag *d, ecskp_status want, const char *field,
                       size_t offset, size_t index) {
    check_status(src, "diag.status", d->status, want);
    check_true(src, "diag.name is NULL", d->name != NULL);
    check_str(src, "diag.name", d->name, ecskp_status_name(want));
    check_str(src, "diag.field", d->field, want == ECSKP_OK ? "" : field);
    check_size(src, "diag.offset", d->offset, want == ECSKP_OK ? NO_OFF : offset);
    check_size(src, "diag.index", d->index, want == ECSKP_OK ? NO_IDX : index);
    if (want == ECSKP_OK)
        check_str(src, "diag.message", d->message, "");
    else
        check_true(src, "diag.message is empty", d->message[0] != '\0');
}

/* One encoding call under test: writes into buf/cap, as every encode.h function does. */
typedef ecskp_status (*encode_fn)(const void *arg, char *buf, size_t cap, size_t *out_len,
                                  ecskp_diag *diag);

typedef struct expect {
    ecskp_status status;
    const char *out; /* exact output when status is ECSKP_OK */
    const char *field;
    size_t offset;
    size_t index;
} expect;

/*
 * Runs `fn` the ways every caller may: with a diag full of junk, with a NULL diag, and, for a
 * success, as a size query (NULL, 0), with len bytes (one short) and with len + 1 bytes.
 * Returns the output length of a success. `out` may be NULL to skip the text comparison (the
 * caller checks it); `diag_out` (optional) receives the diag of the first call.
 */
static size_t run_encode(const char *src, encode_fn fn, const void *arg, const expect *e, char *out,
                         ecskp_diag *diag_out) {
    static char buf[OUT_CAP];
    ecskp_diag d;
    size_t len = 12345;
    rows_run++;

    junk_diag(&d);
    ecskp_status rc = fn(arg, buf, sizeof buf, &len, &d);
    check_status(src, "call", rc, e->status);
    check_diag(src, &d, e->status, e->field, e->offset, e->index);
    if (diag_out != NULL)
        *diag_out = d;
    if (e->status != ECSKP_OK) {
        check_size(src, "*out_len after a failure", len, 0);
        len = 12345;
        check_status(src, "call with NULL diag", fn(arg, buf, sizeof buf, &len, NULL), e->status);
        check_size(src, "*out_len after a failure (NULL diag)", len, 0);
        return 0;
    }
    check_size(src, "*out_len", len, strlen(buf));
    if (e->out != NULL)
        check_str(src, "output", buf, e->out);
    if (out != NULL)
        memcpy(out, buf, len + 1);
    size_t want_len = len;

    /* NULL diag, NULL out_len. */
    check_status(src, "call with NULL diag", fn(arg, buf, sizeof buf, NULL, NULL), ECSKP_OK);
    check_size(src, "length with NULL diag", strlen(buf), want_len);

    /* Size query. */
    junk_diag(&d);
    len = 12345;
    rc = fn(arg, NULL, 0, &len, &d);
    check_status(src, "size query (NULL, 0)", rc, ECSKP_ERR_BUFFER_TOO_SMALL);
    check_status(src, "size query diag.status", d.status, ECSKP_ERR_BUFFER_TOO_SMALL);
    check_str(src, "size query diag.name", d.name, "buffer_too_small");
    check_size(src, "size query *out_len", len, want_len);

    /* Exactly len bytes: one short (no room for the NUL). */
    char *small = malloc(want_len + 1);
    assert_non_null(small);
    if (want_len > 0) {
        memset(small, '#', want_len + 1);
        len = 12345;
        rc = fn(arg, small, want_len, &len, NULL);
        check_status(src, "buffer of len bytes", rc, ECSKP_ERR_BUFFER_TOO_SMALL);
        check_size(src, "*out_len with len bytes", len, want_len);
        check_true(src, "short buffer is NUL-terminated", small[want_len - 1] == '\0');
        check_true(src, "short buffer overrun", small[want_len] == '#');
    }

    /* Exactly len + 1 bytes. */
    memset(small, '#', want_len + 1);
    junk_diag(&d);
    len = 12345;
    rc = fn(arg, small, want_len + 1, &len, &d);
    check_status(src, "buffer of len + 1 bytes", rc, ECSKP_OK);
    check_diag(src, &d, ECSKP_OK, "", NO_OFF, NO_IDX);
    check_size(src, "*out_len with len + 1 bytes", len, want_len);
    check_str(src, "output in len + 1 bytes", small, buf);
    free(small);
    return want_len;
}

/* ------------------------------------------------------------------ shared data */

#define X10 "0123456789"
/* 64 and 65 bytes: the longest valid instance ID, and one byte too long. */
#define ID64 "i-" X10 X10 X10 X10 X10 X10 "ab"
#define ID65 ID64 "c"

#define DESCRIBE_REGIONS_QUERY                                                                     \
    "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&"              \
    "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&"                    \
    "Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"

/* ------------------------------------------------------------------ percent-encoding */

typedef struct pct_row {
    const char *source;
    const char *in;
    size_t in_len; /* 0: strlen(in) */
    const char *out;
    int bytes_only; /* not valid UTF-8 (or holds NUL): only ecskp_percent_encode, no query */
} pct_row;

static const pct_row pct_rows[] = {
    {"api-facts 2.1: unreserved A-Z a-z 0-9 - _ . ~ are kept", "ABCXYZabcxyz0189-_.~", 0,
     "ABCXYZabcxyz0189-_.~", 0},
    {"api-facts 2.1: space is %20, never +", "a b", 0, "a%20b", 0},
    {"api-facts 6: space as + is a known client mistake", " ", 0, "%20", 0},
    {"api-facts 2.1: * is %2A", "a*b", 0, "a%2Ab", 0},
    {"api-facts 2.1/6: ~ stays ~ (not %7E)", "~user~", 0, "~user~", 0},
    {"api-facts 2.1: ! is %21", "!", 0, "%21", 0},
    {"api-facts 2.1: ' is %27", "'", 0, "%27", 0},
    {"api-facts 2.1: ( is %28", "(", 0, "%28", 0},
    {"api-facts 2.1: ) is %29", ")", 0, "%29", 0},
    {"api-facts 6: encodeURIComponent leaves ! ' ( ) * raw", "!'()*", 0, "%21%27%28%29%2A", 0},
    {"api-facts 2.5: + is %2B", "a+b", 0, "a%2Bb", 0},
    {"api-facts 2: / is %2F", "/", 0, "%2F", 0},
    {"api-facts 2.4: = is %3D", "a=b", 0, "a%3Db", 0},
    {"api-facts 2.4: & is %26", "a&b", 0, "a%26b", 0},
    {"api-facts 2.4: % is %25 (an encoded %3A becomes %253A)", "12%3A46", 0, "12%253A46", 0},
    {"api-facts 2: Timestamp value, : is %3A", "2016-02-23T12:46:24Z", 0,
     "2016-02-23T12%3A46%3A24Z", 0},
    {"api-facts 2.5: the documented signature on the wire", "OLeaidS1JvxuMvnyHOwuJ+uX5qY=", 0,
     "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", 0},
    {"api-facts 1: InstanceIds JSON punctuation [ \" , ]", "[\"i-a\",\"i-b\"]", 0,
     "%5B%22i-a%22%2C%22i-b%22%5D", 0},
    {"api-facts 2.1: other ASCII punctuation", "#$,;?@{|}^`<>\\", 0,
     "%23%24%2C%3B%3F%40%7B%7C%7D%5E%60%3C%3E%5C", 0},
    {"api-facts 2.1: control bytes, upper-case hex", "\t\n\x1f\x7f", 0, "%09%0A%1F%7F", 0},
    {"api-facts 2.1: 2-byte UTF-8 e-acute", "\xC3\xA9", 0, "%C3%A9", 0},
    {"api-facts 2.1: 3-byte UTF-8 CJK", "\xE4\xB8\xAD\xE6\x96\x87", 0, "%E4%B8%AD%E6%96%87", 0},
    {"api-facts 2.1: 4-byte UTF-8 emoji U+1F600", "\xF0\x9F\x98\x80", 0, "%F0%9F%98%80", 0},
    {"api-facts 2.1: upper-case hex for every high nibble", "\xC2\xAB\xEF\xBF\xBD", 0,
     "%C2%AB%EF%BF%BD", 0},
    {"encode.h: percent_encode does not check UTF-8", "\xFF\xFE\xAB", 0, "%FF%FE%AB", 1},
    {"encode.h: percent_encode takes a length, NUL included", "a\0b", 3, "a%00b", 1},
    {"encode.h: empty input gives empty output", "", 0, "", 0},
};

static ecskp_status pct_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                           ecskp_diag *diag) {
    const pct_row *r = arg;
    size_t n = r->in_len != 0 ? r->in_len : strlen(r->in);
    ecskp_status rc = ecskp_percent_encode(r->in, n, buf, cap, out_len);
    /* percent_encode has no diag; give the runner the state a success leaves. */
    if (diag != NULL) {
        ecskp_diag_clear(diag);
        if (rc != ECSKP_OK) {
            diag->status = rc;
            diag->name = ecskp_status_name(rc);
        }
    }
    return rc;
}

/* The same value as the only parameter of a canonical query: `V=<encoded>`. */
static ecskp_status pct_query_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                 ecskp_diag *diag) {
    const pct_row *r = arg;
    ecskp_param p = {"V", r->in};
    return ecskp_canonical_query(&p, 1, buf, cap, out_len, diag);
}

static void test_percent_encoding(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(pct_rows); i++) {
        const pct_row *r = &pct_rows[i];
        expect e = {ECSKP_OK, r->out, "", NO_OFF, NO_IDX};
        run_encode(r->source, pct_fn, r, &e, NULL, NULL);
        if (!r->bytes_only) {
            char want[256];
            snprintf(want, sizeof want, "V=%s", r->out);
            expect q = {ECSKP_OK, want, "", NO_OFF, NO_IDX};
            run_encode(r->source, pct_query_fn, r, &q, NULL, NULL);
        }
    }
}

static void test_percent_encode_arguments(void **state) {
    (void)state;
    char buf[8];
    size_t len = 99;
    rows_run += 3;
    check_status("encode.h: percent_encode src NULL with len > 0", "call",
                 ecskp_percent_encode(NULL, 1, buf, sizeof buf, &len), ECSKP_ERR_INVALID_ARGUMENT);
    check_size("encode.h: percent_encode src NULL with len > 0", "*out_len", len, 0);
    check_status("encode.h: percent_encode buf NULL with cap > 0", "call",
                 ecskp_percent_encode("a", 1, NULL, 4, &len), ECSKP_ERR_INVALID_ARGUMENT);
    len = 99;
    check_status("encode.h: percent_encode NULL, 0 into a buffer", "call",
                 ecskp_percent_encode(NULL, 0, buf, sizeof buf, &len), ECSKP_OK);
    check_size("encode.h: percent_encode NULL, 0 into a buffer", "*out_len", len, 0);
    check_str("encode.h: percent_encode NULL, 0 into a buffer", "output", buf, "");
}

/* ------------------------------------------------------------------ UTF-8 validation */

typedef struct utf8_row {
    const char *source;
    const char *in;
    size_t in_len;
    int valid;
    size_t bad_offset;
} utf8_row;

#define U8(s) s, sizeof(s) - 1

static const utf8_row utf8_rows[] = {
    {"RFC 3629: ASCII", U8("RegionId cn-hangzhou"), 1, 0},
    {"RFC 3629: empty", U8(""), 1, 0},
    {"RFC 3629: 2-byte U+00E9", U8("\xC3\xA9"), 1, 0},
    {"RFC 3629: 3-byte U+20AC", U8("\xE2\x82\xAC"), 1, 0},
    {"RFC 3629: 4-byte U+1F600", U8("\xF0\x9F\x98\x80"), 1, 0},
    {"RFC 3629: largest code point U+10FFFF", U8("\xF4\x8F\xBF\xBF"), 1, 0},
    {"RFC 3629: smallest 2-byte U+0080", U8("\xC2\x80"), 1, 0},
    {"RFC 3629: smallest 3-byte U+0800", U8("\xE0\xA0\x80"), 1, 0},
    {"RFC 3629: smallest 4-byte U+10000", U8("\xF0\x90\x80\x80"), 1, 0},
    {"RFC 3629: last before surrogates U+D7FF", U8("\xED\x9F\xBF"), 1, 0},
    {"RFC 3629: first after surrogates U+E000", U8("\xEE\x80\x80"), 1, 0},
    {"RFC 3629: overlong NUL C0 80", U8("ab\xC0\x80"), 0, 2},
    {"RFC 3629: overlong C1 BF", U8("\xC1\xBF"), 0, 0},
    {"RFC 3629: overlong 3-byte E0 80 AF", U8("x\xE0\x80\xAF"), 0, 1},
    {"RFC 3629: overlong 4-byte F0 80 80 AF", U8("\xF0\x80\x80\xAF"), 0, 0},
    {"RFC 3629: surrogate U+D800 ED A0 80", U8("abc\xED\xA0\x80"), 0, 3},
    {"RFC 3629: surrogate U+DFFF ED BF BF", U8("\xED\xBF\xBF"), 0, 0},
    {"RFC 3629: above U+10FFFF F4 90 80 80", U8("\xF4\x90\x80\x80"), 0, 0},
    {"RFC 3629: F5 never appears", U8("a\xF5\x80\x80\x80"), 0, 1},
    {"RFC 3629: FF never appears", U8("\xFF"), 0, 0},
    {"RFC 3629: lone continuation byte", U8("\xC3\xA9\x80"), 0, 2},
    {"RFC 3629: truncated 3-byte sequence at the end", U8("xyz\xE2\x82"), 0, 3},
    {"RFC 3629: truncated 2-byte sequence before ASCII",
     U8("\xC3"
        "a"),
     0, 0},
    {"RFC 3629: truncated 4-byte sequence at the end", U8("\xF0\x9F\x98"), 0, 0},
};

static void test_utf8_valid(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(utf8_rows); i++) {
        const utf8_row *r = &utf8_rows[i];
        size_t off = 777;
        rows_run++;
        int v = ecskp_utf8_valid(r->in, r->in_len, &off);
        check_size(r->source, "ecskp_utf8_valid", (size_t)v, (size_t)r->valid);
        if (!r->valid)
            check_size(r->source, "bad_offset", off, r->bad_offset);
        check_size(r->source, "ecskp_utf8_valid without bad_offset",
                   (size_t)ecskp_utf8_valid(r->in, r->in_len, NULL), (size_t)r->valid);
    }
    size_t off = 777;
    rows_run += 2;
    check_size("encode.h: NULL with len 0 is valid", "ecskp_utf8_valid",
               (size_t)ecskp_utf8_valid(NULL, 0, &off), 1);
    check_size("encode.h: NULL with len > 0 is invalid at offset 0", "ecskp_utf8_valid",
               (size_t)ecskp_utf8_valid(NULL, 3, &off), 0);
    check_size("encode.h: NULL with len > 0 is invalid at offset 0", "bad_offset", off, 0);
}

/* ------------------------------------------------------------------ canonical query */

#define MAXP 12

typedef struct canon_row {
    const char *source;
    size_t n;
    ecskp_param p[MAXP];
    expect e;
} canon_row;

#define DESCRIBE_REGIONS_PARAMS                                                                    \
    {"AccessKeyId", "testid"}, {"Action", "DescribeRegions"}, {"Format", "XML"},                   \
        {"SignatureMethod", "HMAC-SHA1"},                                                          \
        {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},   \
        {"Timestamp", "2016-02-23T12:46:24Z"}, {                                                   \
        "Version", "2014-05-26"                                                                    \
    }

#define OK_OUT(s)                                                                                  \
    { ECSKP_OK, s, "", NO_OFF, NO_IDX }
#define FAIL(st, field, off, idx)                                                                  \
    { st, NULL, field, off, idx }

static const canon_row canon_rows[] = {
    {"api-facts 2: documented DescribeRegions canonicalized query",
     8,
     {DESCRIBE_REGIONS_PARAMS},
     OK_OUT(DESCRIBE_REGIONS_QUERY)},
    {"api-facts 2: DescribeRegions given in reverse order",
     8,
     {{"Version", "2014-05-26"},
      {"Timestamp", "2016-02-23T12:46:24Z"},
      {"SignatureVersion", "1.0"},
      {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
      {"SignatureMethod", "HMAC-SHA1"},
      {"Format", "XML"},
      {"Action", "DescribeRegions"},
      {"AccessKeyId", "testid"}},
     OK_OUT(DESCRIBE_REGIONS_QUERY)},
    {"api-facts 2.2: Signature is left out of the canonical string",
     9,
     {{"Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="}, DESCRIBE_REGIONS_PARAMS},
     OK_OUT(DESCRIBE_REGIONS_QUERY)},
    {"api-facts 2.2: Signature sorted in the middle is left out too",
     3,
     {{"Action", "DescribeRegions"}, {"Version", "2014-05-26"}, {"Signature", "x"}},
     OK_OUT("Action=DescribeRegions&Version=2014-05-26")},
    {"encode.h: a list holding only Signature gives the empty string",
     1,
     {{"Signature", "abc"}},
     OK_OUT("")},
    {"encode.h: only the exact name Signature is left out (signature is kept)",
     2,
     {{"signature", "x"}, {"SignatureMethod", "HMAC-SHA1"}},
     OK_OUT("SignatureMethod=HMAC-SHA1&signature=x")},
    {"encode.h: zero parameters give the empty string", 0, {{NULL, NULL}}, OK_OUT("")},
    {"api-facts 2.2: byte order, upper case before lower case (B before a)",
     2,
     {{"a", "1"}, {"B", "2"}},
     OK_OUT("B=2&a=1")},
    {"api-facts 2.2: byte order, A.1 before A1 ('.' is 0x2E, '1' is 0x31)",
     2,
     {{"A1", "x"}, {"A.1", "y"}},
     OK_OUT("A.1=y&A1=x")},
    {"api-facts 2.2: byte order, a prefix sorts first",
     3,
     {{"A.1", "y"}, {"AB", "z"}, {"A", "x"}},
     OK_OUT("A=x&A.1=y&AB=z")},
    {"api-facts 2.2: byte order, digits before letters",
     3,
     {{"z", "1"}, {"Z", "2"}, {"9", "3"}},
     OK_OUT("9=3&Z=2&z=1")},
    {"api-facts 2.2: byte order is not case-folded (KeyPairName before Keypair)",
     2,
     {{"Keypair", "b"}, {"KeyPairName", "a"}},
     OK_OUT("KeyPairName=a&Keypair=b")},
    {"api-facts 2.2: empty values are kept as Name=",
     3,
     {{"OwnerAccount", ""}, {"Action", "AttachKeyPair"}, {"B", ""}},
     OK_OUT("Action=AttachKeyPair&B=&OwnerAccount=")},
    {"api-facts 2.1: values are encoded in the query",
     2,
     {{"KeyPairName", "my key*(1)~"}, {"RegionId", "cn-hangzhou"}},
     OK_OUT("KeyPairName=my%20key%2A%281%29~&RegionId=cn-hangzhou")},
    {"api-docs/AttachKeyPair.reference.md: request example through the generic layer",
     4,
     {{"Action", "AttachKeyPair"},
      {"RegionId", "cn-qingdao"},
      {"KeyPairName", "test"},
      {"InstanceIds", "[\"i-XXXXX\"]"}},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
            "RegionId=cn-qingdao")},
    {"api-facts 1: InstanceIds.1 flattening is not this API's, but the generic layer encodes "
     "any list",
     2,
     {{"InstanceIds.2", "i-b"}, {"InstanceIds.1", "i-a"}},
     OK_OUT("InstanceIds.1=i-a&InstanceIds.2=i-b")},
    {"encode.h: non-ASCII value is encoded as UTF-8 bytes",
     1,
     {{"KeyPairName", "cl\xC3\xA9-\xF0\x9F\x94\x91"}},
     OK_OUT("KeyPairName=cl%C3%A9-%F0%9F%94%91")},

    /* invalid_parameter_name: diag.field is the name, diag.offset the offending byte. */
    {"status.h invalid_parameter_name: empty name",
     2,
     {{"Action", "x"}, {"", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "", 0, NO_IDX)},
    {"status.h invalid_parameter_name: NULL name",
     1,
     {{NULL, "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "", 0, NO_IDX)},
    {"status.h invalid_parameter_name: space in a name",
     1,
     {{"Key Pair", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Key Pair", 3, NO_IDX)},
    {"status.h invalid_parameter_name: underscore in a name",
     1,
     {{"Key_Pair_Name", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Key_Pair_Name", 3, NO_IDX)},
    {"status.h invalid_parameter_name: hyphen in a name",
     2,
     {{"RegionId", "cn-hangzhou"}, {"Region-Id", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Region-Id", 6, NO_IDX)},
    {"status.h invalid_parameter_name: non-ASCII name",
     1,
     {{"R\xC3\xA9gion", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "R\xC3\xA9gion", 1, NO_IDX)},
    {"status.h invalid_parameter_name: '=' in a name",
     1,
     {{"Name=", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Name=", 4, NO_IDX)},
    {"status.h invalid_parameter_name: '~' is unreserved but not a name byte",
     1,
     {{"~", "v"}},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "~", 0, NO_IDX)},

    /* duplicate_parameter: diag.field is the name, diag.index its second position. */
    {"status.h duplicate_parameter: same name twice",
     3,
     {{"RegionId", "cn-hangzhou"}, {"Action", "AttachKeyPair"}, {"RegionId", "cn-qingdao"}},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "RegionId", NO_OFF, 2)},
    {"status.h duplicate_parameter: same name and value twice",
     2,
     {{"Format", "XML"}, {"Format", "XML"}},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Format", NO_OFF, 1)},
    {"status.h duplicate_parameter: Signature twice is still a duplicate",
     2,
     {{"Signature", "a"}, {"Signature", "b"}},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Signature", NO_OFF, 1)},
    {"api-facts 1: Timestamp and TimeStamp are different names (no case folding)",
     2,
     {{"Timestamp", "2016-02-23T12:46:24Z"}, {"TimeStamp", "2016-02-23T12:46:24Z"}},
     OK_OUT("TimeStamp=2016-02-23T12%3A46%3A24Z&Timestamp=2016-02-23T12%3A46%3A24Z")},

    /* invalid_utf8: diag.field is the parameter, diag.offset the byte offset in the value. */
    {"status.h invalid_utf8: overlong C0 80",
     2,
     {{"Action", "x"}, {"KeyPairName", "ab\xC0\x80"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 2, NO_IDX)},
    {"status.h invalid_utf8: surrogate ED A0 80",
     1,
     {{"RegionId", "cn-\xED\xA0\x80"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "RegionId", 3, NO_IDX)},
    {"status.h invalid_utf8: truncated sequence at the end",
     1,
     {{"V", "\xC3\xA9\xE2\x82"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "V", 2, NO_IDX)},
    {"status.h invalid_utf8: F5",
     1,
     {{"V", "abcd\xF5\x80\x80\x80"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "V", 4, NO_IDX)},
    {"status.h invalid_utf8: Latin-1 byte (wrong charset, api-facts 6)",
     1,
     {{"KeyPairName", "caf\xE9"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 3, NO_IDX)},
    {"status.h invalid_utf8: Signature is checked even though it is left out",
     1,
     {{"Signature", "\xFF"}},
     FAIL(ECSKP_ERR_INVALID_UTF8, "Signature", 0, NO_IDX)},

    {"encode.h: a NULL value is an invalid argument (use \"\" for empty)",
     1,
     {{"RegionId", NULL}},
     FAIL(ECSKP_ERR_INVALID_ARGUMENT, "RegionId", NO_OFF, NO_IDX)},
};

static ecskp_status canon_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                             ecskp_diag *diag) {
    const canon_row *r = arg;
    return ecskp_canonical_query(r->n > 0 ? r->p : NULL, r->n, buf, cap, out_len, diag);
}

static void test_canonical_query(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(canon_rows); i++)
        run_encode(canon_rows[i].source, canon_fn, &canon_rows[i], &canon_rows[i].e, NULL, NULL);
}

/* A generated list of `n` parameters P000=v ... */
typedef struct many_params {
    size_t n;
    ecskp_param p[ECSKP_MAX_PARAMS + 2];
    char names[ECSKP_MAX_PARAMS + 2][8];
} many_params;

static void make_params(many_params *m, size_t n) {
    m->n = n;
    for (size_t i = 0; i < n; i++) {
        /* Reverse order, so the sort has work to do. */
        snprintf(m->names[i], sizeof m->names[i], "P%03zu", n - 1 - i);
        m->p[i].name = m->names[i];
        m->p[i].value = "v";
    }
}

static ecskp_status many_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                            ecskp_diag *diag) {
    const many_params *m = arg;
    return ecskp_canonical_query(m->p, m->n, buf, cap, out_len, diag);
}

static void test_canonical_limits(void **state) {
    (void)state;
    static many_params m;
    static char out[OUT_CAP];

    make_params(&m, ECSKP_MAX_PARAMS);
    expect ok = {ECSKP_OK, NULL, "", NO_OFF, NO_IDX};
    /* 128 pairs of "Pnnn=v" (6 bytes) and 127 '&'. */
    size_t len = run_encode("encode.h: 128 parameters, the most one list may hold", many_fn, &m,
                            &ok, out, NULL);
    check_size("encode.h: 128 parameters", "length", len, 128 * 6 + 127);
    CHECK("encode.h: 128 parameters sorted", strncmp(out, "P000=v&P001=v&", 14) == 0);
    check_str("encode.h: 128 parameters sorted", "tail", out + len - 13, "P126=v&P127=v");

    make_params(&m, ECSKP_MAX_PARAMS + 1);
    expect too_many = {ECSKP_ERR_TOO_MANY_PARAMETERS, NULL, "", NO_OFF, ECSKP_MAX_PARAMS + 1};
    run_encode("status.h too_many_parameters: 129 parameters", many_fn, &m, &too_many, NULL, NULL);

    /* Arguments. */
    ecskp_param p = {"A", "b"};
    char buf[8];
    ecskp_diag d;
    size_t n = 5;
    rows_run += 2;
    check_status("encode.h: params NULL with count > 0", "call",
                 ecskp_canonical_query(NULL, 1, buf, sizeof buf, &n, &d),
                 ECSKP_ERR_INVALID_ARGUMENT);
    check_diag("encode.h: params NULL with count > 0", &d, ECSKP_ERR_INVALID_ARGUMENT, "", NO_OFF,
               NO_IDX);
    check_size("encode.h: params NULL with count > 0", "*out_len", n, 0);
    check_status("encode.h: buf NULL with cap > 0", "call",
                 ecskp_canonical_query(&p, 1, NULL, 8, &n, &d), ECSKP_ERR_INVALID_ARGUMENT);
}

/* Explicit buffer rows on the documented DescribeRegions query (run_encode does the same for
 * every passing row). */
static void test_buffer_sizes(void **state) {
    (void)state;
    static const ecskp_param p[] = {DESCRIBE_REGIONS_PARAMS};
    const char *src = "encode.h output convention: DescribeRegions sizing";
    const size_t want = strlen(DESCRIBE_REGIONS_QUERY);
    char buf[512];
    size_t len = 0;
    ecskp_diag d;
    rows_run += 4;

    check_status(src, "size query", ecskp_canonical_query(p, COUNT(p), NULL, 0, &len, &d),
                 ECSKP_ERR_BUFFER_TOO_SMALL);
    check_size(src, "needed length", len, want);
    check_status(src, "diag.status", d.status, ECSKP_ERR_BUFFER_TOO_SMALL);

    memset(buf, '#', sizeof buf);
    check_status(src, "len bytes", ecskp_canonical_query(p, COUNT(p), buf, want, &len, &d),
                 ECSKP_ERR_BUFFER_TOO_SMALL);
    check_size(src, "needed length (len bytes)", len, want);
    check_true(src, "NUL at cap - 1", buf[want - 1] == '\0');
    check_true(src, "nothing written at cap", buf[want] == '#');

    check_status(src, "one byte", ecskp_canonical_query(p, COUNT(p), buf, 1, &len, NULL),
                 ECSKP_ERR_BUFFER_TOO_SMALL);
    check_true(src, "one-byte buffer holds the empty string", buf[0] == '\0');
    check_size(src, "needed length (one byte)", len, want);

    memset(buf, '#', sizeof buf);
    junk_diag(&d);
    check_status(src, "len + 1 bytes", ecskp_canonical_query(p, COUNT(p), buf, want + 1, &len, &d),
                 ECSKP_OK);
    check_str(src, "output", buf, DESCRIBE_REGIONS_QUERY);
    check_diag(src, &d, ECSKP_OK, "", NO_OFF, NO_IDX);
    check_true(src, "nothing written after the NUL", buf[want + 1] == '#');
}

/* ------------------------------------------------------------------ InstanceIds: C array */

typedef struct ids_row {
    const char *source;
    size_t n;
    const char *ids[6];
    unsigned flags;
    expect e;
} ids_row;

#define IDS_FAIL(st, idx) FAIL(st, "InstanceIds", NO_OFF, idx)

static const ids_row ids_rows[] = {
    {"api-docs/AttachKeyPair.reference.md: [\"i-XXXXX\"]",
     1,
     {"i-XXXXX"},
     0,
     OK_OUT("[\"i-XXXXX\"]")},
    {"api-docs/DetachKeyPair.txt sample request IDs",
     2,
     {"i-xxxxxxx", "i-yyyyyyy"},
     0,
     OK_OUT("[\"i-xxxxxxx\",\"i-yyyyyyy\"]")},
    {"api-facts 1/4: masked IDs of the documented response",
     2,
     {"i-m5eg7be9ndloji64****", "i-m5e25x2mwr0hk33d****"},
     0,
     OK_OUT("[\"i-m5eg7be9ndloji64****\",\"i-m5e25x2mwr0hk33d****\"]")},
    {"api-facts 1: masked ID i-bp1gtjxuuvwj17zr****",
     1,
     {"i-bp1gtjxuuvwj17zr****"},
     0,
     OK_OUT("[\"i-bp1gtjxuuvwj17zr****\"]")},
    {"api-facts 1: current ID i- + 20",
     1,
     {"i-m5eg7be9ndloji64jknv"},
     0,
     OK_OUT("[\"i-m5eg7be9ndloji64jknv\"]")},
    {"api-facts 1: legacy ID i-23jggx34b", 1, {"i-23jggx34b"}, 0, OK_OUT("[\"i-23jggx34b\"]")},
    {"api-facts 1: very old unprefixed ID AY121018033933eae8689",
     1,
     {"AY121018033933eae8689"},
     0,
     OK_OUT("[\"AY121018033933eae8689\"]")},
    {"api-facts 1: the DetachKeyPair page's d- prefix passes (IDs are opaque)",
     2,
     {"d-xxxxxxxxx", "d-yyyyyyyyy"},
     0,
     OK_OUT("[\"d-xxxxxxxxx\",\"d-yyyyyyyyy\"]")},
    {"encode.h: 64-byte ID is the longest", 1, {ID64}, 0, OK_OUT("[\"" ID64 "\"]")},
    {"encode.h: printable ASCII other than space, quote, backslash",
     1,
     {"!#$%&'()*+,/:;<=>?@[]^`{|}~"},
     0,
     OK_OUT("[\"!#$%&'()*+,/:;<=>?@[]^`{|}~\"]")},
    {"encode.h: output keeps the caller's order",
     3,
     {"i-c", "i-a", "i-b"},
     0,
     OK_OUT("[\"i-c\",\"i-a\",\"i-b\"]")},

    {"status.h ids_empty: zero IDs", 0, {NULL}, 0, IDS_FAIL(ECSKP_ERR_IDS_EMPTY, 0)},
    {"status.h ids_invalid_element: NULL element",
     2,
     {"i-a", NULL},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 1)},
    {"status.h ids_invalid_element: empty string",
     1,
     {""},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"status.h ids_invalid_element: 65-byte ID",
     2,
     {"i-a", ID65},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 1)},
    {"status.h ids_invalid_element: space",
     3,
     {"i-a", "i-b", "i-c d"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 2)},
    {"status.h ids_invalid_element: double quote",
     1,
     {"i-\"a"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"status.h ids_invalid_element: backslash",
     1,
     {"i-\\a"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"status.h ids_invalid_element: control byte (tab)",
     1,
     {"i-\ta"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"status.h ids_invalid_element: DEL",
     1,
     {"i-\x7f"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"status.h ids_invalid_element: non-ASCII",
     2,
     {"i-a", "i-\xC3\xA9"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 1)},
    {"status.h ids_duplicate: index of the second occurrence",
     3,
     {"i-a", "i-b", "i-a"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_DUPLICATE, 2)},
    {"status.h ids_duplicate: masked IDs that repeat",
     2,
     {"i-bp1gtjxuuvwj17zr****", "i-bp1gtjxuuvwj17zr****"},
     0,
     IDS_FAIL(ECSKP_ERR_IDS_DUPLICATE, 1)},
    {"encode.h: IDs differing only in case are different",
     2,
     {"i-abc", "i-ABC"},
     0,
     OK_OUT("[\"i-abc\",\"i-ABC\"]")},

    {"encode.h ECSKP_IDS_STRICT: i-abc123 passes",
     2,
     {"i-abc123", "i-m5eg7be9ndloji64jknv"},
     ECSKP_IDS_STRICT,
     OK_OUT("[\"i-abc123\",\"i-m5eg7be9ndloji64jknv\"]")},
    {"encode.h ECSKP_IDS_STRICT: legacy AY... rejected",
     1,
     {"AY121018033933eae8689"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"encode.h ECSKP_IDS_STRICT: upper case i-ABC rejected",
     2,
     {"i-abc", "i-ABC"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 1)},
    {"encode.h ECSKP_IDS_STRICT: masked **** rejected",
     1,
     {"i-bp1gtjxuuvwj17zr****"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"encode.h ECSKP_IDS_STRICT: the bare prefix i- rejected",
     1,
     {"i-"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"encode.h ECSKP_IDS_STRICT: disk prefix d- rejected (DetachKeyPair.txt typo)",
     1,
     {"d-xxxxxxxxx"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"encode.h ECSKP_IDS_STRICT: I- upper-case prefix rejected",
     1,
     {"I-abc"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
    {"encode.h ECSKP_IDS_STRICT: i-a-b rejected",
     1,
     {"i-a-b"},
     ECSKP_IDS_STRICT,
     IDS_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, 0)},
};

static ecskp_status ids_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                           ecskp_diag *diag) {
    const ids_row *r = arg;
    return ecskp_ids_from_array(r->n > 0 ? r->ids : NULL, r->n, r->flags, buf, cap, out_len, diag);
}

static void test_ids_from_array(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(ids_rows); i++)
        run_encode(ids_rows[i].source, ids_fn, &ids_rows[i], &ids_rows[i].e, NULL, NULL);

    char buf[16];
    size_t len = 7;
    ecskp_diag d;
    rows_run += 2;
    check_status("encode.h: ids NULL with count > 0", "call",
                 ecskp_ids_from_array(NULL, 1, 0, buf, sizeof buf, &len, &d),
                 ECSKP_ERR_INVALID_ARGUMENT);
    check_size("encode.h: ids NULL with count > 0", "*out_len", len, 0);
    const char *one[] = {"i-a"};
    check_status("encode.h: buf NULL with cap > 0", "call",
                 ecskp_ids_from_array(one, 1, 0, NULL, 4, &len, &d), ECSKP_ERR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ InstanceIds: JSON text */

typedef struct json_row {
    const char *source;
    const char *json;
    size_t len; /* 0: strlen(json) */
    unsigned flags;
    expect e;
} json_row;

#define JSON_FAIL(st, off, idx) FAIL(st, "InstanceIds", off, idx)

static const json_row json_rows[] = {
    {"api-docs/DetachKeyPair.txt sample: space after the comma", "[\"i-xxxxxxx\", \"i-yyyyyyy\"]",
     0, 0, OK_OUT("[\"i-xxxxxxx\",\"i-yyyyyyy\"]")},
    {"api-docs/DetachKeyPair.txt sample, compact form", "[\"i-xxxxxxx\",\"i-yyyyyyy\"]", 0, 0,
     OK_OUT("[\"i-xxxxxxx\",\"i-yyyyyyy\"]")},
    {"api-docs/AttachKeyPair.reference.md: [\"i-XXXXX\"]", "[\"i-XXXXX\"]", 0, 0,
     OK_OUT("[\"i-XXXXX\"]")},
    {"api-facts 4: masked IDs", "[\"i-m5eg7be9ndloji64****\", \"i-m5e25x2mwr0hk33d****\"]", 0, 0,
     OK_OUT("[\"i-m5eg7be9ndloji64****\",\"i-m5e25x2mwr0hk33d****\"]")},
    {"api-facts 1: legacy and unprefixed IDs", "[ \"i-23jggx34b\" , \"AY121018033933eae8689\" ]", 0,
     0, OK_OUT("[\"i-23jggx34b\",\"AY121018033933eae8689\"]")},
    {"RFC 8259: all four white-space bytes, before, inside and after",
     " \t\r\n[\n\t\"i-a\"\r\n,\t\"i-b\" ]\r\n\t ", 0, 0, OK_OUT("[\"i-a\",\"i-b\"]")},
    {"encode.h: a JSON escape that decodes to a valid ID (\\u0061 is a)", "[\"i-\\u0061\"]", 0, 0,
     OK_OUT("[\"i-a\"]")},
    {"encode.h: \\u0069 and \\/ decode to valid bytes", "[\"\\u0069-\\u0041/\", \"i-\\/b\"]", 0, 0,
     OK_OUT("[\"i-A/\",\"i-/b\"]")},
    {"encode.h: 64-byte ID", "[\"" ID64 "\"]", 0, 0, OK_OUT("[\"" ID64 "\"]")},
    {"encode.h ECSKP_IDS_STRICT: i-abc123 passes", "[\"i-abc123\"]", 0, ECSKP_IDS_STRICT,
     OK_OUT("[\"i-abc123\"]")},

    /* ids_malformed: diag.offset is where the problem is. */
    {"api-docs/AttachKeyPair.reference.md: the documented format has an ellipsis, not JSON",
     "[\"i-xxxxxxxxx\", \"i-yyyyyyyyy\", \xE2\x80\xA6 \"i-zzzzzzzzz\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 31, NO_IDX)},
    {"api-docs/DetachKeyPair.txt: the documented example has an ellipsis, not JSON",
     "[\"d-xxxxxxxxx\", \"d-yyyyyyyyy\", \xE2\x80\xA6 \"d-zzzzzzzzz\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 31, NO_IDX)},
    {"status.h ids_malformed: unterminated array", "[\"i-a\"", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 5, NO_IDX)},
    {"status.h ids_malformed: trailing comma", "[\"i-a\",]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"status.h ids_malformed: missing comma", "[\"i-a\" \"i-b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"status.h ids_malformed: unquoted ID", "[i-a]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 1, NO_IDX)},
    {"status.h ids_malformed: single quotes", "['i-a']", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 1, NO_IDX)},
    {"status.h ids_malformed: trailing ]x", "[\"i-a\"]]x", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"status.h ids_malformed: trailing x after white space", "[\"i-a\"] \n x", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 10, NO_IDX)},
    {"status.h ids_malformed: two arrays", "[\"i-a\"][\"i-b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"status.h ids_malformed: invalid UTF-8 inside a string", "[\"i-\xC3\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 4, NO_IDX)},
    {"status.h ids_malformed: invalid UTF-8 (surrogate) after the array", "[\"i-a\"] \xED\xA0\x80",
     0, 0, JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 8, NO_IDX)},
    {"status.h ids_malformed: escaped NUL \\u0000", "[\"i-a\", \"i-\\u0000b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 11, NO_IDX)},
    {"status.h ids_malformed: raw NUL after the array", "[\"i-a\"]\0", 8, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"RFC 8259: raw tab inside a string", "[\"i-\ta\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 4, NO_IDX)},
    {"RFC 8259: control byte 0x01 is not white space", "[\x01\"i-a\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 1, NO_IDX)},
    {"RFC 8259: vertical tab before the array is not white space", "\x0b[\"i-a\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 0, NO_IDX)},
    {"RFC 8259: form feed after the array is not white space", "[\"i-a\"]\x0c", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 7, NO_IDX)},
    {"RFC 8259: lone surrogate escape", "[\"i-\\ud800\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 4, NO_IDX)},
    {"RFC 8259: invalid escape \\x", "[\"i-\\x41\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 4, NO_IDX)},
    {"status.h ids_malformed: empty text", "", 0, 0, JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 0, NO_IDX)},
    {"status.h ids_malformed: only white space", "  \n", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_MALFORMED, 2, NO_IDX)},

    {"status.h ids_not_array: an object", "{}", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_NOT_ARRAY, NO_OFF, NO_IDX)},
    {"status.h ids_not_array: a bare string", "\"i-a\"", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_NOT_ARRAY, NO_OFF, NO_IDX)},
    {"status.h ids_not_array: an object wrapping the array", "{\"InstanceIds\": [\"i-a\"]}", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_NOT_ARRAY, NO_OFF, NO_IDX)},
    {"status.h ids_not_array: null", "null", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_NOT_ARRAY, NO_OFF, NO_IDX)},

    {"status.h ids_empty: []", "[]", 0, 0, JSON_FAIL(ECSKP_ERR_IDS_EMPTY, NO_OFF, 0)},
    {"status.h ids_empty: [ ] with white space", " [ \n ] ", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_EMPTY, NO_OFF, 0)},

    {"status.h ids_invalid_element: number", "[\"i-a\", 1]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: nested array", "[[\"i-a\"]]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: null element", "[\"i-a\", \"i-b\", null]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 2)},
    {"status.h ids_invalid_element: boolean", "[true]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: object", "[\"i-a\", {\"Id\": \"i-b\"}]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: empty string", "[\"i-a\", \"\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: 65-byte ID", "[\"" ID65 "\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: space", "[\"i-a b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: quote through \\\"", "[\"i-a\", \"i-\\\"b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: backslash through \\\\", "[\"i-\\\\b\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: control byte through \\t", "[\"i-\\tb\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: control byte through \\u001f", "[\"i-a\", \"i-\\u001f\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: raw non-ASCII", "[\"i-caf\xC3\xA9\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_invalid_element: non-ASCII through \\u00e9", "[\"i-a\", \"i-\\u00e9\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"status.h ids_invalid_element: emoji through a surrogate pair", "[\"i-\\ud83d\\ude00\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},

    {"encode.h: an escaped backslash before u0000 is not an escaped NUL", "[\"i-\\\\u0000\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"status.h ids_duplicate: index of the second occurrence", "[\"i-a\", \"i-b\", \"i-a\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_DUPLICATE, NO_OFF, 2)},
    {"status.h ids_duplicate: duplicate spelled with an escape", "[\"i-a\", \"i-\\u0061\"]", 0, 0,
     JSON_FAIL(ECSKP_ERR_IDS_DUPLICATE, NO_OFF, 1)},

    {"encode.h ECSKP_IDS_STRICT: legacy AY... rejected", "[\"AY121018033933eae8689\"]", 0,
     ECSKP_IDS_STRICT, JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
    {"encode.h ECSKP_IDS_STRICT: i-ABC rejected", "[\"i-abc\", \"i-ABC\"]", 0, ECSKP_IDS_STRICT,
     JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 1)},
    {"encode.h ECSKP_IDS_STRICT: masked **** rejected", "[\"i-m5eg7be9ndloji64****\"]", 0,
     ECSKP_IDS_STRICT, JSON_FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, NO_OFF, 0)},
};

static ecskp_status json_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                            ecskp_diag *diag) {
    const json_row *r = arg;
    size_t n = r->len != 0 ? r->len : strlen(r->json);
    return ecskp_ids_normalize(r->json, n, r->flags, NULL, buf, cap, out_len, diag);
}

static void test_ids_normalize(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(json_rows); i++)
        run_encode(json_rows[i].source, json_fn, &json_rows[i], &json_rows[i].e, NULL, NULL);

    char buf[16];
    size_t len = 7;
    ecskp_diag d;
    rows_run += 2;
    check_status("encode.h: json NULL with len > 0", "call",
                 ecskp_ids_normalize(NULL, 3, 0, NULL, buf, sizeof buf, &len, &d),
                 ECSKP_ERR_INVALID_ARGUMENT);
    check_size("encode.h: json NULL with len > 0", "*out_len", len, 0);
    check_status("encode.h: json NULL, 0 is empty text", "call",
                 ecskp_ids_normalize(NULL, 0, 0, NULL, buf, sizeof buf, &len, &d),
                 ECSKP_ERR_IDS_MALFORMED);
}

/* ------------------------------------------------------------------ InstanceIds: counts */

typedef struct gen_ids {
    size_t n;
    unsigned flags;
    const char *ptrs[ECSKP_MAX_INSTANCE_IDS + 2];
    char ids[ECSKP_MAX_INSTANCE_IDS + 2][ECSKP_MAX_INSTANCE_ID_BYTES + 1];
    char *json; /* the same IDs as JSON text with ", " separators */
} gen_ids;

/* n IDs of `width` bytes: i-000...0, i-000...1, ... (strict-shaped). */
static void make_ids(gen_ids *g, size_t n, size_t width) {
    g->n = n;
    g->flags = ECSKP_IDS_STRICT;
    size_t cap = 2 + n * (width + 4) + 1;
    g->json = malloc(cap);
    assert_non_null(g->json);
    size_t at = 0;
    g->json[at++] = '[';
    for (size_t i = 0; i < n; i++) {
        snprintf(g->ids[i], sizeof g->ids[i], "i-%0*zu", (int)(width - 2), i);
        g->ptrs[i] = g->ids[i];
        at += (size_t)snprintf(g->json + at, cap - at, "%s\"%s\"", i > 0 ? ", " : "", g->ids[i]);
    }
    g->json[at++] = ']';
    g->json[at] = '\0';
}

static ecskp_status gen_array_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                 ecskp_diag *diag) {
    const gen_ids *g = arg;
    return ecskp_ids_from_array(g->ptrs, g->n, g->flags, buf, cap, out_len, diag);
}

static ecskp_status gen_json_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                ecskp_diag *diag) {
    const gen_ids *g = arg;
    return ecskp_ids_normalize(g->json, strlen(g->json), g->flags, NULL, buf, cap, out_len, diag);
}

static ecskp_status gen_typed_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                 ecskp_diag *diag) {
    const gen_ids *g = arg;
    ecskp_keypair_request r = {0};
    r.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "k";
    r.instance_ids = g->ptrs;
    r.instance_id_count = g->n;
    r.ids_flags = g->flags;
    return ecskp_keypair_query(&r, buf, cap, out_len, diag);
}

static ecskp_status gen_typed_json_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                      ecskp_diag *diag) {
    const gen_ids *g = arg;
    ecskp_keypair_request r = {0};
    r.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "k";
    r.instance_ids_json = g->json;
    r.ids_flags = g->flags;
    return ecskp_keypair_query(&r, buf, cap, out_len, diag);
}

static void test_ids_counts(void **state) {
    (void)state;
    static gen_ids g;
    static char a[OUT_CAP], b[OUT_CAP];
    expect ok = {ECSKP_OK, NULL, "", NO_OFF, NO_IDX};

    /* One ID. */
    make_ids(&g, 1, 22);
    run_encode("api-facts 1: one ID (C array)", gen_array_fn, &g, &ok, a, NULL);
    check_str("api-facts 1: one ID (C array)", "output", a, "[\"i-00000000000000000000\"]");
    run_encode("api-facts 1: one ID (JSON)", gen_json_fn, &g, &ok, b, NULL);
    check_str("api-facts 1: one ID (JSON)", "output", b, a);
    free(g.json);

    /* 50 IDs of 22 bytes: `[` `]`, 50 * (22 + 2 quotes), 49 commas. */
    make_ids(&g, 50, 22);
    size_t len =
        run_encode("api-facts 1: 50 IDs, the limit (C array)", gen_array_fn, &g, &ok, a, NULL);
    check_size("api-facts 1: 50 IDs (C array)", "length", len, 2 + 50 * 24 + 49);
    CHECK("api-facts 1: 50 IDs (C array) start",
          strncmp(a, "[\"i-00000000000000000000\",\"i-00000000000000000001\",", 50) == 0);
    check_str("api-facts 1: 50 IDs (C array) end", "tail", a + len - 26,
              ",\"i-00000000000000000049\"]");
    len = run_encode("api-facts 1: 50 IDs, the limit (JSON with spaces)", gen_json_fn, &g, &ok, b,
                     NULL);
    check_size("api-facts 1: 50 IDs (JSON)", "length", len, 2 + 50 * 24 + 49);
    check_str("api-facts 1: 50 IDs, JSON and C array agree", "output", b, a);
    /* Typed: Action=AttachKeyPair (20) &InstanceIds= (13) + encoded value (`[` `]` 6, each ID
     * 22 + 6 for its quotes, 49 commas of 3) + &KeyPairName=k (14) + &RegionId=cn-hangzhou
     * (21). */
    size_t want = 20 + 13 + (6 + 50 * 28 + 49 * 3) + 14 + 21;
    len = run_encode("api-facts 1: 50 IDs through the typed query (C array)", gen_typed_fn, &g, &ok,
                     a, NULL);
    check_size("api-facts 1: 50 IDs typed (C array)", "length", len, want);
    CHECK("api-facts 1: 50 IDs typed (C array) start",
          strncmp(a, "Action=AttachKeyPair&InstanceIds=%5B%22i-00000000000000000000%22%2C", 67) ==
              0);
    len = run_encode("api-facts 1: 50 IDs through the typed query (JSON)", gen_typed_json_fn, &g,
                     &ok, b, NULL);
    check_size("api-facts 1: 50 IDs typed (JSON)", "length", len, want);
    check_str("api-facts 1: 50 IDs typed, JSON and C array agree", "output", b, a);
    free(g.json);

    /* 50 IDs of 64 bytes: the largest InstanceIds text fits ECSKP_IDS_JSON_SIZE. */
    make_ids(&g, 50, 64);
    g.flags = 0;
    len = run_encode("encode.h: 50 IDs of 64 bytes (C array)", gen_array_fn, &g, &ok, a, NULL);
    check_size("encode.h: 50 IDs of 64 bytes", "length", len, 2 + 50 * 66 + 49);
    CHECK("encode.h: ECSKP_IDS_JSON_SIZE suffices", len + 1 <= ECSKP_IDS_JSON_SIZE);
    len = run_encode("encode.h: 50 IDs of 64 bytes (JSON)", gen_json_fn, &g, &ok, b, NULL);
    check_str("encode.h: 50 IDs of 64 bytes, JSON and C array agree", "output", b, a);
    len = run_encode("encode.h: 50 IDs of 64 bytes through the typed query", gen_typed_json_fn, &g,
                     &ok, NULL, NULL);
    check_size("encode.h: 50 IDs of 64 bytes typed", "length", len,
               20 + 13 + (6 + 50 * 70 + 49 * 3) + 14 + 21);
    free(g.json);

    /* 51 IDs: ids_too_many with diag.index == 51, everywhere. */
    make_ids(&g, 51, 22);
    expect too_many = {ECSKP_ERR_IDS_TOO_MANY, NULL, "InstanceIds", NO_OFF, 51};
    run_encode("status.h ids_too_many: 51 IDs (C array)", gen_array_fn, &g, &too_many, NULL, NULL);
    run_encode("status.h ids_too_many: 51 IDs (JSON)", gen_json_fn, &g, &too_many, NULL, NULL);
    run_encode("status.h ids_too_many: 51 IDs (typed, C array)", gen_typed_fn, &g, &too_many, NULL,
               NULL);
    run_encode("status.h ids_too_many: 51 IDs (typed, JSON)", gen_typed_json_fn, &g, &too_many,
               NULL, NULL);
    /* The count is checked before the elements: a bad 51st ID still reports the count. */
    g.ptrs[50] = "bad id";
    run_encode("status.h ids_too_many: 51 IDs, the last one invalid", gen_array_fn, &g, &too_many,
               NULL, NULL);
    free(g.json);

    /* 0 IDs. */
    make_ids(&g, 0, 22);
    expect empty = {ECSKP_ERR_IDS_EMPTY, NULL, "InstanceIds", NO_OFF, 0};
    run_encode("status.h ids_empty: 0 IDs (C array)", gen_array_fn, &g, &empty, NULL, NULL);
    run_encode("status.h ids_empty: 0 IDs (JSON [])", gen_json_fn, &g, &empty, NULL, NULL);
    run_encode("status.h ids_empty: 0 IDs (typed, JSON [])", gen_typed_json_fn, &g, &empty, NULL,
               NULL);
    free(g.json);
}

/* Text length limit: ECSKP_MAX_IDS_TEXT_BYTES bytes pass, one more is ids_malformed. */
typedef struct text_arg {
    const char *s;
    size_t len;
} text_arg;

static ecskp_status text_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                            ecskp_diag *diag) {
    const text_arg *t = arg;
    return ecskp_ids_normalize(t->s, t->len, 0, NULL, buf, cap, out_len, diag);
}

static void test_ids_text_limit(void **state) {
    (void)state;
    const size_t max = ECSKP_MAX_IDS_TEXT_BYTES;
    char *s = malloc(max + 2);
    assert_non_null(s);
    memset(s, ' ', max + 1);
    memcpy(s, "[\"i-a\"]", 7);
    s[max + 1] = '\0';

    text_arg t = {s, max};
    expect ok = {ECSKP_OK, "[\"i-a\"]", "", NO_OFF, NO_IDX};
    run_encode("encode.h: 65536 bytes of text (white-space padded) pass", text_fn, &t, &ok, NULL,
               NULL);
    t.len = max + 1;
    expect too_long = {ECSKP_ERR_IDS_MALFORMED, NULL, "InstanceIds", max, NO_IDX};
    run_encode("status.h ids_malformed: text over 65536 bytes", text_fn, &t, &too_long, NULL, NULL);

    /* Nesting: the pre-scan stops at depth 65 before cJSON recurses; depth 64 reaches cJSON,
     * which sees an array whose element is not a string. */
    memset(s, '[', 65);
    memset(s + 65, ']', 65);
    t.len = 130;
    expect deep = {ECSKP_ERR_IDS_MALFORMED, NULL, "InstanceIds", 64, NO_IDX};
    run_encode("DESIGN.md: nesting depth 65 is refused before parsing", text_fn, &t, &deep, NULL,
               NULL);
    t.s = s + 1;
    t.len = 128;
    expect nested = {ECSKP_ERR_IDS_INVALID_ELEMENT, NULL, "InstanceIds", NO_OFF, 0};
    run_encode("DESIGN.md: nesting depth 64 parses; the element is an array", text_fn, &t, &nested,
               NULL, NULL);

    /* Through the typed layer, which takes the text by strlen(). */
    memset(s, ' ', max + 1);
    memcpy(s, "[\"i-a\"]", 7);
    s[max + 1] = '\0';
    ecskp_keypair_request r = {0};
    r.action = ECSKP_ACTION_DETACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "FinanceJoshuaV26";
    r.instance_ids_json = s;
    char buf[256];
    size_t len = 3;
    ecskp_diag d;
    rows_run++;
    check_status("status.h ids_malformed: typed text over 65536 bytes", "call",
                 ecskp_keypair_query(&r, buf, sizeof buf, &len, &d), ECSKP_ERR_IDS_MALFORMED);
    check_diag("status.h ids_malformed: typed text over 65536 bytes", &d, ECSKP_ERR_IDS_MALFORMED,
               "InstanceIds", max, NO_IDX);
    check_size("status.h ids_malformed: typed text over 65536 bytes", "*out_len", len, 0);
    free(s);
}

/* ------------------------------------------------------------------ Timestamp */

typedef struct ts_row {
    const char *source;
    const char *ts;
    int valid;
} ts_row;

static const ts_row ts_rows[] = {
    {"api-facts 2: documented 2016-02-23T12:46:24Z", "2016-02-23T12:46:24Z", 1},
    {"encode.h: midnight", "2024-01-01T00:00:00Z", 1},
    {"encode.h: last second of a day", "2023-12-31T23:59:59Z", 1},
    {"encode.h: leap second 60", "2016-12-31T23:59:60Z", 1},
    {"encode.h: Feb 29 of a leap year", "2016-02-29T00:00:00Z", 1},
    {"encode.h: Feb 29 of 2000 (divisible by 400)", "2000-02-29T12:00:00Z", 1},
    {"api-facts 1/6: milliseconds", "2016-02-23T12:46:24.000Z", 0},
    {"api-facts 1: offset +08:00 instead of Z", "2016-02-23T12:46:24+08:00", 0},
    {"api-facts 1: no zone designator", "2016-02-23T12:46:24", 0},
    {"encode.h: lower-case t", "2016-02-23t12:46:24Z", 0},
    {"encode.h: lower-case z", "2016-02-23T12:46:24z", 0},
    {"encode.h: space instead of T", "2016-02-23 12:46:24Z", 0},
    {"encode.h: Feb 30", "2016-02-30T12:46:24Z", 0},
    {"encode.h: Feb 29 of a common year", "2015-02-29T12:46:24Z", 0},
    {"encode.h: Feb 29 of 1900 (century, not leap)", "1900-02-29T12:46:24Z", 0},
    {"encode.h: Apr 31", "2016-04-31T12:46:24Z", 0},
    {"encode.h: month 13", "2016-13-01T12:46:24Z", 0},
    {"encode.h: month 00", "2016-00-01T12:46:24Z", 0},
    {"encode.h: day 00", "2016-02-00T12:46:24Z", 0},
    {"encode.h: hour 24", "2016-02-23T24:00:00Z", 0},
    {"encode.h: minute 60", "2016-02-23T12:60:24Z", 0},
    {"encode.h: second 61", "2016-02-23T12:46:61Z", 0},
    {"encode.h: single-digit month", "2016-2-23T12:46:24Z", 0},
    {"encode.h: sign in a digit field", "2016-+2-23T12:46:24Z", 0},
    {"encode.h: URL-encoded colons", "2016-02-23T12%3A46%3A24Z", 0},
    {"encode.h: empty", "", 0},
};

static void test_timestamp_valid(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(ts_rows); i++) {
        rows_run++;
        check_size(ts_rows[i].source, "ecskp_timestamp_valid",
                   (size_t)ecskp_timestamp_valid(ts_rows[i].ts), (size_t)ts_rows[i].valid);
    }
    rows_run++;
    check_size("encode.h: NULL timestamp", "ecskp_timestamp_valid",
               (size_t)ecskp_timestamp_valid(NULL), 0);
}

/* ------------------------------------------------------------------ typed request */

typedef struct typed_row {
    const char *source;
    ecskp_keypair_request req;
    expect e;
    const char *message_has; /* for failures: a substring of diag.message, or NULL */
} typed_row;

#define ATTACH .action = ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH .action = ECSKP_ACTION_DETACH_KEY_PAIR
#define IDS(...)                                                                                   \
    .instance_ids = (const char *const[]){__VA_ARGS__},                                            \
    .instance_id_count = sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)
#define EXTRA(...)                                                                                 \
    .extra = (const ecskp_param[]){__VA_ARGS__},                                                   \
    .extra_count = sizeof((const ecskp_param[]){__VA_ARGS__}) / sizeof(ecskp_param)
/* The AttachKeyPair documented example, as a base for variations. */
#define DOC_ATTACH ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX")
#define DOC_ATTACH_QUERY                                                                           \
    "Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao"
#define DETACH_QUERY                                                                               \
    "Action=DetachKeyPair&InstanceIds=%5B%22i-xxxxxxx%22%2C%22i-yyyyyyy%22%5D&"                    \
    "KeyPairName=FinanceJoshuaV26&RegionId=cn-hangzhou"
#define TS_FAIL FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)
#define MISSING(name) FAIL(ECSKP_ERR_MISSING_PARAMETER, name, NO_OFF, NO_IDX)

static const typed_row typed_rows[] = {
    {"api-docs/AttachKeyPair.reference.md request example (C array)",
     {DOC_ATTACH},
     OK_OUT(DOC_ATTACH_QUERY),
     NULL},
    {"api-docs/AttachKeyPair.reference.md request example (JSON text)",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
      .instance_ids_json = "[\"i-XXXXX\"]"},
     OK_OUT(DOC_ATTACH_QUERY),
     NULL},
    {"api-docs/DetachKeyPair.txt sample request, JSON text with a space after the comma",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "FinanceJoshuaV26",
      .instance_ids_json = "[\"i-xxxxxxx\", \"i-yyyyyyy\"]"},
     OK_OUT(DETACH_QUERY),
     NULL},
    {"api-docs/DetachKeyPair.txt sample request, compact JSON text",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "FinanceJoshuaV26",
      .instance_ids_json = "[\"i-xxxxxxx\",\"i-yyyyyyy\"]"},
     OK_OUT(DETACH_QUERY),
     NULL},
    {"api-docs/DetachKeyPair.txt sample request, C array",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "FinanceJoshuaV26",
      IDS("i-xxxxxxx", "i-yyyyyyy")},
     OK_OUT(DETACH_QUERY),
     NULL},
    {"api-facts 4: masked IDs i-m5eg7be9ndloji64**** (* is %2A)",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
      IDS("i-m5eg7be9ndloji64****", "i-m5e25x2mwr0hk33d****")},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-m5eg7be9ndloji64%2A%2A%2A%2A%22%2C%22i-"
            "m5e25x2mwr0hk33d%2A%2A%2A%2A%22%5D&KeyPairName=test&RegionId=cn-qingdao"),
     NULL},
    {"api-facts 1: masked ID i-bp1gtjxuuvwj17zr**** (JSON text)",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "k",
      .instance_ids_json = "[\"i-bp1gtjxuuvwj17zr****\"]"},
     OK_OUT("Action=DetachKeyPair&InstanceIds=%5B%22i-bp1gtjxuuvwj17zr%2A%2A%2A%2A%22%5D&"
            "KeyPairName=k&RegionId=cn-hangzhou"),
     NULL},
    {"api-facts 1: legacy AY121018033933eae8689 and i-23jggx34b",
     {ATTACH, .region_id = "cn-hangzhou", .key_pair_name = "k",
      IDS("AY121018033933eae8689", "i-23jggx34b")},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22AY121018033933eae8689%22%2C%22i-23jggx34b%"
            "22%5D&KeyPairName=k&RegionId=cn-hangzhou"),
     NULL},
    {"api-facts 1/2: every documented common parameter, sorted among the operation's",
     {DOC_ATTACH, .access_key_id = "testid", .format = "XML", .version = "2014-05-26",
      .signature_method = "HMAC-SHA1", .signature_version = "1.0",
      .signature_nonce = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      .timestamp = "2016-02-23T12:46:24Z"},
     OK_OUT("AccessKeyId=testid&Action=AttachKeyPair&Format=XML&InstanceIds=%5B%22i-XXXXX%22%5D&"
            "KeyPairName=test&RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&"
            "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&"
            "Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"),
     NULL},
    {"api-facts 1: STS token and owner parameters (optional; empty kept as Name=)",
     {DOC_ATTACH, .format = "JSON", .security_token = "CAIS+a/b=", .owner_id = "123",
      .owner_account = "", .resource_owner_id = "456", .resource_owner_account = "ops@example"},
     OK_OUT("Action=AttachKeyPair&Format=JSON&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
            "OwnerAccount=&OwnerId=123&RegionId=cn-qingdao&ResourceOwnerAccount=ops%40example&"
            "ResourceOwnerId=456&SecurityToken=CAIS%2Ba%2Fb%3D"),
     NULL},
    {"api-facts 1: KeyPairName with space and non-ASCII is encoded",
     {ATTACH, .region_id = "ap-southeast-1", .key_pair_name = "my key \xC3\xA9", IDS("i-a")},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-a%22%5D&KeyPairName=my%20key%20%C3%A9&"
            "RegionId=ap-southeast-1"),
     NULL},
    {"encode.h: extra parameters are sorted in; a Signature extra is left out",
     {DOC_ATTACH,
      EXTRA({"DryRun", "true"}, {"Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="}, {"ZoneId", ""})},
     OK_OUT("Action=AttachKeyPair&DryRun=true&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
            "RegionId=cn-qingdao&ZoneId="),
     NULL},
    {"encode.h: a valid Timestamp and Format given through extra",
     {DOC_ATTACH, EXTRA({"Timestamp", "2016-02-23T12:46:24Z"}, {"Format", "XML"})},
     OK_OUT("Action=AttachKeyPair&Format=XML&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
            "RegionId=cn-qingdao&Timestamp=2016-02-23T12%3A46%3A24Z"),
     NULL},
    {"encode.h ECSKP_IDS_STRICT: i-abc123 passes",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .ids_flags = ECSKP_IDS_STRICT,
      .instance_ids_json = "[\"i-abc123\"]"},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-abc123%22%5D&KeyPairName=test&"
            "RegionId=cn-qingdao"),
     NULL},
    {"encode.h: the typed layer leaves a leap second alone",
     {DOC_ATTACH, .timestamp = "2016-12-31T23:59:60Z"},
     OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
            "RegionId=cn-qingdao&Timestamp=2016-12-31T23%3A59%3A60Z"),
     NULL},

    /* missing_parameter: NULL and empty string, diag.field names the parameter. */
    {"status.h missing_parameter: Action (0)",
     {.region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX")},
     MISSING("Action"),
     "Action"},
    {"status.h missing_parameter: RegionId NULL",
     {ATTACH, .key_pair_name = "test", IDS("i-XXXXX")},
     MISSING("RegionId"),
     "\"RegionId\""},
    {"status.h missing_parameter: RegionId empty",
     {ATTACH, .region_id = "", .key_pair_name = "test", IDS("i-XXXXX")},
     MISSING("RegionId"),
     NULL},
    {"status.h missing_parameter: KeyPairName NULL",
     {DETACH, .region_id = "cn-hangzhou", IDS("i-XXXXX")},
     MISSING("KeyPairName"),
     "KeyPairName"},
    {"status.h missing_parameter: KeyPairName empty",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "", IDS("i-XXXXX")},
     MISSING("KeyPairName"),
     NULL},
    {"status.h missing_parameter: InstanceIds NULL (neither array nor JSON)",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test"},
     MISSING("InstanceIds"),
     "InstanceIds"},
    {"status.h missing_parameter: InstanceIds empty JSON text",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids_json = ""},
     MISSING("InstanceIds"),
     NULL},
    {"status.h missing_parameter: the first missing one is named (RegionId before InstanceIds)",
     {DETACH},
     MISSING("RegionId"),
     NULL},

    {"status.h invalid_action: an Action other than Attach/DetachKeyPair",
     {.action = (ecskp_action)3,
      .region_id = "cn-qingdao",
      .key_pair_name = "test",
      IDS("i-XXXXX")},
     FAIL(ECSKP_ERR_INVALID_ACTION, "Action", NO_OFF, NO_IDX),
     NULL},
    {"status.h invalid_action: Action given through extra",
     {DOC_ATTACH, EXTRA({"Action", "DescribeRegions"})},
     FAIL(ECSKP_ERR_INVALID_ACTION, "Action", NO_OFF, NO_IDX),
     NULL},
    {"api-facts 1/6: misspelled_parameter TimeStamp in extra; the hint names Timestamp",
     {DOC_ATTACH, EXTRA({"TimeStamp", "2016-02-23T12:46:24Z"})},
     FAIL(ECSKP_ERR_MISSPELLED_PARAMETER, "TimeStamp", NO_OFF, NO_IDX),
     "\"Timestamp\""},

    {"api-facts 1/6: invalid_timestamp, milliseconds",
     {DOC_ATTACH, .timestamp = "2016-02-23T12:46:24.000Z"},
     TS_FAIL,
     NULL},
    {"api-facts 1: invalid_timestamp, offset +08:00",
     {DOC_ATTACH, .timestamp = "2016-02-23T20:46:24+08:00"},
     TS_FAIL,
     NULL},
    {"encode.h: invalid_timestamp, lower-case t",
     {DOC_ATTACH, .timestamp = "2016-02-23t12:46:24Z"},
     TS_FAIL,
     NULL},
    {"encode.h: invalid_timestamp, lower-case z",
     {DOC_ATTACH, .timestamp = "2016-02-23T12:46:24z"},
     TS_FAIL,
     NULL},
    {"encode.h: invalid_timestamp, Feb 30",
     {DOC_ATTACH, .timestamp = "2016-02-30T12:46:24Z"},
     TS_FAIL,
     NULL},
    {"encode.h: invalid_timestamp, hour 24",
     {DOC_ATTACH, .timestamp = "2016-02-23T24:00:00Z"},
     TS_FAIL,
     NULL},
    {"encode.h: invalid_timestamp, empty string", {DOC_ATTACH, .timestamp = ""}, TS_FAIL, NULL},
    {"api-facts 6: invalid_timestamp, milliseconds given through extra",
     {DOC_ATTACH, EXTRA({"Timestamp", "2016-02-23T12:46:24.000Z"})},
     TS_FAIL,
     NULL},

    {"status.h invalid_parameter_value: Format yaml",
     {DOC_ATTACH, .format = "YAML"},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX),
     NULL},
    {"status.h invalid_parameter_value: Format is case-sensitive (json)",
     {DOC_ATTACH, .format = "json"},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX),
     NULL},
    {"status.h invalid_parameter_value: Format empty",
     {DOC_ATTACH, .format = ""},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX),
     NULL},
    {"status.h invalid_parameter_value: Format given through extra",
     {DOC_ATTACH, EXTRA({"Format", "xml"})},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX),
     NULL},

    /* Parameter list errors found by the generic layer. Typed parameters come first in the
     * list (Action, RegionId, KeyPairName, InstanceIds, then the set common ones), then extra. */
    {"status.h duplicate_parameter: extra repeats RegionId",
     {DOC_ATTACH, EXTRA({"RegionId", "cn-hangzhou"})},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "RegionId", NO_OFF, 4),
     NULL},
    {"status.h duplicate_parameter: extra repeats a set common parameter",
     {DOC_ATTACH, .format = "JSON", .version = "2014-05-26", EXTRA({"Version", "2014-05-26"})},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Version", NO_OFF, 6),
     NULL},
    {"status.h duplicate_parameter: InstanceIds through extra as well",
     {DOC_ATTACH, EXTRA({"InstanceIds", "[\"i-b\"]"})},
     FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "InstanceIds", NO_OFF, 4),
     NULL},
    {"status.h invalid_parameter_name: extra name with _",
     {DOC_ATTACH, EXTRA({"Dry_Run", "true"})},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Dry_Run", 3, NO_IDX),
     NULL},
    {"status.h invalid_parameter_name: extra name empty",
     {DOC_ATTACH, EXTRA({"", "true"})},
     FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "", 0, NO_IDX),
     NULL},
    {"status.h invalid_utf8: RegionId",
     {ATTACH, .region_id = "cn-\xC0\x80", .key_pair_name = "test", IDS("i-XXXXX")},
     FAIL(ECSKP_ERR_INVALID_UTF8, "RegionId", 3, NO_IDX),
     NULL},
    {"status.h invalid_utf8: KeyPairName surrogate",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "key\xED\xA0\x80", IDS("i-XXXXX")},
     FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 3, NO_IDX),
     NULL},
    {"status.h invalid_utf8: SecurityToken truncated",
     {DOC_ATTACH, .security_token = "tok\xF0\x9F"},
     FAIL(ECSKP_ERR_INVALID_UTF8, "SecurityToken", 3, NO_IDX),
     NULL},
    {"status.h invalid_utf8: extra value F5",
     {DOC_ATTACH, EXTRA({"Tag", "\xF5"})},
     FAIL(ECSKP_ERR_INVALID_UTF8, "Tag", 0, NO_IDX),
     NULL},

    /* InstanceIds errors pass through with their diag. */
    {"status.h ids_empty: a non-NULL array of 0 IDs",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
      .instance_ids = (const char *const[]){"i-a"}, .instance_id_count = 0},
     FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0),
     NULL},
    {"status.h ids_empty: JSON []",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids_json = "[]"},
     FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0),
     NULL},
    {"status.h ids_malformed: the page's ellipsis format",
     {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "FinanceJoshuaV26",
      .instance_ids_json = "[\"d-xxxxxxxxx\", \"d-yyyyyyyyy\", \xE2\x80\xA6 \"d-zzzzzzzzz\"]"},
     FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 31, NO_IDX),
     NULL},
    {"status.h ids_not_array: a bare ID as JSON text",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
      .instance_ids_json = "\"i-XXXXX\""},
     FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX),
     NULL},
    {"status.h ids_malformed: a bare ID without quotes is not JSON",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids_json = "i-XXXXX"},
     FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 0, NO_IDX),
     NULL},
    {"status.h ids_invalid_element: C array with a space",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-a", "i-b c")},
     FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1),
     NULL},
    {"status.h ids_duplicate: JSON text",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
      .instance_ids_json = "[\"i-a\",\"i-b\",\"i-c\",\"i-b\"]"},
     FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 3),
     NULL},
    {"encode.h ECSKP_IDS_STRICT: masked **** rejected",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .ids_flags = ECSKP_IDS_STRICT,
      IDS("i-bp1gtjxuuvwj17zr****")},
     FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0),
     NULL},
    {"encode.h ECSKP_IDS_STRICT: AY... rejected (JSON)",
     {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .ids_flags = ECSKP_IDS_STRICT,
      .instance_ids_json = "[\"i-abc\", \"AY121018033933eae8689\"]"},
     FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1),
     NULL},

    {"encode.h: InstanceIds as an array and as JSON text at once",
     {DOC_ATTACH, .instance_ids_json = "[\"i-XXXXX\"]"},
     FAIL(ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds", NO_OFF, NO_IDX),
     NULL},
    {"encode.h: extra NULL with extra_count > 0",
     {DOC_ATTACH, .extra = NULL, .extra_count = 2},
     FAIL(ECSKP_ERR_INVALID_ARGUMENT, "", NO_OFF, NO_IDX),
     NULL},
};

static ecskp_status typed_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                             ecskp_diag *diag) {
    const typed_row *r = arg;
    return ecskp_keypair_query(&r->req, buf, cap, out_len, diag);
}

static void test_typed_request(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(typed_rows); i++) {
        const typed_row *r = &typed_rows[i];
        ecskp_diag d;
        run_encode(r->source, typed_fn, r, &r->e, NULL, &d);
        if (r->message_has != NULL) {
            if (strstr(d.message, r->message_has) == NULL)
                print_error("row [%s]: diag.message \"%s\" lacks \"%s\"\n", r->source, d.message,
                            r->message_has);
            assert_non_null(strstr(d.message, r->message_has));
        }

        /* ecskp_keypair_params agrees with ecskp_keypair_query. */
        static ecskp_param_set set;
        ecskp_diag pd;
        junk_diag(&pd);
        ecskp_status rc = ecskp_keypair_params(&r->req, &set, &pd);
        check_status(r->source, "ecskp_keypair_params", rc, r->e.status);
        check_diag(r->source, &pd, r->e.status, r->e.field, r->e.offset, r->e.index);
        if (rc == ECSKP_OK) {
            static char buf[OUT_CAP];
            size_t len = 0;
            check_status(r->source, "canonical query of the param set",
                         ecskp_canonical_query(set.params, set.count, buf, sizeof buf, &len, NULL),
                         ECSKP_OK);
            check_str(r->source, "canonical query of the param set", buf, r->e.out);
        }
    }
}

/* The param set itself: what the typed layer hands to the signer. */
static void test_typed_param_set(void **state) {
    (void)state;
    const char *src = "api-docs/DetachKeyPair.txt sample: the param set";
    ecskp_keypair_request r = {0};
    r.action = ECSKP_ACTION_DETACH_KEY_PAIR;
    r.region_id = "cn-hangzhou";
    r.key_pair_name = "FinanceJoshuaV26";
    r.instance_ids_json = "[\"i-xxxxxxx\", \"i-yyyyyyy\"]";
    static ecskp_param_set set;
    ecskp_diag d;
    junk_diag(&d);
    rows_run++;
    check_status(src, "ecskp_keypair_params", ecskp_keypair_params(&r, &set, &d), ECSKP_OK);
    check_diag(src, &d, ECSKP_OK, "", NO_OFF, NO_IDX);
    check_size(src, "count", set.count, 4);
    check_str(src, "params[0]", set.params[0].name, "Action");
    check_str(src, "Action", set.params[0].value, "DetachKeyPair");
    check_str(src, "params[3]", set.params[3].name, "InstanceIds");
    check_str(src, "InstanceIds value (compact JSON)", set.params[3].value,
              "[\"i-xxxxxxx\",\"i-yyyyyyy\"]");
    check_true(src, "InstanceIds points at the set's own text",
               set.params[3].value == set.ids_json);

    rows_run++;
    check_status("encode.h: keypair_params req NULL", "call", ecskp_keypair_params(NULL, &set, &d),
                 ECSKP_ERR_INVALID_ARGUMENT);
    rows_run++;
    check_status("encode.h: keypair_params out NULL", "call", ecskp_keypair_params(&r, NULL, &d),
                 ECSKP_ERR_INVALID_ARGUMENT);
    char buf[8];
    size_t len = 9;
    rows_run++;
    check_status("encode.h: keypair_query req NULL", "call",
                 ecskp_keypair_query(NULL, buf, sizeof buf, &len, &d), ECSKP_ERR_INVALID_ARGUMENT);
    check_size("encode.h: keypair_query req NULL", "*out_len", len, 0);
}

/* Parameter count limit through the typed layer: 4 typed + 124 extra = 128. */
typedef struct typed_many {
    ecskp_keypair_request req;
    ecskp_param extra[ECSKP_MAX_PARAMS];
    char names[ECSKP_MAX_PARAMS][8];
} typed_many;

static ecskp_status typed_many_fn(const void *arg, char *buf, size_t cap, size_t *out_len,
                                  ecskp_diag *diag) {
    const typed_many *t = arg;
    return ecskp_keypair_query(&t->req, buf, cap, out_len, diag);
}

static void test_typed_limits(void **state) {
    (void)state;
    static typed_many t;
    static const char *const ids[] = {"i-a"};
    memset(&t.req, 0, sizeof t.req);
    t.req.action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    t.req.region_id = "r";
    t.req.key_pair_name = "k";
    t.req.instance_ids = ids;
    t.req.instance_id_count = 1;
    for (size_t i = 0; i < ECSKP_MAX_PARAMS; i++) {
        snprintf(t.names[i], sizeof t.names[i], "X%03zu", i);
        t.extra[i].name = t.names[i];
        t.extra[i].value = "";
    }
    t.req.extra = t.extra;

    t.req.extra_count = ECSKP_MAX_PARAMS - 4;
    expect ok = {ECSKP_OK, NULL, "", NO_OFF, NO_IDX};
    size_t len = run_encode("encode.h: 4 typed + 124 extra = 128 parameters", typed_many_fn, &t,
                            &ok, NULL, NULL);
    /* Action=AttachKeyPair&InstanceIds=%5B%22i-a%22%5D&KeyPairName=k&RegionId=r (73), then
     * 124 times "&Xnnn=" (6). */
    check_size("encode.h: 128 typed parameters", "length", len, 73 + 124 * 6);

    t.req.extra_count = ECSKP_MAX_PARAMS - 3;
    expect too_many = {ECSKP_ERR_TOO_MANY_PARAMETERS, NULL, "X124", NO_OFF, ECSKP_MAX_PARAMS + 1};
    run_encode("status.h too_many_parameters: 4 typed + 125 extra", typed_many_fn, &t, &too_many,
               NULL, NULL);
}

/* ------------------------------------------------------------------ Action names */

static void test_action_names(void **state) {
    (void)state;
    ecskp_action a = (ecskp_action)0;
    rows_run += 6;
    check_str("api-facts 1: AttachKeyPair", "name", ecskp_action_name(ECSKP_ACTION_ATTACH_KEY_PAIR),
              "AttachKeyPair");
    check_str("api-facts 1: DetachKeyPair", "name", ecskp_action_name(ECSKP_ACTION_DETACH_KEY_PAIR),
              "DetachKeyPair");
    CHECK("encode.h: unknown action has no name", ecskp_action_name((ecskp_action)7) == NULL);
    CHECK("encode.h: parse AttachKeyPair",
          ecskp_action_from_name("AttachKeyPair", &a) == 1 && a == ECSKP_ACTION_ATTACH_KEY_PAIR);
    CHECK("encode.h: parse DetachKeyPair",
          ecskp_action_from_name("DetachKeyPair", &a) == 1 && a == ECSKP_ACTION_DETACH_KEY_PAIR);
    CHECK("encode.h: Action names are case-sensitive",
          ecskp_action_from_name("attachkeypair", &a) == 0 &&
              ecskp_action_from_name("DescribeRegions", &a) == 0 &&
              ecskp_action_from_name(NULL, &a) == 0);
}

static void test_row_count(void **state) {
    (void)state;
    print_message("test_encode: %zu rows\n", rows_run);
    assert_true(rows_run >= 60);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent_encoding), cmocka_unit_test(test_percent_encode_arguments),
        cmocka_unit_test(test_utf8_valid),       cmocka_unit_test(test_canonical_query),
        cmocka_unit_test(test_canonical_limits), cmocka_unit_test(test_buffer_sizes),
        cmocka_unit_test(test_ids_from_array),   cmocka_unit_test(test_ids_normalize),
        cmocka_unit_test(test_ids_counts),       cmocka_unit_test(test_ids_text_limit),
        cmocka_unit_test(test_timestamp_valid),  cmocka_unit_test(test_typed_request),
        cmocka_unit_test(test_typed_param_set),  cmocka_unit_test(test_typed_limits),
        cmocka_unit_test(test_action_names),     cmocka_unit_test(test_row_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
