/* SPDX-License-Identifier: MIT */
/* cmd_ids.c - `ecskp ids`: validate and normalize an InstanceIds JSON text. */
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "ecskp/encode.h"
#include "help.h"
#include "ops.h"
#include "report.h"

static void free_ids(char *ids) {
    free(ids);
}

static int ids_text(const char *text, size_t len, int too_large, void *ctx) {
    (void)too_large; /* the library words that refusal */
    char *ids = NULL;
    ecskp_diag d;
    ecskp_status st = op_ids(text, len, *(const unsigned *)ctx, &ids, &d);
    return cli_print_result(st, &d, ids, free_ids);
}

int cmd_ids(int argc, char **argv) {
    int strict = 0;
    const cli_option opts[] = {{"strict", 0, NULL, &strict}};
    const char *file;
    int rc = cli_command_line("ids", argc, argv, opts, 1, 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    unsigned flags = strict ? ECSKP_IDS_STRICT : 0;
    /* One byte past the library's limit is read, so the library words the refusal. */
    return cli_text_command("ids", file, ECSKP_MAX_IDS_TEXT_BYTES, ids_text, &flags);
}
