/* SPDX-License-Identifier: MIT */
/*
 * fuzz_canonical_query - the generic canonical encoder.
 *
 * Targets: ecskp_query_build(), ecskp_percent_encode(), ecskp_utf8_check().
 *
 * Input: lines separated by '\n', each `name=value` (split at the first '='; a line without
 * '=' is a name with an empty value). Up to 140 lines, so too_many_parameters is reachable.
 * The whole input, NUL and newline bytes included, is also percent-encoded and UTF-8 checked.
 *
 * Properties (abort on violation):
 *   - ecskp_utf8_check agrees with an independent RFC 3629 check, diag.offset included;
 *   - percent-encoding keeps exactly the unreserved bytes, escapes every other byte with
 *     upper-case hex, and percent-decodes back to the input; `*needed` (the NUL counted) is
 *     exact on the size query, on success and on a one-byte-short buffer;
 *   - the canonical query succeeds iff the list is valid (names [A-Za-z0-9.]+, no duplicate,
 *     values valid UTF-8, at most ECSKP_MAX_PARAMS), and fails with one of the documented
 *     statuses (`*needed` 0) otherwise;
 *   - on success, percent-decoding the query gives back the parameters, minus `Signature`,
 *     sorted by the byte order of the names; the size query, the success and a one-byte-short
 *     buffer report the same exact `*needed` (length + 1).
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

    size_t needed = 1;
    ecskp_status rc = ecskp_percent_encode((const char *)data, size, NULL, 0, &needed, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK(needed == want + 1);

    char *buf = fuzz_xmalloc(want + 1);
    ecskp_diag diag;
    rc = ecskp_percent_encode((const char *)data, size, buf, want + 1, &needed, &diag);
    FUZZ_CHECK(rc == ECSKP_OK && diag.status == ECSKP_OK);
    FUZZ_CHECK(needed == want + 1);
    FUZZ_CHECK(buf[want] == '\0');
    unsigned char *dec = fuzz_xmalloc(want);
    FUZZ_CHECK(fuzz_pct_decode(buf, want, dec) == size);
    FUZZ_CHECK(size == 0 || memcmp(dec, data, size) == 0);
    free(dec);

    rc = ecskp_percent_encode((const char *)data, size, buf, want, &needed, &diag);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && diag.status == rc);
    FUZZ_CHECK(needed == want + 1);
    if (want > 0)
        FUZZ_CHECK(memchr(buf, '\0', want) != NULL);
    free(buf);
}

static void check_utf8(const uint8_t *data, size_t size) {
    size_t bad_ref = 0;
    int ref = fuzz_utf8_valid(data, size, &bad_ref);
    ecskp_diag diag;
    diag.offset = 12345;
    ecskp_status rc = ecskp_utf8_check((const char *)data, size, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (ref) {
        FUZZ_CHECK(rc == ECSKP_OK && diag.offset == ECSKP_NO_OFFSET);
    } else {
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_UTF8);
        FUZZ_CHECK(diag.offset == bad_ref);
    }
    FUZZ_CHECK(ecskp_utf8_check((const char *)data, size, NULL) == rc);
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
    size_t needed = 777;
    ecskp_diag diag;
    ecskp_status rc = ecskp_query_build(params, n, buf, cap, &needed, &diag);
    FUZZ_CHECK(diag.status == rc);
    if (!valid) {
        FUZZ_CHECK(rc == ECSKP_ERR_TOO_MANY_PARAMETERS || rc == ECSKP_ERR_INVALID_PARAMETER_NAME ||
                   rc == ECSKP_ERR_DUPLICATE_PARAMETER || rc == ECSKP_ERR_INVALID_UTF8);
        FUZZ_CHECK(needed == 0);
        goto done;
    }
    FUZZ_CHECK(rc == ECSKP_OK);
    FUZZ_CHECK(needed >= 1 && needed <= cap);
    size_t len = needed - 1;
    FUZZ_CHECK(buf[len] == '\0' && strlen(buf) == len);

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

    /* Size query, a buffer one byte short, and one of exactly `needed` bytes. */
    size_t needed2 = 0;
    rc = ecskp_query_build(params, n, NULL, 0, &needed2, NULL);
    FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed2 == needed);
    char *exact = fuzz_xmalloc(needed);
    if (len > 0) {
        rc = ecskp_query_build(params, n, exact, len, &needed2, NULL);
        FUZZ_CHECK(rc == ECSKP_ERR_BUFFER_TOO_SMALL && needed2 == needed);
        FUZZ_CHECK(memchr(exact, '\0', len) != NULL);
    }
    rc = ecskp_query_build(params, n, exact, needed, &needed2, NULL);
    FUZZ_CHECK(rc == ECSKP_OK && needed2 == needed && memcmp(exact, buf, needed) == 0);
    free(exact);
done:
    free(buf);
    free(block);
    return 0;
}
