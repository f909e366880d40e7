/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode - the decoder with format, action, HTTP status, flags, limits and allocation
 * failures chosen from the input.
 *
 * Targets: ecskp_response_decode() (argument checks, every limit, both readers and their pre-scans,
 * the HTTP status decision, ALLOW_INCONSISTENT, the arena under a failing allocator),
 * ecskp_limit_describe(), ecskp_limits_set(), ecskp_response_to_json(), ecskp_response_free().
 *
 * Input: a 10-byte header (17 bytes with the extended limits), then the body.
 *   byte 0: bit 0 format (JSON/XML), bit 1 action (Attach/Detach), bit 2 ALLOW_INCONSISTENT,
 *           bit 3 limits from bytes 3-8, bit 4 the counting allocator fails at allocation
 *           number byte 9 (0: never), bits 5-7 HTTP status: 0, 200, 400, 403, 404, 503, 204,
 *           or bytes 1-2 modulo 700 (which reaches the invalid ones);
 *   bytes 3-8 (with bit 3): max_depth (byte 3; 255 means 257, above the cap), max_results
 *           (byte 4), max_string_bytes (bytes 5-6), max_body_bytes (bytes 7-8, the low 15
 *           bits); 0 = default. Bit 7 of byte 7 adds the extended limits, bytes 10-16, and the
 *           body starts at byte 17:
 *   bytes 10-11: max_nodes; byte 12: max_attributes; byte 13: max_namespaces (modulo 65);
 *   bytes 14-15: max_markup_bytes (0 = default each);
 *   byte 16: 0xF0 | i (0xF8 | i) sets limit i (0-7, struct order) to exactly its cap (to its
 *           cap + 1, which must be refused); any other value changes nothing.
 *   Without bit 3, or with byte 7 below 0x80, inputs mean what they meant before the extended
 *   limits existed.
 *
 * Properties (abort on violation): those of fuzz_decode_common.h, plus
 *   - ecskp_limit_describe() lists exactly the members of ecskp_limits with the defaults and
 *     caps of decode.h; ecskp_limits_set() by name builds the same struct as setting the
 *     members, refuses a value above the cap with diag.field = the limit's name and an unknown
 *     name with diag.field "name";
 *   - every block from the caller's allocator is returned: none live after a failure, none
 *     after ecskp_response_free();
 *   - an allocation failure gives out_of_memory or the same status as without it;
 *   - a success honours the limits it was given, the HTTP status decision holds (no success
 *     with a non-2xx status; status_mismatch for an error body with 2xx), and an invalid
 *     argument (status outside 100..599, a limit above its cap, diag.field = that limit's
 *     name) is refused as such; a limit at its cap is never refused as an argument;
 *   - raising limits never refuses more: a success decodes to the same normalized JSON with
 *     every limit at its cap; a body refused with too_many_nodes, too_many_attributes,
 *     too_many_namespaces or markup_too_long under a lower limit is not refused for that
 *     limit with it at its cap, when the body is too short to exceed the cap.
 */
#include <stddef.h>

#include "fuzz_decode_common.h"

typedef struct counting {
    size_t live;
    size_t calls;
    size_t fail_at; /* 0: never */
} counting;

static void *c_malloc(size_t n, void *ctx) {
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    void *p = malloc(n ? n : 1);
    if (p)
        c->live++;
    return p;
}

static void *c_realloc(void *p, size_t n, void *ctx) {
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    void *q = realloc(p, n ? n : 1);
    if (q && !p)
        c->live++;
    return q;
}

static void c_free(void *p, void *ctx) {
    counting *c = ctx;
    if (p) {
        FUZZ_CHECK(c->live > 0);
        c->live--;
        free(p);
    }
}

