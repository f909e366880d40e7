/* SPDX-License-Identifier: MIT */
/* crypto_openssl.c - the crypto interface on OpenSSL libcrypto (1.1.1 or 3.x). */
#include <limits.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "crypto.h"

int ecskp__crypto_available(void) {
    return 1;
}

void ecskp__cleanse(void *p, size_t n) {
    if (p != NULL && n > 0)
        OPENSSL_cleanse(p, n);
}

static ecskp_status digest2(const EVP_MD *md, const void *a, size_t a_len, const void *b,
                            size_t b_len, unsigned char *out, unsigned expect) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL)
        return ECSKP_ERR_CRYPTO_FAILURE;
    unsigned got = 0;
    int ok = EVP_DigestInit_ex(ctx, md, NULL) == 1 &&
             (a_len == 0 || EVP_DigestUpdate(ctx, a, a_len) == 1) &&
             (b_len == 0 || EVP_DigestUpdate(ctx, b, b_len) == 1) &&
             EVP_DigestFinal_ex(ctx, out, &got) == 1 && got == expect;
    EVP_MD_CTX_free(ctx); /* cleanses the digest state, which may hold key bytes */
    return ok ? ECSKP_OK : ECSKP_ERR_CRYPTO_FAILURE;
}

ecskp_status ecskp__sha1_concat(const void *a, size_t a_len, const void *b, size_t b_len,
                                unsigned char out[ECSKP__SHA1_LEN]) {
    return digest2(EVP_sha1(), a, a_len, b, b_len, out, ECSKP__SHA1_LEN);
}

ecskp_status ecskp__sha256(const void *data, size_t len, unsigned char out[ECSKP__SHA256_LEN]) {
    return digest2(EVP_sha256(), data, len, NULL, 0, out, ECSKP__SHA256_LEN);
}

/* HMAC() takes an int key length; a key longer than the block is replaced by its digest
 * first, which is what HMAC itself does (RFC 2104 section 2), so the result is unchanged. */
static ecskp_status hmac(const EVP_MD *md, unsigned md_len, const void *key, size_t key_len,
                         const void *data, size_t len, unsigned char *out) {
    unsigned char hashed[EVP_MAX_MD_SIZE];
    ecskp_status rc = ECSKP_OK;
    if (key_len > ECSKP__HMAC_BLOCK) {
        rc = digest2(md, key, key_len, NULL, 0, hashed, md_len);
        key = hashed;
        key_len = md_len;
    }
    static const unsigned char empty[1] = {0};
    unsigned got = 0;
    if (rc == ECSKP_OK &&
        (HMAC(md, key, (int)key_len, len > 0 ? data : empty, len, out, &got) == NULL ||
         got != md_len))
        rc = ECSKP_ERR_CRYPTO_FAILURE;
    OPENSSL_cleanse(hashed, sizeof hashed);
    return rc;
}

ecskp_status ecskp__hmac_sha1(const void *key, size_t key_len, const void *data, size_t len,
                              unsigned char out[ECSKP__SHA1_LEN]) {
    return hmac(EVP_sha1(), ECSKP__SHA1_LEN, key, key_len, data, len, out);
}

ecskp_status ecskp__hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                                unsigned char out[ECSKP__SHA256_LEN]) {
    return hmac(EVP_sha256(), ECSKP__SHA256_LEN, key, key_len, data, len, out);
}

struct ecskp__hmac {
    EVP_MD_CTX *md;
    EVP_PKEY *key;
    int failed;
};

static void hmac_free(ecskp__hmac *m) {
    EVP_MD_CTX_free(m->md); /* cleanses the state, which holds key bytes */
    EVP_PKEY_free(m->key);
    OPENSSL_clear_free(m, sizeof *m);
}

ecskp_status ecskp__hmac_sha1_begin(ecskp__hmac **out, const void *key, size_t key_len) {
    *out = NULL;
    unsigned char hashed[ECSKP__SHA1_LEN];
    if (key_len > ECSKP__HMAC_BLOCK) { /* as in hmac() above */
        if (digest2(EVP_sha1(), key, key_len, NULL, 0, hashed, ECSKP__SHA1_LEN) != ECSKP_OK)
            return ECSKP_ERR_CRYPTO_FAILURE;
        key = hashed;
        key_len = sizeof hashed;
    }
    ecskp__hmac *m = OPENSSL_zalloc(sizeof *m);
    if (m != NULL) {
        m->md = EVP_MD_CTX_new();
        m->key = EVP_PKEY_new_raw_private_key(EVP_PKEY_HMAC, NULL, key, key_len);
    }
    OPENSSL_cleanse(hashed, sizeof hashed);
    if (m == NULL || m->md == NULL || m->key == NULL ||
        EVP_DigestSignInit(m->md, NULL, EVP_sha1(), NULL, m->key) != 1) {
        if (m != NULL)
            hmac_free(m);
        return ECSKP_ERR_CRYPTO_FAILURE;
    }
    *out = m;
    return ECSKP_OK;
}

void ecskp__hmac_update(ecskp__hmac *m, const void *data, size_t len) {
    if (!m->failed && len > 0 && EVP_DigestSignUpdate(m->md, data, len) != 1)
        m->failed = 1;
}

ecskp_status ecskp__hmac_end(ecskp__hmac *m, unsigned char out[ECSKP__SHA1_LEN]) {
    size_t got = ECSKP__SHA1_LEN;
    int ok = !m->failed && EVP_DigestSignFinal(m->md, out, &got) == 1 && got == ECSKP__SHA1_LEN;
    hmac_free(m);
    return ok ? ECSKP_OK : ECSKP_ERR_CRYPTO_FAILURE;
}

size_t ecskp__base64(const unsigned char *in, size_t n, char *out) {
    out[0] = '\0';
    if (n > (size_t)INT_MAX / 4 * 3)
        return 0;
    int len = EVP_EncodeBlock((unsigned char *)out, in, (int)n);
    return len > 0 ? (size_t)len : 0;
}

static int b64_char(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

ecskp_status ecskp__base64_decode(const char *in, size_t n, unsigned char *out, size_t *out_len) {
    *out_len = 0;
    /* EVP_DecodeBlock skips white space and does not check padding: check the text first. */
    if (n % 4 != 0 || n > (size_t)INT_MAX)
        return ECSKP_ERR_INVALID_ARGUMENT;
    size_t pad = n >= 1 && in[n - 1] == '=' ? (n >= 2 && in[n - 2] == '=' ? 2 : 1) : 0;
    for (size_t i = 0; i < n - pad; i++)
        if (!b64_char((unsigned char)in[i]))
            return ECSKP_ERR_INVALID_ARGUMENT;
    if (n == 0)
        return ECSKP_OK;
    int len = EVP_DecodeBlock(out, (const unsigned char *)in, (int)n);
    if (len < 0 || (size_t)len < pad)
        return ECSKP_ERR_INVALID_ARGUMENT;
    *out_len = (size_t)len - pad; /* EVP_DecodeBlock counts the padding as zero bytes */
    return ECSKP_OK;
}
