/* SPDX-License-Identifier: MIT */
/*
 * test_encode.c - the request encoder (ecskp/encode.h), table-driven: percent-encoding, UTF-8
 * checking, the canonical query (generic layer), InstanceIds (C array and JSON text), Timestamp
 * checking, the typed AttachKeyPair/DetachKeyPair operation, and the names of the enums.
 *
 * The documented requests (the AttachKeyPair, DetachKeyPair and DescribeRegions examples) and
 * their expected canonical queries come from vectors.h, the conformance suite's documented
 * cases, never typed again. Every other row names its source: an API page in api-docs/
 * (AttachKeyPair.reference.md, DetachKeyPair.txt), a published page (Request signatures, ECS API
 * reference, Getting started, mirrored in https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`; ECS common parameters,
 * https://www.alibabacloud.com/help/en/elastic-compute-service/latest/common-parameters; the
 * AttachKeyPair and DetachKeyPair API references,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair),
 * or the contract in encode.h / status.h. Failing rows assert the exact status and the diag fields
 * (field, offset, index); passing rows assert the exact output and that the diag was reset. Every
 * passing row is also run with a NULL diag, with a NULL `needed` (invalid_argument), as a size
 * query (NULL buffer of capacity 0), with a buffer one byte short of `*needed` and with one of
 * exactly `*needed` bytes (`*needed` counts the NUL, ecskp.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ecskp_test_vectors.h"

/* Large enough for every output here (the longest, 50 IDs of 64 bytes in a typed query, is
 * about 4 KiB). */
#define OUT_CAP 32768

static size_t rows_run;

/* ------------------------------------------------------------------ the harness */

/* The status and diag of a call, and its message: empty after a success, set after a failure. */
static void expect_diag(const char *src, ecskp_status rc, const ecskp_diag *d, ecskp_status want,
                        const char *field, size_t offset, size_t index) {
    ECSKP_EXPECT_DIAG(src, rc, d, want, field, offset, index);
    if (want == ECSKP_OK)
        ecskp_test_str(src, "diag.message after a success", d->message, "");
    else
        ecskp_test_true(src, "diag.message is set", d->message[0] != '\0');
}

/* One encoding call under test: writes into buf/cap, as every encode.h function does. */
typedef ecskp_test_text_fn encode_fn;

typedef struct expect {
    ecskp_status status;
    const char *out; /* exact output when status is ECSKP_OK (NULL: the caller checks it) */
    const char *field;
    size_t offset;
    size_t index;
} expect;

#define OK_OUT(s)                                                                                  \
    { .status = ECSKP_OK, .out = s, .field = "", .offset = NO_OFF, .index = NO_IDX }
#define FAIL(st, f, off, idx)                                                                      \
    { .status = st, .out = NULL, .field = f, .offset = off, .index = idx }

/* The ways a failing call may be made: with a diag full of junk and with a NULL diag; *needed
 * is 0 after both. */
static void run_failure(const char *src, encode_fn fn, const void *arg, const expect *e, char *buf,
                        size_t cap, ecskp_diag *d) {
    size_t needed = 12345;
    ecskp_test_dirty_diag(d);
    expect_diag(src, fn(arg, buf, cap, &needed, d), d, e->status, e->field, e->offset, e->index);
    ecskp_test_size(src, "*needed after a failure", needed, 0);
    needed = 12345;
    ECSKP_EXPECT_ERROR(src, fn(arg, buf, cap, &needed, NULL), NULL, e->status);
    ecskp_test_size(src, "*needed after a failure (NULL diag)", needed, 0);
}

/* A passing call sized as ecskp.h says (ecskp_test_sized), its text `text`; and with a NULL
 * diag, a buffer one byte short of `want` is buffer_too_small with the NUL at its last byte,
 * nothing written past it. */
static void run_capacities(const char *src, encode_fn fn, const void *arg, size_t want,
                           const char *text) {
    char *sized = ecskp_test_sized(src, fn, arg);
    ecskp_test_str(src, "output in exactly *needed bytes", sized, text);
    free(sized);
    if (want < 2)
        return;
    char *small = malloc(want);
    size_t needed = 12345;
    ecskp_test_true(src, "malloc", small != NULL);
    memset(small, '#', want);
    ECSKP_EXPECT_ERROR(src, fn(arg, small, want - 1, &needed, NULL), NULL,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed with one byte less", needed, want);
    ecskp_test_true(src, "a short buffer is NUL-terminated", small[want - 2] == '\0');
    ecskp_test_true(src, "nothing written past a short buffer", small[want - 1] == '#');
    free(small);
}

/*
 * Runs `fn` the ways every caller may (ecskp.h): with a diag full of junk, with a NULL diag,
 * with a NULL `needed` (invalid_argument), and for a success as a size query (NULL, 0), with
 * one byte less than `*needed` and with exactly `*needed`. Returns the length of the text of a
 * success (without its NUL). `out` (optional) receives the text, `diag_out` (optional) the
 * diag of the first call.
 */
static size_t run_encode(const char *src, encode_fn fn, const void *arg, const expect *e, char *out,
                         ecskp_diag *diag_out) {
    static char buf[OUT_CAP];
    ecskp_diag d;
    size_t needed = 12345;
    rows_run++;
    if (e->status != ECSKP_OK) {
        run_failure(src, fn, arg, e, buf, sizeof buf, &d);
        if (diag_out != NULL)
            *diag_out = d;
        return 0;
    }
    ecskp_test_dirty_diag(&d);
    expect_diag(src, fn(arg, buf, sizeof buf, &needed, &d), &d, ECSKP_OK, "", NO_OFF, NO_IDX);
    if (diag_out != NULL)
        *diag_out = d;
    ecskp_test_size(src, "*needed counts the NUL", needed, strlen(buf) + 1);
    if (e->out != NULL)
        ecskp_test_str(src, "output", buf, e->out);
    if (out != NULL)
        memcpy(out, buf, needed);
    const size_t want = needed;
    ECSKP_EXPECT_OK(src, fn(arg, buf, sizeof buf, &needed, NULL), NULL);
    ecskp_test_size(src, "*needed with a NULL diag", needed, want);
    ECSKP_EXPECT_ERROR(src, fn(arg, buf, sizeof buf, NULL, &d), &d, ECSKP_ERR_INVALID_ARGUMENT);
    run_capacities(src, fn, arg, want, buf);
    return want - 1;
}

/* ------------------------------------------------------------------ documented vectors */

/* A documented request (ecskp_test_vectors.h) and its expected canonical query, which every
 * case read here has. */
static const char *vec_load(ecskp_test_vec *c, const ecskp_vector *v) {
    ecskp_test_vec_load(c, v);
    const char *canonical_query = ecskp_test_vec_artifact(c, "canonical_query");
    ecskp_test_true(v->name, "the vector has a canonical query", canonical_query != NULL);
    return canonical_query;
}

/* ------------------------------------------------------------------ shared data */

#define X10 "0123456789"
/* 64 and 65 bytes: the longest valid instance ID, and one byte too long. */
#define ID64 "i-" X10 X10 X10 X10 X10 X10 "ab"
#define ID65 ID64 "c"

/* ------------------------------------------------------------------ percent-encoding */

typedef struct pct_row {
    const char *src;
    const char *in;
    size_t in_len; /* 0: strlen(in) */
    const char *out;
    int bytes_only; /* not valid UTF-8 (or holds NUL): only ecskp_percent_encode, no query */
} pct_row;

static const pct_row pct_rows[] = {
    {.src = "Request signatures: unreserved A-Z a-z 0-9 - _ . ~ are kept",
     .in = "ABCXYZabcxyz0189-_.~",
     .out = "ABCXYZabcxyz0189-_.~"},
    {.src = "Request signatures: space is %20, never +", .in = "a b", .out = "a%20b"},
    {.src = "Request signatures: space as + is a known client mistake", .in = " ", .out = "%20"},
    {.src = "Request signatures: * is %2A", .in = "a*b", .out = "a%2Ab"},
    {.src = "Request signatures: ~ stays ~ (not %7E)", .in = "~user~", .out = "~user~"},
    {.src = "Request signatures: ! is %21", .in = "!", .out = "%21"},
    {.src = "Request signatures: ' is %27", .in = "'", .out = "%27"},
    {.src = "Request signatures: ( is %28", .in = "(", .out = "%28"},
    {.src = "Request signatures: ) is %29", .in = ")", .out = "%29"},
    {.src = "Request signatures: encodeURIComponent leaves ! ' ( ) * raw",
     .in = "!'()*",
     .out = "%21%27%28%29%2A"},
    {.src = "Request signatures: + is %2B", .in = "a+b", .out = "a%2Bb"},
    {.src = "Request signatures: / is %2F", .in = "/", .out = "%2F"},
    {.src = "Request signatures: = is %3D", .in = "a=b", .out = "a%3Db"},
    {.src = "Request signatures: & is %26", .in = "a&b", .out = "a%26b"},
    {.src = "Request signatures: % is %25 (an encoded %3A becomes %253A)",
     .in = "12%3A46",
     .out = "12%253A46"},
    {.src = "Request signatures: Timestamp value, : is %3A",
     .in = "2016-02-23T12:46:24Z",
     .out = "2016-02-23T12%3A46%3A24Z"},
    {.src = "Request signatures: the documented signature on the wire",
     .in = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
     .out = "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"},
    {.src = "AttachKeyPair API reference: InstanceIds JSON punctuation [ \" , ]",
     .in = "[\"i-a\",\"i-b\"]",
     .out = "%5B%22i-a%22%2C%22i-b%22%5D"},
    {.src = "Request signatures: other ASCII punctuation",
     .in = "#$,;\?@{|}^`<>\\",
     .out = "%23%24%2C%3B%3F%40%7B%7C%7D%5E%60%3C%3E%5C"},
    {.src = "Request signatures: control bytes, upper-case hex",
     .in = "\t\n\037\177",
     .out = "%09%0A%1F%7F"},
    {.src = "Request signatures: 2-byte UTF-8 e-acute", .in = "\303\251", .out = "%C3%A9"},
    {.src = "Request signatures: 3-byte UTF-8 CJK",
     .in = "\344\270\255\346\226\207",
     .out = "%E4%B8%AD%E6%96%87"},
    {.src = "Request signatures: 4-byte UTF-8 emoji U+1F600",
     .in = "\360\237\230\200",
     .out = "%F0%9F%98%80"},
    {.src = "Request signatures: upper-case hex for every high nibble",
     .in = "\302\253\357\277\275",
     .out = "%C2%AB%EF%BF%BD"},
    {.src = "encode.h: percent_encode does not check UTF-8",
     .in = "\377\376\253",
     .out = "%FF%FE%AB",
     .bytes_only = 1},
    {.src = "encode.h: percent_encode takes a length, NUL included",
     .in = "a\000b",
     .in_len = 3,
     .out = "a%00b",
     .bytes_only = 1},
    {.src = "encode.h: empty input gives empty output", .in = "", .out = ""},
};

static ecskp_status pct_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                           ecskp_diag *diag) {
    const pct_row *r = arg;
    size_t n = r->in_len != 0 ? r->in_len : strlen(r->in);
    return ecskp_percent_encode(r->in, n, buf, cap, needed, diag);
}

/* The same value as the only parameter of a canonical query: `V=<encoded>`. */
static ecskp_status pct_query_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                                 ecskp_diag *diag) {
    const pct_row *r = arg;
    ecskp_param p = {"V", r->in};
    return ecskp_query_build(&p, 1, buf, cap, needed, diag);
}

static void test_percent_encoding(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const pct_row, r, pct_rows) {
        expect e = OK_OUT(r->out);
        run_encode(r->src, pct_fn, r, &e, NULL, NULL);
        if (!r->bytes_only) {
            char want[256];
            (void)snprintf(want, sizeof want, "V=%s", r->out);
            expect q = OK_OUT(want);
            run_encode(r->src, pct_query_fn, r, &q, NULL, NULL);
        }
    }
}

