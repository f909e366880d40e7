/* SPDX-License-Identifier: MIT */
/*
 * test_sign.c - signing (ecskp/sign.h): the signing context and its resolution rules,
 * signature 1.0 (HMAC-SHA1), V3 (ACS3-HMAC-SHA256), the exact output size and its bounds, the
 * allocating variants, Timestamp and SignatureNonce.
 *
 * The documented examples (AttachKeyPair, DetachKeyPair, DescribeRegions, RunInstances) come
 * from vectors.h, the conformance suite's documented cases: their requests and every expected
 * text (canonical query, StringToSign, signature, signed query, canonical request,
 * Authorization) are read from there, never typed again. The other rows are edge cases, each
 * naming its source; "computed independently" means that the expected texts were produced
 * outside ecskp, with Python's urllib.parse.quote(safe='-_.~'), hashlib and hmac, and each
 * signature was checked again with the openssl command line:
 *   V1: printf '%s' "$STS" | openssl dgst -sha1 -hmac "$SECRET&" -binary | base64
 *   V3: printf '%s' "$CANONICAL_REQUEST" | openssl dgst -sha256
 *       printf '%s' "$STS" | openssl dgst -sha256 -hmac "$SECRET"
 *
 * Each row and each vector check is its own cmocka test, named by its source. In a build
 * without libcrypto only the tests that need no crypto run, plus one that checks that every
 * signer says `unsupported`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ecskp_test_vectors.h"
#include "sign/sign_internal.h"

#define BIG 16384

/* The fixed common parameters of the typed rows (the values of the DescribeRegions worked
 * example of Request signatures, ECS API reference, Getting started, mirrored in
 * https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`). */
#define T_ID "testid"
#define T_TS "2016-02-23T12:46:24Z"
#define T_NONCE "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"

/* A secret that must never show up in a diag or an output buffer. */
#define CANARY "Leak-Canary-7f3a9c0e"

/* A parameter list in a row, its count from the list itself. */
#define PARAMS(...)                                                                                \
    .params = (const ecskp_param[]){__VA_ARGS__},                                                  \
    .count = COUNT(((const ecskp_param[]){__VA_ARGS__}))
/* The same as a typed operation's extra parameters. */
#define EXTRA(...)                                                                                 \
    .extra = (const ecskp_param[]){__VA_ARGS__},                                                   \
    .extra_count = COUNT(((const ecskp_param[]){__VA_ARGS__}))

static char buf[BIG];

/* ------------------------------------------------------------------ output checks */

static int is_zero(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* No copy of the secret anywhere in `n` bytes. */
static void assert_clean(const char *src, const void *mem, size_t n, const char *secret) {
    size_t k = strlen(secret);
    const char *b = mem;
    for (size_t i = 0; i + k <= n; i++)
        ecskp_test_true(src, "no copy of the secret", memcmp(b + i, secret, k) != 0);
}

static void assert_diag_clean(const char *src, const ecskp_diag *d) {
    ecskp_test_true(src, "the secret is not in diag.message", strstr(d->message, CANARY) == NULL);
    ecskp_test_true(src, "the secret is not in diag.field", strstr(d->field, CANARY) == NULL);
}

/* Two signed requests say the same, text for text. */
static void same_signed(const char *src, const ecskp_signed *a, const ecskp_signed *b) {
    ecskp_test_true(src, "same signature version", a->signature == b->signature);
    ecskp_test_true(src, "same method", a->method == b->method);
    ecskp_test_str(src, "same path", a->path, b->path);
    ecskp_test_str(src, "same query", a->query, b->query);
    ecskp_test_mem(src, "same body", a->body, a->body_len, b->body, b->body_len);
    ecskp_test_str(src, "same canonical query", a->canonical_query, b->canonical_query);
    ecskp_test_str(src, "same canonical request", a->canonical_request, b->canonical_request);
    ecskp_test_str(src, "same StringToSign", a->string_to_sign, b->string_to_sign);
    ecskp_test_str(src, "same signature", a->signature_value, b->signature_value);
    ecskp_test_size(src, "same header count", a->header_count, b->header_count);
    for (size_t i = 0; i < a->header_count && i < ECSKP_MAX_HEADERS; i++) {
        ecskp_test_str(src, "same header name", a->headers[i].name, b->headers[i].name);
        ecskp_test_str(src, "same header value", a->headers[i].value, b->headers[i].value);
    }
}

/* The texts of `s` that lie in [mem, mem + cap), each once, in buffer order: *n of them,
 * ends[k] the offset just past the NUL of the k-th. Two texts may not overlap, none may run
 * past `cap`. Returns the bytes they take (the last end). */
static size_t text_layout(const char *src, const ecskp_signed *s, const char *mem, size_t cap,
                          size_t ends[], size_t *n) {
    const char *t[7 + ECSKP_MAX_HEADERS] = {
        s->path,           s->query,          s->body, s->canonical_query, s->canonical_request,
        s->string_to_sign, s->signature_value};
    size_t count = 7;
    for (size_t i = 0; i < s->header_count && i < ECSKP_MAX_HEADERS; i++)
        t[count++] = s->headers[i].value;
    uintptr_t lo = (uintptr_t)mem, hi = lo + cap;
    size_t starts[7 + ECSKP_MAX_HEADERS];
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        uintptr_t p = (uintptr_t)t[i];
        if (t[i] == NULL || p < lo || p >= hi)
            continue;
        size_t at = (size_t)(p - lo), k = 0;
        while (k < *n && starts[k] < at)
            k++;
        if (k < *n && starts[k] == at)
            continue; /* the same text twice (V3: query and canonical query) */
        size_t len = (t[i] == s->body ? s->body_len : strlen(t[i])) + 1;
        memmove(&starts[k + 1], &starts[k], (*n - k) * sizeof starts[0]);
        memmove(&ends[k + 1], &ends[k], (*n - k) * sizeof ends[0]);
        starts[k] = at;
        ends[k] = at + len;
        (*n)++;
    }
    for (size_t k = 0; k < *n; k++) {
        ecskp_test_true(src, "no text runs past the buffer", ends[k] <= cap);
        ecskp_test_true(src, "no two texts overlap", k + 1 == *n || ends[k] <= starts[k + 1]);
        ecskp_test_true(src, "the texts follow one another from the start",
                        k == 0 ? starts[0] == 0 : starts[k] == ends[k - 1]);
    }
    return *n > 0 ? ends[*n - 1] : 0;
}

static size_t signed_size(const char *src, const ecskp_signed *s, const char *mem, size_t cap) {
    size_t ends[7 + ECSKP_MAX_HEADERS], n = 0;
    return text_layout(src, s, mem, cap, ends, &n);
}

/* The header called `name`, or NULL. */
static const char *header(const ecskp_signed *s, const char *name) {
    for (size_t i = 0; i < s->header_count && i < ECSKP_MAX_HEADERS; i++)
        if (strcmp(s->headers[i].name, name) == 0)
            return s->headers[i].value;
    return NULL;
}

/* The header names joined by ';', authorization left out (it must be the last). */
static void header_names(const char *src, const ecskp_signed *s, char *out, size_t cap) {
    out[0] = '\0';
    ecskp_test_true(src, "authorization is the last header",
                    s->header_count > 0 && s->header_count <= ECSKP_MAX_HEADERS &&
                        strcmp(s->headers[s->header_count - 1].name, "authorization") == 0);
    for (size_t i = 0; i + 1 < s->header_count; i++) {
        size_t at = strlen(out);
        (void)snprintf(out + at, cap - at, "%s%s", i > 0 ? ";" : "", s->headers[i].name);
    }
}

/* ------------------------------------------------------------------ documented vectors */

/* A documented request (ecskp_test_vec, ecskp_test_vectors.h) is signed as a typed operation
 * when it is one, else as its parameter list. */

/* The common parameters move from the request to the signer; a documented case has the three
 * that a typed operation and V3 require. */
static void vec_commons_to_signer(ecskp_test_vec *c) {
    ecskp_test_vec_commons_to_signer(c);
    ecskp_test_true(c->v->name, "the case has AccessKeyId, Timestamp and SignatureNonce",
                    c->signer.access_key_id != NULL && c->signer.timestamp != NULL &&
                        c->signer.nonce != NULL);
}

static ecskp_status vec_sign(const ecskp_test_vec *c, char *mem, size_t cap, size_t *needed,
                             ecskp_signed *out, ecskp_diag *d) {
    if (c->typed)
        return ecskp_keypair_sign(&c->signer, &c->op, mem, cap, needed, out, d);
    return ecskp_request_sign(&c->signer, &c->req, mem, cap, needed, out, d);
}

static ecskp_status vec_sign_alloc(const ecskp_test_vec *c, const ecskp_allocator *a,
                                   ecskp_signed **out, ecskp_diag *d) {
    if (c->typed)
        return ecskp_keypair_sign_alloc(&c->signer, &c->op, a, out, d);
    return ecskp_request_sign_alloc(&c->signer, &c->req, a, out, d);
}

/* Signs the case into buf; it must succeed. */
static void sign_ok(const char *src, const ecskp_test_vec *c, ecskp_signed *out) {
    ecskp_diag d;
    size_t needed = 0;
    ECSKP_EXPECT_OK(src, vec_sign(c, buf, sizeof buf, &needed, out, &d), &d);
}

/* Line k (from 0) of a text, into out. */
static void line_of(const char *text, size_t k, char *out, size_t cap) {
    const char *p = text;
    for (size_t i = 0; i < k && p != NULL; i++) {
        p = strchr(p, '\n');
        p = p != NULL ? p + 1 : NULL;
    }
    size_t n = 0;
    while (p != NULL && p[n] != '\0' && p[n] != '\n' && n + 1 < cap)
        n++;
    if (p != NULL)
        memcpy(out, p, n);
    out[n] = '\0';
}

/* Every artifact of the case, byte for byte. */
static void check_artifacts(const char *src, const ecskp_test_vec *c, const ecskp_signed *s) {
    char line[BIG];
    ecskp_test_str(src, "StringToSign", s->string_to_sign,
                   ecskp_test_vec_artifact(c, "string_to_sign"));
    ecskp_test_str(src, "signature", s->signature_value, ecskp_test_vec_artifact(c, "signature"));
    if (c->signer.signature == ECSKP_SIGNATURE_V1) {
        ecskp_test_str(src, "canonical query", s->canonical_query,
                       ecskp_test_vec_artifact(c, "canonical_query"));
        ecskp_test_str(src, "signed query", s->method == ECSKP_METHOD_GET ? s->query : s->body,
                       ecskp_test_vec_artifact(c, "signed_query"));
        return;
    }
    ecskp_test_str(src, "canonical request", s->canonical_request,
                   ecskp_test_vec_artifact(c, "canonical_request"));
    line_of(ecskp_test_vec_artifact(c, "canonical_request"), 2, line, sizeof line);
    ecskp_test_str(src, "canonical query (line 3 of the canonical request)", s->canonical_query,
                   line);
    ecskp_test_str(src, "Authorization", header(s, "authorization"),
                   ecskp_test_vec_artifact(c, "authorization"));
}

/* What the HTTP request carries, and where (sign.h, ecskp_signed). */
static void check_shape(const char *src, const ecskp_test_vec *c, const ecskp_signed *s) {
    ecskp_method method =
        c->signer.method == ECSKP_METHOD_GET ? ECSKP_METHOD_GET : ECSKP_METHOD_POST;
    ecskp_test_true(src, "signature version", s->signature == c->signer.signature);
    ecskp_test_true(src, "method (unset is POST)", s->method == method);
    ecskp_test_str(src, "path", s->path, "/");
    if (c->signer.signature == ECSKP_SIGNATURE_V1) {
        const char *form = method == ECSKP_METHOD_GET ? s->query : s->body;
        ecskp_test_str(src, "V1: the query is empty for POST",
                       method == ECSKP_METHOD_GET ? "" : s->query, "");
        ecskp_test_str(src, "V1: the body is empty for GET",
                       method == ECSKP_METHOD_GET ? s->body : "", "");
        ecskp_test_size(src, "V1: body_len", s->body_len,
                        method == ECSKP_METHOD_GET ? 0 : strlen(form));
        ecskp_test_size(src, "V1: headers", s->header_count, method == ECSKP_METHOD_GET ? 0 : 1);
        ecskp_test_str(src, "V1 POST: content-type", header(s, "content-type"),
                       method == ECSKP_METHOD_GET ? NULL : "application/x-www-form-urlencoded");
        ecskp_test_str(src, "V1: no canonical request", s->canonical_request, "");
        return;
    }
    char names[256], line[BIG];
    header_names(src, s, names, sizeof names);
    line_of(ecskp_test_vec_artifact(c, "canonical_request"), 3 + s->header_count, line,
            sizeof line);
    ecskp_test_str(src, "V3: headers in SignedHeaders order", names, line);
    ecskp_test_true(src, "V3: the query is the canonical query", s->query == s->canonical_query);
    ecskp_test_size(src, "V3: no body", s->body_len, 0);
    ecskp_test_str(src, "V3: host", header(s, "host"), c->signer.host);
    ecskp_test_str(src, "V3: x-acs-action", header(s, "x-acs-action"),
                   ecskp_test_param(c->params, c->req.count, "Action"));
    const char *version = ecskp_test_param(c->params, c->req.count, "Version");
    ecskp_test_str(src, "V3: x-acs-version (typed: 2014-05-26 when unset)",
                   header(s, "x-acs-version"), version != NULL ? version : ECSKP_API_VERSION);
    line_of(ecskp_test_vec_artifact(c, "canonical_request"), 4 + s->header_count, line,
            sizeof line);
    ecskp_test_str(src, "V3: x-acs-content-sha256", header(s, "x-acs-content-sha256"), line);
}

/* The documented vector signed as it is written: every artifact, the shape, the exact size,
 * and no copy of the secret in the buffer. */
static void test_vector_artifacts(void **state) {
    const ecskp_vector *v = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, v);
    ecskp_signed s;
    ecskp_diag d;
    size_t needed = 0;
    memset(buf, 'x', sizeof buf);
    ECSKP_EXPECT_OK(v->name, vec_sign(&c, buf, sizeof buf, &needed, &s, &d), &d);
    check_artifacts(v->name, &c, &s);
    check_shape(v->name, &c, &s);
    ecskp_test_size(v->name, "needed is the bytes the texts take",
                    signed_size(v->name, &s, buf, sizeof buf), needed);
    assert_clean(v->name, buf, sizeof buf, c.signer.secret);
    assert_clean(v->name, &s, sizeof s, c.signer.secret);
    ecskp_test_vec_free(&c);
}

/* The same request with AccessKeyId, Timestamp and SignatureNonce given by the signer instead
 * of the list (sign.h, ecskp_signer): the same texts. */
static void test_vector_commons_from_signer(void **state) {
    const ecskp_vector *v = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, v);
    static char other[BIG];
    ecskp_signed a, b;
    ecskp_diag d;
    size_t needed = 0;
    ECSKP_EXPECT_OK(v->name, vec_sign(&c, buf, sizeof buf, &needed, &a, &d), &d);
    vec_commons_to_signer(&c);
    ECSKP_EXPECT_OK(v->name, vec_sign(&c, other, sizeof other, &needed, &b, &d), &d);
    same_signed(v->name, &a, &b);
    check_artifacts(v->name, &c, &b);
    ecskp_test_vec_free(&c);
}

/* A Timestamp and SignatureNonce source and what it saw. */
typedef struct source_ctx {
    const char *timestamp, *nonce; /* what the sources write */
    ecskp_status status;           /* what they return */
    int clock_calls, nonce_calls;
    const void *clock_ctx, *nonce_ctx; /* the ctx each was given */
} source_ctx;

/* What a source does: counts the call, keeps the ctx it was given, and writes `value` or
 * fails with the ctx's status and a diag naming `field`. */
static ecskp_status source_answer(source_ctx *s, char *out, size_t size, const char *value,
                                  const char *field, ecskp_diag *diag) {
    if (s->status != ECSKP_OK) {
        out[0] = '\0';
        return ecskp_test_fail_diag(diag, s->status, field);
    }
    (void)snprintf(out, size, "%s", value);
    return ECSKP_OK;
}

static ecskp_status test_clock(void *ctx, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag) {
    source_ctx *s = ctx;
    s->clock_calls++;
    s->clock_ctx = ctx;
    return source_answer(s, out, ECSKP_TIMESTAMP_SIZE, s->timestamp, "test-clock", diag);
}

static ecskp_status test_nonce(void *ctx, char out[ECSKP_NONCE_SIZE], ecskp_diag *diag) {
    source_ctx *s = ctx;
    s->nonce_calls++;
    s->nonce_ctx = ctx;
    return source_answer(s, out, ECSKP_NONCE_SIZE, s->nonce, "test-nonce", diag);
}

/* The signer draws Timestamp and SignatureNonce from test_clock and test_nonce over ctx. */
static void use_sources(ecskp_signer *s, source_ctx *ctx) {
    s->clock = test_clock;
    s->nonce_source = test_nonce;
    s->source_ctx = ctx;
}

/* Timestamp and SignatureNonce drawn from the signer's sources (called once each, with
 * source_ctx) give the documented texts when the sources draw the documented values. */
static void test_vector_drawn(void **state) {
    const ecskp_vector *v = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, v);
    source_ctx ctx = {.status = ECSKP_OK};
    ctx.timestamp = ecskp_test_vec_take(&c, "Timestamp");
    /* A source writes at most 32 bytes: the UUID nonce of the V1 examples stays in the list,
     * and then the source must not be called. */
    const char *nonce = ecskp_test_param(c.params, c.req.count, "SignatureNonce");
    int draw_nonce = nonce != NULL && strlen(nonce) < ECSKP_NONCE_SIZE;
    if (draw_nonce)
        ctx.nonce = ecskp_test_vec_take(&c, "SignatureNonce");
    use_sources(&c.signer, &ctx);
    ecskp_signed s;
    sign_ok(v->name, &c, &s);
    check_artifacts(v->name, &c, &s);
    ecskp_test_true(v->name, "the clock was called once with source_ctx",
                    ctx.clock_calls == 1 && ctx.clock_ctx == &ctx);
    if (draw_nonce)
        ecskp_test_true(v->name, "the nonce source was called once with source_ctx",
                        ctx.nonce_calls == 1 && ctx.nonce_ctx == &ctx);
    else
        ecskp_test_true(v->name, "the nonce source is not called when the list has the nonce",
                        ctx.nonce_calls == 0);
    ecskp_test_vec_free(&c);
}

