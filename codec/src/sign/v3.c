/* SPDX-License-Identifier: MIT */
/* v3.c - signature V3 (ACS3-HMAC-SHA256): canonical request, StringToSign, Authorization. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

/* Signed headers in their canonical (sorted, lower-case) order. */
enum {
    H_CONTENT_TYPE,
    H_HOST,
    H_ACTION,
    H_CONTENT_SHA256,
    H_DATE,
    H_TOKEN,
    H_NONCE,
    H_VERSION,
    H_COUNT
};

static const char *const header_names[H_COUNT] = {
    "content-type",          "host",          "x-acs-action",
    "x-acs-content-sha256",  "x-acs-date",    "x-acs-security-token",
    "x-acs-signature-nonce", "x-acs-version",
};

static ecskp_status invalid_value(ecskp_diag *diag, const char *field, size_t offset,
                                  unsigned char c, const char *rule) {
    return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, field, offset, ECSKP_NO_INDEX,
                       "%s has byte 0x%02X at offset %zu; %s", field, (unsigned)c, offset, rule);
}

/* Header values go on the wire verbatim, so nothing may break the header line (CR, LF, any
 * control byte) and nothing may differ between what is signed and what the server reads
 * after trimming (leading or trailing space). */
static ecskp_status check_header(const char *name, const char *v, int inner_space,
                                 ecskp_diag *diag) {
    size_t n = strlen(v);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        int ok = (c > 0x20 && c < 0x7F) || (c == ' ' && inner_space && i > 0 && i + 1 < n);
        if (!ok)
            return invalid_value(diag, name, i, c,
                                 inner_space ? "header values are printable ASCII without "
                                               "leading or trailing space"
                                             : "this header is printable ASCII without space");
    }
    return ECSKP_OK;
}

