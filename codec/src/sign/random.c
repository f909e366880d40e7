/* SPDX-License-Identifier: MIT */
/* random.c - SignatureNonce from the operating system's random generator. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#if defined(ECSKP_HAVE_GETRANDOM)
#include <sys/random.h>
#endif

#include "crypto.h"
#include "sign_internal.h"

int ecskp__os_random(void *ctx, unsigned char *buf, size_t n) {
    (void)ctx;
    size_t got = 0;
#if defined(ECSKP_HAVE_GETRANDOM)
    /* Blocks only until the kernel pool is first initialised; never returns weak bytes. */
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno != 0 ? errno : EIO;
        }
        got += (size_t)r;
    }
    return 0;
#else
    int fd;
    do
        fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return errno != 0 ? errno : EIO;
    int err = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            err = r < 0 && errno != 0 ? errno : EIO;
            break;
        }
        got += (size_t)r;
    }
    close(fd);
    return err;
#endif
}

ecskp_status ecskp__random_nonce_from(ecskp__random_fill_fn fill, void *ctx,
                                      char out[ECSKP_NONCE_SIZE], ecskp_diag *diag) {
    if (out == NULL || fill == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "out is NULL");
    out[0] = '\0';
    unsigned char bytes[(ECSKP_NONCE_SIZE - 1) / 2];
    int err = fill(ctx, bytes, sizeof bytes);
    if (err != 0) {
        ecskp__cleanse(bytes, sizeof bytes);
        return ecskp__refuse(diag, ECSKP_ERR_RANDOM_FAILURE, "SignatureNonce",
                             "the operating system's random generator failed (errno %d)", err);
    }
    ecskp__hex(bytes, sizeof bytes, out);
    ecskp__cleanse(bytes, sizeof bytes);
    return ecskp__ok(diag);
}

ecskp_status ecskp_nonce_system(void *ctx, char out[ECSKP_NONCE_SIZE], ecskp_diag *diag) {
    (void)ctx;
    return ecskp__random_nonce_from(ecskp__os_random, NULL, out, diag);
}
