/* SPDX-License-Identifier: MIT */
/*
 * fuzz_instance_ids - the InstanceIds parameter.
 *
 * Targets: ecskp_ids_normalize() (caller-supplied JSON text) and ecskp_ids_build().
 *
 * Input: the first byte chooses the flags (bit 0: ECSKP_IDS_STRICT) and the entry point
 * (bit 1 clear: the rest is JSON text for ecskp_ids_normalize; set: the rest is split at '\n'
 * into up to 60 IDs for ecskp_ids_build).
 *
 * Properties (abort on violation):
 *   - JSON text: on success the output is compact, holds 1..50 distinct valid IDs (checked by
 *     an independent scanner), equals what cJSON reads from the input, parses again to itself
 *     (IDs parsed, emitted and parsed again are identical), and ecskp_ids_build() of those
 *     IDs emits the same text; a failure is one of the documented statuses with `*needed` 0
 *     (ids_too_many, ids_invalid_element and ids_duplicate with a diag.index in range);
 *   - C array: succeeds iff the IDs are valid by the documented rules (1..50 IDs, 1..64 bytes of
 *     printable ASCII other than space, `"` and `\`, no duplicate, `i-[a-z0-9]+` when strict);
 *     the text is exactly `["id1","id2",...]` and normalizes to itself;
 *   - `*needed` (the NUL counted) is exact on every size query and on success, and never
 *     exceeds ECSKP_IDS_JSON_SIZE.
 */
#include <cjson/cJSON.h>
#include <ecskp/encode.h>

#include "fuzz_common.h"

#define MAX_IDS 60

static int id_valid(const char *s, size_t n, unsigned flags) {
    if (n == 0 || n > ECSKP_MAX_INSTANCE_ID_BYTES)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\\')
            return 0;
    }
    if (flags & ECSKP_IDS_STRICT) {
        if (n < 3 || s[0] != 'i' || s[1] != '-')
            return 0;
        for (size_t i = 2; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                return 0;
        }
    }
    return 1;
}

static int list_valid(char **ids, size_t count, unsigned flags) {
    if (count == 0 || count > ECSKP_MAX_INSTANCE_IDS)
        return 0;
    for (size_t i = 0; i < count; i++) {
        if (!id_valid(ids[i], strlen(ids[i]), flags))
            return 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(ids[i], ids[j]) == 0)
                return 0;
    }
    return 1;
}

/* Splits compact output `["a","b"]` into NUL-terminated IDs in `store`. Returns the count. */
static size_t scan_compact(const char *s, size_t len, char *store, char **ids) {
    FUZZ_CHECK(len >= 4 && s[0] == '[' && s[len - 1] == ']');
    size_t i = 1, n = 0;
    char *o = store;
    for (;;) {
        FUZZ_CHECK(i < len && s[i] == '"');
        i++;
        FUZZ_CHECK(n < MAX_IDS);
        ids[n++] = o;
        while (i < len && s[i] != '"')
            *o++ = s[i++];
        *o++ = '\0';
        FUZZ_CHECK(i < len);
        i++;
        FUZZ_CHECK(i < len);
        if (s[i] == ']') {
            FUZZ_CHECK(i == len - 1);
            return n;
        }
        FUZZ_CHECK(s[i] == ',');
        i++;
    }
}

static void check_output(const char *out, size_t len, unsigned flags) {
    char *store = fuzz_xmalloc(len);
    char *ids[MAX_IDS];
    size_t n = scan_compact(out, len, store, ids);
    FUZZ_CHECK(list_valid(ids, n, flags));

    /* Parsed again: identical. */
    char again[ECSKP_IDS_JSON_SIZE];
    size_t needed = 0;
    ecskp_status rc =
        ecskp_ids_normalize(out, len, flags, NULL, again, sizeof again, &needed, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && needed == len + 1 && memcmp(again, out, len + 1) == 0);

    /* The array entry point emits the same text, into exactly `*needed` bytes too. */
    rc = ecskp_ids_build((const char *const *)ids, n, flags, NULL, 0, &needed, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed == len + 1);
    rc = ecskp_ids_build((const char *const *)ids, n, flags, again, needed, &needed, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && needed == len + 1 && memcmp(again, out, len + 1) == 0);
    free(store);
}

/* ids_too_many, ids_invalid_element and ids_duplicate say where (encode.h). */
static void check_index(ecskp_status rc, const ecskp_diag *diag) {
    if (rc == ECSKP_ERR_IDS_TOO_MANY)
        FUZZ_CHECK(diag->index > ECSKP_MAX_INSTANCE_IDS && diag->index != ECSKP_NO_INDEX);
    if (rc == ECSKP_ERR_IDS_INVALID_ELEMENT || rc == ECSKP_ERR_IDS_DUPLICATE)
        FUZZ_CHECK(diag->index != ECSKP_NO_INDEX);
}

