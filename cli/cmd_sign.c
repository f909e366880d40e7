/* SPDX-License-Identifier: MIT */
/*
 * cmd_sign.c - `ecskp sign`: signature 1.0 or V3 of a request (ecskp_json_sign), every
 * artifact shown, one of them raw (--raw), or a ready curl command line (--print curl). The
 * command adds what the library leaves to its caller: Version when the request has none (the
 * library fills it for AttachKeyPair/DetachKeyPair only) and, for signature 1.0, Format=JSON;
 * the credentials (credentials.h); the V3 host from the request's RegionId by the endpoint
 * rule when --host is absent; Timestamp and nonce from the flags, else the system clock and
 * random generator ("generate").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "common.h"
#include "credentials.h"
#include "ecskp/json.h"
#include "ecskp/sign.h"
#include "endpoint.h"
#include "help.h"
#include "input.h"
#include "ops.h"
#include "report.h"

/* Largest V3 body read from --body-file: in Base64 it fits the document of ecskp_json_sign()
 * (ECSKP_JSON_INPUT_MAX, 1 MiB) with the request beside it. */
#define MAX_BODY_FILE_BYTES ((size_t)512 << 10)

typedef struct sign_args {
    cli_creds_request creds; /* the credential options */
    const char *method, *date, *nonce;
    const char *host, *endpoint_kind, *body_file, *content_type, *print, *raw;
    int v3;
} sign_args;

/* The members --raw prints, and which signature has them (0 both, 1 v1 only, 3 v3 only). */
static const struct {
    const char *name;
    int only;
} raw_fields[] = {
    {"signed_query", 1},  {"body", 0},           {"query", 0},           {"signature", 0},
    {"authorization", 3}, {"string_to_sign", 0}, {"canonical_query", 0}, {"canonical_request", 3},
};

static int check_raw(const sign_args *a) {
    if (a->raw == NULL)
        return 0;
    if (a->print != NULL) {
        cli_usage("sign", "--raw and --print each choose the output; keep one");
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof raw_fields / sizeof raw_fields[0]; i++) {
        if (strcmp(raw_fields[i].name, a->raw) != 0)
            continue;
        if (raw_fields[i].only == 0 || raw_fields[i].only == (a->v3 ? 3 : 1))
            return 0;
        cli_usage("sign", "--raw %s belongs to %s", a->raw,
                  raw_fields[i].only == 3 ? "--v3" : "signature 1.0 (not --v3)");
        return CLI_EXIT_USAGE;
    }
    cli_usage("sign",
              "--raw is signed_query, body, query, signature, authorization, string_to_sign, "
              "canonical_query or canonical_request, not '%s'",
              a->raw);
    return CLI_EXIT_USAGE;
}

