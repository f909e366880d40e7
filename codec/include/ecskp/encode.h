/* SPDX-License-Identifier: MIT */
/*
 * ecskp/encode.h - canonical query strings for RPC requests (signature version 1.0 rules), the
 * InstanceIds parameter, and the typed AttachKeyPair/DetachKeyPair operation.
 *
 * Output: the caller-buffer convention of ecskp/ecskp.h (`*needed` counts the NUL).
 *
 * Allocation: nothing here allocates, except ecskp_ids_normalize() (and an operation that
 * carries InstanceIds as JSON text, which calls it with the C library's allocator): it copies
 * the text once (a copy in which every number is turned into a tagged string, so that cJSON
 * never converts a number and no locale is involved), on the stack while the copy fits in
 * 8 KiB (the call uses about 9 KiB of stack), else through its `alloc` (at most 2.5 times the
 * text), then parses it with cJSON; all of it is freed before the call returns.
 *
 * Thread-safety: all functions are reentrant; they read only their arguments.
 */
#ifndef ECSKP_ENCODE_H
#define ECSKP_ENCODE_H

#include <stddef.h>

#include "ecskp/alloc.h"
#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most parameters one list may hold (generic and typed layers alike). */
#define ECSKP_MAX_PARAMS 128
/* InstanceIds: at most 50 IDs (API limit), each 1..64 bytes of printable ASCII other than
 * space, `"` and `\` (IDs are opaque: `i-...`, legacy `AY...` and masked `...****` all pass). */
#define ECSKP_MAX_INSTANCE_IDS 50
#define ECSKP_MAX_INSTANCE_ID_BYTES 64
/* Largest compact InstanceIds text: `[` `]`, per ID two quotes and a comma. Plus NUL. */
#define ECSKP_IDS_JSON_SIZE (2 + ECSKP_MAX_INSTANCE_IDS * (ECSKP_MAX_INSTANCE_ID_BYTES + 3) + 1)
/* Longest InstanceIds JSON text accepted as input (white space included). */
#define ECSKP_MAX_IDS_TEXT_BYTES 65536
/* Longest value of a typed field (RegionId, KeyPairName, Version, the Owner* fields) and of
 * the signer's AccessKeyId and SignatureNonce: value_too_long beyond it. Real values are
 * under 128 bytes (a key pair name is at most 128 characters). */
#define ECSKP_MAX_VALUE_BYTES 256
/* Longest SecurityToken (STS tokens are about 1 to 2 KB): value_too_long beyond it. */
#define ECSKP_MAX_SECURITY_TOKEN_BYTES 8192

/* One request parameter. Both strings are NUL-terminated; the value must be valid UTF-8 (it may
 * be empty). The name must be 1+ bytes of [A-Za-z0-9.]. */
typedef struct ecskp_param {
    const char *name;
    const char *value;
} ecskp_param;

/*
 * The canonical query of any RPC parameter list (any Action).
 *
 * Rules (Request signatures, ECS API reference, Getting started, mirrored in
 * https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`): names and values
 * percent-encoded as UTF-8 bytes, unreserved `A-Z a-z 0-9 - _ . ~` kept, every other byte
 * `%XY` with upper-case hex (space is %20, `*` is %2A); pairs sorted by the byte order of the
 * raw names; `name=value` joined by `&`; empty values kept as `name=`. A parameter named
 * exactly `Signature` is left out, as the signature never covers itself. Nothing about
 * meaning is checked: the list is encoded as given.
 *
 * Errors: invalid_argument (params NULL with count > 0, a NULL name or value),
 * too_many_parameters, invalid_parameter_name (diag.field = the name, diag.offset = offending
 * byte), duplicate_parameter (diag.field), invalid_utf8 (diag.field = parameter, diag.offset =
 * byte offset in the value), buffer_too_small.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_query_build(const ecskp_param *params, size_t count,
                                                         char *buf, size_t cap, size_t *needed,
                                                         ecskp_diag *diag);

/* Percent-encodes `len` bytes of `src` by the rules above (no UTF-8 check). Errors:
 * invalid_argument, buffer_too_small. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_percent_encode(const char *src, size_t len, char *buf,
                                                            size_t cap, size_t *needed,
                                                            ecskp_diag *diag);

/* Checks `len` bytes as UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
 * Errors: invalid_argument (s NULL with len > 0), invalid_utf8 (diag.offset = the first byte of
 * the first invalid sequence). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_utf8_check(const char *s, size_t len,
                                                        ecskp_diag *diag);

/* ---------------------------------------------------------------- InstanceIds */

enum {
    /* Also require the `i-` + lower-case alphanumeric shape of current instance IDs. */
    ECSKP_IDS_STRICT = 1u << 0
};

