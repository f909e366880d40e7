/* SPDX-License-Identifier: MIT */
/*
 * crypto.h - the little the signers need from a crypto library. Two backends implement it:
 * crypto_openssl.c (libcrypto) and crypto_none.c (a build without signing, where every hash
 * and HMAC returns ECSKP_ERR_UNSUPPORTED). Base64 comes from the backend (libcrypto's
 * EVP_EncodeBlock); hex is backend-independent (text.c).
 *
 * Every function writes only its output arguments and keeps nothing: no global state, no
 * caching of keys. Keys longer than the 64-byte block are hashed first, as RFC 2104 says HMAC
 * does, so a key of any size_t length is accepted without an int-sized limit.
 */
#ifndef ECSKP_SIGN_CRYPTO_H
#define ECSKP_SIGN_CRYPTO_H

#include <stddef.h>

#include "ecskp/status.h"

#define ECSKP__SHA1_LEN 20
#define ECSKP__SHA256_LEN 32
#define ECSKP__HMAC_BLOCK 64        /* the block size of SHA-1 and SHA-256 */
#define ECSKP__SHA256_HEX_SIZE 65   /* lower-case hex of a SHA-256, plus NUL */
#define ECSKP__V1_SIGNATURE_SIZE 29 /* Base64 of a SHA-1 HMAC (28), plus NUL */

/* 1 when the backend can hash, 0 for the stub. */
int ecskp__crypto_available(void);

/* SHA-1 of the concatenation a || b (used to pre-hash a long `secret&` key without copying
 * the secret). Returns OK, crypto_failure or unsupported. */
ecskp_status ecskp__sha1_concat(const void *a, size_t a_len, const void *b, size_t b_len,
                                unsigned char out[ECSKP__SHA1_LEN]);
ecskp_status ecskp__sha256(const void *data, size_t len, unsigned char out[ECSKP__SHA256_LEN]);
ecskp_status ecskp__hmac_sha1(const void *key, size_t key_len, const void *data, size_t len,
                              unsigned char out[ECSKP__SHA1_LEN]);
ecskp_status ecskp__hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                                unsigned char out[ECSKP__SHA256_LEN]);

/* HMAC-SHA1 over data that arrives in pieces (signature 1.0 when the StringToSign is not
 * stored). begin() returns OK or crypto_failure/unsupported (*m is NULL then); update() records
 * a failure, which end() reports; end() always frees the state (cleansed) and writes `out`
 * only on success. */
typedef struct ecskp__hmac ecskp__hmac;
ecskp_status ecskp__hmac_sha1_begin(ecskp__hmac **m, const void *key, size_t key_len);
void ecskp__hmac_update(ecskp__hmac *m, const void *data, size_t len);
ecskp_status ecskp__hmac_end(ecskp__hmac *m, unsigned char out[ECSKP__SHA1_LEN]);

/* Overwrites n bytes in a way the compiler may not remove. */
void ecskp__cleanse(void *p, size_t n);

/* Standard Base64 with padding, NUL-terminated; `out` holds 4 * ceil(n / 3) + 1 bytes. Returns
 * the length. The stub backend writes "" (nothing is ever signed without a backend). */
size_t ecskp__base64(const unsigned char *in, size_t n, char *out);
/* Decodes standard padded Base64 (white space is not allowed); `out` holds 3 * (n / 4) bytes.
 * Returns OK (and the length in *out_len), invalid_argument for text that is not Base64, or
 * unsupported. */
ecskp_status ecskp__base64_decode(const char *in, size_t n, unsigned char *out, size_t *out_len);
/* Lower-case hex; `out` holds 2 * n + 1 bytes. */
void ecskp__hex(const unsigned char *in, size_t n, char *out);

#endif /* ECSKP_SIGN_CRYPTO_H */
