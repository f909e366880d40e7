/*
 * fuzz_keypair_request - the typed AttachKeyPair/DetachKeyPair request encoder.
 *
 * Targets: ecskp_keypair_params(), ecskp_keypair_query(), ecskp_timestamp_valid(),
 * ecskp_action_name(), and through them ecskp_ids_normalize()/ecskp_ids_from_array() and
 * ecskp_canonical_query().
 *
 * Input: byte 0 chooses the action (bits 0-1: Attach, Detach, 0, 99), how InstanceIds are
 * given (bit 2: a C array split at ',' instead of JSON text), ECSKP_IDS_STRICT (bit 3) and
 * whether an empty line is "" or absent (bit 4). The rest is split at '\n': RegionId,
 * KeyPairName, InstanceIds, AccessKeyId, Format, Version, SignatureMethod, SignatureVersion,
 * SignatureNonce, Timestamp, SecurityToken, OwnerId, OwnerAccount, ResourceOwnerId,
 * ResourceOwnerAccount, then extra parameters as `name=value` lines.
 *
 * Properties (abort on violation):
 *   - a request without a valid action or a required field never succeeds;
 *   - on success the parameter set holds Action, RegionId, KeyPairName and InstanceIds, every
 *     non-empty typed field and every extra with its value, names unique and never
 *     `TimeStamp`; InstanceIds is normalized (normalizes to itself); Timestamp is valid and
 *     Format is JSON or XML when present;
 *   - ecskp_keypair_query() is exactly ecskp_canonical_query() of that set, its size query exact;
 *   - failures report the status in the diag and out_len 0.
 */
#include <ecskp/encode.h>

#include "fuzz_common.h"

#define N_TYPED 15
#define MAX_LINES (N_TYPED + 130)
#define MAX_IDS 60

static const char *const typed_names[N_TYPED] = {
    "RegionId",       "KeyPairName",     "InstanceIds",         "AccessKeyId",
    "Format",         "Version",         "SignatureMethod",     "SignatureVersion",
    "SignatureNonce", "Timestamp",       "SecurityToken",       "OwnerId",
    "OwnerAccount",   "ResourceOwnerId", "ResourceOwnerAccount"};

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    char *lines[MAX_LINES];
    char *block;
    size_t n = fuzz_split_lines(data + 1, size - 1, lines, MAX_LINES, &block);
    const char *f[N_TYPED] = {0};
    for (size_t i = 0; i < N_TYPED && i < n; i++)
        f[i] = (lines[i][0] || (mode & 16)) ? lines[i] : NULL;

    ecskp_keypair_request req;
    memset(&req, 0, sizeof req);
    static const int actions[4] = {ECSKP_ACTION_ATTACH_KEY_PAIR, ECSKP_ACTION_DETACH_KEY_PAIR, 0,
                                   99};
    req.action = (ecskp_action)actions[mode & 3];
    req.region_id = f[0];
    req.key_pair_name = f[1];
    req.ids_flags = (mode & 8) ? ECSKP_IDS_STRICT : 0;
    char *ids[MAX_IDS];
    size_t id_count = 0;
    if (mode & 4) {
        /* A C array: the line split at ','. */
        char *p = (char *)f[2];
        while (p && id_count < MAX_IDS) {
            ids[id_count++] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        req.instance_ids = (const char *const *)ids;
        req.instance_id_count = id_count;
    } else {
        req.instance_ids_json = f[2];
    }
    req.access_key_id = f[3];
    req.format = f[4];
    req.version = f[5];
    req.signature_method = f[6];
    req.signature_version = f[7];
    req.signature_nonce = f[8];
    req.timestamp = f[9];
    req.security_token = f[10];
    req.owner_id = f[11];
    req.owner_account = f[12];
    req.resource_owner_id = f[13];
    req.resource_owner_account = f[14];

    ecskp_param extra[MAX_LINES];
    size_t extra_count = 0;
    for (size_t i = N_TYPED; i < n; i++) {
        char *eq = strchr(lines[i], '=');
        extra[extra_count].name = lines[i];
        extra[extra_count].value = "";
        if (eq) {
            *eq = '\0';
            extra[extra_count].value = eq + 1;
        }
        extra_count++;
    }
    req.extra = extra_count ? extra : NULL;
    req.extra_count = extra_count;

    ecskp_param_set *set = fuzz_xmalloc(sizeof *set);
    ecskp_diag diag;
    ecskp_status rc = ecskp_keypair_params(&req, set, &diag);
    FUZZ_CHECK(diag.status == rc);

    size_t cap = 3 * size + 3 * ECSKP_IDS_JSON_SIZE + 64;
    char *q = fuzz_xmalloc(cap);
    size_t qlen = 777;
    ecskp_status qrc = ecskp_keypair_query(&req, q, cap, &qlen, NULL);
    FUZZ_CHECK(qrc == rc);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(qlen == 0);
        goto done;
    }

    /* Required fields and a valid action. */
    const char *action = ecskp_action_name(req.action);
    FUZZ_CHECK(action != NULL);
    FUZZ_CHECK(present(req.region_id) && present(req.key_pair_name));
    FUZZ_CHECK((mode & 4) ? id_count > 0 : present(req.instance_ids_json));
    FUZZ_CHECK(set->count <= ECSKP_MAX_PARAMS);

    const char *v = find(set, "Action");
    FUZZ_CHECK(v && strcmp(v, action) == 0);
    FUZZ_CHECK(find(set, "TimeStamp") == NULL);
    for (size_t i = 0; i < N_TYPED; i++) {
        v = find(set, typed_names[i]);
        if (i == 2) {
            FUZZ_CHECK(v != NULL);
            char again[ECSKP_IDS_JSON_SIZE];
            size_t l2 = 0;
            ecskp_status r2 = ecskp_ids_normalize(v, strlen(v), req.ids_flags, NULL, again,
                                                  sizeof again, &l2, NULL);
            FUZZ_CHECK(r2 == ECSKP_OK && strcmp(again, v) == 0);
        } else if (present(f[i])) {
            FUZZ_CHECK(v != NULL && strcmp(v, f[i]) == 0);
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        FUZZ_CHECK(fuzz_param_name_valid(set->params[i].name));
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(set->params[i].name, set->params[j].name) != 0);
    }
    for (size_t i = 0; i < extra_count; i++) {
        v = find(set, extra[i].name);
        FUZZ_CHECK(v != NULL);
        /* An extra Timestamp/Format may be normalized only if it is checked the same way. */
        FUZZ_CHECK(strcmp(v, extra[i].value) == 0);
    }
    v = find(set, "Timestamp");
    if (v)
        FUZZ_CHECK(ecskp_timestamp_valid(v));
    v = find(set, "Format");
    if (v)
        FUZZ_CHECK(strcmp(v, "JSON") == 0 || strcmp(v, "XML") == 0);

    /* The typed query is the generic query of the set. */
    {
        char *g = fuzz_xmalloc(cap);
        size_t glen = 0;
        ecskp_status grc = ecskp_canonical_query(set->params, set->count, g, cap, &glen, NULL);
        FUZZ_CHECK(grc == ECSKP_OK && glen == qlen && memcmp(g, q, qlen + 1) == 0);
        free(g);
        size_t l2 = 0;
        grc = ecskp_keypair_query(&req, NULL, 0, &l2, NULL);
        FUZZ_CHECK(grc == ECSKP_ERR_BUFFER_TOO_SMALL && l2 == qlen);
    }
done:
    free(q);
    free(set);
    free(block);
    return 0;
}
