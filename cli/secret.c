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

int cli_secret_load(const char *file, cli_secret *s) {
    s->bytes = NULL;
    s->len = 0;
    s->held = 0;
    if (file != NULL) {
        char *buf;
        size_t len;
        if (cli_read_file(file, MAX_SECRET_FILE_BYTES, &buf, &len) != 0) {
            int e = errno;
            cli_usage("sign", "cannot read --secret-file %s: %s", file,
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
    const char *env = getenv("ECSKP_ACCESS_KEY_SECRET");
    if (env == NULL)
        return cli_refuse_msg(ECSKP_ERR_MISSING_SECRET,
                              "no AccessKeySecret; set ECSKP_ACCESS_KEY_SECRET or pass "
                              "--secret-file FILE");
    s->len = strlen(env);
    s->bytes = malloc(s->len + 1);
    if (s->bytes == NULL)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the secret");
    memcpy(s->bytes, env, s->len + 1);
    s->held = s->len;
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
