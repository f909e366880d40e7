/*
 * ecskp/sign.h - request signing: signature version 1.0 (HMAC-SHA1, RPC query or form body) and
 * V3 (ACS3-HMAC-SHA256, Authorization header), plus the Timestamp and SignatureNonce helpers.
 *
 * Build: signing needs OpenSSL libcrypto (meson option `signing`, auto by default). In a build
 * without it, every function here that computes a hash or an HMAC (ecskp_v1_signature,
 * ecskp_v1_sign, ecskp_keypair_sign_v1, ecskp_v3_sign, ecskp_keypair_sign_v3) returns
 * ECSKP_ERR_UNSUPPORTED after checking nothing; ecskp_signing_available() tells which build this
 * is. ecskp_v1_string_to_sign(), ecskp_format_timestamp() and ecskp_random_nonce() need no
 * crypto and work in every build.
 *
 * Secrets: the AccessKeySecret is passed as pointer and length (it need not be NUL-terminated)
 * and must be at least one byte (ECSKP_ERR_MISSING_SECRET otherwise). Any length is accepted:
 * HMAC hashes keys longer than its 64-byte block, and so does ecskp (for signature 1.0 the key
 * `secret&` is hashed in place instead of being copied). ecskp keeps no copy of the secret past
 * the call, wipes every scratch buffer that held key material (OPENSSL_cleanse) before
 * returning, and never writes the secret, or anything derived from it other than the signature
 * itself, into a diag or an output buffer.
 *
 * Output convention: as in ecskp/encode.h, except that the functions filling a signed-request
 * struct write several NUL-terminated texts one after the other into the one caller buffer and
 * report in `*needed` the number of bytes of `buf` they need, terminators included (so a buffer
 * of `*needed` bytes is enough; `buf` may be NULL when `cap` is 0, to ask for the size). The
 * struct then points into `buf`: it stays valid as long as `buf` does and may be copied freely.
 * On any failure the struct is zeroed (all pointers NULL) and the buffer's contents are
 * unspecified.
 *
 * Allocation: ecskp allocates nothing here (stack only); the OpenSSL backend may allocate
 * inside libcrypto, and a libcrypto failure is ECSKP_ERR_CRYPTO_FAILURE.
 *
 * Thread-safety: all functions are reentrant and read only their arguments (and the operating
 * system's random generator for ecskp_random_nonce).
 */
#ifndef ECSKP_SIGN_H
#define ECSKP_SIGN_H

#include <stddef.h>
#include <time.h>

#include "ecskp/encode.h"
#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Base64 of a 20-byte HMAC-SHA1, with padding (28 characters), plus NUL. */
#define ECSKP_V1_SIGNATURE_SIZE 29
/* Longest percent-encoded signature 1.0: 27 characters that may each be `+` or `/` (3 bytes
 * encoded) and the `=` pad (`%3D`). */
#define ECSKP_V1_SIGNATURE_WIRE_MAX 84
/* Lower-case hex of a SHA-256 or HMAC-SHA256 (64 characters), plus NUL. */
#define ECSKP_SHA256_HEX_SIZE 65
/* `yyyy-MM-ddTHH:mm:ssZ` plus NUL. */
#define ECSKP_TIMESTAMP_SIZE 21
/* 128 random bits as 32 lower-case hex characters, plus NUL. */
#define ECSKP_NONCE_SIZE 33
/* The signature 1.0 values the gateway accepts (and ecskp fills in when absent). */
#define ECSKP_API_VERSION "2014-05-26"
#define ECSKP_V1_SIGNATURE_METHOD "HMAC-SHA1"
#define ECSKP_V1_SIGNATURE_VERSION "1.0"
#define ECSKP_V3_ALGORITHM "ACS3-HMAC-SHA256"

/* 1 when this build can sign (it was built with libcrypto), 0 otherwise. */
ECSKP_API int ecskp_signing_available(void);

typedef enum ecskp_method { ECSKP_METHOD_GET = 0, ECSKP_METHOD_POST = 1 } ecskp_method;

/* "GET" / "POST", or NULL for any other value (which every function here rejects with
 * invalid_argument). The official SDKs send AttachKeyPair and DetachKeyPair as POST. */
ECSKP_API const char *ecskp_method_name(ecskp_method method);

/* ================================================================ signature version 1.0 */

