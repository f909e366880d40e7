/* base64.c - RFC 4648 Base64 for the adapter protocol. */
#include <stdlib.h>

#include "base64.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *b64_encode(const void *data, size_t len) {
    const unsigned char *p = data;
    size_t n = (len + 2) / 3 * 4;
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        out[o++] = alphabet[v & 63];
    }
    if (len - i == 1) {
        unsigned v = (unsigned)p[i] << 16;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = '=';
        out[o++] = '=';
    } else if (len - i == 2) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        out[o++] = '=';
    }
    out[o] = '\0';
    return out;
}

static int value_of(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int b64_decode(const char *text, size_t len, unsigned char **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    if (len % 4 != 0)
        return -1;
    unsigned char *buf = malloc(len / 4 * 3 + 1);
    if (buf == NULL)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = text[i + (size_t)k];
            /* `=` only at the end: "xx==" or "xxx=". */
            if (c == '=' && i + 4 == len && k >= 2 && (k == 3 || text[i + 3] == '=')) {
                v[k] = 0;
                pad++;
                continue;
            }
            v[k] = pad > 0 ? -1 : value_of(c);
            if (v[k] < 0) {
                free(buf);
                return -1;
            }
        }
        unsigned w =
            (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 | (unsigned)v[3];
        /* Canonical form: the bits the padding drops must be zero. */
        if ((pad == 1 && (w & 0xff) != 0) || (pad == 2 && (w & 0xffff) != 0)) {
            free(buf);
            return -1;
        }
        buf[o++] = (unsigned char)(w >> 16);
        if (pad < 2)
            buf[o++] = (unsigned char)(w >> 8 & 0xff);
        if (pad < 1)
            buf[o++] = (unsigned char)(w & 0xff);
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return 0;
}
