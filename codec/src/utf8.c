/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 validation (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
#include <stdint.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

size_t ecskp__utf8_seq(const unsigned char *s, size_t n, size_t i) {
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* <= U+10FFFF */
    } else {
        return 0;
    }
    if (n - i < need)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < need; k++)
        if (s[i + k] < 0x80 || s[i + k] > 0xBF)
            return 0;
    return need;
}

size_t ecskp__utf8_bad(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < len;) {
        /* ASCII runs, 8 bytes at a time: no byte with its high bit set. */
        while (len - i >= 8) {
            uint64_t x;
            memcpy(&x, s + i, sizeof x);
            if (x & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        while (i < len && s[i] < 0x80)
            i++;
        if (i == len)
            break;
        size_t k = ecskp__utf8_seq(s, len, i);
        if (k == 0)
            return i;
        i += k;
    }
    return SIZE_MAX;
}

ecskp_status ecskp_utf8_check(const char *s, size_t len, ecskp_diag *diag) {
    if (s == NULL && len > 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "s is NULL with a length");
    size_t bad = ecskp__utf8_bad(s, len);
    if (bad != SIZE_MAX)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_UTF8, NULL, bad, ECSKP_NO_INDEX,
                           "not valid UTF-8 at byte offset %zu", bad);
    return ecskp__ok(diag);
}
