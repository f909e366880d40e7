/* SPDX-License-Identifier: MIT */
/* ids.c - the InstanceIds parameter: validation and the compact JSON form. */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ecskp/call.h"
#include "ecskp/encode.h"
#include "internal.h"

/* Checks one ID; returns a static reason, or NULL when it is valid. */
static const char *id_problem(const char *id, size_t len, unsigned flags) {
    if (len == 0)
        return "is empty";
    if (len > ECSKP_MAX_INSTANCE_ID_BYTES)
        return "is longer than 64 bytes";
    /* 8 bytes at a time while all pass (IDs almost always do), then byte by byte. */
    const unsigned char *u = (const unsigned char *)id, *t = ecskp__ctype;
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        if (!(t[u[i]] & t[u[i + 1]] & t[u[i + 2]] & t[u[i + 3]] & t[u[i + 4]] & t[u[i + 5]] &
              t[u[i + 6]] & t[u[i + 7]] & ECSKP__C_ID))
            break;
    for (; i < len; i++) {
        if (!(t[u[i]] & ECSKP__C_ID))
            return "has a byte outside printable ASCII, or a space, '\"' or '\\'";
    }
    if (flags & ECSKP_IDS_STRICT) {
        if (len < 3 || id[0] != 'i' || id[1] != '-')
            return "does not start with \"i-\" (strict mode)";
        for (size_t k = 2; k < len; k++) {
            if (!(t[u[k]] & ECSKP__C_ID_STRICT))
                return "has a byte other than a-z 0-9 after \"i-\" (strict mode)";
        }
    }
    return NULL;
}

/* The duplicate check sorts the IDs: any total order in which equal IDs are neighbours
 * will do, so the order is by the first 8 bytes as one integer (kept in the sort key, so that
 * most comparisons read nothing else), then by length, then by bytes, and the index last. */
typedef struct id_ref {
    const char *id;
    size_t len;
} id_ref;

typedef struct id_key {
    uint64_t head; /* the first 8 bytes, zero-padded */
    size_t index;  /* in the list */
} id_key;

static id_key make_key(const char *id, size_t len, size_t index) {
    id_key k = {0, index};
    memcpy(&k.head, id, len < 8 ? len : 8);
    return k;
}

static int same_id(const id_ref *refs, id_key x, id_key y) {
    const id_ref *a = &refs[x.index], *b = &refs[y.index];
    return x.head == y.head && a->len == b->len && memcmp(a->id, b->id, a->len) == 0;
}

static int before(const id_ref *refs, id_key x, id_key y) {
    if (x.head != y.head)
        return x.head < y.head;
    const id_ref *a = &refs[x.index], *b = &refs[y.index];
    if (a->len != b->len)
        return a->len < b->len;
    int c = memcmp(a->id, b->id, a->len);
    return c < 0 || (c == 0 && x.index < y.index);
}

/* Insertion sort of a[lo..hi): the fastest sort of a few keys. */
static void insertion_sort(const id_ref *refs, id_key *a, size_t lo, size_t hi) {
    for (size_t i = lo + 1; i < hi; i++) {
        id_key k = a[i];
        size_t j = i;
        for (; j > lo && before(refs, k, a[j - 1]); j--)
            a[j] = a[j - 1];
        a[j] = k;
    }
}

/* Merge sort of the keys a[0..n), with `b` (n entries) as scratch: runs of 16 sorted by
 * insertion, then merged bottom-up, each pass from one array into the other. O(n log n), no
 * allocation (qsort may call malloc, outside the caller's allocator). Returns whichever of
 * the two arrays holds the result. */
#define SORT_RUN 16
static id_key *sort_keys(const id_ref *refs, id_key *a, id_key *b, size_t n) {
    for (size_t lo = 0; lo < n; lo += SORT_RUN)
        insertion_sort(refs, a, lo, n - lo < SORT_RUN ? n : lo + SORT_RUN);
    for (size_t width = SORT_RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = before(refs, a[j], a[i]) ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        id_key *t = a;
        a = b;
        b = t;
    }
    return a;
}

/* The first index (in list order) at which an ID of refs[0..count) repeats an earlier one,
 * or SIZE_MAX; then *earlier is that ID's first index. `keys` holds the IDs' keys and as many
 * entries of scratch after them. The one duplicate check of the library, for one request's
 * 50 IDs and for a whole list alike. */
