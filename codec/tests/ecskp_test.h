/* SPDX-License-Identifier: MIT */
/*
 * ecskp_test.h - the one test vocabulary of the C tests: exact-status assertions over a diag,
 * text and size assertions that name the row they come from, and the documented vectors.
 *
 * Every check prints the row's source (a published page, a header) and what
 * differed before the cmocka assertion fails, so a failing table row says which row it was.
 *
 *   ECSKP_EXPECT_OK(src, status, &diag)
 *       the call succeeded and reset the diag (status ok, empty field, no offset, no index);
 *   ECSKP_EXPECT_ERROR(src, status, &diag, want)
 *       exactly `want`, with diag.status == want and diag.name == its stable name;
 *   ECSKP_EXPECT_DIAG(src, status, &diag, want, field, offset, index)
 *       the same, and diag.field / diag.offset / diag.index exactly as given (field NULL means
 *       "any", ECSKP_NO_OFFSET / ECSKP_NO_INDEX mean "none");
 *   ecskp_test_str(src, what, got, want), ecskp_test_size(src, what, got, want),
 *   ecskp_test_true(src, what, cond), ecskp_test_mem(src, what, got, got_len, want, want_len).
 *
 * Rows are tables of structs with designated initializers ({.src = ..., .want = ...}), and
 * their count is COUNT(table), never typed by hand.
 *
 * What more than one suite needs is here too, written once:
 *   ecskp_test_dirty_diag(&d)       a diag in a failure state, to see a call reset it;
 *   ecskp_test_counting(&counter)   an allocator that counts calls, live blocks and bytes,
 *                                   and refuses every call or the n-th one on request;
 *   ecskp_test_copy(src, p, n)      an exact-size heap copy (an over-read shows);
 *   ecskp_test_sized(src, fn, arg)  the ecskp.h output convention of one text: size query,
 *                                   one byte short, exactly *needed;
 *   ecskp_test_enum_rows(&ecskp_test_format, rows, n)
 *                                   an enum's names and parsing, checked from a table;
 *   ecskp_test_keypair(), ecskp_test_signer(signature)
 *                                   a valid typed operation and a signer with fixed values;
 *   ecskp_test_add(&list, ...), ecskp_test_run(&list, group)
 *                                   tests registered at run time, one per row or vector.
 *
 * The documented vectors (the requests, bodies and expected outputs of the API pages) live in
 * the conformance suite's case folders; vectors.h, generated from them at build time by
 * scripts/gen_vectors.py, gives them to C as ecskp_vectors[] (include "vectors.h");
 * ecskp_test_vectors.h turns them into what the calls take.
 */
#ifndef ECSKP_TEST_H
#define ECSKP_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ecskp/ecskp.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Each row of a table, in order: ECSKP_TEST_FOR_ROWS(const lookup_row, r, lookup_rows) { ... } */
#define ECSKP_TEST_FOR_ROWS(type, r, table) for (type *r = (table); r < (table) + COUNT(table); r++)
#define NO_OFF ECSKP_NO_OFFSET
#define NO_IDX ECSKP_NO_INDEX

static inline void ecskp_test_true(const char *src, const char *what, int cond) {
    if (!cond)
        print_error("row [%s]: %s\n", src, what);
    assert_true(cond);
}

static inline void ecskp_test_str(const char *src, const char *what, const char *got,
                                  const char *want) {
    int same = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;
    if (!same)
        print_error("row [%s]: %s\n  got  \"%s\"\n  want \"%s\"\n", src, what,
                    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
    assert_true(same);
}

static inline void ecskp_test_mem(const char *src, const char *what, const void *got,
                                  size_t got_len, const void *want, size_t want_len) {
    int same = got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0);
    if (!same)
        print_error("row [%s]: %s: %zu bytes, want %zu (or the bytes differ)\n", src, what, got_len,
                    want_len);
    assert_true(same);
}

static inline void ecskp_test_size(const char *src, const char *what, size_t got, size_t want) {
    if (got != want)
        print_error("row [%s]: %s is %zu, want %zu\n", src, what, got, want);
    assert_true(got == want);
}

