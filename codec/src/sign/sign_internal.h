/*
 * sign_internal.h - helpers shared by the signers, and the injectable random source that
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

/* ecskp_random_nonce() with the bytes taken from `fill`. */
ecskp_status ecskp__random_nonce_from(ecskp__random_fill_fn fill, void *ctx,
                                      char out[ECSKP_NONCE_SIZE], ecskp_diag *diag);

/* 1 when s is not NULL and not empty. */
int ecskp__sign_present(const char *s);

/* missing_parameter for `name`, in the gateway's words. */
ecskp_status ecskp__sign_missing(ecskp_diag *diag, const char *name);

/* The checks every signer makes first: unsupported (no backend), then NULL secret with a
 * length (invalid_argument), then an empty secret (missing_secret). */
/* unsupported, with the diag every signer gives in a build without libcrypto. */
ecskp_status ecskp__unsupported(ecskp_diag *diag);
ecskp_status ecskp__check_secret(const char *secret, size_t secret_len, ecskp_diag *diag);

/* The value of parameter `name` in a list, or NULL. */
const char *ecskp__param_value(const ecskp_param *params, size_t count, const char *name);

/*
 * Consecutive NUL-terminated texts texts in one caller buffer. seg_open() starts a writer at the
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

#endif /* ECSKP_SIGN_INTERNAL_H */
