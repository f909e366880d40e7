/* SPDX-License-Identifier: MIT */
/*
 * sign_internal.h - what the signers share: the signing job (signer.c resolves it, v1.c and
 * v3.c write it), the segments of the caller's buffer, and the injectable random source that
 * lets tests reach the random_failure path without a public hook. Not installed.
 */
#ifndef ECSKP_SIGN_INTERNAL_H
#define ECSKP_SIGN_INTERNAL_H

#include <stddef.h>

#include "ecskp/sign.h"
#include "internal.h"

/* Fills n bytes of buf with random bytes, all of them or none: returns 0 on success, or an
 * errno value on failure. */
typedef int (*ecskp__random_fill_fn)(void *ctx, unsigned char *buf, size_t n);

/* The operating system's generator (getrandom(2) with EINTR retried and short reads
 * continued; /dev/urandom where getrandom is missing). `ctx` is unused. */
int ecskp__os_random(void *ctx, unsigned char *buf, size_t n);

/* ecskp_nonce_system() with the bytes taken from `fill`. */
ecskp_status ecskp__random_nonce_from(ecskp__random_fill_fn fill, void *ctx,
                                      char out[ECSKP_NONCE_SIZE], ecskp_diag *diag);

/* 1 when s is not NULL and not empty. */
int ecskp__sign_present(const char *s);

/* missing_parameter for `name`, in the gateway's words. */
#define ecskp__sign_missing(diag, name)                                                            \
    ecskp__refuse((diag), ECSKP_ERR_MISSING_PARAMETER, (name),                                     \
                  "The input parameter \"%s\" that is required for processing this request is "    \
                  "not supplied.",                                                                 \
                  (name))

/* unsupported, with the diag every signer gives in a build without libcrypto. */
#define ecskp__unsupported(diag)                                                                   \
    ecskp__refuse((diag), ECSKP_ERR_UNSUPPORTED, NULL,                                             \
                  "this build of ecskp has no signing (built without libcrypto)")

/*
 * Consecutive NUL-terminated texts in one caller buffer. seg_open() starts a writer at the
 * current offset (a counting-only writer once the buffer is exhausted); seg_close()
 * terminates it, advances the offset past the NUL and returns the text's start, or NULL when
 * it did not fit entirely.
 */
typedef struct ecskp__segs {
    char *buf;
    size_t cap;
    size_t off; /* bytes used so far, NULs included; may exceed cap */
} ecskp__segs;

void ecskp__seg_open(ecskp__segs *s, ecskp_writer *w);
const char *ecskp__seg_close(ecskp__segs *s, ecskp_writer *w);
/* One whole text as a segment. */
const char *ecskp__seg_text(ecskp__segs *s, const char *text, size_t len);

/*
 * A signing job: the signer and request resolved into one checked parameter list (the
 * request's parameters and the common ones the signer supplies) in canonical order. v1.c and
 * v3.c turn it into an ecskp_signed in the segments; they check only what is theirs (V3:
 * headers, path, body).
 */
typedef struct ecskp__sign_job {
    const ecskp_signer *signer;
    ecskp_request request; /* a copy: its list may be the typed operation's, on the stack */
    ecskp_method method;
    const char *method_name;
    ecskp_param params[ECSKP_MAX_PARAMS];
    size_t count;
    unsigned short order[ECSKP_MAX_PARAMS]; /* canonical order, `Signature` left out */
    size_t n;
    char timestamp[ECSKP_TIMESTAMP_SIZE]; /* a generated Timestamp, when one was */
    char nonce[ECSKP_NONCE_SIZE];         /* a generated SignatureNonce, when one was */
} ecskp__sign_job;

ecskp_status ecskp__v1_write(const ecskp__sign_job *job, ecskp__segs *segs, ecskp_signed *out,
                             ecskp_diag *diag);
ecskp_status ecskp__v3_check(const ecskp__sign_job *job, ecskp_diag *diag);
ecskp_status ecskp__v3_write(const ecskp__sign_job *job, ecskp__segs *segs, ecskp_signed *out,
                             ecskp_diag *diag);

#endif /* ECSKP_SIGN_INTERNAL_H */