/* Compact JSON text (`["i-a","i-b"]`) from a C array of IDs, validated as described at
 * ECSKP_MAX_INSTANCE_IDS. Since valid IDs hold no byte that JSON must escape, the output is the
 * IDs verbatim between quotes. Errors: invalid_argument (also for unknown flags), ids_empty,
 * ids_too_many, ids_invalid_element (diag.index), ids_duplicate (diag.index of the second
 * occurrence), buffer_too_small. A buffer of ECSKP_IDS_JSON_SIZE bytes always suffices. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_ids_build(const char *const *ids, size_t count,
                                                       unsigned flags, char *buf, size_t cap,
                                                       size_t *needed, ecskp_diag *diag);

/* Parses caller-supplied InstanceIds JSON text strictly (one JSON array of 1..50 strings and
 * nothing after it but white space; valid UTF-8; no `\u0000`) and re-emits it in the compact
 * form, so `["i-a", "i-b"]` and `["i-a","i-b"]` give the same text. Errors: invalid_argument,
 * ids_malformed (also for text longer than ECSKP_MAX_IDS_TEXT_BYTES, invalid UTF-8 and escaped
 * NUL; diag.offset), ids_not_array, ids_empty, ids_too_many (diag.index = count),
 * ids_invalid_element (diag.index), ids_duplicate (diag.index), out_of_memory,
 * buffer_too_small. `alloc` (NULL = malloc) serves the copy described at the top of this
 * header; cJSON allocates through its own hooks, and since cJSON cannot tell an allocation
 * failure from a syntax error, running out of memory inside cJSON is ids_malformed. A buffer
 * of ECSKP_IDS_JSON_SIZE bytes always suffices. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_ids_normalize(const char *json, size_t len,
                                                           unsigned flags,
                                                           const ecskp_allocator *alloc, char *buf,
                                                           size_t cap, size_t *needed,
                                                           ecskp_diag *diag);

/* ---------------------------------------------------------------- the typed operation */

/* The operation. Zero is unset (missing_parameter "Action" where one is required). */
typedef enum ecskp_action {
    ECSKP_ACTION_UNSET = 0,
    ECSKP_ACTION_ATTACH_KEY_PAIR = 1,
    ECSKP_ACTION_DETACH_KEY_PAIR = 2
} ecskp_action;

/* The response format, as requested with the Format parameter. Zero is unset: a typed
 * operation then sends no Format (the server's default differs between pages, so set it to
 * know what the reply will be); decoding needs it set. */
typedef enum ecskp_format {
    ECSKP_FORMAT_UNSET = 0,
    ECSKP_FORMAT_JSON = 1,
    ECSKP_FORMAT_XML = 2
} ecskp_format;

/* The HTTP method of a signed request (ecskp/sign.h). Zero is unset, which means POST: the
 * official SDKs send AttachKeyPair and DetachKeyPair as POST. */
typedef enum ecskp_method {
    ECSKP_METHOD_UNSET = 0,
    ECSKP_METHOD_POST = 1,
    ECSKP_METHOD_GET = 2
} ecskp_method;

/* The signature version (ecskp/sign.h). Zero is unset, which every signer refuses
 * (invalid_argument, field "signature"): the two put the signature in different places, so
 * the choice is the caller's. */
typedef enum ecskp_signature {
    ECSKP_SIGNATURE_UNSET = 0,
    ECSKP_SIGNATURE_V1 = 1, /* signature version 1.0, HMAC-SHA1 */
    ECSKP_SIGNATURE_V3 = 2  /* V3, ACS3-HMAC-SHA256 */
} ecskp_signature;

/*
 * Each enum above and its words on the wire, both ways:
 *   ecskp_<enum>_name()   the word, a static string; NULL for a value outside the enum.
 *   ecskp_<enum>_parse()  the exact word (case-sensitive, as on the wire) into *out. Errors:
 *                         the one named below, with that diag.field; invalid_argument (out
 *                         NULL).
 *
 *   enum             words                              parse error
 *   ecskp_action     "AttachKeyPair", "DetachKeyPair"   invalid_action "Action"
 *   ecskp_format     "JSON", "XML"                      unsupported_format "Format"
 *   ecskp_method     "POST", "GET"                      invalid_argument "method"
 *   ecskp_signature  "v1", "v3"                         invalid_argument "signature"
 *
 * ecskp_method_name() gives "POST" for ECSKP_METHOD_UNSET too, as the signers read it. A Format
 * parameter of a typed request may also be spelled "json" or "xml" (ecskp_keypair_build());
 * the word functions speak the enums' words only.
 */
