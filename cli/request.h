/*
 * request.h - a request given as JSON (a JSON object of parameter name to string value, where
 * InstanceIds may also be a JSON array of strings), turned into the library's parameter list
 * or typed request.
 *
 * Layer choice: a request whose Action is exactly AttachKeyPair or DetachKeyPair goes through
 * the typed layer (ecskp_keypair_request: required parameters, InstanceIds, Timestamp and
 * Format are validated); any other Action, or none, through the generic layer
 * (ecskp_canonical_query: the list is encoded as given).
 */
#ifndef ECSKP_CLI_REQUEST_H
#define ECSKP_CLI_REQUEST_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "ecskp/encode.h"

/* Longest request text accepted (1 MiB; a request has at most 128 parameters). */
#define CLI_MAX_REQUEST_BYTES ((size_t)1 << 20)

typedef struct cli_request {
    /* Every member of the object, in the order given; InstanceIds given as an array holds
     * its compact JSON text in ids_json (generic layer) and points at it. */
    ecskp_param params[ECSKP_MAX_PARAMS];
    size_t count;
    /* InstanceIds given as a JSON array: the elements (NULL for a non-string element). */
    int ids_is_array;
    const char **ids;
    size_t ids_count;
    char ids_json[ECSKP_IDS_JSON_SIZE];
    /* The typed layer's view (valid when typed is 1): fields point into params. */
    int typed;
    ecskp_keypair_request keypair;
    ecskp_param extra[ECSKP_MAX_PARAMS];
} cli_request;

/*
 * Parses request text into a JSON object. Refusals: invalid_argument (not one JSON object,
 * trailing bytes; diag.offset), invalid_parameter_value (a `\u0000` escape, which would cut a
 * name or value short). The caller frees *out with cJSON_Delete.
 */
ecskp_status cli_request_parse(const char *text, size_t len, cJSON **out, ecskp_diag *diag);

/*
 * Builds the parameter view of a request object. `obj` must outlive `r`. Refusals:
 * invalid_argument (not an object), invalid_parameter_value (a value that is not a string;
 * diag.field), duplicate_parameter (a name twice), too_many_parameters, and for an
 * InstanceIds array in the generic layer the ids_* statuses. `r` needs cli_request_free.
 */
ecskp_status cli_request_build(const cJSON *obj, cli_request *r, ecskp_diag *diag);

void cli_request_free(cli_request *r);

/* The value of parameter `name` in a request object when it is a string, else NULL. */
const char *cli_request_get(const cJSON *obj, const char *name);

/*
 * Adds `name` = `value` to the object when it has no member of that name. Returns 0, or -1
 * when out of memory.
 */
int cli_request_fill(cJSON *obj, const char *name, const char *value);

/* Sets `name` = `value`, replacing any member of that name. Returns 0 or -1 (memory). */
int cli_request_set(cJSON *obj, const char *name, const char *value);

/* The canonical query of a built request, in a new buffer (*out, freed by the caller). */
ecskp_status cli_request_query(const cli_request *r, char **out, ecskp_diag *diag);

#endif /* ECSKP_CLI_REQUEST_H */
