/* SPDX-License-Identifier: MIT */
/*
 * ecskp/call.h - what a whole call needs around the codec, as the official SDKs and tools do
 * it: the endpoint, splitting a long instance list into requests, retry
 * advice for a reply and for each failed instance, the servers' wait hints, backoff, and the
 * check of what was actually sent when the signature does not match.
 *
 * Sources: the AttachKeyPair and DetachKeyPair API references
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair,
 * https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-detachkeypair)
 * for the limit of 50 IDs a request and the error codes; aliyun-cli
 * (https://github.com/aliyun/aliyun-cli) for the x-acs-retry-after hint; the Python and Java V1 SDK
 * cores (https://github.com/aliyun/aliyun-openapi-python-sdk,
 * https://github.com/aliyun/aliyun-openapi-java-sdk) for the throttling and transient codes and
 * the equal-jitter backoff. Where they leave a choice, this header records ecskp's.
 *
 * Nothing here does I/O, reads the clock or draws random numbers: the caller sends, sleeps and
 * supplies the randomness. Everything is reentrant and reads only its arguments; nothing
 * allocates except ecskp_ids_check_list() (through its allocator).
 */
#ifndef ECSKP_CALL_H
#define ECSKP_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "ecskp/alloc.h"
#include "ecskp/decode.h"
#include "ecskp/encode.h"
#include "ecskp/errors.h"
#include "ecskp/sign.h"
#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- the endpoint */

/* Which host answers. Zero is unset, which means public. */
typedef enum ecskp_endpoint {
    ECSKP_ENDPOINT_UNSET = 0,
    ECSKP_ENDPOINT_PUBLIC = 1, /* ecs.<region>.aliyuncs.com */
    ECSKP_ENDPOINT_VPC = 2,    /* ecs-vpc.<region>.aliyuncs.com, from inside a VPC */
    ECSKP_ENDPOINT_CENTRAL = 3 /* ecs.aliyuncs.com, whatever the region */
} ecskp_endpoint;

/* "public" / "vpc" / "central" ("public" for unset), or NULL for any other value. */
ECSKP_API const char *ecskp_endpoint_name(ecskp_endpoint endpoint);
/* "public", "vpc" or "central" (exact). Errors: invalid_argument (diag.field "endpoint"). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_endpoint_parse(const char *name, ecskp_endpoint *out,
                                                            ecskp_diag *diag);

/* A host name of at most 255 bytes, plus NUL. */
#define ECSKP_HOST_SIZE 256

/*
 * The host to send a request for `region_id` to, by the published rule: an explicit host
 * (`explicit_host` not NULL or "") always wins and is returned as given; else `endpoint`
 * decides (central needs no region). The region is not looked up in a list (lists go stale);
 * it must look like one: 1 to 63 bytes of a-z, 0-9 and '-', not starting or ending with '-'.
 * An explicit host is a host name or address with an optional port: printable ASCII without
 * space, '/', '?', '#', '@' or '\', at most 255 bytes (a URL is the caller's to take apart).
 *
 * Errors: invalid_argument (bad endpoint value), missing_parameter (RegionId, when the rule
 * needs one), invalid_parameter_value (diag.field "RegionId" or "host", diag.offset the
 * byte), value_too_long ("host"), buffer_too_small. ECSKP_HOST_SIZE always suffices.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_endpoint_host(const char *region_id,
                                                           ecskp_endpoint endpoint,
                                                           const char *explicit_host, char *buf,
                                                           size_t cap, size_t *needed,
                                                           ecskp_diag *diag);

/* ---------------------------------------------------------------- batches */

/* The longest list ecskp_ids_check_list() takes (ids_too_many beyond it). */
#define ECSKP_MAX_LIST_IDS 100000
/* The number of requests `count` IDs take: request k carries ids[k * 50] up to 50 of them,
 * the last one the rest (120 IDs: 50, 50, 20). */
#define ECSKP_BATCH_COUNT(count)                                                                   \
    (((size_t)(count) + ECSKP_MAX_INSTANCE_IDS - 1) / ECSKP_MAX_INSTANCE_IDS)

