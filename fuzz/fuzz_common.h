/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - helpers shared by the harnesses: the libFuzzer entry point prototypes, a
 * property check that aborts, input framing, and small reference implementations (UTF-8,
 * percent-decoding) that the harnesses compare the library against. Everything here is
 * written independently of the library on purpose: an oracle that calls the code under test
 * proves nothing.
 */
#ifndef ECSKP_FUZZ_COMMON_H
#define ECSKP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A violated property is a crash: libFuzzer saves the input, the replay test fails. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Aborts when malloc fails: a harness that cannot allocate cannot check anything. */
static inline void *fuzz_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

/* A NUL-terminated copy of n bytes (the bytes may hold NUL; C-string users stop there). */
static inline char *fuzz_strndup(const uint8_t *s, size_t n) {
    char *p = fuzz_xmalloc(n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/*
 * Line framing: the input is split at '\n' into at most max_lines lines; each line becomes a
 * NUL-terminated string in one heap block (*block, freed by the caller). A NUL byte inside a
 * line ends that C string early, which is what a C caller passing that buffer would get.
 * Returns the number of lines.
 */
static inline size_t fuzz_split_lines(const uint8_t *data, size_t size, char **lines,
                                      size_t max_lines, char **block) {
    char *b = fuzz_strndup(data, size);
    size_t n = 0;
    char *p = b;
    char *end = b + size;
    *block = b;
    if (size == 0)
        return 0;
    while (n < max_lines) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        lines[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

/* Reference UTF-8 check (RFC 3629). Returns 1 when valid; else 0 and the offset of the
 * first byte of the first sequence that is not a valid character. */
static inline int fuzz_utf8_valid(const unsigned char *s, size_t len, size_t *bad) {
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            goto fail;
        }
        if (len - i <= n)
            goto fail;
        if (s[i + 1] < lo || s[i + 1] > hi)
            goto fail;
        for (size_t k = 2; k <= n; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                goto fail;
        i += n + 1;
        continue;
    fail:
        if (bad)
            *bad = i;
        return 0;
    }
    return 1;
}

static inline int fuzz_is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

static inline int fuzz_upper_hex(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Strict percent-decoding of src[0..len) into dst (capacity >= len): only unreserved bytes and
 * `%XY` with upper-case hex are allowed, and an escape must not stand for an unreserved byte
 * (the encoder never escapes those). Returns the decoded length, or (size_t)-1 when the text
 * is not exactly what a conforming encoder can produce.
 */
static inline size_t fuzz_pct_decode(const char *src, size_t len, unsigned char *dst) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '%') {
            if (len - i < 3)
                return (size_t)-1;
            int h = fuzz_upper_hex((unsigned char)src[i + 1]);
            int l = fuzz_upper_hex((unsigned char)src[i + 2]);
            if (h < 0 || l < 0)
                return (size_t)-1;
            unsigned char v = (unsigned char)(h * 16 + l);
            if (fuzz_is_unreserved(v))
                return (size_t)-1;
            dst[o++] = v;
            i += 2;
        } else if (fuzz_is_unreserved(c)) {
            dst[o++] = c;
        } else {
            return (size_t)-1;
        }
    }
    return o;
}

/* ---------------------------------------------------------------- growable text */

typedef struct fuzz_buf {
    char *p;
    size_t len, cap;
} fuzz_buf;

static inline void fb_put(fuzz_buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (b->len + n + 1 > c)
            c *= 2;
        char *np = realloc(b->p, c);
        if (!np)
            abort();
        b->p = np;
        b->cap = c;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void fb_puts(fuzz_buf *b, const char *s) {
    fb_put(b, s, strlen(s));
}

/* Appends one unsigned number through a printf format (a string literal at every use). */
#define fb_printf_u(b, fmt, v)                                                                     \
    do {                                                                                           \
        char fb_t_[64];                                                                            \
        int fb_n_ = snprintf(fb_t_, sizeof fb_t_, fmt, (unsigned long long)(v));                   \
        fb_put((b), fb_t_, (size_t)fb_n_);                                                         \
    } while (0)

/* Reference percent-encoding (Request signatures, ECS API reference, Getting started, mirrored in
 * https://github.com/AlibabaCloudDocs/ecs,
 * `intl.en-US/API Reference/Getting started/Request signatures.md`): unreserved bytes kept, every
 * other byte %XY with upper-case hex. */
static inline void fb_pct(fuzz_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (fuzz_is_unreserved(c)) {
            fb_put(b, (const char *)&c, 1);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            fb_put(b, e, 3);
        }
    }
}

/* Reference Base64 (RFC 4648, padded) and lower-case hex of n bytes. */
static inline void fb_base64(fuzz_buf *b, const unsigned char *d, size_t n) {
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        char q[4] = {a[(v >> 18) & 63], a[(v >> 12) & 63], i + 1 < n ? a[(v >> 6) & 63] : '=',
                     i + 2 < n ? a[v & 63] : '='};
        fb_put(b, q, 4);
    }
}

static inline void fb_hex(fuzz_buf *b, const unsigned char *d, size_t n) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char e[2] = {hex[d[i] >> 4], hex[d[i] & 15]};
        fb_put(b, e, 2);
    }
}

/* Reference Timestamp check: exactly yyyy-MM-ddTHH:mm:ssZ, a real calendar date, hours
 * 00-23, minutes 00-59, seconds 00-60 (encode.h). */
static inline int fuzz_timestamp_valid(const char *s) {
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (!s || strlen(s) != sizeof shape - 1)
        return 0;
    int v[6] = {0}, k = -1;
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        if (shape[i] == 'd') {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            if (i == 0 || shape[i - 1] != 'd')
                k++;
            v[k] = v[k] * 10 + (s[i] - '0');
        } else if (s[i] != shape[i]) {
            return 0;
        }
    }
    int y = v[0], mo = v[1], d = v[2];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int mdays[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
        return 0;
    return v[3] <= 23 && v[4] <= 59 && v[5] <= 60;
}

/* A name the canonical encoder must accept: 1+ bytes of [A-Za-z0-9.]. */
static inline int fuzz_param_name_valid(const char *s) {
    if (!s || !*s)
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.'))
            return 0;
    }
    return 1;
}

/* Reads bytes from the front of the input, returning 0 once it is used up. */
typedef struct fuzz_reader {
    const uint8_t *p;
    size_t n;
} fuzz_reader;

static inline uint8_t fuzz_byte(fuzz_reader *r) {
    if (r->n == 0)
        return 0;
    r->n--;
    return *r->p++;
}

static inline unsigned fuzz_u16(fuzz_reader *r) {
    unsigned hi = fuzz_byte(r);
    return (hi << 8) | fuzz_byte(r);
}

#endif /* ECSKP_FUZZ_COMMON_H */