/* The limits as decode.h documents them, written here independently of the library's table. */
static const struct {
    size_t offset;
    const char *name;
    size_t def, cap;
} limit_doc[] = {
    {offsetof(ecskp_limits, max_body_bytes), "max_body_bytes", (size_t)1 << 20, (size_t)16 << 20},
    {offsetof(ecskp_limits, max_depth), "max_depth", 32, 256},
    {offsetof(ecskp_limits, max_results), "max_results", 1000, 65536},
    {offsetof(ecskp_limits, max_string_bytes), "max_string_bytes", (size_t)16 << 10,
     (size_t)1 << 20},
    {offsetof(ecskp_limits, max_nodes), "max_nodes", 16384, 65536},
    {offsetof(ecskp_limits, max_attributes), "max_attributes", 8, 256},
    {offsetof(ecskp_limits, max_namespaces), "max_namespaces", 8, 64},
    {offsetof(ecskp_limits, max_markup_bytes), "max_markup_bytes", (size_t)64 << 10, 10000000},
};
#define NLIMITS (sizeof limit_doc / sizeof limit_doc[0])

static size_t *limit_at(ecskp_limits *l, size_t i) {
    return (size_t *)(void *)((char *)l + limit_doc[i].offset);
}

static size_t limit_get(const ecskp_limits *l, size_t i) {
    return *(const size_t *)(const void *)((const char *)l + limit_doc[i].offset);
}

static void check_limit_table(void) {
    static int done;
    if (done)
        return;
    done = 1;
    FUZZ_CHECK(sizeof(ecskp_limits) == NLIMITS * sizeof(size_t));
    for (size_t i = 0; i < NLIMITS; i++) {
        const char *name = NULL;
        size_t def = 0, cap = 0;
        FUZZ_CHECK(ecskp_limit_describe(i, &name, &def, &cap) != 0);
        FUZZ_CHECK(name != NULL && strcmp(name, limit_doc[i].name) == 0);
        FUZZ_CHECK(def == limit_doc[i].def && cap == limit_doc[i].cap);
        FUZZ_CHECK(ecskp_limit_describe(i, NULL, NULL, NULL) != 0);
    }
    FUZZ_CHECK(ecskp_limit_describe(NLIMITS, NULL, NULL, NULL) == 0);
    FUZZ_CHECK(ECSKP_DEFAULT_MAX_NODES == limit_doc[4].def &&
               ECSKP_MAX_NODES_CAP == limit_doc[4].cap);
    FUZZ_CHECK(ECSKP_DEFAULT_MAX_ATTRIBUTES == limit_doc[5].def &&
               ECSKP_MAX_ATTRIBUTES_CAP == limit_doc[5].cap);
    FUZZ_CHECK(ECSKP_DEFAULT_MAX_NAMESPACES == limit_doc[6].def &&
               ECSKP_MAX_NAMESPACES_CAP == limit_doc[6].cap);
    FUZZ_CHECK(ECSKP_DEFAULT_MAX_MARKUP_BYTES == limit_doc[7].def &&
               ECSKP_MAX_MARKUP_BYTES_CAP == limit_doc[7].cap);
}

/* The same limits through ecskp_limits_set(), which must agree with setting the members. */
static void check_limits_set(const ecskp_limits *want) {
    ecskp_limits got;
    memset(&got, 0, sizeof got);
    ecskp_diag diag;
    for (size_t i = 0; i < NLIMITS; i++) {
        size_t v = limit_get(want, i);
        ecskp_status rc = ecskp_limits_set(&got, limit_doc[i].name, v, &diag);
        if (v > limit_doc[i].cap) {
            FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ARGUMENT && diag.status == rc);
            FUZZ_CHECK(strcmp(diag.field, limit_doc[i].name) == 0);
            FUZZ_CHECK(*limit_at(&got, i) == 0);
            *limit_at(&got, i) = v;
        } else {
            FUZZ_CHECK(rc == ECSKP_OK);
        }
    }
    FUZZ_CHECK(memcmp(&got, want, sizeof got) == 0);
    FUZZ_CHECK(ecskp_limits_set(&got, "max_node", 1, &diag) == ECSKP_ERR_INVALID_ARGUMENT);
    FUZZ_CHECK(strcmp(diag.field, "name") == 0);
    FUZZ_CHECK(memcmp(&got, want, sizeof got) == 0);
}

