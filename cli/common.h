/*
 * common.h - input steps the subcommands share, each returning an exit status on failure
 * (the message already printed).
 */
#ifndef ECSKP_CLI_COMMON_H
#define ECSKP_CLI_COMMON_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Reads FILE or standard input, at most max + 1 bytes (see cli_read_input). Returns 0, or
 * CLI_EXIT_USAGE when it cannot be read. */
int cli_load_input(const char *cmd, const char *path, size_t max, char **buf, size_t *len,
                   int *too_large);

/* Reads and parses a request JSON object. Returns 0, CLI_EXIT_REFUSED (not one JSON
 * value, too large) or CLI_EXIT_USAGE (unreadable). */
int cli_load_request(const char *cmd, const char *path, cJSON **request);

/* Prints `text` and a newline to standard output; returns 0, or CLI_EXIT_REFUSED when the
 * write failed (a full disk or a closed pipe must not look like success). */
int cli_emit(const char *text);

#endif /* ECSKP_CLI_COMMON_H */
