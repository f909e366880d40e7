/* SPDX-License-Identifier: MIT */
/*
 * ecskp/errors.h - what the API's error codes mean: the table of documented codes, their
 * categories and retry advice, and the SignatureDoesNotMatch diagnosis.
 *
 * Thread-safety: everything here is pure (static tables, no allocation).
 */
#ifndef ECSKP_ERRORS_H
#define ECSKP_ERRORS_H

#include <stddef.h>

#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ecskp_error_category {
    ECSKP_CATEGORY_UNKNOWN = 0, /* "unknown": not in the table and no status to go by */
    ECSKP_CATEGORY_BAD_REQUEST, /* "bad_request": fix the request; retrying cannot help */
    ECSKP_CATEGORY_AUTH,        /* "auth": credentials, signature, permission */
    ECSKP_CATEGORY_NOT_FOUND,   /* "not_found": region, key pair, instance, API */
    ECSKP_CATEGORY_THROTTLING,  /* "throttling": slow down and retry */
    ECSKP_CATEGORY_CONFLICT,    /* "conflict": another operation is in progress */
    ECSKP_CATEGORY_SERVER       /* "server": the service failed */
} ecskp_error_category;

/* One documented error code. Library-owned, read through pointers only (see "ABI" in
 * ecskp/ecskp.h). */
typedef struct ecskp_error_info {
    const char *code;                /* e.g. "InvalidKeyPairName.NotFound" */
    unsigned short http_statuses[3]; /* documented statuses, 0-terminated (pages disagree) */
    ecskp_error_category category;
    int retryable;          /* 1 when the official SDKs retry it */
    int operation_specific; /* 1 for AttachKeyPair/DetachKeyPair codes */
    const char *meaning;    /* one line of English */
} ecskp_error_info;

/* The entry for `code` (exact, case-sensitive), or NULL when the code is not documented. */
ECSKP_API const ecskp_error_info *ecskp_error_lookup(const char *code);

/* The whole table, in a stable order: ecskp_error_at(i) is the i-th entry (from 0), NULL past
 * the last one. (An index, not an array, so that ecskp_error_info may gain members at its end
 * in a minor release.) */
ECSKP_API const ecskp_error_info *ecskp_error_at(size_t i);

/* "bad_request", "auth", "not_found", "throttling", "conflict", "server" or "unknown". */
ECSKP_API const char *ecskp_category_name(ecskp_error_category category);

/*
 * Category and retry advice for any code, documented or not, with the HTTP status when known
 * (0 = unknown). Documented codes use the table; an unknown code falls back to its prefix
 * (`Throttling*` is throttling and retryable, `ServiceUnavailable*` server and retryable,
 * `*.NotFound` not_found, `Forbidden*` auth, `InvalidParameter*`/`MissingParameter*`
 * bad_request) and then to the status (400 bad_request, 401/403 auth, 404 not_found,
 * 409 conflict, 429 throttling, 5xx server; 500/502/503/504 retryable).
 * *retryable (when not NULL) receives 1 or 0.
 *
 * Details: a documented code keeps its table category whatever the status, but the status
 * rule for retrying still applies (the SDKs retry 500/502/503/504 whatever the code). 429 is
 * throttling but not retryable, as the SDKs do not retry it by status. A status the list above
 * does not name (e.g. 405, 200, 0) gives unknown. NULL and "" are unknown codes. Prefix
 * matching is case-sensitive, like lookup.
 */
ECSKP_API ecskp_error_category ecskp_error_classify(const char *code, int http_status,
                                                    int *retryable);

/* The outcome of comparing the server's StringToSign with the client's. */
typedef enum ecskp_sts_verdict {
    ECSKP_STS_NOT_PRESENT = 0, /* the message carries no "server string to sign is:" */
    ECSKP_STS_SAME,     /* same string: the canonicalization agrees; the secret is wrong, or the
                           Signature was altered on the way (ecskp_sent_check in ecskp/call.h) */
    ECSKP_STS_DIFFERENT /* the strings differ at `offset` */
} ecskp_sts_verdict;

#define ECSKP_STS_CONTEXT 24 /* bytes of context kept on each side of the first difference */

/* Caller-allocated: frozen for soname 1. */
typedef struct ecskp_sts_comparison {
    ecskp_sts_verdict verdict;
    const char *server_sts; /* points into the message; not NUL-terminated */
    size_t server_sts_len;
    size_t offset; /* first differing byte (DIFFERENT), else 0 */
    /* NUL-terminated excerpts around `offset` (up to ECSKP_STS_CONTEXT bytes before and after) */
    char server_excerpt[2 * ECSKP_STS_CONTEXT + 1];
    char client_excerpt[2 * ECSKP_STS_CONTEXT + 1];
    char explanation[160]; /* one line of English for humans */
} ecskp_sts_comparison;

/*
 * Diagnoses a SignatureDoesNotMatch or IncompleteSignature message: finds the server's
 * StringToSign after "server string to sign is:" (trimmed of surrounding white space) and
 * compares it byte by byte with the client's. Errors: invalid_argument (out NULL, or message
 * or client_sts NULL with a length; NULL with length 0 is the empty string).
 * A message without the marker gives ECSKP_OK with verdict ECSKP_STS_NOT_PRESENT.
 *
 * Details: the message need not be NUL-terminated; nothing at or past message_len is read.
 * The marker is matched ignoring ASCII case, and its first occurrence counts. White space is
 * space, tab, CR, LF, VT and FF; the client's StringToSign is compared as given, untrimmed.
 * A marker followed only by white space gives an empty server StringToSign, which is compared
 * like any other. When one string is a prefix of the other, offset is the shorter length.
 * Excerpts replace bytes outside printable ASCII with '?'. *out is zeroed first whenever it is
 * not NULL, so server_sts is NULL and the excerpts empty unless the verdict says otherwise.
 * Nothing is allocated.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_sts_compare(const char *message, size_t message_len,
                                                         const char *client_sts,
                                                         size_t client_sts_len,
                                                         ecskp_sts_comparison *out,
                                                         ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_ERRORS_H */