/* The status, and the diag that goes with it (diag may be NULL: then only the status). */
static inline void ecskp_test_diag(const char *src, const char *call, ecskp_status got,
                                   const ecskp_diag *diag, ecskp_status want, const char *field,
                                   size_t offset, size_t index, int check_place) {
    if (got != want)
        print_error("row [%s]: %s returned %s, want %s (diag: field \"%s\", %s)\n", src, call,
                    ecskp_status_name(got), ecskp_status_name(want),
                    diag != NULL ? diag->field : "", diag != NULL ? diag->message : "");
    assert_int_equal(got, want);
    if (diag == NULL)
        return;
    ecskp_test_true(src, "diag.status is the status returned", diag->status == want);
    ecskp_test_str(src, "diag.name", diag->name, ecskp_status_name(want));
    if (want == ECSKP_OK) {
        ecskp_test_str(src, "diag.field after success", diag->field, "");
        ecskp_test_size(src, "diag.offset after success", diag->offset, ECSKP_NO_OFFSET);
        ecskp_test_size(src, "diag.index after success", diag->index, ECSKP_NO_INDEX);
        return;
    }
    if (!check_place)
        return;
    if (field != NULL)
        ecskp_test_str(src, "diag.field", diag->field, field);
    ecskp_test_size(src, "diag.offset", diag->offset, offset);
    ecskp_test_size(src, "diag.index", diag->index, index);
}

#define ECSKP_EXPECT_OK(src, expr, diagp)                                                          \
    ecskp_test_diag((src), #expr, (expr), (diagp), ECSKP_OK, NULL, ECSKP_NO_OFFSET,                \
                    ECSKP_NO_INDEX, 1)
