/*
 * fuzz_canonical_query - the generic canonical encoder.
 *
 * Targets: ecskp_canonical_query(), ecskp_percent_encode(), ecskp_utf8_valid().
 *
 * Input: lines separated by '\n', each `name=value` (split at the first '='; a line without
 * '=' is a name with an empty value). Up to 140 lines, so too_many_parameters is reachable.
 * The whole input, NUL and newline bytes included, is also percent-encoded and UTF-8 checked.
 *
 * Properties (abort on violation):
 *   - ecskp_utf8_valid agrees with an independent RFC 3629 check, offset included;
 *   - percent-encoding keeps exactly the unreserved bytes, escapes every other byte with
 *     upper-case hex, and percent-decodes back to the input; its size query is exact;
 *   - the canonical query succeeds iff the list is valid (names [A-Za-z0-9.]+, no duplicate,
 *     values valid UTF-8, at most ECSKP_MAX_PARAMS), and fails with one of the documented
 *     statuses (out_len 0) otherwise;
 *   - on success, percent-decoding the query gives back the parameters, minus `Signature`,
 *     sorted by the byte order of the names; the size query and a one-byte-short buffer report
 *     the exact length.
 */
#include <ecskp/encode.h>

#include "fuzz_common.h"

#define MAX_LINES 140

static int cmp_param(const void *a, const void *b) {
    const ecskp_param *x = a, *y = b;
    return strcmp(x->name, y->name);
}

static void check_percent_encode(const uint8_t *data, size_t size) {
    size_t want = 0;
    for (size_t i = 0; i < size; i++)
        want += fuzz_is_unreserved(data[i]) ? 1 : 3;

    size_t len = 1;
    ecskp_status rc = ecskp_percent_encode((const char *)data, size, NULL, 0, &len);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK(len == want);

    char *buf = fuzz_xmalloc(want + 1);
    rc = ecskp_percent_encode((const char *)data, size, buf, want + 1, &len);
    FUZZ_CHECK(rc == ECSKP_OK);
    FUZZ_CHECK(len == want);
    FUZZ_CHECK(buf[want] == '\0');
    unsigned char *dec = fuzz_xmalloc(want);
    FUZZ_CHECK(fuzz_pct_decode(buf, want, dec) == size);
    FUZZ_CHECK(size == 0 || memcmp(dec, data, size) == 0);
    free(dec);

    if (want > 0) {
        rc = ecskp_percent_encode((const char *)data, size, buf, want, &len);
        FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL);
        FUZZ_CHECK(len == want);
        FUZZ_CHECK(memchr(buf, '\0', want) != NULL);
    }
    free(buf);
}

static void check_utf8(const uint8_t *data, size_t size) {
    size_t bad_ref = 0, bad = 12345;
    int ref = fuzz_utf8_valid(data, size, &bad_ref);
    int got = ecskp_utf8_valid((const char *)data, size, &bad);
    FUZZ_CHECK(ref == got);
    if (!ref)
        FUZZ_CHECK(bad == bad_ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_utf8(data, size);
    check_percent_encode(data, size);

    char *lines[MAX_LINES];
    char *block;
    size_t n = fuzz_split_lines(data, size, lines, MAX_LINES, &block);
    ecskp_param params[MAX_LINES];
    size_t total = 0;
    int valid = n <= ECSKP_MAX_PARAMS;
    for (size_t i = 0; i < n; i++) {
        char *eq = strchr(lines[i], '=');
        params[i].name = lines[i];
        params[i].value = "";
        if (eq) {
            *eq = '\0';
            params[i].value = eq + 1;
        }
        total += strlen(params[i].name) + strlen(params[i].value);
        if (!fuzz_param_name_valid(params[i].name) ||
            !fuzz_utf8_valid((const unsigned char *)params[i].value, strlen(params[i].value), NULL))
            valid = 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(params[j].name, params[i].name) == 0)
                valid = 0;
    }

    size_t cap = 3 * total + 2 * n + 1;
    char *buf = fuzz_xmalloc(cap);
    size_t len = 777;
    ecskp_diag diag;
    ecskp_status rc = ecskp_canonical_query(params, n, buf, cap, &len, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (!valid) {
        FUZZ_CHECK(rc == ECSKP_ERR_TOO_MANY_PARAMETERS || rc == ECSKP_ERR_INVALID_PARAMETER_NAME ||
                   rc == ECSKP_ERR_DUPLICATE_PARAMETER || rc == ECSKP_ERR_INVALID_UTF8);
        FUZZ_CHECK(len == 0);
        goto done;
    }
    FUZZ_CHECK(rc == ECSKP_OK);
    FUZZ_CHECK(len < cap && buf[len] == '\0' && strlen(buf) == len);

    /* Expected: the list without Signature, sorted by name (names are unique). */
    ecskp_param sorted[MAX_LINES];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(params[i].name, "Signature") != 0)
            sorted[m++] = params[i];
    qsort(sorted, m, sizeof sorted[0], cmp_param);

    /* Decode the query pair by pair and compare. */
    unsigned char *dec = fuzz_xmalloc(len + 1);
    const char *p = buf;
    const char *end = buf + len;
    size_t k = 0;
    if (m == 0)
        FUZZ_CHECK(len == 0);
    while (m > 0 && p <= end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *pe = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(pe - p));
        FUZZ_CHECK(eq != NULL);
        FUZZ_CHECK(k < m);
        size_t nl = fuzz_pct_decode(p, (size_t)(eq - p), dec);
        FUZZ_CHECK(nl == strlen(sorted[k].name) && memcmp(dec, sorted[k].name, nl) == 0);
        size_t vl = fuzz_pct_decode(eq + 1, (size_t)(pe - eq - 1), dec);
        FUZZ_CHECK(vl == strlen(sorted[k].value) && memcmp(dec, sorted[k].value, vl) == 0);
        k++;
        if (!amp)
            break;
        p = amp + 1;
    }
    FUZZ_CHECK(k == m);
    free(dec);

    /* Size query, and a buffer one byte short. */
    size_t len2 = 0;
    rc = ecskp_canonical_query(params, n, NULL, 0, &len2, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && len2 == len);
    if (len > 0) {
        char *small = fuzz_xmalloc(len);
        rc = ecskp_canonical_query(params, n, small, len, &len2, NULL);
        FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && len2 == len);
        FUZZ_CHECK(memchr(small, '\0', len) != NULL);
        free(small);
    }
done:
    free(buf);
    free(block);
    return 0;
}