static size_t first_repeat(const id_ref *refs, id_key *keys, size_t count, size_t *earlier) {
    const id_key *k = sort_keys(refs, keys, keys + count, count);
    size_t at = SIZE_MAX;
    for (size_t i = 1; i < count; i++) {
        if (same_id(refs, k[i - 1], k[i]) && k[i].index < at &&
            (i < 2 || !same_id(refs, k[i - 2], k[i]))) {
            at = k[i].index; /* the second of its run: the first repeat of that ID */
            *earlier = k[i - 1].index;
        }
    }
    return at;
}

/* Validates the IDs given by `get` and writes their compact JSON form. */
typedef const char *(*id_getter)(const void *src, size_t i);

static ecskp_status emit_ids(const void *src, id_getter get, size_t count, unsigned flags,
                             ecskp_writer *w, size_t *needed, ecskp_diag *diag) {
    if ((flags & ~(unsigned)ECSKP_IDS_STRICT) != 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "flags",
                             "unknown InstanceIds flags 0x%x", flags);
    if (count == 0)
        return ecskp__fail(diag, ECSKP_ERR_IDS_EMPTY, "InstanceIds", ECSKP_NO_OFFSET, 0,
                           "InstanceIds holds no ID; give 1 to %d", ECSKP_MAX_INSTANCE_IDS);
    if (count > ECSKP_MAX_INSTANCE_IDS)
        return ecskp__fail(diag, ECSKP_ERR_IDS_TOO_MANY, "InstanceIds", ECSKP_NO_OFFSET, count,
                           "InstanceIds holds %zu IDs; at most %d per request", count,
                           ECSKP_MAX_INSTANCE_IDS);
    /* Each ID in order, looked up among the earlier ones in a table of 128 slots by its
     * first 8 bytes (multiplied into a slot number; the bytes compared only when those
     * agree). At most 50 IDs: even if all shared a slot, 1,225 probes. A whole list, of any
     * length, is sorted instead (first_repeat), for a bound that does not depend on the IDs. */
    const char *ids[ECSKP_MAX_INSTANCE_IDS];
    size_t lens[ECSKP_MAX_INSTANCE_IDS];
    uint64_t heads[ECSKP_MAX_INSTANCE_IDS];
    unsigned char slots[128] = {0}; /* index + 1, 0 when free */
    for (size_t i = 0; i < count; i++) {
        ids[i] = get(src, i);
        lens[i] = ids[i] != NULL ? strnlen(ids[i], ECSKP_MAX_INSTANCE_ID_BYTES + 1) : 0;
        const char *why = ids[i] != NULL ? id_problem(ids[i], lens[i], flags) : "is not a string";
        if (why != NULL)
            return ecskp__fail(diag, ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", ECSKP_NO_OFFSET,
                               i, "instance ID %zu %s", i, why);
        heads[i] = make_key(ids[i], lens[i], i).head;
        size_t h = (size_t)((heads[i] * UINT64_C(0x9E3779B97F4A7C15)) >> 57);
        for (; slots[h] != 0; h = (h + 1) & 127) {
            size_t j = slots[h] - 1u;
            if (heads[j] == heads[i] && lens[j] == lens[i] && memcmp(ids[j], ids[i], lens[i]) == 0)
                return ecskp__fail(diag, ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", ECSKP_NO_OFFSET, i,
                                   "instance ID %zu (\"%s\") repeats ID %zu", i, ids[i], j);
        }
        slots[h] = (unsigned char)(i + 1);
    }
    ecskp__putc(w, '[');
    for (size_t i = 0; i < count; i++) {
        char *d = ecskp__writer_room(w, lens[i] + 3); /* `,"` ID `"` */
        if (d == NULL) {                              /* only counted: it does not fit */
            ecskp__writer_skip(w, lens[i] + 3 - (i == 0));
            continue;
        }
        if (i > 0)
            *d++ = ',';
        *d++ = '"';
        memcpy(d, ids[i], lens[i]);
        d += lens[i];
        *d++ = '"';
        ecskp__writer_advance(w, d);
    }
    ecskp__putc(w, ']');
    return ecskp__writer_report(w, needed, diag, "InstanceIds");
}

