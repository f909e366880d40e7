/* SPDX-License-Identifier: MIT */
/* cmd_adapter.c - `ecskp adapter`: one protocol request in, one answer out. */
#include <stdlib.h>

#include "adapter.h"
#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "report.h"

static int answer_text(const char *text, size_t len, int too_large, void *ctx) {
    (void)ctx;
    /* Still an answer, so the runner reports the refusal rather than a dead adapter. */
    if (too_large)
        return cli_emit("{\"error\":\"invalid_argument\",\"detail\":\"the protocol request is "
                        "larger than 64 MiB\"}");
    char *answer = NULL;
    if (adapter_answer(text, len, &answer) != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the answer; free memory");
    int rc = cli_emit(answer);
    free(answer);
    return rc;
}

int cmd_adapter(int argc, char **argv) {
    const char *file;
    int rc = cli_command_line("adapter", argc, argv, NULL, 0, 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    return cli_text_command("adapter", file, ADAPTER_MAX_REQUEST_BYTES, answer_text, NULL);
}
