/* SPDX-License-Identifier: MIT */
/* v1.c - signature version 1.0: StringToSign, HMAC-SHA1 signature, signed form. */
#include <string.h>

#include "crypto.h"
#include "sign_internal.h"

/* The one StringToSign builder: `METHOD&%2F&` + percentEncode(canonical query), written
 * straight from the sorted parameters (names are [A-Za-z0-9.], unchanged by both encodings;
 * values are encoded twice in one pass). It writes to the caller's buffer, or, through a sink
 * writer, into the MAC. */
static void put_string_to_sign(ecskp_writer *w, const ecskp__sign_job *job) {
    ecskp__puts(w, job->method_name);
    ecskp__puts(w, "&%2F&");
    for (size_t k = 0; k < job->n; k++) {
        const ecskp_param *p = &job->params[job->order[k]];
        if (k > 0)
            ecskp__puts(w, "%26");
        ecskp__puts(w, p->name);
        ecskp__puts(w, "%3D");
        ecskp__put_pct(w, p->value, strlen(p->value), 1);
    }
}

/* The HMAC key is `secret&`: up to the 64-byte block it is assembled on the stack; beyond it
 * HMAC would hash it anyway, so it is hashed straight from the caller's bytes. The caller
 * wipes `key`. */
static ecskp_status v1_key(const ecskp_signer *s, unsigned char key[ECSKP__HMAC_BLOCK],
                           size_t *key_len) {
    if (s->secret_len < ECSKP__HMAC_BLOCK) {
        memcpy(key, s->secret, s->secret_len);
        key[s->secret_len] = '&';
        *key_len = s->secret_len + 1;
        return ECSKP_OK;
    }
    *key_len = ECSKP__SHA1_LEN;
    return ecskp__sha1_concat(s->secret, s->secret_len, "&", 1, key);
}

static void mac_sink(void *ctx, const char *p, size_t n) {
    ecskp__hmac_update(ctx, p, n);
}

/* The MAC of a StringToSign that is not in the buffer: streamed through a 256-byte chunk. */
static ecskp_status mac_streamed(const ecskp__sign_job *job, const unsigned char *key,
                                 size_t key_len, unsigned char mac[ECSKP__SHA1_LEN]) {
    ecskp__hmac *m = NULL;
    ECSKP_GUARD(ecskp__hmac_sha1_begin(&m, key, key_len));
    char chunk[256];
    ecskp_writer w;
    ecskp__writer_init_sink(&w, chunk, sizeof chunk, mac_sink, m);
    put_string_to_sign(&w, job);
    ecskp__writer_drain(&w);
    ecskp__cleanse(chunk, sizeof chunk);
    return ecskp__hmac_end(m, mac);
}

/* Base64(HMAC-SHA1(secret&, StringToSign)) into sig; from `sts` when it is in the buffer. */
static ecskp_status signature(const ecskp__sign_job *job, const char *sts, size_t sts_len,
                              char sig[ECSKP__V1_SIGNATURE_SIZE], ecskp_diag *diag) {
    unsigned char key[ECSKP__HMAC_BLOCK];
    size_t key_len = 0;
    unsigned char mac[ECSKP__SHA1_LEN];
    ecskp_status rc = v1_key(job->signer, key, &key_len);
    if (rc == ECSKP_OK)
        rc = sts != NULL ? ecskp__hmac_sha1(key, key_len, sts, sts_len, mac)
                         : mac_streamed(job, key, key_len, mac);
    ecskp__cleanse(key, sizeof key);
    if (rc != ECSKP_OK)
        return ecskp__refuse(diag, rc, NULL, "HMAC-SHA1 failed in the crypto backend");
    ecskp__base64(mac, sizeof mac, sig);
    ecskp__cleanse(mac, sizeof mac);
    return ECSKP_OK;
}

ecskp_status ecskp__v1_write(const ecskp__sign_job *job, ecskp__segs *segs, ecskp_signed *out,
                             ecskp_diag *diag) {
    ecskp_writer w;
    ecskp__seg_open(segs, &w);
    ecskp__put_canonical(&w, job->params, job->order, job->n);
    size_t query_len = w.len;
    const char *query = ecskp__seg_close(segs, &w);

    ecskp__seg_open(segs, &w);
    put_string_to_sign(&w, job);
    size_t sts_len = w.len;
    const char *sts = ecskp__seg_close(segs, &w);

    char sig[ECSKP__V1_SIGNATURE_SIZE];
    ECSKP_GUARD(signature(job, sts, sts_len, sig, diag));
    const char *sig_text = ecskp__seg_text(segs, sig, strlen(sig));

    /* Once a segment did not fit, the later writers only count, so they read no source. */
    ecskp__seg_open(segs, &w);
    ecskp__put(&w, query, query_len);
    if (query_len > 0)
        ecskp__putc(&w, '&');
    ecskp__puts(&w, "Signature=");
    ecskp__put_pct(&w, sig, strlen(sig), 0);
    size_t form_len = w.len;
    const char *form = ecskp__seg_close(segs, &w);
    ecskp__cleanse(sig, sizeof sig);

    out->signature = ECSKP_SIGNATURE_V1;
    out->method = job->method;
    out->path = "/";
    if (job->method == ECSKP_METHOD_GET) {
        out->query = form;
        out->body = "";
    } else {
        out->query = "";
        out->body = form;
        out->body_len = form_len;
        out->headers[0].name = "content-type";
        out->headers[0].value = "application/x-www-form-urlencoded";
        out->header_count = 1;
    }
    out->canonical_query = query;
    out->canonical_request = "";
    out->string_to_sign = sts;
    out->signature_value = sig_text;
    return ECSKP_OK;
}
