/* SPDX-License-Identifier: MIT */
/* cmd_query.c - `ecskp query`: the canonical query of a request (ecskp_json_query). */
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "ecskp/json.h"
#include "help.h"
#include "ops.h"
#include "report.h"

int cmd_query(int argc, char **argv) {
    const char *file;
    int rc = cli_command_line("query", argc, argv, NULL, 0, 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    cJSON *req = NULL;
    rc = cli_load_request("query", file, &req);
    if (rc != 0)
        return rc;
    cJSON *doc = cJSON_CreateObject();
    if (doc == NULL) {
        cJSON_Delete(req);
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    }
    cJSON_AddItemToObject(doc, "request", req);
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_query(doc, &json, &d);
    cJSON_Delete(doc);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    cJSON *answer = cJSON_Parse(json);
    const char *query = cli_json_string(answer, "canonical_query");
    rc = query != NULL ? cli_emit(query)
                       : cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    cJSON_Delete(answer);
    ecskp_json_free(json);
    return rc;
}