/* `*needed` of ecskp_percent_encode: every reserved byte is 3 bytes, every unreserved one 1,
 * plus the NUL, exact from a size query. */
typedef struct pct_size_row {
    const char *src;
    char byte;
    size_t n;
    size_t needed;
} pct_size_row;

static const pct_size_row pct_size_rows[] = {
    {.src = "encode.h: empty input needs the NUL only", .byte = 'a', .n = 0, .needed = 1},
    {.src = "encode.h: 256 unreserved bytes", .byte = '~', .n = 256, .needed = 257},
    {.src = "encode.h: 256 reserved bytes, 3 each", .byte = '%', .n = 256, .needed = 769},
    {.src = "encode.h: 100 KB of reserved bytes", .byte = '/', .n = 102400, .needed = 307201},
};

static void test_percent_encode_needed(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const pct_size_row, r, pct_size_rows) {
        char *in = malloc(r->n + 1), *out = malloc(r->needed);
        ecskp_diag d;
        size_t needed = 12345;
        ecskp_test_true(r->src, "malloc", in != NULL && out != NULL);
        memset(in, r->byte, r->n);
        rows_run++;
        ECSKP_EXPECT_ERROR(r->src, ecskp_percent_encode(in, r->n, NULL, 0, &needed, &d), &d,
                           ECSKP_ERR_BUFFER_TOO_SMALL);
        ecskp_test_size(r->src, "*needed of a size query", needed, r->needed);
        needed = 12345;
        ECSKP_EXPECT_OK(r->src, ecskp_percent_encode(in, r->n, out, r->needed, &needed, &d), &d);
        ecskp_test_size(r->src, "*needed", needed, r->needed);
        ecskp_test_size(r->src, "length", strlen(out), r->needed - 1);
        free(in);
        free(out);
    }
}

