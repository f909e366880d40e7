/* cmd_sign.c - `ecskp sign`: signature 1.0 or V3 of a request, every artifact shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "input.h"
#include "ops.h"
#include "report.h"
#include "request.h"
#include "secret.h"

/* Largest V3 body read from --body-file. */
#define MAX_BODY_FILE_BYTES ((size_t)64 << 20)

typedef struct sign_args {
    const char *method, *secret_file, *access_key_id, *date, *nonce;
    const char *host, *body_file, *content_type;
    int v3;
} sign_args;

/* Sets `name` from a flag, refusing a request that already has it: which one was meant
 * would be a guess. Returns 0 or an exit status. */
static int from_flag(cJSON *req, const char *name, const char *flag, const char *value) {
    if (value == NULL)
        return 0;
    if (cJSON_GetObjectItemCaseSensitive(req, name) != NULL) {
        cli_usage("sign", "the request has %s and --%s is given too; keep one", name, flag);
        return CLI_EXIT_USAGE;
    }
    if (cli_request_set(req, name, value) != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    return 0;
}

/* Fills Timestamp, SignatureNonce and AccessKeyId from flags, the clock, the random
 * generator and the environment. Returns 0 or an exit status. */
static int complete(cJSON *req, const sign_args *a) {
    int rc;
    if ((rc = from_flag(req, "Timestamp", "date", a->date)) != 0 ||
        (rc = from_flag(req, "SignatureNonce", "nonce", a->nonce)) != 0 ||
        (rc = from_flag(req, "AccessKeyId", "access-key-id", a->access_key_id)) != 0)
        return rc;
    if (cJSON_GetObjectItemCaseSensitive(req, "Timestamp") == NULL) {
        char stamp[ECSKP_TIMESTAMP_SIZE];
        if (ecskp_format_timestamp(time(NULL), stamp) != ECSKP_OK)
            return cli_refuse_msg(ECSKP_ERR_INVALID_TIMESTAMP,
                                  "the system clock is outside 1970..9999; pass --date");
        if (cli_request_fill(req, "Timestamp", stamp) != 0)
            return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    }
    if (cJSON_GetObjectItemCaseSensitive(req, "SignatureNonce") == NULL) {
        char nonce[ECSKP_NONCE_SIZE];
        ecskp_diag d;
        ecskp_status st = ecskp_random_nonce(nonce, &d);
        if (st != ECSKP_OK)
            return cli_refuse(st, &d);
        if (cli_request_fill(req, "SignatureNonce", nonce) != 0)
            return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    }
    const char *env_id = getenv("ECSKP_ACCESS_KEY_ID");
    if (env_id != NULL && env_id[0] != '\0' && cli_request_fill(req, "AccessKeyId", env_id) != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    if (!a->v3 && op_fill_v1_defaults(req) != 0)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    return 0;
}

static int check_args(const sign_args *a, ecskp_method *method) {
    *method = ECSKP_METHOD_POST;
    if (a->method != NULL) {
        if (strcmp(a->method, "GET") == 0) {
            *method = ECSKP_METHOD_GET;
        } else if (strcmp(a->method, "POST") != 0) {
            cli_usage("sign", "--method is GET or POST, not '%s'", a->method);
            return CLI_EXIT_USAGE;
        }
    }
    if (!a->v3 && (a->host != NULL || a->body_file != NULL || a->content_type != NULL)) {
        cli_usage("sign", "--host, --body-file and --content-type belong to --v3");
        return CLI_EXIT_USAGE;
    }
    if (a->v3 && (a->host == NULL || a->host[0] == '\0')) {
        cli_usage("sign", "--v3 needs --host HOST, e.g. --host ecs.cn-hangzhou.aliyuncs.com");
        return CLI_EXIT_USAGE;
    }
    if (a->date != NULL && !ecskp_timestamp_valid(a->date)) {
        cli_usage("sign",
                  "--date is UTC yyyy-MM-ddTHH:mm:ssZ (e.g. 2016-02-23T12:46:24Z), not "
                  "'%s'",
                  a->date);
        return CLI_EXIT_USAGE;
    }
    if (a->nonce != NULL && a->nonce[0] == '\0') {
        cli_usage("sign", "--nonce needs a value; leave it out for a random one");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int cmd_sign(int argc, char **argv) {
    sign_args a;
    memset(&a, 0, sizeof a);
    const cli_option opts[] = {
        {"method", 1, &a.method, NULL},
        {"secret-file", 1, &a.secret_file, NULL},
        {"access-key-id", 1, &a.access_key_id, NULL},
        {"date", 1, &a.date, NULL},
        {"nonce", 1, &a.nonce, NULL},
        {"v3", 0, NULL, &a.v3},
        {"host", 1, &a.host, NULL},
        {"body-file", 1, &a.body_file, NULL},
        {"content-type", 1, &a.content_type, NULL},
    };
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 1, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("sign", rc);
    ecskp_method method;
    if ((rc = check_args(&a, &method)) != 0)
        return rc;

    char *body = NULL;
    size_t body_len = 0;
    if (a.body_file != NULL &&
        cli_read_file(a.body_file, MAX_BODY_FILE_BYTES, &body, &body_len) != 0) {
        cli_usage("sign", "cannot read --body-file %s (at most 64 MiB)", a.body_file);
        return CLI_EXIT_USAGE;
    }
    cJSON *req = NULL;
    cJSON *out = NULL;
    cli_secret secret = {NULL, 0, 0};
    rc = cli_load_request("sign", npos > 0 ? pos[0] : NULL, &req);
    if (rc != 0)
        goto done;
    /* A request that is not an object is refused by the signer with the right status. */
    if (cJSON_IsObject(req) && (rc = complete(req, &a)) != 0)
        goto done;
    if ((rc = cli_secret_load(a.secret_file, &secret)) != 0)
        goto done;
    ecskp_diag d;
    ecskp_status st;
    if (a.v3) {
        op_v3_options o = {method, a.host, a.content_type, body, body_len, 1};
        st = op_sign_v3(req, &o, secret.bytes, secret.len, &out, &d);
    } else {
        st = op_sign_v1(req, method, secret.bytes, secret.len, &out, &d);
    }
    if (st != ECSKP_OK) {
        rc = cli_refuse(st, &d);
        goto done;
    }
    char *text = cJSON_PrintUnformatted(out);
    rc = text != NULL ? cli_emit(text)
                      : cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    free(text);
done:
    cli_secret_free(&secret);
    cJSON_Delete(out);
    cJSON_Delete(req);
    free(body);
    return rc;
}