static int check_args(const sign_args *a) {
    if (a->method != NULL && strcmp(a->method, "GET") != 0 && strcmp(a->method, "POST") != 0) {
        cli_usage("sign", "--method is GET or POST, not '%s'", a->method);
        return CLI_EXIT_USAGE;
    }
    if (!a->v3 && (a->body_file != NULL || a->content_type != NULL)) {
        cli_usage("sign", "--body-file and --content-type belong to --v3");
        return CLI_EXIT_USAGE;
    }
    if (a->host != NULL && a->endpoint_kind != NULL) {
        cli_usage("sign", "--host and --endpoint-kind both choose the host; keep one");
        return CLI_EXIT_USAGE;
    }
    if (a->print != NULL && strcmp(a->print, "curl") != 0) {
        cli_usage("sign", "--print takes curl, not '%s'", a->print);
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
    return check_raw(a);
}

/* The host: --host, else the endpoint rule for the request's RegionId (V3 and --print curl
 * need one; signature 1.0 does not sign it). Returns 0 or CLI_EXIT_USAGE. */
static int find_host(const cJSON *req, const sign_args *a, char host[ECSKP_HOST_SIZE]) {
    host[0] = '\0';
    if (a->host != NULL) {
        if (a->host[0] == '\0') {
            cli_usage("sign", "--host needs a value, e.g. ecs.cn-hangzhou.aliyuncs.com");
            return CLI_EXIT_USAGE;
        }
        (void)snprintf(host, ECSKP_HOST_SIZE, "%s", a->host);
        return 0;
    }
    if (!a->v3 && a->print == NULL)
        return 0;
    const char *region = cli_json_string(req, "RegionId");
    if (region == NULL || region[0] == '\0') {
        cli_usage("sign",
                  "%s needs --host HOST, e.g. --host ecs.cn-hangzhou.aliyuncs.com, or a "
                  "RegionId in the request to derive it from",
                  a->v3 ? "--v3" : "--print curl");
        return CLI_EXIT_USAGE;
    }
    return cli_endpoint_rule("sign", a->endpoint_kind, region, host);
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

/* The credentials' AccessKeyId and SecurityToken as signer members, refusing a request that
 * carries the SecurityToken itself: which one was meant would be a guess. */
static int add_credentials(cJSON *doc, const cJSON *req, const cli_creds *c) {
    if (c->access_key_id != NULL &&
        cJSON_AddStringToObject(doc, "access_key_id", c->access_key_id) == NULL)
        return -1;
    if (c->security_token == NULL)
        return 0;
    if (cJSON_GetObjectItemCaseSensitive(req, "SecurityToken") != NULL) {
        cli_usage("sign", "the request has SecurityToken and %s gives one too; keep one",
                  c->source);
        return CLI_EXIT_USAGE;
    }
    return cJSON_AddStringToObject(doc, "security_token", c->security_token) != NULL ? 0 : -1;
}

/* The json.h document around `req` (which it takes over). Returns 0, -1 (memory) or
 * CLI_EXIT_USAGE. */
static int build_doc(cJSON *req, const sign_args *a, const char *host, const char *body,
                     size_t body_len, cJSON **out) {
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
    if ((rc = from_flag(doc, req, "timestamp", "Timestamp", "date", a->date)) != 0 ||
        (rc = from_flag(doc, req, "nonce", "SignatureNonce", "nonce", a->nonce)) != 0)
        return rc;
    if (cJSON_AddStringToObject(doc, "signature", a->v3 ? "v3" : "v1") == NULL ||
        cJSON_AddStringToObject(doc, "method", a->method != NULL ? a->method : "POST") == NULL ||
        (a->v3 && cJSON_AddStringToObject(doc, "host", host) == NULL) ||
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

/* Writes `s` as one single-quoted shell word: a ' in it becomes '\''. */
static void put_quoted(const char *s, FILE *f) {
    (void)fputc('\'', f);
    for (; *s != '\0'; s++) {
        if (*s == '\'')
            (void)fputs("'\\''", f);
        else
            (void)fputc(*s, f);
    }
    (void)fputc('\'', f);
}

/* The signed request as one curl command line: method, URL, every header, the exact body. */
static int print_curl(const cJSON *answer, const char *host) {
    const char *method = cli_json_string(answer, "method");
    const char *path = cli_json_string(answer, "path");
    const char *query = cli_json_string(answer, "query");
    const char *body = cli_json_string(answer, "body");
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(answer, "headers");
    if (method == NULL || path == NULL || query == NULL || body == NULL)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the signed request has no text body; --print curl cannot show "
                              "it");
    size_t n = strlen(host) + strlen(path) + strlen(query) + 16;
    char *url = malloc(n);
    if (url == NULL)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    (void)snprintf(url, n, "https://%s%s%s%s", host, path, query[0] != '\0' ? "?" : "", query);
    (void)fputs("curl -X ", stdout);
    put_quoted(method, stdout);
    (void)fputc(' ', stdout);
    put_quoted(url, stdout);
    free(url);
    const cJSON *h;
    cJSON_ArrayForEach(h, headers) {
        const char *v = cJSON_GetStringValue(h);
        size_t hn = strlen(h->string) + (v != NULL ? strlen(v) : 0) + 3;
        char *line = malloc(hn);
        if (line == NULL)
            return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
        (void)snprintf(line, hn, "%s: %s", h->string, v != NULL ? v : "");
        (void)fputs(" -H ", stdout);
        put_quoted(line, stdout);
        free(line);
    }
    if (body[0] != '\0') {
        (void)fputs(" --data-binary ", stdout);
        put_quoted(body, stdout);
    }
    return cli_emit("");
}

/* One member of the answer, exactly, without a newline (for pipes). */
static int print_raw(const cJSON *answer, const char *name) {
    const char *v = cli_json_string(answer, name);
    if (v == NULL)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT, "the answer has no %s", name);
    if (fputs(v, stdout) < 0 || fflush(stdout) != 0)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT, "cannot write the output");
    return CLI_EXIT_ACCEPTED;
}

/* Signs `doc` with the secret and prints the chosen output. Returns the exit status. */
static int sign_and_print(const cJSON *doc, const cli_creds *c, const sign_args *a,
                          const char *host) {
    if (ecskp_utf8_check(c->secret, c->secret_len, NULL) != ECSKP_OK ||
        memchr(c->secret, '\0', c->secret_len) != NULL)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the AccessKeySecret from %s is not UTF-8 text without NUL bytes",
                              c->source);
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_sign(doc, c->secret, c->secret_len, &json, &d);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    cJSON *answer = cJSON_Parse(json);
    char *text = NULL;
    int rc;
    if (answer == NULL)
        rc = cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    else if (a->raw != NULL)
        rc = print_raw(answer, a->raw);
    else if (a->print != NULL)
        rc = print_curl(answer, host);
    else
        rc = shape(answer, a->v3, &text) == 0
                 ? cli_emit(text)
                 : cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the output");
    free(text);
    cJSON_Delete(answer);
    ecskp_json_free(json);
    return rc;
}

