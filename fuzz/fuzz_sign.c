/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sign - signing a parameter list or a typed operation framed from the input.
 *
 * Targets: ecskp_request_sign(), ecskp_keypair_sign(), ecskp_request_sign_alloc(),
 * ecskp_keypair_sign_alloc(), ecskp_signed_free(), signature 1.0 and V3, GET and POST.
 *
 * Input: byte 0 is the mode:
 *   bit 0  POST (else GET); with bit 4 clear, ECSKP_METHOD_UNSET (which is POST);
 *   bit 1  V3 (else signature 1.0);
 *   bit 2  a typed operation (ecskp_keypair_sign, and ecskp_request_sign over its list);
 *   bit 3  the signer gives AccessKeyId, Timestamp and SignatureNonce: the three lines after
 *          the secret ("" = unset);
 *   bit 6  the signer has a clock and a nonce source (fixed values; drawn when neither the
 *          signer nor the list gives one);
 *   bit 7  the signer gives a SecurityToken: the next line.
 * ('0'..'3' are the 0.x modes GET v1, POST v1, GET V3, POST V3 and mean the same here.) The
 * rest is split at '\n': the AccessKeySecret, the signer lines of bits 3 and 7, then one
 * `name=value` parameter a line. A typed operation takes Action (AttachKeyPair or
 * DetachKeyPair; any other value is action 99), RegionId, KeyPairName, InstanceIds (JSON
 * text), Format (JSON or XML; another value goes into extra), Version and the Owner fields
 * from the first line of each name; everything else goes into `extra`. V3 signs for the host
 * ecs.cn-hangzhou.aliyuncs.com.
 *
 * Properties (abort on violation), against a model of sign.h written here:
 *   - the status is the model's: unsupported without a backend; a typed operation's build
 *     error first; missing_secret; the signer's own strings (value_too_long, invalid_timestamp);
 *     the common parameters (duplicate_parameter when both the signer and the list give one,
 *     missing_parameter when a required one is absent, invalid_parameter_value for another
 *     SignatureMethod/SignatureVersion in 1.0, too_many_parameters); exactly the status and
 *     diag.field of ecskp_query_build() over the completed list; V3's missing Action/Version
 *     and header values (diag.field = the header, diag.offset = the byte); on failure
 *     `*needed` is 0 and the output struct zeroed;
 *   - 1.0: the canonical query is ecskp_query_build() of the list completed with the signer's
 *     values, SignatureMethod and SignatureVersion; the StringToSign is `METHOD&%2F&` +
 *     percentEncode(it) (a reference encoder); the signature is Base64(HMAC-SHA1(secret&,
 *     StringToSign)) (computed with libcrypto directly when the harness has it, else 28 Base64
 *     characters); the signed form is the canonical query + `&Signature=` + the encoded
 *     signature (no `&` after an empty query), the GET query or the POST body with its
 *     content-type header;
 *   - V3: the query is the canonical query of the list without the header parameters; the
 *     canonical request, the signed headers in order and the Authorization header are exactly
 *     as rebuilt here; the StringToSign is `ACS3-HMAC-SHA256\n` + hex(SHA-256(canonical
 *     request)) and the signature hex(HMAC-SHA256(secret, StringToSign)) (with libcrypto);
 *   - `*needed` is exact on the first call (a size query): a second call with exactly
 *     `*needed` bytes succeeds and gives the same texts as a call with a large buffer, one
 *     byte less is buffer_too_small with the same `*needed`; `*needed` never exceeds
 *     ECSKP_SIGNED_SIZE_MAX() for the input (nor ECSKP_KEYPAIR_SIGNED_SIZE_MAX for a typed
 *     operation without extra parameters);
 *   - the _alloc variants give the same status and texts, through the caller's allocator,
 *     every block returned by ecskp_signed_free();
 *   - a typed operation signs exactly as ecskp_request_sign() over ecskp_keypair_build()'s list
 *     with Version 2014-05-26 added when absent;
 *   - once: an unset signature, an unknown method, a NULL `needed` and a NULL buffer with a
 *     capacity are invalid_argument.
 */
#include <ecskp/encode.h>
#include <ecskp/sign.h>

#include "fuzz_common.h"

#ifdef FUZZ_HAVE_LIBCRYPTO
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif

#define MAX_LINES 140
#define MAX_LIST (MAX_LINES + 8)
#define HOST "ecs.cn-hangzhou.aliyuncs.com"
#define CLOCK_VALUE "2023-10-26T10:22:32Z"
#define NONCE_VALUE "3156853299f313e23d1673dc12e1703d"
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static const char *const common_names[4] = {"AccessKeyId", "SecurityToken", "Timestamp",
                                            "SignatureNonce"};

