/*
 * cmd_sign.c - `ecskp sign`: signature 1.0 or V3 of a request (ecskp_json_sign), every
 * artifact shown. The command adds what the library leaves to its caller: Version when the
 * request has none (the library fills it for AttachKeyPair/DetachKeyPair only) and, for
 * signature 1.0, Format=JSON; the AccessKeyId, Timestamp and nonce from the flags or the
 * environment; the system clock and random generator for the rest ("generate").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "ecskp/json.h"
#include "ecskp/sign.h"
#include "help.h"
#include "input.h"
#include "ops.h"
#include "report.h"
#include "secret.h"

/* Largest V3 body read from --body-file: in Base64 it fits the document of ecskp_json_sign()
 * (ECSKP_JSON_INPUT_MAX, 1 MiB) with the request beside it. */
#define MAX_BODY_FILE_BYTES ((size_t)512 << 10)

typedef struct sign_args {
    const char *method, *secret_file, *access_key_id, *date, *nonce;
    const char *host, *body_file, *content_type;
    int v3;
} sign_args;

static int check_args(const sign_args *a) {
    if (a->method != NULL && strcmp(a->method, "GET") != 0 && strcmp(a->method, "POST") != 0) {
        cli_usage("sign", "--method is GET or POST, not '%s'", a->method);
        return CLI_EXIT_USAGE;
    }
    if (!a->v3 && (a->host != NULL || a->body_file != NULL || a->content_type != NULL)) {
        cli_usage("sign", "--host, --body-file and --content-type belong to --v3");
        return CLI_EXIT_USAGE;
    }
    if (a->v3 && (a->host == NULL || a->host[0] == '\0')) {
        cli_usage("sign", "--v3 needs --host HOST, e.g. --host ecs.cn-hangzhou.aliyuncs.com");
        return CLI_EXIT_USAGE;
    }
    if (a->date != NULL && ecskp_timestamp_check(a->date, NULL) != ECSKP_OK) {
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

/* A signer member from a flag, refusing a request that already has the parameter: which one
 * was meant would be a guess. Returns 0, -1 (memory) or CLI_EXIT_USAGE. */
static int from_flag(cJSON *doc, const cJSON *req, const char *member, const char *name,
                     const char *flag, const char *value) {
    if (value == NULL)
        return 0;
    if (cJSON_GetObjectItemCaseSensitive(req, name) != NULL) {
        cli_usage("sign", "the request has %s and --%s is given too; keep one", name, flag);
        return CLI_EXIT_USAGE;
    }
    return cJSON_AddStringToObject(doc, member, value) != NULL ? 0 : -1;
}

static int add_default(cJSON *req, const char *name, const char *value) {
    if (cJSON_GetObjectItemCaseSensitive(req, name) != NULL)
        return 0;
    return cJSON_AddStringToObject(req, name, value) != NULL ? 0 : -1;
}

/* The json.h document around `req` (which it takes over). Returns 0, -1 (memory) or
 * CLI_EXIT_USAGE. */
static int build_doc(cJSON *req, const sign_args *a, const char *body, size_t body_len,
                     cJSON **out) {
    cJSON *doc = cJSON_CreateObject();
    *out = doc;
    if (doc == NULL || !cJSON_AddItemToObject(doc, "request", req)) {
        cJSON_Delete(req);
        return -1;
    }
    int rc = 0;
    if (cJSON_IsObject(req) && ((rc = add_default(req, "Version", ECSKP_API_VERSION)) != 0 ||
                                (!a->v3 && (rc = add_default(req, "Format", "JSON")) != 0)))
        return rc;
    const char *env_id = getenv("ECSKP_ACCESS_KEY_ID");
    if (a->access_key_id == NULL && env_id != NULL && env_id[0] != '\0' &&
        cJSON_GetObjectItemCaseSensitive(req, "AccessKeyId") == NULL &&
        cJSON_AddStringToObject(doc, "access_key_id", env_id) == NULL)
        return -1;
    if ((rc = from_flag(doc, req, "access_key_id", "AccessKeyId", "access-key-id",
                        a->access_key_id)) != 0 ||
        (rc = from_flag(doc, req, "timestamp", "Timestamp", "date", a->date)) != 0 ||
        (rc = from_flag(doc, req, "nonce", "SignatureNonce", "nonce", a->nonce)) != 0)
        return rc;
    if (cJSON_AddStringToObject(doc, "signature", a->v3 ? "v3" : "v1") == NULL ||
        cJSON_AddStringToObject(doc, "method", a->method != NULL ? a->method : "POST") == NULL ||
        (a->host != NULL && cJSON_AddStringToObject(doc, "host", a->host) == NULL) ||
        (a->content_type != NULL &&
         cJSON_AddStringToObject(doc, "content_type", a->content_type) == NULL) ||
        cJSON_AddTrueToObject(doc, "generate") == NULL)
        return -1;
    if (body == NULL)
        return 0;
    char *b64 = cli_b64_encode(body, body_len);
    rc = b64 != NULL && cJSON_AddStringToObject(doc, "body_base64", b64) != NULL ? 0 : -1;
    free(b64);
    return rc;
}

/* Copies answer member `name` (a string or the headers object) into `out`. */
static int copy(cJSON *out, const cJSON *answer, const char *name) {
    cJSON *v = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(answer, name), 1);
    if (v != NULL && cJSON_AddItemToObject(out, name, v))
        return 0;
    cJSON_Delete(v);
    return -1;
}

static int add_span(cJSON *out, const char *name, const char *s, size_t n) {
    char *text = malloc(n + 1);
    if (text == NULL)
        return -1;
    memcpy(text, s, n);
    text[n] = '\0';
    int rc = cJSON_AddStringToObject(out, name, text) != NULL ? 0 : -1;
    free(text);
    return rc;
}

/* V3's two derived texts: the hex hash after the StringToSign's first line, and the signed
 * headers, the canonical request's second-to-last line. */
static int v3_derived(cJSON *out, const cJSON *answer) {
    const char *sts = cli_json_string(answer, "string_to_sign");
    const char *creq = cli_json_string(answer, "canonical_request");
    const char *hash = sts != NULL ? strchr(sts, '\n') : NULL;
    const char *end = creq != NULL ? strrchr(creq, '\n') : NULL;
    if (hash == NULL || end == NULL)
        return -1;
    const char *start = end;
    while (start > creq && start[-1] != '\n')
        start--;
    if (cJSON_AddStringToObject(out, "hashed_canonical_request", hash + 1) == NULL)
        return -1;
    return add_span(out, "signed_headers", start, (size_t)(end - start));
}

/* The documented output (ecskp(1)): the artifacts in their order. */
static int shape(const cJSON *answer, int v3, char **text) {
    static const char *const v1_names[] = {"canonical_query", "string_to_sign", "signature",
                                           "signed_query"};
    static const char *const v3_names[] = {"canonical_request", "string_to_sign", "signature",
                                           "authorization", "canonical_query"};
    const char *const *names = v3 ? v3_names : v1_names;
    size_t n = v3 ? sizeof v3_names / sizeof v3_names[0] : sizeof v1_names / sizeof v1_names[0];
    cJSON *out = cJSON_CreateObject();
    int rc = out != NULL ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = copy(out, answer, names[i]);
    if (rc == 0 && v3)
        rc = v3_derived(out, answer) != 0 || copy(out, answer, "headers") != 0 ? -1 : 0;
    *text = rc == 0 ? cJSON_PrintUnformatted(out) : NULL;
    cJSON_Delete(out);
    return *text != NULL ? 0 : -1;
}

/* Signs `doc` with the secret and prints the output. Returns the exit status. */
static int sign_and_print(const cJSON *doc, const cli_secret *secret, int v3) {
    if (ecskp_utf8_check(secret->bytes, secret->len, NULL) != ECSKP_OK ||
        memchr(secret->bytes, '\0', secret->len) != NULL)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the AccessKeySecret is not UTF-8 text without NUL bytes; check "
                              "--secret-file or ECSKP_ACCESS_KEY_SECRET");
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_sign(doc, secret->bytes, secret->len, &json, &d);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    cJSON *answer = cJSON_Parse(json);
    char *text = NULL;
    int rc = answer != NULL && shape(answer, v3, &text) == 0
                 ? cli_emit(text)
                 : cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    free(text);
    cJSON_Delete(answer);
    ecskp_json_free(json);
    return rc;
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
    if ((rc = check_args(&a)) != 0)
        return rc;
    char *body = NULL;
    size_t body_len = 0;
    if (a.body_file != NULL &&
        cli_read_file(a.body_file, MAX_BODY_FILE_BYTES, &body, &body_len) != 0) {
        cli_usage("sign", "cannot read --body-file %s (at most 512 KiB)", a.body_file);
        return CLI_EXIT_USAGE;
    }
    cJSON *req = NULL, *doc = NULL;
    cli_secret secret = {NULL, 0, 0};
    rc = cli_load_request("sign", npos > 0 ? pos[0] : NULL, &req);
    if (rc == 0)
        rc = build_doc(req, &a, body, body_len, &doc);
    if (rc < 0)
        rc = cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    if (rc == 0)
        rc = cli_secret_load(a.secret_file, &secret);
    if (rc == 0)
        rc = sign_and_print(doc, &secret, a.v3);
    cli_secret_free(&secret);
    cJSON_Delete(doc);
    free(body);
    return rc;
}
