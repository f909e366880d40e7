/* SPDX-License-Identifier: MIT */
/*
 * input.h - reading a whole FILE (or standard input) into memory, bounded.
 */
#ifndef ECSKP_CLI_INPUT_H
#define ECSKP_CLI_INPUT_H

#include <stddef.h>

/*
 * Reads `path` (NULL or "-" = standard input) into a new buffer (*buf, freed by the caller;
 * one NUL byte is kept after the data). At most max + 1 bytes are read: *too_large is set
 * when there was more than `max`, and then *len is max + 1, so a caller can hand exactly
 * one byte too many to a library check that words the refusal itself.
 * Returns 0, or -1 with errno set (nothing allocated).
 */
int cli_read_input(const char *path, size_t max, char **buf, size_t *len, int *too_large);

/* Reads a file that must fit in `max` bytes; -1 with errno EFBIG when it does not. */
int cli_read_file(const char *path, size_t max, char **buf, size_t *len);

/*
 * Appends data[0..n) to the NUL-terminated buffer *buf (*len bytes of data, *cap allocated;
 * *buf may be NULL with *cap 0), which keeps at most `max` bytes: what goes past max is
 * dropped. Returns 0, 1 when bytes were dropped at max, or -1 when out of memory (nothing
 * appended, *buf unchanged). Output read from a process or a server, not a secret: nothing
 * is wiped.
 */
int cli_bytes_add(char **buf, size_t *len, size_t *cap, size_t max, const char *data, size_t n);

/* A name for messages: the path, or "standard input". */
const char *cli_input_name(const char *path);

#endif /* ECSKP_CLI_INPUT_H */