typedef struct sign_case {
    uint8_t mode;
    int v3, typed;
    ecskp_signer signer;
    ecskp_param lines[MAX_LINES]; /* the parameter lines */
    size_t n;
    ecskp_keypair op; /* typed */
    ecskp_param extra[MAX_LINES];
    ecskp_param_set set;
    ecskp_param list[MAX_LIST]; /* what the signer signs: the lines, or the typed list */
    size_t count;
} sign_case;

/* The expected outcome: OK with the completed list, or a status among `st` (and a field
 * among `fields` when any are given). */
typedef struct expect {
    ecskp_status st[4];
    size_t nst;
    const char *fields[8];
    size_t offsets[8]; /* V3 header values: the bad byte, else ECSKP_NO_OFFSET */
    size_t nf;
    char field_copy[ECSKP_DIAG_FIELD_SIZE];
    ecskp_param done[MAX_LIST]; /* the list completed with what the signer adds */
    size_t ndone;
} expect;

static void expect_at(expect *e, ecskp_status st, const char *field, size_t offset) {
    size_t k = 0;
    while (k < e->nst && e->st[k] != st)
        k++;
    if (k == e->nst && e->nst < 4)
        e->st[e->nst++] = st;
    if (field && e->nf < 8) {
        e->offsets[e->nf] = offset;
        e->fields[e->nf++] = field;
    }
}

static void expect_one(expect *e, ecskp_status st, const char *field) {
    expect_at(e, st, field, ECSKP_NO_OFFSET);
}

static const char *first_value(const ecskp_param *p, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0)
            return p[i].value;
    return NULL;
}

static int present(const char *s) {
    return s && *s;
}

static void done_add(expect *e, const char *name, const char *value) {
    if (e->ndone < MAX_LIST) {
        e->done[e->ndone].name = name;
        e->done[e->ndone].value = value;
    }
    e->ndone++;
}

/* The signer's own strings (sign.h: value_too_long, a fixed Timestamp's form). */
static void model_signer(const ecskp_signer *s, expect *e) {
    if (s->access_key_id && strlen(s->access_key_id) > ECSKP_MAX_VALUE_BYTES)
        expect_one(e, ECSKP_ERR_VALUE_TOO_LONG, "AccessKeyId");
    if (s->nonce && strlen(s->nonce) > ECSKP_MAX_VALUE_BYTES)
        expect_one(e, ECSKP_ERR_VALUE_TOO_LONG, "SignatureNonce");
    if (present(s->timestamp) && !fuzz_timestamp_valid(s->timestamp))
        expect_one(e, ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp");
}

/* The common parameters (the table at ecskp_signer), completing e->done. */
static void model_common(const sign_case *c, expect *e) {
    const ecskp_signer *s = &c->signer;
    const char *fixed[4] = {s->access_key_id, s->security_token, s->timestamp, s->nonce};
    const char *drawn[4] = {NULL, NULL, s->clock ? CLOCK_VALUE : NULL,
                            s->nonce_source ? NONCE_VALUE : NULL};
    int required = c->typed || c->v3;
    memcpy(e->done, c->list, c->count * sizeof c->list[0]);
    e->ndone = c->count;
    if (!c->v3) {
        static const char *const v1_names[2] = {"SignatureMethod", "SignatureVersion"};
        static const char *const v1_values[2] = {"HMAC-SHA1", "1.0"};
        for (size_t i = 0; i < 2; i++) {
            const char *listed = first_value(c->list, c->count, v1_names[i]);
            if (!listed)
                done_add(e, v1_names[i], v1_values[i]);
            else if (strcmp(listed, v1_values[i]) != 0)
                expect_one(e, ECSKP_ERR_INVALID_PARAMETER_VALUE, v1_names[i]);
        }
    }
    for (size_t i = 0; i < 4; i++) {
        const char *listed = first_value(c->list, c->count, common_names[i]);
        if (present(fixed[i])) {
            if (listed)
                expect_one(e, ECSKP_ERR_DUPLICATE_PARAMETER, common_names[i]);
            else
                done_add(e, common_names[i], fixed[i]);
        } else if (present(listed)) {
            continue;
        } else if (!listed && drawn[i]) {
            done_add(e, common_names[i], drawn[i]);
        } else if (required && i != 1) {
            expect_one(e, ECSKP_ERR_MISSING_PARAMETER, common_names[i]);
        }
    }
    if (e->ndone > ECSKP_MAX_PARAMS)
        expect_one(e, ECSKP_ERR_TOO_MANY_PARAMETERS, NULL);
}

/* A V3 header value: printable ASCII without space; returns the bad byte or -1. */
static long bad_header_byte(const char *v, int action, int access_key_id) {
    for (size_t i = 0; v[i]; i++) {
        unsigned char ch = (unsigned char)v[i];
        int ok = ch > 0x20 && ch < 0x7F;
        if (action)
            ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (access_key_id && ch == ',')
            ok = 0;
        if (!ok)
            return (long)i;
    }
    return -1;
}

/* V3: Action and Version required, the header values (sign.h, ecskp_request). */
static void model_v3(expect *e) {
    const char *action = first_value(e->done, e->ndone, "Action");
    const char *version = first_value(e->done, e->ndone, "Version");
    if (!present(action) || !present(version)) {
        expect_one(e, ECSKP_ERR_MISSING_PARAMETER, !present(action) ? "Action" : NULL);
        if (!present(version))
            expect_one(e, ECSKP_ERR_MISSING_PARAMETER, "Version");
        return;
    }
    static const struct {
        const char *param, *header;
        int action, akid;
    } h[] = {{"Action", "x-acs-action", 1, 0},
             {"Version", "x-acs-version", 0, 0},
             {"SignatureNonce", "x-acs-signature-nonce", 0, 0},
             {"SecurityToken", "x-acs-security-token", 0, 0},
             {"AccessKeyId", "AccessKeyId", 0, 1}};
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
        const char *v = first_value(e->done, e->ndone, h[i].param);
        long bad = present(v) ? bad_header_byte(v, h[i].action, h[i].akid) : -1;
        if (bad >= 0)
            expect_at(e, ECSKP_ERR_INVALID_PARAMETER_VALUE, h[i].header, (size_t)bad);
    }
    if (!fuzz_timestamp_valid(first_value(e->done, e->ndone, "Timestamp")))
        expect_one(e, ECSKP_ERR_INVALID_TIMESTAMP, "x-acs-date");
}

