/* SPDX-License-Identifier: MIT */
/*
 * fuzz_string_to_sign - the SignatureDoesNotMatch diagnosis over a server message.
 *
 * Targets: ecskp_sts_compare().
 *
 * Input: the first line (up to '\n') is the client's StringToSign, the rest is the server's
 * message. Both are passed in exact-size heap blocks without a terminating NUL, so any read
 * past message_len or client_sts_len is caught.
 *
 * Properties (abort on violation), checked against an independent implementation of the
 * documented rules:
 *   - NOT_PRESENT iff the message holds no "server string to sign is:" (ASCII case ignored);
 *   - otherwise server_sts is the text after the first marker, trimmed of space, tab, CR, LF,
 *     VT and FF, and points into the message;
 *   - SAME iff it equals the client's StringToSign byte for byte; DIFFERENT gives the first
 *     differing offset (the shorter length when one is a prefix of the other);
 *   - the excerpts are NUL-terminated, printable ASCII, and the explanation is a C string;
 *   - the call succeeds with the diag reset; a NULL message with a length is invalid_argument
 *     (in the diag too) and leaves *out zeroed.
 */
#include <ecskp/errors.h>

#include "fuzz_common.h"

static const char marker[] = "server string to sign is:";

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static unsigned char lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static void check_excerpt(const char *e, size_t cap) {
    const char *z = memchr(e, '\0', cap);
    FUZZ_CHECK(z != NULL);
    for (const char *p = e; p < z; p++)
        FUZZ_CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nl = memchr(data, '\n', size);
    size_t clen = nl ? (size_t)(nl - data) : 0;
    size_t moff = nl ? clen + 1 : 0;
    size_t mlen = size - moff;
    char *client = fuzz_xmalloc(clen);
    char *msg = fuzz_xmalloc(mlen);
    if (clen)
        memcpy(client, data, clen);
    if (mlen)
        memcpy(msg, data + moff, mlen);

    /* Reference: find the marker. */
    size_t mk = sizeof marker - 1;
    size_t at = (size_t)-1;
    for (size_t i = 0; mlen >= mk && i <= mlen - mk; i++) {
        size_t k = 0;
        while (k < mk && lower((unsigned char)msg[i + k]) == (unsigned char)marker[k])
            k++;
        if (k == mk) {
            at = i;
            break;
        }
    }

    ecskp_sts_comparison cmp;
    ecskp_diag diag;
    ecskp_status rc = ecskp_sts_compare(msg, mlen, client, clen, &cmp, &diag);
    FUZZ_CHECK(rc == ECSKP_OK && diag.status == ECSKP_OK && diag.field[0] == '\0');
    check_excerpt(cmp.server_excerpt, sizeof cmp.server_excerpt);
    check_excerpt(cmp.client_excerpt, sizeof cmp.client_excerpt);
    FUZZ_CHECK(memchr(cmp.explanation, '\0', sizeof cmp.explanation) != NULL);

    if (at == (size_t)-1) {
        FUZZ_CHECK(cmp.verdict == ECSKP_STS_NOT_PRESENT);
        FUZZ_CHECK(cmp.server_sts == NULL);
    } else {
        size_t b = at + mk, e = mlen;
        while (b < e && is_ws((unsigned char)msg[b]))
            b++;
        while (e > b && is_ws((unsigned char)msg[e - 1]))
            e--;
        size_t slen = e - b;
        FUZZ_CHECK(cmp.verdict != ECSKP_STS_NOT_PRESENT);
        FUZZ_CHECK(cmp.server_sts == msg + b && cmp.server_sts_len == slen);
        if (slen == clen && (slen == 0 || memcmp(msg + b, client, slen) == 0)) {
            FUZZ_CHECK(cmp.verdict == ECSKP_STS_SAME);
        } else {
            size_t d = 0;
            while (d < slen && d < clen && msg[b + d] == client[d])
                d++;
            FUZZ_CHECK(cmp.verdict == ECSKP_STS_DIFFERENT);
            FUZZ_CHECK(cmp.offset == d);
        }
    }

    /* NULL arguments are refused, never dereferenced. */
    if (mlen > 0) {
        rc = ecskp_sts_compare(NULL, mlen, client, clen, &cmp, &diag);
        FUZZ_CHECK(rc == ECSKP_ERR_INVALID_ARGUMENT && diag.status == rc);
        FUZZ_CHECK(cmp.verdict == ECSKP_STS_NOT_PRESENT && cmp.server_sts == NULL);
    }
    free(client);
    free(msg);
    return 0;
}