static void test_percent_encode_arguments(void **state) {
    (void)state;
    char buf[8];
    size_t needed = 99;
    ecskp_diag d;
    rows_run += 4;
    ECSKP_EXPECT_ERROR("encode.h: percent_encode src NULL with len > 0",
                       ecskp_percent_encode(NULL, 1, buf, sizeof buf, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size("encode.h: percent_encode src NULL with len > 0", "*needed", needed, 0);
    ECSKP_EXPECT_ERROR("encode.h: percent_encode buf NULL with cap > 0",
                       ecskp_percent_encode("a", 1, NULL, 4, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR("ecskp.h: needed must not be NULL",
                       ecskp_percent_encode("a", 1, buf, sizeof buf, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    needed = 99;
    ECSKP_EXPECT_OK("encode.h: percent_encode NULL, 0 into a buffer",
                    ecskp_percent_encode(NULL, 0, buf, sizeof buf, &needed, &d), &d);
    ecskp_test_size("encode.h: percent_encode NULL, 0 into a buffer", "*needed", needed, 1);
    ecskp_test_str("encode.h: percent_encode NULL, 0 into a buffer", "output", buf, "");
}

/* ------------------------------------------------------------------ UTF-8 */

typedef struct utf8_row {
    const char *src;
    const char *in;
    size_t in_len;
    int valid;
    size_t bad_offset;
} utf8_row;

static const utf8_row utf8_rows[] = {
    {.src = "RFC 3629: ASCII", .in = "RegionId cn-hangzhou", .in_len = 20, .valid = 1},
    {.src = "RFC 3629: empty", .in = "", .in_len = 0, .valid = 1},
    {.src = "RFC 3629: 2-byte U+00E9", .in = "\303\251", .in_len = 2, .valid = 1},
    {.src = "RFC 3629: 3-byte U+20AC", .in = "\342\202\254", .in_len = 3, .valid = 1},
    {.src = "RFC 3629: 4-byte U+1F600", .in = "\360\237\230\200", .in_len = 4, .valid = 1},
    {.src = "RFC 3629: largest code point U+10FFFF",
     .in = "\364\217\277\277",
     .in_len = 4,
     .valid = 1},
    {.src = "RFC 3629: smallest 2-byte U+0080", .in = "\302\200", .in_len = 2, .valid = 1},
    {.src = "RFC 3629: smallest 3-byte U+0800", .in = "\340\240\200", .in_len = 3, .valid = 1},
    {.src = "RFC 3629: smallest 4-byte U+10000", .in = "\360\220\200\200", .in_len = 4, .valid = 1},
    {.src = "RFC 3629: last before surrogates U+D7FF",
     .in = "\355\237\277",
     .in_len = 3,
     .valid = 1},
    {.src = "RFC 3629: first after surrogates U+E000",
     .in = "\356\200\200",
     .in_len = 3,
     .valid = 1},
    {.src = "RFC 3629: overlong NUL C0 80", .in = "ab\300\200", .in_len = 4, .bad_offset = 2},
    {.src = "RFC 3629: overlong C1 BF", .in = "\301\277", .in_len = 2, .bad_offset = 0},
    {.src = "RFC 3629: overlong 3-byte E0 80 AF",
     .in = "x\340\200\257",
     .in_len = 4,
     .bad_offset = 1},
    {.src = "RFC 3629: overlong 4-byte F0 80 80 AF",
     .in = "\360\200\200\257",
     .in_len = 4,
     .bad_offset = 0},
    {.src = "RFC 3629: surrogate U+D800 ED A0 80",
     .in = "abc\355\240\200",
     .in_len = 6,
     .bad_offset = 3},
    {.src = "RFC 3629: surrogate U+DFFF ED BF BF",
     .in = "\355\277\277",
     .in_len = 3,
     .bad_offset = 0},
    {.src = "RFC 3629: above U+10FFFF F4 90 80 80",
     .in = "\364\220\200\200",
     .in_len = 4,
     .bad_offset = 0},
    {.src = "RFC 3629: F5 never appears", .in = "a\365\200\200\200", .in_len = 5, .bad_offset = 1},
    {.src = "RFC 3629: FF never appears", .in = "\377", .in_len = 1, .bad_offset = 0},
    {.src = "RFC 3629: lone continuation byte", .in = "\303\251\200", .in_len = 3, .bad_offset = 2},
    {.src = "RFC 3629: truncated 3-byte sequence at the end",
     .in = "xyz\342\202",
     .in_len = 5,
     .bad_offset = 3},
    {.src = "RFC 3629: truncated 2-byte sequence before ASCII",
     .in = "\303a",
     .in_len = 2,
     .bad_offset = 0},
    {.src = "RFC 3629: truncated 4-byte sequence at the end",
     .in = "\360\237\230",
     .in_len = 3,
     .bad_offset = 0},
};

/* ecskp_utf8_check: ok, or invalid_utf8 with diag.offset at the first byte of the first invalid
 * sequence. */
static void test_utf8_check(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const utf8_row, r, utf8_rows) {
        ecskp_diag d;
        rows_run++;
        ecskp_test_dirty_diag(&d);
        if (r->valid)
            expect_diag(r->src, ecskp_utf8_check(r->in, r->in_len, &d), &d, ECSKP_OK, "", NO_OFF,
                        NO_IDX);
        else
            expect_diag(r->src, ecskp_utf8_check(r->in, r->in_len, &d), &d, ECSKP_ERR_INVALID_UTF8,
                        NULL, r->bad_offset, NO_IDX);
        ECSKP_EXPECT_ERROR(r->src, ecskp_utf8_check(r->in, r->in_len, NULL), NULL,
                           r->valid ? ECSKP_OK : ECSKP_ERR_INVALID_UTF8);
    }
    ecskp_diag d;
    rows_run += 2;
    ECSKP_EXPECT_OK("encode.h: NULL with len 0 is valid", ecskp_utf8_check(NULL, 0, &d), &d);
    ECSKP_EXPECT_ERROR("encode.h: NULL with len > 0 is invalid_argument",
                       ecskp_utf8_check(NULL, 3, &d), &d, ECSKP_ERR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ canonical query */

/* A parameter list in a row, its count from the list itself. */
#define PARAMS(...)                                                                                \
    .params = (const ecskp_param[]){__VA_ARGS__},                                                  \
    .count = COUNT(((const ecskp_param[]){__VA_ARGS__}))

typedef struct canon_row {
    const char *src;
    const ecskp_param *params;
    size_t count;
    expect e;
} canon_row;

static const canon_row canon_rows[] = {
    {.src = "Request signatures: Signature sorted in the middle is left out too",
     PARAMS({"Action", "DescribeRegions"}, {"Version", "2014-05-26"}, {"Signature", "x"}),
     .e = OK_OUT("Action=DescribeRegions&Version=2014-05-26")},
    {.src = "encode.h: a list holding only Signature gives the empty string",
     PARAMS({"Signature", "abc"}),
     .e = OK_OUT("")},
    {.src = "encode.h: only the exact name Signature is left out (signature is kept)",
     PARAMS({"signature", "x"}, {"SignatureMethod", "HMAC-SHA1"}),
     .e = OK_OUT("SignatureMethod=HMAC-SHA1&signature=x")},
    {.src = "encode.h: zero parameters give the empty string",
     .params = NULL,
     .count = 0,
     .e = OK_OUT("")},
    {.src = "Request signatures: byte order, upper case before lower case (B before a)",
     PARAMS({"a", "1"}, {"B", "2"}),
     .e = OK_OUT("B=2&a=1")},
    {.src = "Request signatures: byte order, A.1 before A1 ('.' is 0x2E, '1' is 0x31)",
     PARAMS({"A1", "x"}, {"A.1", "y"}),
     .e = OK_OUT("A.1=y&A1=x")},
    {.src = "Request signatures: byte order, a prefix sorts first",
     PARAMS({"A.1", "y"}, {"AB", "z"}, {"A", "x"}),
     .e = OK_OUT("A=x&A.1=y&AB=z")},
    {.src = "Request signatures: byte order, digits before letters",
     PARAMS({"z", "1"}, {"Z", "2"}, {"9", "3"}),
     .e = OK_OUT("9=3&Z=2&z=1")},
    {.src = "Request signatures: byte order is not case-folded (KeyPairName before Keypair)",
     PARAMS({"Keypair", "b"}, {"KeyPairName", "a"}),
     .e = OK_OUT("KeyPairName=a&Keypair=b")},
    {.src = "Request signatures: empty values are kept as Name=",
     PARAMS({"OwnerAccount", ""}, {"Action", "AttachKeyPair"}, {"B", ""}),
     .e = OK_OUT("Action=AttachKeyPair&B=&OwnerAccount=")},
    {.src = "Request signatures: values are encoded in the query",
     PARAMS({"KeyPairName", "my key*(1)~"}, {"RegionId", "cn-hangzhou"}),
     .e = OK_OUT("KeyPairName=my%20key%2A%281%29~&RegionId=cn-hangzhou")},
    {.src = "AttachKeyPair API reference: InstanceIds.1 flattening is not this API's, but the "
            "generic layer encodes any list",
     PARAMS({"InstanceIds.2", "i-b"}, {"InstanceIds.1", "i-a"}),
     .e = OK_OUT("InstanceIds.1=i-a&InstanceIds.2=i-b")},
    {.src = "encode.h: non-ASCII value is encoded as UTF-8 bytes",
     PARAMS({"KeyPairName", "cl\303\251-\360\237\224\221"}),
     .e = OK_OUT("KeyPairName=cl%C3%A9-%F0%9F%94%91")},
    {.src = "status.h invalid_parameter_name: empty name",
     PARAMS({"Action", "x"}, {"", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "", 0, NO_IDX)},
    {.src = "encode.h invalid_argument: NULL name",
     PARAMS({NULL, "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "", NO_OFF, NO_IDX)},
    {.src = "status.h invalid_parameter_name: space in a name",
     PARAMS({"Key Pair", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Key Pair", 3, NO_IDX)},
    {.src = "status.h invalid_parameter_name: underscore in a name",
     PARAMS({"Key_Pair_Name", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Key_Pair_Name", 3, NO_IDX)},
    {.src = "status.h invalid_parameter_name: hyphen in a name",
     PARAMS({"RegionId", "cn-hangzhou"}, {"Region-Id", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Region-Id", 6, NO_IDX)},
    {.src = "status.h invalid_parameter_name: non-ASCII name",
     PARAMS({"R\303\251gion", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "R\303\251gion", 1, NO_IDX)},
    {.src = "status.h invalid_parameter_name: '=' in a name",
     PARAMS({"Name=", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Name=", 4, NO_IDX)},
    {.src = "status.h invalid_parameter_name: '~' is unreserved but not a name byte",
     PARAMS({"~", "v"}),
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "~", 0, NO_IDX)},
    {.src = "status.h duplicate_parameter: same name twice",
     PARAMS({"RegionId", "cn-hangzhou"}, {"Action", "AttachKeyPair"}, {"RegionId", "cn-qingdao"}),
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "RegionId", NO_OFF, 2)},
    {.src = "status.h duplicate_parameter: same name and value twice",
     PARAMS({"Format", "XML"}, {"Format", "XML"}),
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Format", NO_OFF, 1)},
    {.src = "status.h duplicate_parameter: Signature twice is still a duplicate",
     PARAMS({"Signature", "a"}, {"Signature", "b"}),
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Signature", NO_OFF, 1)},
    {.src = "ECS common parameters: Timestamp and TimeStamp are different names (no case folding)",
     PARAMS({"Timestamp", "2016-02-23T12:46:24Z"}, {"TimeStamp", "2016-02-23T12:46:24Z"}),
     .e = OK_OUT("TimeStamp=2016-02-23T12%3A46%3A24Z&Timestamp=2016-02-23T12%3A46%3A24Z")},
    {.src = "status.h invalid_utf8: overlong C0 80",
     PARAMS({"Action", "x"}, {"KeyPairName", "ab\300\200"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 2, NO_IDX)},
    {.src = "status.h invalid_utf8: surrogate ED A0 80",
     PARAMS({"RegionId", "cn-\355\240\200"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "RegionId", 3, NO_IDX)},
    {.src = "status.h invalid_utf8: truncated sequence at the end",
     PARAMS({"V", "\303\251\342\202"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "V", 2, NO_IDX)},
    {.src = "status.h invalid_utf8: F5",
     PARAMS({"V", "abcd\365\200\200\200"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "V", 4, NO_IDX)},
    {.src = "status.h invalid_utf8: Latin-1 byte (wrong charset, Request signatures)",
     PARAMS({"KeyPairName", "caf\351"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 3, NO_IDX)},
    {.src = "status.h invalid_utf8: Signature is checked even though it is left out",
     PARAMS({"Signature", "\377"}),
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "Signature", 0, NO_IDX)},
    {.src = "encode.h: a NULL value is an invalid argument (use \"\" for empty)",
     PARAMS({"RegionId", NULL}),
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "RegionId", NO_OFF, NO_IDX)},
};

/* A list handed to ecskp_query_build as it is. */
typedef struct list_arg {
    const ecskp_param *params;
    size_t count;
} list_arg;

static ecskp_status list_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                            ecskp_diag *diag) {
    const list_arg *l = arg;
    return ecskp_query_build(l->params, l->count, buf, cap, needed, diag);
}

static void test_canonical_query(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(canon_rows); i++) {
        list_arg l = {canon_rows[i].params, canon_rows[i].count};
        run_encode(canon_rows[i].src, list_fn, &l, &canon_rows[i].e, NULL, NULL);
    }
}

/*
 * The documented requests through the generic layer (Request signatures): every encode and sign_v1
 * case's list (an InstanceIds array as its compact text; InstanceIds given as JSON text is left
 * to the typed layer, which alone makes it compact) gives the documented canonical query, as it
 * is, in reverse order, and with a Signature parameter added (Request signatures: left out).
 */
static void test_documented_generic(void **state) {
    (void)state;
    static char src[160];
    ECSKP_TEST_FOR_VECTORS(v, "encode|sign_v1") {
        static ecskp_test_vec c;
        ecskp_param rev[ECSKP_MAX_PARAMS + 1];
        const char *canonical_query = vec_load(&c, v);
        if (c.typed && c.op.instance_ids_json != NULL) {
            /* InstanceIds as JSON text: only the typed layer makes it compact. */
            ecskp_test_vec_free(&c);
            continue;
        }
        expect e = OK_OUT(canonical_query);
        list_arg as_is = {c.params, c.req.count}, reversed = {rev, c.req.count};
        for (size_t k = 0; k < c.req.count; k++)
            rev[k] = c.params[c.req.count - 1 - k];
        (void)snprintf(src, sizeof src, "%s/%s through the generic layer", v->area, v->name);
        run_encode(src, list_fn, &as_is, &e, NULL, NULL);
        (void)snprintf(src, sizeof src, "%s/%s given in reverse order", v->area, v->name);
        run_encode(src, list_fn, &reversed, &e, NULL, NULL);
        rev[reversed.count++] = (ecskp_param){"Signature", "left out"};
        (void)snprintf(src, sizeof src, "%s/%s with a Signature parameter", v->area, v->name);
        run_encode(src, list_fn, &reversed, &e, NULL, NULL);
        ecskp_test_vec_free(&c);
    }
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
        (void)snprintf(m->names[i], sizeof m->names[i], "P%03u", (unsigned)(n - 1 - i));
        m->p[i].name = m->names[i];
        m->p[i].value = "v";
    }
}

static void test_canonical_limits(void **state) {
    (void)state;
    static many_params m;
    static char out[OUT_CAP];
    const char *src = "encode.h: 128 parameters, the most one list may hold";

    list_arg l = {m.p, ECSKP_MAX_PARAMS};
    make_params(&m, ECSKP_MAX_PARAMS);
    expect ok = OK_OUT(NULL);
    /* 128 pairs of "Pnnn=v" (6 bytes) and 127 '&'. */
    size_t len = run_encode(src, list_fn, &l, &ok, out, NULL);
    ecskp_test_size(src, "length", len, 128 * 6 + 127);
    ecskp_test_true(src, "sorted (head)", strncmp(out, "P000=v&P001=v&", 14) == 0);
    ecskp_test_str(src, "sorted (tail)", out + len - 13, "P126=v&P127=v");

    make_params(&m, ECSKP_MAX_PARAMS + 1);
    l.count = ECSKP_MAX_PARAMS + 1;
    expect too_many = FAIL(ECSKP_ERR_TOO_MANY_PARAMETERS, "", NO_OFF, ECSKP_MAX_PARAMS + 1);
    run_encode("status.h too_many_parameters: 129 parameters", list_fn, &l, &too_many, NULL, NULL);

    /* Arguments. */
    ecskp_param p = {"A", "b"};
    char buf[8];
    ecskp_diag d;
    size_t n = 5;
    rows_run += 3;
    expect_diag("encode.h: params NULL with count > 0",
                ecskp_query_build(NULL, 1, buf, sizeof buf, &n, &d), &d, ECSKP_ERR_INVALID_ARGUMENT,
                "", NO_OFF, NO_IDX);
    ecskp_test_size("encode.h: params NULL with count > 0", "*needed", n, 0);
    ECSKP_EXPECT_ERROR("encode.h: buf NULL with cap > 0", ecskp_query_build(&p, 1, NULL, 8, &n, &d),
                       &d, ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR("ecskp.h: needed NULL", ecskp_query_build(&p, 1, buf, sizeof buf, NULL, &d),
                       &d, ECSKP_ERR_INVALID_ARGUMENT);
}

/* Explicit buffer rows on the documented DescribeRegions query (run_encode does the same for
 * every passing row). */
static void test_buffer_sizes(void **state) {
    (void)state;
    static ecskp_test_vec c;
    const char *canonical_query =
        vec_load(&c, ecskp_test_vector("encode", "documented_describe_regions"));
    const char *src = "ecskp.h output convention: DescribeRegions sizing";
    const size_t want = strlen(canonical_query) + 1;
    char buf[512];
    size_t needed = 0;
    ecskp_diag d;
    rows_run += 4;

    ECSKP_EXPECT_ERROR(src, ecskp_query_build(c.params, c.req.count, NULL, 0, &needed, &d), &d,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed, NUL included", needed, want);

    memset(buf, '#', sizeof buf);
    ECSKP_EXPECT_ERROR(src, ecskp_query_build(c.params, c.req.count, buf, want - 1, &needed, &d),
                       &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed (one byte short)", needed, want);
    ecskp_test_true(src, "NUL at cap - 1", buf[want - 2] == '\0');
    ecskp_test_true(src, "nothing written at cap", buf[want - 1] == '#');

    ECSKP_EXPECT_ERROR(src, ecskp_query_build(c.params, c.req.count, buf, 1, &needed, NULL), NULL,
                       ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_true(src, "a one-byte buffer holds the empty string", buf[0] == '\0');
    ecskp_test_size(src, "*needed (one byte)", needed, want);

    memset(buf, '#', sizeof buf);
    ecskp_test_dirty_diag(&d);
    expect_diag(src, ecskp_query_build(c.params, c.req.count, buf, want, &needed, &d), &d, ECSKP_OK,
                "", NO_OFF, NO_IDX);
    ecskp_test_str(src, "output", buf, canonical_query);
    ecskp_test_true(src, "nothing written after the NUL", buf[want] == '#');
    ecskp_test_vec_free(&c);
}

/* ------------------------------------------------------------------ InstanceIds: C array */

/* A list of IDs in a row, its count from the list itself. */
#define IDLIST(...)                                                                                \
    .ids = (const char *const[]){__VA_ARGS__}, .n = COUNT(((const char *const[]){__VA_ARGS__}))

typedef struct ids_row {
    const char *src;
    const char *const *ids;
    size_t n;
    unsigned flags;
    expect e;
} ids_row;

static const ids_row ids_rows[] = {
    {.src = "api-docs/AttachKeyPair.reference.md: [\"i-XXXXX\"]",
     IDLIST("i-XXXXX"),
     .e = OK_OUT("[\"i-XXXXX\"]")},
    {.src = "AttachKeyPair API reference: masked IDs of the documented response",
     IDLIST("i-m5eg7be9ndloji64****", "i-m5e25x2mwr0hk33d****"),
     .e = OK_OUT("[\"i-m5eg7be9ndloji64****\",\"i-m5e25x2mwr0hk33d****\"]")},
    {.src = "AttachKeyPair and DetachKeyPair API references: masked ID i-bp1gtjxuuvwj17zr****",
     IDLIST("i-bp1gtjxuuvwj17zr****"),
     .e = OK_OUT("[\"i-bp1gtjxuuvwj17zr****\"]")},
    {.src = "AttachKeyPair and DetachKeyPair API references: current ID i- + 20",
     IDLIST("i-m5eg7be9ndloji64jknv"),
     .e = OK_OUT("[\"i-m5eg7be9ndloji64jknv\"]")},
    {.src = "AttachKeyPair and DetachKeyPair API references: legacy ID i-23jggx34b",
     IDLIST("i-23jggx34b"),
     .e = OK_OUT("[\"i-23jggx34b\"]")},
    {.src = "AttachKeyPair and DetachKeyPair API references: very old unprefixed ID "
            "AY121018033933eae8689",
     IDLIST("AY121018033933eae8689"),
     .e = OK_OUT("[\"AY121018033933eae8689\"]")},
    {.src =
         "DetachKeyPair API reference: the DetachKeyPair page's d- prefix passes (IDs are opaque)",
     IDLIST("d-xxxxxxxxx", "d-yyyyyyyyy"),
     .e = OK_OUT("[\"d-xxxxxxxxx\",\"d-yyyyyyyyy\"]")},
    {.src = "encode.h: 64-byte ID is the longest",
     IDLIST("i-012345678901234567890123456789012345678901234567890123456789ab"),
     .e = OK_OUT("[\"i-012345678901234567890123456789012345678901234567890123456789ab\"]")},
    {.src = "encode.h: printable ASCII other than space, quote, backslash",
     IDLIST("!#$%&'()*+,/:;<=>\?@[]^`{|}~"),
     .e = OK_OUT("[\"!#$%&'()*+,/:;<=>\?@[]^`{|}~\"]")},
    {.src = "encode.h: output keeps the caller's order",
     IDLIST("i-c", "i-a", "i-b"),
     .e = OK_OUT("[\"i-c\",\"i-a\",\"i-b\"]")},
    {.src = "status.h ids_empty: zero IDs",
     .ids = NULL,
     .n = 0,
     .e = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: NULL element",
     IDLIST("i-a", NULL),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: empty string",
     IDLIST(""),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: 65-byte ID",
     IDLIST("i-a", "i-012345678901234567890123456789012345678901234567890123456789abc"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: space",
     IDLIST("i-a", "i-b", "i-c d"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 2)},
    {.src = "status.h ids_invalid_element: double quote",
     IDLIST("i-\"a"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: backslash",
     IDLIST("i-\\a"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: control byte (tab)",
     IDLIST("i-\ta"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: DEL",
     IDLIST("i-\177"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: non-ASCII",
     IDLIST("i-a", "i-\303\251"),
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_duplicate: index of the second occurrence",
     IDLIST("i-a", "i-b", "i-a"),
     .e = FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 2)},
    {.src = "status.h ids_duplicate: masked IDs that repeat",
     IDLIST("i-bp1gtjxuuvwj17zr****", "i-bp1gtjxuuvwj17zr****"),
     .e = FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 1)},
    {.src = "encode.h: IDs differing only in case are different",
     IDLIST("i-abc", "i-ABC"),
     .e = OK_OUT("[\"i-abc\",\"i-ABC\"]")},
    {.src = "encode.h ECSKP_IDS_STRICT: i-abc123 passes",
     IDLIST("i-abc123", "i-m5eg7be9ndloji64jknv"),
     .flags = ECSKP_IDS_STRICT,
     .e = OK_OUT("[\"i-abc123\",\"i-m5eg7be9ndloji64jknv\"]")},
    {.src = "encode.h ECSKP_IDS_STRICT: legacy AY... rejected",
     IDLIST("AY121018033933eae8689"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: upper case i-ABC rejected",
     IDLIST("i-abc", "i-ABC"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "encode.h ECSKP_IDS_STRICT: masked **** rejected",
     IDLIST("i-bp1gtjxuuvwj17zr****"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: the bare prefix i- rejected",
     IDLIST("i-"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: disk prefix d- rejected (DetachKeyPair.txt typo)",
     IDLIST("d-xxxxxxxxx"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: I- upper-case prefix rejected",
     IDLIST("I-abc"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: i-a-b rejected",
     IDLIST("i-a-b"),
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
};

/* IDs handed to ecskp_ids_build as they are. */
typedef struct id_list {
    const char *const *ids;
    size_t n;
    unsigned flags;
} id_list;

static ecskp_status ids_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                           ecskp_diag *diag) {
    const id_list *l = arg;
    return ecskp_ids_build(l->ids, l->n, l->flags, buf, cap, needed, diag);
}

static void test_ids_build(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const ids_row, r, ids_rows) {
        id_list l = {r->ids, r->n, r->flags};
        run_encode(r->src, ids_fn, &l, &r->e, NULL, NULL);
    }

    char buf[16];
    size_t needed = 7;
    ecskp_diag d;
    const char *one[] = {"i-a"};
    rows_run += 3;
    ECSKP_EXPECT_ERROR("encode.h: ids NULL with count > 0",
                       ecskp_ids_build(NULL, 1, 0, buf, sizeof buf, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size("encode.h: ids NULL with count > 0", "*needed", needed, 0);
    ECSKP_EXPECT_ERROR("encode.h: buf NULL with cap > 0",
                       ecskp_ids_build(one, 1, 0, NULL, 4, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR("encode.h: unknown flags are invalid_argument",
                       ecskp_ids_build(one, 1, 2u, buf, sizeof buf, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ InstanceIds: JSON text */

typedef struct json_row {
    const char *src;
    const char *json;
    size_t len; /* 0: strlen(json) */
    unsigned flags;
    expect e;
} json_row;

static const json_row json_rows[] = {
    {.src = "api-docs/DetachKeyPair.txt sample, compact form",
     .json = "[\"i-xxxxxxx\",\"i-yyyyyyy\"]",
     .e = OK_OUT("[\"i-xxxxxxx\",\"i-yyyyyyy\"]")},
    {.src = "api-docs/AttachKeyPair.reference.md: [\"i-XXXXX\"]",
     .json = "[\"i-XXXXX\"]",
     .e = OK_OUT("[\"i-XXXXX\"]")},
    {.src = "AttachKeyPair API reference: masked IDs",
     .json = "[\"i-m5eg7be9ndloji64****\", \"i-m5e25x2mwr0hk33d****\"]",
     .e = OK_OUT("[\"i-m5eg7be9ndloji64****\",\"i-m5e25x2mwr0hk33d****\"]")},
    {.src = "AttachKeyPair and DetachKeyPair API references: legacy and unprefixed IDs",
     .json = "[ \"i-23jggx34b\" , \"AY121018033933eae8689\" ]",
     .e = OK_OUT("[\"i-23jggx34b\",\"AY121018033933eae8689\"]")},
    {.src = "RFC 8259: all four white-space bytes, before, inside and after",
     .json = " \t\r\n[\n\t\"i-a\"\r\n,\t\"i-b\" ]\r\n\t ",
     .e = OK_OUT("[\"i-a\",\"i-b\"]")},
    {.src = "encode.h: a JSON escape that decodes to a valid ID (\\u0061 is a)",
     .json = "[\"i-\\u0061\"]",
     .e = OK_OUT("[\"i-a\"]")},
    {.src = "encode.h: \\u0069 and \\/ decode to valid bytes",
     .json = "[\"\\u0069-\\u0041/\", \"i-\\/b\"]",
     .e = OK_OUT("[\"i-A/\",\"i-/b\"]")},
    {.src = "encode.h: 64-byte ID",
     .json = "[\"i-012345678901234567890123456789012345678901234567890123456789ab\"]",
     .e = OK_OUT("[\"i-012345678901234567890123456789012345678901234567890123456789ab\"]")},
    {.src = "encode.h ECSKP_IDS_STRICT: i-abc123 passes",
     .json = "[\"i-abc123\"]",
     .flags = ECSKP_IDS_STRICT,
     .e = OK_OUT("[\"i-abc123\"]")},
    {.src = "api-docs/AttachKeyPair.reference.md: the documented format has an ellipsis, not JSON",
     .json = "[\"i-xxxxxxxxx\", \"i-yyyyyyyyy\", \342\200\246 \"i-zzzzzzzzz\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 31, NO_IDX)},
    {.src = "api-docs/DetachKeyPair.txt: the documented example has an ellipsis, not JSON",
     .json = "[\"d-xxxxxxxxx\", \"d-yyyyyyyyy\", \342\200\246 \"d-zzzzzzzzz\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 31, NO_IDX)},
    {.src = "status.h ids_malformed: unterminated array",
     .json = "[\"i-a\"",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 5, NO_IDX)},
    {.src = "status.h ids_malformed: trailing comma",
     .json = "[\"i-a\",]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "status.h ids_malformed: missing comma",
     .json = "[\"i-a\" \"i-b\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "status.h ids_malformed: unquoted ID",
     .json = "[i-a]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 1, NO_IDX)},
    {.src = "status.h ids_malformed: single quotes",
     .json = "['i-a']",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 1, NO_IDX)},
    {.src = "status.h ids_malformed: trailing ]x",
     .json = "[\"i-a\"]]x",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "status.h ids_malformed: trailing x after white space",
     .json = "[\"i-a\"] \n x",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 10, NO_IDX)},
    {.src = "status.h ids_malformed: two arrays",
     .json = "[\"i-a\"][\"i-b\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "status.h ids_malformed: invalid UTF-8 inside a string",
     .json = "[\"i-\303\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 4, NO_IDX)},
    {.src = "status.h ids_malformed: invalid UTF-8 (surrogate) after the array",
     .json = "[\"i-a\"] \355\240\200",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 8, NO_IDX)},
    {.src = "status.h ids_malformed: escaped NUL \\u0000",
     .json = "[\"i-a\", \"i-\\u0000b\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 11, NO_IDX)},
    {.src = "status.h ids_malformed: raw NUL after the array",
     .json = "[\"i-a\"]\000",
     .len = 8,
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "RFC 8259: raw tab inside a string",
     .json = "[\"i-\ta\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 4, NO_IDX)},
    {.src = "RFC 8259: control byte 0x01 is not white space",
     .json = "[\001\"i-a\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 1, NO_IDX)},
    {.src = "RFC 8259: vertical tab before the array is not white space",
     .json = "\013[\"i-a\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 0, NO_IDX)},
    {.src = "RFC 8259: form feed after the array is not white space",
     .json = "[\"i-a\"]\014",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 7, NO_IDX)},
    {.src = "RFC 8259: lone surrogate escape",
     .json = "[\"i-\\ud800\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 4, NO_IDX)},
    {.src = "RFC 8259: invalid escape \\x",
     .json = "[\"i-\\x41\"]",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 4, NO_IDX)},
    {.src = "status.h ids_malformed: empty text",
     .json = "",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 0, NO_IDX)},
    {.src = "status.h ids_malformed: only white space",
     .json = "  \n",
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 2, NO_IDX)},
    {.src = "status.h ids_not_array: an object",
     .json = "{}",
     .e = FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "status.h ids_not_array: a bare string",
     .json = "\"i-a\"",
     .e = FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "status.h ids_not_array: an object wrapping the array",
     .json = "{\"InstanceIds\": [\"i-a\"]}",
     .e = FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "status.h ids_not_array: null",
     .json = "null",
     .e = FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "status.h ids_empty: []",
     .json = "[]",
     .e = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_empty: [ ] with white space",
     .json = " [ \n ] ",
     .e = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: number",
     .json = "[\"i-a\", 1]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: nested array",
     .json = "[[\"i-a\"]]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: null element",
     .json = "[\"i-a\", \"i-b\", null]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 2)},
    {.src = "status.h ids_invalid_element: boolean",
     .json = "[true]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: object",
     .json = "[\"i-a\", {\"Id\": \"i-b\"}]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: empty string",
     .json = "[\"i-a\", \"\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: 65-byte ID",
     .json = "[\"i-012345678901234567890123456789012345678901234567890123456789abc\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: space",
     .json = "[\"i-a b\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: quote through \\\"",
     .json = "[\"i-a\", \"i-\\\"b\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: backslash through \\\\",
     .json = "[\"i-\\\\b\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: control byte through \\t",
     .json = "[\"i-\\tb\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: control byte through \\u001f",
     .json = "[\"i-a\", \"i-\\u001f\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: raw non-ASCII",
     .json = "[\"i-caf\303\251\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_invalid_element: non-ASCII through \\u00e9",
     .json = "[\"i-a\", \"i-\\u00e9\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_invalid_element: emoji through a surrogate pair",
     .json = "[\"i-\\ud83d\\ude00\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h: an escaped backslash before u0000 is not an escaped NUL",
     .json = "[\"i-\\\\u0000\"]",
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_duplicate: index of the second occurrence",
     .json = "[\"i-a\", \"i-b\", \"i-a\"]",
     .e = FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 2)},
    {.src = "status.h ids_duplicate: duplicate spelled with an escape",
     .json = "[\"i-a\", \"i-\\u0061\"]",
     .e = FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 1)},
    {.src = "encode.h ECSKP_IDS_STRICT: legacy AY... rejected",
     .json = "[\"AY121018033933eae8689\"]",
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: i-ABC rejected",
     .json = "[\"i-abc\", \"i-ABC\"]",
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "encode.h ECSKP_IDS_STRICT: masked **** rejected",
     .json = "[\"i-m5eg7be9ndloji64****\"]",
     .flags = ECSKP_IDS_STRICT,
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
};

/* InstanceIds text handed to ecskp_ids_normalize as it is. */
typedef struct text_arg {
    const char *s;
    size_t len;
    unsigned flags;
} text_arg;

static ecskp_status text_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                            ecskp_diag *diag) {
    const text_arg *t = arg;
    return ecskp_ids_normalize(t->s, t->len, t->flags, NULL, buf, cap, needed, diag);
}

static void test_ids_normalize(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const json_row, r, json_rows) {
        text_arg t = {r->json, r->len != 0 ? r->len : strlen(r->json), r->flags};
        run_encode(r->src, text_fn, &t, &r->e, NULL, NULL);
    }

    char buf[16];
    size_t needed = 7;
    ecskp_diag d;
    rows_run += 2;
    ECSKP_EXPECT_ERROR("encode.h: json NULL with len > 0",
                       ecskp_ids_normalize(NULL, 3, 0, NULL, buf, sizeof buf, &needed, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size("encode.h: json NULL with len > 0", "*needed", needed, 0);
    ECSKP_EXPECT_ERROR("encode.h: json NULL, 0 is empty text",
                       ecskp_ids_normalize(NULL, 0, 0, NULL, buf, sizeof buf, &needed, &d), &d,
                       ECSKP_ERR_IDS_MALFORMED);
}

/* ------------------------------------------------------------------ InstanceIds: counts */

/* n generated IDs in every form: a C array (list), JSON text with ", " separators (text), and
 * AttachKeyPair operations with each (typed, typed_json). */
typedef struct gen_ids {
    const char *ptrs[ECSKP_MAX_INSTANCE_IDS + 2];
    char ids[ECSKP_MAX_INSTANCE_IDS + 2][ECSKP_MAX_INSTANCE_ID_BYTES + 1];
    char *json;
    id_list list;
    text_arg text;
    ecskp_keypair typed, typed_json;
} gen_ids;

/* n IDs of `width` bytes: i-000...0, i-000...1, ... (strict-shaped), checked with `flags`. */
static void make_ids(gen_ids *g, size_t n, size_t width, unsigned flags) {
    size_t cap = 2 + n * (width + 4) + 1;
    g->json = malloc(cap);
    ecskp_test_true("make_ids", "malloc", g->json != NULL);
    size_t at = 0;
    g->json[at++] = '[';
    for (size_t i = 0; i < n; i++) {
        (void)snprintf(g->ids[i], sizeof g->ids[i], "i-%0*u", (int)(width - 2), (unsigned)i);
        g->ptrs[i] = g->ids[i];
        at += (size_t)snprintf(g->json + at, cap - at, "%s\"%s\"", i > 0 ? ", " : "", g->ids[i]);
    }
    g->json[at++] = ']';
    g->json[at] = '\0';
    g->list = (id_list){g->ptrs, n, flags};
    g->text = (text_arg){g->json, at, flags};
    g->typed = (ecskp_keypair){.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                               .region_id = "cn-hangzhou",
                               .key_pair_name = "k",
                               .instance_ids = g->ptrs,
                               .instance_id_count = n,
                               .ids_flags = flags};
    g->typed_json = g->typed;
    g->typed_json.instance_ids = NULL;
    g->typed_json.instance_id_count = 0;
    g->typed_json.instance_ids_json = g->json;
}

/* The canonical query of an operation: ecskp_keypair_build(), then ecskp_query_build(). */
static ecskp_status op_query(const ecskp_keypair *op, char *buf, size_t cap, size_t *needed,
                             ecskp_diag *diag) {
    static ecskp_param_set set;
    memset(&set, 0x5A, sizeof set);
    ecskp_status rc = ecskp_keypair_build(op, &set, diag);
    if (rc != ECSKP_OK) {
        static const ecskp_param_set zero;
        ecskp_test_true("encode.h", "the set is zeroed on failure",
                        memcmp(&set, &zero, sizeof set) == 0);
        if (needed != NULL)
            *needed = 0;
        return rc;
    }
    return ecskp_query_build(set.params, set.count, buf, cap, needed, diag);
}

static ecskp_status op_fn(const void *arg, char *buf, size_t cap, size_t *needed,
                          ecskp_diag *diag) {
    return op_query(arg, buf, cap, needed, diag);
}

static void test_ids_counts(void **state) {
    (void)state;
    static gen_ids g;
    static char a[OUT_CAP], b[OUT_CAP];
    expect ok = OK_OUT(NULL);

    /* One ID. */
    make_ids(&g, 1, 22, ECSKP_IDS_STRICT);
    run_encode("AttachKeyPair API reference: one ID (C array)", ids_fn, &g.list, &ok, a, NULL);
    ecskp_test_str("AttachKeyPair API reference: one ID (C array)", "output", a,
                   "[\"i-00000000000000000000\"]");
    run_encode("AttachKeyPair API reference: one ID (JSON)", text_fn, &g.text, &ok, b, NULL);
    ecskp_test_str("AttachKeyPair API reference: one ID (JSON)", "output", b, a);
    free(g.json);

    /* 50 IDs of 22 bytes: `[` `]`, 50 * (22 + 2 quotes), 49 commas. */
    make_ids(&g, 50, 22, ECSKP_IDS_STRICT);
    size_t len = run_encode("AttachKeyPair API reference: 50 IDs, the limit (C array)", ids_fn,
                            &g.list, &ok, a, NULL);
    ecskp_test_size("AttachKeyPair API reference: 50 IDs (C array)", "length", len,
                    2 + 50 * 24 + 49);
    ecskp_test_true("AttachKeyPair API reference: 50 IDs (C array)", "start",
                    strncmp(a, "[\"i-00000000000000000000\",\"i-00000000000000000001\",", 50) == 0);
    ecskp_test_str("AttachKeyPair API reference: 50 IDs (C array)", "tail", a + len - 26,
                   ",\"i-00000000000000000049\"]");
    len = run_encode("AttachKeyPair API reference: 50 IDs, the limit (JSON with spaces)", text_fn,
                     &g.text, &ok, b, NULL);
    ecskp_test_size("AttachKeyPair API reference: 50 IDs (JSON)", "length", len, 2 + 50 * 24 + 49);
    ecskp_test_str("AttachKeyPair API reference: 50 IDs, JSON and C array agree", "output", b, a);
    /* Typed: Action=AttachKeyPair (20) &InstanceIds= (13) + encoded value (`[` `]` 6, each ID
     * 22 + 6 for its quotes, 49 commas of 3) + &KeyPairName=k (14) + &RegionId=cn-hangzhou
     * (21). */
    size_t want = 20 + 13 + (6 + 50 * 28 + 49 * 3) + 14 + 21;
    len = run_encode("AttachKeyPair API reference: 50 IDs through the typed query (C array)", op_fn,
                     &g.typed, &ok, a, NULL);
    ecskp_test_size("AttachKeyPair API reference: 50 IDs typed (C array)", "length", len, want);
    ecskp_test_true(
        "AttachKeyPair API reference: 50 IDs typed (C array)", "start",
        strncmp(a, "Action=AttachKeyPair&InstanceIds=%5B%22i-00000000000000000000%22%2C", 67) == 0);
    len = run_encode("AttachKeyPair API reference: 50 IDs through the typed query (JSON)", op_fn,
                     &g.typed_json, &ok, b, NULL);
    ecskp_test_size("AttachKeyPair API reference: 50 IDs typed (JSON)", "length", len, want);
    ecskp_test_str("AttachKeyPair API reference: 50 IDs typed, JSON and C array agree", "output", b,
                   a);
    free(g.json);

    /* 50 IDs of 64 bytes: the largest InstanceIds text fits ECSKP_IDS_JSON_SIZE. */
    make_ids(&g, 50, 64, 0);
    len = run_encode("encode.h: 50 IDs of 64 bytes (C array)", ids_fn, &g.list, &ok, a, NULL);
    ecskp_test_size("encode.h: 50 IDs of 64 bytes", "length", len, 2 + 50 * 66 + 49);
    ecskp_test_true("encode.h: 50 IDs of 64 bytes", "ECSKP_IDS_JSON_SIZE suffices",
                    len + 1 <= ECSKP_IDS_JSON_SIZE);
    run_encode("encode.h: 50 IDs of 64 bytes (JSON)", text_fn, &g.text, &ok, b, NULL);
    ecskp_test_str("encode.h: 50 IDs of 64 bytes, JSON and C array agree", "output", b, a);
    len = run_encode("encode.h: 50 IDs of 64 bytes through the typed query", op_fn, &g.typed_json,
                     &ok, NULL, NULL);
    ecskp_test_size("encode.h: 50 IDs of 64 bytes typed", "length", len,
                    20 + 13 + (6 + 50 * 70 + 49 * 3) + 14 + 21);
    free(g.json);
}

/* 51 and 0 IDs, everywhere. */
static void test_ids_count_limits(void **state) {
    (void)state;
    static gen_ids g;

    /* 51 IDs: ids_too_many with diag.index == 51, everywhere. */
    make_ids(&g, 51, 22, ECSKP_IDS_STRICT);
    expect too_many = FAIL(ECSKP_ERR_IDS_TOO_MANY, "InstanceIds", NO_OFF, 51);
    run_encode("status.h ids_too_many: 51 IDs (C array)", ids_fn, &g.list, &too_many, NULL, NULL);
    run_encode("status.h ids_too_many: 51 IDs (JSON)", text_fn, &g.text, &too_many, NULL, NULL);
    run_encode("status.h ids_too_many: 51 IDs (typed, C array)", op_fn, &g.typed, &too_many, NULL,
               NULL);
    run_encode("status.h ids_too_many: 51 IDs (typed, JSON)", op_fn, &g.typed_json, &too_many, NULL,
               NULL);
    /* The count is checked before the elements: a bad 51st ID still reports the count. */
    g.ptrs[50] = "bad id";
    run_encode("status.h ids_too_many: 51 IDs, the last one invalid", ids_fn, &g.list, &too_many,
               NULL, NULL);
    free(g.json);

    /* 0 IDs. */
    make_ids(&g, 0, 22, ECSKP_IDS_STRICT);
    expect empty = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0);
    run_encode("status.h ids_empty: 0 IDs (C array)", ids_fn, &g.list, &empty, NULL, NULL);
    run_encode("status.h ids_empty: 0 IDs (JSON [])", text_fn, &g.text, &empty, NULL, NULL);
    run_encode("status.h ids_empty: 0 IDs (typed, JSON [])", op_fn, &g.typed_json, &empty, NULL,
               NULL);
    free(g.json);
}

/* The documented InstanceIds texts (the ids cases): normalized to the documented compact text,
 * or refused with the documented error; the same IDs as a C array give the same. */
static void test_documented_ids(void **state) {
    (void)state;
    static char src[160];
    ECSKP_TEST_FOR_VECTORS(v, "ids") {
        unsigned flags = ecskp_test_vector_ids_flags(v);
        text_arg t = {.s = v->body, .len = v->body_len, .flags = flags};
        /* The same IDs as a C array (the text of the documented cases is a plain array of
         * strings). */
        cJSON *root = cJSON_ParseWithLength(v->body, v->body_len);
        const char *ids[ECSKP_MAX_INSTANCE_IDS];
        id_list a = {.ids = ids, .flags = flags};
        for (const cJSON *e = root != NULL ? root->child : NULL; e != NULL; e = e->next)
            if (a.n < ECSKP_MAX_INSTANCE_IDS)
                ids[a.n++] = e->valuestring;
        (void)snprintf(src, sizeof src, "ids/%s (%s)", v->name, v->source);
        if (v->error != NULL) {
            ecskp_status want = ECSKP_OK;
            static char out[OUT_CAP];
            size_t needed = 1;
            ecskp_diag d;
            rows_run++;
            ECSKP_EXPECT_OK(v->name, ecskp_status_parse(v->error, &want, NULL), NULL);
            ECSKP_EXPECT_ERROR(src, text_fn(&t, out, sizeof out, &needed, &d), &d, want);
            if (cJSON_IsArray(root) && want != ECSKP_ERR_IDS_MALFORMED)
                ECSKP_EXPECT_ERROR(src, ids_fn(&a, out, sizeof out, &needed, &d), &d, want);
        } else {
            const char *want = ecskp_test_vector_artifact(v, "instance_ids");
            expect e = OK_OUT(want);
            ecskp_test_true(v->name, "the case has its compact text", want != NULL);
            run_encode(src, text_fn, &t, &e, NULL, NULL);
            run_encode(src, ids_fn, &a, &e, NULL, NULL);
        }
        cJSON_Delete(root);
    }
    ecskp_test_kept_free();
}

static void test_ids_text_limit(void **state) {
    (void)state;
    const size_t max = ECSKP_MAX_IDS_TEXT_BYTES;
    char *s = malloc(max + 2);
    ecskp_test_true("test_ids_text_limit", "malloc", s != NULL);
    memset(s, ' ', max + 1);
    memcpy(s, "[\"i-a\"]", 7);
    s[max + 1] = '\0';

    text_arg t = {.s = s, .len = max};
    expect ok = OK_OUT("[\"i-a\"]");
    run_encode("encode.h: 65536 bytes of text (white-space padded) pass", text_fn, &t, &ok, NULL,
               NULL);
    t.len = max + 1;
    expect too_long = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", max, NO_IDX);
    run_encode("status.h ids_malformed: text over 65536 bytes", text_fn, &t, &too_long, NULL, NULL);

    /* Nesting: the pre-scan stops at depth 65 before cJSON recurses; depth 64 reaches cJSON,
     * which sees an array whose element is not a string. */
    memset(s, '[', 65);
    memset(s + 65, ']', 65);
    t.len = 130;
    expect deep = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 64, NO_IDX);
    run_encode("DESIGN.md: nesting depth 65 is refused before parsing", text_fn, &t, &deep, NULL,
               NULL);
    t.s = s + 1;
    t.len = 128;
    expect nested = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0);
    run_encode("DESIGN.md: nesting depth 64 parses; the element is an array", text_fn, &t, &nested,
               NULL, NULL);

    /* Through the typed layer, which takes the text by strlen(). */
    memset(s, ' ', max + 1);
    memcpy(s, "[\"i-a\"]", 7);
    s[max + 1] = '\0';
    ecskp_keypair op = {.action = ECSKP_ACTION_DETACH_KEY_PAIR,
                        .region_id = "cn-hangzhou",
                        .key_pair_name = "FinanceJoshuaV26",
                        .instance_ids_json = s};
    static ecskp_param_set set;
    ecskp_diag d;
    const char *src = "status.h ids_malformed: typed text over 65536 bytes";
    rows_run++;
    expect_diag(src, ecskp_keypair_build(&op, &set, &d), &d, ECSKP_ERR_IDS_MALFORMED, "InstanceIds",
                max, NO_IDX);
    ecskp_test_size(src, "the set is zeroed", set.count, 0);
    free(s);
}

/* ------------------------------------------------------------------ Timestamp */

typedef struct ts_row {
    const char *src;
    const char *ts;
    int valid;
} ts_row;

static const ts_row ts_rows[] = {
    {.src = "Request signatures: documented 2016-02-23T12:46:24Z",
     .ts = "2016-02-23T12:46:24Z",
     .valid = 1},
    {.src = "encode.h: midnight", .ts = "2024-01-01T00:00:00Z", .valid = 1},
    {.src = "encode.h: last second of a day", .ts = "2023-12-31T23:59:59Z", .valid = 1},
    {.src = "encode.h: leap second 60", .ts = "2016-12-31T23:59:60Z", .valid = 1},
    {.src = "encode.h: Feb 29 of a leap year", .ts = "2016-02-29T00:00:00Z", .valid = 1},
    {.src = "encode.h: Feb 29 of 2000 (divisible by 400)",
     .ts = "2000-02-29T12:00:00Z",
     .valid = 1},
    {.src = "ECS common parameters: milliseconds", .ts = "2016-02-23T12:46:24.000Z"},
    {.src = "ECS common parameters: offset +08:00 instead of Z", .ts = "2016-02-23T12:46:24+08:00"},
    {.src = "ECS common parameters: no zone designator", .ts = "2016-02-23T12:46:24"},
    {.src = "encode.h: lower-case t", .ts = "2016-02-23t12:46:24Z"},
    {.src = "encode.h: lower-case z", .ts = "2016-02-23T12:46:24z"},
    {.src = "encode.h: space instead of T", .ts = "2016-02-23 12:46:24Z"},
    {.src = "encode.h: Feb 30", .ts = "2016-02-30T12:46:24Z"},
    {.src = "encode.h: Feb 29 of a common year", .ts = "2015-02-29T12:46:24Z"},
    {.src = "encode.h: Feb 29 of 1900 (century, not leap)", .ts = "1900-02-29T12:46:24Z"},
    {.src = "encode.h: Apr 31", .ts = "2016-04-31T12:46:24Z"},
    {.src = "encode.h: month 13", .ts = "2016-13-01T12:46:24Z"},
    {.src = "encode.h: month 00", .ts = "2016-00-01T12:46:24Z"},
    {.src = "encode.h: day 00", .ts = "2016-02-00T12:46:24Z"},
    {.src = "encode.h: hour 24", .ts = "2016-02-23T24:00:00Z"},
    {.src = "encode.h: minute 60", .ts = "2016-02-23T12:60:24Z"},
    {.src = "encode.h: second 61", .ts = "2016-02-23T12:46:61Z"},
    {.src = "encode.h: single-digit month", .ts = "2016-2-23T12:46:24Z"},
    {.src = "encode.h: sign in a digit field", .ts = "2016-+2-23T12:46:24Z"},
    {.src = "encode.h: URL-encoded colons", .ts = "2016-02-23T12%3A46%3A24Z"},
    {.src = "encode.h: empty", .ts = ""},
};

/* ecskp_timestamp_check: ok, or invalid_timestamp with diag.field "Timestamp" (encode.h). */
static void test_timestamp_check(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const ts_row, r, ts_rows) {
        ecskp_diag d;
        rows_run++;
        ecskp_test_dirty_diag(&d);
        expect_diag(r->src, ecskp_timestamp_check(r->ts, &d), &d,
                    r->valid ? ECSKP_OK : ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX);
        ECSKP_EXPECT_ERROR(r->src, ecskp_timestamp_check(r->ts, NULL), NULL,
                           r->valid ? ECSKP_OK : ECSKP_ERR_INVALID_TIMESTAMP);
    }
    ecskp_diag d;
    rows_run++;
    expect_diag("encode.h: a NULL Timestamp is invalid_timestamp", ecskp_timestamp_check(NULL, &d),
                &d, ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX);
}

/* ------------------------------------------------------------------ the typed operation */

typedef struct typed_row {
    const char *src;
    ecskp_keypair op;
    expect e;
    const char *message_has; /* for failures: a substring of diag.message, or NULL */
    const char *contains;    /* for successes: a substring of the output, or NULL */
} typed_row;

#define ATTACH .action = ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH .action = ECSKP_ACTION_DETACH_KEY_PAIR
#define IDS(...)                                                                                   \
    .instance_ids = (const char *const[]){__VA_ARGS__},                                            \
    .instance_id_count = COUNT(((const char *const[]){__VA_ARGS__}))
#define EXTRA(...)                                                                                 \
    .extra = (const ecskp_param[]){__VA_ARGS__},                                                   \
    .extra_count = COUNT(((const ecskp_param[]){__VA_ARGS__}))
/* A valid operation to vary (the AttachKeyPair request example's fields). */
#define BASE ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX")
/* ECSKP_MAX_VALUE_BYTES (256) bytes, and one more. */
#define V256                                                                                       \
    X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10    \
        X10 X10 "012345"
#define V257 V256 "6"
#define TOO_LONG(name) FAIL(ECSKP_ERR_VALUE_TOO_LONG, name, NO_OFF, NO_IDX)

static const typed_row typed_rows[] = {
    {.src = "AttachKeyPair API reference: masked IDs i-m5eg7be9ndloji64**** (* is %2A)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            IDS("i-m5eg7be9ndloji64****", "i-m5e25x2mwr0hk33d****")},
     .e = OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-m5eg7be9ndloji64%2A%2A%2A%2A%22%2C%22i-"
                 "m5e25x2mwr0hk33d%2A%2A%2A%2A%22%5D&KeyPairName=test&RegionId=cn-qingdao")},
    {.src = "AttachKeyPair and DetachKeyPair API references: masked ID i-bp1gtjxuuvwj17zr**** "
            "(JSON text)",
     .op = {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "k",
            .instance_ids_json = "[\"i-bp1gtjxuuvwj17zr****\"]"},
     .e = OK_OUT("Action=DetachKeyPair&InstanceIds=%5B%22i-bp1gtjxuuvwj17zr%2A%2A%2A%2A%22%5D&"
                 "KeyPairName=k&RegionId=cn-hangzhou")},
    {.src = "AttachKeyPair and DetachKeyPair API references: legacy AY121018033933eae8689 and "
            "i-23jggx34b",
     .op = {ATTACH, .region_id = "cn-hangzhou", .key_pair_name = "k",
            IDS("AY121018033933eae8689", "i-23jggx34b")},
     .e = OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22AY121018033933eae8689%22%2C%22i-23jggx34b%"
                 "22%5D&KeyPairName=k&RegionId=cn-hangzhou")},
    {.src = "ECS common parameters: STS token and owner parameters (optional; empty kept as Name=)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            .format = ECSKP_FORMAT_JSON, .owner_id = "123", .owner_account = "",
            .resource_owner_id = "456", .resource_owner_account = "ops@example",
            EXTRA({"SecurityToken", "CAIS+a/b="})},
     .e = OK_OUT("Action=AttachKeyPair&Format=JSON&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
                 "test&OwnerAccount=&OwnerId=123&RegionId=cn-qingdao&ResourceOwnerAccount=ops%"
                 "40example&ResourceOwnerId=456&SecurityToken=CAIS%2Ba%2Fb%3D")},
    {.src = "AttachKeyPair API reference: KeyPairName with space and non-ASCII is encoded",
     .op = {ATTACH, .region_id = "ap-southeast-1", .key_pair_name = "my key \303\251", IDS("i-a")},
     .e = OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-a%22%5D&KeyPairName=my%20key%20%C3%A9&"
                 "RegionId=ap-southeast-1")},
    {.src = "encode.h: extra parameters are sorted in; a Signature extra is left out",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"DryRun", "true"}, {"Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="},
                  {"ZoneId", ""})},
     .e = OK_OUT("Action=AttachKeyPair&DryRun=true&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
                 "test&RegionId=cn-qingdao&ZoneId=")},
    {.src = "encode.h: a valid Timestamp and Format given through extra",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23T12:46:24Z"}, {"Format", "XML"})},
     .e = OK_OUT("Action=AttachKeyPair&Format=XML&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
                 "RegionId=cn-qingdao&Timestamp=2016-02-23T12%3A46%3A24Z")},
    {.src = "encode.h ECSKP_IDS_STRICT: i-abc123 passes",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids_json = "[\"i-abc123\"]", .ids_flags = ECSKP_IDS_STRICT},
     .e = OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-abc123%22%5D&KeyPairName=test&RegionId="
                 "cn-qingdao")},
    {.src = "encode.h: the typed layer leaves a leap second alone",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-12-31T23:59:60Z"})},
     .e = OK_OUT("Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId="
                 "cn-qingdao&Timestamp=2016-12-31T23%3A59%3A60Z")},
    {.src = "status.h missing_parameter: Action (0)",
     .op = {.region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "Action", NO_OFF, NO_IDX),
     .message_has = "Action"},
    {.src = "status.h missing_parameter: RegionId NULL",
     .op = {ATTACH, .key_pair_name = "test", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF, NO_IDX),
     .message_has = "\"RegionId\""},
    {.src = "status.h missing_parameter: RegionId empty",
     .op = {ATTACH, .region_id = "", .key_pair_name = "test", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF, NO_IDX)},
    {.src = "status.h missing_parameter: KeyPairName NULL",
     .op = {DETACH, .region_id = "cn-hangzhou", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "KeyPairName", NO_OFF, NO_IDX),
     .message_has = "KeyPairName"},
    {.src = "status.h missing_parameter: KeyPairName empty",
     .op = {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "KeyPairName", NO_OFF, NO_IDX)},
    {.src = "status.h missing_parameter: InstanceIds NULL (neither array nor JSON)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test"},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "InstanceIds", NO_OFF, NO_IDX),
     .message_has = "InstanceIds"},
    {.src = "status.h missing_parameter: InstanceIds empty JSON text",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids_json = ""},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "InstanceIds", NO_OFF, NO_IDX)},
    {.src =
         "status.h missing_parameter: the first missing one is named (RegionId before InstanceIds)",
     .op = {DETACH},
     .e = FAIL(ECSKP_ERR_MISSING_PARAMETER, "RegionId", NO_OFF, NO_IDX)},
    {.src = "status.h invalid_action: an Action other than Attach/DetachKeyPair",
     .op = {.action = (ecskp_action)3,
            .region_id = "cn-qingdao",
            .key_pair_name = "test",
            IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_INVALID_ACTION, "Action", NO_OFF, NO_IDX)},
    {.src = "status.h invalid_action: Action given through extra",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Action", "DescribeRegions"})},
     .e = FAIL(ECSKP_ERR_INVALID_ACTION, "Action", NO_OFF, NO_IDX)},
    {.src =
         "ECS common parameters: misspelled_parameter TimeStamp in extra; the hint names Timestamp",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"TimeStamp", "2016-02-23T12:46:24Z"})},
     .e = FAIL(ECSKP_ERR_MISSPELLED_PARAMETER, "TimeStamp", NO_OFF, NO_IDX),
     .message_has = "\"Timestamp\""},
    {.src = "ECS common parameters: invalid_timestamp, milliseconds",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23T12:46:24.000Z"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "ECS common parameters: invalid_timestamp, offset +08:00",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23T20:46:24+08:00"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "encode.h: invalid_timestamp, lower-case t",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23t12:46:24Z"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "encode.h: invalid_timestamp, lower-case z",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23T12:46:24z"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "encode.h: invalid_timestamp, Feb 30",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-30T12:46:24Z"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "encode.h: invalid_timestamp, hour 24",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", "2016-02-23T24:00:00Z"})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "encode.h: invalid_timestamp, empty string",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Timestamp", ""})},
     .e = FAIL(ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX)},
    {.src = "status.h invalid_parameter_value: a format outside the enum",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            .format = (ecskp_format)3},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX)},
    {.src =
         "encode.h: Format json through extra is sent as given (ECS common parameters, "
         "https://www.alibabacloud.com/help/en/elastic-compute-service/latest/common-parameters)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Format", "json"})},
     .e = OK_OUT("Action=AttachKeyPair&Format=json&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
                 "test&RegionId=cn-qingdao")},
    {.src =
         "status.h invalid_parameter_value: Format through extra is one of four spellings (Json)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Format", "Json"})},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX)},
    {.src = "status.h invalid_parameter_value: an empty Format through extra",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Format", ""})},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX)},
    {.src = "encode.h: Format xml through extra is sent as given",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Format", "xml"})},
     .e = OK_OUT("Action=AttachKeyPair&Format=xml&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
                 "test&RegionId=cn-qingdao")},
    {.src = "status.h invalid_parameter_value: Format XMl through extra",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Format", "XMl"})},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", NO_OFF, NO_IDX)},
    {.src = "status.h duplicate_parameter: extra repeats RegionId",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"RegionId", "cn-hangzhou"})},
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "RegionId", NO_OFF, 4)},
    {.src = "status.h duplicate_parameter: extra repeats a set common parameter",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            .format = ECSKP_FORMAT_JSON, .version = "2014-05-26", EXTRA({"Version", "2014-05-26"})},
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "Version", NO_OFF, 6)},
    {.src = "status.h duplicate_parameter: InstanceIds through extra as well",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"InstanceIds", "[\"i-b\"]"})},
     .e = FAIL(ECSKP_ERR_DUPLICATE_PARAMETER, "InstanceIds", NO_OFF, 4)},
    {.src = "status.h invalid_parameter_name: extra name with _",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Dry_Run", "true"})},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "Dry_Run", 3, NO_IDX)},
    {.src = "status.h invalid_parameter_name: extra name empty",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"", "true"})},
     .e = FAIL(ECSKP_ERR_INVALID_PARAMETER_NAME, "", 0, NO_IDX)},
    {.src = "status.h invalid_utf8: RegionId",
     .op = {ATTACH, .region_id = "cn-\300\200", .key_pair_name = "test", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "RegionId", 3, NO_IDX)},
    {.src = "status.h invalid_utf8: KeyPairName surrogate",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "key\355\240\200", IDS("i-XXXXX")},
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "KeyPairName", 3, NO_IDX)},
    {.src = "status.h invalid_utf8: SecurityToken truncated",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"SecurityToken", "tok\360\237"})},
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "SecurityToken", 3, NO_IDX)},
    {.src = "status.h invalid_utf8: extra value F5",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            EXTRA({"Tag", "\365"})},
     .e = FAIL(ECSKP_ERR_INVALID_UTF8, "Tag", 0, NO_IDX)},
    {.src = "status.h ids_empty: a non-NULL array of 0 IDs",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids = (const char *const[]){"i-a"}, .instance_id_count = 0},
     .e = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_empty: JSON []",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids_json = "[]"},
     .e = FAIL(ECSKP_ERR_IDS_EMPTY, "InstanceIds", NO_OFF, 0)},
    {.src = "status.h ids_malformed: the page's ellipsis format",
     .op = {DETACH, .region_id = "cn-hangzhou", .key_pair_name = "FinanceJoshuaV26",
            .instance_ids_json =
                "[\"d-xxxxxxxxx\", \"d-yyyyyyyyy\", \342\200\246 \"d-zzzzzzzzz\"]"},
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 31, NO_IDX)},
    {.src = "status.h ids_not_array: a bare ID as JSON text",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids_json = "\"i-XXXXX\""},
     .e = FAIL(ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "status.h ids_malformed: a bare ID without quotes is not JSON",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids_json = "i-XXXXX"},
     .e = FAIL(ECSKP_ERR_IDS_MALFORMED, "InstanceIds", 0, NO_IDX)},
    {.src = "status.h ids_invalid_element: C array with a space",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-a", "i-b c")},
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "status.h ids_duplicate: JSON text",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids_json = "[\"i-a\",\"i-b\",\"i-c\",\"i-b\"]"},
     .e = FAIL(ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", NO_OFF, 3)},
    {.src = "encode.h ECSKP_IDS_STRICT: masked **** rejected",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            IDS("i-bp1gtjxuuvwj17zr****"), .ids_flags = ECSKP_IDS_STRICT},
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 0)},
    {.src = "encode.h ECSKP_IDS_STRICT: AY... rejected (JSON)",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test",
            .instance_ids_json = "[\"i-abc\", \"AY121018033933eae8689\"]",
            .ids_flags = ECSKP_IDS_STRICT},
     .e = FAIL(ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", NO_OFF, 1)},
    {.src = "encode.h: InstanceIds as an array and as JSON text at once",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            .instance_ids_json = "[\"i-XXXXX\"]"},
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "encode.h: extra NULL with extra_count > 0",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", IDS("i-XXXXX"),
            .extra = NULL, .extra_count = 2},
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "", NO_OFF, NO_IDX)},
    {.src = "encode.h: unknown ids_flags bits are invalid_argument",
     .op = {BASE, .ids_flags = 2u},
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "ids_flags", NO_OFF, NO_IDX)},
    {.src = "encode.h: a NULL array with a count is invalid_argument",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = "test", .instance_ids = NULL,
            .instance_id_count = 2},
     .e = FAIL(ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds", NO_OFF, NO_IDX)},
    {.src = "encode.h: Format XML is sent as Format=XML",
     .op = {BASE, .format = ECSKP_FORMAT_XML},
     .e = OK_OUT("Action=AttachKeyPair&Format=XML&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
                 "RegionId=cn-qingdao")},
    {.src = "encode.h value_too_long: RegionId of 257 bytes",
     .op = {ATTACH, .region_id = V257, .key_pair_name = "test", IDS("i-XXXXX")},
     .e = TOO_LONG("RegionId")},
    {.src = "encode.h value_too_long: KeyPairName of 257 bytes",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = V257, IDS("i-XXXXX")},
     .e = TOO_LONG("KeyPairName")},
    {.src = "encode.h value_too_long: Version of 257 bytes",
     .op = {BASE, .version = V257},
     .e = TOO_LONG("Version")},
    {.src = "encode.h value_too_long: OwnerId of 257 bytes",
     .op = {BASE, .owner_id = V257},
     .e = TOO_LONG("OwnerId")},
    {.src = "encode.h value_too_long: OwnerAccount of 257 bytes",
     .op = {BASE, .owner_account = V257},
     .e = TOO_LONG("OwnerAccount")},
    {.src = "encode.h value_too_long: ResourceOwnerId of 257 bytes",
     .op = {BASE, .resource_owner_id = V257},
     .e = TOO_LONG("ResourceOwnerId")},
    {.src = "encode.h value_too_long: ResourceOwnerAccount of 257 bytes",
     .op = {BASE, .resource_owner_account = V257},
     .e = TOO_LONG("ResourceOwnerAccount")},
    {.src = "encode.h value_too_long comes before the InstanceIds errors",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = V257, .instance_ids_json = "[]"},
     .e = TOO_LONG("KeyPairName")},
    {.src = "encode.h: RegionId of exactly 256 bytes",
     .op = {ATTACH, .region_id = V256, .key_pair_name = "test", IDS("i-XXXXX")},
     .e = OK_OUT(NULL),
     .contains = "&RegionId=" V256},
    {.src = "encode.h: KeyPairName of exactly 256 bytes",
     .op = {ATTACH, .region_id = "cn-qingdao", .key_pair_name = V256, IDS("i-XXXXX")},
     .e = OK_OUT(NULL),
     .contains = "&KeyPairName=" V256 "&"},
    {.src = "encode.h: Version of exactly 256 bytes",
     .op = {BASE, .version = V256},
     .e = OK_OUT(NULL),
     .contains = "&Version=" V256},
    {.src = "encode.h: OwnerId of exactly 256 bytes",
     .op = {BASE, .owner_id = V256},
     .e = OK_OUT(NULL),
     .contains = "&OwnerId=" V256 "&"},
    {.src = "encode.h: OwnerAccount of exactly 256 bytes",
     .op = {BASE, .owner_account = V256},
     .e = OK_OUT(NULL),
     .contains = "&OwnerAccount=" V256 "&"},
    {.src = "encode.h: ResourceOwnerId of exactly 256 bytes",
     .op = {BASE, .resource_owner_id = V256},
     .e = OK_OUT(NULL),
     .contains = "&ResourceOwnerId=" V256},
    {.src = "encode.h: ResourceOwnerAccount of exactly 256 bytes",
     .op = {BASE, .resource_owner_account = V256},
     .e = OK_OUT(NULL),
     .contains = "&ResourceOwnerAccount=" V256},
};

