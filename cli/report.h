/* SPDX-License-Identifier: MIT */
/*
 * report.h - how the command tells the user that something went wrong.
 *
 * A refused input is exactly one line on standard error, `ecskp: <error_name>: <detail>`,
 * where error_name is the library's stable status name; the detail ends with what to do
 * next. A usage error is `ecskp: usage: <detail>` and a pointer to the help. Every byte that
 * came from the input and is not printable ASCII is shown as \xHH, so a hostile input can
 * neither break the one-line rule nor reach the terminal as a control sequence.
 */
#ifndef ECSKP_CLI_REPORT_H
#define ECSKP_CLI_REPORT_H

#include <stddef.h>

#include "ecskp/status.h"

#if defined(__GNUC__) || defined(__clang__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Prints the usage error line for subcommand `cmd` ("ecskp" for the command itself). */
void cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* Prints the refusal line for `status` from `diag` (may be NULL), with the next-step hint for
 * that status, and returns CLI_EXIT_REFUSED. */
int cli_refuse(ecskp_status status, const ecskp_diag *diag);

/* Prints `ecskp: <name>: <detail>` with a detail of the caller's and returns
 * CLI_EXIT_REFUSED. */
int cli_refuse_msg(ecskp_status status, const char *fmt, ...) CLI_PRINTF(2, 3);

/* One line of detail for `status` and `diag`: field, message, and the next-step hint.
 * Always NUL-terminated, sanitized as described above. */
void cli_detail(ecskp_status status, const ecskp_diag *diag, char *out, size_t cap);

/* Copies `n` bytes of `s` into `out` (cap bytes, NUL-terminated), showing bytes outside
 * printable ASCII as \xHH; truncates with "..." when it does not fit. */
void cli_sanitize(const char *s, size_t n, char *out, size_t cap);

/* Fills `diag` (NULL allowed) for a refusal the command finds itself, as the library fills
 * one for its own: `status`, its name, `field` (NULL = none), `offset` (ECSKP_NO_OFFSET =
 * none) and a one-line message. Returns `status`. The command's one such helper. */
ecskp_status cli_fail(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                      const char *fmt, ...) CLI_PRINTF(5, 6);

/* What to do next about a status, one clause, never NULL. */
const char *cli_hint(ecskp_status status);

#endif /* ECSKP_CLI_REPORT_H */
