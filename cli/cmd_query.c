/* cmd_query.c - `ecskp query`: the canonical query of a request. */
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "ops.h"
#include "report.h"

int cmd_query(int argc, char **argv) {
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, NULL, 0, pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("query", rc);
    cJSON *req = NULL;
    rc = cli_load_request("query", npos > 0 ? pos[0] : NULL, &req);
    if (rc != 0)
        return rc;
    char *query = NULL;
    ecskp_diag d;
    ecskp_status st = op_encode(req, &query, &d);
    cJSON_Delete(req);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    rc = cli_emit(query);
    free(query);
    return rc;
}
