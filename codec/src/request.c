/* request.c - the typed layer for AttachKeyPair and DetachKeyPair. */
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

const char *ecskp_action_name(ecskp_action action) {
    switch (action) {
    case ECSKP_ACTION_ATTACH_KEY_PAIR:
        return "AttachKeyPair";
    case ECSKP_ACTION_DETACH_KEY_PAIR:
        return "DetachKeyPair";
    }
    return NULL;
}

int ecskp_action_from_name(const char *name, ecskp_action *out) {
    if (name == NULL)
        return 0;
    ecskp_action a;
    if (strcmp(name, "AttachKeyPair") == 0)
        a = ECSKP_ACTION_ATTACH_KEY_PAIR;
    else if (strcmp(name, "DetachKeyPair") == 0)
        a = ECSKP_ACTION_DETACH_KEY_PAIR;
    else
        return 0;
    if (out != NULL)
        *out = a;
    return 1;
}

static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, size_t n) {
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int ecskp_timestamp_valid(const char *s) {
    /* yyyy-MM-ddTHH:mm:ssZ, exactly 20 bytes */
    if (s == NULL || strlen(s) != 20)
        return 0;
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
        s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
        !digits(s + 17, 2) || s[19] != 'Z')
        return 0;
    int y = num(s, 4), mo = num(s + 5, 2), d = num(s + 8, 2);
    int h = num(s + 11, 2), mi = num(s + 14, 2), se = num(s + 17, 2);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return 0;
    return h <= 23 && mi <= 59 && se <= 60;
}

static int present(const char *s) {
    return s != NULL && s[0] != '\0';
}

static ecskp_status add(ecskp_param_set *out, const char *name, const char *value,
                        ecskp_diag *diag) {
    if (out->count >= ECSKP_MAX_PARAMS)
        return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, name, ECSKP_NO_OFFSET,
                           out->count + 1, "more than %d parameters", ECSKP_MAX_PARAMS);
    out->params[out->count].name = name;
    out->params[out->count].value = value;
    out->count++;
    return ECSKP_OK;
}

static ecskp_status add_opt(ecskp_param_set *out, const char *name, const char *value,
                            ecskp_diag *diag) {
    return value != NULL ? add(out, name, value, diag) : ECSKP_OK;
}

static ecskp_status missing(ecskp_diag *diag, const char *name) {
    return ecskp__fail(diag, ECSKP_ERR_MISSING_PARAMETER, name, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "The input parameter \"%s\" that is required for processing this "
                       "request is not supplied.",
                       name);
}

static ecskp_status check_timestamp(const char *value, ecskp_diag *diag) {
    if (value != NULL && !ecskp_timestamp_valid(value))
        return ecskp__fail(diag, ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX,
                           "Timestamp \"%.40s\" is not UTC yyyy-MM-ddTHH:mm:ssZ (no "
                           "milliseconds, no offset, upper-case T and Z)",
                           value);
    return ECSKP_OK;
}

static ecskp_status check_format(const char *value, ecskp_diag *diag) {
    if (value != NULL && strcmp(value, "JSON") != 0 && strcmp(value, "XML") != 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX, "Format must be \"JSON\" or \"XML\"");
    return ECSKP_OK;
}

static ecskp_status check_extra_name(const char *name, ecskp_diag *diag) {
    if (name != NULL && strcmp(name, "TimeStamp") == 0)
        return ecskp__fail(diag, ECSKP_ERR_MISSPELLED_PARAMETER, name, ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX,
                           "parameter \"TimeStamp\" is misspelled: the name is \"Timestamp\"");
    if (name != NULL && strcmp(name, "Action") == 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ACTION, name, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "Action comes from the request's action field, not from extra");
    return ECSKP_OK;
}

