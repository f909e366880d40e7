/* SPDX-License-Identifier: MIT */
/*
 * secret.h - reading the AccessKeySecret from a file (--secret-file), and wiping copies of it.
 * The secret is never taken from the command line, where every user of the machine can read
 * it in the process list; credentials.h says where else it may come from.
 */
#ifndef ECSKP_CLI_SECRET_H
#define ECSKP_CLI_SECRET_H

#include <stddef.h>

typedef struct cli_secret {
    char *bytes; /* owned; wiped and freed by cli_secret_free */
    size_t len;
    size_t held; /* bytes of `bytes` that held file data (a stripped newline included) */
} cli_secret;

/* Loads the secret from `file` (one trailing newline removed). Returns 0, or CLI_EXIT_USAGE
 * with the message printed (for subcommand `cmd`). */
int cli_secret_load(const char *cmd, const char *file, cli_secret *s);

void cli_secret_free(cli_secret *s);

/* Overwrites n bytes in a way the compiler may not drop. */
void cli_wipe(void *p, size_t n);

#endif /* ECSKP_CLI_SECRET_H */