/* The outcome sign.h promises, stage by stage; the first stage with a finding decides. */
static void model(const sign_case *c, ecskp_status build_rc, const ecskp_diag *build_diag,
                  expect *e) {
    memset(e, 0, sizeof *e);
    if (!ecskp_signing_available()) {
        expect_one(e, ECSKP_ERR_UNSUPPORTED, NULL);
        return;
    }
    if (c->typed && build_rc != ECSKP_OK) {
        memcpy(e->field_copy, build_diag->field, sizeof e->field_copy);
        expect_one(e, build_rc, e->field_copy);
        return;
    }
    if (c->typed && c->count > ECSKP_MAX_PARAMS) { /* no room for the default Version */
        expect_one(e, ECSKP_ERR_TOO_MANY_PARAMETERS, "Version");
        return;
    }
    if (c->signer.secret_len == 0) {
        expect_one(e, ECSKP_ERR_MISSING_SECRET, NULL);
        return;
    }
    model_signer(&c->signer, e);
    if (e->nst)
        return;
    model_common(c, e);
    if (c->count > ECSKP_MAX_PARAMS)
        expect_one(e, ECSKP_ERR_TOO_MANY_PARAMETERS, NULL);
    if (e->nst)
        return;
    ecskp_diag d;
    size_t needed = 0;
    ecskp_status rc = ecskp_query_build(e->done, e->ndone, NULL, 0, &needed, &d);
    if (rc != ECSKP_ERR_BUFFER_TOO_SMALL) {
        memcpy(e->field_copy, d.field, sizeof e->field_copy);
        expect_one(e, rc, e->field_copy);
        return;
    }
    if (c->v3)
        model_v3(e);
}

/* ---------------------------------------------------------------- the expected texts */

/* The canonical query of `p` (ecskp_query_build, which the model has just validated). */
static char *query_of(const ecskp_param *p, size_t n) {
    size_t needed = 0;
    FUZZ_CHECK(ecskp_query_build(p, n, NULL, 0, &needed, NULL) == ECSKP_ERR_BUFFER_TOO_SMALL);
    char *q = fuzz_xmalloc(needed);
    FUZZ_CHECK(ecskp_query_build(p, n, q, needed, &needed, NULL) == ECSKP_OK);
    return q;
}

