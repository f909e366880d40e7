/* SPDX-License-Identifier: MIT */
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

/* Each byte's encoded form, once and twice (percentEncode(percentEncode(b)): a reserved byte
 * becomes `%25XY`), padded to 8 bytes with its length in the last one, so that encoding is a
 * table lookup and a fixed-size copy a byte. Built by the preprocessor from the rule. */
#define PCT_UNRESERVED(c)                                                                          \
    (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') ||     \
     (c) == '-' || (c) == '_' || (c) == '.' || (c) == '~')
#define PCT_HEX(n) ((n) < 10 ? '0' + (n) : 'A' + (n)-10)
#define PCT_FORM(c, t)                                                                             \
    {                                                                                              \
        PCT_UNRESERVED(c) ? (c) : '%',                                                             \
            PCT_UNRESERVED(c) ? 0                                                                  \
            : (t)             ? '2'                                                                \
                              : PCT_HEX((c) >> 4),                                                             \
            PCT_UNRESERVED(c) ? 0                                                                  \
            : (t)             ? '5'                                                                \
                              : PCT_HEX((c)&15),                                                               \
            PCT_UNRESERVED(c) || !(t) ? 0 : PCT_HEX((c) >> 4),                                     \
            PCT_UNRESERVED(c) || !(t) ? 0 : PCT_HEX((c)&15), 0, 0,                                 \
            PCT_UNRESERVED(c) ? 1                                                                  \
            : (t)             ? 5                                                                  \
                              : 3                                                                  \
    }
#define PCT_4(c, t) PCT_FORM(c, t), PCT_FORM((c) + 1, t), PCT_FORM((c) + 2, t), PCT_FORM((c) + 3, t)
#define PCT_16(c, t) PCT_4(c, t), PCT_4((c) + 4, t), PCT_4((c) + 8, t), PCT_4((c) + 12, t)
#define PCT_64(c, t) PCT_16(c, t), PCT_16((c) + 16, t), PCT_16((c) + 32, t), PCT_16((c) + 48, t)
#define PCT_256(t)                                                                                 \
    { PCT_64(0, t), PCT_64(64, t), PCT_64(128, t), PCT_64(192, t) }
/* cppcheck-suppress comparisonError ; PCT_HEX compares constant nibbles, some of them 0 */
static const unsigned char forms[2][256][8] = {PCT_256(0), PCT_256(1)};

/* The length of the encoded form of s[0..n). */
static size_t encoded_len(const unsigned char (*f)[8], const unsigned char *s, size_t n) {
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += f[s[i]][7];
    return len;
}

/* Bytes of input taken at once in sink mode, so that the worst case fits any chunk of 256. */
#define SINK_PIECE 48

/* One pass. While 8 bytes remain before the writer's end, each byte's whole padded form is
 * copied (the next form overwrites the padding): `safe` bytes at a time, as many as surely
 * fit at their longest, so the inner loop checks nothing. Near the end each form is copied
 * alone while it fits; from the first that does not, the rest is only counted. */
static void put_piece(ecskp_writer *w, const char *s, size_t n, int twice);

void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n, int twice) {
    /* s may be NULL when n is 0, and even NULL + 0 is undefined in C. */
    if (n == 0)
        return;
    if (w->sink == NULL) {
        put_piece(w, s, n, twice);
        return;
    }
    for (size_t i = 0; i < n; i += SINK_PIECE) /* sink mode: pieces whose worst case fits */
        put_piece(w, s + i, n - i < SINK_PIECE ? n - i : SINK_PIECE, twice);
}

static void put_piece(ecskp_writer *w, const char *s, size_t n, int twice) {
    if (w->sink != NULL)
        (void)ecskp__writer_room(w, 5 * n); /* drains the chunk if the worst case needs it */
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char(*f)[8] = forms[twice != 0];
    const size_t longest = twice ? 5 : 3;
    char *limit = NULL;
    char *d = ecskp__writer_span(w, 0, &limit);
    const char *end = limit;
    size_t i = 0;
    while (d != NULL && i < n) {
        size_t room = (size_t)(end - d);
        size_t safe = room >= 8 ? (room - 8) / longest + 1 : 0;
        if (safe == 0) { /* the last bytes before the end: each form alone */
            const unsigned char *e = f[u[i]];
            if (room < e[7])
                break;
            memcpy(d, e, e[7]);
            d += e[7];
            i++;
            continue;
        }
        for (size_t stop = n - i < safe ? n : i + safe; i < stop; i++) {
            const unsigned char *e = f[u[i]];
            memcpy(d, e, 8); /* a fixed size: one move */
            d += e[7];
        }
    }
    if (d != NULL)
        ecskp__writer_advance(w, d);
    if (i < n) /* it does not fit: count the rest; nothing after it fits either */
        ecskp__writer_skip(w, encoded_len(f, u + i, n - i));
}

ecskp_status ecskp_percent_encode(const char *src, size_t len, char *buf, size_t cap,
                                  size_t *needed, ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, src != NULL || len == 0, NULL,
                                   "src is NULL with a length", diag));
    ecskp__put_pct(&w, src, len, 0);
    return ecskp__writer_report(&w, needed, diag, "the encoded text");
}