static void fuzz_text(const uint8_t *data, size_t size, unsigned flags) {
    char *json = fuzz_xmalloc(size); /* exact size, no NUL: over-reads are caught */
    if (size)
        memcpy(json, data, size);
    char out[ECSKP_IDS_JSON_SIZE];
    size_t needed = 777;
    ecskp_diag diag;
    ecskp_status rc = ecskp_ids_normalize(json, size, flags, NULL, out, sizeof out, &needed, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(rc == ECSKP_ERR_IDS_MALFORMED || rc == ECSKP_ERR_IDS_NOT_ARRAY ||
                   rc == ECSKP_ERR_IDS_EMPTY || rc == ECSKP_ERR_IDS_TOO_MANY ||
                   rc == ECSKP_ERR_IDS_INVALID_ELEMENT || rc == ECSKP_ERR_IDS_DUPLICATE ||
                   rc == ECSKP_ERR_OUT_OF_MEMORY);
        FUZZ_CHECK(needed == 0);
        check_index(rc, &diag);
        free(json);
        return;
    }
    FUZZ_CHECK(needed >= 1 && needed <= sizeof out);
    size_t len = needed - 1;
    FUZZ_CHECK(out[len] == '\0' && strlen(out) == len);
    check_output(out, len, flags);

    /* What an independent reading of the input holds: the same strings, in order. */
    cJSON *doc = cJSON_ParseWithLength(json, size);
    FUZZ_CHECK(doc != NULL && cJSON_IsArray(doc));
    size_t pos = 1;
    for (cJSON *e = doc->child; e; e = e->next) {
        FUZZ_CHECK(cJSON_IsString(e));
        size_t n = strlen(e->valuestring);
        FUZZ_CHECK(pos + n + 2 < len);
        FUZZ_CHECK(out[pos] == '"' && memcmp(out + pos + 1, e->valuestring, n) == 0);
        FUZZ_CHECK(out[pos + n + 1] == '"');
        pos += n + 3;
    }
    FUZZ_CHECK(pos == len);
    cJSON_Delete(doc);

    size_t needed2 = 0;
    rc = ecskp_ids_normalize(json, size, flags, NULL, NULL, 0, &needed2, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed2 == needed);
    free(json);
}

static void fuzz_array(const uint8_t *data, size_t size, unsigned flags) {
    char *ids[MAX_IDS];
    char *block;
    size_t n = fuzz_split_lines(data, size, ids, MAX_IDS, &block);
    int valid = list_valid(ids, n, flags);
    char out[ECSKP_IDS_JSON_SIZE];
    size_t needed = 777;
    ecskp_diag diag;
    ecskp_status rc =
        ecskp_ids_build((const char *const *)ids, n, flags, out, sizeof out, &needed, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (!valid) {
        FUZZ_CHECK(rc == ECSKP_ERR_IDS_EMPTY || rc == ECSKP_ERR_IDS_TOO_MANY ||
                   rc == ECSKP_ERR_IDS_INVALID_ELEMENT || rc == ECSKP_ERR_IDS_DUPLICATE);
        FUZZ_CHECK(needed == 0);
        check_index(rc, &diag);
        if (rc == ECSKP_ERR_IDS_TOO_MANY)
            FUZZ_CHECK(diag.index == n);
        if (rc == ECSKP_ERR_IDS_INVALID_ELEMENT || rc == ECSKP_ERR_IDS_DUPLICATE)
            FUZZ_CHECK(diag.index < n);
        free(block);
        return;
    }
    FUZZ_CHECK(rc == ECSKP_OK && needed >= 1);
    size_t len = needed - 1;
    /* Exactly ["id1","id2",...]. */
    size_t pos = 0;
    FUZZ_CHECK(out[pos++] == '[');
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(ids[i]);
        if (i > 0)
            FUZZ_CHECK(out[pos++] == ',');
        FUZZ_CHECK(out[pos++] == '"');
        FUZZ_CHECK(memcmp(out + pos, ids[i], l) == 0);
        pos += l;
        FUZZ_CHECK(out[pos++] == '"');
    }
    FUZZ_CHECK(out[pos++] == ']');
    FUZZ_CHECK(pos == len && out[len] == '\0');
    check_output(out, len, flags);
    free(block);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    unsigned flags = (data[0] & 1) ? ECSKP_IDS_STRICT : 0;
    if (data[0] & 2)
        fuzz_array(data + 1, size - 1, flags);
    else
        fuzz_text(data + 1, size - 1, flags);
    return 0;
}