ECSKP_API const char *ecskp_action_name(ecskp_action action);
ECSKP_API const char *ecskp_format_name(ecskp_format format);
ECSKP_API const char *ecskp_method_name(ecskp_method method);
ECSKP_API const char *ecskp_signature_name(ecskp_signature signature);
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_action_parse(const char *name, ecskp_action *out,
                                                          ecskp_diag *diag);
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_format_parse(const char *name, ecskp_format *out,
                                                          ecskp_diag *diag);
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_method_parse(const char *name, ecskp_method *out,
                                                          ecskp_diag *diag);
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_signature_parse(const char *name, ecskp_signature *out,
                                                             ecskp_diag *diag);

/* Checks the exact Timestamp form `yyyy-MM-ddTHH:mm:ssZ` (digits, upper-case T and Z, a real
 * calendar date, hours 00-23, minutes 00-59, seconds 00-60). Errors: invalid_timestamp
 * (also for NULL; diag.field "Timestamp"). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_timestamp_check(const char *s, ecskp_diag *diag);

/*
 * An AttachKeyPair or DetachKeyPair operation: what to do, not who does it (credentials,
 * Timestamp and SignatureNonce belong to the ecskp_signer of ecskp/sign.h). Every
 * `const char *` is NUL-terminated UTF-8, or NULL for "absent" (an empty string counts as
 * absent for the required ones). The struct only points at caller memory; zero-initialise it
 * and set what you need.
 *
 * InstanceIds come from exactly one of `instance_ids`/`instance_id_count` (a C array) or
 * `instance_ids_json` (JSON text, normalized by ecskp_ids_normalize()). Neither given (NULL
 * array with count 0, and NULL or "" JSON text) is missing_parameter "InstanceIds"; a non-NULL
 * array with count 0 is ids_empty, as is the JSON text `[]`.
 *
 * Typed strings are at most ECSKP_MAX_VALUE_BYTES (value_too_long, diag.field = the
 * parameter). `extra` parameters are appended as given (the common ones, AccessKeyId,
 * Timestamp and so on, may come this way for a signer that leaves them unset); they may not
 * repeat a typed one (duplicate_parameter), may not be spelled `TimeStamp`
 * (misspelled_parameter) and may not set Action (invalid_action). A `Timestamp` or `Format`
 * given through `extra` must be the exact Timestamp form (invalid_timestamp) or one of `JSON`,
 * `XML`, `json`, `xml` (invalid_parameter_value), sent as given: the API reference and the ECS
 * common-parameters page write the values in both cases, and the gateway takes both.
 *
 * Caller-allocated: frozen for soname 1 (see "ABI" in ecskp/ecskp.h).
 */
typedef struct ecskp_keypair {
    ecskp_action action;       /* Action, required */
    const char *region_id;     /* RegionId, required */
    const char *key_pair_name; /* KeyPairName, required */
    const char *const *instance_ids;
    size_t instance_id_count;
    const char *instance_ids_json;
    unsigned ids_flags;  /* ECSKP_IDS_STRICT or 0; unknown bits are invalid_argument */
    ecskp_format format; /* Format; unset = not sent; another value invalid_parameter_value */
    const char *version; /* Version; absent = not sent (ecskp_keypair_sign sends 2014-05-26) */
    const char *owner_id;
    const char *owner_account;
    const char *resource_owner_id;
    const char *resource_owner_account;
    const ecskp_param *extra;
    size_t extra_count;
} ecskp_keypair;

/* A validated parameter list built from an operation. It points into the operation's strings
 * and owns only the normalized InstanceIds text, so it must not outlive the operation. */
typedef struct ecskp_param_set {
    ecskp_param params[ECSKP_MAX_PARAMS];
    size_t count;
    char ids_json[ECSKP_IDS_JSON_SIZE];
} ecskp_param_set;

/* Validates an operation and fills `out` (about 5.4 KiB: mind small stacks); feed
 * out->params to ecskp_query_build() or to a signer. On failure `out` is zeroed. Only
 * presence, length and UTF-8 of RegionId and KeyPairName are checked: their grammar is the
 * server's to judge (CreateKeyPair's name rules differ between pages), and a client-side guess
 * would refuse valid requests. Errors, in this order: invalid_argument (op or out NULL;
 * InstanceIds given both as an array and as JSON text; a NULL array with a count; extra NULL
 * with extra_count; unknown ids_flags bits), missing_parameter "Action", invalid_action (an
 * action that is neither), missing_parameter (diag.field = RegionId, KeyPairName, InstanceIds),
 * invalid_parameter_value (Format), value_too_long, any InstanceIds error, invalid_timestamp,
 * misspelled_parameter, duplicate_parameter, invalid_parameter_name, invalid_utf8,
 * too_many_parameters. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_build(const ecskp_keypair *op,
                                                           ecskp_param_set *out, ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_ENCODE_H */
