/* secret.c - loading and wiping the AccessKeySecret. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "report.h"
#include "secret.h"

/* A secret file holds one secret; anything this long is the wrong file. */
#define MAX_SECRET_FILE_BYTES ((size_t)4096)

void cli_wipe(void *p, size_t n) {
    volatile unsigned char *v = p;
    while (n-- > 0)
        *v++ = 0;
}

int cli_secret_load(const char *cmd, const char *file, cli_secret *s) {
    s->bytes = NULL;
    s->len = 0;
    s->held = 0;
    char *buf;
    size_t len;
    if (cli_read_file(file, MAX_SECRET_FILE_BYTES, &buf, &len) != 0) {
        int e = errno;
        cli_usage(cmd, "cannot read --secret-file %s: %s", file,
                  e == EFBIG ? "larger than 4 KiB, not a secret" : strerror(e));
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
