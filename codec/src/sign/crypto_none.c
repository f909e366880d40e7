/* SPDX-License-Identifier: MIT */
/* crypto_none.c - the crypto interface in a build without libcrypto: nothing can be hashed,
 * so every signer reports ECSKP_ERR_UNSUPPORTED (see ecskp/sign.h). */
#include "crypto.h"

int ecskp__crypto_available(void) {
    return 0;
}

void ecskp__cleanse(void *p, size_t n) {
    volatile unsigned char *v = (volatile unsigned char *)p;
    for (size_t i = 0; v != NULL && i < n; i++)
        v[i] = 0;
}

ecskp_status ecskp__sha1_concat(const void *a, size_t a_len, const void *b, size_t b_len,
                                unsigned char out[ECSKP__SHA1_LEN]) {
    (void)a, (void)a_len, (void)b, (void)b_len, (void)out;
    return ECSKP_ERR_UNSUPPORTED;
}

ecskp_status ecskp__sha256(const void *data, size_t len, unsigned char out[ECSKP__SHA256_LEN]) {
    (void)data, (void)len, (void)out;
    return ECSKP_ERR_UNSUPPORTED;
}

ecskp_status ecskp__hmac_sha1(const void *key, size_t key_len, const void *data, size_t len,
                              unsigned char out[ECSKP__SHA1_LEN]) {
    (void)key, (void)key_len, (void)data, (void)len, (void)out;
    return ECSKP_ERR_UNSUPPORTED;
}

ecskp_status ecskp__hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                                unsigned char out[ECSKP__SHA256_LEN]) {
    (void)key, (void)key_len, (void)data, (void)len, (void)out;
    return ECSKP_ERR_UNSUPPORTED;
}

ecskp_status ecskp__hmac_sha1_begin(ecskp__hmac **m, const void *key, size_t key_len) {
    (void)key, (void)key_len;
    *m = NULL;
    return ECSKP_ERR_UNSUPPORTED;
}

void ecskp__hmac_update(ecskp__hmac *m, const void *data, size_t len) {
    (void)m, (void)data, (void)len;
}

ecskp_status ecskp__hmac_end(ecskp__hmac *m, unsigned char out[ECSKP__SHA1_LEN]) {
    (void)m, (void)out;
    return ECSKP_ERR_UNSUPPORTED;
}

size_t ecskp__base64(const unsigned char *in, size_t n, char *out) {
    (void)in, (void)n;
    out[0] = '\0';
    return 0;
}

ecskp_status ecskp__base64_decode(const char *in, size_t n, unsigned char *out, size_t *out_len) {
    (void)in, (void)n, (void)out;
    *out_len = 0;
    return ECSKP_ERR_UNSUPPORTED;
}