/* After the command line: the request, the document, the credentials, the output. */
static int sign_with(const sign_args *a, const char *file, const char *body, size_t body_len) {
    cJSON *req = NULL, *doc = NULL;
    char host[ECSKP_HOST_SIZE];
    int rc = cli_load_request("sign", file, &req);
    if (rc == 0 && (rc = find_host(req, a, host)) != 0)
        cJSON_Delete(req);
    if (rc != 0)
        return rc;
    cli_creds_request rq = a->creds;
    rq.cmd = "sign";
    rq.id_in_request = cJSON_GetObjectItemCaseSensitive(req, "AccessKeyId") != NULL;
    rc = build_doc(req, a, host, body, body_len, &doc); /* doc owns req from here */
    cli_creds c;
    memset(&c, 0, sizeof c);
    if (rc == 0 && (rc = cli_creds_load(&rq, 0, &c)) == 0)
        rc = add_credentials(doc, cJSON_GetObjectItemCaseSensitive(doc, "request"), &c);
    if (rc < 0)
        rc = cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the request");
    else if (rc == 0) /* cli_creds_load succeeded: c.secret is set */
        rc = sign_and_print(doc, &c, a, host);
    cli_creds_free(&c);
    cJSON_Delete(doc);
    return rc;
}

int cmd_sign(int argc, char **argv) {
    sign_args a;
    memset(&a, 0, sizeof a);
    const cli_option opts[] = {
        {"method", 1, &a.method, NULL},
        CLI_CREDS_OPTIONS(a.creds),
        {"date", 1, &a.date, NULL},
        {"nonce", 1, &a.nonce, NULL},
        {"v3", 0, NULL, &a.v3},
        {"host", 1, &a.host, NULL},
        {"endpoint-kind", 1, &a.endpoint_kind, NULL},
        {"body-file", 1, &a.body_file, NULL},
        {"content-type", 1, &a.content_type, NULL},
        {"print", 1, &a.print, NULL},
        {"raw", 1, &a.raw, NULL},
    };
    const char *file;
    int rc = cli_command_line("sign", argc, argv, opts, sizeof opts / sizeof opts[0], 1, &file);
    if (rc != CLI_GO_ON)
        return rc;
    if ((rc = check_args(&a)) != 0)
        return rc;
    char *body = NULL;
    size_t body_len = 0;
    if (a.body_file != NULL &&
        cli_read_file(a.body_file, MAX_BODY_FILE_BYTES, &body, &body_len) != 0) {
        cli_usage("sign", "cannot read --body-file %s (at most 512 KiB)", a.body_file);
        return CLI_EXIT_USAGE;
    }
    rc = sign_with(&a, file, body, body_len);
    free(body);
    return rc;
}
