/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the subcommands of the `ecskp` command share: exit statuses and entry points.
 */
#ifndef ECSKP_CLI_H
#define ECSKP_CLI_H

/* The exit-status contract of every subcommand but attach and detach, which say how many
 * instances succeeded (call_run.h; see ecskp(1), EXIT STATUS). */
enum {
    CLI_EXIT_ACCEPTED = 0, /* the input was accepted (an API error payload included) */
    CLI_EXIT_REFUSED = 1,  /* the input was refused: one line `ecskp: <error_name>: <detail>` */
    CLI_EXIT_USAGE = 2     /* the command line was wrong, or a file could not be read */
};

/* Each subcommand gets argv after its own name (argv[0] is the subcommand name). */
int cmd_query(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_ids(int argc, char **argv);
int cmd_conformance(int argc, char **argv);
int cmd_adapter(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_attach(int argc, char **argv); /* cmd_call.c; its own exit statuses (call_run.h) */
int cmd_detach(int argc, char **argv);

#endif /* ECSKP_CLI_H */
