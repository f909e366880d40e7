/*
 * ops.h - the operations the command performs, shared by the subcommands (query, sign, ids,
 * decode), the conformance adapter and the demo, so that all of them compute exactly the same
 * thing. Each returns ECSKP_OK and a new output, or a status with `diag` filled.
 */
#ifndef ECSKP_CLI_OPS_H
#define ECSKP_CLI_OPS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "ecskp/decode.h"
#include "ecskp/sign.h"

/* Canonical query of a request object (typed or generic layer, see request.h). */
ecskp_status op_encode(const cJSON *request, char **query, ecskp_diag *diag);

/*
 * Adds the signature 1.0 parameters `ecskp sign` fills when absent: Version=2014-05-26,
 * SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, Format=JSON. Timestamp and
 * SignatureNonce are the caller's business (the command fills them with the clock and the
 * random generator; the conformance operation never does). Returns 0, or -1 (memory).
 */
int op_fill_v1_defaults(cJSON *request);

/*
 * Signature 1.0 of a request object: {"canonical_query", "string_to_sign", "signature",
 * "signed_query"} as a new cJSON object.
 */
ecskp_status op_sign_v1(const cJSON *request, ecskp_method method, const char *secret,
                        size_t secret_len, cJSON **out, ecskp_diag *diag);

/* What V3 needs beyond the parameters. */
typedef struct op_v3_options {
    ecskp_method method;
    const char *host;
    const char *content_type; /* NULL = none */
    const void *body;         /* NULL with body_len 0 = empty body */
    size_t body_len;
    int verbose; /* also canonical_query, hashed_canonical_request, signed_headers, headers */
} op_v3_options;

/*
 * V3 (ACS3-HMAC-SHA256) of a request object. Mapping, the same for both layers: Action ->
 * x-acs-action, Version (absent = 2014-05-26) -> x-acs-version, Timestamp -> x-acs-date,
 * SignatureNonce -> x-acs-signature-nonce, SecurityToken -> x-acs-security-token,
 * AccessKeyId -> Credential; SignatureMethod and SignatureVersion (signature 1.0 only) are
 * dropped; every other parameter goes into the query. AttachKeyPair/DetachKeyPair requests
 * go through the typed layer, which sends an empty body: a body or content type with them is
 * invalid_argument. Output: {"canonical_request", "string_to_sign", "signature",
 * "authorization"} (+ the verbose members).
 */
ecskp_status op_sign_v3(const cJSON *request, const op_v3_options *opt, const char *secret,
                        size_t secret_len, cJSON **out, ecskp_diag *diag);

/* Normalized InstanceIds text (ecskp_ids_normalize), in a new buffer. */
ecskp_status op_ids(const char *text, size_t len, unsigned flags, char **out, ecskp_diag *diag);

/* ecskp_decode followed by ecskp_response_to_json: the normalized JSON text, new buffer. */
ecskp_status op_decode(const void *body, size_t len, const ecskp_decode_options *opt, char **out,
                       ecskp_diag *diag);

/* Fills `diag` with `status` and `msg` (for failures found by the command itself) and
 * returns `status`. */
ecskp_status op_fail(ecskp_diag *diag, ecskp_status status, const char *field, const char *msg);

#endif /* ECSKP_CLI_OPS_H */