static int is_header_param(const char *name) {
    static const char *const names[] = {"Action",           "AccessKeyId",    "SignatureMethod",
                                        "SignatureVersion", "SignatureNonce", "Timestamp",
                                        "Version",          "SecurityToken"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

static int base64_shaped(const char *s) {
    if (strlen(s) != 28 || s[27] != '=')
        return 0;
    for (size_t i = 0; i < 27; i++) {
        char ch = s[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '+' || ch == '/'))
            return 0;
    }
    return 1;
}

static int lower_hex(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[n] == '\0';
}

static void check_v1(const sign_case *c, const expect *e, const ecskp_signed *out) {
    const char *mname = c->signer.method == ECSKP_METHOD_GET ? "GET" : "POST";
    char *cq = query_of(e->done, e->ndone);
    fuzz_buf sts = {0}, form = {0};
    fb_puts(&sts, mname);
    fb_puts(&sts, "&%2F&");
    fb_pct(&sts, cq, strlen(cq));
    FUZZ_CHECK(strcmp(out->canonical_query, cq) == 0);
    FUZZ_CHECK(strcmp(out->string_to_sign, sts.p) == 0);
    FUZZ_CHECK(strcmp(out->canonical_request, "") == 0);
    FUZZ_CHECK(base64_shaped(out->signature_value));
#ifdef FUZZ_HAVE_LIBCRYPTO
    {
        fuzz_buf key = {0}, sig = {0};
        fb_put(&key, c->signer.secret, c->signer.secret_len);
        fb_puts(&key, "&");
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned mac_len = 0;
        FUZZ_CHECK(HMAC(EVP_sha1(), key.p, (int)key.len, (const unsigned char *)sts.p, sts.len, mac,
                        &mac_len) != NULL);
        fb_base64(&sig, mac, mac_len);
        FUZZ_CHECK(strcmp(out->signature_value, sig.p) == 0);
        free(key.p);
        free(sig.p);
    }
#endif
    fb_puts(&form, cq);
    fb_puts(&form, *cq ? "&Signature=" : "Signature=");
    fb_pct(&form, out->signature_value, strlen(out->signature_value));
    FUZZ_CHECK(strcmp(out->path, "/") == 0);
    if (c->signer.method == ECSKP_METHOD_GET) {
        FUZZ_CHECK(out->method == ECSKP_METHOD_GET);
        FUZZ_CHECK(strcmp(out->query, form.p) == 0 && strcmp(out->body, "") == 0);
        FUZZ_CHECK(out->body_len == 0 && out->header_count == 0);
    } else {
        FUZZ_CHECK(out->method == ECSKP_METHOD_POST);
        FUZZ_CHECK(strcmp(out->query, "") == 0 && strcmp(out->body, form.p) == 0);
        FUZZ_CHECK(out->body_len == form.len && out->header_count == 1);
        FUZZ_CHECK(strcmp(out->headers[0].name, "content-type") == 0);
        FUZZ_CHECK(strcmp(out->headers[0].value, "application/x-www-form-urlencoded") == 0);
    }
    free(cq);
    free(sts.p);
    free(form.p);
}

/* V3's signed headers, in canonical order, with their values from the completed list. */
static size_t v3_headers(const expect *e, ecskp_header h[ECSKP_MAX_HEADERS]) {
    size_t n = 0;
    h[n++] = (ecskp_header){"host", HOST};
    h[n++] = (ecskp_header){"x-acs-action", first_value(e->done, e->ndone, "Action")};
    h[n++] = (ecskp_header){"x-acs-content-sha256", EMPTY_SHA256};
    h[n++] = (ecskp_header){"x-acs-date", first_value(e->done, e->ndone, "Timestamp")};
    const char *token = first_value(e->done, e->ndone, "SecurityToken");
    if (present(token))
        h[n++] = (ecskp_header){"x-acs-security-token", token};
    h[n++] =
        (ecskp_header){"x-acs-signature-nonce", first_value(e->done, e->ndone, "SignatureNonce")};
    h[n++] = (ecskp_header){"x-acs-version", first_value(e->done, e->ndone, "Version")};
    return n;
}

static void check_v3_crypto(const sign_case *c, const ecskp_signed *out) {
#ifdef FUZZ_HAVE_LIBCRYPTO
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned d_len = 0;
    fuzz_buf sts = {0}, sig = {0};
    SHA256((const unsigned char *)out->canonical_request, strlen(out->canonical_request), d);
    fb_puts(&sts, "ACS3-HMAC-SHA256\n");
    fb_hex(&sts, d, 32);
    FUZZ_CHECK(strcmp(out->string_to_sign, sts.p) == 0);
    FUZZ_CHECK(HMAC(EVP_sha256(), c->signer.secret, (int)c->signer.secret_len,
                    (const unsigned char *)sts.p, sts.len, d, &d_len) != NULL);
    fb_hex(&sig, d, d_len);
    FUZZ_CHECK(strcmp(out->signature_value, sig.p) == 0);
    free(sts.p);
    free(sig.p);
#else
    (void)c;
    FUZZ_CHECK(strncmp(out->string_to_sign, "ACS3-HMAC-SHA256\n", 17) == 0);
    FUZZ_CHECK(lower_hex(out->string_to_sign + 17, 64));
#endif
    FUZZ_CHECK(lower_hex(out->signature_value, 64));
}

static void check_v3(const sign_case *c, const expect *e, const ecskp_signed *out) {
    ecskp_param q[MAX_LIST];
    size_t nq = 0;
    for (size_t i = 0; i < e->ndone; i++)
        if (!is_header_param(e->done[i].name))
            q[nq++] = e->done[i];
    char *cq = query_of(q, nq);
    ecskp_header h[ECSKP_MAX_HEADERS];
    size_t nh = v3_headers(e, h);
    fuzz_buf creq = {0}, signed_headers = {0}, auth = {0};
    for (size_t i = 0; i < nh; i++) {
        fb_puts(&signed_headers, i ? ";" : "");
        fb_puts(&signed_headers, h[i].name);
    }
    fb_puts(&creq, c->signer.method == ECSKP_METHOD_GET ? "GET\n/\n" : "POST\n/\n");
    fb_puts(&creq, cq);
    fb_puts(&creq, "\n");
    for (size_t i = 0; i < nh; i++) {
        fb_puts(&creq, h[i].name);
        fb_puts(&creq, ":");
        fb_puts(&creq, h[i].value);
        fb_puts(&creq, "\n");
    }
    fb_puts(&creq, "\n");
    fb_puts(&creq, signed_headers.p);
    fb_puts(&creq, "\n" EMPTY_SHA256);
    FUZZ_CHECK(strcmp(out->query, cq) == 0 && strcmp(out->canonical_query, cq) == 0);
    FUZZ_CHECK(strcmp(out->canonical_request, creq.p) == 0);
    check_v3_crypto(c, out);
    fb_puts(&auth, "ACS3-HMAC-SHA256 Credential=");
    fb_puts(&auth, first_value(e->done, e->ndone, "AccessKeyId"));
    fb_puts(&auth, ",SignedHeaders=");
    fb_puts(&auth, signed_headers.p);
    fb_puts(&auth, ",Signature=");
    fb_puts(&auth, out->signature_value);
    FUZZ_CHECK(out->header_count == nh + 1);
    for (size_t i = 0; i < nh; i++)
        FUZZ_CHECK(strcmp(out->headers[i].name, h[i].name) == 0 &&
                   strcmp(out->headers[i].value, h[i].value) == 0);
    FUZZ_CHECK(strcmp(out->headers[nh].name, "authorization") == 0);
    FUZZ_CHECK(strcmp(out->headers[nh].value, auth.p) == 0);
    FUZZ_CHECK(out->method ==
               (c->signer.method == ECSKP_METHOD_GET ? ECSKP_METHOD_GET : ECSKP_METHOD_POST));
    FUZZ_CHECK(strcmp(out->path, "/") == 0 && strcmp(out->body, "") == 0 && out->body_len == 0);
    free(cq);
    free(creq.p);
    free(signed_headers.p);
    free(auth.p);
}

/* ---------------------------------------------------------------- calls and sizes */

static size_t text_bytes(const ecskp_param *p, size_t n) {
    size_t t = 0;
    for (size_t i = 0; i < n; i++)
        t += strlen(p[i].name) + strlen(p[i].value);
    return t;
}

/* ECSKP_SIGNED_SIZE_MAX() for this input (sign.h): the signed list's parameters and text, and
 * the signer's strings: host, AccessKeyId, SecurityToken and the Timestamp and SignatureNonce
 * it gives or draws (those the completed list took from the signer). */
static size_t size_bound(const sign_case *c, const expect *e) {
    const ecskp_signer *s = &c->signer;
    size_t signer_bytes = strlen(HOST) + (s->access_key_id ? strlen(s->access_key_id) : 0) +
                          (s->security_token ? strlen(s->security_token) : 0);
    for (size_t i = c->count; i < e->ndone && i < MAX_LIST; i++) {
        const char *name = e->done[i].name;
        if (strcmp(name, "Timestamp") == 0 || strcmp(name, "SignatureNonce") == 0)
            signer_bytes += strlen(e->done[i].value);
    }
    return ECSKP_SIGNED_SIZE_MAX(c->count, text_bytes(c->list, c->count), 0, signer_bytes);
}

static ecskp_status call(const sign_case *c, int typed, char *buf, size_t cap, size_t *needed,
                         ecskp_signed *out, ecskp_diag *diag) {
    ecskp_request r = {.params = c->list, .count = c->count};
    return typed ? ecskp_keypair_sign(&c->signer, &c->op, buf, cap, needed, out, diag)
                 : ecskp_request_sign(&c->signer, &r, buf, cap, needed, out, diag);
}

static void same_texts(const ecskp_signed *a, const ecskp_signed *b) {
    FUZZ_CHECK(a->signature == b->signature && a->method == b->method);
    FUZZ_CHECK(a->body_len == b->body_len && memcmp(a->body, b->body, a->body_len + 1) == 0);
    const char *ta[] = {
        a->path,           a->query,          a->canonical_query, a->canonical_request,
        a->string_to_sign, a->signature_value};
    const char *tb[] = {
        b->path,           b->query,          b->canonical_query, b->canonical_request,
        b->string_to_sign, b->signature_value};
    for (size_t i = 0; i < sizeof ta / sizeof ta[0]; i++)
        FUZZ_CHECK(ta[i] && tb[i] && strcmp(ta[i], tb[i]) == 0);
    FUZZ_CHECK(a->header_count == b->header_count && a->header_count <= ECSKP_MAX_HEADERS);
    for (size_t i = 0; i < a->header_count; i++)
        FUZZ_CHECK(strcmp(a->headers[i].name, b->headers[i].name) == 0 &&
                   strcmp(a->headers[i].value, b->headers[i].value) == 0);
}

static int is_zero(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void check_failure(const expect *e, ecskp_status rc, const ecskp_diag *d, size_t needed,
                          const ecskp_signed *out) {
    int in_set = 0, field_ok = e->nf == 0;
    for (size_t i = 0; i < e->nst; i++)
        in_set |= rc == e->st[i];
    /* too_many_parameters names the parameter that did not fit, or none. */
    field_ok |= rc == ECSKP_ERR_TOO_MANY_PARAMETERS;
    for (size_t i = 0; i < e->nf; i++) {
        if (strcmp(d->field, e->fields[i]) != 0)
            continue;
        field_ok = 1;
        /* A V3 header value: diag.offset is the offending byte. */
        if (rc == ECSKP_ERR_INVALID_PARAMETER_VALUE && e->offsets[i] != ECSKP_NO_OFFSET)
            FUZZ_CHECK(d->offset == e->offsets[i]);
    }
    if (!in_set || !field_ok)
        fprintf(stderr, "sign: %s (field \"%s\": %s), model: %s (field \"%s\")\n",
                ecskp_status_name(rc), d->field, d->message, ecskp_status_name(e->st[0]),
                e->nf ? e->fields[0] : "");
    FUZZ_CHECK(in_set && field_ok);
    FUZZ_CHECK(d->status == rc && needed == 0 && is_zero(out, sizeof *out));
}

typedef struct counting {
    size_t live;
} counting;

static void *c_malloc(size_t n, void *ctx) {
    ((counting *)ctx)->live++;
    return fuzz_xmalloc(n);
}

static void *c_realloc(void *p, size_t n, void *ctx) {
    (void)p, (void)n, (void)ctx;
    abort(); /* the signers never reallocate */
}

static void c_free(void *p, void *ctx) {
    if (p) {
        FUZZ_CHECK(((counting *)ctx)->live > 0);
        ((counting *)ctx)->live--;
    }
    free(p);
}

/* The _alloc variant: same status, same texts, one block returned on free. */
static void check_alloc(const sign_case *c, int typed, ecskp_status want, const ecskp_signed *ref) {
    counting cnt = {0};
    ecskp_allocator a = {c_malloc, c_realloc, c_free, &cnt};
    ecskp_signed *s = (ecskp_signed *)(uintptr_t)1;
    ecskp_request r = {.params = c->list, .count = c->count};
    ecskp_status rc = typed ? ecskp_keypair_sign_alloc(&c->signer, &c->op, &a, &s, NULL)
                            : ecskp_request_sign_alloc(&c->signer, &r, &a, &s, NULL);
    FUZZ_CHECK(rc == want);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(s == NULL && cnt.live == 0);
        return;
    }
    FUZZ_CHECK(s != NULL && cnt.live == 1);
    same_texts(s, ref);
    ecskp_signed_free(s);
    FUZZ_CHECK(cnt.live == 0);
}

/* One entry point over the case: the size query, the exact buffer, one byte less, a large
 * buffer, the allocating variant. */
static void run(const sign_case *c, int typed, const expect *e) {
    size_t needed = 777, n2 = 777;
    ecskp_signed exact, large, probe;
    ecskp_diag d;
    ecskp_status rc = call(c, typed, NULL, 0, &needed, &probe, &d);
    if (e->nst) {
        check_failure(e, rc, &d, needed, &probe);
        check_alloc(c, typed, rc, NULL);
        return;
    }
    if (rc != ECSKP_ERR_BUFFER_TOO_SMALL)
        fprintf(stderr, "sign: %s (field \"%s\": %s), model: ok\n", d.name, d.field, d.message);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && d.status == rc && needed > 0);
    FUZZ_CHECK(is_zero(&probe, sizeof probe));
    size_t bound = size_bound(c, e);
    if (needed > bound)
        fprintf(stderr, "sign: *needed %zu > ECSKP_SIGNED_SIZE_MAX() %zu\n", needed, bound);
    FUZZ_CHECK(needed <= bound);
    if (typed && c->op.extra_count == 0)
        FUZZ_CHECK(needed <= ECSKP_KEYPAIR_SIGNED_SIZE_MAX);

    char *buf = fuzz_xmalloc(needed);
    rc = call(c, typed, buf, needed, &n2, &exact, &d);
    FUZZ_CHECK(rc == ECSKP_OK && d.status == ECSKP_OK && n2 == needed);
    char *small = fuzz_xmalloc(needed - 1 ? needed - 1 : 1);
    rc = call(c, typed, small, needed - 1, &n2, &probe, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && n2 == needed && is_zero(&probe, sizeof probe));
    free(small);
    char *big = fuzz_xmalloc(bound);
    rc = call(c, typed, big, bound, &n2, &large, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && n2 == needed);
    same_texts(&exact, &large);
    if (c->v3)
        check_v3(c, e, &exact);
    else
        check_v1(c, e, &exact);
    check_alloc(c, typed, ECSKP_OK, &exact);
    free(big);
    free(buf);
}