/*
 * Checks a whole instance list before it is split into requests: every ID as
 * ecskp_ids_build() checks it (with `flags`), and no ID twice anywhere in the list. The
 * policy for a duplicate is to refuse the list (ids_duplicate, diag.index = the later
 * occurrence, in the whole list), never to drop it silently: a detach of the same instance in
 * two batches would fail the second time, and a repeated ID is almost always a mistake in
 * the list. Cost: O(n log n) (a merge sort); `alloc` (NULL = malloc) serves its one block of
 * 48 bytes an ID, freed before returning; nothing else is allocated.
 *
 * Errors: invalid_argument (ids NULL with a count, unknown flags), ids_empty, ids_too_many
 * (more than ECSKP_MAX_LIST_IDS; diag.index = count), ids_invalid_element (diag.index),
 * ids_duplicate (diag.index), out_of_memory.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_ids_check_list(const char *const *ids, size_t count,
                                                            unsigned flags,
                                                            const ecskp_allocator *alloc,
                                                            ecskp_diag *diag);

/* ---------------------------------------------------------------- retry advice */

/* What to do next. Zero is unset (never returned). */
typedef enum ecskp_retry {
    ECSKP_RETRY_UNSET = 0,
    ECSKP_RETRY_NO = 1,       /* retrying cannot help: fix the request, the account or the data */
    ECSKP_RETRY_BACKOFF = 2,  /* transient: retry after a backoff (and the server's hint) */
    ECSKP_RETRY_THROTTLED = 3 /* throttled: retry after a longer backoff (and the hint) */
} ecskp_retry;

/* "no" / "backoff" / "throttled", or NULL for any other value. */
ECSKP_API const char *ecskp_retry_name(ecskp_retry retry);

/* Backoff defaults of the official SDKs' equal-jitter policy, in milliseconds. */
#define ECSKP_BACKOFF_BASE_MS 100
#define ECSKP_BACKOFF_THROTTLED_BASE_MS 500
#define ECSKP_BACKOFF_CAP_MS 20000
/* Attempts the command makes by default, the first one included. */
#define ECSKP_DEFAULT_ATTEMPTS 5

/* Advice on one reply or one failed instance. Caller-allocated: frozen for soname 1. */
typedef struct ecskp_advice {
    ecskp_retry retry;
    ecskp_error_category category;
    /* What the advice is about: the API error code, a failed instance's Code, or, for a
     * reply that is not an API body, "HTTP <status>" or the decode status name. */
    char code[64];
    /* The server's wait hint in milliseconds (ecskp_wait_hint), 0 when none: wait at least
     * this long before retrying, whatever the backoff says. */
    uint64_t wait_ms;
    /* ECSKP_BACKOFF_BASE_MS or ECSKP_BACKOFF_THROTTLED_BASE_MS when retry says retry, else 0. */
    uint64_t backoff_base_ms;
    char reason[160]; /* one line of English for people */
} ecskp_advice;

/* The HTTP headers of a reply that carry wait hints; each NULL when absent. */
typedef struct ecskp_reply_headers {
    const char *retry_after;        /* x-acs-retry-after: milliseconds */
    const char *ratelimit_user_api; /* x-ratelimit-user-api: Limit:1,Remain:0,TimeLeft:2000,... */
    const char *ratelimit_user;     /* x-ratelimit-user: the same form */
} ecskp_reply_headers;

