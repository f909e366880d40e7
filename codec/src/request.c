/* SPDX-License-Identifier: MIT */
/* request.c - the typed layer for AttachKeyPair and DetachKeyPair. */
#include <stddef.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

static const char *const action_names[] = {NULL, "AttachKeyPair", "DetachKeyPair"};
static const char *const format_names[] = {NULL, "JSON", "XML"};

ECSKP__ENUM_NAMES(ecskp_action, ecskp_action, action_names, 1, ECSKP_ERR_INVALID_ACTION, "Action",
                  "AttachKeyPair or DetachKeyPair")
ECSKP__ENUM_NAMES(ecskp_format, ecskp_format, format_names, 1, ECSKP_ERR_UNSUPPORTED_FORMAT,
                  "Format", "JSON or XML")

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

static int timestamp_valid(const char *s) {
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

ecskp_status ecskp_timestamp_check(const char *s, ecskp_diag *diag) {
    if (!timestamp_valid(s))
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_TIMESTAMP, "Timestamp",
                             "Timestamp \"%.40s\" is not UTC yyyy-MM-ddTHH:mm:ssZ (no "
                             "milliseconds, no offset, upper-case T and Z)",
                             s != NULL ? s : "(null)");
    return ecskp__ok(diag);
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
    return ecskp__refuse(diag, ECSKP_ERR_MISSING_PARAMETER, name,
                         "The input parameter \"%s\" that is required for processing this "
                         "request is not supplied.",
                         name);
}

/* The API reference and the ECS common-parameters page write Format in upper case and in lower
 * case, and the gateway takes both, so the four spellings pass and are sent as given. */
static ecskp_status check_format_text(const char *value, ecskp_diag *diag) {
    static const char *const spellings[] = {"JSON", "XML", "json", "xml"};
    if (value == NULL)
        return ECSKP_OK;
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
        if (strcmp(value, spellings[i]) == 0)
            return ECSKP_OK;
    return ecskp__refuse(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format",
                         "Format must be \"JSON\", \"XML\", \"json\" or \"xml\"");
}

/* A typed value: absent, or at most ECSKP_MAX_VALUE_BYTES. */
static ecskp_status check_length(const char *name, const char *value, ecskp_diag *diag) {
    if (value != NULL && strnlen(value, ECSKP_MAX_VALUE_BYTES + 1) > ECSKP_MAX_VALUE_BYTES)
        return ecskp__refuse(diag, ECSKP_ERR_VALUE_TOO_LONG, name, "%s is longer than %d bytes",
                             name, ECSKP_MAX_VALUE_BYTES);
    return ECSKP_OK;
}

static ecskp_status check_extra_name(const char *name, ecskp_diag *diag) {
    if (name != NULL && strcmp(name, "TimeStamp") == 0)
        return ecskp__refuse(diag, ECSKP_ERR_MISSPELLED_PARAMETER, name,
                             "parameter \"TimeStamp\" is misspelled: the name is \"Timestamp\"");
    if (name != NULL && strcmp(name, "Action") == 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ACTION, name,
                             "Action comes from the request's action field, not from extra");
    return ECSKP_OK;
}

static ecskp_status check_arguments(const ecskp_keypair *op, ecskp_diag *diag) {
    int have_array = op->instance_ids != NULL || op->instance_id_count > 0;
    if (have_array && op->instance_ids_json != NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds",
                             "give InstanceIds as an array or as JSON text, not both");
    if (op->instance_ids == NULL && op->instance_id_count > 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds",
                             "instance_ids is NULL with a count");
    if (op->extra == NULL && op->extra_count > 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL,
                             "extra is NULL with extra_count > 0");
    if ((op->ids_flags & ~(unsigned)ECSKP_IDS_STRICT) != 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "ids_flags",
                             "unknown ids_flags 0x%x", op->ids_flags);
    return ECSKP_OK;
}

static ecskp_status check_required(const ecskp_keypair *op, ecskp_diag *diag) {
    if (op->action == ECSKP_ACTION_UNSET)
        return missing(diag, "Action");
    if (ecskp_action_name(op->action) == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ACTION, "Action",
                             "action %d is neither AttachKeyPair nor DetachKeyPair",
                             (int)op->action);
    if (!present(op->region_id))
        return missing(diag, "RegionId");
    if (!present(op->key_pair_name))
        return missing(diag, "KeyPairName");
    if (op->instance_ids == NULL && !present(op->instance_ids_json))
        return missing(diag, "InstanceIds");
    if (op->format != ECSKP_FORMAT_UNSET && ecskp_format_name(op->format) == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, "Format",
                             "format %d is neither JSON nor XML", (int)op->format);
    return ECSKP_OK;
}