/*
 * StringToSign of a parameter list (api-facts section 2):
 * `METHOD&%2F&` + percentEncode(canonical query), where the canonical query is exactly what
 * ecskp_canonical_query() produces (so `Signature` is left out and the list is validated the
 * same way, with the same statuses and diag fields). Output convention of ecskp/encode.h
 * (`*out_len` is the text length without NUL, exact also on buffer_too_small). Needs no crypto.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_v1_string_to_sign(ecskp_method method,
                                                               const ecskp_param *params,
                                                               size_t count, char *buf, size_t cap,
                                                               size_t *out_len, ecskp_diag *diag);

/*
 * Signature = Base64(HMAC-SHA1(key = secret + "&", data = string_to_sign)), standard alphabet
 * with padding, NUL-terminated in `out`. This is the raw value: percent-encode it (`+` is %2B,
 * `/` is %2F, `=` is %3D) before putting it on the wire. Errors: invalid_argument (NULL sts
 * with sts_len > 0, NULL secret with secret_len > 0, NULL out), missing_secret (secret_len 0),
 * crypto_failure, unsupported. On failure `out` is the empty string.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_v1_signature(const char *string_to_sign,
                                                          size_t sts_len, const char *secret,
                                                          size_t secret_len,
                                                          char out[ECSKP_V1_SIGNATURE_SIZE],
                                                          ecskp_diag *diag);

/* The result of ecskp_v1_sign(): three texts in the caller's buffer, and the signature. */
typedef struct ecskp_v1_signed {
    const char *canonical_query; /* sorted, encoded, without Signature */
    size_t canonical_query_len;
    const char *string_to_sign;
    size_t string_to_sign_len;
    /* canonical_query + "&Signature=" + the percent-encoded signature (just "Signature=..."
     * when the canonical query is empty): for GET the URL query (after `?`), for POST the
     * application/x-www-form-urlencoded body. */
    const char *signed_query;
    size_t signed_query_len;
    const char *signature_encoded; /* the tail of signed_query: the percent-encoded signature */
    size_t signature_encoded_len;
    char signature[ECSKP_V1_SIGNATURE_SIZE]; /* raw Base64 signature */
} ecskp_v1_signed;

/*
 * Signs a parameter list as given (the generic layer: any Action; nothing is added or
 * required, and a parameter spelled `TimeStamp` is signed as such). Writes canonical query,
 * StringToSign and signed query, each NUL-terminated, consecutively into `buf`.
 *
 * `*needed`: exact on success. On buffer_too_small it is always enough, and exact as soon as
 * the canonical query and the StringToSign fit in `cap` (the signature is then known);
 * before that the encoded signature is counted at ECSKP_V1_SIGNATURE_WIRE_MAX, so the size may
 * exceed the final one by at most 54 bytes. Calling again with `*needed` bytes succeeds.
 *
 * Errors: those of ecskp_canonical_query(), plus invalid_argument (bad method, NULL out or
 * needed), missing_secret, crypto_failure, unsupported, buffer_too_small.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_v1_sign(ecskp_method method, const ecskp_param *params,
                                                     size_t count, const char *secret,
                                                     size_t secret_len, char *buf, size_t cap,
                                                     size_t *needed, ecskp_v1_signed *out,
                                                     ecskp_diag *diag);

/*
 * Typed signature 1.0 of an AttachKeyPair/DetachKeyPair request. `req` is not modified; on a
 * private copy, absent (NULL or empty) Version, SignatureMethod and SignatureVersion become
 * "2014-05-26", "HMAC-SHA1" and "1.0". Then, in this order: ecskp_keypair_params() (its
 * errors, e.g. missing_parameter for Action/RegionId/KeyPairName/InstanceIds, invalid_timestamp
 * for a malformed Timestamp); SignatureMethod other than HMAC-SHA1 or SignatureVersion other
 * than 1.0 -> invalid_parameter_value (diag.field names it); AccessKeyId, Timestamp and
 * SignatureNonce absent -> missing_parameter (diag.field names it, checked in that order).
 * Format is not invented: the published default differs between pages, so set it (JSON or
 * XML) to know what the response will be. Then as ecskp_v1_sign().
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_sign_v1(
    const ecskp_keypair_request *req, ecskp_method method, const char *secret, size_t secret_len,
    char *buf, size_t cap, size_t *needed, ecskp_v1_signed *out, ecskp_diag *diag);

/* ================================================================ signature V3 */

/*
 * A request to sign with ACS3-HMAC-SHA256 (api-facts section 3). Strings are NUL-terminated;
 * NULL or "" means absent. The header values (host, action, version, date, signature_nonce,
 * security_token, content_type) are sent verbatim, so they must be printable ASCII (0x20-0x7E)
 * without a leading or trailing space; anything else (a CR or LF above all) is
 * invalid_parameter_value with diag.field = the header name and diag.offset = the byte.
 */
typedef struct ecskp_v3_request {
    ecskp_method method;
    const char *host;          /* required, e.g. "ecs.cn-hangzhou.aliyuncs.com"; no space */
    const char *canonical_uri; /* absent = "/"; otherwise starts with '/', already encoded
                                  (RFC 3986 unreserved, '/', and %XY escapes only) */
    const ecskp_param *query;  /* encoded and validated as by ecskp_canonical_query() */
    size_t query_count;
    const void *body; /* the exact bytes sent; may be NULL when body_len is 0 */
    size_t body_len;
    const char *content_type;    /* signed whenever present; required when body_len > 0 */
    const char *action;          /* x-acs-action, required; letters and digits */
    const char *version;         /* x-acs-version, required */
    const char *date;            /* x-acs-date, required, yyyy-MM-ddTHH:mm:ssZ */
    const char *signature_nonce; /* x-acs-signature-nonce, required */
    const char *security_token;  /* x-acs-security-token, STS credentials only */
    const char *access_key_id;   /* required; printable ASCII other than space and ',' */
} ecskp_v3_request;