static const char *array_get(const void *src, size_t i) {
    return ((const char *const *)src)[i];
}

ecskp_status ecskp_ids_build(const char *const *ids, size_t count, unsigned flags, char *buf,
                             size_t cap, size_t *needed, ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, ids != NULL || count == 0, "InstanceIds",
                                   "ids is NULL with a count", diag));
    return emit_ids(ids, array_get, count, flags, &w, needed, diag);
}

/* Offset of the first byte below 0x20 other than tab, LF and CR, or len. cJSON skips every byte
 * up to 0x20 as white space (`[\x01"i-a"]` parses), which strict JSON does not allow. */
static size_t first_control_byte(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return i;
    }
    return len;
}

/* Element i of a parsed cJSON array of strings (index checked by the caller). */
typedef struct parsed_ids {
    const char *items[ECSKP_MAX_INSTANCE_IDS];
} parsed_ids;

static const char *parsed_get(const void *src, size_t i) {
    return ((const parsed_ids *)src)->items[i];
}

/* The scan's findings as ids_malformed, in the order the checks were made before. */
static ecskp_status scan_ids(const char *json, size_t len, ecskp__json_scan *sc,
                             const ecskp_allocator *alloc, ecskp_diag *diag) {
    ecskp_status pre = ecskp__json_scan_copy(json, len, sc, alloc);
    if (pre == ECSKP_ERR_OUT_OF_MEMORY)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, "InstanceIds", NULL);
    size_t off = sc->offset;
    size_t limit = pre == ECSKP_OK ? len : off;
    size_t ctl = first_control_byte(json, limit);
    if (ctl < limit)
        return ecskp__fail(diag, ECSKP_ERR_IDS_MALFORMED, "InstanceIds", ctl, ECSKP_NO_INDEX,
                           "InstanceIds text has control byte 0x%02X at byte offset %zu; JSON "
                           "white space is only space, tab, LF and CR",
                           (unsigned)(unsigned char)json[ctl], ctl);
    if (pre != ECSKP_OK) {
        const char *what = pre == ECSKP_ERR_INVALID_UTF8       ? "invalid UTF-8"
                           : pre == ECSKP_ERR_NUL_CHARACTER    ? "a NUL character"
                           : pre == ECSKP_ERR_NESTING_TOO_DEEP ? "nesting deeper than 64"
                                                               : "a raw control byte in a string";
        return ecskp__fail(diag, ECSKP_ERR_IDS_MALFORMED, "InstanceIds", off, ECSKP_NO_INDEX,
                           "InstanceIds text has %s at byte offset %zu", what, off);
    }
    return ECSKP_OK;
}

/* The parsed text: an array, then the IDs. A number arrived as a tagged string: it is no ID
 * (nor an array). */
static ecskp_status check_parsed(const cJSON *root, unsigned flags, ecskp_writer *w, size_t *needed,
                                 ecskp_diag *diag) {
    ecskp_status rc;
    if (!cJSON_IsArray(root)) {
        rc = ecskp__refuse(diag, ECSKP_ERR_IDS_NOT_ARRAY, "InstanceIds",
                           "InstanceIds must be a JSON array of strings");
    } else {
        parsed_ids ids;
        size_t count = 0;
        for (const cJSON *it = root->child; it != NULL; it = it->next, count++) {
            if (count < ECSKP_MAX_INSTANCE_IDS)
                ids.items[count] =
                    cJSON_IsString(it) && it->valuestring[0] != ECSKP__JSON_NUMBER_TAG
                        ? it->valuestring
                        : NULL;
        }
        /* emit_ids checks the count before it reads any element. */
        rc = emit_ids(&ids, parsed_get, count, flags, w, needed, diag);
    }
    return rc;
}

