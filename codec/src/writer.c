/* writer.c - the bounded writer, percent-encoding, UTF-8 validation. */
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

void ecskp__putc(ecskp_writer *w, char c) {
    ecskp__put(w, &c, 1);
}

void ecskp__puts(ecskp_writer *w, const char *s) {
    ecskp__put(w, s, strlen(s));
}

int ecskp__is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

void ecskp__put_pct(ecskp_writer *w, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    /* s may be NULL when n is 0, and even NULL + 0 is undefined in C. */
    if (n == 0)
        return;
    size_t run = 0; /* start of the pending run of unreserved bytes */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ecskp__is_unreserved(c))
            continue;
        ecskp__put(w, s + run, i - run);
        char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
        ecskp__put(w, esc, 3);
        run = i + 1;
    }
    ecskp__put(w, s + run, n - run);
}

ecskp_status ecskp__writer_finish(ecskp_writer *w, size_t *out_len) {
    if (out_len != NULL)
        *out_len = w->len;
    if (w->len + 1 > w->cap) {
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

/* Length of the UTF-8 sequence starting at s[i], or 0 if it is not a valid one. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t i) {
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

int ecskp_utf8_valid(const char *str, size_t len, size_t *bad_offset) {
    const unsigned char *s = (const unsigned char *)str;
    if (s == NULL) {
        if (len > 0 && bad_offset != NULL)
            *bad_offset = 0;
        return len == 0;
    }
    for (size_t i = 0; i < len;) {
        size_t k = utf8_seq(s, len, i);
        if (k == 0) {
            if (bad_offset != NULL)
                *bad_offset = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

ecskp_status ecskp__json_prescan(const char *str, size_t len, size_t max_depth, size_t *offset) {
    const unsigned char *s = (const unsigned char *)str;
    size_t depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(s, len, i);
            if (k == 0) {
                *offset = i;
                return ECSKP_ERR_INVALID_UTF8;
            }
            i += k;
            continue;
        }
        if (c == 0) {
            *offset = i;
            return ECSKP_ERR_NUL_CHARACTER;
        }
        if (in_string) {
            if (c < 0x20) { /* JSON forbids raw control bytes in strings; cJSON lets them by */
                *offset = i;
                return ECSKP_ERR_MALFORMED_BODY;
            }
            if (c == '"') {
                in_string = 0;
            } else if (c == '\\' && i + 1 < len) {
                if (s[i + 1] == 'u' && i + 5 < len && s[i + 2] == '0' && s[i + 3] == '0' &&
                    s[i + 4] == '0' && s[i + 5] == '0') {
                    *offset = i;
                    return ECSKP_ERR_NUL_CHARACTER;
                }
                i += 2; /* skip the escaped byte; cJSON judges the escape itself */
                continue;
            }
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                *offset = i;
                return ECSKP_ERR_NESTING_TOO_DEEP;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
        i++;
    }
    return ECSKP_OK;
}
