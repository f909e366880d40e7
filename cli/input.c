/* SPDX-License-Identifier: MIT */
/* input.c - bounded whole-file reads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "secret.h"

static int is_stdin(const char *path) {
    return path == NULL || strcmp(path, "-") == 0;
}

const char *cli_input_name(const char *path) {
    return is_stdin(path) ? "standard input" : path;
}

int cli_read_input(const char *path, size_t max, char **buf, size_t *len, int *too_large) {
    *buf = NULL;
    *len = 0;
    *too_large = 0;
    FILE *f = is_stdin(path) ? stdin : fopen(path, "rb");
    if (f == NULL)
        return -1;
    /* A profile or request file may hold a credential: no stdio buffer keeps a copy, and
     * every buffer of ours is wiped before it is freed. */
    if (f != stdin)
        (void)setvbuf(f, NULL, _IONBF, 0);
    size_t cap = 4096, n = 0;
    /* max + 1 bytes are the most ever read; the +2 keeps room for the NUL. */
    size_t limit = max < (size_t)-3 ? max + 1 : (size_t)-3;
    char *b = malloc(cap);
    int err = 0;
    if (b == NULL)
        err = ENOMEM;
    while (err == 0 && n < limit) {
        if (n + 1 >= cap) {
            size_t ncap = cap * 2;
            if (ncap > limit + 1)
                ncap = limit + 1;
            char *nb = malloc(ncap);
            if (nb == NULL) {
                err = ENOMEM;
                break;
            }
            memcpy(nb, b, n);
            cli_wipe(b, cap);
            free(b);
            b = nb;
            cap = ncap;
        }
        size_t want = cap - 1 - n;
        if (want > limit - n)
            want = limit - n;
        size_t got = fread(b + n, 1, want, f);
        n += got;
        if (got < want) {
            if (ferror(f))
                err = errno != 0 ? errno : EIO;
            break;
        }
    }
    if (f != stdin)
        (void)fclose(f);
    if (err != 0) {
        if (b != NULL)
            cli_wipe(b, cap);
        free(b);
        errno = err;
        return -1;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    *too_large = n > max;
    return 0;
}

int cli_bytes_add(char **buf, size_t *len, size_t *cap, size_t max, const char *data, size_t n) {
    size_t room = *len < max ? max - *len : 0;
    int cut = n > room; /* the bytes beyond max are dropped, and the caller told */
    size_t take = cut ? room : n;
    if (*len + take + 1 > *cap) {
        size_t ncap = *cap == 0 ? 4096 : *cap;
        while (ncap < *len + take + 1)
            ncap *= 2;
        char *nb = realloc(*buf, ncap);
        if (nb == NULL)
            return -1;
        *buf = nb;
        *cap = ncap;
    }
    memcpy(*buf + *len, data, take);
    *len += take;
    (*buf)[*len] = '\0';
    return cut;
}

int cli_read_file(const char *path, size_t max, char **buf, size_t *len) {
    int too_large = 0;
    if (cli_read_input(path, max, buf, len, &too_large) != 0)
        return -1;
    if (too_large) {
        cli_wipe(*buf, *len + 1);
        free(*buf);
        *buf = NULL;
        *len = 0;
        errno = EFBIG;
        return -1;
    }
    return 0;
}
