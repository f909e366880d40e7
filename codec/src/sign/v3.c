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
        return invalid_value(diag, "canonical_uri", 0, (unsigned char)uri[0],
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
        return invalid_value(diag, "canonical_uri", i, c,
                             "the canonical URI holds unreserved bytes, '/' and %XY escapes");
    }
    return ECSKP_OK;
}

/* Every check of the request; on success `order` holds the query's canonical order (n). */
static ecskp_status validate(const ecskp_v3_request *r, unsigned short order[ECSKP_MAX_PARAMS],
                             size_t *n, ecskp_diag *diag) {
    static const struct {
        size_t offset;
        const char *name;
    } required[] = {
        {offsetof(ecskp_v3_request, host), "host"},
        {offsetof(ecskp_v3_request, action), "x-acs-action"},
        {offsetof(ecskp_v3_request, version), "x-acs-version"},
        {offsetof(ecskp_v3_request, date), "x-acs-date"},
        {offsetof(ecskp_v3_request, signature_nonce), "x-acs-signature-nonce"},
        {offsetof(ecskp_v3_request, access_key_id), "AccessKeyId"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *v;
        memcpy(&v, (const char *)r + required[i].offset, sizeof v);
        if (!ecskp__sign_present(v))
            return ecskp__sign_missing(diag, required[i].name);
    }
    if (r->body == NULL && r->body_len > 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "body is NULL with body_len > 0");
    if (r->body_len > 0 && !ecskp__sign_present(r->content_type))
        return ecskp__sign_missing(diag, "content-type");

    ECSKP_GUARD(check_header("host", r->host, 0, diag));
    for (size_t i = 0; r->action[i] != '\0'; i++) {
        unsigned char c = (unsigned char)r->action[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return invalid_value(diag, "x-acs-action", i, c, "an action is letters and digits");
    }
    ECSKP_GUARD(check_header("x-acs-version", r->version, 0, diag));
    if (!ecskp_timestamp_valid(r->date))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_TIMESTAMP, "x-acs-date", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX,
                           "x-acs-date \"%.40s\" is not UTC yyyy-MM-ddTHH:mm:ssZ (no "
                           "milliseconds, no offset, upper-case T and Z)",
                           r->date);
    ECSKP_GUARD(check_header("x-acs-signature-nonce", r->signature_nonce, 0, diag));
    if (ecskp__sign_present(r->security_token))
        ECSKP_GUARD(check_header("x-acs-security-token", r->security_token, 0, diag));
    if (ecskp__sign_present(r->content_type))
        ECSKP_GUARD(check_header("content-type", r->content_type, 1, diag));
    for (size_t i = 0; r->access_key_id[i] != '\0'; i++) {
        unsigned char c = (unsigned char)r->access_key_id[i];
        if (c <= 0x20 || c >= 0x7F || c == ',')
            return invalid_value(diag, "AccessKeyId", i, c,
                                 "an AccessKeyId is printable ASCII other than space and ','");
    }
    if (ecskp__sign_present(r->canonical_uri))
        ECSKP_GUARD(check_uri(r->canonical_uri, diag));
    return ecskp__canonical_check(r->query, r->query_count, order, n, diag);
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
    return ecskp__fail(diag, rc, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "%s failed in the crypto backend", what);
}

ecskp_status ecskp_v3_sign(const ecskp_v3_request *req, const char *secret, size_t secret_len,
                           char *buf, size_t cap, size_t *needed, ecskp_v3_signed *out,
                           ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (needed != NULL)
        *needed = 0;
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    if (req == NULL || out == NULL || needed == NULL || (buf == NULL && cap > 0))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "req, out or needed is NULL, or buf is NULL with cap > 0");
    const char *method = ecskp_method_name(req->method);
    if (method == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "method %d is neither GET nor POST", (int)req->method);
    ECSKP_GUARD(ecskp__check_secret(secret, secret_len, diag));
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(validate(req, order, &n, diag));

    unsigned char digest[ECSKP__SHA256_LEN];
    char content_hex[ECSKP_SHA256_HEX_SIZE];
    char request_hex[ECSKP_SHA256_HEX_SIZE];
    char signature_hex[ECSKP_SHA256_HEX_SIZE];
    memset(request_hex, '0', sizeof request_hex - 1); /* placeholders: only counted */
    request_hex[sizeof request_hex - 1] = '\0';
    memcpy(signature_hex, request_hex, sizeof signature_hex);
    static const unsigned char no_body[1] = {0};
    ecskp_status rc = ecskp__sha256(req->body_len > 0 ? req->body : no_body, req->body_len, digest);
    if (rc != ECSKP_OK)
        return crypto_failed(diag, rc, "SHA-256 of the body");
    ecskp__hex(digest, sizeof digest, content_hex);

    const char *values[H_COUNT] = {NULL};
    values[H_CONTENT_TYPE] = ecskp__sign_present(req->content_type) ? req->content_type : NULL;
    values[H_HOST] = req->host;
    values[H_ACTION] = req->action;
    values[H_CONTENT_SHA256] = content_hex;
    values[H_DATE] = req->date;
    values[H_TOKEN] = ecskp__sign_present(req->security_token) ? req->security_token : NULL;
    values[H_NONCE] = req->signature_nonce;
    values[H_VERSION] = req->version;
    const char *uri = ecskp__sign_present(req->canonical_uri) ? req->canonical_uri : "/";

    ecskp__segs segs = {buf, cap, 0};
    ecskp_writer w;

    ecskp__seg_open(&segs, &w);
    ecskp__put_canonical(&w, req->query, order, n);
    size_t query_len = w.len;
    const char *query = ecskp__seg_close(&segs, &w);

    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, content_hex);
    const char *content = ecskp__seg_close(&segs, &w);

    /* Once a segment did not fit, later writers only count and read no source. */
    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, method);
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
    ecskp__puts(&w, content_hex);
    size_t request_len = w.len;
    const char *request = ecskp__seg_close(&segs, &w);

    if (request != NULL) {
        rc = ecskp__sha256(request, request_len, digest);
        if (rc != ECSKP_OK)
            return crypto_failed(diag, rc, "SHA-256 of the canonical request");
        ecskp__hex(digest, sizeof digest, request_hex);
    }
    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, request_hex);
    const char *hashed = ecskp__seg_close(&segs, &w);

    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, ECSKP_V3_ALGORITHM "\n");
    ecskp__puts(&w, request_hex);
    size_t sts_len = w.len;
    const char *sts = ecskp__seg_close(&segs, &w);

    if (sts != NULL) {
        rc = ecskp__hmac_sha256(secret, secret_len, sts, sts_len, digest);
        if (rc != ECSKP_OK)
            return crypto_failed(diag, rc, "HMAC-SHA256");
        ecskp__hex(digest, sizeof digest, signature_hex);
    }
    ecskp__seg_open(&segs, &w);
    put_signed_headers(&w, values);
    size_t signed_headers_len = w.len;
    const char *signed_headers = ecskp__seg_close(&segs, &w);

    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, signature_hex);
    const char *signature = ecskp__seg_close(&segs, &w);

    ecskp__seg_open(&segs, &w);
    ecskp__puts(&w, ECSKP_V3_ALGORITHM " Credential=");
    ecskp__puts(&w, req->access_key_id);
    ecskp__puts(&w, ",SignedHeaders=");
    put_signed_headers(&w, values);
    ecskp__puts(&w, ",Signature=");
    ecskp__puts(&w, signature_hex);
    size_t authorization_len = w.len;
    const char *authorization = ecskp__seg_close(&segs, &w);

    /* The headers to send, copied so that the result depends on `buf` alone. */
    ecskp_header headers[ECSKP_V3_MAX_HEADERS];
    size_t header_count = 0;
    for (size_t h = 0; h < H_COUNT; h++) {
        if (values[h] == NULL)
            continue;
        const char *v = content;
        if (h != H_CONTENT_SHA256) {
            ecskp__seg_open(&segs, &w);
            ecskp__puts(&w, values[h]);
            v = ecskp__seg_close(&segs, &w);
        }
        headers[header_count].name = header_names[h];
        headers[header_count].value = v;
        header_count++;
    }
    headers[header_count].name = "authorization";
    headers[header_count].value = authorization;
    header_count++;
    ecskp__cleanse(digest, sizeof digest);

    *needed = segs.off;
    if (segs.off > cap)
        return ecskp__fail(diag, ECSKP_ERR_BUFFER_TOO_SMALL, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "the signed request needs %zu bytes of buffer; it has %zu", segs.off,
                           cap);
    out->canonical_query = query;
    out->canonical_query_len = query_len;
    out->content_sha256 = content;
    out->canonical_request = request;
    out->canonical_request_len = request_len;
    out->hashed_canonical_request = hashed;
    out->string_to_sign = sts;
    out->string_to_sign_len = sts_len;
    out->signed_headers = signed_headers;
    out->signed_headers_len = signed_headers_len;
    out->signature = signature;
    out->authorization = authorization;
    out->authorization_len = authorization_len;
    memcpy(out->headers, headers, header_count * sizeof headers[0]);
    out->header_count = header_count;
    return ecskp__ok(diag);
}