ecskp_status ecskp__keypair_params_sorted(const ecskp_keypair_request *req, ecskp_param_set *out,
                                          unsigned short order[ECSKP_MAX_PARAMS], size_t *n,
                                          ecskp_diag *diag) {
    *n = 0;
    if (req == NULL || out == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "req or out is NULL");
    out->count = 0;
    out->ids_json[0] = '\0';
    if ((int)req->action == 0)
        return missing(diag, "Action");
    const char *action = ecskp_action_name(req->action);
    if (action == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ACTION, "Action", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX, "action %d is neither AttachKeyPair nor DetachKeyPair",
                           (int)req->action);
    if (!present(req->region_id))
        return missing(diag, "RegionId");
    if (!present(req->key_pair_name))
        return missing(diag, "KeyPairName");

    int have_array = req->instance_ids != NULL || req->instance_id_count > 0;
    int have_json = req->instance_ids_json != NULL;
    if (have_array && have_json)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds", ECSKP_NO_OFFSET,
                           ECSKP_NO_INDEX,
                           "give InstanceIds as an array or as JSON text, not both");
    if (!have_array && !present(req->instance_ids_json))
        return missing(diag, "InstanceIds");
    if (have_array)
        ECSKP_GUARD(ecskp_ids_from_array(req->instance_ids, req->instance_id_count, req->ids_flags,
                                         out->ids_json, sizeof out->ids_json, NULL, diag));
    else
        ECSKP_GUARD(ecskp_ids_normalize(req->instance_ids_json, strlen(req->instance_ids_json),
                                        req->ids_flags, NULL, out->ids_json, sizeof out->ids_json,
                                        NULL, diag));

    ECSKP_GUARD(check_timestamp(req->timestamp, diag));
    ECSKP_GUARD(check_format(req->format, diag));

    ECSKP_GUARD(add(out, "Action", action, diag));
    ECSKP_GUARD(add(out, "RegionId", req->region_id, diag));
    ECSKP_GUARD(add(out, "KeyPairName", req->key_pair_name, diag));
    ECSKP_GUARD(add(out, "InstanceIds", out->ids_json, diag));
    ECSKP_GUARD(add_opt(out, "AccessKeyId", req->access_key_id, diag));
    ECSKP_GUARD(add_opt(out, "Format", req->format, diag));
    ECSKP_GUARD(add_opt(out, "Version", req->version, diag));
    ECSKP_GUARD(add_opt(out, "SignatureMethod", req->signature_method, diag));
    ECSKP_GUARD(add_opt(out, "SignatureVersion", req->signature_version, diag));
    ECSKP_GUARD(add_opt(out, "SignatureNonce", req->signature_nonce, diag));
    ECSKP_GUARD(add_opt(out, "Timestamp", req->timestamp, diag));
    ECSKP_GUARD(add_opt(out, "SecurityToken", req->security_token, diag));
    ECSKP_GUARD(add_opt(out, "OwnerId", req->owner_id, diag));
    ECSKP_GUARD(add_opt(out, "OwnerAccount", req->owner_account, diag));
    ECSKP_GUARD(add_opt(out, "ResourceOwnerId", req->resource_owner_id, diag));
    ECSKP_GUARD(add_opt(out, "ResourceOwnerAccount", req->resource_owner_account, diag));
    if (req->extra == NULL && req->extra_count > 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "extra is NULL with extra_count > 0");
    for (size_t i = 0; i < req->extra_count; i++) {
        const ecskp_param *x = &req->extra[i];
        ECSKP_GUARD(check_extra_name(x->name, diag));
        /* A Timestamp or Format given through extra reaches the gateway just the same, so it
         * gets the same checks as the typed fields. */
        if (x->name != NULL && strcmp(x->name, "Timestamp") == 0)
            ECSKP_GUARD(check_timestamp(x->value, diag));
        if (x->name != NULL && strcmp(x->name, "Format") == 0)
            ECSKP_GUARD(check_format(x->value, diag));
        ECSKP_GUARD(add(out, x->name, x->value, diag));
    }
    /* Names, duplicates and UTF-8 are checked here so that a built set always encodes. */
    ECSKP_GUARD(ecskp__canonical_check(out->params, out->count, order, n, diag));
    return ecskp__ok(diag);
}

ecskp_status ecskp_keypair_params(const ecskp_keypair_request *req, ecskp_param_set *out,
                                  ecskp_diag *diag) {
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    return ecskp__keypair_params_sorted(req, out, order, &n, diag);
}

ecskp_status ecskp_keypair_query(const ecskp_keypair_request *req, char *buf, size_t cap,
                                 size_t *out_len, ecskp_diag *diag) {
    if (out_len != NULL)
        *out_len = 0;
    ecskp_param_set set;
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(ecskp__keypair_params_sorted(req, &set, order, &n, diag));
    /* What ecskp_canonical_query() would do with the set, which passed its checks already. */
    if (buf == NULL && cap > 0)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "params or buf is NULL");
    return ecskp__canonical_emit(set.params, order, n, buf, cap, out_len, diag);
}
