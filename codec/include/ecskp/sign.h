/* SPDX-License-Identifier: MIT */
/*
 * ecskp/sign.h - signing: a signing context (ecskp_signer: credentials, clock and nonce,
 * signature version, method, host) applied to a parameter list (ecskp_request_sign) or to a
 * typed AttachKeyPair/DetachKeyPair operation (ecskp_keypair_sign), giving everything the
 * HTTP request must carry (ecskp_signed).
 *
 *   signature version 1.0 (HMAC-SHA1): the Signature parameter, in the URL query (GET) or in
 *     the application/x-www-form-urlencoded body (POST);
 *   V3 (ACS3-HMAC-SHA256): the Authorization and x-acs-* headers, the parameters in the URL
 *     query.
 *
 * Build: signing needs OpenSSL libcrypto (meson option `signing`, auto by default). In a build
 * without it, ecskp_request_sign(), ecskp_keypair_sign() and their _alloc variants return
 * ECSKP_ERR_UNSUPPORTED after checking nothing; ecskp_signing_available() tells which build
 * this is. ecskp_timestamp_format(), ecskp_clock_system() and ecskp_nonce_system() need no
 * crypto.
 *
 * Secrets: the AccessKeySecret is passed as pointer and length (it need not be NUL-terminated)
 * and must be at least one byte (ECSKP_ERR_MISSING_SECRET otherwise). Any length is accepted.
 * ecskp keeps no copy of the secret past the call, wipes every scratch buffer that held key
 * material (OPENSSL_cleanse) before returning, and never writes the secret, or anything
 * derived from it other than the signature itself, into a diag or an output.
 *
 * Output: the caller-buffer convention of ecskp/ecskp.h. The texts of an ecskp_signed are
 * written one after the other, each NUL-terminated, into the one buffer; `*needed` is the
 * exact number of bytes they take, terminators included, on success and on buffer_too_small
 * alike (so a second call with `*needed` bytes succeeds). The struct then points into the
 * buffer: it stays valid as long as the buffer does and may be copied freely. On any failure
 * the struct is zeroed. The _alloc variants allocate one block through an ecskp_allocator
 * instead, freed with ecskp_signed_free().
 *
 * Sizes known at compile time: ECSKP_SIGNED_SIZE_MAX() bounds `*needed` for any request, and
 * ECSKP_KEYPAIR_SIGNED_SIZE_MAX for a typed operation without extra parameters.
 *
 * Allocation: nothing here allocates except the _alloc variants (through their allocator);
 * the OpenSSL backend may allocate inside libcrypto, and a libcrypto failure is
 * ECSKP_ERR_CRYPTO_FAILURE.
 *
 * Thread-safety: all functions are reentrant and read only their arguments, plus the system
 * clock (ecskp_clock_system) and the operating system's random generator
 * (ecskp_nonce_system), and only when the signer asks for them.
 */
#ifndef ECSKP_SIGN_H
#define ECSKP_SIGN_H

#include <stddef.h>
#include <time.h>

#include "ecskp/alloc.h"
#include "ecskp/encode.h"
#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `yyyy-MM-ddTHH:mm:ssZ` plus NUL. */
#define ECSKP_TIMESTAMP_SIZE 21
/* 128 random bits as 32 lower-case hex characters, plus NUL. */
#define ECSKP_NONCE_SIZE 33
/* The values the gateway accepts (and ecskp fills in when absent). */
#define ECSKP_API_VERSION "2014-05-26"
#define ECSKP_V1_SIGNATURE_METHOD "HMAC-SHA1"
#define ECSKP_V1_SIGNATURE_VERSION "1.0"
#define ECSKP_V3_ALGORITHM "ACS3-HMAC-SHA256"

/* 1 when this build can sign (it was built with libcrypto), 0 otherwise. */
ECSKP_API int ecskp_signing_available(void);

/* ecskp_method and ecskp_signature, with their words on the wire, are in ecskp/encode.h beside
 * the other enums of the API. */

