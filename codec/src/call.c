/* SPDX-License-Identifier: MIT */
/*
 * call.c - ecskp/call.h: the endpoint rule, retry advice, wait hints, backoff and the check
 * of what was sent. (The whole-list check of instance IDs is in ids.c, beside the rules it
 * applies.)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ecskp/call.h"
#include "internal.h"

/* ---------------------------------------------------------------- the endpoint */

/* Unset is public: its entry names it, and parsing starts after it. */
static const char *const endpoint_names[] = {"public", "public", "vpc", "central"};
ECSKP__ENUM_NAMES(ecskp_endpoint, ecskp_endpoint, endpoint_names, 1, ECSKP_ERR_INVALID_ARGUMENT,
                  "endpoint", "public, vpc or central")

static ecskp_status bad_byte(ecskp_diag *diag, const char *field, size_t i, unsigned char c,
                             const char *rule) {
    return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, field, i, ECSKP_NO_INDEX,
                       "%s has byte 0x%02X at offset %zu; %s", field, (unsigned)c, i, rule);
}

/* A region's shape (a DNS label): a-z, 0-9 and '-', 1..63 bytes, no '-' at either end. */
static ecskp_status check_region(const char *r, ecskp_diag *diag) {
    static const char rule[] = "a region is 1 to 63 bytes of a-z, 0-9 and '-', not starting or "
                               "ending with '-'";
    size_t n = strnlen(r, 64);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)r[i];
        int ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < n);
        if (!ok)
            return bad_byte(diag, "RegionId", i, c, rule);
    }
    if (n > 63)
        return bad_byte(diag, "RegionId", 63, (unsigned char)r[63], rule);
    return ECSKP_OK;
}

static ecskp_status check_host(const char *h, ecskp_diag *diag) {
    size_t n = strnlen(h, ECSKP_HOST_SIZE);
    if (n >= ECSKP_HOST_SIZE)
        return ecskp__refuse(diag, ECSKP_ERR_VALUE_TOO_LONG, "host", "a host is at most %d bytes",
                             ECSKP_HOST_SIZE - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c <= 0x20 || c >= 0x7F || strchr("/?#@\\", c) != NULL)
            return bad_byte(diag, "host", i, c,
                            "a host is printable ASCII without space, '/', '?', '#', '@' or "
                            "'\\' (take a URL apart first)");
    }
    return ECSKP_OK;
}

ecskp_status ecskp_endpoint_host(const char *region_id, ecskp_endpoint endpoint,
                                 const char *explicit_host, char *buf, size_t cap, size_t *needed,
                                 ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, ecskp_endpoint_name(endpoint) != NULL,
                                   "endpoint", "the endpoint is not public, vpc or central", diag));
    if (explicit_host != NULL && explicit_host[0] != '\0') {
        ECSKP_GUARD(check_host(explicit_host, diag));
        ecskp__puts(&w, explicit_host);
    } else if (endpoint == ECSKP_ENDPOINT_CENTRAL) {
        ecskp__puts(&w, "ecs.aliyuncs.com");
    } else {
        if (region_id == NULL || region_id[0] == '\0')
            return ecskp__refuse(diag, ECSKP_ERR_MISSING_PARAMETER, "RegionId",
                                 "the host of a regional endpoint needs the RegionId");
        ECSKP_GUARD(check_region(region_id, diag));
        ecskp__puts(&w, endpoint == ECSKP_ENDPOINT_VPC ? "ecs-vpc." : "ecs.");
        ecskp__puts(&w, region_id);
        ecskp__puts(&w, ".aliyuncs.com");
    }
    return ecskp__writer_report(&w, needed, diag, "the host");
}

/* ---------------------------------------------------------------- wait hints */

#define MAX_HINT_MS 86400000u

/* Decimal digits with optional spaces around them, at most MAX_HINT_MS; else 0 (absent). */
static uint64_t hint_number(const char *s, size_t n) {
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || n > 9)
            return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    return v <= MAX_HINT_MS ? v : 0;
}

/* The TimeLeft member of `Limit:1,Remain:0,TimeLeft:2000,Reset:1234`, or 0. */
static uint64_t time_left(const char *h) {
    static const char key[] = "TimeLeft:";
    for (const char *p = h; p != NULL && *p != '\0';) {
        while (*p == ' ')
            p++;
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        if (n > sizeof key - 1 && memcmp(p, key, sizeof key - 1) == 0)
            return hint_number(p + sizeof key - 1, n - (sizeof key - 1));
        p = end != NULL ? end + 1 : NULL;
    }
    return 0;
}

