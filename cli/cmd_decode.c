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
    const char *max_body = NULL, *max_depth = NULL, *max_results = NULL, *max_string = NULL;
    const cli_option opts[] = {
        {"action", 1, &action, NULL},
        {"format", 1, &format, NULL},
        {"http-status", 1, &status, NULL},
        {"max-body-bytes", 1, &max_body, NULL},
        {"max-depth", 1, &max_depth, NULL},
        {"max-results", 1, &max_results, NULL},
        {"max-string-bytes", 1, &max_string, NULL},
    };
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 1, &npos);
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
    const struct {
        const char *text, *name;
        size_t cap, *out;
    } lims[] = {
        {max_body, "--max-body-bytes", ECSKP_MAX_BODY_BYTES_CAP, &limits.max_body_bytes},
        {max_depth, "--max-depth", ECSKP_MAX_DEPTH_CAP, &limits.max_depth},
        {max_results, "--max-results", (size_t)1 << 30, &limits.max_results},
        {max_string, "--max-string-bytes", ECSKP_MAX_BODY_BYTES_CAP, &limits.max_string_bytes},
    };
    for (size_t i = 0; i < sizeof lims / sizeof lims[0]; i++) {
        if (lims[i].text != NULL && parse_count(lims[i].text, lims[i].cap, lims[i].out) != 0) {
            cli_usage("decode", "%s takes a whole number from 0 (the default) to %zu", lims[i].name,
                      lims[i].cap);
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
