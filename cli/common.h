/* SPDX-License-Identifier: MIT */
/*
 * common.h - what the subcommands, the adapter and the case loader share: reading inputs,
 * parsing JSON texts, Base64 (libcrypto's EVP_EncodeBlock/EVP_DecodeBlock with strict checks)
 * and writing outputs. The steps that print return an exit status on failure (the message
 * already printed).
 */
#ifndef ECSKP_CLI_COMMON_H
#define ECSKP_CLI_COMMON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "ecskp/status.h"

/* What cli_command_line returns when the command goes on (every exit status is >= 0). */
#define CLI_GO_ON (-1)

/* A subcommand's command line: `opts` (nopts of them) and at most `max_files` FILE arguments
 * (0 or 1). Returns CLI_GO_ON with *file set (NULL when none was given), or the exit status
 * when the command is done (--help, --version: 0; a usage error, already printed). */
int cli_command_line(const char *cmd, int argc, char **argv, const cli_option *opts, size_t nopts,
                     size_t max_files, const char **file);

/* What a subcommand does with its input text (too_large: more than the `max` bytes given to
 * cli_text_command came); prints the output or the refusal and returns the exit status. */
typedef int (*cli_text_op)(const char *text, size_t len, int too_large, void *ctx);

/* Reads FILE or standard input (as cli_load_input), hands the text to `op` with `ctx` and
 * returns op's exit status, or CLI_EXIT_USAGE when it cannot be read. */
int cli_text_command(const char *cmd, const char *file, size_t max, cli_text_op op, void *ctx);

/* The end of a subcommand: the refusal for `status` (from `diag`) when it is not ECSKP_OK,
 * else `out` printed (cli_emit) and released with `release`. Returns the exit status. */
int cli_print_result(ecskp_status status, const ecskp_diag *diag, char *out,
                     void (*release)(char *));

/* Longest request text accepted (1 MiB; a request has at most 128 parameters). */
#define CLI_MAX_REQUEST_BYTES ((size_t)1 << 20)

/* Reads FILE or standard input, at most max + 1 bytes (see cli_read_input). Returns 0, or
 * CLI_EXIT_USAGE when it cannot be read. */
int cli_load_input(const char *cmd, const char *path, size_t max, char **buf, size_t *len,
                   int *too_large);

/* Reads and parses a request (one JSON value; whether it is an object is the library's to
 * judge). Returns 0, CLI_EXIT_REFUSED (not UTF-8, not one JSON value, too large) or
 * CLI_EXIT_USAGE (unreadable). */
int cli_load_request(const char *cmd, const char *path, cJSON **request);

/*
 * Parses `len` bytes as exactly one JSON value (white space around it only). Refusals:
 * invalid_argument (not JSON, trailing bytes; diag.offset), invalid_parameter_value (a
 * `\u0000` escape, which cJSON would silently cut a string at). Free *out with cJSON_Delete.
 */
ecskp_status cli_json_parse(const char *text, size_t len, cJSON **out, ecskp_diag *diag);

/* The value of member `name` of `obj` when it is a string, else NULL. */
const char *cli_json_string(const cJSON *obj, const char *name);

/* Standard padded Base64 (RFC 4648) of `len` bytes, a new NUL-terminated string; NULL when
 * out of memory. */
char *cli_b64_encode(const void *data, size_t len);

/* Decodes canonical padded Base64 (length a multiple of 4, the RFC 4648 alphabet, `=` only at
 * the end, the bits it drops zero; no white space) into a new buffer with a NUL after the data
 * (*out, freed by the caller). Returns 0, or -1 for any other text or when out of memory. */
int cli_b64_decode(const char *text, size_t len, unsigned char **out, size_t *out_len);

/* Prints `text` and a newline to standard output; returns 0, or CLI_EXIT_REFUSED when the
 * write failed (a full disk or a closed pipe must not look like success). */
int cli_emit(const char *text);

#endif /* ECSKP_CLI_COMMON_H */