static int is_hex_upper(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

static ecskp_status check_uri(const char *uri, ecskp_diag *diag) {
    if (uri[0] != '/')
        return invalid_value(diag, "path", 0, (unsigned char)uri[0],
                             "the canonical URI starts with '/'");
    for (size_t i = 1; uri[i] != '\0'; i++) {
        unsigned char c = (unsigned char)uri[i];
        if (ecskp__is_unreserved(c) || c == '/')
            continue;
        if (c == '%' && is_hex_upper((unsigned char)uri[i + 1]) &&
            is_hex_upper((unsigned char)uri[i + 2])) {
            i += 2;
            continue;
        }
        return invalid_value(diag, "path", i, c,
                             "the canonical URI holds unreserved bytes, '/' and %XY escapes");
    }
    return ECSKP_OK;
}

/* The parameters V3 sends as headers (or, for 1.0's own two, not at all), never in the
 * query. */
static int header_param(const char *name) {
    static const char *const names[] = {"Action",           "AccessKeyId",    "SignatureMethod",
                                        "SignatureVersion", "SignatureNonce", "Timestamp",
                                        "Version",          "SecurityToken"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

static const char *param(const ecskp__sign_job *job, const char *name) {
    const char *v = ecskp__param_value(job->params, job->count, name);
    return ecskp__sign_present(v) ? v : NULL;
}

ecskp_status ecskp__v3_check(const ecskp__sign_job *job, ecskp_diag *diag) {
    const ecskp_request *r = &job->request;
    const char *host = job->signer->host;
    if (!ecskp__sign_present(host))
        return ecskp__sign_missing(diag, "host");
    static const char *const required[] = {"Action", "Version", "Timestamp", "SignatureNonce",
                                           "AccessKeyId"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (param(job, required[i]) == NULL)
            return ecskp__sign_missing(diag, required[i]);
    if (r->body_len > 0 && !ecskp__sign_present(r->content_type))
        return ecskp__sign_missing(diag, "content-type");

    ECSKP_GUARD(check_header("host", host, 0, diag));
    const char *action = param(job, "Action");
    for (size_t i = 0; action[i] != '\0'; i++) {
        unsigned char c = (unsigned char)action[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return invalid_value(diag, "x-acs-action", i, c, "an action is letters and digits");
    }
    ECSKP_GUARD(check_header("x-acs-version", param(job, "Version"), 0, diag));
    const char *date = param(job, "Timestamp");
    if (ecskp_timestamp_check(date, NULL) != ECSKP_OK)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_TIMESTAMP, "x-acs-date",
                             "x-acs-date \"%.40s\" is not UTC yyyy-MM-ddTHH:mm:ssZ (no "
                             "milliseconds, no offset, upper-case T and Z)",
                             date);
    ECSKP_GUARD(check_header("x-acs-signature-nonce", param(job, "SignatureNonce"), 0, diag));
    if (param(job, "SecurityToken") != NULL)
        ECSKP_GUARD(check_header("x-acs-security-token", param(job, "SecurityToken"), 0, diag));
    if (ecskp__sign_present(r->content_type))
        ECSKP_GUARD(check_header("content-type", r->content_type, 1, diag));
    const char *id = param(job, "AccessKeyId");
    for (size_t i = 0; id[i] != '\0'; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c <= 0x20 || c >= 0x7F || c == ',')
            return invalid_value(diag, "AccessKeyId", i, c,
                                 "an AccessKeyId is printable ASCII other than space and ','");
    }
    if (ecskp__sign_present(r->path))
        ECSKP_GUARD(check_uri(r->path, diag));
    return ECSKP_OK;
}

static void put_signed_headers(ecskp_writer *w, const char *const values[H_COUNT]) {
    int first = 1;
    for (size_t h = 0; h < H_COUNT; h++) {
        if (values[h] == NULL)
            continue;
        if (!first)
            ecskp__putc(w, ';');
        first = 0;
        ecskp__puts(w, header_names[h]);
    }
}

static ecskp_status crypto_failed(ecskp_diag *diag, ecskp_status rc, const char *what) {
    return ecskp__refuse(diag, rc, NULL, "%s failed in the crypto backend", what);
}

/* The texts the signature is made of, in segments: query, canonical request, StringToSign,
 * signature. `values` are the signed headers' values; `hex` receives the signature. */
static ecskp_status put_signature(const ecskp__sign_job *job, ecskp__segs *segs,
                                  const char *const values[H_COUNT], ecskp_signed *out,
                                  char hex[ECSKP__SHA256_HEX_SIZE], ecskp_diag *diag) {
    /* The query: the canonical order without the header parameters. */
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    for (size_t k = 0; k < job->n; k++)
        if (!header_param(job->params[job->order[k]].name))
            order[n++] = job->order[k];
    const char *uri = ecskp__sign_present(job->request.path) ? job->request.path : "/";
    ecskp_writer w;
    ecskp__seg_open(segs, &w);
    ecskp__put_canonical(&w, job->params, order, n);
    size_t query_len = w.len;
    const char *query = ecskp__seg_close(segs, &w);

    /* Once a segment did not fit, later writers only count and read no source. */
    ecskp__seg_open(segs, &w);
    ecskp__puts(&w, job->method_name);
    ecskp__putc(&w, '\n');
    ecskp__puts(&w, uri);
    ecskp__putc(&w, '\n');
    ecskp__put(&w, query, query_len);
    ecskp__putc(&w, '\n');
    for (size_t h = 0; h < H_COUNT; h++) {
        if (values[h] == NULL)
            continue;
        ecskp__puts(&w, header_names[h]);
        ecskp__putc(&w, ':');
        ecskp__puts(&w, values[h]);
        ecskp__putc(&w, '\n');
    }
    ecskp__putc(&w, '\n');
    put_signed_headers(&w, values);
    ecskp__putc(&w, '\n');
    ecskp__puts(&w, values[H_CONTENT_SHA256]);
    size_t request_len = w.len;
    const char *request = ecskp__seg_close(segs, &w);

    /* Every hash has a fixed length: until the canonical request is in the buffer, zeros
     * stand in for the digests, which are only counted then. */
    unsigned char digest[ECSKP__SHA256_LEN] = {0};
    char request_hex[ECSKP__SHA256_HEX_SIZE];
    if (request != NULL && ecskp__sha256(request, request_len, digest) != ECSKP_OK)
        return crypto_failed(diag, ECSKP_ERR_CRYPTO_FAILURE, "SHA-256 of the canonical request");
    ecskp__hex(digest, sizeof digest, request_hex);
    ecskp__seg_open(segs, &w);
    ecskp__puts(&w, ECSKP_V3_ALGORITHM "\n");
    ecskp__puts(&w, request_hex);
    size_t sts_len = w.len;
    const char *sts = ecskp__seg_close(segs, &w);
    memset(digest, 0, sizeof digest);
    const ecskp_signer *s = job->signer;
    if (sts != NULL &&
        ecskp__hmac_sha256(s->secret, s->secret_len, sts, sts_len, digest) != ECSKP_OK)
        return crypto_failed(diag, ECSKP_ERR_CRYPTO_FAILURE, "HMAC-SHA256");
    ecskp__hex(digest, sizeof digest, hex);
    ecskp__cleanse(digest, sizeof digest);
    out->query = query;
    out->canonical_query = query;
    out->canonical_request = request;
    out->string_to_sign = sts;
    out->signature_value = ecskp__seg_text(segs, hex, strlen(hex));
    return ECSKP_OK;
}

ecskp_status ecskp__v3_write(const ecskp__sign_job *job, ecskp__segs *segs, ecskp_signed *out,
                             ecskp_diag *diag) {
    const ecskp_request *r = &job->request;
    unsigned char digest[ECSKP__SHA256_LEN];
    char content_hex[ECSKP__SHA256_HEX_SIZE];
    static const unsigned char no_body[1] = {0};
    if (ecskp__sha256(r->body_len > 0 ? r->body : no_body, r->body_len, digest) != ECSKP_OK)
        return crypto_failed(diag, ECSKP_ERR_CRYPTO_FAILURE, "SHA-256 of the body");
    ecskp__hex(digest, sizeof digest, content_hex);

    const char *values[H_COUNT] = {NULL};
    values[H_CONTENT_TYPE] = ecskp__sign_present(r->content_type) ? r->content_type : NULL;
    values[H_HOST] = job->signer->host;
    values[H_ACTION] = param(job, "Action");
    values[H_CONTENT_SHA256] = content_hex;
    values[H_DATE] = param(job, "Timestamp");
    values[H_TOKEN] = param(job, "SecurityToken");
    values[H_NONCE] = param(job, "SignatureNonce");
    values[H_VERSION] = param(job, "Version");

    char hex[ECSKP__SHA256_HEX_SIZE];
    ECSKP_GUARD(put_signature(job, segs, values, out, hex, diag));

    /* The headers to send, copied so that the result depends on `buf` alone. */
    size_t count = 0;
    for (size_t h = 0; h < H_COUNT; h++) {
        if (values[h] == NULL)
            continue;
        out->headers[count].name = header_names[h];
        out->headers[count].value = ecskp__seg_text(segs, values[h], strlen(values[h]));
        count++;
    }
    ecskp_writer w;
    ecskp__seg_open(segs, &w);
    ecskp__puts(&w, ECSKP_V3_ALGORITHM " Credential=");
    ecskp__puts(&w, param(job, "AccessKeyId"));
    ecskp__puts(&w, ",SignedHeaders=");
    put_signed_headers(&w, values);
    ecskp__puts(&w, ",Signature=");
    ecskp__puts(&w, hex);
    out->headers[count].name = "authorization";
    out->headers[count].value = ecskp__seg_close(segs, &w);
    out->header_count = count + 1;

    out->signature = ECSKP_SIGNATURE_V3;
    out->method = job->method;
    out->path =
        ecskp__sign_present(r->path) ? ecskp__seg_text(segs, r->path, strlen(r->path)) : "/";
    out->body = ecskp__seg_text(segs, r->body_len > 0 ? (const char *)r->body : "", r->body_len);
    out->body_len = r->body_len;
    return ECSKP_OK;
}
