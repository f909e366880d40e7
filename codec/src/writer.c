/* writer.c - the bounded writer and percent-encoding. */
#include <stdint.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

void ecskp__writer_init(ecskp_writer *w, char *buf, size_t cap) {
    w->buf = buf;
    w->cap = buf != NULL ? cap : 0;
    w->len = 0;
    if (w->cap > 0)
        w->buf[0] = '\0';
}

void ecskp__put(ecskp_writer *w, const char *s, size_t n) {
    if (w->len < w->cap) {
        size_t room = w->cap - 1 - w->len; /* keep one byte for the NUL */
        size_t k = n < room ? n : room;
        if (k > 0)
            memcpy(w->buf + w->len, s, k);
    }
    w->len += n;
}

char *ecskp__writer_room(ecskp_writer *w, size_t n) {
    return w->len < w->cap && w->cap - w->len > n ? w->buf + w->len : NULL;
}

void ecskp__writer_advance(ecskp_writer *w, const char *end) {
    w->len = (size_t)(end - w->buf);
}

void ecskp__putc(ecskp_writer *w, char c) {
    ecskp__put(w, &c, 1);
}

void ecskp__puts(ecskp_writer *w, const char *s) {
    ecskp__put(w, s, strlen(s));
}

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

/* Appends with the original byte-by-byte bookkeeping: used when the output may be cut. */
static void put_pct_bounded(ecskp_writer *w, const char *s, size_t n) {
    size_t run = 0; /* start of the pending run of unreserved bytes */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ecskp__ctype[c] & ECSKP__C_UNRESERVED)
            continue;
        ecskp__put(w, s + run, i - run);
        char esc[3] = {'%', hex_digits[c >> 4], hex_digits[c & 15]};
        ecskp__put(w, esc, 3);
        run = i + 1;
    }
    ecskp__put(w, s + run, n - run);
}

