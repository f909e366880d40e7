/* SPDX-License-Identifier: MIT */
/*
 * fuzz_keypair_request - the typed AttachKeyPair/DetachKeyPair operation.
 *
 * Targets: ecskp_keypair_build(), ecskp_query_build() of its set, ecskp_timestamp_check(),
 * ecskp_action_name(), ecskp_json_query() (the same request as a JSON document), and through
 * them ecskp_ids_normalize()/ecskp_ids_build().
 *
 * Input: byte 0 chooses the action (bits 0-1: Attach, Detach, unset, 99), how InstanceIds are
 * given (bit 2: a C array split at ',' instead of JSON text), ECSKP_IDS_STRICT (bit 3) and
 * whether an empty line is "" or absent (bit 4). The rest is split at '\n': RegionId,
 * KeyPairName, InstanceIds, AccessKeyId, Format, Version, SignatureMethod, SignatureVersion,
 * SignatureNonce, Timestamp, SecurityToken, OwnerId, OwnerAccount, ResourceOwnerId,
 * ResourceOwnerAccount, then extra parameters as `name=value` lines. (The 0.x framing, kept so
 * the seeds keep their meaning.) The common parameters (AccessKeyId, SignatureMethod,
 * SignatureVersion, SignatureNonce, Timestamp, SecurityToken) are no longer fields of the
 * operation: a present one goes into `extra` under its name, before the extra lines, as a
 * caller whose signer leaves them unset gives them. Format: "JSON" and "XML" are the enum
 * values, a single digit d is the value d (so 0 is unset and 3-9 are invalid), anything else
 * is 99 (invalid); absent is unset.
 *
 * Properties (abort on violation):
 *   - an operation without a valid action, a required field, or with a typed value over
 *     ECSKP_MAX_VALUE_BYTES or an invalid Format never builds; a failure reports its status in
 *     the diag, is one of the documented statuses, and leaves the set zeroed; the first
 *     failing check of encode.h's order gives its exact status and diag.field (unset Action,
 *     then a missing RegionId, KeyPairName, InstanceIds, then Format, then the first typed
 *     value that is too long; Action 99 is invalid_action once the others are present);
 *   - on success the set holds Action, RegionId, KeyPairName and InstanceIds, every given
 *     typed field and every extra with its value, Format iff it was set, names valid and
 *     unique and never `TimeStamp`; InstanceIds is normalized (normalizes to itself);
 *     Timestamp is valid and Format is JSON or XML when present;
 *   - the set always encodes (ecskp_query_build() succeeds, its `*needed` exact on the size
 *     query), and ecskp_json_query() of the same request written as a JSON document gives
 *     exactly that canonical query.
 */
#include <cjson/cJSON.h>
#include <ecskp/encode.h>
#include <ecskp/json.h>

#include "fuzz_common.h"

#define N_TYPED 15
#define MAX_LINES (N_TYPED + 130)
#define MAX_IDS 60
#define L_IDS 2
#define L_FORMAT 4

static const char *const typed_names[N_TYPED] = {
    "RegionId",       "KeyPairName",     "InstanceIds",         "AccessKeyId",
    "Format",         "Version",         "SignatureMethod",     "SignatureVersion",
    "SignatureNonce", "Timestamp",       "SecurityToken",       "OwnerId",
    "OwnerAccount",   "ResourceOwnerId", "ResourceOwnerAccount"};

/* Lines that are fields of ecskp_keypair (the others go into extra). */
static int is_op_field(size_t i) {
    return i <= 2 || i == L_FORMAT || i == 5 || i >= 11;
}

typedef struct input {
    uint8_t mode;
    const char *f[N_TYPED];
    char *ids[MAX_IDS];
    size_t id_count;
    ecskp_param extra[MAX_LINES];
    size_t extra_count;
    size_t common_count; /* extra[0..common_count) came from typed lines */
    ecskp_keypair op;
} input;

static const char *find(const ecskp_param_set *set, const char *name) {
    const char *v = NULL;
    for (size_t i = 0; i < set->count; i++) {
        if (strcmp(set->params[i].name, name) == 0) {
            FUZZ_CHECK(v == NULL); /* unique */
            v = set->params[i].value;
        }
    }
    return v;
}

