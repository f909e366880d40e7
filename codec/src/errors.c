/* SPDX-License-Identifier: MIT */
/*
 * errors.c - the table of documented error codes, their classification, and the
 * SignatureDoesNotMatch diagnosis (server StringToSign against the client's).
 *
 * Sources: the AttachKeyPair and DetachKeyPair API references (operation-specific codes:
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair),
 * the ECS error center (common ECS codes:
 * https://error-center.alibabacloud.com/status/product/Ecs), API error diagnosis (the error body:
 * https://www.alibabacloud.com/help/en/openapi/user-guide/api-error-diagnosis) and, for the SDKs'
 * retry rules, ecskp's decision as codec/include/ecskp/errors.h records it (ecskp_error_classify).
 *
 * Category decisions worth knowing:
 * - The category says what the caller has to fix, not which status the server used. So
 *   DependencyViolation.WindowsInstance (403) and UnsupportedHTTPMethod (403) are bad_request:
 *   no credential or permission change helps, the request has to change.
 * - Everything the signer produces or checks is auth: the signature itself, the signature
 *   method, the nonce and the timestamp. IllegalTimestamp, InvalidTimeStamp.Format and
 *   InvalidTimeStamp.Expired are auth: the Timestamp is a signed replay-protection parameter
 *   that the gateway checks while authenticating, and the fix is in the signer or the clock
 *   (Expired means clock skew), never in the operation's own parameters.
 * - InvalidAccessKeyId.NotFound and InvalidAccount.NotFound are auth, not not_found: the
 *   missing thing is the caller's identity, not a resource the request names.
 * - UnknownError is documented with status 400 but means the service could not say what went
 *   wrong; the SDKs retry it, so it is server.
 * - MissingParameter is in both the operation's list and the common list; it has one entry,
 *   flagged operation-specific because the operation's own page documents it.
 * - retryable follows the official SDKs only: Throttling*, InternalError, UnknownError,
 *   ServiceUnavailable*. AttachKeyPair/DetachKeyPair are not idempotent, so OperationConflict
 *   and everything else is not retried automatically.
 */
#include <stdio.h>
#include <string.h>

#include "ecskp/errors.h"
#include "internal.h"