/* ---------------------------------------------------------------- the signing context */

/* A source of Timestamp values (`yyyy-MM-ddTHH:mm:ssZ`) or of SignatureNonce values. It
 * writes a NUL-terminated value into `out` and returns ECSKP_OK, or fails with a status (and
 * diag) that the signer returns as it is. */
typedef ecskp_status (*ecskp_clock_fn)(void *ctx, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag);
typedef ecskp_status (*ecskp_nonce_fn)(void *ctx, char out[ECSKP_NONCE_SIZE], ecskp_diag *diag);

/* The system clock as an ecskp_clock_fn: time(2), formatted by ecskp_timestamp_format().
 * `ctx` is not used. Errors: invalid_argument (out NULL, or a clock outside 1970..9999). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_clock_system(void *ctx, char out[ECSKP_TIMESTAMP_SIZE],
                                                          ecskp_diag *diag);
/* The operating system's generator as an ecskp_nonce_fn: 128 bits from getrandom(2) (retried
 * on EINTR; /dev/urandom where getrandom is missing) as 32 lower-case hex characters. Never a
 * user-space generator, never a time-based value. `ctx` is not used. Errors: invalid_argument
 * (out NULL), random_failure (out is ""). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_nonce_system(void *ctx, char out[ECSKP_NONCE_SIZE],
                                                          ecskp_diag *diag);

/* Formats `t` (seconds since the Epoch) as UTC `yyyy-MM-ddTHH:mm:ssZ`, the form of both
 * Timestamp and x-acs-date. Range 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z. Errors:
 * invalid_argument (out NULL, `t` outside the range or not convertible; out is ""). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_timestamp_format(time_t t,
                                                              char out[ECSKP_TIMESTAMP_SIZE],
                                                              ecskp_diag *diag);

/*
 * Who signs, and how: everything about a request that is not the operation. Zero-initialise
 * it and set what you need; strings are NUL-terminated, NULL or "" means unset.
 *
 * The common parameters come from here or from the parameter list, never both:
 *
 *   AccessKeyId     access_key_id, else the list's AccessKeyId, else missing_parameter
 *   SecurityToken   security_token, else the list's (STS credentials only; absent is fine)
 *   Timestamp       timestamp, else the list's, else clock(source_ctx), else missing_parameter
 *   SignatureNonce  nonce, else the list's, else nonce_source(source_ctx), else
 *                   missing_parameter
 *   SignatureMethod, SignatureVersion (v1 only)  the list's, else HMAC-SHA1 and 1.0; any
 *                   other value is invalid_parameter_value
 *
 * A value set here that the list also carries is duplicate_parameter (diag.field = the
 * parameter). Nothing reads the clock or the random generator unless clock or nonce_source
 * is set (to ecskp_clock_system / ecskp_nonce_system, or your own source), so a zeroed
 * signer with fixed values is deterministic.
 *
 * With V3 the common parameters become headers: Action -> x-acs-action, Version ->
 * x-acs-version, Timestamp -> x-acs-date, SignatureNonce -> x-acs-signature-nonce,
 * SecurityToken -> x-acs-security-token, AccessKeyId -> the Authorization Credential;
 * SignatureMethod and SignatureVersion belong to 1.0 and are dropped; every other parameter
 * goes into the URL query.
 *
 * This struct is allocated by the caller, so its layout is frozen for the whole of soname 1
 * (see "ABI" in ecskp/ecskp.h).
 */
typedef struct ecskp_signer {
    ecskp_signature signature; /* required */
    ecskp_method method;       /* unset = POST */
    /* V3: the Host header, required (e.g. "ecs.cn-hangzhou.aliyuncs.com"); printable ASCII
     * without space. Signature 1.0 does not sign the host and ignores it. */
    const char *host;
    const char *access_key_id; /* printable ASCII other than space and ',' (V3) */
    const char *secret;        /* the AccessKeySecret, secret_len bytes */
    size_t secret_len;
    const char *security_token;
    const char *timestamp; /* a fixed Timestamp (tests, replays) */
    const char *nonce;     /* a fixed SignatureNonce */
    ecskp_clock_fn clock;
    ecskp_nonce_fn nonce_source;
    void *source_ctx; /* passed to clock and nonce_source */
} ecskp_signer;

