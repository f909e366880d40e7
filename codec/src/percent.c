/* percent.c - percent-encoding (RFC 3986 unreserved bytes kept, upper-case hex), once or
 * twice, and the byte classes. */
#include <stdint.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

const unsigned char ecskp__ctype[256] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  64, 64, 0,  0,  64, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  80, 84, 0,  84, 84, 84, 84, 84, 84, 84, 84, 84, 20, 21, 87, 84,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 84, 84, 84, 84, 84, 84, 84, 87, 87, 87, 87, 87, 87, 87,
    87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 87, 20, 64, 20, 84, 85,
    84, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95,
    95, 95, 95, 20, 84, 20, 85, 80, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};

int ecskp__is_unreserved(unsigned char c) {
    return ecskp__ctype[c] & ECSKP__C_UNRESERVED;
}

static const char hex_digits[] = "0123456789ABCDEF";

/* Writes the encoded form of s[0..n) at d, which has room for it; returns the end. */
static char *encode(char *d, const unsigned char *s, size_t n, int twice) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (ecskp__ctype[c] & ECSKP__C_UNRESERVED) {
            *d++ = (char)c;
            continue;
        }
        *d++ = '%';
        if (twice) { /* the `%` of the first pass, encoded by the second */
            *d++ = '2';
            *d++ = '5';
        }
        *d++ = hex_digits[c >> 4];
        *d++ = hex_digits[c & 15];
    }
    return d;
}

/* The length of the encoded form of s[0..n), escape = 3 or 5 bytes per reserved byte. */
static size_t encoded_len(const unsigned char *s, size_t n, size_t escape) {
    size_t reserved = 0;
    for (size_t i = 0; i < n; i++)
        reserved += !(ecskp__ctype[s[i]] & ECSKP__C_UNRESERVED);
    return n + (escape - 1) * reserved;
}

/* Bytes of input taken at once in sink mode, so that the worst case fits any chunk of 256. */
#define SINK_PIECE 48

void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n, int twice) {
    /* s may be NULL when n is 0, and even NULL + 0 is undefined in C. */
    if (n == 0)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t escape = twice ? 5 : 3;
    if (w->sink != NULL && n > SINK_PIECE) {
        for (size_t i = 0; i < n; i += SINK_PIECE)
            ecskp__put_pct(w, s + i, n - i < SINK_PIECE ? n - i : SINK_PIECE, twice);
        return;
    }
    /* The worst case first (one pass); else the exact length, which may still fit. */
    char *d = n <= (SIZE_MAX - 1) / escape ? ecskp__writer_room(w, escape * n) : NULL;
    if (d == NULL) {
        size_t len = encoded_len(u, n, escape);
        d = ecskp__writer_room(w, len);
        if (d == NULL) { /* it does not fit: count it; nothing after it will fit either */
            ecskp__writer_skip(w, len);
            return;
        }
    }
    ecskp__writer_advance(w, encode(d, u, n, twice));
}

ecskp_status ecskp_percent_encode(const char *src, size_t len, char *buf, size_t cap,
                                  size_t *needed, ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, src != NULL || len == 0, NULL,
                                   "src is NULL with a length", diag));
    ecskp__put_pct(&w, src, len, 0);
    return ecskp__writer_report(&w, needed, diag, "the encoded text");
}
