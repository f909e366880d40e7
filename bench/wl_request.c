/* SPDX-License-Identifier: MIT */
/*
 * wl_request.c - request workloads: the canonical query and the signature 1.0 of an
 * AttachKeyPair request with 50 instance IDs.
 *
 * Baselines:
 * - sign50 against OpenSSL's one-shot HMAC() of the same StringToSign (the target,
 *   at most 2.0x), and, as a second line, against a pre-fetched EVP_MAC context re-keyed per
 *   call: the floor of the hashing alone, without OpenSSL 3's per-call algorithm fetch.
 * - query50 against the same bare HMAC(): the canonical query is the part of sign50 that is not
 *   hashing, so its ratio reads as the share of the 2.0x signing budget it uses. As a second
 *   line, against a memcpy of the same output bytes: the floor of writing those bytes at all.
 */
#include <stdio.h>
#include <string.h>

#include "ecskp/encode.h"
#include "ecskp/sign.h"

#ifdef ECSKP_BENCH_HAVE_CRYPTO
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#endif

#include "workloads.h"

#define SECRET "testsecret"
#define BUF_SIZE 16384

static char g_id_text[BENCH_IDS][24];
static const char *g_ids[BENCH_IDS];

const char *const *bench_instance_ids(void) {
    if (g_ids[0] == NULL) {
        /* A fixed linear congruential sequence: the same IDs in every run. */
        static const char alnum[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        uint32_t x = 20260523u;
        for (size_t i = 0; i < BENCH_IDS; i++) {
            g_id_text[i][0] = 'i';
            g_id_text[i][1] = '-';
            for (size_t j = 0; j < 20; j++) {
                x = x * 1664525u + 1013904223u;
                g_id_text[i][2 + j] = alnum[(x >> 16) % 36];
            }
            g_id_text[i][22] = '\0';
            g_ids[i] = g_id_text[i];
        }
    }
    return g_ids;
}

/* The common parameters of the request: given by the signer to sign50, and as extra
 * parameters of the same operation to query50, so that both work on the same canonical query
 * (signature 1.0 adds SignatureMethod and SignatureVersion itself; query50 lists them). */
#define ACCESS_KEY_ID "testid"
#define NONCE "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
#define TIMESTAMP "2016-02-23T12:46:24Z"

typedef struct request_fixture {
    ecskp_keypair op;     /* sign50: the operation */
    ecskp_keypair op_all; /* query50: the same with the common parameters as extra */
    ecskp_param common[5];
    ecskp_signer signer;
    ecskp_param_set set;  /* query50's parameter list, rebuilt by every call */
    char query[BUF_SIZE]; /* the canonical query, as query50 produces it */
    size_t query_len;
    char out[BUF_SIZE]; /* written by every call */
#ifdef ECSKP_BENCH_HAVE_CRYPTO
    char signed_buf[BUF_SIZE];
    char sts[BUF_SIZE]; /* the StringToSign of sign50 */
    size_t sts_len;
    size_t signed_query_len;
    EVP_MAC_CTX *mac;
    OSSL_PARAM mac_params[2];
#endif
} request_fixture;

static request_fixture g_fx;

static void fill_request(request_fixture *f) {
    ecskp_keypair *r = &f->op;
    memset(r, 0, sizeof *r);
    r->action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    r->region_id = "cn-hangzhou";
    r->key_pair_name = "bench-key-pair";
    r->instance_ids = bench_instance_ids();
    r->instance_id_count = BENCH_IDS;
    r->format = ECSKP_FORMAT_JSON;
    r->version = "2014-05-26";

    ecskp_signer *s = &f->signer;
    memset(s, 0, sizeof *s);
    s->signature = ECSKP_SIGNATURE_V1;
    s->method = ECSKP_METHOD_GET;
    s->access_key_id = ACCESS_KEY_ID;
    s->secret = SECRET;
    s->secret_len = sizeof SECRET - 1;
    s->timestamp = TIMESTAMP;
    s->nonce = NONCE;

    static const ecskp_param common[5] = {{"AccessKeyId", ACCESS_KEY_ID},
                                          {"SignatureMethod", ECSKP_V1_SIGNATURE_METHOD},
                                          {"SignatureVersion", ECSKP_V1_SIGNATURE_VERSION},
                                          {"SignatureNonce", NONCE},
                                          {"Timestamp", TIMESTAMP}};
    memcpy(f->common, common, sizeof common);
    f->op_all = *r;
    f->op_all.extra = f->common;
    f->op_all.extra_count = 5;
}

/* The typed operation validated (ecskp_keypair_build) and its canonical query written
 * (ecskp_query_build): what 0.x's ecskp_keypair_query did in one call. */
static int query50(request_fixture *f, char *buf, size_t cap, size_t *len, ecskp_diag *d) {
    size_t needed = 0;
    if (ecskp_keypair_build(&f->op_all, &f->set, d) != ECSKP_OK ||
        ecskp_query_build(f->set.params, f->set.count, buf, cap, &needed, d) != ECSKP_OK)
        return -1;
    *len = needed - 1;
    return 0;
}

static int op_query50(void *ctx) {
    request_fixture *f = ctx;
    size_t len = 0;
    if (query50(f, f->out, sizeof f->out, &len, NULL) != 0)
        return -1;
    bench_sink += len;
    return 0;
}

static int op_memcpy_query(void *ctx) {
    request_fixture *f = ctx;
    memcpy(f->out, f->query, f->query_len + 1);
    bench_sink += (unsigned char)f->out[f->query_len / 2];
    return 0;
}

#ifdef ECSKP_BENCH_HAVE_CRYPTO
static int op_sign50(void *ctx) {
    request_fixture *f = ctx;
    size_t needed = 0;
    ecskp_signed s;
    if (ecskp_keypair_sign(&f->signer, &f->op, f->signed_buf, sizeof f->signed_buf, &needed, &s,
                           NULL) != ECSKP_OK)
        return -1;
    bench_sink += needed;
    return 0;
}
#endif

#ifdef ECSKP_BENCH_HAVE_CRYPTO

static int op_hmac(void *ctx) {
    request_fixture *f = ctx;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (HMAC(EVP_sha1(), SECRET "&", (int)sizeof SECRET, (const unsigned char *)f->sts, f->sts_len,
             md, &md_len) == NULL)
        return -1;
    bench_sink += md[0];
    return 0;
}

#ifdef ECSKP_BENCH_HAVE_CRYPTO
static int op_hmac_prefetched(void *ctx) {
    request_fixture *f = ctx;
    unsigned char md[EVP_MAX_MD_SIZE];
    size_t md_len = 0;
    if (EVP_MAC_init(f->mac, (const unsigned char *)SECRET "&", sizeof SECRET, f->mac_params) !=
            1 ||
        EVP_MAC_update(f->mac, (const unsigned char *)f->sts, f->sts_len) != 1 ||
        EVP_MAC_final(f->mac, md, &md_len, sizeof md) != 1)
        return -1;
    bench_sink += md[0];
    return 0;
}
#endif
#endif

int bench_request_cases(bench_case *out, size_t cap) {
    request_fixture *f = &g_fx;
    fill_request(f);
    ecskp_diag d;
    if (query50(f, f->query, sizeof f->query, &f->query_len, &d) != 0) {
        fprintf(stderr, "bench: query50 fixture: %s: %s\n", d.name, d.message);
        return -1;
    }
    size_t n = 0;
#ifdef ECSKP_BENCH_HAVE_CRYPTO
    /* The StringToSign, built here from the public pieces: GET&%2F& + encode(query). */
    static const char prefix[] = "GET&%2F&";
    memcpy(f->sts, prefix, sizeof prefix - 1);
    size_t enc_needed = 0;
    if (ecskp_percent_encode(f->query, f->query_len, f->sts + sizeof prefix - 1,
                             sizeof f->sts - (sizeof prefix - 1), &enc_needed, NULL) != ECSKP_OK) {
        fprintf(stderr, "bench: StringToSign does not fit\n");
        return -1;
    }
    f->sts_len = sizeof prefix - 1 + enc_needed - 1;
#ifdef ECSKP_BENCH_HAVE_CRYPTO
    size_t needed = 0;
    ecskp_signed s;
    if (ecskp_keypair_sign(&f->signer, &f->op, f->signed_buf, sizeof f->signed_buf, &needed, &s,
                           &d) != ECSKP_OK) {
        fprintf(stderr, "bench: sign50 fixture: %s: %s\n", d.name, d.message);
        return -1;
    }
    /* query50 and sign50 must work on the same request, and the HMAC baseline on the same
     * StringToSign. */
    if (strlen(s.canonical_query) != f->query_len ||
        memcmp(s.canonical_query, f->query, f->query_len) != 0 ||
        strlen(s.string_to_sign) != f->sts_len ||
        memcmp(s.string_to_sign, f->sts, f->sts_len) != 0) {
        fprintf(stderr, "bench: sign50 and query50 disagree on the canonical query\n");
        return -1;
    }
    f->signed_query_len = strlen(s.query); /* GET: the signed query */
#endif

    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    f->mac = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
    EVP_MAC_free(mac); /* the context keeps its own reference */
    if (f->mac == NULL) {
        fprintf(stderr, "bench: EVP_MAC HMAC unavailable\n");
        return -1;
    }
    f->mac_params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA1", 0);
    f->mac_params[1] = OSSL_PARAM_construct_end();

    if (n + 3 > cap)
        return -1;
#ifdef ECSKP_BENCH_HAVE_CRYPTO
    out[n++] = (bench_case){.name = "sign50",
                            .what = "ecskp_keypair_sign, v1 GET, AttachKeyPair, 50 InstanceIds",
                            .op = op_sign50,
                            .ctx = f,
                            .baseline = "hmac_sha1",
                            .base_op = op_hmac,
                            .base_ctx = f,
                            .body_bytes = f->signed_query_len,
                            .ratio_target = 2.0};
    out[n++] = (bench_case){.name = "sign50_vs_prefetched_mac",
                            .what = "sign50 against HMAC-SHA1 on a pre-fetched EVP_MAC",
                            .op = op_sign50,
                            .ctx = f,
                            .baseline = "evp_mac_sha1_prefetched",
                            .base_op = op_hmac_prefetched,
                            .base_ctx = f,
                            .body_bytes = f->signed_query_len};
#endif
    out[n++] = (bench_case){.name = "query50",
                            .what = "ecskp_keypair_build + ecskp_query_build, the same request",
                            .op = op_query50,
                            .ctx = f,
                            .baseline = "hmac_sha1",
                            .base_op = op_hmac,
                            .base_ctx = f,
                            .body_bytes = f->query_len};
#endif
    if (n + 1 > cap)
        return -1;
    out[n++] = (bench_case){.name = "query50_vs_memcpy",
                            .what = "query50 against a memcpy of its output bytes",
                            .op = op_query50,
                            .ctx = f,
                            .baseline = "memcpy_query",
                            .base_op = op_memcpy_query,
                            .base_ctx = f,
                            .body_bytes = f->query_len};
    return (int)n;
}