/* ---------------------------------------------------------------- framing */

static ecskp_status fixed_clock(void *ctx, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag) {
    (void)ctx, (void)diag;
    memcpy(out, CLOCK_VALUE, sizeof CLOCK_VALUE);
    return ECSKP_OK;
}

static ecskp_status fixed_nonce(void *ctx, char out[ECSKP_NONCE_SIZE], ecskp_diag *diag) {
    (void)ctx, (void)diag;
    memcpy(out, NONCE_VALUE, sizeof NONCE_VALUE);
    return ECSKP_OK;
}

/* A typed operation from the lines: the first line of each typed name, the rest extra. */
static void frame_typed(sign_case *c) {
    ecskp_keypair *op = &c->op;
    for (size_t i = 0; i < c->n; i++) {
        const char *k = c->lines[i].name, *v = c->lines[i].value;
        const char **slot = NULL;
        if (strcmp(k, "Action") == 0 && op->action == ECSKP_ACTION_UNSET) {
            op->action = strcmp(v, "AttachKeyPair") == 0   ? ECSKP_ACTION_ATTACH_KEY_PAIR
                         : strcmp(v, "DetachKeyPair") == 0 ? ECSKP_ACTION_DETACH_KEY_PAIR
                                                           : (ecskp_action)99;
            continue;
        }
        if (strcmp(k, "Format") == 0 && op->format == ECSKP_FORMAT_UNSET &&
            (strcmp(v, "JSON") == 0 || strcmp(v, "XML") == 0)) {
            op->format = v[0] == 'J' ? ECSKP_FORMAT_JSON : ECSKP_FORMAT_XML;
            continue;
        }
        slot = strcmp(k, "RegionId") == 0               ? &op->region_id
               : strcmp(k, "KeyPairName") == 0          ? &op->key_pair_name
               : strcmp(k, "InstanceIds") == 0          ? &op->instance_ids_json
               : strcmp(k, "Version") == 0              ? &op->version
               : strcmp(k, "OwnerId") == 0              ? &op->owner_id
               : strcmp(k, "OwnerAccount") == 0         ? &op->owner_account
               : strcmp(k, "ResourceOwnerId") == 0      ? &op->resource_owner_id
               : strcmp(k, "ResourceOwnerAccount") == 0 ? &op->resource_owner_account
                                                        : NULL;
        if (slot && !*slot)
            *slot = v;
        else
            c->extra[op->extra_count++] = c->lines[i];
    }
    op->extra = op->extra_count ? c->extra : NULL;
}

