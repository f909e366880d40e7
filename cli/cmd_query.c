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
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, NULL, 0, pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("query", rc);
    cJSON *req = NULL;
    rc = cli_load_request("query", npos > 0 ? pos[0] : NULL, &req);
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
