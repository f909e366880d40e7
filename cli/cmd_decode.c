/* SPDX-License-Identifier: MIT */
/* cmd_decode.c - `ecskp decode`: a reply body to its normalized JSON form (ecskp_json_decode). */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "ecskp/decode.h"
#include "ecskp/json.h"
#include "help.h"
#include "ops.h"
#include "report.h"

#define LIMIT_OPTIONS 16 /* room for every limit ecskp_limit_describe() names */

/* Parses decimal digits only (no sign, no white space) up to `max`. Returns 0 or -1. */
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

typedef struct decode_args {
    const char *action, *format, *status;
    /* One option per library limit, named after it: --max-body-bytes for max_body_bytes,
     * and so on (ecskp_limit_describe). */
    const char *lim_text[LIMIT_OPTIONS];
    char lim_opt[LIMIT_OPTIONS][32];
} decode_args;

/* The options of ecskp_json_decode() from the command line, checked here so that a wrong
 * option is a usage error. Returns 0, CLI_EXIT_USAGE or -1 (memory). *max_body is the
 * body limit in force. */
static int build_options(const decode_args *a, cJSON *o, size_t *max_body) {
    ecskp_action action;
    size_t v = 0;
    *max_body = ECSKP_DEFAULT_MAX_BODY_BYTES;
    if (a->action == NULL) {
        cli_usage("decode", "--action AttachKeyPair or --action DetachKeyPair is required "
                            "(the operation the body answers)");
        return CLI_EXIT_USAGE;
    }
    if (ecskp_action_parse(a->action, &action, NULL) != ECSKP_OK) {
        cli_usage("decode", "--action is AttachKeyPair or DetachKeyPair, not '%s'", a->action);
        return CLI_EXIT_USAGE;
    }
    const char *format = a->format != NULL ? a->format : "json";
    if (strcmp(format, "json") != 0 && strcmp(format, "xml") != 0 && strcmp(format, "JSON") != 0 &&
        strcmp(format, "XML") != 0) {
        cli_usage("decode", "--format is json or xml, not '%s'", format);
        return CLI_EXIT_USAGE;
    }
    if (a->status != NULL && (parse_count(a->status, 599, &v) != 0 || v < 100)) {
        cli_usage("decode", "--http-status is an HTTP status from 100 to 599, not '%s'", a->status);
        return CLI_EXIT_USAGE;
    }
    if (cJSON_AddStringToObject(o, "action", a->action) == NULL ||
        cJSON_AddStringToObject(o, "format", format) == NULL ||
        (a->status != NULL && cJSON_AddNumberToObject(o, "http_status", (double)v) == NULL))
        return -1;
    cJSON *limits = NULL;
    ecskp_limits check;
    memset(&check, 0, sizeof check);
    for (size_t i = 0; i < LIMIT_OPTIONS; i++) {
        const char *name = NULL;
        size_t cap = 0;
        if (a->lim_text[i] == NULL || !ecskp_limit_describe(i, &name, NULL, &cap))
            continue;
        if (parse_count(a->lim_text[i], cap, &v) != 0 ||
            ecskp_limits_set(&check, name, v, NULL) != ECSKP_OK) {
            cli_usage("decode", "--%s takes a whole number from 0 (the default) to %zu",
                      a->lim_opt[i], cap);
            return CLI_EXIT_USAGE;
        }
        if ((limits == NULL && (limits = cJSON_AddObjectToObject(o, "limits")) == NULL) ||
            cJSON_AddNumberToObject(limits, name, (double)v) == NULL)
            return -1;
    }
    if (check.max_body_bytes != 0)
        *max_body = check.max_body_bytes;
    return 0;
}

/* Reads the body and prints its normalized form. Returns the exit status. */
/* One byte past the limit is read and handed over, so the library refuses it as
 * body_too_large without the command holding an unbounded body. */
static int decode_text(const char *body, size_t len, int too_large, void *options) {
    (void)too_large;
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_decode(body, len, options, &json, &d);
    return cli_print_result(st, &d, json, ecskp_json_free);
}

int cmd_decode(int argc, char **argv) {
    decode_args a;
    memset(&a, 0, sizeof a);
    cli_option opts[3 + LIMIT_OPTIONS] = {
        {"action", 1, &a.action, NULL},
        {"format", 1, &a.format, NULL},
        {"http-status", 1, &a.status, NULL},
    };
    size_t nopts = 3;
    const char *lim_name = NULL;
    for (size_t i = 0; i < LIMIT_OPTIONS && ecskp_limit_describe(i, &lim_name, NULL, NULL); i++) {
        size_t k = 0;
        for (; lim_name[k] != '\0' && k + 1 < sizeof a.lim_opt[i]; k++)
            a.lim_opt[i][k] = lim_name[k] == '_' ? '-' : lim_name[k];
        a.lim_opt[i][k] = '\0';
        opts[nopts++] = (cli_option){a.lim_opt[i], 1, &a.lim_text[i], NULL};
    }
    const char *file;
    int rc = cli_command_line("decode", argc, argv, opts, nopts, 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    cJSON *options = cJSON_CreateObject();
    size_t max = 0;
    rc = options != NULL ? build_options(&a, options, &max) : -1;
    if (rc < 0)
        rc = cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the options");
    if (rc == 0)
        rc = cli_text_command("decode", file, max, decode_text, options);
    cJSON_Delete(options);
    return rc;
}