static int present(const char *s) {
    return s != NULL && *s != '\0';
}

static ecskp_format format_of(const char *s) {
    if (s == NULL)
        return ECSKP_FORMAT_UNSET;
    if (strcmp(s, "JSON") == 0)
        return ECSKP_FORMAT_JSON;
    if (strcmp(s, "XML") == 0)
        return ECSKP_FORMAT_XML;
    if (s[0] >= '0' && s[0] <= '9' && s[1] == '\0')
        return (ecskp_format)(s[0] - '0');
    return (ecskp_format)99;
}

static void add_extra(input *in, const char *name, const char *value) {
    in->extra[in->extra_count].name = name;
    in->extra[in->extra_count].value = value;
    in->extra_count++;
}

static void frame(input *in, char **lines, size_t n) {
    static const int actions[4] = {ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_ACTION_DETACH_KEY_PAIR,
                                   ECSKP_ACTION_UNSET, 99};
    for (size_t i = 0; i < N_TYPED && i < n; i++)
        in->f[i] = (lines[i][0] || (in->mode & 16)) ? lines[i] : NULL;
    ecskp_keypair *op = &in->op;
    op->action = (ecskp_action)actions[in->mode & 3];
    op->region_id = in->f[0];
    op->key_pair_name = in->f[1];
    op->ids_flags = (in->mode & 8) ? ECSKP_IDS_STRICT : 0;
    if (in->mode & 4) {
        /* A C array: the line split at ','. */
        char *p = (char *)in->f[L_IDS];
        while (p && in->id_count < MAX_IDS) {
            in->ids[in->id_count++] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        op->instance_ids = in->f[L_IDS] ? (const char *const *)in->ids : NULL;
        op->instance_id_count = in->id_count;
    } else {
        op->instance_ids_json = in->f[L_IDS];
    }
    op->format = format_of(in->f[L_FORMAT]);
    op->version = in->f[5];
    op->owner_id = in->f[11];
    op->owner_account = in->f[12];
    op->resource_owner_id = in->f[13];
    op->resource_owner_account = in->f[14];
    for (size_t i = 0; i < N_TYPED; i++)
        if (!is_op_field(i) && in->f[i])
            add_extra(in, typed_names[i], in->f[i]);
    in->common_count = in->extra_count;
    for (size_t i = N_TYPED; i < n; i++) {
        char *eq = strchr(lines[i], '=');
        if (eq)
            *eq = '\0';
        add_extra(in, lines[i], eq ? eq + 1 : "");
    }
    op->extra = in->extra_count ? in->extra : NULL;
    op->extra_count = in->extra_count;
}

static int status_documented(ecskp_status rc) {
    switch (rc) {
    case ECSKP_ERR_INVALID_ARGUMENT:
    case ECSKP_ERR_MISSING_PARAMETER:
    case ECSKP_ERR_INVALID_ACTION:
    case ECSKP_ERR_INVALID_PARAMETER_VALUE:
    case ECSKP_ERR_VALUE_TOO_LONG:
    case ECSKP_ERR_IDS_MALFORMED:
    case ECSKP_ERR_IDS_NOT_ARRAY:
    case ECSKP_ERR_IDS_EMPTY:
    case ECSKP_ERR_IDS_TOO_MANY:
    case ECSKP_ERR_IDS_INVALID_ELEMENT:
    case ECSKP_ERR_IDS_DUPLICATE:
    case ECSKP_ERR_OUT_OF_MEMORY:
    case ECSKP_ERR_INVALID_TIMESTAMP:
    case ECSKP_ERR_MISSPELLED_PARAMETER:
    case ECSKP_ERR_DUPLICATE_PARAMETER:
    case ECSKP_ERR_INVALID_PARAMETER_NAME:
    case ECSKP_ERR_INVALID_UTF8:
    case ECSKP_ERR_TOO_MANY_PARAMETERS:
        return 1;
    default:
        return 0;
    }
}

/* The first check of ecskp_keypair_build()'s documented order that this operation fails, as
 * a status and diag.field; ECSKP_OK when it passes them all (later checks may still fail). */
static ecskp_status first_failure(const ecskp_keypair *op, const char **field) {
    static const char *const names[] = {
        "RegionId",        "KeyPairName",         "Version", "OwnerId", "OwnerAccount",
        "ResourceOwnerId", "ResourceOwnerAccount"};
    const char *values[] = {op->region_id,
                            op->key_pair_name,
                            op->version,
                            op->owner_id,
                            op->owner_account,
                            op->resource_owner_id,
                            op->resource_owner_account};
    *field = "Action";
    if (op->action == ECSKP_ACTION_UNSET)
        return ECSKP_ERR_MISSING_PARAMETER;
    *field = !present(op->region_id)                                  ? "RegionId"
             : !present(op->key_pair_name)                            ? "KeyPairName"
             : (!op->instance_ids && !present(op->instance_ids_json)) ? "InstanceIds"
                                                                      : NULL;
    if (*field)
        return ecskp_action_name(op->action) ? ECSKP_ERR_MISSING_PARAMETER
                                             : ECSKP_STATUS_COUNT_; /* either (see report) */
    *field = "Action";
    if (!ecskp_action_name(op->action))
        return ECSKP_ERR_INVALID_ACTION;
    *field = "Format";
    if (op->format != ECSKP_FORMAT_UNSET && !ecskp_format_name(op->format))
        return ECSKP_ERR_INVALID_PARAMETER_VALUE;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        *field = names[i];
        if (values[i] && strlen(values[i]) > ECSKP_MAX_VALUE_BYTES)
            return ECSKP_ERR_VALUE_TOO_LONG;
    }
    *field = NULL;
    return ECSKP_OK;
}