/* Signature 1.0 common parameters that V3 carries in headers or drops. */
static int v1_only(const char *name) {
    static const char *const names[] = {"Action",           "AccessKeyId",    "SignatureMethod",
                                        "SignatureVersion", "SignatureNonce", "Timestamp",
                                        "Version",          "SecurityToken"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

ecskp_status ecskp_keypair_sign_v3(const ecskp_keypair_request *req, ecskp_method method,
                                   const char *host, const char *secret, size_t secret_len,
                                   char *buf, size_t cap, size_t *needed, ecskp_v3_signed *out,
                                   ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (needed != NULL)
        *needed = 0;
    if (!ecskp_signing_available())
        return ecskp__unsupported(diag);
    if (ecskp_method_name(method) == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "method %d is neither GET nor POST", (int)method);
    if (req == NULL || out == NULL || needed == NULL || (buf == NULL && cap > 0))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "req, out or needed is NULL, or buf is NULL with cap > 0");
    ECSKP_GUARD(ecskp__check_secret(secret, secret_len, diag));

    ecskp_keypair_request r = *req; /* const request: normalise "" to absent on a copy */
    if (!ecskp__sign_present(r.access_key_id))
        r.access_key_id = NULL;
    if (!ecskp__sign_present(r.timestamp))
        r.timestamp = NULL;
    if (!ecskp__sign_present(r.signature_nonce))
        r.signature_nonce = NULL;
    ecskp_param_set set;
    ECSKP_GUARD(ecskp_keypair_params(&r, &set, diag));
    if (!ecskp__sign_present(host))
        return ecskp__sign_missing(diag, "host");

    /* Read from the built set, so that a value given through `extra` counts too. */
    const char *id = ecskp__param_value(set.params, set.count, "AccessKeyId");
    const char *date = ecskp__param_value(set.params, set.count, "Timestamp");
    const char *nonce = ecskp__param_value(set.params, set.count, "SignatureNonce");
    const char *version = ecskp__param_value(set.params, set.count, "Version");
    if (!ecskp__sign_present(id))
        return ecskp__sign_missing(diag, "AccessKeyId");
    if (!ecskp__sign_present(date))
        return ecskp__sign_missing(diag, "Timestamp");
    if (!ecskp__sign_present(nonce))
        return ecskp__sign_missing(diag, "SignatureNonce");

    ecskp_param query[ECSKP_MAX_PARAMS];
    size_t query_count = 0;
    for (size_t i = 0; i < set.count; i++)
        if (!v1_only(set.params[i].name))
            query[query_count++] = set.params[i];

    ecskp_v3_request v = {0};
    v.method = method;
    v.host = host;
    v.query = query;
    v.query_count = query_count;
    v.action = ecskp__param_value(set.params, set.count, "Action");
    v.version = ecskp__sign_present(version) ? version : ECSKP_API_VERSION;
    v.date = date;
    v.signature_nonce = nonce;
    v.security_token = ecskp__param_value(set.params, set.count, "SecurityToken");
    v.access_key_id = id;
    return ecskp_v3_sign(&v, secret, secret_len, buf, cap, needed, out, diag);
}
