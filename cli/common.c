/* common.c - reading inputs and writing outputs for the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "input.h"
#include "report.h"
#include "request.h"

int cli_load_input(const char *cmd, const char *path, size_t max, char **buf, size_t *len,
                   int *too_large) {
    if (cli_read_input(path, max, buf, len, too_large) != 0) {
        cli_usage(cmd, "cannot read %s: %s", cli_input_name(path), strerror(errno));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int cli_load_request(const char *cmd, const char *path, cJSON **request) {
    *request = NULL;
    char *text;
    size_t len;
    int too_large;
    int rc = cli_load_input(cmd, path, CLI_MAX_REQUEST_BYTES, &text, &len, &too_large);
    if (rc != 0)
        return rc;
    if (too_large) {
        free(text);
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the request in %s is larger than 1 MiB; a request has at most "
                              "128 parameters",
                              cli_input_name(path));
    }
    ecskp_diag d;
    ecskp_status st = cli_request_parse(text, len, request, &d);
    free(text);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    return 0;
}

int cli_emit(const char *text) {
    if (fputs(text, stdout) < 0 || fputc('\n', stdout) < 0 || fflush(stdout) != 0)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT, "cannot write the output: %s",
                              strerror(errno));
    return CLI_EXIT_ACCEPTED;
}
