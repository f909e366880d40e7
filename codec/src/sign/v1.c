/* v1.c - signature version 1.0: StringToSign, HMAC-SHA1 signature, signed query. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

static ecskp_status bad_method(ecskp_diag *diag, ecskp_method method) {
    return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "method %d is neither GET nor POST", (int)method);
}

static const char hex_digits[] = "0123456789ABCDEF";

/* percentEncode(percentEncode(s)): the outer pass turns each `%` of the inner one into `%25`
 * and leaves the hex digits, so a reserved byte becomes `%25XY` and the rest stays. */
static void put_pct2(ecskp_writer *w, const char *s, size_t n) {
    char *d = n <= (SIZE_MAX - 1) / 5 ? ecskp__writer_room(w, 5 * n) : NULL;
    if (d != NULL) { /* the worst case fits */
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (ecskp__ctype[c] & ECSKP__C_UNRESERVED) {
                *d++ = (char)c;
            } else {
                d[0] = '%';
                d[1] = '2';
                d[2] = '5';
                d[3] = hex_digits[c >> 4];
                d[4] = hex_digits[c & 15];
                d += 5;
            }
        }
        ecskp__writer_advance(w, d);
        return;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ecskp__ctype[c] & ECSKP__C_UNRESERVED)
            continue;
        ecskp__put(w, s + run, i - run);
        char esc[5] = {'%', '2', '5', hex_digits[c >> 4], hex_digits[c & 15]};
        ecskp__put(w, esc, 5);
        run = i + 1;
    }
    ecskp__put(w, s + run, n - run);
}

/* `METHOD&%2F&` + percentEncode(canonical query), written straight from the parameters so
 * that it needs no copy of the canonical query. */
static void put_string_to_sign(ecskp_writer *w, const char *method, const ecskp_param *params,
                               const unsigned short *order, size_t n) {
    ecskp__puts(w, method);
    ecskp__puts(w, "&%2F&");
    for (size_t k = 0; k < n; k++) {
        const ecskp_param *p = &params[order[k]];
        if (k > 0)
            ecskp__puts(w, "%26");
        ecskp__puts(w, p->name); /* [A-Za-z0-9.]: unchanged by both encodings */
        ecskp__puts(w, "%3D");
        put_pct2(w, p->value, strlen(p->value));
    }
}

/* The same StringToSign from the canonical query already written: the query holds only
 * unreserved bytes, `%XY`, `&` and `=`, so percent-encoding it changes just `%`, `&` and `=`. */
static void put_string_to_sign_from_query(ecskp_writer *w, const char *method, const char *q,
                                          size_t n) {
    ecskp__puts(w, method);
    ecskp__puts(w, "&%2F&");
    ecskp__put_pct(w, q, n);
}

ecskp_status ecskp_v1_string_to_sign(ecskp_method method, const ecskp_param *params, size_t count,
                                     char *buf, size_t cap, size_t *out_len, ecskp_diag *diag) {
    if (out_len != NULL)
        *out_len = 0;
    const char *m = ecskp_method_name(method);
    if (m == NULL)
        return bad_method(diag, method);
    if (buf == NULL && cap > 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "buf is NULL with cap > 0");
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(ecskp__canonical_check(params, count, order, &n, diag));
    ecskp_writer w;
    ecskp__writer_init(&w, buf, cap);
    put_string_to_sign(&w, m, params, order, n);
    ecskp_status rc = ecskp__writer_finish(&w, out_len);
    if (rc != ECSKP_OK)
        return ecskp__fail(diag, rc, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "StringToSign needs %zu bytes plus NUL; buffer has %zu", w.len, cap);
    return ecskp__ok(diag);
}

/* The signature itself, with the arguments already checked. The HMAC key is `secret&`: up to
 * the 64-byte block it is assembled on the stack; beyond it HMAC would hash it anyway, so it
 * is hashed straight from the caller's bytes and only the 20-byte digest is kept. Either
 * scratch copy is wiped before returning. */
