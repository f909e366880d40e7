/* cmd_decode.c - `ecskp decode`: a reply body to its normalized JSON form. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "ops.h"
#include "report.h"

/* Parses decimal digits only (no sign, no white space) up to `max`. Returns 0 or -1. */
#define LIMIT_OPTIONS 16 /* room for every limit ecskp_limit_describe() names */

static int parse_count(const char *s, size_t max, size_t *out) {
    size_t v = 0;
    if (s == NULL || *s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        size_t d = (size_t)(*s - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int cmd_decode(int argc, char **argv) {
    const char *action = NULL, *format = NULL, *status = NULL;
    /* One option per library limit, named after it: --max-body-bytes for max_body_bytes,
     * and so on (ecskp_limit_describe). */
    const char *lim_text[LIMIT_OPTIONS] = {NULL};
    char lim_opt[LIMIT_OPTIONS][32];
    cli_option opts[3 + LIMIT_OPTIONS] = {
        {"action", 1, &action, NULL},
        {"format", 1, &format, NULL},
        {"http-status", 1, &status, NULL},
    };
    size_t nopts = 3;
    const char *lim_name = NULL;
    for (size_t i = 0; i < LIMIT_OPTIONS && ecskp_limit_describe(i, &lim_name, NULL, NULL); i++) {
        size_t k = 0;
        for (; lim_name[k] != '\0' && k + 1 < sizeof lim_opt[i]; k++)
            lim_opt[i][k] = lim_name[k] == '_' ? '-' : lim_name[k];
        lim_opt[i][k] = '\0';
        opts[nopts++] = (cli_option){lim_opt[i], 1, &lim_text[i], NULL};
    }
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, opts, nopts, pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("decode", rc);

    ecskp_decode_options o;
    ecskp_limits limits;
    memset(&o, 0, sizeof o);
    memset(&limits, 0, sizeof limits);
    if (action == NULL) {
        cli_usage("decode", "--action AttachKeyPair or --action DetachKeyPair is required "
                            "(the operation the body answers)");
        return CLI_EXIT_USAGE;
    }
    if (!ecskp_action_from_name(action, &o.action)) {
        cli_usage("decode", "--action is AttachKeyPair or DetachKeyPair, not '%s'", action);
        return CLI_EXIT_USAGE;
    }
    o.format = ECSKP_FORMAT_JSON;
    if (format != NULL && strcmp(format, "json") != 0 && strcmp(format, "xml") != 0 &&
        strcmp(format, "JSON") != 0 && strcmp(format, "XML") != 0) {
        cli_usage("decode", "--format is json or xml, not '%s'", format);
        return CLI_EXIT_USAGE;
    }
    if (format != NULL)
        (void)ecskp_format_from_name(format, &o.format);
    size_t v = 0;
    if (status != NULL) {
        if (parse_count(status, 599, &v) != 0 || v < 100) {
            cli_usage("decode", "--http-status is an HTTP status from 100 to 599, not '%s'",
                      status);
            return CLI_EXIT_USAGE;
        }
        o.http_status = (int)v;
    }
    for (size_t i = 0; i < LIMIT_OPTIONS; i++) {
        const char *name = NULL;
        size_t cap = 0;
        if (lim_text[i] == NULL || !ecskp_limit_describe(i, &name, NULL, &cap))
            continue;
        if (parse_count(lim_text[i], cap, &v) != 0 ||
            ecskp_limits_set(&limits, name, v, NULL) != ECSKP_OK) {
            cli_usage("decode", "--%s takes a whole number from 0 (the default) to %zu", lim_opt[i],
                      cap);
            return CLI_EXIT_USAGE;
        }
    }
    o.limits = &limits;

    size_t max = limits.max_body_bytes != 0 ? limits.max_body_bytes : ECSKP_DEFAULT_MAX_BODY_BYTES;
    char *body;
    size_t len;
    int too_large;
    /* One byte past the limit is read and handed over, so the library refuses it as
     * body_too_large without the command holding an unbounded body. */
    rc = cli_load_input("decode", npos > 0 ? pos[0] : NULL, max, &body, &len, &too_large);
    if (rc != 0)
        return rc;
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_decode(body, len, &o, &json, &d);
    free(body);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    rc = cli_emit(json);
    free(json);
    return rc;
}