/* Decodes with one limit (or all, i == NLIMITS) at its cap; the normalized JSON or NULL. */
static char *decode_raised(const uint8_t *body, size_t len, const ecskp_decode_options *o,
                           const ecskp_limits *lim, size_t i, ecskp_status *rc) {
    ecskp_limits l = *lim;
    for (size_t k = 0; k < NLIMITS; k++)
        if (k == i || i == NLIMITS)
            *limit_at(&l, k) = limit_doc[k].cap;
    ecskp_decode_options o2 = *o;
    o2.limits = &l;
    o2.alloc = NULL;
    ecskp_response *r = NULL;
    ecskp_diag diag;
    *rc = ecskp_response_decode(body, len, &o2, &r, &diag);
    if (*rc != ECSKP_OK)
        return NULL;
    fuzz_check_response(r, &o2);
    char *norm = fuzz_normalized(r);
    ecskp_response_free(r);
    return norm;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_limit_table();
    if (size < 10)
        return 0;
    uint8_t h = data[0];
    int ext = (h & 8) && (data[7] & 0x80);
    size_t hlen = ext ? 17 : 10;
    if (size < hlen)
        return 0;
    static const int statuses[7] = {0, 200, 400, 403, 404, 503, 204};
    int http = (h >> 5) < 7 ? statuses[h >> 5] : (int)(((unsigned)data[1] << 8 | data[2]) % 700);
    ecskp_limits lim;
    memset(&lim, 0, sizeof lim);
    if (h & 8) {
        lim.max_depth = data[3] == 255 ? 257 : data[3];
        lim.max_results = data[4];
        lim.max_string_bytes = (size_t)data[5] << 8 | data[6];
        lim.max_body_bytes = (size_t)(data[7] & 0x7F) << 8 | data[8];
    }
    if (ext) {
        lim.max_nodes = (size_t)data[10] << 8 | data[11];
        lim.max_attributes = data[12];
        lim.max_namespaces = data[13] % 65;
        lim.max_markup_bytes = (size_t)data[14] << 8 | data[15];
        if ((data[16] & 0xF0) == 0xF0) {
            size_t i = data[16] & 7;
            *limit_at(&lim, i) = limit_doc[i].cap + ((data[16] & 8) ? 1 : 0);
        }
    }
    int above_cap = 0;
    for (size_t i = 0; i < NLIMITS; i++)
        above_cap |= *limit_at(&lim, i) > limit_doc[i].cap;
    if (h & 8)
        check_limits_set(&lim);
    counting cnt = {0, 0, (h & 16) ? data[9] : 0};
    ecskp_allocator alloc = {c_malloc, c_realloc, c_free, &cnt};

    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    o.format = (h & 1) ? ECSKP_FORMAT_XML : ECSKP_FORMAT_JSON;
    o.action = (h & 2) ? ECSKP_ACTION_DETACH_KEY_PAIR : ECSKP_ACTION_ATTACH_KEY_PAIR;
    o.flags = (h & 4) ? ECSKP_DECODE_ALLOW_INCONSISTENT : 0;
    o.http_status = http;
    o.limits = (h & 8) ? &lim : NULL;
    o.alloc = &alloc;

    size_t blen = size - hlen;
    uint8_t *body = fuzz_exact_copy(data + hlen, blen);
    ecskp_response *r = NULL;
    ecskp_diag diag;
    char *norm = NULL;
    ecskp_status rc = ecskp_response_decode(body, blen, &o, &r, &diag);
    FUZZ_CHECK(diag.status == rc);
    int http_bad = http != 0 && (http < 100 || http > 599);
    if (http_bad || above_cap)
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ARGUMENT);
    if (http_bad) {
        FUZZ_CHECK(strcmp(diag.field, "http_status") == 0);
    } else if (above_cap) {
        /* The field names one of the limits above their caps. */
        int named = 0;
        for (size_t i = 0; i < NLIMITS; i++)
            named |=
                *limit_at(&lim, i) > limit_doc[i].cap && strcmp(diag.field, limit_doc[i].name) == 0;
        FUZZ_CHECK(named);
    } else {
        /* Every argument is valid: never refused as one. */
        FUZZ_CHECK(rc != ECSKP_ERR_INVALID_ARGUMENT);
    }
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(r == NULL);
        fuzz_check_failure(rc, &diag, blen, &o);
        FUZZ_CHECK(cnt.live == 0);
        if (rc != ECSKP_ERR_INVALID_ARGUMENT && rc != ECSKP_ERR_OUT_OF_MEMORY) {
            size_t max_body = fuzz_limit(lim.max_body_bytes, ECSKP_DEFAULT_MAX_BODY_BYTES);
            FUZZ_CHECK((blen > max_body) == (rc == ECSKP_ERR_BODY_TOO_LARGE));
        }
    } else {
        FUZZ_CHECK(r != NULL);
        FUZZ_CHECK(blen <= fuzz_limit(lim.max_body_bytes, ECSKP_DEFAULT_MAX_BODY_BYTES));
        if (o.format == ECSKP_FORMAT_JSON)
            FUZZ_CHECK(fuzz_cjson_accepts(body, blen));
        fuzz_check_response(r, &o);
        norm = fuzz_normalized(r);
        ecskp_response_free(r);
        FUZZ_CHECK(cnt.live == 0);
    }

    /* With allocation failure injected, compare with the run that cannot fail. */
    if (cnt.fail_at != 0) {
        ecskp_decode_options o2 = o;
        o2.alloc = NULL;
        ecskp_status ref = fuzz_decode_and_check(body, blen, &o2);
        if (cnt.fail_at <= cnt.calls)
            FUZZ_CHECK(rc == ECSKP_ERR_OUT_OF_MEMORY || rc == ref);
        else
            FUZZ_CHECK(rc == ref);
    } else if (rc == ECSKP_OK) {
        /* The round trips, once per input (without the counting allocator). */
        ecskp_decode_options o2 = o;
        o2.alloc = NULL;
        FUZZ_CHECK(fuzz_decode_and_check(body, blen, &o2) == ECSKP_OK);
        if (h & 8) {
            /* Raising every limit to its cap refuses nothing more and changes nothing. */
            ecskp_status rc2;
            char *got = decode_raised(body, blen, &o, &lim, NLIMITS, &rc2);
            FUZZ_CHECK(rc2 == ECSKP_OK && strcmp(got, norm) == 0);
            free(got);
        }
    } else {
        /* A pre-parser bound that cannot be exceeded at its cap by a body this short. */
        size_t which = NLIMITS;
        if (rc == ECSKP_ERR_TOO_MANY_NODES && blen < limit_doc[4].cap)
            which = 4;
        else if (rc == ECSKP_ERR_TOO_MANY_ATTRIBUTES && blen < 4 * (limit_doc[5].cap + 1))
            which = 5;
        else if (rc == ECSKP_ERR_TOO_MANY_NAMESPACES && blen < 8 * (limit_doc[6].cap + 1))
            which = 6;
        else if (rc == ECSKP_ERR_MARKUP_TOO_LONG && blen <= limit_doc[7].cap)
            which = 7;
        if (which != NLIMITS && limit_get(&lim, which) != limit_doc[which].cap) {
            ecskp_status rc2;
            free(decode_raised(body, blen, &o, &lim, which, &rc2));
            FUZZ_CHECK(rc2 != rc);
        }
    }
    free(norm);
    free(body);
    return 0;
}