ecskp_status ecskp_wait_hint(const ecskp_reply_headers *headers, uint64_t *wait_ms,
                             ecskp_diag *diag) {
    if (wait_ms != NULL)
        *wait_ms = 0;
    if (headers == NULL || wait_ms == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "headers or wait_ms is NULL");
    uint64_t v = headers->retry_after != NULL
                     ? hint_number(headers->retry_after, strlen(headers->retry_after))
                     : 0;
    uint64_t a = time_left(headers->ratelimit_user_api), b = time_left(headers->ratelimit_user);
    v = a > v ? a : v;
    *wait_ms = b > v ? b : v;
    return ecskp__ok(diag);
}

/* ---------------------------------------------------------------- advice */

static const char *const retry_names[] = {NULL, "no", "backoff", "throttled"};

const char *ecskp_retry_name(ecskp_retry retry) {
    return ecskp__enum_name(retry_names, ECSKP__COUNT(retry_names), (int)retry);
}

static int is_throttling_code(const char *code) {
    return strncmp(code, "Throttling", 10) == 0 || strcmp(code, "Rejected.Throttling") == 0;
}

static int is_transient_code(const char *code) {
    return strncmp(code, "ServiceUnavailable", 18) == 0 || strcmp(code, "InternalError") == 0 ||
           strcmp(code, "UnknownError") == 0;
}

static int is_transient_status(int http) {
    return http == 500 || http == 502 || http == 503 || http == 504;
}

/* Fills `a` for a code (possibly "") and an HTTP status (possibly 0). */
static void advise(ecskp_advice *a, const char *code, int http, const char *subject) {
    int unused = 0;
    a->category = ecskp_error_classify(code[0] != '\0' ? code : NULL, http, &unused);
    if ((code[0] != '\0' && is_throttling_code(code)) || http == 429) {
        a->retry = ECSKP_RETRY_THROTTLED;
        a->category = ECSKP_CATEGORY_THROTTLING;
        a->backoff_base_ms = ECSKP_BACKOFF_THROTTLED_BASE_MS;
    } else if ((code[0] != '\0' && is_transient_code(code)) || is_transient_status(http)) {
        a->retry = ECSKP_RETRY_BACKOFF;
        a->category = ECSKP_CATEGORY_SERVER;
        a->backoff_base_ms = ECSKP_BACKOFF_BASE_MS;
    } else {
        a->retry = ECSKP_RETRY_NO;
    }
    (void)snprintf(a->reason, sizeof a->reason, "%s: %s (%s)", subject,
                   a->retry == ECSKP_RETRY_NO          ? "retrying cannot help"
                   : a->retry == ECSKP_RETRY_THROTTLED ? "throttled, retry after a longer backoff"
                                                       : "transient, retry after a backoff",
                   ecskp_category_name(a->category));
}

ecskp_status ecskp_reply_advice(ecskp_status decode_status, const ecskp_response *response,
                                int http_status, const ecskp_reply_headers *headers,
                                ecskp_advice *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (out == NULL || (decode_status == ECSKP_OK && response == NULL))
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL,
                             "out is NULL, or a decoded reply without its response");
    if (decode_status == ECSKP_OK && response->kind == ECSKP_RESPONSE_SUCCESS) {
        out->retry = ECSKP_RETRY_NO;
        (void)snprintf(out->code, sizeof out->code, "200");
        (void)snprintf(out->reason, sizeof out->reason,
                       "the operation answered; judge each failed instance on its own");
        return ecskp__ok(diag);
    }
    if (decode_status == ECSKP_OK) {
        (void)snprintf(out->code, sizeof out->code, "%s", response->error->code);
        int http = http_status != 0 ? http_status : response->error->http_status;
        advise(out, out->code, http, "API error");
    } else {
        if (http_status != 0)
            (void)snprintf(out->code, sizeof out->code, "HTTP %d", http_status);
        else
            (void)snprintf(out->code, sizeof out->code, "%s", ecskp_status_name(decode_status));
        advise(out, "", http_status, "a reply that is not an API body");
    }
    if (headers != NULL && out->retry != ECSKP_RETRY_NO)
        ECSKP_GUARD(ecskp_wait_hint(headers, &out->wait_ms, diag));
    return ecskp__ok(diag);
}

ecskp_status ecskp_result_advice(const ecskp_instance_result *result, ecskp_advice *out,
                                 ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (result == NULL || out == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "result or out is NULL");
    const char *code = result->code != NULL ? result->code : "";
    (void)snprintf(out->code, sizeof out->code, "%s", code);
    if (result->success) {
        out->retry = ECSKP_RETRY_NO;
        (void)snprintf(out->reason, sizeof out->reason, "the instance succeeded");
    } else {
        advise(out, code, 0, code[0] != '\0' ? "the instance failed" : "failed without a Code");
    }
    return ecskp__ok(diag);
}