/*
 * A generic request: any RPC parameter list, and for V3 optionally a body. The list holds the
 * operation's parameters (Action, Version, Format, ...) and may hold the common ones (see
 * ecskp_signer). Validated and encoded as by ecskp_query_build().
 *
 * V3 also needs Action (letters and digits) and Version in the list (missing_parameter
 * "Action" / "Version"). `body`: the exact bytes to send (V3 only; with signature 1.0 the
 * body of a POST is the signed form and a body here is invalid_argument); `content_type`:
 * required when there is a body, signed when present; `path`: the canonical URI, NULL = "/",
 * otherwise it starts with '/' and holds unreserved bytes, '/' and %XY escapes.
 *
 * Header values (host, Action, Version, the date, nonce, token, content type) are sent
 * verbatim, so they must be printable ASCII (content type: inner spaces allowed) without a
 * leading or trailing space: anything else (a CR or LF above all) is invalid_parameter_value
 * with diag.field = the header name and diag.offset = the byte.
 */
typedef struct ecskp_request {
    const ecskp_param *params;
    size_t count;
    const void *body;
    size_t body_len;
    const char *content_type;
    const char *path;
} ecskp_request;

/* One HTTP header: lower-case name (a static string), NUL-terminated value. */
typedef struct ecskp_header {
    const char *name;
    const char *value;
} ecskp_header;

/* V3: content-type, host, x-acs-action, x-acs-content-sha256, x-acs-date,
 * x-acs-security-token, x-acs-signature-nonce, x-acs-version, authorization. */
#define ECSKP_MAX_HEADERS 9

/*
 * A signed request: send `method` to https://<host><path>?<query> (no '?' when the query is
 * empty) with exactly these headers and this body. Every text is NUL-terminated.
 *
 * The texts that made the signature come along, for tests and for diagnosing
 * SignatureDoesNotMatch (ecskp_sts_compare() in ecskp/errors.h).
 */
typedef struct ecskp_signed {
    ecskp_signature signature;
    ecskp_method method; /* POST or GET, never unset */
    const char *path;    /* "/" unless the request gave one */
    /* The URL query. V1 GET: the canonical query + "&Signature=" + the percent-encoded
     * signature; V1 POST: ""; V3: the canonical query. */
    const char *query;
    /* The body. V1 POST: the signed form (what V1 GET puts in the query); V1 GET: "";
     * V3: a copy of the request's body (NUL-terminated after body_len bytes). */
    const char *body;
    size_t body_len;
    /* V1 POST: content-type application/x-www-form-urlencoded; V1 GET: none. V3: every
     * header of the signature, in SignedHeaders order, then authorization. The HTTP client
     * adds Host itself for V1 (it is not signed). */
    ecskp_header headers[ECSKP_MAX_HEADERS];
    size_t header_count;
    /* Sorted, encoded, without Signature: the text of the Signature's input. */
    const char *canonical_query;
    /* V3: the canonical request; V1: "". */
    const char *canonical_request;
    /* V1: METHOD&%2F&percentEncode(canonical query); V3: "ACS3-HMAC-SHA256\n" + the
     * lower-case hex SHA-256 of the canonical request. */
    const char *string_to_sign;
    /* V1: Base64 of the HMAC-SHA1 with padding (28 characters), not percent-encoded; V3:
     * lower-case hex of the HMAC-SHA256 (64 characters). */
    const char *signature_value;
} ecskp_signed;

