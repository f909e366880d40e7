/* cmd_ids.c - `ecskp ids`: validate and normalize an InstanceIds JSON text. */
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "ecskp/encode.h"
#include "help.h"
#include "ops.h"
#include "report.h"

int cmd_ids(int argc, char **argv) {
    int strict = 0;
    const cli_option opts[] = {{"strict", 0, NULL, &strict}};
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, opts, 1, pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("ids", rc);
    char *text;
    size_t len;
    int too_large;
    /* One byte past the library's limit is read, so the library words the refusal. */
    rc = cli_load_input("ids", npos > 0 ? pos[0] : NULL, ECSKP_MAX_IDS_TEXT_BYTES, &text, &len,
                        &too_large);
    if (rc != 0)
        return rc;
    char *ids = NULL;
    ecskp_diag d;
    ecskp_status st = op_ids(text, len, strict ? ECSKP_IDS_STRICT : 0, &ids, &d);
    free(text);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    rc = cli_emit(ids);
    free(ids);
    return rc;
}
