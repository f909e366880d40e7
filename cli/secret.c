/* SPDX-License-Identifier: MIT */
/*
 * secret.c - loading and wiping the AccessKeySecret. The file is read with read(2) (no stdio
 * buffer keeps a copy) into a buffer that grows by copying: every buffer that held secret
 * bytes is wiped before it is freed, on success and on every failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "report.h"
#include "secret.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* A secret file holds one secret; anything this long is the wrong file. */
#define MAX_SECRET_FILE_BYTES ((size_t)65536)
#define FIRST_CAP ((size_t)256)

void cli_wipe(void *p, size_t n) {
    if (p != NULL && n > 0)
        OPENSSL_cleanse(p, n);
}

/* Wipes the n bytes read so far, frees the buffer, and fails with errno e. */
static int give_up(char *b, size_t n, int e) {
    cli_wipe(b, n);
    free(b);
    errno = e;
    return -1;
}

/* A buffer of cap bytes holding the n bytes of *b, which is wiped and freed. NULL (and *b
 * left as it was) when out of memory. */
static char *grow(char *b, size_t n, size_t cap) {
    char *nb = malloc(cap);
    if (nb == NULL)
        return NULL;
    memcpy(nb, b, n);
    cli_wipe(b, n);
    free(b);
    return nb;
}

/* Reads all of fd, at most `max` bytes (EFBIG beyond), NUL-terminated. Returns 0, or -1
 * with errno set and nothing left allocated or unwiped. */
static int read_all(int fd, size_t max, char **out, size_t *len) {
    size_t cap = FIRST_CAP, n = 0;
    char *b = malloc(cap);
    if (b == NULL)
        return give_up(NULL, 0, ENOMEM);
    for (;;) {
        if (n + 1 == cap) { /* full: room for one byte past max, and the NUL */
            size_t ncap = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *nb = ncap > cap ? grow(b, n, ncap) : NULL;
            if (nb == NULL)
                return give_up(b, n, ncap > cap ? ENOMEM : EFBIG);
            b = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, b + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return give_up(b, n, errno);
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max)
            return give_up(b, n, EFBIG);
    }
    b[n] = '\0';
    *out = b;
    *len = n;
    return 0;
}

/* The file (or standard input for "-") into a new buffer; as read_all. */
static int read_secret_file(const char *path, char **out, size_t *len) {
    int in = strcmp(path, "-") == 0;
    int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = read_all(fd, MAX_SECRET_FILE_BYTES, out, len);
    int e = errno;
    if (!in)
        (void)close(fd);
    errno = e;
    return rc;
}

int cli_secret_load(const char *cmd, const char *file, cli_secret *s) {
    s->bytes = NULL;
    s->len = 0;
    s->held = 0;
    char *buf;
    size_t len;
    if (read_secret_file(file, &buf, &len) != 0) {
        int e = errno;
        cli_usage(cmd, "cannot read --secret-file %s: %s", file,
                  e == EFBIG ? "larger than 64 KiB, not a secret" : strerror(e));
        return CLI_EXIT_USAGE;
    }
    s->held = len;
    /* Editors end files with a newline; it is never part of a secret. */
    if (len > 0 && buf[len - 1] == '\n')
        len--;
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    s->bytes = buf;
    s->len = len;
    return 0;
}

void cli_secret_free(cli_secret *s) {
    if (s->bytes != NULL) {
        cli_wipe(s->bytes, s->held > s->len ? s->held : s->len);
        free(s->bytes);
    }
    s->bytes = NULL;
    s->len = 0;
    s->held = 0;
}