/* Each byte's percent-encoded form, padded to 4 bytes, and in the 4th byte its length. */
static const char pct_enc[256][4] = {
    {'%', '0', '0', 3}, {'%', '0', '1', 3}, {'%', '0', '2', 3}, {'%', '0', '3', 3},
    {'%', '0', '4', 3}, {'%', '0', '5', 3}, {'%', '0', '6', 3}, {'%', '0', '7', 3},
    {'%', '0', '8', 3}, {'%', '0', '9', 3}, {'%', '0', 'A', 3}, {'%', '0', 'B', 3},
    {'%', '0', 'C', 3}, {'%', '0', 'D', 3}, {'%', '0', 'E', 3}, {'%', '0', 'F', 3},
    {'%', '1', '0', 3}, {'%', '1', '1', 3}, {'%', '1', '2', 3}, {'%', '1', '3', 3},
    {'%', '1', '4', 3}, {'%', '1', '5', 3}, {'%', '1', '6', 3}, {'%', '1', '7', 3},
    {'%', '1', '8', 3}, {'%', '1', '9', 3}, {'%', '1', 'A', 3}, {'%', '1', 'B', 3},
    {'%', '1', 'C', 3}, {'%', '1', 'D', 3}, {'%', '1', 'E', 3}, {'%', '1', 'F', 3},
    {'%', '2', '0', 3}, {'%', '2', '1', 3}, {'%', '2', '2', 3}, {'%', '2', '3', 3},
    {'%', '2', '4', 3}, {'%', '2', '5', 3}, {'%', '2', '6', 3}, {'%', '2', '7', 3},
    {'%', '2', '8', 3}, {'%', '2', '9', 3}, {'%', '2', 'A', 3}, {'%', '2', 'B', 3},
    {'%', '2', 'C', 3}, {'-', 0, 0, 1},     {'.', 0, 0, 1},     {'%', '2', 'F', 3},
    {'0', 0, 0, 1},     {'1', 0, 0, 1},     {'2', 0, 0, 1},     {'3', 0, 0, 1},
    {'4', 0, 0, 1},     {'5', 0, 0, 1},     {'6', 0, 0, 1},     {'7', 0, 0, 1},
    {'8', 0, 0, 1},     {'9', 0, 0, 1},     {'%', '3', 'A', 3}, {'%', '3', 'B', 3},
    {'%', '3', 'C', 3}, {'%', '3', 'D', 3}, {'%', '3', 'E', 3}, {'%', '3', 'F', 3},
    {'%', '4', '0', 3}, {'A', 0, 0, 1},     {'B', 0, 0, 1},     {'C', 0, 0, 1},
    {'D', 0, 0, 1},     {'E', 0, 0, 1},     {'F', 0, 0, 1},     {'G', 0, 0, 1},
    {'H', 0, 0, 1},     {'I', 0, 0, 1},     {'J', 0, 0, 1},     {'K', 0, 0, 1},
    {'L', 0, 0, 1},     {'M', 0, 0, 1},     {'N', 0, 0, 1},     {'O', 0, 0, 1},
    {'P', 0, 0, 1},     {'Q', 0, 0, 1},     {'R', 0, 0, 1},     {'S', 0, 0, 1},
    {'T', 0, 0, 1},     {'U', 0, 0, 1},     {'V', 0, 0, 1},     {'W', 0, 0, 1},
    {'X', 0, 0, 1},     {'Y', 0, 0, 1},     {'Z', 0, 0, 1},     {'%', '5', 'B', 3},
    {'%', '5', 'C', 3}, {'%', '5', 'D', 3}, {'%', '5', 'E', 3}, {'_', 0, 0, 1},
    {'%', '6', '0', 3}, {'a', 0, 0, 1},     {'b', 0, 0, 1},     {'c', 0, 0, 1},
    {'d', 0, 0, 1},     {'e', 0, 0, 1},     {'f', 0, 0, 1},     {'g', 0, 0, 1},
    {'h', 0, 0, 1},     {'i', 0, 0, 1},     {'j', 0, 0, 1},     {'k', 0, 0, 1},
    {'l', 0, 0, 1},     {'m', 0, 0, 1},     {'n', 0, 0, 1},     {'o', 0, 0, 1},
    {'p', 0, 0, 1},     {'q', 0, 0, 1},     {'r', 0, 0, 1},     {'s', 0, 0, 1},
    {'t', 0, 0, 1},     {'u', 0, 0, 1},     {'v', 0, 0, 1},     {'w', 0, 0, 1},
    {'x', 0, 0, 1},     {'y', 0, 0, 1},     {'z', 0, 0, 1},     {'%', '7', 'B', 3},
    {'%', '7', 'C', 3}, {'%', '7', 'D', 3}, {'~', 0, 0, 1},     {'%', '7', 'F', 3},
    {'%', '8', '0', 3}, {'%', '8', '1', 3}, {'%', '8', '2', 3}, {'%', '8', '3', 3},
    {'%', '8', '4', 3}, {'%', '8', '5', 3}, {'%', '8', '6', 3}, {'%', '8', '7', 3},
    {'%', '8', '8', 3}, {'%', '8', '9', 3}, {'%', '8', 'A', 3}, {'%', '8', 'B', 3},
    {'%', '8', 'C', 3}, {'%', '8', 'D', 3}, {'%', '8', 'E', 3}, {'%', '8', 'F', 3},
    {'%', '9', '0', 3}, {'%', '9', '1', 3}, {'%', '9', '2', 3}, {'%', '9', '3', 3},
    {'%', '9', '4', 3}, {'%', '9', '5', 3}, {'%', '9', '6', 3}, {'%', '9', '7', 3},
    {'%', '9', '8', 3}, {'%', '9', '9', 3}, {'%', '9', 'A', 3}, {'%', '9', 'B', 3},
    {'%', '9', 'C', 3}, {'%', '9', 'D', 3}, {'%', '9', 'E', 3}, {'%', '9', 'F', 3},
    {'%', 'A', '0', 3}, {'%', 'A', '1', 3}, {'%', 'A', '2', 3}, {'%', 'A', '3', 3},
    {'%', 'A', '4', 3}, {'%', 'A', '5', 3}, {'%', 'A', '6', 3}, {'%', 'A', '7', 3},
    {'%', 'A', '8', 3}, {'%', 'A', '9', 3}, {'%', 'A', 'A', 3}, {'%', 'A', 'B', 3},
    {'%', 'A', 'C', 3}, {'%', 'A', 'D', 3}, {'%', 'A', 'E', 3}, {'%', 'A', 'F', 3},
    {'%', 'B', '0', 3}, {'%', 'B', '1', 3}, {'%', 'B', '2', 3}, {'%', 'B', '3', 3},
    {'%', 'B', '4', 3}, {'%', 'B', '5', 3}, {'%', 'B', '6', 3}, {'%', 'B', '7', 3},
    {'%', 'B', '8', 3}, {'%', 'B', '9', 3}, {'%', 'B', 'A', 3}, {'%', 'B', 'B', 3},
    {'%', 'B', 'C', 3}, {'%', 'B', 'D', 3}, {'%', 'B', 'E', 3}, {'%', 'B', 'F', 3},
    {'%', 'C', '0', 3}, {'%', 'C', '1', 3}, {'%', 'C', '2', 3}, {'%', 'C', '3', 3},
    {'%', 'C', '4', 3}, {'%', 'C', '5', 3}, {'%', 'C', '6', 3}, {'%', 'C', '7', 3},
    {'%', 'C', '8', 3}, {'%', 'C', '9', 3}, {'%', 'C', 'A', 3}, {'%', 'C', 'B', 3},
    {'%', 'C', 'C', 3}, {'%', 'C', 'D', 3}, {'%', 'C', 'E', 3}, {'%', 'C', 'F', 3},
    {'%', 'D', '0', 3}, {'%', 'D', '1', 3}, {'%', 'D', '2', 3}, {'%', 'D', '3', 3},
    {'%', 'D', '4', 3}, {'%', 'D', '5', 3}, {'%', 'D', '6', 3}, {'%', 'D', '7', 3},
    {'%', 'D', '8', 3}, {'%', 'D', '9', 3}, {'%', 'D', 'A', 3}, {'%', 'D', 'B', 3},
    {'%', 'D', 'C', 3}, {'%', 'D', 'D', 3}, {'%', 'D', 'E', 3}, {'%', 'D', 'F', 3},
    {'%', 'E', '0', 3}, {'%', 'E', '1', 3}, {'%', 'E', '2', 3}, {'%', 'E', '3', 3},
    {'%', 'E', '4', 3}, {'%', 'E', '5', 3}, {'%', 'E', '6', 3}, {'%', 'E', '7', 3},
    {'%', 'E', '8', 3}, {'%', 'E', '9', 3}, {'%', 'E', 'A', 3}, {'%', 'E', 'B', 3},
    {'%', 'E', 'C', 3}, {'%', 'E', 'D', 3}, {'%', 'E', 'E', 3}, {'%', 'E', 'F', 3},
    {'%', 'F', '0', 3}, {'%', 'F', '1', 3}, {'%', 'F', '2', 3}, {'%', 'F', '3', 3},
    {'%', 'F', '4', 3}, {'%', 'F', '5', 3}, {'%', 'F', '6', 3}, {'%', 'F', '7', 3},
    {'%', 'F', '8', 3}, {'%', 'F', '9', 3}, {'%', 'F', 'A', 3}, {'%', 'F', 'B', 3},
    {'%', 'F', 'C', 3}, {'%', 'F', 'D', 3}, {'%', 'F', 'E', 3}, {'%', 'F', 'F', 3},
};