static ecskp_status sign_raw(const char *sts, size_t sts_len, const char *secret, size_t secret_len,
                             char out[ECSKP_V1_SIGNATURE_SIZE], ecskp_diag *diag) {
    unsigned char key[ECSKP__HMAC_BLOCK];
    size_t key_len;
    ecskp_status rc = ECSKP_OK;
    if (secret_len < ECSKP__HMAC_BLOCK) {
        memcpy(key, secret, secret_len);
        key[secret_len] = '&';
        key_len = secret_len + 1;
    } else {
        rc = ecskp__sha1_concat(secret, secret_len, "&", 1, key);
        key_len = ECSKP__SHA1_LEN;
    }
    unsigned char mac[ECSKP__SHA1_LEN];
    if (rc == ECSKP_OK)
        rc = ecskp__hmac_sha1(key, key_len, sts, sts_len, mac);
    ecskp__cleanse(key, sizeof key);
    if (rc != ECSKP_OK) {
        out[0] = '\0';
        return ecskp__fail(diag, rc, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "HMAC-SHA1 failed in the crypto backend");
    }
    ecskp__base64(mac, sizeof mac, out);
    ecskp__cleanse(mac, sizeof mac);
    return ECSKP_OK;
}

ecskp_status ecskp_v1_signature(const char *string_to_sign, size_t sts_len, const char *secret,
                                size_t secret_len, char out[ECSKP_V1_SIGNATURE_SIZE],
                                ecskp_diag *diag) {
    if (out != NULL)
        out[0] = '\0';
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    if (out == NULL || (string_to_sign == NULL && sts_len > 0))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "out is NULL, or string_to_sign is NULL with a length");
    ECSKP_GUARD(ecskp__check_secret(secret, secret_len, diag));
    ECSKP_GUARD(sign_raw(string_to_sign, sts_len, secret, secret_len, out, diag));
    return ecskp__ok(diag);
}

static ecskp_status sign_sorted(const char *m, const ecskp_param *params,
                                const unsigned short *order, size_t n, const char *secret,
                                size_t secret_len, char *buf, size_t cap, size_t *needed,
                                ecskp_v1_signed *out, ecskp_diag *diag);

ecskp_status ecskp_v1_sign(ecskp_method method, const ecskp_param *params, size_t count,
                           const char *secret, size_t secret_len, char *buf, size_t cap,
                           size_t *needed, ecskp_v1_signed *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (needed != NULL)
        *needed = 0;
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    const char *m = ecskp_method_name(method);
    if (m == NULL)
        return bad_method(diag, method);
    if (out == NULL || needed == NULL || (buf == NULL && cap > 0))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "out or needed is NULL, or buf is NULL with cap > 0");
    ECSKP_GUARD(ecskp__check_secret(secret, secret_len, diag));
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(ecskp__canonical_check(params, count, order, &n, diag));
    return sign_sorted(m, params, order, n, secret, secret_len, buf, cap, needed, out, diag);
}

/* ecskp_v1_sign() after its checks, for a list that passed ecskp__canonical_check(). */
static ecskp_status sign_sorted(const char *m, const ecskp_param *params,
                                const unsigned short *order, size_t n, const char *secret,
                                size_t secret_len, char *buf, size_t cap, size_t *needed,
                                ecskp_v1_signed *out, ecskp_diag *diag) {
    ecskp__segs segs = {buf, cap, 0};
    ecskp_writer w;
    ecskp__seg_open(&segs, &w);
    ecskp__put_canonical(&w, params, order, n);
    size_t query_len = w.len;
    const char *query = ecskp__seg_close(&segs, &w);

    ecskp__seg_open(&segs, &w);
    if (query != NULL)
        put_string_to_sign_from_query(&w, m, query, query_len);
    else /* only counted: the query is not in the buffer */
        put_string_to_sign(&w, m, params, order, n);
    size_t sts_len = w.len;
    const char *sts = ecskp__seg_close(&segs, &w);

    /* Until the StringToSign is in the buffer the signature is unknown; its encoded form is
     * then counted at its longest (see ecskp_v1_sign in sign.h). */
    char sig[ECSKP_V1_SIGNATURE_SIZE] = "";
    char sig_wire[ECSKP_V1_SIGNATURE_WIRE_MAX + 1];
    size_t sig_wire_len = ECSKP_V1_SIGNATURE_WIRE_MAX;
    if (sts != NULL) {
        ECSKP_GUARD(sign_raw(sts, sts_len, secret, secret_len, sig, diag));
        ecskp_writer e;
        ecskp__writer_init(&e, sig_wire, sizeof sig_wire);
        ecskp__put_pct(&e, sig, strlen(sig));
        if (ecskp__writer_finish(&e, &sig_wire_len) != ECSKP_OK)
            return ecskp__fail(diag, ECSKP_ERR_CRYPTO_FAILURE, NULL, ECSKP_NO_OFFSET,
                               ECSKP_NO_INDEX, "signature longer than expected");
    }

    /* Once a segment did not fit, the later writers only count, so they read no source. */
    ecskp__seg_open(&segs, &w);
    ecskp__put(&w, query, query_len);
    if (query_len > 0)
        ecskp__putc(&w, '&');
    ecskp__puts(&w, "Signature=");
    size_t sig_wire_off = w.len;
    ecskp__put(&w, sts != NULL ? sig_wire : NULL, sig_wire_len);
    size_t signed_len = w.len;
    const char *signed_query = ecskp__seg_close(&segs, &w);

    *needed = segs.off;
    if (signed_query == NULL)
        return ecskp__fail(diag, ECSKP_ERR_BUFFER_TOO_SMALL, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "the signed request needs %zu bytes of buffer; it has %zu", segs.off,
                           cap);
    out->canonical_query = query;
    out->canonical_query_len = query_len;
    out->string_to_sign = sts;
    out->string_to_sign_len = sts_len;
    out->signed_query = signed_query;
    out->signed_query_len = signed_len;
    out->signature_encoded = signed_query + sig_wire_off;
    out->signature_encoded_len = sig_wire_len;
    memcpy(out->signature, sig, sizeof sig);
    return ecskp__ok(diag);
}

