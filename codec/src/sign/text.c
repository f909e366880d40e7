/* SPDX-License-Identifier: MIT */
/* text.c - hex for signatures and digests; independent of the crypto backend. */
#include "crypto.h"

void ecskp__hex(const unsigned char *in, size_t n, char *out) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[in[i] >> 4];
        out[2 * i + 1] = hex[in[i] & 15];
    }
    out[2 * n] = '\0';
}