static void test_typed_request(void **state) {
    (void)state;
    static char out[OUT_CAP];
    ECSKP_TEST_FOR_ROWS(const typed_row, r, typed_rows) {
        ecskp_diag d;
        run_encode(r->src, op_fn, &r->op, &r->e, out, &d);
        if (r->message_has != NULL)
            ecskp_test_true(r->src, "diag.message names the parameter",
                            strstr(d.message, r->message_has) != NULL);
        if (r->contains != NULL)
            ecskp_test_true(r->src, "the value is sent as it is", strstr(out, r->contains) != NULL);
    }
}

/*
 * The documented AttachKeyPair and DetachKeyPair requests through the typed layer (the encode
 * and sign_v1 cases; the latter's common parameters go in `extra`): the documented canonical
 * query with InstanceIds as written, and also as the other form (a C array as JSON text, JSON
 * text as a C array and as compact text): encode.h normalizes them all to one compact text.
 */
static void test_documented_typed(void **state) {
    (void)state;
    static char src[160], compact[ECSKP_IDS_JSON_SIZE];
    ECSKP_TEST_FOR_VECTORS(v, "encode|sign_v1") {
        static ecskp_test_vec c;
        const char *canonical_query = vec_load(&c, v);
        if (!c.typed) {
            ecskp_test_vec_free(&c);
            continue;
        }
        expect e = OK_OUT(canonical_query);
        ecskp_keypair alt = c.op;
        const char *ids[ECSKP_MAX_INSTANCE_IDS];
        cJSON *parsed = NULL;
        (void)snprintf(src, sizeof src, "%s/%s through the typed layer", v->area, v->name);
        run_encode(src, op_fn, &c.op, &e, NULL, NULL);
        if (c.op.instance_ids != NULL) {
            alt.instance_ids = NULL;
            alt.instance_id_count = 0;
            alt.instance_ids_json = c.ids_text;
            (void)snprintf(src, sizeof src, "%s/%s, InstanceIds as JSON text", v->area, v->name);
            run_encode(src, op_fn, &alt, &e, NULL, NULL);
        } else {
            size_t n = 0, needed = 0;
            parsed = cJSON_Parse(c.op.instance_ids_json);
            for (const cJSON *id = parsed != NULL ? parsed->child : NULL; id != NULL; id = id->next)
                ids[n++] = id->valuestring;
            alt.instance_ids_json = NULL;
            alt.instance_ids = ids;
            alt.instance_id_count = n;
            (void)snprintf(src, sizeof src, "%s/%s, InstanceIds as a C array", v->area, v->name);
            run_encode(src, op_fn, &alt, &e, NULL, NULL);
            ECSKP_EXPECT_OK(src,
                            ecskp_ids_normalize(c.op.instance_ids_json,
                                                strlen(c.op.instance_ids_json), 0, NULL, compact,
                                                sizeof compact, &needed, NULL),
                            NULL);
            alt.instance_ids = NULL;
            alt.instance_id_count = 0;
            alt.instance_ids_json = compact;
            (void)snprintf(src, sizeof src, "%s/%s, InstanceIds as compact text", v->area, v->name);
            run_encode(src, op_fn, &alt, &e, NULL, NULL);
        }
        cJSON_Delete(parsed);
        ecskp_test_vec_free(&c);
    }
}

