/*
 * secret.h - where the AccessKeySecret comes from: a file (--secret-file) or the environment
 * (ECSKP_ACCESS_KEY_SECRET), never the command line, where every user of the machine can
 * read it in the process list.
 */
#ifndef ECSKP_CLI_SECRET_H
#define ECSKP_CLI_SECRET_H

#include <stddef.h>

typedef struct cli_secret {
    char *bytes; /* owned; wiped and freed by cli_secret_free */
    size_t len;
    size_t held; /* bytes of `bytes` that held file data (a stripped newline included) */
} cli_secret;

/* Loads the secret from `file` when not NULL, else from the environment. Returns 0, or an
 * exit status with the message printed (missing_secret when neither is there). */
int cli_secret_load(const char *file, cli_secret *s);

void cli_secret_free(cli_secret *s);

/* Overwrites n bytes in a way the compiler may not drop. */
void cli_wipe(void *p, size_t n);

#endif /* ECSKP_CLI_SECRET_H */
