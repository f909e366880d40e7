/*
 * ecskp/encode.h - canonical query strings for RPC requests (signature version 1.0 rules), the
 * typed AttachKeyPair/DetachKeyPair request, and the InstanceIds parameter.
 *
 * Output convention (every function here that writes text): the text is written into the
 * caller's buffer `buf` of `cap` bytes and NUL-terminated. `*out_len` (when out_len is not NULL)
 * receives the length of the complete text, without the NUL, both on success and on
 * ECSKP_ERR_BUFFER_TOO_SMALL; a buffer of *out_len + 1 bytes is then enough. `buf` may be NULL
 * when `cap` is 0, to ask for the size. On any failure other than buffer_too_small, *out_len is 0.
 * When the buffer is too small, its contents are unspecified but NUL-terminated (if cap > 0).
 *
 * Allocation: nothing here allocates, except ecskp_ids_normalize() (and a typed request that
 * carries InstanceIds as JSON text, which calls it with the C library's allocator): it copies
 * the text once through its `alloc` (at most 2.5 times the text, in which every number is
 * turned into a tagged string, so that cJSON never converts a number and no locale is
 * involved), then parses it with cJSON; all of it is freed before the call returns.
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

/* One request parameter. Both strings are NUL-terminated; the value must be valid UTF-8 (it may
 * be empty). The name must be 1+ bytes of [A-Za-z0-9.]. */
typedef struct ecskp_param {
    const char *name;
    const char *value;
} ecskp_param;

/*
 * Generic layer: the canonical query of any RPC parameter list (any Action).
 *
 * Rules (api-facts section 2): names and values percent-encoded as UTF-8 bytes, unreserved
 * `A-Z a-z 0-9 - _ . ~` kept, every other byte `%XY` with upper-case hex (space is %20, `*` is
 * %2A); pairs sorted by the byte order of the raw names; `name=value` joined by `&`; empty values
 * kept as `name=`. A parameter named exactly `Signature` is left out, as the signature never
 * covers itself. Nothing about meaning is checked: the list is encoded as given.
 *
 * Errors: invalid_argument (params NULL with count > 0), too_many_parameters,
 * invalid_parameter_name (diag.field = the name, diag.offset = offending byte),
 * duplicate_parameter (diag.field), invalid_utf8 (diag.field = parameter, diag.offset = byte
 * offset in the value), buffer_too_small.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_canonical_query(const ecskp_param *params,
                                                             size_t count, char *buf, size_t cap,
                                                             size_t *out_len, ecskp_diag *diag);

/* Percent-encodes `len` bytes of `src` by the rules above (no UTF-8 check). Output convention as
 * above. Errors: invalid_argument, buffer_too_small. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_percent_encode(const char *src, size_t len, char *buf,
                                                            size_t cap, size_t *out_len);

/* Validates `len` bytes as UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
 * U+10FFFF). Returns 1 when valid; otherwise 0 and, if bad_offset is not NULL, the offset of the
 * first byte of the first invalid sequence. */
ECSKP_API int ecskp_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* ---------------------------------------------------------------- InstanceIds */

enum {
    /* Also require the `i-` + lower-case alphanumeric shape of current instance IDs. */
    ECSKP_IDS_STRICT = 1u << 0
};

/* Compact JSON text (`["i-a","i-b"]`) from a C array of IDs, validated as described at
 * ECSKP_MAX_INSTANCE_IDS. Since valid IDs hold no byte that JSON must escape, the output is the
 * IDs verbatim between quotes. Errors: invalid_argument, ids_empty, ids_too_many,
 * ids_invalid_element (diag.index), ids_duplicate (diag.index of the second occurrence),
 * buffer_too_small. A buffer of ECSKP_IDS_JSON_SIZE bytes always suffices. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_ids_from_array(const char *const *ids, size_t count,
                                                            unsigned flags, char *buf, size_t cap,
                                                            size_t *out_len, ecskp_diag *diag);

/* Parses caller-supplied InstanceIds JSON text strictly (one JSON array of 1..50 strings and
 * nothing after it but white space; valid UTF-8; no `\u0000`) and re-emits it in the compact
 * form, so `["i-a", "i-b"]` and `["i-a","i-b"]` give the same text. Errors: invalid_argument,
 * ids_malformed (also for text longer than ECSKP_MAX_IDS_TEXT_BYTES, invalid UTF-8 and escaped
 * NUL; diag.offset), ids_not_array, ids_empty, ids_too_many (diag.index = count),
 * ids_invalid_element (diag.index), ids_duplicate (diag.index), out_of_memory,
 * buffer_too_small. `alloc` (NULL = malloc) serves the copy described at the top of this
 * header; cJSON allocates through its own hooks. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_ids_normalize(const char *json, size_t len,
                                                           unsigned flags,
                                                           const ecskp_allocator *alloc, char *buf,
                                                           size_t cap, size_t *out_len,
                                                           ecskp_diag *diag);

/* ---------------------------------------------------------------- typed layer */