/* content-type, host, x-acs-action, x-acs-content-sha256, x-acs-date, x-acs-security-token,
 * x-acs-signature-nonce, x-acs-version, authorization. */
#define ECSKP_V3_MAX_HEADERS 9

/* One HTTP header. Lower-case name (static string), NUL-terminated value. */
typedef struct ecskp_header {
    const char *name;
    const char *value;
} ecskp_header;

/* The result of ecskp_v3_sign(). Every text is NUL-terminated in the caller's buffer. */
typedef struct ecskp_v3_signed {
    const char *canonical_query; /* the URL query to send (after `?`); may be "" */
    size_t canonical_query_len;
    const char *content_sha256; /* lower-case hex SHA-256 of the body (64 characters) */
    const char *canonical_request;
    size_t canonical_request_len;
    const char *hashed_canonical_request; /* lower-case hex SHA-256 (64 characters) */
    const char *string_to_sign;           /* "ACS3-HMAC-SHA256\n" + hashed_canonical_request */
    size_t string_to_sign_len;
    const char *signed_headers; /* sorted lower-case names joined by ';' */
    size_t signed_headers_len;
    const char *signature; /* lower-case hex HMAC-SHA256 (64 characters) */
    /* "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<list>,Signature=<hex>" */
    const char *authorization;
    size_t authorization_len;
    /* Every header the request must carry, authorization last; the others in SignedHeaders
     * order. Send them as they are, with the body unchanged. */
    ecskp_header headers[ECSKP_V3_MAX_HEADERS];
    size_t header_count;
} ecskp_v3_signed;

/*
 * Signs a V3 request (key = the secret itself, no "&"). Signed headers: host, x-acs-action,
 * x-acs-content-sha256 (computed here), x-acs-date, x-acs-signature-nonce, x-acs-version,
 * x-acs-security-token when present, content-type when present.
 *
 * `*needed` is exact, also on buffer_too_small (every hash has a fixed length).
 *
 * Errors: invalid_argument (NULL req/out/needed, bad method, NULL body with body_len > 0),
 * missing_parameter (diag.field: host, x-acs-action, x-acs-version, x-acs-date,
 * x-acs-signature-nonce, AccessKeyId, content-type), invalid_parameter_value (diag.field =
 * header name, or canonical_uri, or AccessKeyId), invalid_timestamp (x-acs-date), the errors
 * of ecskp_canonical_query() for the query, missing_secret, crypto_failure, unsupported,
 * buffer_too_small.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_v3_sign(const ecskp_v3_request *req,
                                                     const char *secret, size_t secret_len,
                                                     char *buf, size_t cap, size_t *needed,
                                                     ecskp_v3_signed *out, ecskp_diag *diag);

/*
 * Typed V3 signature of an AttachKeyPair/DetachKeyPair request, the parameters in the URL
 * query and an empty body (as the official V3 SDKs send RPC operations). Mapping:
 * Action -> x-acs-action, Version (absent = 2014-05-26) -> x-acs-version, Timestamp ->
 * x-acs-date, SignatureNonce -> x-acs-signature-nonce, SecurityToken -> x-acs-security-token,
 * AccessKeyId -> Credential; every other parameter (RegionId, KeyPairName, InstanceIds,
 * Format, Owner..., extra) goes into the query. SignatureMethod and SignatureVersion belong to
 * signature 1.0 and are ignored. Errors: those of ecskp_keypair_params(), missing_parameter
 * (host, AccessKeyId, Timestamp, SignatureNonce, in that order), then as ecskp_v3_sign().
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_sign_v3(const ecskp_keypair_request *req,
                                                             ecskp_method method, const char *host,
                                                             const char *secret, size_t secret_len,
                                                             char *buf, size_t cap, size_t *needed,
                                                             ecskp_v3_signed *out,
                                                             ecskp_diag *diag);

/* ================================================================ helpers */

/*
 * Formats `t` (seconds since the Epoch) as UTC `yyyy-MM-ddTHH:mm:ssZ` into `out`, the form
 * both Timestamp and x-acs-date take. Range: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z;
 * outside it, or when the C library cannot convert `t`, invalid_argument and `out` is "".
 * Works without libcrypto.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_format_timestamp(time_t t,
                                                              char out[ECSKP_TIMESTAMP_SIZE]);

/*
 * A fresh SignatureNonce / x-acs-signature-nonce: 128 bits from the operating system's
 * generator (getrandom(2), retried on EINTR; /dev/urandom where getrandom is missing) as 32
 * lower-case hex characters. Never a user-space generator, never a time-based value. Errors:
 * invalid_argument (NULL out), random_failure (the generator failed; `out` is ""). Works
 * without libcrypto.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_random_nonce(char out[ECSKP_NONCE_SIZE],
                                                          ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_SIGN_H */
