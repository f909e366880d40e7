/* SPDX-License-Identifier: MIT */
/*
 * cmd_adapter.c - `ecskp adapter`: one protocol request in, one answer out; with
 * CONFORMANCE_PERSISTENT=1 in the environment, one request per line and one answer line each,
 * until the end of the input (the runner's --persistent mode).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "input.h"
#include "report.h"

/* The answer to a request larger than ADAPTER_MAX_REQUEST_BYTES: still an answer, so the
 * runner reports the refusal rather than a dead adapter. */
static const char too_large_answer[] = "{\"error\":\"invalid_argument\",\"detail\":\"the protocol "
                                       "request is larger than 64 MiB\"}";

static int answer_text(const char *text, size_t len, int too_large, void *ctx) {
    (void)ctx;
    if (too_large)
        return cli_emit(too_large_answer);
    char *answer = NULL;
    if (adapter_answer(text, len, &answer) != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the answer; free memory");
    int rc = cli_emit(answer);
    free(answer);
    return rc;
}

/* Reads one line (without its LF) into *buf; of a line longer than the limit only the start
 * is kept, and *too_large says so. Returns 1 for a line, 0 at the end of the input, -1 when out
 * of memory or on a read error. The last line may lack its LF. */
static int read_line(FILE *in, char **buf, size_t *len, size_t *cap, int *too_large) {
    char chunk[4096];
    size_t n = 0, total = 0;
    int c, any = 0;
    *len = 0;
    while ((c = getc(in)) != EOF && c != '\n') {
        any = 1;
        total++;
        chunk[n++] = (char)c;
        if (n == sizeof chunk) {
            if (cli_bytes_add(buf, len, cap, ADAPTER_MAX_REQUEST_BYTES, chunk, n) < 0)
                return -1;
            n = 0;
        }
    }
    if (ferror(in) || cli_bytes_add(buf, len, cap, ADAPTER_MAX_REQUEST_BYTES, chunk, n) < 0)
        return -1;
    *too_large = total > ADAPTER_MAX_REQUEST_BYTES;
    return any || c == '\n';
}

/* Persistent mode: answers every line of `in` until its end. */
static int answer_lines(FILE *in) {
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int too_large = 0, rc = CLI_EXIT_ACCEPTED, got;
    while (rc == CLI_EXIT_ACCEPTED && (got = read_line(in, &buf, &len, &cap, &too_large)) > 0)
        rc = answer_text(buf != NULL ? buf : "", len, too_large, NULL);
    if (rc == CLI_EXIT_ACCEPTED && got < 0)
        rc = cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                            "cannot read the next request line (out of memory or a read "
                            "error); restart the adapter");
    free(buf);
    return rc;
}

int cmd_adapter(int argc, char **argv) {
    const char *file;
    int rc = cli_command_line("adapter", argc, argv, NULL, 0, 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    const char *mode = getenv("CONFORMANCE_PERSISTENT");
    if (mode == NULL || strcmp(mode, "1") != 0)
        return cli_text_command("adapter", file, ADAPTER_MAX_REQUEST_BYTES, answer_text, NULL);
    FILE *in = stdin;
    if (file != NULL && strcmp(file, "-") != 0 && (in = fopen(file, "rb")) == NULL) {
        cli_usage("adapter", "cannot read %s: %s", file, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    rc = answer_lines(in);
    if (in != stdin)
        (void)fclose(in);
    return rc;
}