ecskp_status ecskp_ids_normalize(const char *json, size_t len, unsigned flags,
                                 const ecskp_allocator *alloc, char *buf, size_t cap,
                                 size_t *needed, ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, json != NULL || len == 0, "InstanceIds",
                                   "json is NULL with a length", diag));
    if (len > ECSKP_MAX_IDS_TEXT_BYTES)
        return ecskp__fail(diag, ECSKP_ERR_IDS_MALFORMED, "InstanceIds", ECSKP_MAX_IDS_TEXT_BYTES,
                           ECSKP_NO_INDEX, "InstanceIds text is %zu bytes; at most %d", len,
                           ECSKP_MAX_IDS_TEXT_BYTES);
    if (json == NULL)
        json = ""; /* len is 0 here; every scan below then reads a valid (empty) text */
    /* Any nesting an array of strings can hold is reached well before depth 64; the limit only
     * keeps cJSON's recursion short on hostile text. The scan also writes the copy cJSON
     * parses, with every number turned into a tagged string (json_scan.c): cJSON never
     * converts one, so no locale and no localeconv() state are involved. */
    ecskp__json_scan sc; /* not cleared: the scan sets what it reads */
    sc.max_depth = 64;
    sc.max_nodes = SIZE_MAX;
    ecskp_status rc = scan_ids(json, len, &sc, alloc, diag);
    cJSON *root = NULL;
    if (rc == ECSKP_OK) {
        size_t at = 0;
        ecskp__json_parse what = ecskp__json_parse_tagged(&sc, 0, &root, &at);
        /* cJSON cannot tell a failed allocation from a syntax error; the text was at most
         * 64 KiB, so a failure is reported as the syntax error it almost always is. */
        if (what == ECSKP__JSON_TRAILING)
            rc = ecskp__fail(diag, ECSKP_ERR_IDS_MALFORMED, "InstanceIds", at, ECSKP_NO_INDEX,
                             "InstanceIds has bytes after the JSON value at offset %zu", at);
        else if (what != ECSKP__JSON_PARSED)
            rc = ecskp__fail(diag, ECSKP_ERR_IDS_MALFORMED, "InstanceIds", at, ECSKP_NO_INDEX,
                             "InstanceIds is not valid JSON (error near byte offset %zu)", at);
        else
            rc = check_parsed(root, flags, &w, needed, diag);
    }
    cJSON_Delete(root);
    ecskp__json_scan_done(&sc, alloc);
    return rc;
}

ecskp_status ecskp_ids_check_list(const char *const *ids, size_t count, unsigned flags,
                                  const ecskp_allocator *alloc, ecskp_diag *diag) {
    if ((ids == NULL && count > 0) || (flags & ~(unsigned)ECSKP_IDS_STRICT) != 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "InstanceIds",
                             "ids is NULL with a count, or unknown flags");
    if (count == 0)
        return ecskp__fail(diag, ECSKP_ERR_IDS_EMPTY, "InstanceIds", ECSKP_NO_OFFSET, 0,
                           "the instance list is empty");
    if (count > ECSKP_MAX_LIST_IDS)
        return ecskp__fail(diag, ECSKP_ERR_IDS_TOO_MANY, "InstanceIds", ECSKP_NO_OFFSET, count,
                           "%zu IDs; at most %d in one list", count, ECSKP_MAX_LIST_IDS);
    /* One block: the keys and their scratch, then the refs (both 16-byte entries). */
    id_key *keys = ecskp__malloc(alloc, count * (2 * sizeof(id_key) + sizeof(id_ref)));
    if (keys == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_OUT_OF_MEMORY, "InstanceIds", NULL);
    id_ref *refs = (id_ref *)(void *)(keys + 2 * count);
    for (size_t i = 0; i < count; i++) {
        size_t len = ids[i] != NULL ? strnlen(ids[i], ECSKP_MAX_INSTANCE_ID_BYTES + 1) : 0;
        const char *why = ids[i] != NULL ? id_problem(ids[i], len, flags) : "is not a string";
        if (why != NULL) {
            ecskp__free(alloc, keys);
            return ecskp__fail(diag, ECSKP_ERR_IDS_INVALID_ELEMENT, "InstanceIds", ECSKP_NO_OFFSET,
                               i, "instance ID %zu %s", i, why);
        }
        refs[i] = (id_ref){ids[i], len};
        keys[i] = make_key(ids[i], len, i);
    }
    size_t earlier = 0, at = first_repeat(refs, keys, count, &earlier);
    ecskp__free(alloc, keys);
    if (at != SIZE_MAX)
        return ecskp__fail(diag, ECSKP_ERR_IDS_DUPLICATE, "InstanceIds", ECSKP_NO_OFFSET, at,
                           "instance ID %zu (\"%s\") repeats ID %zu", at, ids[at], earlier);
    return ecskp__ok(diag);
}