static int extra_has(const ecskp_keypair_request *req, const char *name) {
    return req->extra != NULL && ecskp__param_value(req->extra, req->extra_count, name) != NULL;
}

/* Absent (NULL or "") and not supplied through `extra` either. */
static int absent(const ecskp_keypair_request *req, const char *value, const char *name) {
    return !ecskp__sign_present(value) && !extra_has(req, name);
}

static ecskp_status require_value(const ecskp_param_set *set, const char *name,
                                  const char *expected, ecskp_diag *diag) {
    const char *v = ecskp__param_value(set->params, set->count, name);
    if (v == NULL || strcmp(v, expected) != 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, name, ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX, "%s must be \"%s\" for signature version 1.0", name,
                           expected);
    return ECSKP_OK;
}

static ecskp_status require_present(const ecskp_param_set *set, const char *name,
                                    ecskp_diag *diag) {
    if (!ecskp__sign_present(ecskp__param_value(set->params, set->count, name)))
        return ecskp__sign_missing(diag, name);
    return ECSKP_OK;
}

ecskp_status ecskp_keypair_sign_v1(const ecskp_keypair_request *req, ecskp_method method,
                                   const char *secret, size_t secret_len, char *buf, size_t cap,
                                   size_t *needed, ecskp_v1_signed *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (needed != NULL)
        *needed = 0;
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    if (ecskp_method_name(method) == NULL)
        return bad_method(diag, method);
    if (req == NULL || out == NULL || needed == NULL || (buf == NULL && cap > 0))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "req, out or needed is NULL, or buf is NULL with cap > 0");
    ECSKP_GUARD(ecskp__check_secret(secret, secret_len, diag));

    /* The request is const and only holds pointers: fill the defaults on a copy. An empty
     * required value counts as absent, so that it is reported as missing. */
    ecskp_keypair_request r = *req;
    if (absent(req, r.version, "Version"))
        r.version = ECSKP_API_VERSION;
    if (absent(req, r.signature_method, "SignatureMethod"))
        r.signature_method = ECSKP_V1_SIGNATURE_METHOD;
    if (absent(req, r.signature_version, "SignatureVersion"))
        r.signature_version = ECSKP_V1_SIGNATURE_VERSION;
    if (!ecskp__sign_present(r.access_key_id))
        r.access_key_id = NULL;
    if (!ecskp__sign_present(r.timestamp))
        r.timestamp = NULL;
    if (!ecskp__sign_present(r.signature_nonce))
        r.signature_nonce = NULL;

    ecskp_param_set set;
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(ecskp__keypair_params_sorted(&r, &set, order, &n, diag));
    ECSKP_GUARD(require_value(&set, "SignatureMethod", ECSKP_V1_SIGNATURE_METHOD, diag));
    ECSKP_GUARD(require_value(&set, "SignatureVersion", ECSKP_V1_SIGNATURE_VERSION, diag));
    ECSKP_GUARD(require_present(&set, "AccessKeyId", diag));
    ECSKP_GUARD(require_present(&set, "Timestamp", diag));
    ECSKP_GUARD(require_present(&set, "SignatureNonce", diag));
    /* What ecskp_v1_sign() would check first was checked above, on the same set. */
    return sign_sorted(ecskp_method_name(method), set.params, order, n, secret, secret_len, buf,
                       cap, needed, out, diag);
}