/* Returns the status of ecskp_keypair_build() for a typed case (and fills c->list). */
static ecskp_status frame(sign_case *c, const uint8_t *data, size_t size, char **block,
                          ecskp_diag *build_diag) {
    c->mode = data[0];
    c->v3 = (c->mode & 2) != 0;
    c->typed = (c->mode & 4) != 0;
    ecskp_signer *s = &c->signer;
    s->signature = c->v3 ? ECSKP_SIGNATURE_V3 : ECSKP_SIGNATURE_V1;
    s->method = (c->mode & 1) ? ((c->mode & 16) ? ECSKP_METHOD_POST : ECSKP_METHOD_UNSET)
                              : ECSKP_METHOD_GET;
    s->host = HOST;
    char *lines[MAX_LINES + 5];
    size_t nl = fuzz_split_lines(data + 1, size - 1, lines, MAX_LINES + 5, block);
    size_t at = 0;
    s->secret = at < nl ? lines[at++] : "";
    s->secret_len = strlen(s->secret);
    if (c->mode & 8) {
        s->access_key_id = at < nl ? lines[at++] : NULL;
        s->timestamp = at < nl ? lines[at++] : NULL;
        s->nonce = at < nl ? lines[at++] : NULL;
    }
    if (c->mode & 128)
        s->security_token = at < nl ? lines[at++] : NULL;
    if (c->mode & 64) {
        s->clock = fixed_clock;
        s->nonce_source = fixed_nonce;
    }
    for (; at < nl && c->n < MAX_LINES; at++) {
        char *eq = strchr(lines[at], '=');
        if (eq)
            *eq = '\0';
        c->lines[c->n].name = lines[at];
        c->lines[c->n++].value = eq ? eq + 1 : "";
    }
    if (!c->typed) {
        memcpy(c->list, c->lines, c->n * sizeof c->lines[0]);
        c->count = c->n;
        return ECSKP_OK;
    }
    frame_typed(c);
    ecskp_status rc = ecskp_keypair_build(&c->op, &c->set, build_diag);
    memcpy(c->list, c->set.params, c->set.count * sizeof c->set.params[0]);
    c->count = c->set.count;
    if (rc == ECSKP_OK && !first_value(c->list, c->count, "Version")) {
        c->list[c->count].name = "Version";
        c->list[c->count++].value = ECSKP_API_VERSION;
    }
    return rc;
}