/*
 * Upper bound of `*needed` for an ecskp_request of `count` parameters whose names, values,
 * content type and path add up to `text_bytes`, with a body of `body_len` bytes, and a signer
 * whose strings (host, access_key_id, security_token, and the fixed or drawn Timestamp and
 * SignatureNonce) add up to `signer_bytes`. Each value byte can cost 3 bytes in the canonical
 * query, 5 in the StringToSign and 3 more in a second copy of the query, and the signer's
 * strings become parameters (signature 1.0) or headers (V3). Checked by the tests against the
 * worst inputs.
 */
#define ECSKP_SIGNED_SIZE_MAX(count, text_bytes, body_len, signer_bytes)                           \
    (1024 + 32 * ((size_t)(count) + 4) + 11 * ((size_t)(text_bytes) + (size_t)(signer_bytes)) +    \
     2 * (size_t)(body_len))

/* ---------------------------------------------------------------- signing */

/*
 * Signs a generic request. Checks, in this order: arguments (invalid_argument: NULL signer,
 * request, out or needed; buf NULL with cap > 0; unset or unknown signature; unknown method),
 * missing_secret, the common parameters as listed at ecskp_signer, the list (errors of
 * ecskp_query_build()), V3 headers, path and body. Then buffer_too_small, with the exact
 * `*needed`.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_request_sign(const ecskp_signer *signer,
                                                          const ecskp_request *request, char *buf,
                                                          size_t cap, size_t *needed,
                                                          ecskp_signed *out, ecskp_diag *diag);

/*
 * Signs an AttachKeyPair/DetachKeyPair operation: ecskp_keypair_build(), Version
 * "2014-05-26" when the operation leaves it unset, then ecskp_request_sign() over the list
 * with no body (V3 puts every parameter in the query, as the official V3 SDKs send RPC
 * operations). Errors: those of ecskp_keypair_build() (checked first), then as
 * ecskp_request_sign(). `*needed` never exceeds ECSKP_KEYPAIR_SIGNED_SIZE_MAX when the
 * operation has no extra parameters.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_sign(const ecskp_signer *signer,
                                                          const ecskp_keypair *op, char *buf,
                                                          size_t cap, size_t *needed,
                                                          ecskp_signed *out, ecskp_diag *diag);

/* The bound of ecskp_keypair_sign() without extra parameters: every typed value and signer
 * string at its longest (ECSKP_MAX_VALUE_BYTES, ECSKP_MAX_SECURITY_TOKEN_BYTES, 50 IDs of 64
 * bytes, a host of 255 bytes, a fixed Timestamp of 20): 159,716 bytes (the worst input the
 * tests build needs 153,260). A typical request needs under 2 KB, so size a buffer by the
 * first call or use the _alloc variant unless a fixed bound matters more. */
#define ECSKP_KEYPAIR_SIGNED_SIZE_MAX                                                              \
    ECSKP_SIGNED_SIZE_MAX(12, 256 + 7 * ECSKP_MAX_VALUE_BYTES + ECSKP_IDS_JSON_SIZE, 0,            \
                          255 + 2 * ECSKP_MAX_VALUE_BYTES + ECSKP_MAX_SECURITY_TOKEN_BYTES + 20)

/*
 * The same two, allocating: on ECSKP_OK *out is one block from `alloc` (NULL = malloc) that
 * holds the struct and all its texts; free it with ecskp_signed_free(). On failure *out is
 * NULL and nothing stays allocated. Extra errors: invalid_argument (out NULL), out_of_memory.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_request_sign_alloc(const ecskp_signer *signer,
                                                                const ecskp_request *request,
                                                                const ecskp_allocator *alloc,
                                                                ecskp_signed **out,
                                                                ecskp_diag *diag);
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_sign_alloc(const ecskp_signer *signer,
                                                                const ecskp_keypair *op,
                                                                const ecskp_allocator *alloc,
                                                                ecskp_signed **out,
                                                                ecskp_diag *diag);
/* Frees what an _alloc variant returned, through the allocator it was made with; wipes the
 * texts first (they hold the signature). NULL is allowed. */
ECSKP_API void ecskp_signed_free(ecskp_signed *signed_request);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_SIGN_H */