/* What a successful build promises about the set. */
static void check_set(const input *in, const ecskp_param_set *set) {
    const ecskp_keypair *op = &in->op;
    const char *action = ecskp_action_name(op->action);
    FUZZ_CHECK(action != NULL);
    FUZZ_CHECK(present(op->region_id) && present(op->key_pair_name));
    FUZZ_CHECK((in->mode & 4) ? in->id_count > 0 : present(op->instance_ids_json));
    FUZZ_CHECK(set->count <= ECSKP_MAX_PARAMS);
    FUZZ_CHECK(op->format == ECSKP_FORMAT_UNSET || ecskp_format_name(op->format) != NULL);

    const char *v = find(set, "Action");
    FUZZ_CHECK(v && strcmp(v, action) == 0);
    FUZZ_CHECK(find(set, "TimeStamp") == NULL);
    for (size_t i = 0; i < N_TYPED; i++) {
        v = find(set, typed_names[i]);
        if (i == L_IDS) {
            FUZZ_CHECK(v != NULL);
            char again[ECSKP_IDS_JSON_SIZE];
            size_t needed = 0;
            ecskp_status r2 = ecskp_ids_normalize(v, strlen(v), op->ids_flags, NULL, again,
                                                  sizeof again, &needed, NULL);
            FUZZ_CHECK(r2 == ECSKP_OK && needed == strlen(v) + 1 && strcmp(again, v) == 0);
        } else if (i == L_FORMAT && op->format != ECSKP_FORMAT_UNSET) {
            FUZZ_CHECK(v != NULL && strcmp(v, ecskp_format_name(op->format)) == 0);
        } else if (i != L_FORMAT && in->f[i]) {
            FUZZ_CHECK(strlen(in->f[i]) <= ECSKP_MAX_VALUE_BYTES || !is_op_field(i));
            FUZZ_CHECK(v != NULL && strcmp(v, in->f[i]) == 0);
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        FUZZ_CHECK(fuzz_param_name_valid(set->params[i].name));
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(set->params[i].name, set->params[j].name) != 0);
    }
    for (size_t i = 0; i < in->extra_count; i++) {
        v = find(set, in->extra[i].name);
        /* An extra Timestamp/Format is checked, never rewritten. */
        FUZZ_CHECK(v != NULL && strcmp(v, in->extra[i].value) == 0);
    }
    v = find(set, "Timestamp");
    if (v)
        FUZZ_CHECK(ecskp_timestamp_check(v, NULL) == ECSKP_OK);
    v = find(set, "Format");
    if (v)
        FUZZ_CHECK(strcmp(v, "JSON") == 0 || strcmp(v, "XML") == 0);
}