typedef enum ecskp_action {
    ECSKP_ACTION_ATTACH_KEY_PAIR = 1,
    ECSKP_ACTION_DETACH_KEY_PAIR = 2
} ecskp_action;

/* "AttachKeyPair" / "DetachKeyPair", or NULL for any other value. */
ECSKP_API const char *ecskp_action_name(ecskp_action action);
/* Parses an Action name (exact, case-sensitive). Returns 1 and sets *out when known. */
ECSKP_API int ecskp_action_from_name(const char *name, ecskp_action *out);

/*
 * An AttachKeyPair or DetachKeyPair request. Every `const char *` is NUL-terminated UTF-8, or
 * NULL for "absent" (an empty string counts as absent for the required ones). The struct only
 * points at caller memory; zero-initialise it and set what you need.
 *
 * InstanceIds come from exactly one of `instance_ids`/`instance_id_count` (a C array) or
 * `instance_ids_json` (JSON text, normalized by ecskp_ids_normalize()). Neither given (NULL
 * array with count 0, and NULL or "" JSON text) is missing_parameter "InstanceIds"; a non-NULL
 * array with count 0 is ids_empty, as is the JSON text `[]`.
 *
 * The common parameters are emitted only when set; the typed layer does not invent values
 * (the signing helpers and the `ecskp sign` command fill Version, SignatureMethod, ... ).
 * A supplied Timestamp must be exactly `yyyy-MM-ddTHH:mm:ssZ` (invalid_timestamp otherwise);
 * a supplied Format must be `JSON` or `XML` (invalid_parameter_value).
 * `extra` parameters are appended as given; they may not repeat a typed one
 * (duplicate_parameter), may not be spelled `TimeStamp` (misspelled_parameter) and may not set
 * Action (invalid_action). A `Timestamp` or `Format` given through `extra` gets the same checks
 * as the typed field.
 */
typedef struct ecskp_keypair_request {
    ecskp_action action;
    const char *region_id;     /* RegionId, required */
    const char *key_pair_name; /* KeyPairName, required */
    const char *const *instance_ids;
    size_t instance_id_count;
    const char *instance_ids_json;
    unsigned ids_flags; /* ECSKP_IDS_STRICT or 0 */

    /* Common parameters (optional here; required by the gateway once signed). */
    const char *access_key_id;
    const char *format; /* "JSON" or "XML" */
    const char *version;
    const char *signature_method;
    const char *signature_version;
    const char *signature_nonce;
    const char *timestamp;
    const char *security_token;
    const char *owner_id;
    const char *owner_account;
    const char *resource_owner_id;
    const char *resource_owner_account;

    const ecskp_param *extra;
    size_t extra_count;
} ecskp_keypair_request;

/* A validated parameter list built from a typed request. It points into the request's strings
 * and owns only the normalized InstanceIds text, so it must not outlive the request. */
typedef struct ecskp_param_set {
    ecskp_param params[ECSKP_MAX_PARAMS];
    size_t count;
    char ids_json[ECSKP_IDS_JSON_SIZE];
} ecskp_param_set;

/* Validates a typed request and fills `out` (about 5.4 KiB: mind small stacks). On failure the
 * contents of `out` are unspecified. Only presence and UTF-8 of RegionId and KeyPairName are
 * checked: their grammar is the server's to judge (CreateKeyPair's name rules differ between
 * pages), and a client-side guess would refuse valid requests. Unknown bits of ids_flags are
 * ignored. Errors: invalid_argument (req or out NULL; InstanceIds given both as an array and
 * as JSON text; a NULL array with a count; extra NULL with extra_count), invalid_action,
 * missing_parameter (diag.field = Action/RegionId/KeyPairName/InstanceIds), any InstanceIds
 * error, invalid_timestamp, invalid_parameter_value, misspelled_parameter,
 * duplicate_parameter, invalid_parameter_name, invalid_utf8, too_many_parameters. */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_params(const ecskp_keypair_request *req,
                                                            ecskp_param_set *out, ecskp_diag *diag);

/* ecskp_keypair_params() followed by ecskp_canonical_query(). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_keypair_query(const ecskp_keypair_request *req,
                                                           char *buf, size_t cap, size_t *out_len,
                                                           ecskp_diag *diag);

/* Checks the exact Timestamp form `yyyy-MM-ddTHH:mm:ssZ` (digits, upper-case T and Z, a real
 * calendar date, hours 00-23, minutes 00-59, seconds 00-60). Returns 1 when valid. */
ECSKP_API int ecskp_timestamp_valid(const char *s);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_ENCODE_H */
