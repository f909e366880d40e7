/* request.c - request JSON to the library's parameter list or typed request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

static ecskp_status fail(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                         size_t index, const char *msg) {
    if (diag != NULL) {
        ecskp_diag_clear(diag);
        diag->status = status;
        diag->name = ecskp_status_name(status);
        if (field != NULL)
            (void)snprintf(diag->field, sizeof diag->field, "%s", field);
        diag->offset = offset;
        diag->index = index;
        (void)snprintf(diag->message, sizeof diag->message, "%s", msg);
    }
    return status;
}

/* Offset of the first `\u0000` escape inside a string, or len. cJSON would end the C string
 * there and the parameter would be signed shorter than it was given. */
static size_t escaped_nul(const char *s, size_t len) {
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        if (!in_string) {
            if (s[i] == '"')
                in_string = 1;
            continue;
        }
        if (s[i] == '"') {
            in_string = 0;
        } else if (s[i] == '\\' && i + 1 < len) {
            if (s[i + 1] == 'u' && i + 5 < len && memcmp(s + i + 2, "0000", 4) == 0)
                return i;
            i++; /* skip the escaped character, so `\\u0000` is not an escape */
        }
    }
    return len;
}

static int is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

ecskp_status cli_request_parse(const char *text, size_t len, cJSON **out, ecskp_diag *diag) {
    *out = NULL;
    size_t nul = escaped_nul(text, len);
    if (nul < len)
        return fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, NULL, nul, ECSKP_NO_INDEX,
                    "the request holds a \\u0000 escape; no parameter name or value may "
                    "contain a NUL character");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root == NULL) {
        size_t at = end != NULL && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        char msg[160];
        (void)snprintf(msg, sizeof msg,
                       "the request is not valid JSON (error near byte %zu); give one JSON object "
                       "of parameter name to string value",
                       at);
        return fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, at, ECSKP_NO_INDEX, msg);
    }
    size_t at = (size_t)(end - text);
    while (at < len && is_ws(text[at]))
        at++;
    if (at < len) {
        cJSON_Delete(root);
        char msg[160];
        (void)snprintf(msg, sizeof msg, "the request has bytes after the JSON object, at byte %zu",
                       at);
        return fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, at, ECSKP_NO_INDEX, msg);
    }
    *out = root;
    if (diag != NULL)
        ecskp_diag_clear(diag);
    return ECSKP_OK;
}

