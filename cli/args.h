/* SPDX-License-Identifier: MIT */
/*
 * args.h - the command-line parser every subcommand uses: long options (`--name VALUE`,
 * `--name=VALUE`, `--flag`), `-h`/`--help`, `--` and positional arguments. Usage errors are
 * printed here, so that every subcommand words them the same way.
 */
#ifndef ECSKP_CLI_ARGS_H
#define ECSKP_CLI_ARGS_H

#include <stddef.h>

typedef struct cli_option {
    const char *name;   /* without the leading "--" */
    int takes_value;    /* 1: `--name VALUE` or `--name=VALUE`; 0: a flag */
    const char **value; /* takes_value: receives the value */
    int *flag;          /* !takes_value: set to 1 */
} cli_option;

enum {
    CLI_ARGS_OK = 0,
    CLI_ARGS_HELP = 1,   /* -h or --help was given: print the help, exit 0 */
    CLI_ARGS_USAGE = 2,  /* a usage error, already printed */
    CLI_ARGS_VERSION = 3 /* --version was given: print the version, exit 0 */
};

/*
 * Parses argv[1..argc-1] (argv[0] is the subcommand's name, used in messages). Positional
 * arguments go to positional[0..max_positional-1]; *npositional receives their count. An
 * option given twice, an unknown option, a missing value or too many positional arguments is
 * a usage error. "-" is a positional argument (standard input).
 */
int cli_parse_args(int argc, char **argv, const cli_option *opts, size_t nopts,
                   const char **positional, size_t max_positional, size_t *npositional);

#endif /* ECSKP_CLI_ARGS_H */