void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n) {
    /* s may be NULL when n is 0, and even NULL + 0 is undefined in C. */
    if (n == 0)
        return;
    const unsigned char *u = (const unsigned char *)s;
    if (w->len >= w->cap) { /* nothing more is written: only count */
        size_t escaped = 0;
        for (size_t i = 0; i < n; i++)
            escaped += !(ecskp__ctype[u[i]] & ECSKP__C_UNRESERVED);
        w->len += n + 2 * escaped;
        return;
    }
    char *d = n <= (SIZE_MAX - 1) / 3 ? ecskp__writer_room(w, 3 * n) : NULL;
    if (d == NULL) { /* the worst case might not fit */
        put_pct_bounded(w, s, n);
        return;
    }
    /* From here on the output of bytes i..n-1 always has 3 * (n - i) bytes of room. Each
     * byte but the last three stores 4 bytes, its encoded form and padding, with no branch;
     * the output advances by the form's length, and the next bytes overwrite the padding. The
     * last three bytes are stored exactly: their output (3 bytes at least) covers the padding
     * before them, and nothing is written past the end of the output. */
    size_t i = 0;
    for (; i + 3 < n; i++) {
        const char *e = pct_enc[u[i]];
        memcpy(d, e, 4);
        d += (unsigned char)e[3];
    }
    for (; i < n; i++) {
        const char *e = pct_enc[u[i]];
        if (e[3] == 1) {
            *d++ = e[0];
        } else {
            memcpy(d, e, 3);
            d += 3;
        }
    }
    ecskp__writer_advance(w, d);
}

ecskp_status ecskp__writer_finish(ecskp_writer *w, size_t *out_len) {
    if (out_len != NULL)
        *out_len = w->len;
    if (w->len >= w->cap) { /* len + 1 > cap, without wrapping at SIZE_MAX */
        if (w->cap > 0)
            w->buf[w->cap - 1] = '\0';
        return ECSKP_ERR_BUFFER_TOO_SMALL;
    }
    w->buf[w->len] = '\0';
    return ECSKP_OK;
}

ecskp_status ecskp_percent_encode(const char *src, size_t len, char *buf, size_t cap,
                                  size_t *out_len) {
    if (out_len != NULL)
        *out_len = 0;
    if ((src == NULL && len > 0) || (buf == NULL && cap > 0))
        return ECSKP_ERR_INVALID_ARGUMENT;
    ecskp_writer w;
    ecskp__writer_init(&w, buf, cap);
    ecskp__put_pct(&w, src, len);
    return ecskp__writer_finish(&w, out_len);
}