const char *cli_request_get(const cJSON *obj, const char *name) {
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

int cli_request_fill(cJSON *obj, const char *name, const char *value) {
    if (cJSON_GetObjectItemCaseSensitive(obj, name) != NULL)
        return 0;
    return cJSON_AddStringToObject(obj, name, value) != NULL ? 0 : -1;
}

int cli_request_set(cJSON *obj, const char *name, const char *value) {
    cJSON *v = cJSON_CreateString(value);
    if (v == NULL)
        return -1;
    if (cJSON_GetObjectItemCaseSensitive(obj, name) != NULL)
        return cJSON_ReplaceItemInObjectCaseSensitive(obj, name, v) ? 0 : (cJSON_Delete(v), -1);
    cJSON_AddItemToObject(obj, name, v);
    return 0;
}

void cli_request_free(cli_request *r) {
    free(r->ids);
    r->ids = NULL;
}

/* Points a typed field at `value` when `name` is one of the typed layer's parameters.
 * Returns 1 when it was. */
static int typed_field(ecskp_keypair_request *k, const char *name, const char *value) {
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        {"RegionId", offsetof(ecskp_keypair_request, region_id)},
        {"KeyPairName", offsetof(ecskp_keypair_request, key_pair_name)},
        {"AccessKeyId", offsetof(ecskp_keypair_request, access_key_id)},
        {"Format", offsetof(ecskp_keypair_request, format)},
        {"Version", offsetof(ecskp_keypair_request, version)},
        {"SignatureMethod", offsetof(ecskp_keypair_request, signature_method)},
        {"SignatureVersion", offsetof(ecskp_keypair_request, signature_version)},
        {"SignatureNonce", offsetof(ecskp_keypair_request, signature_nonce)},
        {"Timestamp", offsetof(ecskp_keypair_request, timestamp)},
        {"SecurityToken", offsetof(ecskp_keypair_request, security_token)},
        {"OwnerId", offsetof(ecskp_keypair_request, owner_id)},
        {"OwnerAccount", offsetof(ecskp_keypair_request, owner_account)},
        {"ResourceOwnerId", offsetof(ecskp_keypair_request, resource_owner_id)},
        {"ResourceOwnerAccount", offsetof(ecskp_keypair_request, resource_owner_account)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (strcmp(fields[i].name, name) == 0) {
            const char **slot = (const char **)(void *)((char *)k + fields[i].offset);
            *slot = value;
            return 1;
        }
    }
    return 0;
}

static ecskp_status build_typed(cli_request *r, ecskp_action action, ecskp_diag *diag) {
    ecskp_keypair_request *k = &r->keypair;
    memset(k, 0, sizeof *k);
    k->action = action;
    size_t nextra = 0;
    for (size_t i = 0; i < r->count; i++) {
        const char *name = r->params[i].name;
        const char *value = r->params[i].value;
        if (strcmp(name, "Action") == 0)
            continue;
        if (strcmp(name, "InstanceIds") == 0) {
            if (r->ids_is_array) {
                k->instance_ids = r->ids;
                k->instance_id_count = r->ids_count;
            } else {
                k->instance_ids_json = value;
            }
            continue;
        }
        if (typed_field(k, name, value))
            continue;
        r->extra[nextra++] = r->params[i];
    }
    k->extra = nextra > 0 ? r->extra : NULL;
    k->extra_count = nextra;
    r->typed = 1;
    if (diag != NULL)
        ecskp_diag_clear(diag);
    return ECSKP_OK;
}

ecskp_status cli_request_build(const cJSON *obj, cli_request *r, ecskp_diag *diag) {
    memset(r, 0, sizeof *r);
    if (!cJSON_IsObject(obj))
        return fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                    "the request must be a JSON object of parameter name to string value");
    const cJSON *ids_array = NULL;
    for (const cJSON *it = obj->child; it != NULL; it = it->next) {
        const char *name = it->string != NULL ? it->string : "";
        if (r->count >= ECSKP_MAX_PARAMS) {
            char msg[96];
            (void)snprintf(msg, sizeof msg, "the request has more than %d parameters",
                           ECSKP_MAX_PARAMS);
            return fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, name, ECSKP_NO_OFFSET, r->count + 1,
                        msg);
        }
        for (size_t j = 0; j < r->count; j++) {
            if (strcmp(r->params[j].name, name) == 0)
                return fail(diag, ECSKP_ERR_DUPLICATE_PARAMETER, name, ECSKP_NO_OFFSET, j,
                            "the request names this parameter twice");
        }
        if (cJSON_IsString(it)) {
            r->params[r->count].name = name;
            r->params[r->count].value = it->valuestring;
            r->count++;
        } else if (cJSON_IsArray(it) && strcmp(name, "InstanceIds") == 0) {
            ids_array = it;
            r->params[r->count].name = name;
            r->params[r->count].value = r->ids_json;
            r->count++;
        } else {
            return fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, name, ECSKP_NO_OFFSET,
                        ECSKP_NO_INDEX,
                        cJSON_IsArray(it)
                            ? "only InstanceIds may be a JSON array; give this value as a string"
                            : "the value is not a JSON string; give every value as a string");
        }
    }
    if (ids_array != NULL) {
        size_t n = (size_t)cJSON_GetArraySize(ids_array);
        /* At least one slot, so an empty array reaches the library as an empty array and is
         * refused as ids_empty, not as a missing parameter. */
        r->ids = calloc(n > 0 ? n : 1, sizeof *r->ids);
        if (r->ids == NULL)
            return fail(diag, ECSKP_ERR_OUT_OF_MEMORY, "InstanceIds", ECSKP_NO_OFFSET,
                        ECSKP_NO_INDEX, "out of memory");
        size_t i = 0;
        for (const cJSON *e = ids_array->child; e != NULL && i < n; e = e->next, i++)
            r->ids[i] = cJSON_IsString(e) ? e->valuestring : NULL;
        r->ids_count = i;
        r->ids_is_array = 1;
    }
    const char *action_name = cli_request_get(obj, "Action");
    ecskp_action action;
    if (action_name != NULL && ecskp_action_from_name(action_name, &action))
        return build_typed(r, action, diag);
    if (r->ids_is_array) {
        ecskp_status st = ecskp_ids_from_array(r->ids, r->ids_count, 0, r->ids_json,
                                               sizeof r->ids_json, NULL, diag);
        if (st != ECSKP_OK)
            return st;
    }
    if (diag != NULL)
        ecskp_diag_clear(diag);
    return ECSKP_OK;
}

ecskp_status cli_request_query(const cli_request *r, char **out, ecskp_diag *diag) {
    *out = NULL;
    size_t len = 0;
    ecskp_status st = r->typed ? ecskp_keypair_query(&r->keypair, NULL, 0, &len, diag)
                               : ecskp_canonical_query(r->params, r->count, NULL, 0, &len, diag);
    if (st != ECSKP_ERR_BUFFER_TOO_SMALL && st != ECSKP_OK)
        return st;
    char *buf = malloc(len + 1);
    if (buf == NULL)
        return fail(diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                    "out of memory");
    st = r->typed ? ecskp_keypair_query(&r->keypair, buf, len + 1, &len, diag)
                  : ecskp_canonical_query(r->params, r->count, buf, len + 1, &len, diag);
    if (st != ECSKP_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    return ECSKP_OK;
}