/* Argument errors, once. */
static void check_arguments(void) {
    static int done;
    if (done || !ecskp_signing_available())
        return;
    done = 1;
    ecskp_param p = {"Action", "DescribeRegions"};
    ecskp_request r = {.params = &p, .count = 1};
    ecskp_signer s = {.signature = ECSKP_SIGNATURE_UNSET, .secret = "s", .secret_len = 1};
    ecskp_signed out;
    ecskp_diag d;
    size_t needed = 1;
    char buf[8];
    FUZZ_CHECK(ecskp_request_sign(&s, &r, NULL, 0, &needed, &out, &d) ==
                   ECSKP_ERR_INVALID_ARGUMENT &&
               strcmp(d.field, "signature") == 0 && needed == 0);
    s.signature = ECSKP_SIGNATURE_V1;
    s.method = (ecskp_method)7;
    FUZZ_CHECK(ecskp_request_sign(&s, &r, NULL, 0, &needed, &out, &d) ==
                   ECSKP_ERR_INVALID_ARGUMENT &&
               strcmp(d.field, "method") == 0);
    s.method = ECSKP_METHOD_GET;
    FUZZ_CHECK(ecskp_request_sign(&s, &r, buf, sizeof buf, NULL, &out, NULL) ==
               ECSKP_ERR_INVALID_ARGUMENT);
    FUZZ_CHECK(ecskp_request_sign(&s, &r, NULL, 8, &needed, &out, NULL) ==
               ECSKP_ERR_INVALID_ARGUMENT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_arguments();
    if (size == 0)
        return 0;
    sign_case *c = fuzz_xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    char *block;
    ecskp_diag build_diag;
    ecskp_status build_rc = frame(c, data, size, &block, &build_diag);
    expect *e = fuzz_xmalloc(sizeof *e);
    model(c, build_rc, &build_diag, e);
    run(c, c->typed, e);
    if (c->typed && build_rc == ECSKP_OK) {
        /* The same list through the generic signer, modelled as a generic request (1.0 does
         * not require the common parameters there). Both runs are checked against texts
         * rebuilt from the same completed list, so where both sign, they sign alike. */
        c->typed = 0;
        expect *g = fuzz_xmalloc(sizeof *g);
        model(c, build_rc, &build_diag, g);
        run(c, 0, g);
        free(g);
    }
    free(e);
    free(c);
    free(block);
    return 0;
}
