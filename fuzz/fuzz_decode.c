/*
 * fuzz_decode - the decoder with format, action, HTTP status, flags, limits and allocation
 * failures chosen from the input.
 *
 * Targets: ecskp_decode() (argument checks, limits, both readers, the HTTP status decision,
 * ALLOW_INCONSISTENT, the arena under a failing allocator), ecskp_response_to_json(),
 * ecskp_response_free().
 *
 * Input: a 10-byte header, then the body.
 *   byte 0: bit 0 format (JSON/XML), bit 1 action (Attach/Detach), bit 2 ALLOW_INCONSISTENT,
 *           bit 3 limits from bytes 3-8, bit 4 the counting allocator fails at allocation
 *           number byte 9 (0: never), bits 5-7 HTTP status: 0, 200, 400, 403, 404, 503, 204,
 *           or bytes 1-2 modulo 700 (which reaches the invalid ones);
 *   bytes 3-8 (with bit 3): max_depth (byte 3; 255 means 257, above the cap), max_results
 *           (byte 4), max_string_bytes (bytes 5-6), max_body_bytes (bytes 7-8); 0 = default.
 *
 * Properties (abort on violation): those of fuzz_decode_common.h, plus
 *   - every block from the caller's allocator is returned: none live after a failure, none
 *     after ecskp_response_free();
 *   - an allocation failure gives out_of_memory or the same status as without it;
 *   - a success honours the limits it was given, the HTTP status decision holds (no success
 *     with a non-2xx status; status_mismatch for an error body with 2xx), and an invalid
 *     argument (status outside 100..599, depth above the cap) is refused as such.
 */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 10)
        return 0;
    uint8_t h = data[0];
    static const int statuses[7] = {0, 200, 400, 403, 404, 503, 204};
    int http = (h >> 5) < 7 ? statuses[h >> 5] : (int)(((unsigned)data[1] << 8 | data[2]) % 700);
    ecskp_limits lim;
    memset(&lim, 0, sizeof lim);
    if (h & 8) {
        lim.max_depth = data[3] == 255 ? 257 : data[3];
        lim.max_results = data[4];
        lim.max_string_bytes = (size_t)data[5] << 8 | data[6];
        lim.max_body_bytes = (size_t)data[7] << 8 | data[8];
    }
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

    size_t blen = size - 10;
    uint8_t *body = fuzz_exact_copy(data + 10, blen);
    ecskp_response *r = NULL;
    ecskp_diag diag;
    ecskp_status rc = ecskp_decode(body, blen, &o, &r, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (http != 0 && (http < 100 || http > 599))
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ARGUMENT);
    if (lim.max_depth > ECSKP_MAX_DEPTH_CAP)
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ARGUMENT);
    if (rc != ECSKP_OK) {
        FUZZ_CHECK(r == NULL);
        FUZZ_CHECK(fuzz_decode_status_documented(rc));
        FUZZ_CHECK(cnt.live == 0);
        if (rc != ECSKP_ERR_INVALID_ARGUMENT && rc != ECSKP_ERR_OUT_OF_MEMORY) {
            size_t max_body = fuzz_limit(lim.max_body_bytes, ECSKP_DEFAULT_MAX_BODY_BYTES);
            FUZZ_CHECK((blen > max_body) == (rc == ECSKP_ERR_BODY_TOO_LARGE));
        }
    } else {
        FUZZ_CHECK(r != NULL);
        FUZZ_CHECK(blen <= fuzz_limit(lim.max_body_bytes, ECSKP_DEFAULT_MAX_BODY_BYTES));
        fuzz_check_response(r, &o);
        free(fuzz_normalized(r));
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
    }
    free(body);
    return 0;
}
