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
