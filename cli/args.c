/* SPDX-License-Identifier: MIT */
/* args.c - long-option parsing shared by the subcommands. */
#include <string.h>

#include "args.h"
#include "report.h"

static const cli_option *find(const cli_option *opts, size_t nopts, const char *name, size_t len) {
    for (size_t i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

int cli_parse_args(int argc, char **argv, const cli_option *opts, size_t nopts,
                   const char **positional, size_t max_positional, size_t *npositional) {
    const char *cmd = argc > 0 ? argv[0] : "ecskp";
    /* Which options were seen, to refuse repeats: a repeated --secret-file or --method is
     * more likely a mistake than an intended override. */
    unsigned char seen[32] = {0};
    int only_positional = 0;
    *npositional = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_positional && strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (!only_positional && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0))
            return CLI_ARGS_HELP;
        if (!only_positional && strcmp(a, "--version") == 0)
            return CLI_ARGS_VERSION;
        if (!only_positional && a[0] == '-' && a[1] != '\0') {
            if (a[1] != '-') {
                cli_usage(cmd, "unknown option '%s' (options are spelled --name)", a);
                return CLI_ARGS_USAGE;
            }
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
            const cli_option *o = find(opts, nopts, name, len);
            if (o == NULL) {
                cli_usage(cmd, "unknown option '--%.*s'", (int)(len > 64 ? 64 : len), name);
                return CLI_ARGS_USAGE;
            }
            size_t idx = (size_t)(o - opts);
            if (idx < sizeof seen && seen[idx]) {
                cli_usage(cmd, "option '--%s' given twice", o->name);
                return CLI_ARGS_USAGE;
            }
            if (idx < sizeof seen)
                seen[idx] = 1;
            if (o->takes_value) {
                const char *v;
                if (eq != NULL) {
                    v = eq + 1;
                } else if (i + 1 < argc) {
                    v = argv[++i];
                } else {
                    cli_usage(cmd, "option '--%s' needs a value", o->name);
                    return CLI_ARGS_USAGE;
                }
                *o->value = v;
            } else {
                if (eq != NULL) {
                    cli_usage(cmd, "option '--%s' takes no value", o->name);
                    return CLI_ARGS_USAGE;
                }
                *o->flag = 1;
            }
            continue;
        }
        if (*npositional >= max_positional) {
            if (max_positional == 0)
                cli_usage(cmd, "unexpected argument '%s' (this command takes no FILE)", a);
            else
                cli_usage(cmd, "unexpected argument '%s' (at most %zu FILE)", a, max_positional);
            return CLI_ARGS_USAGE;
        }
        positional[(*npositional)++] = a;
    }
    return CLI_ARGS_OK;
}