/* The parameter set itself, what the typed layer hands to a signer: the documented DetachKeyPair
 * request's four parameters, InstanceIds compact in the set's own buffer. */
static void test_typed_param_set(void **state) {
    (void)state;
    const char *src = "DetachKeyPair sample request (encode/documented_detach_request_example)";
    static ecskp_test_vec c;
    static ecskp_param_set set;
    char compact[ECSKP_IDS_JSON_SIZE];
    size_t needed = 0;
    ecskp_diag d;
    vec_load(&c, ecskp_test_vector("encode", "documented_detach_request_example"));
    ecskp_test_true(src, "InstanceIds given as JSON text", c.op.instance_ids_json != NULL);
    ECSKP_EXPECT_OK(src,
                    ecskp_ids_normalize(c.op.instance_ids_json, strlen(c.op.instance_ids_json), 0,
                                        NULL, compact, sizeof compact, &needed, &d),
                    &d);
    ecskp_test_dirty_diag(&d);
    rows_run++;
    expect_diag(src, ecskp_keypair_build(&c.op, &set, &d), &d, ECSKP_OK, "", NO_OFF, NO_IDX);
    ecskp_test_size(src, "count", set.count, c.req.count);
    for (size_t i = 0; i < c.req.count; i++) {
        const ecskp_param *p = NULL;
        for (size_t k = 0; k < set.count; k++)
            if (strcmp(set.params[k].name, c.params[i].name) == 0)
                p = &set.params[k];
        ecskp_test_true(src, "each parameter of the request is in the set", p != NULL);
        if (strcmp(p->name, "InstanceIds") == 0) {
            ecskp_test_str(src, "InstanceIds value (compact JSON)", p->value, compact);
            ecskp_test_true(src, "InstanceIds points at the set's own text",
                            p->value == set.ids_json);
        } else {
            ecskp_test_str(src, "value", p->value, c.params[i].value);
        }
    }
    rows_run += 2;
    ECSKP_EXPECT_ERROR("encode.h: keypair_build op NULL", ecskp_keypair_build(NULL, &set, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_size("encode.h: the set is zeroed on failure", "count", set.count, 0);
    ECSKP_EXPECT_ERROR("encode.h: keypair_build out NULL", ecskp_keypair_build(&c.op, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_vec_free(&c);
}

/* Parameter count limit through the typed layer: 4 typed + 124 extra = 128. */
typedef struct typed_many {
    ecskp_keypair op;
    ecskp_param extra[ECSKP_MAX_PARAMS];
    char names[ECSKP_MAX_PARAMS][8];
} typed_many;

static void test_typed_limits(void **state) {
    (void)state;
    static typed_many t;
    static const char *const ids[] = {"i-a"};
    t.op = (ecskp_keypair){.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                           .region_id = "r",
                           .key_pair_name = "k",
                           .instance_ids = ids,
                           .instance_id_count = COUNT(ids),
                           .extra = t.extra};
    for (size_t i = 0; i < ECSKP_MAX_PARAMS; i++) {
        (void)snprintf(t.names[i], sizeof t.names[i], "X%03u", (unsigned)i);
        t.extra[i].name = t.names[i];
        t.extra[i].value = "";
    }

    t.op.extra_count = ECSKP_MAX_PARAMS - 4;
    expect ok = OK_OUT(NULL);
    size_t len =
        run_encode("encode.h: 4 typed + 124 extra = 128 parameters", op_fn, &t.op, &ok, NULL, NULL);
    /* Action=AttachKeyPair&InstanceIds=%5B%22i-a%22%5D&KeyPairName=k&RegionId=r (73), then
     * 124 times "&Xnnn=" (6). */
    ecskp_test_size("encode.h: 128 typed parameters", "length", len, 73 + 124 * 6);

    t.op.extra_count = ECSKP_MAX_PARAMS - 3;
    expect too_many = FAIL(ECSKP_ERR_TOO_MANY_PARAMETERS, "X124", NO_OFF, ECSKP_MAX_PARAMS + 1);
    run_encode("status.h too_many_parameters: 4 typed + 125 extra", op_fn, &t.op, &too_many, NULL,
               NULL);
}

/* ------------------------------------------------------------------ names */

static const ecskp_test_enum_row action_rows[] = {
    {ECSKP_TEST_BOTH, .src = "AttachKeyPair API reference: AttachKeyPair",
     .value = ECSKP_ACTION_ATTACH_KEY_PAIR, .name = "AttachKeyPair"},
    {ECSKP_TEST_BOTH, .src = "DetachKeyPair API reference: DetachKeyPair",
     .value = ECSKP_ACTION_DETACH_KEY_PAIR, .name = "DetachKeyPair"},
    {ECSKP_TEST_NAME, .src = "encode.h: unset has no name", .value = ECSKP_ACTION_UNSET,
     .name = NULL},
    {ECSKP_TEST_NAME, .src = "encode.h: unknown action has no name", .value = 7, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "encode.h: Action names are exact (case-sensitive)",
     .name = "attachkeypair", .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: Action names are exact (trailing space)",
     .name = "AttachKeyPair ", .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: only AttachKeyPair and DetachKeyPair",
     .name = "DescribeRegions", .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: an empty Action", .name = "",
     .status = ECSKP_ERR_INVALID_ACTION},
    {ECSKP_TEST_PARSE, .src = "encode.h: a NULL Action", .name = NULL,
     .status = ECSKP_ERR_INVALID_ACTION},
};

static const ecskp_test_enum_row format_rows[] = {
    {ECSKP_TEST_BOTH, .src = "encode.h: JSON", .value = ECSKP_FORMAT_JSON, .name = "JSON"},
    {ECSKP_TEST_BOTH, .src = "encode.h: XML", .value = ECSKP_FORMAT_XML, .name = "XML"},
    {ECSKP_TEST_NAME, .src = "encode.h: unset has no name", .value = ECSKP_FORMAT_UNSET,
     .name = NULL},
    {ECSKP_TEST_NAME, .src = "encode.h: unknown format has no name", .value = 3, .name = NULL},
    {ECSKP_TEST_PARSE, .src = "encode.h: format names are exact (json)", .name = "json",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: format names are exact (Xml)", .name = "Xml",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: format names are exact (xml)", .name = "xml",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: only JSON and XML (YAML)", .name = "YAML",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: format names are exact (trailing space)", .name = "JSON ",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: an empty format", .name = "",
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
    {ECSKP_TEST_PARSE, .src = "encode.h: a NULL format", .name = NULL,
     .status = ECSKP_ERR_UNSUPPORTED_FORMAT},
};

/* status.h: anything but a stable name is invalid_argument with diag.field "name". */
static const ecskp_test_enum_row status_rows[] = {
    {ECSKP_TEST_NAME, .src = "status.h: a value outside the enum", .value = ECSKP_STATUS_COUNT_,
     .name = "unknown_status"},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (unknown_status)",
     .name = "unknown_status", .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (OK)", .name = "OK",
     .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (Missing_Parameter)",
     .name = "Missing_Parameter", .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (trailing space)",
     .name = "missing_parameter ", .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (empty)", .name = "",
     .status = ECSKP_ERR_INVALID_ARGUMENT},
    {ECSKP_TEST_PARSE, .src = "status.h: not a stable name (NULL)", .name = NULL,
     .status = ECSKP_ERR_INVALID_ARGUMENT},
};

static void test_action_names(void **state) {
    (void)state;
    rows_run += COUNT(action_rows);
    ecskp_test_enum_rows(&ecskp_test_action, action_rows, COUNT(action_rows));
}

static void test_format_names(void **state) {
    (void)state;
    rows_run += COUNT(format_rows);
    ecskp_test_enum_rows(&ecskp_test_format, format_rows, COUNT(format_rows));
}

/* status.h: every stable name parses back to its status. */
static void test_status_parse(void **state) {
    (void)state;
    ecskp_status s = ECSKP_OK;
    ecskp_diag d;
    for (int i = 0; i < (int)ECSKP_STATUS_COUNT_; i++) {
        const char *name = ecskp_status_name((ecskp_status)i);
        rows_run++;
        ECSKP_EXPECT_OK(name, ecskp_status_parse(name, &s, &d), &d);
        ecskp_test_true(name, "parses back to its status", (int)s == i);
    }
    rows_run += COUNT(status_rows);
    ecskp_test_enum_rows(&ecskp_test_status, status_rows, COUNT(status_rows));
}

static void test_row_count(void **state) {
    (void)state;
    print_message("test_encode: %zu rows\n", rows_run);
    ecskp_test_true("test_encode", "at least 300 rows ran", rows_run >= 300);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent_encoding),
        cmocka_unit_test(test_percent_encode_needed),
        cmocka_unit_test(test_percent_encode_arguments),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_canonical_query),
        cmocka_unit_test(test_documented_generic),
        cmocka_unit_test(test_canonical_limits),
        cmocka_unit_test(test_buffer_sizes),
        cmocka_unit_test(test_ids_build),
        cmocka_unit_test(test_ids_normalize),
        cmocka_unit_test(test_ids_counts),
        cmocka_unit_test(test_ids_count_limits),
        cmocka_unit_test(test_ids_text_limit),
        cmocka_unit_test(test_documented_ids),
        cmocka_unit_test(test_timestamp_check),
        cmocka_unit_test(test_typed_request),
        cmocka_unit_test(test_documented_typed),
        cmocka_unit_test(test_typed_param_set),
        cmocka_unit_test(test_typed_limits),
        cmocka_unit_test(test_action_names),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_status_parse),
        cmocka_unit_test(test_row_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
