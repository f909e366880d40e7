/* cmd_adapter.c - `ecskp adapter`: one protocol request in, one answer out. */
#include <stdlib.h>

#include "adapter.h"
#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "report.h"

int cmd_adapter(int argc, char **argv) {
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, NULL, 0, pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("adapter", rc);
    char *text;
    size_t len;
    int too_large;
    rc = cli_load_input("adapter", npos > 0 ? pos[0] : NULL, ADAPTER_MAX_REQUEST_BYTES, &text, &len,
                        &too_large);
    if (rc != 0)
        return rc;
    char *answer = NULL;
    if (too_large) {
        free(text);
        /* Still an answer, so the runner reports the refusal rather than a dead adapter. */
        return cli_emit("{\"error\":\"invalid_argument\",\"detail\":\"the protocol request is "
                        "larger than 64 MiB\"}");
    }
    rc = adapter_answer(text, len, &answer);
    free(text);
    if (rc != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the answer; free memory");
    rc = cli_emit(answer);
    free(answer);
    return rc;
}
