/* SPDX-License-Identifier: MIT */
/* main.c - `ecskp`: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "help.h"
#include "report.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"query", cmd_query},
    {"sign", cmd_sign},
    {"decode", cmd_decode},
    {"ids", cmd_ids},
    {"conformance", cmd_conformance},
    {"adapter", cmd_adapter},
    {"demo", cmd_demo},
    {"attach", cmd_attach},
    {"detach", cmd_detach},
};

static int find(const char *name) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return (int)i;
    return -1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        help_print("ecskp", stderr);
        cli_usage("ecskp", "a command is required (attach, detach, query, sign, decode, ids, "
                           "conformance, adapter, demo)");
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        help_print("ecskp", stdout);
        return CLI_EXIT_ACCEPTED;
    }
    if (strcmp(name, "--version") == 0) {
        version_print(stdout);
        return CLI_EXIT_ACCEPTED;
    }
    if (strcmp(name, "help") == 0) {
        if (argc == 2 || help_print(argv[2], stdout) == 0) {
            if (argc == 2)
                help_print("ecskp", stdout);
            return CLI_EXIT_ACCEPTED;
        }
        cli_usage("ecskp", "no help for '%s'", argv[2]);
        return CLI_EXIT_USAGE;
    }
    int i = find(name);
    if (i < 0) {
        if (name[0] == '-')
            cli_usage("ecskp", "unknown option '%s' before the command", name);
        else
            cli_usage("ecskp",
                      "unknown command '%s' (attach, detach, query, sign, decode, ids, "
                      "conformance, adapter, demo)",
                      name);
        return CLI_EXIT_USAGE;
    }
    return commands[i].run(argc - 1, argv + 1);
}
