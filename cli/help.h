/* SPDX-License-Identifier: MIT */
/*
 * help.h - the --help texts of the command and of every subcommand, and --version. The same
 * text, in roff, is the man page cli/ecskp.1; cli/test_contract.py checks that the two name the
 * same options and that each option's description here appears in its man page entry.
 */
#ifndef ECSKP_CLI_HELP_H
#define ECSKP_CLI_HELP_H

#include <stdio.h>

/* Prints the help of `cmd` ("ecskp" for the command itself). Returns 0 when there is one. */
int help_print(const char *cmd, FILE *f);

/* Prints `ecskp VERSION (conformance suite VERSION, signing: ...)`. */
void version_print(FILE *f);

/* After cli_parse_args: prints the help or the version and returns the exit status (0), or
 * returns CLI_EXIT_USAGE for a usage error (already printed). */
int help_finish(const char *cmd, int args_rc);

#endif /* ECSKP_CLI_HELP_H */