/* Sorted by code in byte order (strcmp), which ecskp_error_lookup's binary search relies on. */
static const ecskp_error_info error_table[] = {
    {"DependencyViolation.IoOptimize",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1,
     "an instance in InstanceIds is not I/O optimized and cannot take a key pair"},
    {"DependencyViolation.WindowsInstance",
     {403, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1,
     "key pairs cannot be attached to or detached from Windows instances"},
    {"Forbidden.AccessKeyDisabled",
     {403, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the AccessKey exists but has been disabled"},
    {"Forbidden.RAM",
     {403, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the RAM user or role lacks the permission for this action"},
    {"Forbidden.Unauthorized",
     {403, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the caller is not authorized to perform this operation"},
    {"IdempotentParameterMismatch",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     0,
     "a ClientToken was reused with different request parameters"},
    {"IllegalTimestamp",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the Timestamp is not a valid UTC yyyy-MM-ddTHH:mm:ssZ time"},
    {"IncompleteSignature",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the signature is missing or incomplete for the request that was sent"},
    {"InstanceKeyPairLimitExceeded",
     {403, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1,
     "the specified instances are beyond the permitted range"},
    {"InternalError",
     {500, 0, 0},
     ECSKP_CATEGORY_SERVER,
     1,
     0,
     "the service hit an internal error; retry later"},
    {"InvalidAccessKeyId.NotFound",
     {400, 404, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the AccessKeyId does not exist"},
    {"InvalidAccount.NotFound",
     {403, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the account behind the credentials does not exist or is not active"},
    {"InvalidApi.NotFound",
     {404, 0, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     0,
     "the Action is not an API of this product and version"},
    {"InvalidInstanceId.NotFound",
     {404, 0, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     0,
     "an instance ID does not exist in the region"},
    {"InvalidInstanceIds.ValueNotSupported",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1,
     "the InstanceIds value is not a valid list of instance IDs"},
    {"InvalidKeyPairName.NotFound",
     {404, 400, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     1,
     "no key pair with this KeyPairName exists in the region"},
    {"InvalidParameter",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     0,
     "a parameter value is not valid"},
    {"InvalidParameter.Format",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     0,
     "a parameter value is not in the expected format"},
    {"InvalidRegionId.NotFound",
     {404, 0, 0},
     ECSKP_CATEGORY_NOT_FOUND,
     0,
     1,
     "the RegionId does not name an existing region"},
    {"InvalidSignatureMethod",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the SignatureMethod is not one the service supports (use HMAC-SHA1)"},
    {"InvalidTimeStamp.Expired",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the Timestamp is too far from the server's clock (clock skew)"},
    {"InvalidTimeStamp.Format",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the Timestamp is not in the yyyy-MM-ddTHH:mm:ssZ format"},
    {"MissingParameter",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     1,
     "a required parameter (such as RegionId) was not supplied"},
    {"OperationConflict",
     {409, 0, 0},
     ECSKP_CATEGORY_CONFLICT,
     0,
     0,
     "another operation on the same resource is still in progress"},
    {"ServiceUnavailable",
     {503, 0, 0},
     ECSKP_CATEGORY_SERVER,
     1,
     0,
     "the service is temporarily unavailable; retry later"},
    {"SignatureDoesNotMatch",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the signature does not match the one the server computed"},
    {"SignatureNonceUsed",
     {400, 0, 0},
     ECSKP_CATEGORY_AUTH,
     0,
     0,
     "the SignatureNonce was already used; every request needs a fresh one"},
    {"Throttling",
     {400, 0, 0},
     ECSKP_CATEGORY_THROTTLING,
     1,
     0,
     "the request was throttled; slow down and retry"},
    {"Throttling.User",
     {400, 0, 0},
     ECSKP_CATEGORY_THROTTLING,
     1,
     0,
     "the caller exceeded its request quota; slow down and retry"},
    {"UnknownError",
     {400, 0, 0},
     ECSKP_CATEGORY_SERVER,
     1,
     0,
     "the service failed without saying why; retry later"},
    {"UnsupportedHTTPMethod",
     {403, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     0,
     "the HTTP method is not supported (use GET or POST)"},
    {"UnsupportedParameter",
     {400, 0, 0},
     ECSKP_CATEGORY_BAD_REQUEST,
     0,
     0,
     "the request carries a parameter the API does not accept"},
};

#define ERROR_TABLE_LEN (sizeof error_table / sizeof error_table[0])

const ecskp_error_info *ecskp_error_lookup(const char *code) {
    if (code == NULL)
        return NULL;
    size_t lo = 0;
    size_t hi = ERROR_TABLE_LEN;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(code, error_table[mid].code);
        if (c == 0)
            return &error_table[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const ecskp_error_info *ecskp_error_at(size_t i) {
    return i < ERROR_TABLE_LEN ? &error_table[i] : NULL;
}

static const char *const category_names[] = {"unknown",    "bad_request", "auth",  "not_found",
                                             "throttling", "conflict",    "server"};

const char *ecskp_category_name(ecskp_error_category category) {
    const char *n = ecskp__enum_name(category_names, ECSKP__COUNT(category_names), (int)category);
    return n != NULL ? n : "unknown";
}

static int starts_with(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && memcmp(s + (n - m), suffix, m) == 0;
}

/* The SDKs retry these statuses whatever the code says. */
static int status_is_retryable(int http_status) {
    return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

/*
 * 429 is throttling but not retryable: the SDKs' status rule lists only 500/502/503/504, and
 * a throttled answer from this API normally carries a Throttling* code, which is retried.
 * Statuses the header does not name (other 4xx, 1xx-3xx, 0) give unknown.
 */
static ecskp_error_category category_from_status(int http_status) {
    if (http_status == 400)
        return ECSKP_CATEGORY_BAD_REQUEST;
    if (http_status == 401 || http_status == 403)
        return ECSKP_CATEGORY_AUTH;
    if (http_status == 404)
        return ECSKP_CATEGORY_NOT_FOUND;
    if (http_status == 409)
        return ECSKP_CATEGORY_CONFLICT;
    if (http_status == 429)
        return ECSKP_CATEGORY_THROTTLING;
    if (http_status >= 500 && http_status <= 599)
        return ECSKP_CATEGORY_SERVER;
    return ECSKP_CATEGORY_UNKNOWN;
}

ecskp_error_category ecskp_error_classify(const char *code, int http_status, int *retryable) {
    ecskp_error_category category;
    int retry = status_is_retryable(http_status);
    const ecskp_error_info *info = ecskp_error_lookup(code);

    if (info != NULL) {
        category = info->category;
        retry = retry || info->retryable;
    } else if (code != NULL && starts_with(code, "Throttling")) {
        category = ECSKP_CATEGORY_THROTTLING;
        retry = 1;
    } else if (code != NULL && starts_with(code, "ServiceUnavailable")) {
        category = ECSKP_CATEGORY_SERVER;
        retry = 1;
    } else if (code != NULL && ends_with(code, ".NotFound")) {
        category = ECSKP_CATEGORY_NOT_FOUND;
    } else if (code != NULL && starts_with(code, "Forbidden")) {
        category = ECSKP_CATEGORY_AUTH;
    } else if (code != NULL &&
               (starts_with(code, "InvalidParameter") || starts_with(code, "MissingParameter"))) {
        category = ECSKP_CATEGORY_BAD_REQUEST;
    } else {
        category = category_from_status(http_status);
    }

    if (retryable != NULL)
        *retryable = retry ? 1 : 0;
    return category;
}

/* ------------------------------------------------------------------------------------------ */
/* StringToSign comparison                                                                    */

static const char sts_marker[] = "server string to sign is:";
#define STS_MARKER_LEN (sizeof sts_marker - 1)

static unsigned char ascii_lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Offset just past the first case-insensitive (ASCII) occurrence of the marker in
 * message[0..len), or 0 when there is none (0 can never be a valid answer since the marker is
 * not empty). Reads nothing at or beyond len.
 */
static size_t find_marker_end(const char *message, size_t len) {
    if (len < STS_MARKER_LEN)
        return 0;
    for (size_t i = 0; i <= len - STS_MARKER_LEN; i++) {
        size_t j = 0;
        while (j < STS_MARKER_LEN &&
               ascii_lower((unsigned char)message[i + j]) == (unsigned char)sts_marker[j])
            j++;
        if (j == STS_MARKER_LEN)
            return i + STS_MARKER_LEN;
    }
    return 0;
}

/*
 * Copies up to ECSKP_STS_CONTEXT bytes before `offset` and up to ECSKP_STS_CONTEXT bytes from
 * `offset` on into dst (2 * ECSKP_STS_CONTEXT + 1 bytes), NUL-terminated. Bytes outside
 * printable ASCII become '?' so the excerpt is one safe line of text.
 */
static void copy_excerpt(char *dst, const char *s, size_t len, size_t offset) {
    size_t start = offset > ECSKP_STS_CONTEXT ? offset - ECSKP_STS_CONTEXT : 0;
    size_t end = len - offset > ECSKP_STS_CONTEXT ? offset + ECSKP_STS_CONTEXT : len;
    size_t n = 0;
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    dst[n] = '\0';
}

/* A byte for the explanation: 'c' when printable, else 0xNN. */
static void describe_byte(char *dst, size_t cap, unsigned char c) {
    if (c >= 0x20 && c < 0x7f && c != '\'')
        (void)snprintf(dst, cap, "'%c'", (char)c);
    else
        (void)snprintf(dst, cap, "0x%02X", (unsigned)c);
}

static void explain_difference(ecskp_sts_comparison *out, const char *client, size_t client_len) {
    const char *server = out->server_sts;
    size_t server_len = out->server_sts_len;
    size_t off = out->offset;

    if (off == server_len || off == client_len) { /* one is a prefix of the other */
        int server_ended = off == server_len;
        (void)snprintf(out->explanation, sizeof out->explanation,
                       "StringToSign differs at byte %zu: the %s ends there, the %s has %zu "
                       "more bytes",
                       off, server_ended ? "server's" : "client's",
                       server_ended ? "client's" : "server's",
                       (server_ended ? client_len : server_len) - off);
        return;
    }

    unsigned char s = (unsigned char)server[off];
    unsigned char c = (unsigned char)client[off];
    char sb[8];
    char cb[8];
    describe_byte(sb, sizeof sb, s);
    describe_byte(cb, sizeof cb, c);

    const char *hint = "the canonicalization differs";
    if (c == '&' && server_len - off >= 3 && memcmp(server + off, "%26", 3) == 0)
        hint = "the client did not percent-encode the query ('&' must be %26)";
    else if (ascii_lower(s) == ascii_lower(c))
        hint = "letter case differs (e.g. TimeStamp for Timestamp)";

    (void)snprintf(out->explanation, sizeof out->explanation,
                   "StringToSign differs at byte %zu: server has %s, client has %s; %s", off, sb,
                   cb, hint);
}

ecskp_status ecskp_sts_compare(const char *message, size_t message_len, const char *client_sts,
                               size_t client_sts_len, ecskp_sts_comparison *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (out == NULL || (message == NULL && message_len > 0) ||
        (client_sts == NULL && client_sts_len > 0))
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL,
                             "out is NULL, or message or client_sts is NULL with a length");
    if (message == NULL)
        message = "";
    if (client_sts == NULL)
        client_sts = "";

    size_t begin = find_marker_end(message, message_len);
    if (begin == 0) {
        out->verdict = ECSKP_STS_NOT_PRESENT;
        (void)snprintf(out->explanation, sizeof out->explanation,
                       "the message carries no \"%s\"; nothing to compare", sts_marker);
        return ecskp__ok(diag);
    }

    size_t end = message_len;
    while (begin < end && is_space((unsigned char)message[begin]))
        begin++;
    while (end > begin && is_space((unsigned char)message[end - 1]))
        end--;
    out->server_sts = message + begin;
    out->server_sts_len = end - begin;

    size_t common = out->server_sts_len < client_sts_len ? out->server_sts_len : client_sts_len;
    size_t off = 0;
    while (off < common && out->server_sts[off] == client_sts[off])
        off++;

    if (off == common && out->server_sts_len == client_sts_len) {
        out->verdict = ECSKP_STS_SAME;
        (void)snprintf(out->explanation, sizeof out->explanation,
                       "server and client StringToSign are identical: the AccessKeySecret is "
                       "wrong, or the Signature was altered on the way (see ecskp_sent_check)");
        return ecskp__ok(diag);
    }

    out->verdict = ECSKP_STS_DIFFERENT;
    out->offset = off;
    copy_excerpt(out->server_excerpt, out->server_sts, out->server_sts_len, off);
    copy_excerpt(out->client_excerpt, client_sts, client_sts_len, off);
    explain_difference(out, client_sts, client_sts_len);
    return ecskp__ok(diag);
}