const ecskp__keypair_field ecskp__keypair_fields[ECSKP__KEYPAIR_FIELDS] = {
    {"RegionId", offsetof(ecskp_keypair, region_id)},
    {"KeyPairName", offsetof(ecskp_keypair, key_pair_name)},
    {"Version", offsetof(ecskp_keypair, version)},
    {"OwnerId", offsetof(ecskp_keypair, owner_id)},
    {"OwnerAccount", offsetof(ecskp_keypair, owner_account)},
    {"ResourceOwnerId", offsetof(ecskp_keypair, resource_owner_id)},
    {"ResourceOwnerAccount", offsetof(ecskp_keypair, resource_owner_account)},
};

static const char *typed_value(const ecskp_keypair *op, size_t i) {
    const char *v;
    memcpy(&v, (const char *)op + ecskp__keypair_fields[i].offset, sizeof v);
    return v;
}

static ecskp_status add_ids(const ecskp_keypair *op, ecskp_param_set *out, ecskp_diag *diag) {
    size_t needed = 0;
    if (op->instance_ids != NULL)
        ECSKP_GUARD(ecskp_ids_build(op->instance_ids, op->instance_id_count, op->ids_flags,
                                    out->ids_json, sizeof out->ids_json, &needed, diag));
    else
        ECSKP_GUARD(ecskp_ids_normalize(op->instance_ids_json, strlen(op->instance_ids_json),
                                        op->ids_flags, NULL, out->ids_json, sizeof out->ids_json,
                                        &needed, diag));
    return add(out, "InstanceIds", out->ids_json, diag);
}

static ecskp_status add_extra(const ecskp_keypair *op, ecskp_param_set *out, ecskp_diag *diag) {
    for (size_t i = 0; i < op->extra_count; i++) {
        const ecskp_param *x = &op->extra[i];
        ECSKP_GUARD(check_extra_name(x->name, diag));
        /* A Timestamp or Format given through extra reaches the gateway just the same, so it
         * gets the same checks as the typed fields. */
        if (x->name != NULL && strcmp(x->name, "Timestamp") == 0)
            ECSKP_GUARD(ecskp_timestamp_check(x->value, diag));
        if (x->name != NULL && strcmp(x->name, "Format") == 0)
            ECSKP_GUARD(check_format_text(x->value, diag));
        ECSKP_GUARD(add(out, x->name, x->value, diag));
    }
    return ECSKP_OK;
}

ecskp_status ecskp_keypair_build(const ecskp_keypair *op, ecskp_param_set *out, ecskp_diag *diag) {
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (op == NULL || out == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "op or out is NULL");
    ecskp_status rc = check_arguments(op, diag);
    if (rc == ECSKP_OK)
        rc = check_required(op, diag);
    for (size_t i = 0; rc == ECSKP_OK && i < ECSKP__KEYPAIR_FIELDS; i++)
        rc = check_length(ecskp__keypair_fields[i].name, typed_value(op, i), diag);
    if (rc == ECSKP_OK)
        rc = add(out, "Action", ecskp_action_name(op->action), diag);
    if (rc == ECSKP_OK)
        rc = add_ids(op, out, diag);
    if (rc == ECSKP_OK && op->format != ECSKP_FORMAT_UNSET)
        rc = add(out, "Format", ecskp_format_name(op->format), diag);
    for (size_t i = 0; rc == ECSKP_OK && i < ECSKP__KEYPAIR_FIELDS; i++)
        rc = add_opt(out, ecskp__keypair_fields[i].name, typed_value(op, i), diag);
    if (rc == ECSKP_OK)
        rc = add_extra(op, out, diag);
    /* Names, duplicates and UTF-8 are checked here so that a built set always encodes. */
    if (rc == ECSKP_OK) {
        unsigned short order[ECSKP_MAX_PARAMS];
        size_t n = 0;
        rc = ecskp__canonical_check(out->params, out->count, 0, order, &n, diag);
    }
    if (rc != ECSKP_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    return ecskp__ok(diag);
}