/* ------------------------------------------------------------------ exact sizes */

typedef ecskp_status (*sign_fn)(const void *ctx, char *mem, size_t cap, size_t *needed,
                                ecskp_signed *out, ecskp_diag *d);

static ecskp_status vec_fn(const void *ctx, char *mem, size_t cap, size_t *needed,
                           ecskp_signed *out, ecskp_diag *d) {
    return vec_sign(ctx, mem, cap, needed, out, d);
}

/* buffer_too_small with the exact size, in a heap block of exactly `cap` bytes (a sanitizer
 * or valgrind sees any byte written past it); the struct zeroed, the buffer NUL-terminated. */
static void expect_too_small(const char *src, sign_fn fn, const void *ctx, size_t cap,
                             size_t want) {
    char *mem = cap > 0 ? malloc(cap) : NULL;
    ecskp_test_true(src, "malloc", cap == 0 || mem != NULL);
    if (cap > 0)
        memset(mem, '#', cap); /* no NUL but the ones the call writes */
    ecskp_signed s;
    ecskp_diag d;
    size_t needed = 12345;
    memset(&s, 0x5A, sizeof s);
    ECSKP_EXPECT_ERROR(src, fn(ctx, mem, cap, &needed, &s, &d), &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    ecskp_test_size(src, "*needed when the buffer is too small", needed, want);
    ecskp_test_true(src, "the struct is zeroed on failure", is_zero(&s, sizeof s));
    if (cap > 0)
        ecskp_test_true(src, "a buffer too small is NUL-terminated", memchr(mem, 0, cap) != NULL);
    free(mem);
}

/*
 * `*needed` exact on the first call (ecskp.h): cap 0 tells the size; a buffer one byte short,
 * or holding exactly the first k texts, or one byte less, is buffer_too_small with that same
 * size; a buffer of exactly the size succeeds, filled to the last byte, with the texts of a
 * call with a huge buffer. Returns the size.
 */
static size_t check_needed(const char *src, sign_fn fn, const void *ctx) {
    size_t want = 0, needed = 0, ends[7 + ECSKP_MAX_HEADERS], n = 0;
    ecskp_signed ref, s;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR(src, fn(ctx, NULL, 0, &want, &s, &d), &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    size_t huge = 2 * want + BIG;
    char *ref_mem = malloc(huge), *mem = malloc(want);
    ecskp_test_true(src, "malloc", ref_mem != NULL && mem != NULL);
    ECSKP_EXPECT_OK(src, fn(ctx, ref_mem, huge, &needed, &ref, &d), &d);
    ecskp_test_size(src, "*needed with a huge buffer is the first answer", needed, want);
    ecskp_test_size(src, "the texts take *needed bytes",
                    text_layout(src, &ref, ref_mem, huge, ends, &n), want);
    expect_too_small(src, fn, ctx, want - 1, want);
    for (size_t k = 0; k + 1 < n; k++) {
        expect_too_small(src, fn, ctx, ends[k], want);
        expect_too_small(src, fn, ctx, ends[k] - 1, want);
    }
    ECSKP_EXPECT_OK(src, fn(ctx, mem, want, &needed, &s, &d), &d);
    ecskp_test_size(src, "*needed with a buffer of exactly *needed bytes", needed, want);
    same_signed(src, &ref, &s);
    ecskp_test_size(src, "the buffer is used to its last byte", signed_size(src, &s, mem, want),
                    want);
    free(mem);
    free(ref_mem);
    return want;
}

/* The _alloc variant: the same texts as the buffer variant, one allocation from the given
 * allocator, freed through it by ecskp_signed_free(); with malloc (NULL) too. */
static void check_alloc(const char *src, const ecskp_test_vec *c) {
    static char mem[BIG];
    ecskp_signed ref, *s = NULL;
    ecskp_diag d;
    size_t needed = 0;
    ecskp_test_counter a;
    ecskp_allocator al = ecskp_test_counting(&a);
    ECSKP_EXPECT_OK(src, vec_sign(c, mem, sizeof mem, &needed, &ref, &d), &d);
    ECSKP_EXPECT_OK(src, vec_sign_alloc(c, &al, &s, &d), &d);
    ecskp_test_true(src, "_alloc returned a result", s != NULL);
    same_signed(src, &ref, s);
    ecskp_test_true(src, "one allocation, nothing freed yet", a.mallocs == 1 && a.frees == 0);
    ecskp_test_true(src, "no realloc", a.reallocs == 0);
    ecskp_signed_free(s);
    ecskp_test_true(src, "ecskp_signed_free frees through the allocator, once",
                    a.frees == 1 && a.last_free == a.last_malloc);
    s = NULL;
    ECSKP_EXPECT_OK(src, vec_sign_alloc(c, NULL, &s, &d), &d);
    ecskp_test_true(src, "_alloc with malloc returned a result", s != NULL);
    same_signed(src, &ref, s);
    ecskp_signed_free(s);
}

static void test_vector_needed(void **state) {
    const ecskp_vector *v = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, v);
    (void)check_needed(v->name, vec_fn, &c);
    check_alloc(v->name, &c);
    ecskp_test_vec_free(&c);
}

/* A generic request with one value of 100 KB of '%' (each byte 3 bytes in the query, 5 in the
 * StringToSign), the common parameters from the signer. */
typedef struct long_case {
    const char *src;
    ecskp_signature signature;
    ecskp_method method;
    size_t sts_len;
    const char *sig; /* computed independently (Python hmac, openssl dgst) */
} long_case;

#define LONG_BYTES 102400

static const long_case long_cases[] = {
    {.src = "V1 GET, a 100 KB value: the StringToSign (512,242 bytes) streams into HMAC-SHA1 "
            "when it does not fit; computed independently",
     .signature = ECSKP_SIGNATURE_V1,
     .method = ECSKP_METHOD_GET,
     .sts_len = 512242,
     .sig = "J6cFimFP6Zg7Y9IlAsB9Dx6WmWY="},
    {.src = "V1 POST, a 100 KB value; computed independently",
     .signature = ECSKP_SIGNATURE_V1,
     .method = ECSKP_METHOD_POST,
     .sts_len = 512243,
     .sig = "kz/rE6uvguzve9mx9RfCc41+OTQ="},
    {.src = "V3 POST, a 100 KB value: the canonical request is 307,617 bytes; computed "
            "independently",
     .signature = ECSKP_SIGNATURE_V3,
     .method = ECSKP_METHOD_POST,
     .sts_len = 81,
     .sig = "18b26a99d101717db6c85b9555dae70c602b83791ef71b636a374f318ecdf223"},
};

typedef struct long_job {
    ecskp_signer signer;
    ecskp_request req;
    ecskp_param params[3];
} long_job;

static ecskp_status long_fn(const void *ctx, char *mem, size_t cap, size_t *needed,
                            ecskp_signed *out, ecskp_diag *d) {
    const long_job *j = ctx;
    return ecskp_request_sign(&j->signer, &j->req, mem, cap, needed, out, d);
}

static void test_long_value(void **state) {
    const long_case *r = *state;
    char *value = malloc(LONG_BYTES + 1);
    ecskp_test_true(r->src, "malloc", value != NULL);
    memset(value, '%', LONG_BYTES);
    value[LONG_BYTES] = '\0';
    long_job j = {
        .signer = {.signature = r->signature,
                   .method = r->method,
                   .host = "ecs.aliyuncs.com",
                   .access_key_id = T_ID,
                   .secret = "testsecret",
                   .secret_len = 10,
                   .timestamp = T_TS,
                   .nonce = T_NONCE},
        .params = {{"Action", "DescribeRegions"}, {"Version", ECSKP_API_VERSION}, {"Data", value}}};
    j.req.params = j.params;
    j.req.count = COUNT(j.params);
    size_t want = check_needed(r->src, long_fn, &j);
    char *mem = malloc(want);
    ecskp_signed s;
    ecskp_diag d;
    size_t needed = 0;
    ecskp_test_true(r->src, "malloc", mem != NULL);
    ECSKP_EXPECT_OK(r->src, long_fn(&j, mem, want, &needed, &s, &d), &d);
    ecskp_test_size(r->src, "StringToSign length", strlen(s.string_to_sign), r->sts_len);
    ecskp_test_str(r->src, "signature", s.signature_value, r->sig);
    free(mem);
    free(value);
}

/* ------------------------------------------------------------------ signature 1.0, generic */

typedef struct v1_row {
    const char *src;
    ecskp_method method;
    const ecskp_param *params;
    size_t count;
    const char *secret;
    const char *cq, *sts, *sig, *wire;
} v1_row;

/* Lists signed as given (ecskp_request_sign), the common parameters in the list. */
static const v1_row v1_rows[] = {
    {.src =
         "Request signatures erratum: the older page's CT9X0Vtw... is this signature with the name "
         "spelled TimeStamp",
     .method = ECSKP_METHOD_GET,
     PARAMS({"AccessKeyId", "testid"}, {"Action", "DescribeRegions"}, {"Format", "XML"},
            {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"TimeStamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&"
           "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&TimeStamp="
           "2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts =
         "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"
         "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%"
         "3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
     .wire = "CT9X0VtwR86fNWSnsc6v8YGOjuE%3D"},
    {.src = "an empty value is kept as \"Name=\" (Request signatures); computed independently",
     .method = ECSKP_METHOD_POST,
     PARAMS({"AccessKeyId", "testid"}, {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"Timestamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"},
            {"Action", "AttachKeyPair"}, {"InstanceIds", "[\"i-XXXXX\"]"}, {"KeyPairName", "test"},
            {"OwnerAccount", ""}, {"RegionId", "cn-qingdao"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
           "test&OwnerAccount=&RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce="
           "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%"
           "3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26OwnerAccount%3D%26RegionId%3Dcn-qingdao%"
            "26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%"
            "26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-"
            "05-26",
     .sig = "C92yYeAG92WonkKONBWofUgfVN0=",
     .wire = "C92yYeAG92WonkKONBWofUgfVN0%3D"},
    {.src =
         "a space is %20 in the query and %2520 in the StringToSign, never + (Request signatures); "
         "computed independently",
     .method = ECSKP_METHOD_GET,
     PARAMS({"AccessKeyId", "testid"}, {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"Timestamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"},
            {"Action", "AttachKeyPair"}, {"InstanceIds", "[\"i-XXXXX\"]"},
            {"KeyPairName", "my key"}, {"RegionId", "cn-qingdao"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=my%"
           "20key&RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-"
           "a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-"
           "05-26",
     .sts =
         "GET&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-XXXXX%"
         "2522%255D%26KeyPairName%3Dmy%2520key%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-"
         "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
         "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "qVj+EE8rgbNMTfJN7EOBI+y78ec=",
     .wire = "qVj%2BEE8rgbNMTfJN7EOBI%2By78ec%3D"},
    {.src =
         "non-ASCII values are encoded as UTF-8 bytes (Request signatures); computed independently",
     .method = ECSKP_METHOD_POST,
     PARAMS({"AccessKeyId", "testid"}, {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"Timestamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"},
            {"Action", "AttachKeyPair"}, {"InstanceIds", "[\"i-XXXXX\"]"},
            {"KeyPairName", "\345\257\206\351\222\245-caf\303\251"}, {"RegionId", "cn-qingdao"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=%"
           "E5%AF%86%E9%92%A5-caf%C3%A9&RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&"
           "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp="
           "2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3D%25E5%25AF%2586%25E9%2592%25A5-caf%25C3%25A9%"
            "26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-"
            "83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%"
            "253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "P3VjWIaCCWaHaIhyPr3Jifr75b8=",
     .wire = "P3VjWIaCCWaHaIhyPr3Jifr75b8%3D"},
    {.src = "! ' ( ) * encoded, ~ kept (Request signatures; the encodeURIComponent mistake); "
            "computed independently",
     .method = ECSKP_METHOD_GET,
     PARAMS({"AccessKeyId", "testid"}, {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"Timestamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"},
            {"Action", "AttachKeyPair"}, {"InstanceIds", "[\"i-XXXXX\"]"},
            {"KeyPairName", "a!b'c(d)e*f~g"}, {"RegionId", "cn-qingdao"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=a%"
           "21b%27c%28d%29e%2Af~g&RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce="
           "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%"
           "3A24Z&Version=2014-05-26",
     .sts = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Da%2521b%2527c%2528d%2529e%252Af~g%26RegionId%3Dcn-"
            "qingdao%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-"
            "4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%"
            "26Version%3D2014-05-26",
     .sig = "ornT77gexFtHN88FhbuACf+45Wo=",
     .wire = "ornT77gexFtHN88FhbuACf%2B45Wo%3D"},
    {.src = "STS credentials: SecurityToken with + / = is signed like any value (ECS common "
            "parameters); computed independently",
     .method = ECSKP_METHOD_POST,
     PARAMS({"AccessKeyId", "testid"}, {"SignatureMethod", "HMAC-SHA1"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"}, {"SignatureVersion", "1.0"},
            {"Timestamp", "2016-02-23T12:46:24Z"}, {"Version", "2014-05-26"},
            {"Action", "DetachKeyPair"}, {"InstanceIds", "[\"i-XXXXX\"]"}, {"KeyPairName", "test"},
            {"RegionId", "cn-qingdao"},
            {"SecurityToken", "CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+pq0YaJbUrBjlFtfrh/"
                              "uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/8Zlq1xQ==/x"}),
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=DetachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName="
           "test&RegionId=cn-qingdao&SecurityToken=CAIS%2BAF1q6Ft5B2yfSjIr5bSEsP2j%"
           "2Bpq0YaJbUrBjlFtfrh%2FuZrnkzz2IHhMf3VhBO0b%2Fj%2B3n2tV6%2F8Zlq1xQ%3D%3D%2Fx&"
           "SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&"
           "SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDetachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SecurityToken%3DCAIS%"
            "252BAF1q6Ft5B2yfSjIr5bSEsP2j%252Bpq0YaJbUrBjlFtfrh%252FuZrnkzz2IHhMf3VhBO0b%252Fj%"
            "252B3n2tV6%252F8Zlq1xQ%253D%253D%252Fx%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%"
            "3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-"
            "23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "kdW1fRwIRTT1tq4/Ez2sfMgQLBk=",
     .wire = "kdW1fRwIRTT1tq4%2FEz2sfMgQLBk%3D"},
    {.src = "an empty list: a generic V1 request gets SignatureMethod and SignatureVersion and "
            "nothing else (sign.h); computed independently",
     .method = ECSKP_METHOD_GET,
     .params = NULL,
     .count = 0,
     .secret = "testsecret",
     .cq = "SignatureMethod=HMAC-SHA1&SignatureVersion=1.0",
     .sts = "GET&%2F&SignatureMethod%3DHMAC-SHA1%26SignatureVersion%3D1.0",
     .sig = "MjhjLT57eGA3avmIJWIMFSEAOA4=",
     .wire = "MjhjLT57eGA3avmIJWIMFSEAOA4%3D"},
    {.src = "a generic V1 list without AccessKeyId, Timestamp and SignatureNonce is signed as "
            "given (sign.h: only typed operations and V3 require them); computed independently",
     .method = ECSKP_METHOD_GET,
     PARAMS({"Action", "DescribeRegions"}),
     .secret = "testsecret",
     .cq = "Action=DescribeRegions&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0",
     .sts = "GET&%2F&Action%3DDescribeRegions%26SignatureMethod%3DHMAC-SHA1%26SignatureVersion%"
            "3D1.0",
     .sig = "ndfzrdBHnbAiEzRbQx/ByMa03/s=",
     .wire = "ndfzrdBHnbAiEzRbQx%2FByMa03%2Fs%3D"},
};

/* The row of the STS token, long and full of escapes, for the capacity sweep. */
static const v1_row *const sweep_row = &v1_rows[5];

/* The signed form: the canonical query, "&Signature=" and the encoded signature. */
static void check_v1_texts(const char *src, const ecskp_signed *o, ecskp_method method,
                           const char *cq, const char *sts, const char *sig, const char *wire) {
    static char want[BIG];
    ecskp_test_str(src, "canonical query", o->canonical_query, cq);
    ecskp_test_str(src, "StringToSign", o->string_to_sign, sts);
    ecskp_test_str(src, "signature", o->signature_value, sig);
    (void)snprintf(want, sizeof want, "%s&Signature=%s", cq, wire);
    ecskp_test_str(src, "signed query", method == ECSKP_METHOD_GET ? o->query : o->body, want);
}

/* The steps agree with the signer: the canonical query is ecskp_query_build() of the list with
 * SignatureMethod and SignatureVersion added when absent, and the StringToSign is
 * METHOD&%2F& + ecskp_percent_encode() of it. */
static void check_steps(const char *src, ecskp_method method, const ecskp_param *params,
                        size_t count, const char *cq, const char *sts) {
    static char query[BIG], enc[BIG], want[BIG + 32];
    ecskp_param list[ECSKP_MAX_PARAMS];
    size_t n = count, needed = 0;
    ecskp_diag d;
    if (count > 0)
        memcpy(list, params, count * sizeof params[0]);
    if (ecskp_test_param(list, n, "SignatureMethod") == NULL)
        list[n++] = (ecskp_param){"SignatureMethod", ECSKP_V1_SIGNATURE_METHOD};
    if (ecskp_test_param(list, n, "SignatureVersion") == NULL)
        list[n++] = (ecskp_param){"SignatureVersion", ECSKP_V1_SIGNATURE_VERSION};
    ECSKP_EXPECT_OK(src, ecskp_query_build(list, n, query, sizeof query, &needed, &d), &d);
    ecskp_test_str(src, "ecskp_query_build of the completed list", query, cq);
    ECSKP_EXPECT_OK(src, ecskp_percent_encode(cq, strlen(cq), enc, sizeof enc, &needed, &d), &d);
    (void)snprintf(want, sizeof want, "%s&%%2F&%s", ecskp_method_name(method), enc);
    ecskp_test_str(src, "StringToSign from ecskp_percent_encode", sts, want);
}

static void run_v1_row(void **state) {
    const v1_row *r = *state;
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V1,
                      .method = r->method,
                      .secret = r->secret,
                      .secret_len = strlen(r->secret)};
    ecskp_request q = {.params = r->params, .count = r->count};
    ecskp_signed o;
    ecskp_diag d;
    size_t needed = 0;
    memset(buf, 'x', sizeof buf);
    ECSKP_EXPECT_OK(r->src, ecskp_request_sign(&s, &q, buf, sizeof buf, &needed, &o, &d), &d);
    check_v1_texts(r->src, &o, r->method, r->cq, r->sts, r->sig, r->wire);
    ecskp_test_size(r->src, "*needed is the bytes the texts take",
                    signed_size(r->src, &o, buf, sizeof buf), needed);
    check_steps(r->src, r->method, r->params, r->count, r->cq, r->sts);
    assert_clean(r->src, buf, sizeof buf, r->secret);
}

/* Other secrets over a documented request: its canonical query and StringToSign, another
 * signature. */
typedef struct secret_row {
    const char *src;
    const char *vector; /* a sign_v1 case */
    const char *secret, *sig, *wire;
} secret_row;

static const secret_row secret_rows[] = {
    {.src = "a 63-byte secret: the key \"secret&\" is exactly the 64-byte HMAC block; computed "
            "independently",
     .vector = "documented_describe_regions_get",
     .secret = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-",
     .sig = "2RS9Mt11ENJBvKukqBgneGzmJHo=",
     .wire = "2RS9Mt11ENJBvKukqBgneGzmJHo%3D"},
    {.src = "a 64-byte secret: the 65-byte key is pre-hashed (RFC 2104); computed independently",
     .vector = "documented_describe_regions_get",
     .secret = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0",
     .sig = "TKtcBGWaRf9yW5fZVVk5y6M6FgM=",
     .wire = "TKtcBGWaRf9yW5fZVVk5y6M6FgM%3D"},
    {.src = "a 300-byte secret; computed independently",
     .vector = "documented_describe_regions_post",
     .secret = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
               "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
               "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
               "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
               "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
     .sig = "kTK+v9R7DjZF7Kg44J7Jsj2cEQk=",
     .wire = "kTK%2Bv9R7DjZF7Kg44J7Jsj2cEQk%3D"},
    {.src = "a secret with & = and non-ASCII bytes is used verbatim; computed independently",
     .vector = "documented_describe_regions_get",
     .secret = "pa&ss=w\303\266rd",
     .sig = "nIEwo1AoG7y/QsIDiCW21UqDg1g=",
     .wire = "nIEwo1AoG7y%2FQsIDiCW21UqDg1g%3D"},
};

static void run_secret_row(void **state) {
    const secret_row *r = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, ecskp_test_vector("sign_v1", r->vector));
    c.signer.secret = r->secret;
    c.signer.secret_len = strlen(r->secret);
    ecskp_signed o;
    sign_ok(r->src, &c, &o);
    check_v1_texts(r->src, &o, c.signer.method, ecskp_test_vec_artifact(&c, "canonical_query"),
                   ecskp_test_vec_artifact(&c, "string_to_sign"), r->sig, r->wire);
    assert_clean(r->src, buf, sizeof buf, r->secret);
    ecskp_test_vec_free(&c);
}

/* A Signature parameter in the list is left out (Request signatures): the documented texts are
 * unchanged. */
static void test_signature_in_list(void **state) {
    (void)state;
    const char *src = "a Signature parameter in the list is left out (Request signatures)";
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, ecskp_test_vector("sign_v1", "documented_describe_regions_get"));
    c.params[c.req.count++] = (ecskp_param){"Signature", ecskp_test_vec_artifact(&c, "signature")};
    ecskp_signed o;
    sign_ok(src, &c, &o);
    check_artifacts(src, &c, &o);
    ecskp_test_vec_free(&c);
}

/* ------------------------------------------------------------------ signature 1.0, typed */

typedef struct typed_row {
    const char *src;
    ecskp_action action;
    ecskp_method method;
    const char *region, *key_pair;
    size_t id_count;       /* generated IDs i-bp%016d when single_id and ids_json are NULL */
    const char *single_id; /* the one ID */
    const char *ids_json;  /* InstanceIds as JSON text */
    ecskp_format format;
    const char *token, *secret;
    const char *cq, *sts, *sig, *wire;
} typed_row;

/* Typed operations (ecskp_keypair_sign); AccessKeyId, Timestamp, SignatureNonce and
 * SecurityToken from the signer. */
static const typed_row typed_rows[] = {
    {.src = "README example: AttachKeyPair, 1 ID, GET; AttachKeyPair API reference parameters, "
            "computed independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_GET,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
         "RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-"
            "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
            "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "eohOKpNJauXqbSlAy5tJI4Spdx8=",
     .wire = "eohOKpNJauXqbSlAy5tJI4Spdx8%3D"},
    {.src = "README example: DetachKeyPair, 1 ID, GET; computed independently",
     .action = ECSKP_ACTION_DETACH_KEY_PAIR,
     .method = ECSKP_METHOD_GET,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=DetachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
         "RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDetachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-"
            "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
            "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "/7OnHPQrjDk/kk9E/puIGJMj3qU=",
     .wire = "%2F7OnHPQrjDk%2Fkk9E%2FpuIGJMj3qU%3D"},
    {.src = "AttachKeyPair, 1 ID, POST (as the official SDKs send it); computed independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
         "RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-"
            "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
            "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "pjI+H1ek6JREr1nSFlAk/kvO/fA=",
     .wire = "pjI%2BH1ek6JREr1nSFlAk%2FkvO%2FfA%3D"},
    {.src = "DetachKeyPair, 1 ID, POST; computed independently",
     .action = ECSKP_ACTION_DETACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=DetachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&"
         "RegionId=cn-qingdao&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDetachKeyPair%26InstanceIds%3D%255B%2522i-"
            "XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-"
            "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
            "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "XdGsyeQGiSG6bMXyQEOrxx785Vs=",
     .wire = "XdGsyeQGiSG6bMXyQEOrxx785Vs%3D"},
    {.src = "AttachKeyPair with the 50-ID maximum (AttachKeyPair API reference), POST; computed "
            "independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .region = "cn-hangzhou",
     .key_pair = "test-key_01",
     .id_count = 50,
     .format = ECSKP_FORMAT_JSON,
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=AttachKeyPair&Format=JSON&InstanceIds=%5B%22i-"
         "bp0000000000000000%22%2C%22i-bp0000000000000001%22%2C%22i-bp0000000000000002%22%2C%22i-"
         "bp0000000000000003%22%2C%22i-bp0000000000000004%22%2C%22i-bp0000000000000005%22%2C%22i-"
         "bp0000000000000006%22%2C%22i-bp0000000000000007%22%2C%22i-bp0000000000000008%22%2C%22i-"
         "bp0000000000000009%22%2C%22i-bp0000000000000010%22%2C%22i-bp0000000000000011%22%2C%22i-"
         "bp0000000000000012%22%2C%22i-bp0000000000000013%22%2C%22i-bp0000000000000014%22%2C%22i-"
         "bp0000000000000015%22%2C%22i-bp0000000000000016%22%2C%22i-bp0000000000000017%22%2C%22i-"
         "bp0000000000000018%22%2C%22i-bp0000000000000019%22%2C%22i-bp0000000000000020%22%2C%22i-"
         "bp0000000000000021%22%2C%22i-bp0000000000000022%22%2C%22i-bp0000000000000023%22%2C%22i-"
         "bp0000000000000024%22%2C%22i-bp0000000000000025%22%2C%22i-bp0000000000000026%22%2C%22i-"
         "bp0000000000000027%22%2C%22i-bp0000000000000028%22%2C%22i-bp0000000000000029%22%2C%22i-"
         "bp0000000000000030%22%2C%22i-bp0000000000000031%22%2C%22i-bp0000000000000032%22%2C%22i-"
         "bp0000000000000033%22%2C%22i-bp0000000000000034%22%2C%22i-bp0000000000000035%22%2C%22i-"
         "bp0000000000000036%22%2C%22i-bp0000000000000037%22%2C%22i-bp0000000000000038%22%2C%22i-"
         "bp0000000000000039%22%2C%22i-bp0000000000000040%22%2C%22i-bp0000000000000041%22%2C%22i-"
         "bp0000000000000042%22%2C%22i-bp0000000000000043%22%2C%22i-bp0000000000000044%22%2C%22i-"
         "bp0000000000000045%22%2C%22i-bp0000000000000046%22%2C%22i-bp0000000000000047%22%2C%22i-"
         "bp0000000000000048%22%2C%22i-bp0000000000000049%22%5D&KeyPairName=test-key_01&RegionId="
         "cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts =
         "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26Format%3DJSON%26InstanceIds%3D%"
         "255B%2522i-bp0000000000000000%2522%252C%2522i-bp0000000000000001%2522%252C%2522i-"
         "bp0000000000000002%2522%252C%2522i-bp0000000000000003%2522%252C%2522i-bp0000000000000004%"
         "2522%252C%2522i-bp0000000000000005%2522%252C%2522i-bp0000000000000006%2522%252C%2522i-"
         "bp0000000000000007%2522%252C%2522i-bp0000000000000008%2522%252C%2522i-bp0000000000000009%"
         "2522%252C%2522i-bp0000000000000010%2522%252C%2522i-bp0000000000000011%2522%252C%2522i-"
         "bp0000000000000012%2522%252C%2522i-bp0000000000000013%2522%252C%2522i-bp0000000000000014%"
         "2522%252C%2522i-bp0000000000000015%2522%252C%2522i-bp0000000000000016%2522%252C%2522i-"
         "bp0000000000000017%2522%252C%2522i-bp0000000000000018%2522%252C%2522i-bp0000000000000019%"
         "2522%252C%2522i-bp0000000000000020%2522%252C%2522i-bp0000000000000021%2522%252C%2522i-"
         "bp0000000000000022%2522%252C%2522i-bp0000000000000023%2522%252C%2522i-bp0000000000000024%"
         "2522%252C%2522i-bp0000000000000025%2522%252C%2522i-bp0000000000000026%2522%252C%2522i-"
         "bp0000000000000027%2522%252C%2522i-bp0000000000000028%2522%252C%2522i-bp0000000000000029%"
         "2522%252C%2522i-bp0000000000000030%2522%252C%2522i-bp0000000000000031%2522%252C%2522i-"
         "bp0000000000000032%2522%252C%2522i-bp0000000000000033%2522%252C%2522i-bp0000000000000034%"
         "2522%252C%2522i-bp0000000000000035%2522%252C%2522i-bp0000000000000036%2522%252C%2522i-"
         "bp0000000000000037%2522%252C%2522i-bp0000000000000038%2522%252C%2522i-bp0000000000000039%"
         "2522%252C%2522i-bp0000000000000040%2522%252C%2522i-bp0000000000000041%2522%252C%2522i-"
         "bp0000000000000042%2522%252C%2522i-bp0000000000000043%2522%252C%2522i-bp0000000000000044%"
         "2522%252C%2522i-bp0000000000000045%2522%252C%2522i-bp0000000000000046%2522%252C%2522i-"
         "bp0000000000000047%2522%252C%2522i-bp0000000000000048%2522%252C%2522i-bp0000000000000049%"
         "2522%255D%26KeyPairName%3Dtest-key_01%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-"
         "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%"
         "26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "kGnSP2muEEiJeEyZhCM4tmR4Zus=",
     .wire = "kGnSP2muEEiJeEyZhCM4tmR4Zus%3D"},
    {.src = "DetachKeyPair with the 50-ID maximum, GET; computed independently",
     .action = ECSKP_ACTION_DETACH_KEY_PAIR,
     .method = ECSKP_METHOD_GET,
     .region = "ap-southeast-1",
     .key_pair = "test-key_01",
     .id_count = 50,
     .format = ECSKP_FORMAT_XML,
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=DetachKeyPair&Format=XML&InstanceIds=%5B%22i-"
         "bp0000000000000000%22%2C%22i-bp0000000000000001%22%2C%22i-bp0000000000000002%22%2C%22i-"
         "bp0000000000000003%22%2C%22i-bp0000000000000004%22%2C%22i-bp0000000000000005%22%2C%22i-"
         "bp0000000000000006%22%2C%22i-bp0000000000000007%22%2C%22i-bp0000000000000008%22%2C%22i-"
         "bp0000000000000009%22%2C%22i-bp0000000000000010%22%2C%22i-bp0000000000000011%22%2C%22i-"
         "bp0000000000000012%22%2C%22i-bp0000000000000013%22%2C%22i-bp0000000000000014%22%2C%22i-"
         "bp0000000000000015%22%2C%22i-bp0000000000000016%22%2C%22i-bp0000000000000017%22%2C%22i-"
         "bp0000000000000018%22%2C%22i-bp0000000000000019%22%2C%22i-bp0000000000000020%22%2C%22i-"
         "bp0000000000000021%22%2C%22i-bp0000000000000022%22%2C%22i-bp0000000000000023%22%2C%22i-"
         "bp0000000000000024%22%2C%22i-bp0000000000000025%22%2C%22i-bp0000000000000026%22%2C%22i-"
         "bp0000000000000027%22%2C%22i-bp0000000000000028%22%2C%22i-bp0000000000000029%22%2C%22i-"
         "bp0000000000000030%22%2C%22i-bp0000000000000031%22%2C%22i-bp0000000000000032%22%2C%22i-"
         "bp0000000000000033%22%2C%22i-bp0000000000000034%22%2C%22i-bp0000000000000035%22%2C%22i-"
         "bp0000000000000036%22%2C%22i-bp0000000000000037%22%2C%22i-bp0000000000000038%22%2C%22i-"
         "bp0000000000000039%22%2C%22i-bp0000000000000040%22%2C%22i-bp0000000000000041%22%2C%22i-"
         "bp0000000000000042%22%2C%22i-bp0000000000000043%22%2C%22i-bp0000000000000044%22%2C%22i-"
         "bp0000000000000045%22%2C%22i-bp0000000000000046%22%2C%22i-bp0000000000000047%22%2C%22i-"
         "bp0000000000000048%22%2C%22i-bp0000000000000049%22%5D&KeyPairName=test-key_01&RegionId="
         "ap-southeast-1&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts =
         "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDetachKeyPair%26Format%3DXML%26InstanceIds%3D%"
         "255B%2522i-bp0000000000000000%2522%252C%2522i-bp0000000000000001%2522%252C%2522i-"
         "bp0000000000000002%2522%252C%2522i-bp0000000000000003%2522%252C%2522i-bp0000000000000004%"
         "2522%252C%2522i-bp0000000000000005%2522%252C%2522i-bp0000000000000006%2522%252C%2522i-"
         "bp0000000000000007%2522%252C%2522i-bp0000000000000008%2522%252C%2522i-bp0000000000000009%"
         "2522%252C%2522i-bp0000000000000010%2522%252C%2522i-bp0000000000000011%2522%252C%2522i-"
         "bp0000000000000012%2522%252C%2522i-bp0000000000000013%2522%252C%2522i-bp0000000000000014%"
         "2522%252C%2522i-bp0000000000000015%2522%252C%2522i-bp0000000000000016%2522%252C%2522i-"
         "bp0000000000000017%2522%252C%2522i-bp0000000000000018%2522%252C%2522i-bp0000000000000019%"
         "2522%252C%2522i-bp0000000000000020%2522%252C%2522i-bp0000000000000021%2522%252C%2522i-"
         "bp0000000000000022%2522%252C%2522i-bp0000000000000023%2522%252C%2522i-bp0000000000000024%"
         "2522%252C%2522i-bp0000000000000025%2522%252C%2522i-bp0000000000000026%2522%252C%2522i-"
         "bp0000000000000027%2522%252C%2522i-bp0000000000000028%2522%252C%2522i-bp0000000000000029%"
         "2522%252C%2522i-bp0000000000000030%2522%252C%2522i-bp0000000000000031%2522%252C%2522i-"
         "bp0000000000000032%2522%252C%2522i-bp0000000000000033%2522%252C%2522i-bp0000000000000034%"
         "2522%252C%2522i-bp0000000000000035%2522%252C%2522i-bp0000000000000036%2522%252C%2522i-"
         "bp0000000000000037%2522%252C%2522i-bp0000000000000038%2522%252C%2522i-bp0000000000000039%"
         "2522%252C%2522i-bp0000000000000040%2522%252C%2522i-bp0000000000000041%2522%252C%2522i-"
         "bp0000000000000042%2522%252C%2522i-bp0000000000000043%2522%252C%2522i-bp0000000000000044%"
         "2522%252C%2522i-bp0000000000000045%2522%252C%2522i-bp0000000000000046%2522%252C%2522i-"
         "bp0000000000000047%2522%252C%2522i-bp0000000000000048%2522%252C%2522i-bp0000000000000049%"
         "2522%255D%26KeyPairName%3Dtest-key_01%26RegionId%3Dap-southeast-1%26SignatureMethod%"
         "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%"
         "3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "QP5dYi+XFHke3rbr3q/Z7FuuKF8=",
     .wire = "QP5dYi%2BXFHke3rbr3q%2FZ7FuuKF8%3D"},
    {.src = "AttachKeyPair with STS SecurityToken and Format=JSON, POST; computed independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-m5eg7be9ndloji64jknv",
     .format = ECSKP_FORMAT_JSON,
     .token = "CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+pq0YaJbUrBjlFtfrh/uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/"
              "8Zlq1xQ==/x",
     .secret = "testsecret",
     .cq =
         "AccessKeyId=testid&Action=AttachKeyPair&Format=JSON&InstanceIds=%5B%22i-"
         "m5eg7be9ndloji64jknv%22%5D&KeyPairName=test&RegionId=cn-qingdao&SecurityToken=CAIS%"
         "2BAF1q6Ft5B2yfSjIr5bSEsP2j%2Bpq0YaJbUrBjlFtfrh%2FuZrnkzz2IHhMf3VhBO0b%2Fj%2B3n2tV6%"
         "2F8Zlq1xQ%3D%3D%2Fx&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-"
         "4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts =
         "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26Format%3DJSON%26InstanceIds%3D%"
         "255B%2522i-m5eg7be9ndloji64jknv%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%"
         "26SecurityToken%3DCAIS%252BAF1q6Ft5B2yfSjIr5bSEsP2j%252Bpq0YaJbUrBjlFtfrh%"
         "252FuZrnkzz2IHhMf3VhBO0b%252Fj%252B3n2tV6%252F8Zlq1xQ%253D%253D%252Fx%26SignatureMethod%"
         "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%"
         "3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "AtW/Bg+krhSJWJhDsn3pvZDVEWM=",
     .wire = "AtW%2FBg%2BkrhSJWJhDsn3pvZDVEWM%3D"},
    {.src = "DetachKeyPair with InstanceIds given as spaced JSON text, normalized before signing; "
            "computed independently",
     .action = ECSKP_ACTION_DETACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 2,
     .ids_json = "[ \"i-23jggx34b\" , \"AY121018033933eae8689\" ]",
     .format = ECSKP_FORMAT_JSON,
     .secret = "testsecret",
     .cq = "AccessKeyId=testid&Action=DetachKeyPair&Format=JSON&InstanceIds=%5B%22i-23jggx34b%22%"
           "2C%22AY121018033933eae8689%22%5D&KeyPairName=test&RegionId=cn-qingdao&SignatureMethod="
           "HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&"
           "Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
     .sts = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDetachKeyPair%26Format%3DJSON%26InstanceIds%"
            "3D%255B%2522i-23jggx34b%2522%252C%2522AY121018033933eae8689%2522%255D%26KeyPairName%"
            "3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%"
            "3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-"
            "23T12%253A46%253A24Z%26Version%3D2014-05-26",
     .sig = "GkxN+GA7t5bDu4c9RLmUPrhClzw=",
     .wire = "GkxN%2BGA7t5bDu4c9RLmUPrhClzw%3D"},
};

static char ids_store[ECSKP_MAX_INSTANCE_IDS][24];
static const char *ids_ptrs[ECSKP_MAX_INSTANCE_IDS];

static const char *const *make_ids(size_t n, const char *single) {
    if (single != NULL) {
        ids_ptrs[0] = single;
        return ids_ptrs;
    }
    for (size_t k = 0; k < n && k < ECSKP_MAX_INSTANCE_IDS; k++) {
        (void)snprintf(ids_store[k], sizeof ids_store[k], "i-bp%016u", (unsigned)k);
        ids_ptrs[k] = ids_store[k];
    }
    return ids_ptrs;
}

static void fill_typed(const typed_row *r, ecskp_keypair *op, ecskp_signer *s) {
    memset(op, 0, sizeof *op);
    op->action = r->action;
    op->region_id = r->region;
    op->key_pair_name = r->key_pair;
    if (r->ids_json != NULL) {
        op->instance_ids_json = r->ids_json;
    } else {
        op->instance_ids = make_ids(r->id_count, r->single_id);
        op->instance_id_count = r->single_id != NULL ? 1 : r->id_count;
    }
    op->format = r->format;
    *s = (ecskp_signer){.signature = ECSKP_SIGNATURE_V1,
                        .method = r->method,
                        .access_key_id = T_ID,
                        .secret = r->secret,
                        .secret_len = strlen(r->secret),
                        .security_token = r->token,
                        .timestamp = T_TS,
                        .nonce = T_NONCE};
}

static void run_typed_row(void **state) {
    const typed_row *r = *state;
    ecskp_keypair op;
    ecskp_signer s;
    fill_typed(r, &op, &s);
    const ecskp_keypair before = op;
    ecskp_signed o;
    ecskp_diag d;
    size_t needed = 0;
    ECSKP_EXPECT_OK(r->src, ecskp_keypair_sign(&s, &op, buf, sizeof buf, &needed, &o, &d), &d);
    check_v1_texts(r->src, &o, r->method, r->cq, r->sts, r->sig, r->wire);
    ecskp_test_size(r->src, "*needed is the bytes the texts take",
                    signed_size(r->src, &o, buf, sizeof buf), needed);
    /* The default Version was filled on a copy: the caller's operation is untouched. */
    ecskp_test_true(r->src, "the operation is untouched", memcmp(&op, &before, sizeof op) == 0);
    ecskp_test_true(r->src, "op.version stays unset", op.version == NULL);
}

/* A Version and SignatureMethod/SignatureVersion equal to the defaults sign the same (the
 * latter two through extra: a typed operation has no field for them). */
static void test_typed_explicit_defaults(void **state) {
    (void)state;
    const typed_row *r = &typed_rows[0];
    const char *src = "typed_rows[0] with the defaults spelled out";
    static const ecskp_param extra[] = {{"SignatureMethod", "HMAC-SHA1"},
                                        {"SignatureVersion", "1.0"}};
    ecskp_keypair op;
    ecskp_signer s;
    fill_typed(r, &op, &s);
    op.version = ECSKP_API_VERSION;
    op.extra = extra;
    op.extra_count = COUNT(extra);
    ecskp_signed o;
    ecskp_diag d;
    size_t needed = 0;
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign(&s, &op, buf, sizeof buf, &needed, &o, &d), &d);
    check_v1_texts(src, &o, r->method, r->cq, r->sts, r->sig, r->wire);
}

/* ------------------------------------------------------------------ V3 */

typedef struct v3_row {
    const char *src;
    ecskp_method method;
    const char *host, *path;
    const ecskp_param *params; /* the query parameters; Action and Version are added */
    size_t count;
    const char *body;
    size_t body_len;
    const char *content_type, *action, *version, *date, *nonce, *token, *akid, *secret;
    const char *cq, *content_sha256, *cr, *sts, *signed_headers, *sig, *authorization;
} v3_row;

/* Generic V3 requests (ecskp_request_sign): Action and Version in the list, AccessKeyId,
 * Timestamp, SignatureNonce and SecurityToken from the signer. */
static const v3_row v3_rows[] = {
    {.src = "a form body with content-type: both signed, the body hashed (V3 request structure and "
            "signature); computed independently",
     .method = ECSKP_METHOD_POST,
     .host = "ecs.cn-qingdao.aliyuncs.com",
     .params = NULL,
     .count = 0,
     .body = "InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao",
     .body_len = 68,
     .content_type = "application/x-www-form-urlencoded",
     .action = "AttachKeyPair",
     .version = "2014-05-26",
     .date = "2016-02-23T12:46:24Z",
     .nonce = "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
     .akid = "testid",
     .secret = "testsecret",
     .cq = "",
     .content_sha256 = "4b4c6d53de5c6f3af8bf309e393c29e04e3403098551940504ea2f17f8ce0f38",
     .cr = "POST\n/\n\ncontent-type:application/"
           "x-www-form-urlencoded\nhost:ecs.cn-qingdao.aliyuncs.com\nx-acs-action:AttachKeyPair\nx-"
           "acs-content-sha256:4b4c6d53de5c6f3af8bf309e393c29e04e3403098551940504ea2f17f8ce0f38\nx-"
           "acs-date:2016-02-23T12:46:24Z\nx-acs-signature-nonce:"
           "0a1b2c3d4e5f60718293a4b5c6d7e8f9\nx-acs-version:2014-05-26\n\ncontent-type;host;x-acs-"
           "action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-"
           "version\n4b4c6d53de5c6f3af8bf309e393c29e04e3403098551940504ea2f17f8ce0f38",
     .sts = "ACS3-HMAC-SHA256\na741b6c779d9a9b333672e0eb3035986ed29ed3998c3e5739aef7254c6380924",
     .signed_headers = "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-"
                       "signature-nonce;x-acs-version",
     .sig = "65b2fd3a7058105b9f859661f1ca0f47cd3f5e7f1b7be321eddcc0f8eedab073",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-"
                      "content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "65b2fd3a7058105b9f859661f1ca0f47cd3f5e7f1b7be321eddcc0f8eedab073"},
    {.src = "STS: x-acs-security-token is signed (V3 request structure and signature); computed "
            "independently",
     .method = ECSKP_METHOD_POST,
     .host = "ecs.cn-qingdao.aliyuncs.com",
     PARAMS({"InstanceIds", "[\"i-XXXXX\"]"}, {"KeyPairName", "test"}, {"RegionId", "cn-qingdao"}),
     .action = "DetachKeyPair",
     .version = "2014-05-26",
     .date = "2016-02-23T12:46:24Z",
     .nonce = "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
     .token = "CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+pq0YaJbUrBjlFtfrh/uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/"
              "8Zlq1xQ==/x",
     .akid = "STS.NUxxxxtestid",
     .secret = "testsecret",
     .cq = "InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao",
     .content_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .cr = "POST\n/"
           "\nInstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao\nhost:ecs.cn-"
           "qingdao.aliyuncs.com\nx-acs-action:DetachKeyPair\nx-acs-content-sha256:"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2016-02-"
           "23T12:46:24Z\nx-acs-security-token:CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+pq0YaJbUrBjlFtfrh/"
           "uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/8Zlq1xQ==/"
           "x\nx-acs-signature-nonce:0a1b2c3d4e5f60718293a4b5c6d7e8f9\nx-acs-version:2014-05-"
           "26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-"
           "signature-nonce;x-acs-"
           "version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sts = "ACS3-HMAC-SHA256\n0370b7367515039cf4d3d919faa3bb61f8c5d70f28513136ae017dd493ed3bf6",
     .signed_headers = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-"
                       "acs-signature-nonce;x-acs-version",
     .sig = "aa961f09e00d81abc7c3e0fe4f7bd5f8110b130a5d7a4f77da337f7a05e5bf13",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=STS.NUxxxxtestid,SignedHeaders=host;x-acs-action;x-acs-content-"
                      "sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
                      "Signature=aa961f09e00d81abc7c3e0fe4f7bd5f8110b130a5d7a4f77da337f7a05e5bf13"},
    {.src = "a JSON body with a non-ASCII byte and a content-type with an inner space; computed "
            "independently",
     .method = ECSKP_METHOD_POST,
     .host = "ecs.aliyuncs.com",
     .path = "/",
     .params = NULL,
     .count = 0,
     .body = "{\"name\":\"caf\303\251\"}",
     .body_len = 16,
     .content_type = "application/json; charset=utf-8",
     .action = "RunInstances",
     .version = "2014-05-26",
     .date = "2023-10-26T10:22:32Z",
     .nonce = "3156853299f313e23d1673dc12e1703d",
     .akid = "YourAccessKeyId",
     .secret = "YourAccessKeySecret",
     .cq = "",
     .content_sha256 = "645fa443126a8954fc6d871912b8fc67bc2ee8feae417efe55546251962ca74d",
     .cr =
         "POST\n/\n\ncontent-type:application/json; "
         "charset=utf-8\nhost:ecs.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:"
         "645fa443126a8954fc6d871912b8fc67bc2ee8feae417efe55546251962ca74d\nx-acs-date:2023-10-"
         "26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-"
         "05-26\n\ncontent-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-"
         "nonce;x-acs-version\n645fa443126a8954fc6d871912b8fc67bc2ee8feae417efe55546251962ca74d",
     .sts = "ACS3-HMAC-SHA256\nb0bd6dcf24792776cd1f6e6f2ad11a338b28905e55bd0226cd47ba8c451f3b08",
     .signed_headers = "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-"
                       "signature-nonce;x-acs-version",
     .sig = "22d2e011bcbea99008b0cb0b61a81d8e9e64f8a168edaff93c38b3f85e47f846",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=YourAccessKeyId,SignedHeaders=content-type;host;x-acs-action;x-"
                      "acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "22d2e011bcbea99008b0cb0b61a81d8e9e64f8a168edaff93c38b3f85e47f846"},
    {.src = "content-type without a body is still signed; a query value with a space and a "
            "non-ASCII name value; computed independently",
     .method = ECSKP_METHOD_GET,
     .host = "ecs.aliyuncs.com",
     PARAMS({"KeyPairName", "my key \345\257\206"}, {"RegionId", "cn-hangzhou"}),
     .content_type = "application/json",
     .action = "DescribeKeyPairs",
     .version = "2014-05-26",
     .date = "2023-10-26T10:22:32Z",
     .nonce = "3156853299f313e23d1673dc12e1703d",
     .akid = "YourAccessKeyId",
     .secret = "YourAccessKeySecret",
     .cq = "KeyPairName=my%20key%20%E5%AF%86&RegionId=cn-hangzhou",
     .content_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .cr =
         "GET\n/\nKeyPairName=my%20key%20%E5%AF%86&RegionId=cn-hangzhou\ncontent-type:application/"
         "json\nhost:ecs.aliyuncs.com\nx-acs-action:DescribeKeyPairs\nx-acs-content-sha256:"
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2023-10-"
         "26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-"
         "05-26\n\ncontent-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-"
         "nonce;x-acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sts = "ACS3-HMAC-SHA256\nad8b13964b789121917bef73be287704360d1ee6dbfd79a5589a392548fee323",
     .signed_headers = "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-"
                       "signature-nonce;x-acs-version",
     .sig = "3d7c93b5274904180854720752c533a0983febb6dba5a2c0245080b0e74e04ee",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=YourAccessKeyId,SignedHeaders=content-type;host;x-acs-action;x-"
                      "acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "3d7c93b5274904180854720752c533a0983febb6dba5a2c0245080b0e74e04ee"},
    {.src = "a canonical URI other than \"/\", kept as given; computed independently",
     .method = ECSKP_METHOD_GET,
     .host = "ecs.aliyuncs.com",
     .path = "/api/v1/a%2Fb",
     .params = NULL,
     .count = 0,
     .action = "DescribeRegions",
     .version = "2014-05-26",
     .date = "2023-10-26T10:22:32Z",
     .nonce = "3156853299f313e23d1673dc12e1703d",
     .akid = "YourAccessKeyId",
     .secret = "YourAccessKeySecret",
     .cq = "",
     .content_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .cr = "GET\n/api/v1/"
           "a%2Fb\n\nhost:ecs.aliyuncs.com\nx-acs-action:DescribeRegions\nx-acs-content-sha256:"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2023-10-"
           "26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:"
           "2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;"
           "x-acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sts = "ACS3-HMAC-SHA256\nc08c0918ce0e25ea1c449615d41cd56dd35d897f3c1af808ee6651ab2f1dd156",
     .signed_headers =
         "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
     .sig = "b1057f263b0f1d6d26377b551c26fad890f8d81c9240b89222a9572a2ca45aa1",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-"
                      "sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "b1057f263b0f1d6d26377b551c26fad890f8d81c9240b89222a9572a2ca45aa1"},
};

/* Every header, its value, and nothing else. */
static void check_v3_headers(const v3_row *r, const ecskp_signed *o) {
    char names[256];
    header_names(r->src, o, names, sizeof names);
    ecskp_test_str(r->src, "headers in SignedHeaders order", names, r->signed_headers);
    ecskp_test_str(r->src, "host", header(o, "host"), r->host);
    ecskp_test_str(r->src, "x-acs-action", header(o, "x-acs-action"), r->action);
    ecskp_test_str(r->src, "x-acs-version", header(o, "x-acs-version"), r->version);
    ecskp_test_str(r->src, "x-acs-date", header(o, "x-acs-date"), r->date);
    ecskp_test_str(r->src, "x-acs-signature-nonce", header(o, "x-acs-signature-nonce"), r->nonce);
    ecskp_test_str(r->src, "x-acs-content-sha256", header(o, "x-acs-content-sha256"),
                   r->content_sha256);
    ecskp_test_str(r->src, "content-type", header(o, "content-type"), r->content_type);
    ecskp_test_str(r->src, "x-acs-security-token", header(o, "x-acs-security-token"), r->token);
    ecskp_test_str(r->src, "authorization", header(o, "authorization"), r->authorization);
}

static void run_v3_row(void **state) {
    const v3_row *r = *state;
    ecskp_param list[ECSKP_MAX_PARAMS];
    size_t n = r->count, needed = 0;
    if (n > 0)
        memcpy(list, r->params, n * sizeof list[0]);
    list[n++] = (ecskp_param){"Action", r->action};
    list[n++] = (ecskp_param){"Version", r->version};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V3,
                      .method = r->method,
                      .host = r->host,
                      .access_key_id = r->akid,
                      .secret = r->secret,
                      .secret_len = strlen(r->secret),
                      .security_token = r->token,
                      .timestamp = r->date,
                      .nonce = r->nonce};
    ecskp_request q = {.params = list,
                       .count = n,
                       .body = r->body,
                       .body_len = r->body_len,
                       .content_type = r->content_type,
                       .path = r->path};
    ecskp_signed o;
    ecskp_diag d;
    memset(buf, 'x', sizeof buf);
    ECSKP_EXPECT_OK(r->src, ecskp_request_sign(&s, &q, buf, sizeof buf, &needed, &o, &d), &d);
    ecskp_test_str(r->src, "canonical query", o.canonical_query, r->cq);
    ecskp_test_str(r->src, "the URL query is the canonical query", o.query, r->cq);
    ecskp_test_str(r->src, "canonical request", o.canonical_request, r->cr);
    ecskp_test_str(r->src, "StringToSign", o.string_to_sign, r->sts);
    ecskp_test_str(r->src, "signature", o.signature_value, r->sig);
    check_v3_headers(r, &o);
    ecskp_test_str(r->src, "path", o.path, r->path != NULL ? r->path : "/");
    ecskp_test_mem(r->src, "body (a copy)", o.body, o.body_len, r->body, r->body_len);
    ecskp_test_true(r->src, "the body copy is NUL-terminated", o.body[o.body_len] == '\0');
    ecskp_test_true(r->src, "method", o.method == r->method);
    ecskp_test_size(r->src, "*needed is the bytes the texts take",
                    signed_size(r->src, &o, buf, sizeof buf), needed);
    assert_clean(r->src, buf, sizeof buf, r->secret);
}

/* Another secret over the documented RunInstances request. */
typedef struct secret3_row {
    const char *src;
    const char *secret, *sig;
} secret3_row;

static const secret3_row secret3_rows[] = {
    {.src = "a 100-byte V3 secret (HMAC-SHA256 pre-hashes it); computed independently",
     .secret = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
               "0123456789abcdefghijklmnopqrstuvwxyzA",
     .sig = "17e2d4ca2304f663393a6355a6ab07d3e71ec3c75f8ca82f4a515a30543f8be7"},
};

static void run_secret3_row(void **state) {
    const secret3_row *r = *state;
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, ecskp_test_vector("sign_v3", "documented_run_instances"));
    c.signer.secret = r->secret;
    c.signer.secret_len = strlen(r->secret);
    static char auth[512];
    const char *doc = ecskp_test_vec_artifact(&c, "authorization");
    const char *at = strstr(doc, "Signature=");
    ecskp_test_true(r->src, "the documented Authorization ends with the signature", at != NULL);
    (void)snprintf(auth, sizeof auth, "%.*sSignature=%s", (int)(at - doc), doc, r->sig);
    ecskp_signed o;
    sign_ok(r->src, &c, &o);
    ecskp_test_str(r->src, "canonical request", o.canonical_request,
                   ecskp_test_vec_artifact(&c, "canonical_request"));
    ecskp_test_str(r->src, "StringToSign", o.string_to_sign,
                   ecskp_test_vec_artifact(&c, "string_to_sign"));
    ecskp_test_str(r->src, "signature", o.signature_value, r->sig);
    ecskp_test_str(r->src, "Authorization", header(&o, "authorization"), auth);
    ecskp_test_vec_free(&c);
}

typedef struct typed_v3_row {
    const char *src;
    ecskp_action action;
    ecskp_method method;
    const char *host, *region, *key_pair;
    size_t id_count;
    const char *single_id;
    ecskp_format format;
    const char *token, *akid, *secret;
    const char *cq, *cr, *sig, *authorization;
} typed_v3_row;

/* Typed V3 operations: every parameter of the operation in the query, an empty body. */
static const typed_v3_row typed_v3_rows[] = {
    {.src = "typed V3 AttachKeyPair, 1 ID, POST: operation parameters in the query, empty body "
            "(V3 request structure and signature); computed independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .host = "ecs.cn-qingdao.aliyuncs.com",
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .akid = "testid",
     .secret = "testsecret",
     .cq = "InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao",
     .cr =
         "POST\n/"
         "\nInstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao\nhost:ecs.cn-"
         "qingdao.aliyuncs.com\nx-acs-action:AttachKeyPair\nx-acs-content-sha256:"
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2016-02-"
         "23T12:46:24Z\nx-acs-signature-nonce:3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\nx-acs-version:"
         "2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-"
         "acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sig = "c24a36ab90ec7f58b36087f583fccb47a62884d9ea9fabc776450a17f727e1c3",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-"
                      "acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "c24a36ab90ec7f58b36087f583fccb47a62884d9ea9fabc776450a17f727e1c3"},
    {.src = "typed V3 DetachKeyPair with STS token and Format=JSON, GET; computed independently",
     .action = ECSKP_ACTION_DETACH_KEY_PAIR,
     .method = ECSKP_METHOD_GET,
     .host = "ecs.cn-qingdao.aliyuncs.com",
     .region = "cn-qingdao",
     .key_pair = "test",
     .id_count = 1,
     .single_id = "i-XXXXX",
     .format = ECSKP_FORMAT_JSON,
     .token = "CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+pq0YaJbUrBjlFtfrh/uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/"
              "8Zlq1xQ==/x",
     .akid = "STS.NUxxxxtestid",
     .secret = "testsecret",
     .cq = "Format=JSON&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao",
     .cr = "GET\n/"
           "\nFormat=JSON&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-"
           "qingdao\nhost:ecs.cn-qingdao.aliyuncs.com\nx-acs-action:DetachKeyPair\nx-acs-content-"
           "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:"
           "2016-02-23T12:46:24Z\nx-acs-security-token:CAIS+AF1q6Ft5B2yfSjIr5bSEsP2j+"
           "pq0YaJbUrBjlFtfrh/uZrnkzz2IHhMf3VhBO0b/j+3n2tV6/8Zlq1xQ==/"
           "x\nx-acs-signature-nonce:3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\nx-acs-version:2014-05-"
           "26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-"
           "signature-nonce;x-acs-"
           "version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sig = "03b534233bfd5312841eb71106e7a569f860f9d0e50b11bf4a82e780bf5380d5",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=STS.NUxxxxtestid,SignedHeaders=host;x-acs-action;x-acs-content-"
                      "sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
                      "Signature=03b534233bfd5312841eb71106e7a569f860f9d0e50b11bf4a82e780bf5380d5"},
    {.src = "typed V3 AttachKeyPair with 50 IDs, POST; computed independently",
     .action = ECSKP_ACTION_ATTACH_KEY_PAIR,
     .method = ECSKP_METHOD_POST,
     .host = "ecs.cn-hangzhou.aliyuncs.com",
     .region = "cn-hangzhou",
     .key_pair = "test-key_01",
     .id_count = 50,
     .format = ECSKP_FORMAT_JSON,
     .akid = "testid",
     .secret = "testsecret",
     .cq = "Format=JSON&InstanceIds=%5B%22i-bp0000000000000000%22%2C%22i-bp0000000000000001%22%2C%"
           "22i-bp0000000000000002%22%2C%22i-bp0000000000000003%22%2C%22i-bp0000000000000004%22%2C%"
           "22i-bp0000000000000005%22%2C%22i-bp0000000000000006%22%2C%22i-bp0000000000000007%22%2C%"
           "22i-bp0000000000000008%22%2C%22i-bp0000000000000009%22%2C%22i-bp0000000000000010%22%2C%"
           "22i-bp0000000000000011%22%2C%22i-bp0000000000000012%22%2C%22i-bp0000000000000013%22%2C%"
           "22i-bp0000000000000014%22%2C%22i-bp0000000000000015%22%2C%22i-bp0000000000000016%22%2C%"
           "22i-bp0000000000000017%22%2C%22i-bp0000000000000018%22%2C%22i-bp0000000000000019%22%2C%"
           "22i-bp0000000000000020%22%2C%22i-bp0000000000000021%22%2C%22i-bp0000000000000022%22%2C%"
           "22i-bp0000000000000023%22%2C%22i-bp0000000000000024%22%2C%22i-bp0000000000000025%22%2C%"
           "22i-bp0000000000000026%22%2C%22i-bp0000000000000027%22%2C%22i-bp0000000000000028%22%2C%"
           "22i-bp0000000000000029%22%2C%22i-bp0000000000000030%22%2C%22i-bp0000000000000031%22%2C%"
           "22i-bp0000000000000032%22%2C%22i-bp0000000000000033%22%2C%22i-bp0000000000000034%22%2C%"
           "22i-bp0000000000000035%22%2C%22i-bp0000000000000036%22%2C%22i-bp0000000000000037%22%2C%"
           "22i-bp0000000000000038%22%2C%22i-bp0000000000000039%22%2C%22i-bp0000000000000040%22%2C%"
           "22i-bp0000000000000041%22%2C%22i-bp0000000000000042%22%2C%22i-bp0000000000000043%22%2C%"
           "22i-bp0000000000000044%22%2C%22i-bp0000000000000045%22%2C%22i-bp0000000000000046%22%2C%"
           "22i-bp0000000000000047%22%2C%22i-bp0000000000000048%22%2C%22i-bp0000000000000049%22%5D&"
           "KeyPairName=test-key_01&RegionId=cn-hangzhou",
     .cr =
         "POST\n/"
         "\nFormat=JSON&InstanceIds=%5B%22i-bp0000000000000000%22%2C%22i-bp0000000000000001%22%2C%"
         "22i-bp0000000000000002%22%2C%22i-bp0000000000000003%22%2C%22i-bp0000000000000004%22%2C%"
         "22i-bp0000000000000005%22%2C%22i-bp0000000000000006%22%2C%22i-bp0000000000000007%22%2C%"
         "22i-bp0000000000000008%22%2C%22i-bp0000000000000009%22%2C%22i-bp0000000000000010%22%2C%"
         "22i-bp0000000000000011%22%2C%22i-bp0000000000000012%22%2C%22i-bp0000000000000013%22%2C%"
         "22i-bp0000000000000014%22%2C%22i-bp0000000000000015%22%2C%22i-bp0000000000000016%22%2C%"
         "22i-bp0000000000000017%22%2C%22i-bp0000000000000018%22%2C%22i-bp0000000000000019%22%2C%"
         "22i-bp0000000000000020%22%2C%22i-bp0000000000000021%22%2C%22i-bp0000000000000022%22%2C%"
         "22i-bp0000000000000023%22%2C%22i-bp0000000000000024%22%2C%22i-bp0000000000000025%22%2C%"
         "22i-bp0000000000000026%22%2C%22i-bp0000000000000027%22%2C%22i-bp0000000000000028%22%2C%"
         "22i-bp0000000000000029%22%2C%22i-bp0000000000000030%22%2C%22i-bp0000000000000031%22%2C%"
         "22i-bp0000000000000032%22%2C%22i-bp0000000000000033%22%2C%22i-bp0000000000000034%22%2C%"
         "22i-bp0000000000000035%22%2C%22i-bp0000000000000036%22%2C%22i-bp0000000000000037%22%2C%"
         "22i-bp0000000000000038%22%2C%22i-bp0000000000000039%22%2C%22i-bp0000000000000040%22%2C%"
         "22i-bp0000000000000041%22%2C%22i-bp0000000000000042%22%2C%22i-bp0000000000000043%22%2C%"
         "22i-bp0000000000000044%22%2C%22i-bp0000000000000045%22%2C%22i-bp0000000000000046%22%2C%"
         "22i-bp0000000000000047%22%2C%22i-bp0000000000000048%22%2C%22i-bp0000000000000049%22%5D&"
         "KeyPairName=test-key_01&RegionId=cn-hangzhou\nhost:ecs.cn-hangzhou.aliyuncs.com\nx-acs-"
         "action:AttachKeyPair\nx-acs-content-sha256:"
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2016-02-"
         "23T12:46:24Z\nx-acs-signature-nonce:3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\nx-acs-version:"
         "2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-"
         "acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     .sig = "adb8c215edc665df095d2637c5d5bb3acf6cea1ed676f8af21926bfa91796418",
     .authorization = "ACS3-HMAC-SHA256 "
                      "Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-"
                      "acs-date;x-acs-signature-nonce;x-acs-version,Signature="
                      "adb8c215edc665df095d2637c5d5bb3acf6cea1ed676f8af21926bfa91796418"},
};

static void run_typed_v3_row(void **state) {
    const typed_v3_row *r = *state;
    /* Signature 1.0's own parameters mean nothing to V3: dropped, neither query nor header. */
    static const ecskp_param extra[] = {{"SignatureMethod", "HMAC-SHA1"}};
    ecskp_keypair op = {.action = r->action,
                        .region_id = r->region,
                        .key_pair_name = r->key_pair,
                        .instance_ids = make_ids(r->id_count, r->single_id),
                        .instance_id_count = r->single_id != NULL ? 1 : r->id_count,
                        .format = r->format,
                        .extra = extra,
                        .extra_count = COUNT(extra)};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V3,
                      .method = r->method,
                      .host = r->host,
                      .access_key_id = r->akid,
                      .secret = r->secret,
                      .secret_len = strlen(r->secret),
                      .security_token = r->token,
                      .timestamp = T_TS,
                      .nonce = T_NONCE};
    ecskp_signed o;
    ecskp_diag d;
    size_t needed = 0;
    ECSKP_EXPECT_OK(r->src, ecskp_keypair_sign(&s, &op, buf, sizeof buf, &needed, &o, &d), &d);
    ecskp_test_str(r->src, "canonical query", o.canonical_query, r->cq);
    ecskp_test_str(r->src, "canonical request", o.canonical_request, r->cr);
    ecskp_test_str(r->src, "signature", o.signature_value, r->sig);
    ecskp_test_str(r->src, "Authorization", header(&o, "authorization"), r->authorization);
    ecskp_test_str(r->src, "x-acs-version (typed: 2014-05-26)", header(&o, "x-acs-version"),
                   ECSKP_API_VERSION);
    ecskp_test_size(r->src, "an empty body", o.body_len, 0);
}

/* ------------------------------------------------------------------ failures */

/* Documented requests the failure rows start from, loaded once by main(). */
enum { FIX_DOC_V1, FIX_RI_V3, FIX_ATTACH, FIX_COUNT };
static ecskp_test_vec fixtures[FIX_COUNT];

/* What the rows set that cannot be written in an initializer, filled by load_fixtures(). */
static char long_value[ECSKP_MAX_VALUE_BYTES + 2];          /* 257 bytes */
static char long_host[257];                                 /* 256 bytes */
static char long_token[ECSKP_MAX_SECURITY_TOKEN_BYTES + 2]; /* 8193 bytes */
static char ids51_text[51][24];
static const char *ids51[51]; /* i-bp0000000000000000 ... */
static char many_names[ECSKP_MAX_PARAMS + 1][8];
static ecskp_param many_params[ECSKP_MAX_PARAMS + 1]; /* P000=v ... P128=v */

static void load_fixtures(void) {
    ecskp_test_vec_load(&fixtures[FIX_DOC_V1],
                        ecskp_test_vector("sign_v1", "documented_describe_regions_get"));
    ecskp_test_vec_load(&fixtures[FIX_RI_V3],
                        ecskp_test_vector("sign_v3", "documented_run_instances"));
    vec_commons_to_signer(&fixtures[FIX_RI_V3]);
    ecskp_test_vec_load(&fixtures[FIX_ATTACH],
                        ecskp_test_vector("encode", "documented_attach_request_example"));
    memset(long_value, 'a', sizeof long_value - 1);
    memset(long_host, 'a', sizeof long_host - 1);
    memset(long_token, 'a', sizeof long_token - 1);
    for (size_t k = 0; k < COUNT(ids51); k++) {
        (void)snprintf(ids51_text[k], sizeof ids51_text[k], "i-bp%016u", (unsigned)k);
        ids51[k] = ids51_text[k];
    }
    for (size_t i = 0; i < COUNT(many_params); i++) {
        (void)snprintf(many_names[i], sizeof many_names[i], "P%03u", (unsigned)i);
        many_params[i] = (ecskp_param){many_names[i], "v"};
    }
}

static void free_fixtures(void) {
    for (size_t i = 0; i < FIX_COUNT; i++)
        ecskp_test_vec_free(&fixtures[i]);
}

/* What a failure must leave: the struct zeroed (NEG_OUT) and *needed 0 (NEG_NEEDED). */
enum { NEG_OUT = 1, NEG_NEEDED = 2, NEG_BOTH = 3 };

/* Where a failure row starts: which signer, over which request. */
enum neg_base {
    NEG_V1,       /* v1_signer() over the documented DescribeRegions list */
    NEG_V3,       /* v3_signer() over the documented RunInstances request */
    NEG_V1_ON_V3, /* v1_signer() over the RunInstances request */
    NEG_TYPED,    /* typed_signer(V1) over the documented AttachKeyPair operation */
    NEG_TYPED3,   /* typed_signer(V3) over it */
};

/* The members of the signer (S_), the request (R_) and the operation (O_) a row sets. */
enum {
    S_SIGNATURE = 1u << 0,
    S_METHOD = 1u << 1,
    S_HOST = 1u << 2,
    S_AKID = 1u << 3,
    S_SECRET = 1u << 4,
    S_SECRET_LEN = 1u << 5,
    S_TOKEN = 1u << 6,
    S_TIMESTAMP = 1u << 7,
    S_NONCE = 1u << 8,
    R_LIST = 1u << 9,
    R_BODY = 1u << 10,
    R_TYPE = 1u << 11,
    R_PATH = 1u << 12,
    O_ACTION = 1u << 13,
    O_REGION = 1u << 14,
    O_KEY_PAIR = 1u << 15,
    O_IDS = 1u << 16,
    O_EXTRA = 1u << 17,
};

/* The arguments a row passes as NULL (N_BUF: buf NULL with cap 8). */
enum { N_SIGNER = 1, N_INPUT = 2, N_OUT = 4, N_NEEDED = 8, N_BUF = 16 };

typedef struct neg_row {
    const char *src;
    int leaves;
    enum neg_base base;
    ecskp_param with;   /* the base list's parameter set, added or taken out (with_param) */
    ecskp_param append; /* then appended to the list */
    unsigned set;       /* the members of signer, req and op below that replace the base's */
    ecskp_signer signer;
    ecskp_request req;
    ecskp_keypair op;
    unsigned nulls;
    ecskp_status status;
    const char *field; /* NULL: not checked */
    size_t offset;
    size_t index;
} neg_row;

/* One member a row may set: its bit, where it is, its size. */
typedef struct member {
    unsigned bit;
    size_t at, size;
} member;

#define MEMBER(type, bit, m)                                                                       \
    { bit, offsetof(type, m), sizeof(((type *)0)->m) }

static const member signer_members[] = {
    MEMBER(ecskp_signer, S_SIGNATURE, signature),
    MEMBER(ecskp_signer, S_METHOD, method),
    MEMBER(ecskp_signer, S_HOST, host),
    MEMBER(ecskp_signer, S_AKID, access_key_id),
    MEMBER(ecskp_signer, S_SECRET, secret),
    MEMBER(ecskp_signer, S_SECRET_LEN, secret_len),
    MEMBER(ecskp_signer, S_TOKEN, security_token),
    MEMBER(ecskp_signer, S_TIMESTAMP, timestamp),
    MEMBER(ecskp_signer, S_NONCE, nonce),
};

static const member request_members[] = {
    MEMBER(ecskp_request, R_LIST, params),       MEMBER(ecskp_request, R_LIST, count),
    MEMBER(ecskp_request, R_BODY, body),         MEMBER(ecskp_request, R_BODY, body_len),
    MEMBER(ecskp_request, R_TYPE, content_type), MEMBER(ecskp_request, R_PATH, path),
};

static const member op_members[] = {
    MEMBER(ecskp_keypair, O_ACTION, action),
    MEMBER(ecskp_keypair, O_REGION, region_id),
    MEMBER(ecskp_keypair, O_KEY_PAIR, key_pair_name),
    MEMBER(ecskp_keypair, O_IDS, instance_ids),
    MEMBER(ecskp_keypair, O_IDS, instance_id_count),
    MEMBER(ecskp_keypair, O_IDS, instance_ids_json),
    MEMBER(ecskp_keypair, O_EXTRA, extra),
    MEMBER(ecskp_keypair, O_EXTRA, extra_count),
};

/* The members of `from` whose bit is in `set`, copied into `to`. */
static void overlay(void *to, const void *from, const member *m, size_t n, unsigned set) {
    for (size_t i = 0; i < n; i++)
        if (set & m[i].bit)
            memcpy((char *)to + m[i].at, (const char *)from + m[i].at, m[i].size);
}

static ecskp_signed neg_out;
static size_t neg_needed;

static ecskp_status sign_req(const ecskp_signer *s, const ecskp_request *q, ecskp_diag *d) {
    return ecskp_request_sign(s, q, buf, sizeof buf, &neg_needed, &neg_out, d);
}

static ecskp_status sign_op(const ecskp_signer *s, const ecskp_keypair *op, ecskp_diag *d) {
    return ecskp_keypair_sign(s, op, buf, sizeof buf, &neg_needed, &neg_out, d);
}

/* Signature 1.0 GET over the documented DescribeRegions list (common parameters in it). */
static ecskp_signer v1_signer(void) {
    return (ecskp_signer){.signature = ECSKP_SIGNATURE_V1,
                          .method = ECSKP_METHOD_GET,
                          .secret = CANARY,
                          .secret_len = strlen(CANARY)};
}

/* V3 over the documented RunInstances request, the common parameters from the signer. */
static ecskp_signer v3_signer(void) {
    ecskp_signer s = fixtures[FIX_RI_V3].signer;
    s.secret = CANARY;
    s.secret_len = strlen(CANARY);
    return s;
}

/* The base request with parameter with.name set to with.value (added when absent, taken out
 * when the value is NULL), its list copied into `list`. */
static ecskp_request with_param(ecskp_param *list, const ecskp_request *base, ecskp_param with) {
    ecskp_request q = *base;
    size_t n = base->count, i = 0;
    memcpy(list, base->params, n * sizeof list[0]);
    q.params = list;
    while (with.name != NULL && i < n && strcmp(list[i].name, with.name) != 0)
        i++;
    if (with.name != NULL && with.value != NULL) {
        list[i] = with;
        q.count = i == n ? n + 1 : n;
    } else if (with.name != NULL && i < n) {
        memmove(&list[i], &list[i + 1], (n - i - 1) * sizeof list[0]);
        q.count = n - 1;
    }
    return q;
}

/* The documented AttachKeyPair request as a typed operation, and its signer. */
static ecskp_keypair typed_op(void) {
    return fixtures[FIX_ATTACH].op;
}

static ecskp_signer typed_signer(ecskp_signature signature) {
    ecskp_signer s = ecskp_test_signer(signature);
    s.secret = CANARY;
    s.secret_len = strlen(CANARY);
    return s;
}

#define ARG ECSKP_ERR_INVALID_ARGUMENT
#define MISSING ECSKP_ERR_MISSING_PARAMETER
#define BAD_VALUE ECSKP_ERR_INVALID_PARAMETER_VALUE
#define TOO_LONG ECSKP_ERR_VALUE_TOO_LONG

static const neg_row neg_rows[] = {
    {.src = "empty secret, generic V1 (sign.h: missing_secret)",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_SECRET | S_SECRET_LEN,
     .signer = {.secret = ""},
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "a non-NULL secret of length 0 is empty",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_SECRET_LEN,
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "empty secret, generic V3",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_SECRET | S_SECRET_LEN,
     .signer = {.secret = ""},
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "NULL secret of length 0, typed V1",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_SECRET | S_SECRET_LEN,
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "empty secret, typed V3",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED3,
     .set = S_SECRET_LEN,
     .status = ECSKP_ERR_MISSING_SECRET,
     .field = "AccessKeySecret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "NULL secret with a length is invalid_argument",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_SECRET | S_SECRET_LEN,
     .signer = {.secret_len = 5},
     .status = ARG,
     .field = "secret",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "a method other than unset/POST/GET, V1",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_METHOD,
     .signer = {.method = (ecskp_method)7},
     .status = ARG,
     .field = "method",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "a method other than unset/POST/GET, V3 (3: GET is 2 now)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_METHOD,
     .signer = {.method = (ecskp_method)3},
     .status = ARG,
     .field = "method",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: an unset signature version is refused (field \"signature\")",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_SIGNATURE,
     .signer = {.signature = ECSKP_SIGNATURE_UNSET},
     .status = ARG,
     .field = "signature",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "an unknown signature version",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_SIGNATURE,
     .signer = {.signature = (ecskp_signature)3},
     .status = ARG,
     .field = "signature",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "an unset signature version, typed",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_SIGNATURE,
     .signer = {.signature = ECSKP_SIGNATURE_UNSET},
     .status = ARG,
     .field = "signature",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "out NULL",
     .leaves = NEG_NEEDED,
     .base = NEG_V1,
     .nulls = N_OUT,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "needed NULL",
     .leaves = NEG_OUT,
     .base = NEG_V1,
     .nulls = N_NEEDED,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "signer NULL",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .nulls = N_SIGNER,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "request NULL",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .nulls = N_INPUT,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "operation NULL",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .nulls = N_INPUT,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "buf NULL with cap > 0",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .nulls = N_BUF,
     .status = ARG,
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "params NULL with a count",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {.params = NULL, .count = 2},
     .status = ARG,
     .field = "params",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: with signature 1.0 a body is invalid_argument",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_BODY | R_TYPE,
     .req = {.body = "{}", .body_len = 2, .content_type = "application/json"},
     .status = ARG,
     .field = "body",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "a duplicate parameter, as ecskp_query_build reports it (encode.h)",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {PARAMS({"Action", "A"}, {"RegionId", "x"}, {"Action", "B"})},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "Action",
     .offset = NO_OFF,
     .index = 2},
    {.src = "invalid UTF-8 in a value: offset of the bad sequence (encode.h)",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {PARAMS({"Action", "AttachKeyPair"}, {"KeyPairName", "ab\xC3("})},
     .status = ECSKP_ERR_INVALID_UTF8,
     .field = "KeyPairName",
     .offset = 2,
     .index = NO_IDX},
    {.src = "an invalid parameter name: offset of the space (encode.h)",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {PARAMS({"Bad Name", "x"})},
     .status = ECSKP_ERR_INVALID_PARAMETER_NAME,
     .field = "Bad Name",
     .offset = 3,
     .index = NO_IDX},
    {.src = "129 parameters (encode.h: at most 128)",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {.params = many_params, .count = ECSKP_MAX_PARAMS + 1},
     .status = ECSKP_ERR_TOO_MANY_PARAMETERS,
     .offset = NO_OFF,
     .index = ECSKP_MAX_PARAMS + 1},
    {.src = "128 parameters and the signer's SignatureMethod make 129",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = R_LIST,
     .req = {.params = many_params, .count = ECSKP_MAX_PARAMS},
     .status = ECSKP_ERR_TOO_MANY_PARAMETERS,
     .field = "SignatureMethod",
     .offset = NO_OFF,
     .index = ECSKP_MAX_PARAMS + 1},
    {.src = "sign.h: a listed SignatureMethod other than HMAC-SHA1",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .with = {"SignatureMethod", "HMAC-SHA256"},
     .status = BAD_VALUE,
     .field = "SignatureMethod",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: a listed SignatureVersion other than 1.0",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .with = {"SignatureVersion", "2.0"},
     .status = BAD_VALUE,
     .field = "SignatureVersion",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1, SignatureMethod HMAC-SHA256 in extra (ECS common parameters: HMAC-SHA1)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_EXTRA,
     .op = {EXTRA({"SignatureMethod", "HMAC-SHA256"})},
     .status = BAD_VALUE,
     .field = "SignatureMethod",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1, SignatureVersion 2.0 in extra (ECS common parameters: 1.0)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_EXTRA,
     .op = {EXTRA({"SignatureVersion", "2.0"})},
     .status = BAD_VALUE,
     .field = "SignatureVersion",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1 without AccessKeyId (sign.h: required)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_AKID,
     .status = MISSING,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1 with an empty Timestamp: unset",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_TIMESTAMP,
     .signer = {.timestamp = ""},
     .status = MISSING,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1 without SignatureNonce (sign.h: required)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_NONCE,
     .status = MISSING,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1, a signer Timestamp with milliseconds (ECS common parameters)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_TIMESTAMP,
     .signer = {.timestamp = "2016-02-23T12:46:24.000Z"},
     .status = ECSKP_ERR_INVALID_TIMESTAMP,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed: RegionId is reported before AccessKeyId",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_REGION | S_AKID /* the operation is checked first */,
     .status = MISSING,
     .field = "RegionId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed: value_too_long of the operation before missing_secret (sign.h order)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_KEY_PAIR | S_SECRET_LEN /* the operation is checked before the secret */,
     .op = {.key_pair_name = long_value},
     .status = TOO_LONG,
     .field = "KeyPairName",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V1 with 51 IDs (AttachKeyPair API reference: at most 50)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_IDS,
     .op = {.instance_ids = ids51, .instance_id_count = COUNT(ids51)},
     .status = ECSKP_ERR_IDS_TOO_MANY,
     .field = "InstanceIds",
     .offset = NO_OFF,
     .index = 51},
    {.src = "typed V1 with TimeStamp in extra (ECS common parameters: the gateway rejects it)",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_EXTRA | S_TIMESTAMP,
     .op = {EXTRA({"TimeStamp", T_TS})},
     .status = ECSKP_ERR_MISSPELLED_PARAMETER,
     .field = "TimeStamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: AccessKeyId from the signer and the list",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_AKID,
     .signer = {.access_key_id = T_ID},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: Timestamp from the signer and the list",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_TIMESTAMP,
     .signer = {.timestamp = T_TS},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: SignatureNonce from the signer and the list",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .set = S_NONCE,
     .signer = {.nonce = T_NONCE},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: SecurityToken from the signer and the list",
     .leaves = NEG_BOTH,
     .base = NEG_V1,
     .with = {"SecurityToken", "token-a"},
     .set = S_TOKEN,
     .signer = {.security_token = "token-b"},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "SecurityToken",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: AccessKeyId from the signer and the list, V3",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"AccessKeyId", "YourAccessKeyId"},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "sign.h: Timestamp from the signer and a typed operation's extra",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = O_EXTRA,
     .op = {EXTRA({"Timestamp", T_TS})},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without host (sign.h: required)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_HOST,
     .signer = {.host = ""},
     .status = MISSING,
     .field = "host",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without Timestamp (sign.h: any V3 request requires it)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_TIMESTAMP,
     .status = MISSING,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without SignatureNonce",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_NONCE,
     .status = MISSING,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without AccessKeyId",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_AKID,
     .status = MISSING,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without Action in the list",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"Action", NULL},
     .status = MISSING,
     .field = "Action",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 without Version: ecskp_request_sign does not fill it (sign.h)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"Version", NULL},
     .status = MISSING,
     .field = "Version",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3, a signer Timestamp with milliseconds (V3 request structure and signature: "
            "yyyy-MM-ddTHH:mm:ssZ)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_TIMESTAMP,
     .signer = {.timestamp = "2023-10-26T10:22:32.123Z"},
     .status = ECSKP_ERR_INVALID_TIMESTAMP,
     .field = "Timestamp",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3, a listed Timestamp with milliseconds is the x-acs-date header's",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"Timestamp", "2023-10-26T10:22:32.123Z"},
     .set = S_TIMESTAMP,
     .status = ECSKP_ERR_INVALID_TIMESTAMP,
     .field = "x-acs-date",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 host with CR LF: header injection refused at the CR",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_HOST,
     .signer = {.host = "ecs.aliyuncs.com\r\nX-Evil: 1"},
     .status = BAD_VALUE,
     .field = "host",
     .offset = 16,
     .index = NO_IDX},
    {.src = "V3 content-type with a trailing space (the server would trim it)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = R_BODY | R_TYPE,
     .req = {.body = "{}", .body_len = 2, .content_type = "application/json "},
     .status = BAD_VALUE,
     .field = "content-type",
     .offset = 16,
     .index = NO_IDX},
    {.src = "V3 security token with LF",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_TOKEN,
     .signer = {.security_token = "abc\ndef"},
     .status = BAD_VALUE,
     .field = "x-acs-security-token",
     .offset = 3,
     .index = NO_IDX},
    {.src = "V3 body without content-type (sign.h: required with a body)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = R_BODY,
     .req = {.body = "{}", .body_len = 2},
     .status = MISSING,
     .field = "content-type",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 NULL body with a length",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = R_BODY | R_TYPE,
     .req = {.body_len = 2, .content_type = "application/json"},
     .status = ARG,
     .field = "body",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "V3 AccessKeyId with ',' would forge Authorization fields",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_AKID,
     .signer = {.access_key_id = "LTAI,Signature=0"},
     .status = BAD_VALUE,
     .field = "AccessKeyId",
     .offset = 4,
     .index = NO_IDX},
    {.src = "V3 path without the leading '/'",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = R_PATH,
     .req = {.path = "api"},
     .status = BAD_VALUE,
     .field = "path",
     .offset = 0,
     .index = NO_IDX},
    {.src = "V3 path with a raw space",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = R_PATH,
     .req = {.path = "/a b"},
     .status = BAD_VALUE,
     .field = "path",
     .offset = 2,
     .index = NO_IDX},
    {.src = "V3 Action with a space (x-acs-action is letters and digits)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"Action", "Run Instances"},
     .status = BAD_VALUE,
     .field = "x-acs-action",
     .offset = 3,
     .index = NO_IDX},
    {.src = "V3 query with a duplicate name (encode.h rules)",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .with = {"RegionId", "cn-shanghai"},
     .append = {"RegionId", "cn-hangzhou"},
     .status = ECSKP_ERR_DUPLICATE_PARAMETER,
     .field = "RegionId",
     .offset = NO_OFF,
     .index = 4},
    {.src = "typed V3 without host",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED3,
     .set = S_HOST,
     .status = MISSING,
     .field = "host",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V3 with an empty SignatureNonce",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED3,
     .set = S_NONCE,
     .signer = {.nonce = ""},
     .status = MISSING,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "typed V3 without Action",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED3,
     .set = O_ACTION,
     .op = {.action = ECSKP_ACTION_UNSET},
     .status = MISSING,
     .field = "Action",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "status.h value_too_long: a host of 256 bytes",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_HOST,
     .signer = {.host = long_host},
     .status = TOO_LONG,
     .field = "host",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "encode.h value_too_long: the signer's AccessKeyId of 257 bytes, V3",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_AKID,
     .signer = {.access_key_id = long_value},
     .status = TOO_LONG,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "encode.h value_too_long: the signer's SignatureNonce of 257 bytes, V3",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_NONCE,
     .signer = {.nonce = long_value},
     .status = TOO_LONG,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "encode.h value_too_long: a SecurityToken of 8193 bytes, V3",
     .leaves = NEG_BOTH,
     .base = NEG_V3,
     .set = S_TOKEN,
     .signer = {.security_token = long_token},
     .status = TOO_LONG,
     .field = "SecurityToken",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "value_too_long: the signer's AccessKeyId of 257 bytes, V1",
     .leaves = NEG_BOTH,
     .base = NEG_V1_ON_V3,
     .set = S_AKID,
     .signer = {.access_key_id = long_value},
     .status = TOO_LONG,
     .field = "AccessKeyId",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "value_too_long: the signer's SignatureNonce of 257 bytes, V1",
     .leaves = NEG_BOTH,
     .base = NEG_V1_ON_V3,
     .set = S_NONCE,
     .signer = {.nonce = long_value},
     .status = TOO_LONG,
     .field = "SignatureNonce",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "value_too_long: a SecurityToken of 8193 bytes, V1",
     .leaves = NEG_BOTH,
     .base = NEG_V1_ON_V3,
     .set = S_TOKEN,
     .signer = {.security_token = long_token},
     .status = TOO_LONG,
     .field = "SecurityToken",
     .offset = NO_OFF,
     .index = NO_IDX},
    {.src = "value_too_long: a SecurityToken of 8193 bytes, typed",
     .leaves = NEG_BOTH,
     .base = NEG_TYPED,
     .set = S_TOKEN,
     .signer = {.security_token = long_token},
     .status = TOO_LONG,
     .field = "SecurityToken",
     .offset = NO_OFF,
     .index = NO_IDX},
};

static ecskp_signer neg_signer(enum neg_base base) {
    if (base == NEG_TYPED || base == NEG_TYPED3)
        return typed_signer(base == NEG_TYPED3 ? ECSKP_SIGNATURE_V3 : ECSKP_SIGNATURE_V1);
    return base == NEG_V3 ? v3_signer() : v1_signer();
}

/* The row's call: its base with what the row sets, the arguments it gives as NULL. */
static ecskp_status neg_call(const neg_row *r, ecskp_diag *d) {
    static ecskp_param list[ECSKP_MAX_PARAMS + 2];
    ecskp_signer s = neg_signer(r->base);
    ecskp_keypair op = typed_op();
    ecskp_request q =
        with_param(list, &fixtures[r->base == NEG_V1 ? FIX_DOC_V1 : FIX_RI_V3].req, r->with);
    if (r->append.name != NULL)
        list[q.count++] = r->append;
    overlay(&s, &r->signer, signer_members, COUNT(signer_members), r->set);
    overlay(&q, &r->req, request_members, COUNT(request_members), r->set);
    overlay(&op, &r->op, op_members, COUNT(op_members), r->set);
    const ecskp_signer *sp = r->nulls & N_SIGNER ? NULL : &s;
    char *mem = r->nulls & N_BUF ? NULL : buf;
    size_t cap = r->nulls & N_BUF ? 8 : sizeof buf;
    size_t *needed = r->nulls & N_NEEDED ? NULL : &neg_needed;
    ecskp_signed *out = r->nulls & N_OUT ? NULL : &neg_out;
    if (r->base == NEG_TYPED || r->base == NEG_TYPED3)
        return ecskp_keypair_sign(sp, r->nulls & N_INPUT ? NULL : &op, mem, cap, needed, out, d);
    return ecskp_request_sign(sp, r->nulls & N_INPUT ? NULL : &q, mem, cap, needed, out, d);
}

static void run_neg_row(void **state) {
    const neg_row *r = *state;
    ecskp_diag d;
    memset(&d, 0, sizeof d);
    memset(&neg_out, 0x5A, sizeof neg_out);
    neg_needed = 12345;
    ECSKP_EXPECT_DIAG(r->src, neg_call(r, &d), &d, r->status, r->field, r->offset, r->index);
    ecskp_test_true(r->src, "diag.message is set", d.message[0] != '\0');
    assert_diag_clean(r->src, &d);
    if (r->leaves & NEG_OUT)
        ecskp_test_true(r->src, "the struct is zeroed on failure",
                        is_zero(&neg_out, sizeof neg_out));
    if (r->leaves & NEG_NEEDED)
        ecskp_test_size(r->src, "*needed after a failure", neg_needed, 0);
}

/* ------------------------------------------------------------------ the signing context */

/* sign.h: an unset method is POST: the documented POST example signed with method unset. */
static void test_method_unset_is_post(void **state) {
    (void)state;
    const char *src = "sign.h: method unset = POST (documented_describe_regions_post)";
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, ecskp_test_vector("sign_v1", "documented_describe_regions_post"));
    c.signer.method = ECSKP_METHOD_UNSET;
    ecskp_signed o;
    sign_ok(src, &c, &o);
    ecskp_test_true(src, "the signed method is POST", o.method == ECSKP_METHOD_POST);
    check_artifacts(src, &c, &o);
    check_shape(src, &c, &o);
    ecskp_test_vec_free(&c);
}

/* sign.h: nothing calls a source when the value is fixed in the signer or given in the list. */
static void test_sources_not_called(void **state) {
    (void)state;
    const char *src = "sign.h: a fixed or listed value is not drawn";
    source_ctx ctx = {.timestamp = "1999-01-01T00:00:00Z", .nonce = "0", .status = ECSKP_OK};
    ecskp_test_vec c;
    ecskp_test_vec_load(&c, ecskp_test_vector("sign_v1", "documented_describe_regions_get"));
    use_sources(&c.signer, &ctx);
    ecskp_signed o;
    sign_ok(src, &c, &o);
    check_artifacts(src, &c, &o);
    vec_commons_to_signer(&c);
    sign_ok(src, &c, &o);
    check_artifacts(src, &c, &o);
    ecskp_test_true(src, "no source was called", ctx.clock_calls == 0 && ctx.nonce_calls == 0);
    ecskp_test_vec_free(&c);
}

/* A source's failure is returned as it is, with its diag; a drawn Timestamp is checked. */
static void test_source_failures(void **state) {
    (void)state;
    const char *src = "sign.h: a source's status and diag come back as they are";
    source_ctx ctx = {.timestamp = T_TS, .nonce = "0123456789abcdef0123456789abcdef"};
    ecskp_signer s = typed_signer(ECSKP_SIGNATURE_V3);
    ecskp_keypair op = typed_op();
    ecskp_diag d;
    s.source_ctx = &ctx;
    s.timestamp = NULL;
    s.clock = test_clock;
    ctx.status = ECSKP_ERR_RANDOM_FAILURE;
    memset(&neg_out, 0x5A, sizeof neg_out);
    ECSKP_EXPECT_DIAG(src, sign_op(&s, &op, &d), &d, ECSKP_ERR_RANDOM_FAILURE, "test-clock", NO_OFF,
                      NO_IDX);
    ecskp_test_true(src, "zeroed", is_zero(&neg_out, sizeof neg_out) && neg_needed == 0);
    s.timestamp = T_TS;
    s.nonce = NULL;
    s.nonce_source = test_nonce;
    ctx.status = ECSKP_ERR_CRYPTO_FAILURE;
    ECSKP_EXPECT_DIAG(src, sign_op(&s, &op, &d), &d, ECSKP_ERR_CRYPTO_FAILURE, "test-nonce", NO_OFF,
                      NO_IDX);
    /* A clock that writes something other than the Timestamp form. */
    ctx.status = ECSKP_OK;
    ctx.timestamp = "2016-02-23 12:46:24Z";
    s.timestamp = NULL;
    ECSKP_EXPECT_DIAG("sign.h: a drawn Timestamp is checked", sign_op(&s, &op, &d), &d,
                      ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", NO_OFF, NO_IDX);
}

/* The system sources through a typed V3 operation: a current Timestamp, a fresh nonce. */
static void test_system_sources(void **state) {
    (void)state;
    const char *src = "sign.h: ecskp_clock_system and ecskp_nonce_system as the signer's sources";
    ecskp_signer s = typed_signer(ECSKP_SIGNATURE_V3);
    ecskp_keypair op = typed_op();
    s.timestamp = NULL;
    s.nonce = NULL;
    s.clock = ecskp_clock_system;
    s.nonce_source = ecskp_nonce_system;
    ecskp_diag d;
    char before[ECSKP_TIMESTAMP_SIZE], after[ECSKP_TIMESTAMP_SIZE];
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format(time(NULL), before, &d), &d);
    ECSKP_EXPECT_OK(src, sign_op(&s, &op, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format(time(NULL), after, &d), &d);
    const char *date = header(&neg_out, "x-acs-date");
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check(date, &d), &d);
    ecskp_test_true(src, "the Timestamp is the current time",
                    strcmp(before, date) <= 0 && strcmp(date, after) <= 0);
    ecskp_test_true(src, "the nonce is 32 lower-case hex",
                    ecskp_test_is_hex32(header(&neg_out, "x-acs-signature-nonce")));
}

/* Every signer string at exactly its maximum is accepted and sent as it is. */
static void test_signer_maxima(void **state) {
    (void)state;
    const char *src = "sign.h/encode.h: host 255, AccessKeyId 256, SignatureNonce 256, "
                      "SecurityToken 8192 bytes are accepted";
    char *host = malloc(256), *id = malloc(ECSKP_MAX_VALUE_BYTES + 1),
         *nonce = malloc(ECSKP_MAX_VALUE_BYTES + 1),
         *token = malloc(ECSKP_MAX_SECURITY_TOKEN_BYTES + 1);
    ecskp_test_true(src, "malloc", host && id && nonce && token);
    memset(host, 'h', 255), host[255] = '\0';
    memset(id, 'i', ECSKP_MAX_VALUE_BYTES), id[ECSKP_MAX_VALUE_BYTES] = '\0';
    memset(nonce, 'n', ECSKP_MAX_VALUE_BYTES), nonce[ECSKP_MAX_VALUE_BYTES] = '\0';
    memset(token, 't', ECSKP_MAX_SECURITY_TOKEN_BYTES);
    token[ECSKP_MAX_SECURITY_TOKEN_BYTES] = '\0';
    ecskp_signer s = typed_signer(ECSKP_SIGNATURE_V3);
    ecskp_keypair op = typed_op();
    s.host = host, s.access_key_id = id, s.nonce = nonce, s.security_token = token;
    ecskp_signed *o = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign_alloc(&s, &op, NULL, &o, &d), &d);
    ecskp_test_str(src, "host", header(o, "host"), host);
    ecskp_test_str(src, "x-acs-signature-nonce", header(o, "x-acs-signature-nonce"), nonce);
    ecskp_test_str(src, "x-acs-security-token", header(o, "x-acs-security-token"), token);
    ecskp_test_true(src, "the Credential is the AccessKeyId",
                    strstr(header(o, "authorization"), id) != NULL);
    ecskp_signed_free(o);
    s.signature = ECSKP_SIGNATURE_V1;
    ECSKP_EXPECT_OK(src, ecskp_keypair_sign_alloc(&s, &op, NULL, &o, &d), &d);
    ecskp_test_true(src, "V1: the three are in the canonical query",
                    strstr(o->canonical_query, id) && strstr(o->canonical_query, nonce) &&
                        strstr(o->canonical_query, token));
    ecskp_signed_free(o);
    free(host), free(id), free(nonce), free(token);
}

/* ------------------------------------------------------------------ upper bounds */

/* The worst inputs: every typed value ECSKP_MAX_VALUE_BYTES of '%' (as costly as any byte:
 * %25 in the query, %2525 in the StringToSign, like each byte of a 4-byte UTF-8 character),
 * 50 IDs of 64 reserved bytes, a host of 255 bytes, an AccessKeyId and SignatureNonce of 256,
 * a SecurityToken of ECSKP_MAX_SECURITY_TOKEN_BYTES, all of '%'. */
typedef struct worst {
    char value[ECSKP_MAX_VALUE_BYTES + 1];
    char host[256];
    char token[ECSKP_MAX_SECURITY_TOKEN_BYTES + 1];
    char ids[ECSKP_MAX_INSTANCE_IDS][ECSKP_MAX_INSTANCE_ID_BYTES + 1];
    const char *id_ptrs[ECSKP_MAX_INSTANCE_IDS];
    ecskp_keypair op;
    ecskp_signer signer;
} worst;

static void worst_init(worst *w, ecskp_signature signature, ecskp_method method) {
    static const char reserved[] = "!#$%&'()*+,/:;<=>?@[]^`{|}";
    memset(w->value, '%', ECSKP_MAX_VALUE_BYTES);
    w->value[ECSKP_MAX_VALUE_BYTES] = '\0';
    memset(w->host, '%', 255);
    w->host[255] = '\0';
    memset(w->token, '%', ECSKP_MAX_SECURITY_TOKEN_BYTES);
    w->token[ECSKP_MAX_SECURITY_TOKEN_BYTES] = '\0';
    for (size_t i = 0; i < ECSKP_MAX_INSTANCE_IDS; i++) {
        memset(w->ids[i], '%', ECSKP_MAX_INSTANCE_ID_BYTES);
        w->ids[i][ECSKP_MAX_INSTANCE_ID_BYTES - 2] = reserved[i / (sizeof reserved - 1)];
        w->ids[i][ECSKP_MAX_INSTANCE_ID_BYTES - 1] = reserved[i % (sizeof reserved - 1)];
        w->ids[i][ECSKP_MAX_INSTANCE_ID_BYTES] = '\0';
        w->id_ptrs[i] = w->ids[i];
    }
    w->op = (ecskp_keypair){.action = ECSKP_ACTION_ATTACH_KEY_PAIR,
                            .region_id = w->value,
                            .key_pair_name = w->value,
                            .instance_ids = w->id_ptrs,
                            .instance_id_count = ECSKP_MAX_INSTANCE_IDS,
                            .format = ECSKP_FORMAT_JSON,
                            .version = w->value,
                            .owner_id = w->value,
                            .owner_account = w->value,
                            .resource_owner_id = w->value,
                            .resource_owner_account = w->value};
    w->signer = (ecskp_signer){.signature = signature,
                               .method = method,
                               .host = w->host,
                               .access_key_id = w->value,
                               .secret = "testsecret",
                               .secret_len = 10,
                               .security_token = w->token,
                               .timestamp = T_TS,
                               .nonce = w->value};
}

static const struct bound_case {
    const char *src;
    ecskp_signature signature;
    ecskp_method method;
} bound_cases[] = {
    {.src = "V1 GET", .signature = ECSKP_SIGNATURE_V1, .method = ECSKP_METHOD_GET},
    {.src = "V1 POST", .signature = ECSKP_SIGNATURE_V1, .method = ECSKP_METHOD_POST},
    {.src = "V3 POST", .signature = ECSKP_SIGNATURE_V3, .method = ECSKP_METHOD_POST},
};

/* The size a signer asks for, checked by signing into exactly that many bytes. */
static size_t measured(const char *src, const ecskp_signer *s, const ecskp_keypair *op,
                       const ecskp_request *q) {
    ecskp_signed o;
    ecskp_diag d;
    size_t needed = 0, again = 0;
    ecskp_status rc = op != NULL ? ecskp_keypair_sign(s, op, NULL, 0, &needed, &o, &d)
                                 : ecskp_request_sign(s, q, NULL, 0, &needed, &o, &d);
    ECSKP_EXPECT_ERROR(src, rc, &d, ECSKP_ERR_BUFFER_TOO_SMALL);
    char *mem = malloc(needed);
    ecskp_test_true(src, "malloc", mem != NULL);
    rc = op != NULL ? ecskp_keypair_sign(s, op, mem, needed, &again, &o, &d)
                    : ecskp_request_sign(s, q, mem, needed, &again, &o, &d);
    ECSKP_EXPECT_OK(src, rc, &d);
    free(mem);
    return needed;
}

/* Prints every case's size and bound first (the figures are quoted in reports), then
 * asserts each. */
static void assert_bounds(const size_t needed[], const size_t bound[], const char *what) {
    for (size_t i = 0; i < COUNT(bound_cases); i++)
        print_message("%s, worst input, %s: needed %zu, bound %zu\n", what, bound_cases[i].src,
                      needed[i], bound[i]);
    for (size_t i = 0; i < COUNT(bound_cases); i++)
        ecskp_test_true(bound_cases[i].src, what, needed[i] <= bound[i]);
}

/* sign.h: ECSKP_KEYPAIR_SIGNED_SIZE_MAX bounds a typed operation without extra parameters. */
static void test_keypair_bound(void **state) {
    (void)state;
    static worst w;
    size_t needed[COUNT(bound_cases)], bound[COUNT(bound_cases)];
    for (size_t i = 0; i < COUNT(bound_cases); i++) {
        worst_init(&w, bound_cases[i].signature, bound_cases[i].method);
        needed[i] = measured(bound_cases[i].src, &w.signer, &w.op, NULL);
        bound[i] = ECSKP_KEYPAIR_SIGNED_SIZE_MAX;
    }
    assert_bounds(needed, bound, "ECSKP_KEYPAIR_SIGNED_SIZE_MAX");
}

/* The bytes of a list's names and values. */
static size_t text_bytes(const ecskp_param *p, size_t n) {
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += strlen(p[i].name) + strlen(p[i].value);
    return sum;
}

/* sign.h: ECSKP_SIGNED_SIZE_MAX bounds any request: the worst list (the worst operation's,
 * built), the signer's Timestamp and SignatureNonce counted among the parameters; V3 with a
 * body, a content type and a path as well. */
static void test_request_bound(void **state) {
    (void)state;
    static worst w;
    static ecskp_param_set set;
    static char body[4096], path[1024];
    size_t needed[COUNT(bound_cases)], bound[COUNT(bound_cases)];
    memset(body, '{', sizeof body);
    path[0] = '/';
    for (size_t i = 1; i + 3 <= sizeof path - 1; i += 3)
        memcpy(path + i, "%2F", 3);
    path[sizeof path - 1] = '\0';
    for (size_t i = 0; i < COUNT(bound_cases); i++) {
        const struct bound_case *b = &bound_cases[i];
        ecskp_diag d;
        worst_init(&w, b->signature, b->method);
        ECSKP_EXPECT_OK(b->src, ecskp_keypair_build(&w.op, &set, &d), &d);
        ecskp_request q = {.params = set.params, .count = set.count};
        if (b->signature == ECSKP_SIGNATURE_V3)
            q = (ecskp_request){.params = set.params,
                                .count = set.count,
                                .body = body,
                                .body_len = sizeof body,
                                .content_type = "application/json",
                                .path = path};
        size_t text = text_bytes(set.params, set.count) + strlen("Timestamp") + strlen(T_TS) +
                      strlen("SignatureNonce") + strlen(w.signer.nonce) +
                      (q.content_type != NULL ? strlen(q.content_type) + strlen(path) : 0);
        size_t signer = strlen(w.host) + strlen(w.signer.access_key_id) + strlen(w.token);
        bound[i] = ECSKP_SIGNED_SIZE_MAX(set.count + 2, text, q.body_len, signer);
        needed[i] = measured(b->src, &w.signer, NULL, &q);
    }
    assert_bounds(needed, bound, "ECSKP_SIGNED_SIZE_MAX");
}

/* ------------------------------------------------------------------ allocating variants */

static void test_alloc_failures(void **state) {
    (void)state;
    const char *src = "sign.h _alloc: out_of_memory, and nothing allocated on other failures";
    ecskp_test_counter a;
    ecskp_allocator al = ecskp_test_counting(&a);
    static ecskp_signed sentinel; /* *out starts as not NULL: the call must reset it */
    ecskp_signed *o = &sentinel;
    ecskp_diag d;
    ecskp_signer s = typed_signer(ECSKP_SIGNATURE_V1);
    ecskp_keypair op = typed_op();
    a.fail = 1;
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, &op, &al, &o, &d), &d,
                       ECSKP_ERR_OUT_OF_MEMORY);
    ecskp_test_true(src, "*out is NULL", o == NULL);
    ecskp_test_true(src, "one refused allocation, nothing to free",
                    a.mallocs == 1 && a.reallocs == 0 && a.frees == 0);
    o = &sentinel;
    ecskp_signer s1 = v1_signer();
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(&s1, &fixtures[FIX_DOC_V1].req, &al, &o, &d),
                       &d, ECSKP_ERR_OUT_OF_MEMORY);
    ecskp_test_true(src, "*out is NULL (request)", o == NULL && a.mallocs == 2 && a.frees == 0);
    a.fail = 0;
    s.secret_len = 0;
    o = &sentinel;
    ECSKP_EXPECT_DIAG(src, ecskp_keypair_sign_alloc(&s, &op, &al, &o, &d), &d,
                      ECSKP_ERR_MISSING_SECRET, "AccessKeySecret", NO_OFF, NO_IDX);
    ecskp_test_true(src, "no allocation before a failure", o == NULL && a.mallocs == 2);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, &op, &al, NULL, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(&s, NULL, &al, &o, &d), &d,
                       ECSKP_ERR_INVALID_ARGUMENT);
    ecskp_test_true(src, "no allocation for invalid arguments", a.mallocs == 2);
    ecskp_signed_free(NULL);
}

/* ------------------------------------------------------------------ names */

static const ecskp_test_enum_row method_rows[] = {
    {ECSKP_TEST_PARSE, .src = "sign.h: POST", .name = "POST", .value = ECSKP_METHOD_POST,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: GET", .name = "GET", .value = ECSKP_METHOD_GET,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: exact, upper case (post)", .name = "post", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: exact (Get)", .name = "Get", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: only POST and GET (PUT)", .name = "PUT", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: no trailing space", .name = "GET ", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: empty", .name = "", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: NULL", .name = NULL, .status = ARG},
};

static const ecskp_test_enum_row signature_rows[] = {
    {ECSKP_TEST_PARSE, .src = "sign.h: v1", .name = "v1", .value = ECSKP_SIGNATURE_V1,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: v3", .name = "v3", .value = ECSKP_SIGNATURE_V3,
     .status = ECSKP_OK},
    {ECSKP_TEST_PARSE, .src = "sign.h: exact (V1)", .name = "V1", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: no v2", .name = "v2", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: not the SignatureVersion (1.0)", .name = "1.0",
     .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: empty", .name = "", .status = ARG},
    {ECSKP_TEST_PARSE, .src = "sign.h: NULL", .name = NULL, .status = ARG},
};

static void test_method_parse(void **state) {
    (void)state;
    ecskp_test_enum_rows(&ecskp_test_method, method_rows, COUNT(method_rows));
}

static void test_signature_parse(void **state) {
    (void)state;
    ecskp_test_enum_rows(&ecskp_test_signature, signature_rows, COUNT(signature_rows));
}

static const ecskp_test_enum_row method_names[] = {
    {ECSKP_TEST_NAME, .src = "sign.h: GET", .value = ECSKP_METHOD_GET, .name = "GET"},
    {ECSKP_TEST_NAME, .src = "sign.h: POST", .value = ECSKP_METHOD_POST, .name = "POST"},
    {ECSKP_TEST_NAME, .src = "sign.h: unset is POST", .value = ECSKP_METHOD_UNSET, .name = "POST"},
    {ECSKP_TEST_NAME, .src = "sign.h: outside the enum", .value = 3, .name = NULL},
};

static const ecskp_test_enum_row signature_names[] = {
    {ECSKP_TEST_NAME, .src = "sign.h: v1", .value = ECSKP_SIGNATURE_V1, .name = "v1"},
    {ECSKP_TEST_NAME, .src = "sign.h: v3", .value = ECSKP_SIGNATURE_V3, .name = "v3"},
    {ECSKP_TEST_NAME, .src = "sign.h: unset has no name", .value = ECSKP_SIGNATURE_UNSET,
     .name = NULL},
    {ECSKP_TEST_NAME, .src = "sign.h: outside the enum", .value = 3, .name = NULL},
};

static void test_names(void **state) {
    (void)state;
    ecskp_test_enum_rows(&ecskp_test_method, method_names, COUNT(method_names));
    ecskp_test_true("sign.h names", "GET is 2, POST 1, unset 0",
                    ECSKP_METHOD_GET == 2 && ECSKP_METHOD_POST == 1 && ECSKP_METHOD_UNSET == 0);
    ecskp_test_enum_rows(&ecskp_test_signature, signature_names, COUNT(signature_names));
}

/* ------------------------------------------------------------------ Timestamp */

typedef struct ts_row {
    const char *src;
    long long t;
    ecskp_status status;
    const char *text;
} ts_row;

/* Expected texts from `date -u -d @T +%FT%TZ` and Python datetime, not from ecskp. */
static const ts_row ts_rows[] = {
    {.src = "epoch 0", .t = 0, .status = ECSKP_OK, .text = "1970-01-01T00:00:00Z"},
    {.src = "Request signatures worked example timestamp",
     .t = 1456231584LL,
     .status = ECSKP_OK,
     .text = "2016-02-23T12:46:24Z"},
    {.src = "leap day of a century leap year",
     .t = 951782400LL,
     .status = ECSKP_OK,
     .text = "2000-02-29T00:00:00Z"},
    {.src = "last second of a leap day",
     .t = 1709251199LL,
     .status = ECSKP_OK,
     .text = "2024-02-29T23:59:59Z"},
    {.src = "last representable second (four year digits)",
     .t = 253402300799LL,
     .status = ECSKP_OK,
     .text = "9999-12-31T23:59:59Z"},
    {.src = "year 10000 does not fit the format", .t = 253402300800LL, .status = ARG, .text = ""},
    {.src = "before 1970", .t = -1, .status = ARG, .text = ""},
};

static void run_ts_row(void **state) {
    const ts_row *r = *state;
    if ((long long)(time_t)r->t != r->t)
        skip(); /* 32-bit time_t */
    char out[ECSKP_TIMESTAMP_SIZE];
    ecskp_diag d;
    memset(out, 'x', sizeof out);
    ECSKP_EXPECT_ERROR(r->src, ecskp_timestamp_format((time_t)r->t, out, &d), &d, r->status);
    ecskp_test_str(r->src, "text (\"\" on failure)", out, r->text);
    if (r->status == ECSKP_OK)
        ECSKP_EXPECT_OK(r->src, ecskp_timestamp_check(out, &d), &d);
}

static void test_timestamp_null_out(void **state) {
    (void)state;
    ecskp_diag d;
    ECSKP_EXPECT_ERROR("sign.h: ecskp_timestamp_format into NULL",
                       ecskp_timestamp_format(0, NULL, &d), &d, ARG);
    ECSKP_EXPECT_ERROR("sign.h: ecskp_clock_system into NULL", ecskp_clock_system(NULL, NULL, &d),
                       &d, ARG);
}

/* ecskp_clock_system: time(2) formatted, a valid Timestamp, between two readings. */
static void test_clock_system(void **state) {
    (void)state;
    const char *src = "sign.h: ecskp_clock_system";
    char before[ECSKP_TIMESTAMP_SIZE], now[ECSKP_TIMESTAMP_SIZE], after[ECSKP_TIMESTAMP_SIZE];
    ecskp_diag d;
    int ctx = 0;
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format(time(NULL), before, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_clock_system(&ctx, now, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_timestamp_format(time(NULL), after, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_timestamp_check(now, &d), &d);
    ecskp_test_true(src, "between the two readings",
                    strcmp(before, now) <= 0 && strcmp(now, after) <= 0);
    ecskp_test_true(src, "ctx is not used", ctx == 0);
}

/* ------------------------------------------------------------------ SignatureNonce */

static void test_nonce_format(void **state) {
    (void)state;
    const char *src = "sign.h: ecskp_nonce_system";
    char a[ECSKP_NONCE_SIZE], b[ECSKP_NONCE_SIZE];
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, ecskp_nonce_system(NULL, a, &d), &d);
    ECSKP_EXPECT_OK(src, ecskp_nonce_system(NULL, b, NULL), NULL);
    ecskp_test_true(src, "32 lower-case hex", ecskp_test_is_hex32(a) && ecskp_test_is_hex32(b));
    ecskp_test_true(src, "two calls differ (2^-128 chance of a false failure)", strcmp(a, b) != 0);
}

static int fill_fails(void *ctx, unsigned char *p, size_t n) {
    (void)p, (void)n;
    ++*(int *)ctx;
    return EIO;
}

static int fill_counting(void *ctx, unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 17 + (size_t) * (int *)ctx);
    return 0;
}

static void test_nonce_injected_failure(void **state) {
    (void)state;
    const char *src = "sign.h: random_failure, out is \"\"";
    char out[ECSKP_NONCE_SIZE], errno_text[32];
    memset(out, 'x', sizeof out);
    int calls = 0;
    ecskp_diag d;
    ECSKP_EXPECT_DIAG(src, ecskp__random_nonce_from(fill_fails, &calls, out, &d), &d,
                      ECSKP_ERR_RANDOM_FAILURE, "SignatureNonce", NO_OFF, NO_IDX);
    ecskp_test_true(src, "one call", calls == 1);
    ecskp_test_str(src, "out", out, "");
    (void)snprintf(errno_text, sizeof errno_text, "errno %d", EIO);
    ecskp_test_true(src, "the message has the errno", strstr(d.message, errno_text) != NULL);
}

/* Bytes 00 11 22 ... ff: the hex is lower case, two digits per byte, in order. */
static void test_nonce_injected_bytes(void **state) {
    (void)state;
    char out[ECSKP_NONCE_SIZE];
    int base = 0;
    ECSKP_EXPECT_OK("injected bytes", ecskp__random_nonce_from(fill_counting, &base, out, NULL),
                    NULL);
    ecskp_test_str("injected bytes", "hex", out, "00112233445566778899aabbccddeeff");
}

static void test_nonce_os_fills_everything(void **state) {
    (void)state;
    /* Large enough for several getrandom reads; all-zero 4 KiB would be a broken source. */
    static unsigned char big[4096];
    memset(big, 0, sizeof big);
    ecskp_test_true("the OS generator", "ecskp__os_random succeeds",
                    ecskp__os_random(NULL, big, sizeof big) == 0);
    size_t zeros = 0;
    for (size_t i = 0; i < sizeof big; i++)
        zeros += big[i] == 0;
    ecskp_test_true("the OS generator", "fewer than 100 zeros in 4 KiB (about 16 expected)",
                    zeros < 100);
    ecskp_diag d;
    ECSKP_EXPECT_ERROR("sign.h: ecskp_nonce_system into NULL", ecskp_nonce_system(NULL, NULL, &d),
                       &d, ARG);
}

/* ------------------------------------------------------------------ every capacity */

/* Every capacity from 0 to the exact size, each in a heap block of exactly that size, so that
 * a sanitizer or valgrind catches any byte written past `cap`; *needed is the same each time. */
static void sweep(const char *src, const ecskp_signer *s, const ecskp_request *q) {
    ecskp_signed o;
    size_t exact = 0;
    ECSKP_EXPECT_OK(src, ecskp_request_sign(s, q, buf, sizeof buf, &exact, &o, NULL), NULL);
    for (size_t cap = 0; cap <= exact; cap++) {
        char *b = cap > 0 ? malloc(cap) : NULL;
        size_t needed = 0;
        ecskp_status rc = ecskp_request_sign(s, q, b, cap, &needed, &o, NULL);
        ecskp_test_true(src, "ok exactly at the size, too small below",
                        rc == (cap == exact ? ECSKP_OK : ECSKP_ERR_BUFFER_TOO_SMALL));
        ecskp_test_size(src, "*needed", needed, exact);
        free(b);
    }
}

static void test_every_capacity(void **state) {
    (void)state;
    const v1_row *r = sweep_row;
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_V1,
                      .method = r->method,
                      .secret = r->secret,
                      .secret_len = strlen(r->secret)};
    ecskp_request q = {.params = r->params, .count = r->count};
    sweep(r->src, &s, &q);
    s.method = ECSKP_METHOD_GET;
    sweep(r->src, &s, &q);
    ecskp_signer s3 = v3_signer();
    s3.security_token = "token";
    sweep("the RunInstances example with a token, V3", &s3, &fixtures[FIX_RI_V3].req);
}

/* ------------------------------------------------------------------ secrets */

/* The secret appears in no diag (failures of every kind) and in no output buffer. */
static void test_secret_never_leaks(void **state) {
    (void)state;
    const char *src = "the secret never reaches a diag or a buffer";
    ecskp_diag d;
    for (size_t i = 0; i < COUNT(neg_rows); i++) {
        memset(&d, 0, sizeof d);
        (void)neg_call(&neg_rows[i], &d);
        assert_diag_clean(neg_rows[i].src, &d);
    }
    /* Too small, then successful: neither the diag nor the buffer holds it. */
    ecskp_signer s = v1_signer();
    size_t needed = 0;
    memset(buf, 0, sizeof buf);
    ECSKP_EXPECT_ERROR(
        src, ecskp_request_sign(&s, &fixtures[FIX_DOC_V1].req, buf, 10, &needed, &neg_out, &d), &d,
        ECSKP_ERR_BUFFER_TOO_SMALL);
    assert_diag_clean(src, &d);
    ECSKP_EXPECT_OK(src, sign_req(&s, &fixtures[FIX_DOC_V1].req, &d), &d);
    assert_clean(src, buf, sizeof buf, CANARY);
    assert_clean(src, &neg_out, sizeof neg_out, CANARY);
    ecskp_signer s3 = v3_signer();
    ECSKP_EXPECT_OK(src, sign_req(&s3, &fixtures[FIX_RI_V3].req, &d), &d);
    assert_clean(src, buf, sizeof buf, CANARY);
    assert_clean(src, &neg_out, sizeof neg_out, CANARY);
    ecskp_signed *o = NULL;
    ECSKP_EXPECT_OK(src, ecskp_request_sign_alloc(&s3, &fixtures[FIX_RI_V3].req, NULL, &o, &d), &d);
    assert_clean(src, o->canonical_request, strlen(o->canonical_request), CANARY);
    ecskp_signed_free(o);
}

/* ------------------------------------------------------------------ build */

/* A build without libcrypto: every signer says unsupported, after checking nothing. */
static void test_unsupported_without_crypto(void **state) {
    (void)state;
    const char *src = "sign.h: a build without libcrypto";
    ecskp_test_true(src, "ecskp_signing_available", ecskp_signing_available() == 0);
    ecskp_signer s = v1_signer();
    ecskp_keypair op = typed_op();
    ecskp_signed *o = NULL;
    ecskp_diag d;
    neg_needed = 1;
    ECSKP_EXPECT_ERROR(src, sign_req(&s, &fixtures[FIX_DOC_V1].req, &d), &d, ECSKP_ERR_UNSUPPORTED);
    ecskp_test_size(src, "*needed", neg_needed, 0);
    ECSKP_EXPECT_ERROR(src, sign_op(&s, &op, &d), &d, ECSKP_ERR_UNSUPPORTED);
    ECSKP_EXPECT_ERROR(src, ecskp_keypair_sign_alloc(&s, &op, NULL, &o, &d), &d,
                       ECSKP_ERR_UNSUPPORTED);
    ECSKP_EXPECT_ERROR(src, ecskp_request_sign_alloc(&s, &fixtures[FIX_DOC_V1].req, NULL, &o, &d),
                       &d, ECSKP_ERR_UNSUPPORTED);
    ecskp_test_true(src, "*out is NULL", o == NULL);
    /* "after checking nothing": even an unset signature and an empty secret */
    s.signature = ECSKP_SIGNATURE_UNSET;
    s.secret_len = 0;
    ECSKP_EXPECT_ERROR(src, sign_req(&s, &fixtures[FIX_DOC_V1].req, &d), &d, ECSKP_ERR_UNSUPPORTED);
}

static void test_crypto_available(void **state) {
    (void)state;
    ecskp_test_true("a build with libcrypto", "ecskp_signing_available",
                    ecskp_signing_available() == 1);
}

/* ------------------------------------------------------------------ main */

static ecskp_test_list tests;

/* One test per check of each documented sign_v1 / sign_v3 vector. */
static void add_vectors(void) {
    static const struct {
        const char *what;
        CMUnitTestFunction f;
    } checks[] = {
        {"artifacts and shape", test_vector_artifacts},
        {"common parameters from the signer", test_vector_commons_from_signer},
        {"Timestamp and SignatureNonce drawn from sources", test_vector_drawn},
        {"exact *needed, _alloc", test_vector_needed},
    };
    ECSKP_TEST_FOR_VECTORS(v, "sign_v1|sign_v3") {
        for (size_t k = 0; k < COUNT(checks); k++)
            ecskp_test_addf(&tests, checks[k].f, v, "%s/%s: %s", v->area, v->name, checks[k].what);
    }
}

static void add_rows(void) {
    static const ecskp_test_named signature_in_list[] = {
        {"a Signature parameter in the list is left out", test_signature_in_list}};
    static const ecskp_test_named explicit_defaults[] = {
        {"typed: the defaults spelled out sign the same", test_typed_explicit_defaults}};
    ECSKP_TEST_ADD_ROWS(&tests, v1_rows, src, run_v1_row);
    ECSKP_TEST_ADD_ROWS(&tests, secret_rows, src, run_secret_row);
    ecskp_test_add_all(&tests, signature_in_list, COUNT(signature_in_list));
    ECSKP_TEST_ADD_ROWS(&tests, typed_rows, src, run_typed_row);
    ecskp_test_add_all(&tests, explicit_defaults, COUNT(explicit_defaults));
    ECSKP_TEST_ADD_ROWS(&tests, v3_rows, src, run_v3_row);
    ECSKP_TEST_ADD_ROWS(&tests, secret3_rows, src, run_secret3_row);
    ECSKP_TEST_ADD_ROWS(&tests, typed_v3_rows, src, run_typed_v3_row);
    ECSKP_TEST_ADD_ROWS(&tests, neg_rows, src, run_neg_row);
    ECSKP_TEST_ADD_ROWS(&tests, long_cases, src, test_long_value);
}

/* The tests that need signing, after the vectors and the rows. */
static const ecskp_test_named signing_tests[] = {
    {"sign.h: method unset is POST", test_method_unset_is_post},
    {"sign.h: fixed and listed values are not drawn", test_sources_not_called},
    {"sign.h: a source's failure comes back as it is", test_source_failures},
    {"sign.h: the system clock and nonce as sources", test_system_sources},
    {"sign.h: every signer string at its maximum", test_signer_maxima},
    {"sign.h: ECSKP_KEYPAIR_SIGNED_SIZE_MAX bounds the worst operation", test_keypair_bound},
    {"sign.h: ECSKP_SIGNED_SIZE_MAX bounds the worst request", test_request_bound},
    {"sign.h: _alloc failures", test_alloc_failures},
    {"every capacity up to the exact size, heap-allocated", test_every_capacity},
    {"the secret never reaches a diag or a buffer", test_secret_never_leaks},
};

/* The tests that need no crypto, after the Timestamp rows. */
static const ecskp_test_named plain_tests[] = {
    {"Timestamp into NULL", test_timestamp_null_out},
    {"ecskp_clock_system", test_clock_system},
    {"nonce: 32 lower-case hex, two calls differ", test_nonce_format},
    {"nonce: an injected generator failure is random_failure", test_nonce_injected_failure},
    {"nonce: injected bytes come out as lower-case hex", test_nonce_injected_bytes},
    {"nonce: the OS generator fills a large buffer", test_nonce_os_fills_everything},
    {"ecskp_method_parse", test_method_parse},
    {"ecskp_signature_parse", test_signature_parse},
    {"method and signature names", test_names},
};

static const ecskp_test_named crypto_available[] = {
    {"built with libcrypto", test_crypto_available}};
static const ecskp_test_named without_crypto[] = {
    {"built without libcrypto: signers are unsupported", test_unsupported_without_crypto}};

int main(void) {
    load_fixtures();
    ECSKP_TEST_ADD_ROWS(&tests, ts_rows, src, run_ts_row);
    ecskp_test_add_all(&tests, plain_tests, COUNT(plain_tests));
    if (ecskp_signing_available()) {
        ecskp_test_add_all(&tests, crypto_available, COUNT(crypto_available));
        add_vectors();
        add_rows();
        ecskp_test_add_all(&tests, signing_tests, COUNT(signing_tests));
    } else {
        ecskp_test_add_all(&tests, without_crypto, COUNT(without_crypto));
    }
    int failed = ecskp_test_run(&tests, "sign");
    free_fixtures();
    return failed;
}