#define ECSKP_EXPECT_ERROR(src, expr, diagp, want)                                                 \
    ecskp_test_diag((src), #expr, (expr), (diagp), (want), NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX, 0)
#define ECSKP_EXPECT_DIAG(src, expr, diagp, want, field, offset, index)                            \
    ecskp_test_diag((src), #expr, (expr), (diagp), (want), (field), (offset), (index), 1)

/* ------------------------------------------------------------------ a diag to reset */

/* A diag in a failure state, every byte written, so that a call that forgets to reset it (or
 * any of its members) is caught. */
static inline void ecskp_test_dirty_diag(ecskp_diag *d) {
    memset(d, 0x5A, sizeof *d);
    d->field[sizeof d->field - 1] = '\0';
    d->message[sizeof d->message - 1] = '\0';
    d->status = ECSKP_ERR_MISSING_FIELD;
    d->name = ecskp_status_name(d->status);
}

/* What a failing callback (a Timestamp or nonce source) reports: the diag reset, then set to
 * `status`, naming `field`. Returns `status`. */
static inline ecskp_status ecskp_test_fail_diag(ecskp_diag *diag, ecskp_status status,
                                                const char *field) {
    ecskp_diag_clear(diag);
    if (diag != NULL) {
        diag->status = status;
        diag->name = ecskp_status_name(status);
        (void)snprintf(diag->field, sizeof diag->field, "%s", field);
    }
    return status;
}

/* ------------------------------------------------------------------ a counting allocator */

/* What an allocator saw. `fail` refuses every call, `fail_at` the fail_at-th (from 1) of the
 * malloc_fn and realloc_fn calls. Each block carries its size in a header, so that the live
 * bytes and their peak are known. One counter per thread: nothing is shared. */
typedef struct ecskp_test_counter {
    size_t mallocs, reallocs, frees; /* calls (frees: of a non-NULL block) */
    size_t calls;                    /* mallocs + reallocs */
    size_t live, bytes, peak;        /* blocks and bytes held, the most bytes held */
    size_t fail_at;
    int fail;
    void *last_malloc, *last_free;
} ecskp_test_counter;

#define ECSKP_TEST_HDR 16 /* the size header, a multiple of every alignment */

static inline void ecskp_test_account(ecskp_test_counter *c, size_t minus, size_t plus) {
    c->bytes = c->bytes - minus + plus;
    if (c->bytes > c->peak)
        c->peak = c->bytes;
}

static inline int ecskp_test_refused(ecskp_test_counter *c) {
    c->calls++;
    return c->fail || c->calls == c->fail_at;
}

static inline void *ecskp_test_block(unsigned char *p, size_t n) {
    memcpy(p, &n, sizeof n);
    return p + ECSKP_TEST_HDR;
}

static inline void *ecskp_test_malloc(size_t n, void *ctx) {
    ecskp_test_counter *c = ctx;
    c->mallocs++;
    unsigned char *p = ecskp_test_refused(c) ? NULL : malloc(n + ECSKP_TEST_HDR);
    c->last_malloc = p != NULL ? ecskp_test_block(p, n) : NULL;
    if (p != NULL) {
        c->live++;
        ecskp_test_account(c, 0, n);
    }
    return c->last_malloc;
}

static inline void *ecskp_test_realloc(void *ptr, size_t n, void *ctx) {
    ecskp_test_counter *c = ctx;
    c->reallocs++;
    if (ecskp_test_refused(c))
        return NULL;
    unsigned char *old = ptr != NULL ? (unsigned char *)ptr - ECSKP_TEST_HDR : NULL;
    size_t was = 0;
    if (old != NULL)
        memcpy(&was, old, sizeof was);
    unsigned char *p = realloc(old, n + ECSKP_TEST_HDR);
    if (p == NULL)
        return NULL;
    c->live += old == NULL;
    ecskp_test_account(c, was, n);
    return ecskp_test_block(p, n);
}

static inline void ecskp_test_free(void *ptr, void *ctx) {
    ecskp_test_counter *c = ctx;
    if (ptr == NULL)
        return;
    unsigned char *old = (unsigned char *)ptr - ECSKP_TEST_HDR;
    size_t was;
    memcpy(&was, old, sizeof was);
    c->frees++;
    c->live--;
    c->last_free = ptr;
    ecskp_test_account(c, was, 0);
    free(old);
}

/* The allocator over `c`, which starts from zero. */
static inline ecskp_allocator ecskp_test_counting(ecskp_test_counter *c) {
    memset(c, 0, sizeof *c);
    return (ecskp_allocator){.malloc_fn = ecskp_test_malloc,
                             .realloc_fn = ecskp_test_realloc,
                             .free_fn = ecskp_test_free,
                             .ctx = c};
}

/* ------------------------------------------------------------------ inputs and outputs */

/* An exact-size heap copy of `n` bytes, no terminator added (free it), so that a read past the
 * end shows under a sanitizer or valgrind. */
static inline char *ecskp_test_copy(const char *src, const void *p, size_t n) {
    char *copy = malloc(n > 0 ? n : 1);
    ecskp_test_true(src, "malloc of an exact-size copy", copy != NULL);
    if (n > 0)
        memcpy(copy, p, n);
    return copy;
}

/* 32 lower-case hex characters, the form of a drawn SignatureNonce (sign.h). */
static inline int ecskp_test_is_hex32(const char *s) {
    return s != NULL && strlen(s) == 32 && strspn(s, "0123456789abcdef") == 32;
}

/* One call that writes a text under the ecskp.h output convention. */
typedef ecskp_status (*ecskp_test_text_fn)(const void *arg, char *buf, size_t cap, size_t *needed,
                                           ecskp_diag *d);

/* The text of a successful call, sized as ecskp.h says: the size query (NULL, 0) is
 * buffer_too_small with *needed = the bytes with the NUL; a buffer one byte short is
 * buffer_too_small with the same *needed, holds a NUL and nothing is written past it; a
 * buffer of exactly *needed bytes takes the text, *needed again the same, nothing written
 * past it, the diag reset. Returns the text (free it). */
static inline char *ecskp_test_sized(const char *src, ecskp_test_text_fn fn, const void *arg) {
    size_t needed = 12345, again = 12345;
    ecskp_diag d;
    ecskp_test_dirty_diag(&d);
    ECSKP_EXPECT_ERROR(src, fn(arg, NULL, 0, &needed, &d), &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_true(src, "*needed counts the NUL", needed >= 1);
    char *out = malloc(needed + 1);
    ecskp_test_true(src, "malloc of the text", out != NULL);
    if (needed > 1) {
        memset(out, '#', needed + 1);
        ECSKP_EXPECT_ERROR(src, fn(arg, out, needed - 1, &again, &d), &d,
                           ECSKP_ERR_BUFFER_TOO_SMALL);
        ecskp_test_size(src, "*needed with one byte less", again, needed);
        ecskp_test_true(src, "a buffer one byte short holds a NUL",
                        memchr(out, '\0', needed - 1) != NULL);
        ecskp_test_true(src, "nothing written past a short buffer", out[needed - 1] == '#');
    }
    memset(out, '#', needed + 1);
    again = 12345;
    ecskp_test_dirty_diag(&d);
    ECSKP_EXPECT_OK(src, fn(arg, out, needed, &again, &d), &d);
    ecskp_test_str(src, "diag.message after a success", d.message, "");
    ecskp_test_size(src, "*needed with exactly *needed bytes, as on the size query", again, needed);
    ecskp_test_size(src, "strlen of the text + its NUL", strlen(out) + 1, needed);
    ecskp_test_true(src, "nothing written past the buffer", out[needed] == '#');
    return out;
}

/* ------------------------------------------------------------------ enum names */

/* An enum's name and parse functions, taken through int so that one table tests any of them:
 * ecskp_test_method, ecskp_test_signature, ecskp_test_action, ecskp_test_format,
 * ecskp_test_status, ecskp_test_endpoint. */
typedef struct ecskp_test_enum {
    const char *(*name)(int value);
    ecskp_status (*parse)(const char *name, int *out, ecskp_diag *d); /* out may be NULL */
    const char *field; /* the diag.field of a name that does not parse */
    const char *valid; /* a name that parses: with out NULL it is invalid_argument */
} ecskp_test_enum;

#define ECSKP_TEST_ENUM(object, type, field_, valid_)                                              \
    static inline const char *ecskp_test_##object##_name(int v) {                                  \
        return ecskp_##object##_name((type)v);                                                     \
    }                                                                                              \
    static inline ecskp_status ecskp_test_##object##_parse(const char *name, int *out,             \
                                                           ecskp_diag *d) {                        \
        type v = (type)99;                                                                         \
        ecskp_status rc = ecskp_##object##_parse(name, out != NULL ? &v : NULL, d);                \
        if (out != NULL)                                                                           \
            *out = (int)v;                                                                         \
        return rc;                                                                                 \
    }                                                                                              \
    static const ecskp_test_enum ecskp_test_##object = {                                           \
        ecskp_test_##object##_name, ecskp_test_##object##_parse, field_, valid_}

ECSKP_TEST_ENUM(method, ecskp_method, "method", "GET");
ECSKP_TEST_ENUM(signature, ecskp_signature, "signature", "v1");
ECSKP_TEST_ENUM(action, ecskp_action, "Action", "AttachKeyPair");
ECSKP_TEST_ENUM(format, ecskp_format, "Format", "JSON");
ECSKP_TEST_ENUM(status, ecskp_status, "name", "ok");
ECSKP_TEST_ENUM(endpoint, ecskp_endpoint, "endpoint", "vpc");

/* What a row checks: that value's name (NULL: it has none), that name's parse (the status,
 * and the value when it is ok), or both. */
enum { ECSKP_TEST_CHECK_NAME = 1, ECSKP_TEST_CHECK_PARSE = 2 };
#define ECSKP_TEST_NAME .check = ECSKP_TEST_CHECK_NAME
#define ECSKP_TEST_PARSE .check = ECSKP_TEST_CHECK_PARSE
#define ECSKP_TEST_BOTH .check = ECSKP_TEST_CHECK_NAME | ECSKP_TEST_CHECK_PARSE

typedef struct ecskp_test_enum_row {
    const char *src;
    int check;
    int value;
    const char *name;
    ecskp_status status; /* of the parse; a refusal names the enum's field */
} ecskp_test_enum_row;

/* Every row, then the valid name with out NULL: invalid_argument. */
static inline void ecskp_test_enum_rows(const ecskp_test_enum *e, const ecskp_test_enum_row *rows,
                                        size_t n) {
    ecskp_diag d;
    for (size_t i = 0; i < n; i++) {
        const ecskp_test_enum_row *r = &rows[i];
        int out = -1;
        if (r->check & ECSKP_TEST_CHECK_NAME)
            ecskp_test_str(r->src, "the value's name", e->name(r->value), r->name);
        if (!(r->check & ECSKP_TEST_CHECK_PARSE))
            continue;
        ecskp_test_dirty_diag(&d);
        ECSKP_EXPECT_DIAG(r->src, e->parse(r->name, &out, &d), &d, r->status, e->field, NO_OFF,
                          NO_IDX);
        if (r->status == ECSKP_OK)
            ecskp_test_true(r->src, "the name parses to the value", out == r->value);
        ecskp_test_true(r->src, "diag.message empty after a success, set after a failure",
                        (d.message[0] == '\0') == (r->status == ECSKP_OK));
    }
    ECSKP_EXPECT_ERROR(e->valid, e->parse(e->valid, NULL, &d), &d, ECSKP_ERR_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ fixed requests */

#define ECSKP_TEST_HOST "ecs.cn-hangzhou.aliyuncs.com"
/* The common parameters of the DescribeRegions worked example of Request signatures (ECS API
 * reference, Getting started, mirrored in https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`). */
#define ECSKP_TEST_ACCESS_KEY_ID "testid"
#define ECSKP_TEST_SECRET "testsecret"
#define ECSKP_TEST_TIMESTAMP "2016-02-23T12:46:24Z"
#define ECSKP_TEST_NONCE "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"

/* Two instance IDs, a current and a legacy one (the InstanceIds of the AttachKeyPair and
 * DetachKeyPair API references,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair).
 */
static const char *const ecskp_test_ids2[] = {"i-m5eg7be9ndloji64jknv", "i-23jggx34b"};

/* A valid typed operation: AttachKeyPair in cn-hangzhou, key pair "k", the two IDs, JSON. */
static inline ecskp_keypair ecskp_test_keypair(void) {
    return (ecskp_keypair){.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                           .region_id = "cn-hangzhou",
                           .key_pair_name = "k",
                           .instance_ids = ecskp_test_ids2,
                           .instance_id_count = COUNT(ecskp_test_ids2),
                           .format = ECSKP_FORMAT_JSON};
}

/* A signer of `signature` that gives every common parameter: POST to ECSKP_TEST_HOST. */
static inline ecskp_signer ecskp_test_signer(ecskp_signature signature) {
    return (ecskp_signer){.signature = signature,
                          .method = ECSKP_METHOD_POST,
                          .host = ECSKP_TEST_HOST,
                          .access_key_id = ECSKP_TEST_ACCESS_KEY_ID,
                          .secret = ECSKP_TEST_SECRET,
                          .secret_len = sizeof ECSKP_TEST_SECRET - 1,
                          .timestamp = ECSKP_TEST_TIMESTAMP,
                          .nonce = ECSKP_TEST_NONCE};
}

/* ------------------------------------------------------------------ tests made at run time */

/* The tests of one group, one per table row or documented vector, each named by its row. */
#define ECSKP_TEST_MAX 384
typedef struct ecskp_test_list {
    struct CMUnitTest tests[ECSKP_TEST_MAX];
    char names[ECSKP_TEST_MAX][160];
    size_t count;
} ecskp_test_list;

static inline void ecskp_test_add(ecskp_test_list *l, const char *name, CMUnitTestFunction f,
                                  const void *state) {
    if (l->count >= ECSKP_TEST_MAX) {
        fprintf(stderr, "ECSKP_TEST_MAX too small\n");
        exit(1);
    }
    l->tests[l->count++] = (struct CMUnitTest){
        .name = name, .test_func = f, .initial_state = (void *)(uintptr_t)state};
}

/* The same with a name made from a format, kept in the list. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static inline void
ecskp_test_addf(ecskp_test_list *l, CMUnitTestFunction f, const void *state, const char *fmt, ...) {
    char *name = l->names[l->count < ECSKP_TEST_MAX ? l->count : 0];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(name, sizeof l->names[0], fmt, ap);
    va_end(ap);
    ecskp_test_add(l, name, f, state);
}

/* One test per row of a table whose rows name themselves in `member`. */
#define ECSKP_TEST_ADD_ROWS(list, table, member, f)                                                \
    for (size_t ecskp_row_ = 0; ecskp_row_ < COUNT(table); ecskp_row_++)                           \
    ecskp_test_add((list), (table)[ecskp_row_].member, (f), &(table)[ecskp_row_])

/* A test that takes no row, and its name. */
typedef struct ecskp_test_named {
    const char *name;
    CMUnitTestFunction f;
} ecskp_test_named;

/* A test named by its function, as cmocka_unit_test() names it. */
#define ECSKP_TEST_NAMED(f)                                                                        \
    { #f, f }

static inline void ecskp_test_add_all(ecskp_test_list *l, const ecskp_test_named *t, size_t n) {
    for (size_t i = 0; i < n; i++)
        ecskp_test_add(l, t[i].name, t[i].f, NULL);
}

/* Runs the group and empties the list for the next one; returns the failures. */
static inline int ecskp_test_run(ecskp_test_list *l, const char *group) {
    int failed = _cmocka_run_group_tests(group, l->tests, l->count, NULL, NULL);
    l->count = 0;
    return failed;
}

/* The tests in the list (one per row) as `rows_group`, then the `n` named ones as `group`;
 * returns whether any failed (main's exit status). */
static inline int ecskp_test_run_rows_then(ecskp_test_list *l, const char *rows_group,
                                           const ecskp_test_named *t, size_t n, const char *group) {
    int failed = ecskp_test_run(l, rows_group);
    ecskp_test_add_all(l, t, n);
    failed += ecskp_test_run(l, group);
    return failed != 0;
}

#endif /* ECSKP_TEST_H */