/*
 * The server's wait hint: the largest of x-acs-retry-after (a decimal number of
 * milliseconds) and the TimeLeft member (milliseconds) of either x-ratelimit header, 0 when
 * none is present. Values are decimal digits (surrounding spaces allowed), at most 86,400,000
 * (a day); anything else is ignored as absent, since a hint is advice, never a reason to
 * fail. Never fails for a readable argument: errors are invalid_argument (headers or wait_ms
 * NULL).
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_wait_hint(const ecskp_reply_headers *headers,
                                                       uint64_t *wait_ms, ecskp_diag *diag);

/*
 * Advice for a whole reply, from what decoding it gave:
 *   - decode_status ECSKP_OK with an API error: by its code and HTTP status, as
 *     ecskp_error_classify() does, and then: the throttling codes (Throttling,
 *     Throttling.User, Throttling.Api, Rejected.Throttling, any Throttling.*) are throttled;
 *     ServiceUnavailable, InternalError, UnknownError and HTTP 500/502/503/504 are backoff;
 *     HTTP 429 is throttled whatever the code; everything else is no.
 *   - decode_status ECSKP_OK with a success: no (nothing to retry as a whole; see each failed
 *     instance with ecskp_result_advice()).
 *   - any other decode_status (the body is not an API body: empty, an HTML page of a
 *     gateway, cut short): by the HTTP status alone: 429 throttled; 500, 502, 503, 504
 *     backoff; anything else no, code "HTTP <status>" (or the status name when the HTTP
 *     status is unknown, 0).
 * `headers` (may be NULL) gives the wait hint. Errors: invalid_argument (out NULL; an OK
 * decode_status with a NULL response).
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_reply_advice(ecskp_status decode_status,
                                                          const ecskp_response *response,
                                                          int http_status,
                                                          const ecskp_reply_headers *headers,
                                                          ecskp_advice *out, ecskp_diag *diag);

/*
 * Advice for one instance of a success body: a success is no with code "200"; a failure is
 * judged by its Code as an API error code would be (InvalidInstanceId.NotFound no,
 * DependencyViolation.WindowsInstance no, a throttling or transient code yes), and a failure
 * without a Code is no. Errors: invalid_argument (result or out NULL).
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_result_advice(const ecskp_instance_result *result,
                                                           ecskp_advice *out, ecskp_diag *diag);

/*
 * The wait before retry `attempt` (0 for the first retry) by equal jitter:
 * t = min(cap_ms, base_ms << attempt) (saturating), then t / 2 + random % (t / 2 + 1): half
 * fixed, half random, never above cap_ms. `random` is the caller's random number (any 64 bits;
 * the library draws none). base_ms 0 means ECSKP_BACKOFF_BASE_MS, cap_ms 0
 * ECSKP_BACKOFF_CAP_MS. Cannot fail.
 */
ECSKP_API uint64_t ecskp_backoff_ms(unsigned attempt, uint64_t base_ms, uint64_t cap_ms,
                                    uint64_t random);

/* ---------------------------------------------------------------- what was sent */

/* How the text that was sent differs from the signed request. */
typedef enum ecskp_sent_verdict {
    ECSKP_SENT_UNSET = 0,
    ECSKP_SENT_SAME = 1,             /* byte for byte what was signed */
    ECSKP_SENT_TRAILING_NEWLINE = 2, /* a CR or LF was added at the end (e.g. by a pipe) */
    ECSKP_SENT_PLUS_AS_SPACE = 3,    /* a '+' of the signature reached the server as a space */
    ECSKP_SENT_NOT_ENCODED = 4,      /* the signature was sent raw, not percent-encoded */
    ECSKP_SENT_DIFFERENT = 5         /* some other change, first at `offset` */
} ecskp_sent_verdict;

/* "same", "trailing_newline", "plus_as_space", "not_encoded", "different"; NULL otherwise. */
ECSKP_API const char *ecskp_sent_verdict_name(ecskp_sent_verdict verdict);

/* Caller-allocated: frozen for soname 1. */
typedef struct ecskp_sent_report {
    ecskp_sent_verdict verdict;
    size_t offset;         /* first differing byte (DIFFERENT), else 0 */
    char explanation[200]; /* one line of English for people */
} ecskp_sent_report;

/*
 * Compares what was sent (the query after '?' for GET, the body for POST, exactly as the
 * HTTP client sent it; for V3 the Authorization header value) with the signed request, and
 * names the common alterations on the way. Use it when the server answers
 * SignatureDoesNotMatch with a StringToSign identical to the client's (ecskp_sts_compare():
 * ECSKP_STS_SAME): then either the AccessKeySecret is wrong or the signature was altered on
 * the way, and this tells which of the usual alterations it was. Errors: invalid_argument
 * (signed_request or out NULL, sent NULL with a length, or a signed request that no signer
 * filled, e.g. a zeroed struct).
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_sent_check(const ecskp_signed *signed_request,
                                                        const char *sent, size_t sent_len,
                                                        ecskp_sent_report *out, ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_CALL_H */