/* The same request as the JSON document of ecskp_json_query(). */
static char *as_json(const input *in) {
    const ecskp_keypair *op = &in->op;
    cJSON *root = cJSON_CreateObject();
    cJSON *req = cJSON_AddObjectToObject(root, "request");
    FUZZ_CHECK(root && req);
    cJSON_AddStringToObject(req, "Action", ecskp_action_name(op->action));
    for (size_t i = 0; i < N_TYPED; i++) {
        if (!is_op_field(i) || i == L_IDS)
            continue;
        if (i == L_FORMAT) {
            if (op->format != ECSKP_FORMAT_UNSET)
                cJSON_AddStringToObject(req, "Format", ecskp_format_name(op->format));
        } else if (in->f[i]) {
            cJSON_AddStringToObject(req, typed_names[i], in->f[i]);
        }
    }
    if (op->instance_ids) {
        cJSON *a = cJSON_AddArrayToObject(req, "InstanceIds");
        for (size_t i = 0; i < op->instance_id_count; i++)
            cJSON_AddItemToArray(a, cJSON_CreateString(op->instance_ids[i]));
    } else {
        cJSON_AddStringToObject(req, "InstanceIds", op->instance_ids_json);
    }
    for (size_t i = 0; i < in->extra_count; i++)
        cJSON_AddStringToObject(req, in->extra[i].name, in->extra[i].value);
    char *text = cJSON_PrintUnformatted(root);
    FUZZ_CHECK(text != NULL);
    cJSON_Delete(root);
    return text;
}

/* The set encodes, exactly sized, and the JSON entry point agrees. */
static void check_query(const input *in, const ecskp_param_set *set) {
    size_t needed = 0, needed2 = 0;
    ecskp_status rc = ecskp_query_build(set->params, set->count, NULL, 0, &needed, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed > 0);
    char *q = fuzz_xmalloc(needed);
    rc = ecskp_query_build(set->params, set->count, q, needed, &needed2, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && needed2 == needed && strlen(q) + 1 == needed);

    /* Skipped when the request has no JSON spelling with the same meaning: a strict set of
     * IDs is also a valid non-strict one, so only the flag itself is lost. */
    char *doc = as_json(in);
    char *out = NULL;
    ecskp_diag diag;
    rc = ecskp_json_query(doc, strlen(doc), &out, &diag);
    if (rc != ECSKP_OK)
        fprintf(stderr, "ecskp_json_query: %s (%s): %s\ndoc: %s\n", diag.name, diag.field,
                diag.message, doc);
    FUZZ_CHECK(rc == ECSKP_OK && out != NULL);
    cJSON *ans = cJSON_Parse(out);
    FUZZ_CHECK(ans != NULL && cJSON_IsObject(ans));
    cJSON *cq = cJSON_GetObjectItemCaseSensitive(ans, "canonical_query");
    FUZZ_CHECK(cJSON_IsString(cq) && strcmp(cq->valuestring, q) == 0);
    cJSON_Delete(ans);
    ecskp_json_free(out);
    cJSON_free(doc);
    free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    char *lines[MAX_LINES];
    char *block;
    size_t n = fuzz_split_lines(data + 1, size - 1, lines, MAX_LINES, &block);
    input *in = fuzz_xmalloc(sizeof *in);
    memset(in, 0, sizeof *in);
    in->mode = data[0];
    frame(in, lines, n);

    ecskp_param_set *set = fuzz_xmalloc(sizeof *set);
    memset(set, 0xA5, sizeof *set);
    ecskp_diag diag;
    ecskp_status rc = ecskp_keypair_build(&in->op, set, &diag);
    FUZZ_CHECK(diag.status == rc);
    const char *field = NULL;
    ecskp_status first = first_failure(&in->op, &field);
    if (first == ECSKP_STATUS_COUNT_) /* action 99 and a missing field: either comes first */
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ACTION || rc == ECSKP_ERR_MISSING_PARAMETER);
    else if (first != ECSKP_OK)
        FUZZ_CHECK(rc == first && strcmp(diag.field, field) == 0);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(status_documented(rc));
        FUZZ_CHECK(set->count == 0 && set->ids_json[0] == '\0');
    } else {
        check_set(in, set);
        check_query(in, set);
    }
    free(set);
    free(in);
    free(block);
    return 0;
}
