/* SPDX-License-Identifier: MIT */
/*
 * ops.h - the operations the command performs, over the library's JSON entry points
 * (ecskp/json.h) and ecskp_ids_normalize(), shared by the subcommands (query, sign, ids,
 * decode), the conformance adapter and the demo, so that all of them compute exactly the same
 * thing. The documents are those of ecskp/json.h; a cJSON tree is printed and handed over as
 * it is, so the mapping of a request to a typed operation or a parameter list is the
 * library's. Each returns ECSKP_OK and a new text in *out, or a status with `diag` filled.
 */
#ifndef ECSKP_CLI_OPS_H
#define ECSKP_CLI_OPS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "ecskp/status.h"

/* ecskp_json_query() of {"request": {...}}: *out is {"canonical_query":"..."}, freed with
 * ecskp_json_free(). */
ecskp_status op_query(const cJSON *doc, char **out, ecskp_diag *diag);

/*
 * ecskp_json_sign() of a json.h input document: *out is its answer, freed with
 * ecskp_json_free(). When `secret` is not NULL it becomes the document's "secret" member in
 * the text only (never in a cJSON tree), and that text is wiped after the call; it must be
 * UTF-8 without NUL bytes (the command checks it first). The adapter's documents carry their
 * secret themselves (NULL).
 */
ecskp_status op_sign(const cJSON *doc, const char *secret, size_t secret_len, char **out,
                     ecskp_diag *diag);

/* ecskp_json_decode() of `len` bytes with a json.h options object: *out is the normalized
 * JSON text of the response, freed with ecskp_json_free(). */
ecskp_status op_decode(const void *body, size_t len, const cJSON *options, char **out,
                       ecskp_diag *diag);

/* ecskp_ids_normalize(): *out is the compact InstanceIds text, freed with free(). */
ecskp_status op_ids(const char *text, size_t len, unsigned flags, char **out, ecskp_diag *diag);

#endif /* ECSKP_CLI_OPS_H */