uint64_t ecskp_backoff_ms(unsigned attempt, uint64_t base_ms, uint64_t cap_ms, uint64_t random) {
    if (base_ms == 0)
        base_ms = ECSKP_BACKOFF_BASE_MS;
    if (cap_ms == 0)
        cap_ms = ECSKP_BACKOFF_CAP_MS;
    uint64_t t = base_ms;
    for (unsigned i = 0; i < attempt && t < cap_ms; i++)
        t = t > UINT64_MAX / 2 ? UINT64_MAX : t * 2;
    if (t > cap_ms)
        t = cap_ms;
    return t / 2 + random % (t / 2 + 1);
}

/* ---------------------------------------------------------------- what was sent */

static const char *const sent_names[] = {
    NULL, "same", "trailing_newline", "plus_as_space", "not_encoded", "different"};

const char *ecskp_sent_verdict_name(ecskp_sent_verdict verdict) {
    return ecskp__enum_name(sent_names, ECSKP__COUNT(sent_names), (int)verdict);
}

/* The text that must arrive: V1 GET the query, V1 POST the body, V3 the Authorization. */
static const char *expected_text(const ecskp_signed *s) {
    if (s->signature == ECSKP_SIGNATURE_V3)
        return s->header_count > 0 ? s->headers[s->header_count - 1].value : "";
    return s->method == ECSKP_METHOD_GET ? s->query : s->body;
}

/* `sent` equals prefix + tail, where tail is `raw` with each '+' written as `plus`. */
static int equals_altered(const char *sent, size_t n, const char *prefix, size_t prefix_len,
                          const char *raw, const char *plus) {
    if (n < prefix_len || memcmp(sent, prefix, prefix_len) != 0)
        return 0;
    size_t i = prefix_len, plus_len = strlen(plus);
    for (const char *r = raw; *r != '\0'; r++) {
        const char *want = *r == '+' ? plus : r;
        size_t len = *r == '+' ? plus_len : 1;
        if (n - i < len || memcmp(sent + i, want, len) != 0)
            return 0;
        i += len;
    }
    return i == n;
}

static ecskp_sent_verdict judge(const ecskp_signed *s, const char *exp, size_t exp_len,
                                const char *sent, size_t n, size_t *offset) {
    if (n == exp_len && memcmp(sent, exp, n) == 0)
        return ECSKP_SENT_SAME;
    size_t k = n;
    while (k > exp_len && (sent[k - 1] == '\n' || sent[k - 1] == '\r'))
        k--;
    if (k == exp_len && k < n && memcmp(sent, exp, k) == 0)
        return ECSKP_SENT_TRAILING_NEWLINE;
    /* Signature 1.0: the text ends with the percent-encoded signature; try it sent raw. */
    char enc[96];
    size_t enc_needed = 0;
    const char *sig = s->signature_value;
    if (s->signature == ECSKP_SIGNATURE_V1 &&
        ecskp_percent_encode(sig, strlen(sig), enc, sizeof enc, &enc_needed, NULL) == ECSKP_OK &&
        enc_needed - 1 <= exp_len) {
        size_t prefix = exp_len - (enc_needed - 1);
        if (equals_altered(sent, n, exp, prefix, sig, "+") ||
            equals_altered(sent, n, exp, prefix, sig, " ") ||
            equals_altered(sent, n, exp, prefix, sig, "%20"))
            return strchr(sig, '+') != NULL ? ECSKP_SENT_PLUS_AS_SPACE : ECSKP_SENT_NOT_ENCODED;
    }
    size_t i = 0;
    while (i < n && i < exp_len && sent[i] == exp[i])
        i++;
    *offset = i;
    return ECSKP_SENT_DIFFERENT;
}

ecskp_status ecskp_sent_check(const ecskp_signed *signed_request, const char *sent, size_t sent_len,
                              ecskp_sent_report *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (signed_request == NULL || out == NULL || (sent == NULL && sent_len > 0) ||
        expected_text(signed_request) == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL,
                             "signed_request or out is NULL, or sent is NULL with a length");
    const char *exp = expected_text(signed_request);
    out->verdict =
        judge(signed_request, exp, strlen(exp), sent != NULL ? sent : "", sent_len, &out->offset);
    static const char *const why[] = {
        NULL,
        "what was sent is what was signed: if the server still disagrees, the AccessKeySecret "
        "is wrong",
        "a line break was added at the end (a pipe or an editor): send the text exactly, "
        "e.g. jq -j or ecskp sign --raw",
        "the signature was sent without percent-encoding, so its '+' reads as a space: "
        "percent-encode it (+ is %2B)",
        "the signature was sent without percent-encoding",
        "the text sent differs from the signed one; compare at the offset",
    };
    (void)snprintf(out->explanation, sizeof out->explanation, "%s", why[out->verdict]);
    return ecskp__ok(diag);
}
