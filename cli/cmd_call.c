/* SPDX-License-Identifier: MIT */
/*
 * cmd_call.c - `ecskp attach` and `ecskp detach` (one implementation): the command line, the
 * instance list (arguments and --ids-file), credentials, region and endpoint, checked before
 * anything is sent; then the dry run, or the batches (call_run.c) and the report
 * (call_report.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "call_run.h"
#include "cli.h"
#include "common.h"
#include "help.h"
#include "http.h"
#include "input.h"
#include "report.h"

/* An ID file holds at most ECSKP_MAX_LIST_IDS IDs of at most 64 bytes, one a line. */
#define MAX_IDS_FILE_BYTES ((size_t)8 << 20)
#define MAX_ATTEMPTS 100u
#define MAX_TIMEOUT_S 3600ul
#define DEFAULT_TIMEOUT_S 30l

typedef struct call_args {
    const char *region, *key_pair_name, *endpoint, *endpoint_kind, *signature, *format;
    const char *method, *attempts, *timeout, *ids_file;
    cli_creds_request creds; /* the credential options */
    int dry_run, json;
} call_args;

/* The instance list: every ID copied (arguments and file alike). */
typedef struct id_list {
    char **ids;
    size_t count, cap;
} id_list;

static void ids_free(id_list *l) {
    for (size_t i = 0; i < l->count; i++)
        free(l->ids[i]);
    free(l->ids);
    memset(l, 0, sizeof *l);
}

/* Appends a copy of n bytes. Past ECSKP_MAX_LIST_IDS + 1 IDs nothing more is kept: the list
 * is refused as too long anyway. Returns -1 when out of memory. */
static int ids_add(id_list *l, const char *s, size_t n) {
    if (l->count > ECSKP_MAX_LIST_IDS)
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap == 0 ? 64 : l->cap * 2;
        char **ids = realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return -1;
        l->ids = ids;
        l->cap = cap;
    }
    if ((l->ids[l->count] = strndup(s, n)) == NULL)
        return -1;
    l->count++;
    return 0;
}

/* One ID a line (blank lines skipped, spaces, tabs and CR around an ID removed). */
static int ids_from_lines(id_list *l, const char *text, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        size_t a = i, b = end;
        while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (b > a && ids_add(l, text + a, b - a) != 0)
            return -1;
        i = end + 1;
    }
    return 0;
}

/* A JSON array of strings. Returns 0, -1 (memory) or CALL_EXIT_LOCAL (message printed). */
static int ids_from_json(const char *cmd, id_list *l, const char *text, size_t len,
                         const char *name) {
    cJSON *root = NULL;
    ecskp_diag d;
    if (cli_json_parse(text, len, &root, &d) != ECSKP_OK || !cJSON_IsArray(root)) {
        cJSON_Delete(root);
        cli_usage(cmd, "--ids-file %s starts with '[' but is not a JSON array (near byte %zu)",
                  name, root == NULL && d.offset != ECSKP_NO_OFFSET ? d.offset : 0);
        return CALL_EXIT_LOCAL;
    }
    int rc = 0, i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, root) {
        if (!cJSON_IsString(e)) {
            cli_usage(cmd, "--ids-file %s: element %d of the array is not a string", name, i);
            rc = CALL_EXIT_LOCAL;
            break;
        }
        if ((rc = ids_add(l, e->valuestring, strlen(e->valuestring))) != 0)
            break;
        i++;
    }
    cJSON_Delete(root);
    return rc;
}

static int ids_from_file(const char *cmd, id_list *l, const char *path) {
    char *text = NULL;
    size_t len = 0;
    int too_large = 0;
    if (cli_read_input(path, MAX_IDS_FILE_BYTES, &text, &len, &too_large) != 0 || too_large) {
        cli_usage(cmd, "cannot read --ids-file %s: %s", cli_input_name(path),
                  too_large ? "larger than 8 MiB" : strerror(errno));
        free(text);
        return CALL_EXIT_LOCAL;
    }
    size_t at = strspn(text, " \t\r\n");
    int rc = at < len && text[at] == '[' ? ids_from_json(cmd, l, text, len, cli_input_name(path))
                                         : ids_from_lines(l, text, len);
    free(text);
    return rc;
}

/* The whole list, checked: each ID, and no ID twice. Returns 0 or CALL_EXIT_LOCAL. */
static int ids_check(const char *cmd, const id_list *l) {
    if (l->count == 0) {
        cli_usage(cmd, "no instance IDs: give them as arguments or with --ids-file FILE");
        return CALL_EXIT_LOCAL;
    }
    ecskp_diag d;
    ecskp_status st = ecskp_ids_check_list((const char *const *)l->ids, l->count, 0, NULL, &d);
    if (st == ECSKP_OK)
        return 0;
    if ((st == ECSKP_ERR_IDS_DUPLICATE || st == ECSKP_ERR_IDS_INVALID_ELEMENT) &&
        d.index < l->count)
        cli_refuse_msg(st, "InstanceIds: %s '%s' at index %zu of the list (from 0); %s",
                       st == ECSKP_ERR_IDS_DUPLICATE ? "the ID" : "the invalid ID", l->ids[d.index],
                       d.index,
                       st == ECSKP_ERR_IDS_DUPLICATE
                           ? "give each instance once (a repeat in a later request would fail)"
                           : "an ID is 1 to 64 bytes of printable ASCII other than space, '\"' "
                             "and '\\'");
    else if (st == ECSKP_ERR_IDS_TOO_MANY)
        cli_refuse_msg(st, "InstanceIds: more than %d IDs in the list; split it",
                       ECSKP_MAX_LIST_IDS);
    else
        cli_refuse(st, &d);
    return CALL_EXIT_LOCAL;
}

/* Decimal digits in 1..max. */
static int parse_count(const char *s, unsigned long max, unsigned long *out) {
    unsigned long v = 0;
    if (s == NULL || *s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > max)
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    if (v == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

static int no_memory(const char *what) {
    cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for %s", what);
    return CALL_EXIT_INTERNAL;
}

static int bad_option(const char *cmd, const char *what) {
    cli_usage(cmd, "%s", what);
    return CALL_EXIT_LOCAL;
}

/* The choices of the command line into the plan. Returns 0 or CALL_EXIT_LOCAL. */
static int parse_choices(const char *cmd, const call_args *a, call_plan *p) {
    unsigned long v = 0;
    p->signature = ECSKP_SIGNATURE_V1;
    p->format = ECSKP_FORMAT_JSON;
    p->attempts = ECSKP_DEFAULT_ATTEMPTS;
    p->timeout_s = DEFAULT_TIMEOUT_S;
    if (a->signature != NULL &&
        ecskp_signature_parse(a->signature, &p->signature, NULL) != ECSKP_OK)
        return bad_option(cmd, "--signature is v1 or v3");
    if (a->format != NULL) {
        if (strcmp(a->format, "xml") == 0 || strcmp(a->format, "XML") == 0)
            p->format = ECSKP_FORMAT_XML;
        else if (strcmp(a->format, "json") != 0 && strcmp(a->format, "JSON") != 0)
            return bad_option(cmd, "--format is json or xml");
    }
    p->method = ECSKP_METHOD_POST;
    if (a->method != NULL && ecskp_method_parse(a->method, &p->method, NULL) != ECSKP_OK)
        return bad_option(cmd, "--method is POST or GET");
    if (a->attempts != NULL) {
        if (parse_count(a->attempts, MAX_ATTEMPTS, &v) != 0)
            return bad_option(cmd, "--attempts is a number from 1 to 100 (the first included)");
        p->attempts = (unsigned)v;
    }
    if (a->timeout != NULL) {
        if (parse_count(a->timeout, MAX_TIMEOUT_S, &v) != 0)
            return bad_option(cmd, "--timeout is a number of seconds from 1 to 3600");
        p->timeout_s = (long)v;
    }
    if (a->key_pair_name == NULL || a->key_pair_name[0] == '\0')
        return bad_option(cmd, "--key-pair-name NAME is required");
    p->key_pair_name = a->key_pair_name;
    p->dry_run = a->dry_run;
    p->json = a->json;
    p->progress = isatty(STDERR_FILENO);
    if (!p->dry_run && !cli_http_available()) {
        cli_refuse_msg(ECSKP_ERR_UNSUPPORTED,
                       "this ecskp was built without libcurl, so %s cannot send; use "
                       "--dry-run, or rebuild with libcurl (libcurl4-openssl-dev)",
                       cmd);
        return CALL_EXIT_LOCAL;
    }
    return 0;
}

/* Region, then endpoint: --region, ALIBABA_CLOUD_REGION_ID, the profile's region_id. */
static int where(const char *cmd, const call_args *a, const cli_creds *c, call_plan *p) {
    const char *env = getenv("ALIBABA_CLOUD_REGION_ID");
    p->region = a->region != NULL ? a->region : env != NULL && env[0] != '\0' ? env : c->region_id;
    if (p->region == NULL || p->region[0] == '\0')
        return bad_option(cmd, "no region: give --region REGION (e.g. cn-hangzhou), set "
                               "ALIBABA_CLOUD_REGION_ID, or set region_id in the profile");
    return cli_endpoint_resolve(cmd, a->endpoint, a->endpoint_kind, p->region, &p->endpoint) == 0
               ? 0
               : CALL_EXIT_LOCAL;
}

/* The batches and the instance records. Returns 0 or CALL_EXIT_INTERNAL. */
static int make_batches(call_plan *p) {
    p->nbatches = ECSKP_BATCH_COUNT(p->count);
    p->batches = calloc(p->nbatches, sizeof *p->batches);
    p->instances = calloc(p->count, sizeof *p->instances);
    if (p->batches == NULL || p->instances == NULL)
        return no_memory("the instances");
    for (size_t b = 0; b < p->nbatches; b++) {
        p->batches[b].first = b * ECSKP_MAX_INSTANCE_IDS;
        p->batches[b].count =
            b + 1 < p->nbatches ? ECSKP_MAX_INSTANCE_IDS : p->count - b * ECSKP_MAX_INSTANCE_IDS;
        p->batches[b].outcome = "not-done";
    }
    return 0;
}

/* Signs the first request once before anything is sent, so that a request the library
 * refuses (a key pair name too long, a token too long) is a local error. */
static int preflight(const call_plan *p) {
    ecskp_signed *s = NULL;
    ecskp_diag d;
    ecskp_status st = call_sign(p, 0, &s, &d);
    ecskp_signed_free(s);
    if (st == ECSKP_OK)
        return 0;
    cli_refuse(st, &d);
    return st == ECSKP_ERR_OUT_OF_MEMORY ? CALL_EXIT_INTERNAL : CALL_EXIT_LOCAL;
}

static void plan_free(call_plan *p) {
    for (size_t i = 0; p->instances != NULL && i < p->count; i++) {
        free(p->instances[i].code);
        free(p->instances[i].message);
    }
    for (size_t b = 0; p->batches != NULL && b < p->nbatches; b++) {
        free(p->batches[b].request_id);
        free(p->batches[b].diagnosis);
    }
    free(p->instances);
    free(p->batches);
}

/* Everything after the command line: list, credentials, plan, run, report. */
static int call_with(const char *cmd, ecskp_action action, const call_args *a, id_list *ids) {
    call_plan p;
    memset(&p, 0, sizeof p);
    p.cmd = cmd;
    p.action = action;
    int rc = parse_choices(cmd, a, &p);
    if (rc == 0 && a->ids_file != NULL)
        rc = ids_from_file(cmd, ids, a->ids_file);
    if (rc < 0)
        rc = no_memory("the IDs");
    if (rc == 0)
        rc = ids_check(cmd, ids);
    if (rc != 0)
        return rc;
    cli_creds creds;
    cli_creds_request rq = a->creds;
    rq.cmd = cmd;
    if (cli_creds_load(&rq, 1, &creds) != 0)
        return CALL_EXIT_LOCAL;
    p.creds = &creds;
    p.ids = (const char *const *)ids->ids;
    p.count = ids->count;
    rc = where(cmd, a, &creds, &p);
    if (rc == 0)
        rc = make_batches(&p);
    if (rc == 0)
        rc = preflight(&p);
    if (rc == 0 && p.dry_run)
        rc = call_dry_run(&p);
    else if (rc == 0 && (rc = call_run(&p)) == 0)
        rc = call_report(&p);
    plan_free(&p);
    cli_creds_free(&creds);
    return rc;
}

static int call_main(int argc, char **argv, ecskp_action action, const char *cmd) {
    call_args a;
    memset(&a, 0, sizeof a);
    const cli_option opts[] = {
        {"region", 1, &a.region, NULL},       {"key-pair-name", 1, &a.key_pair_name, NULL},
        {"endpoint", 1, &a.endpoint, NULL},   {"endpoint-kind", 1, &a.endpoint_kind, NULL},
        {"signature", 1, &a.signature, NULL}, {"format", 1, &a.format, NULL},
        {"method", 1, &a.method, NULL},       {"attempts", 1, &a.attempts, NULL},
        {"timeout", 1, &a.timeout, NULL},     {"ids-file", 1, &a.ids_file, NULL},
        CLI_CREDS_OPTIONS(a.creds),           {"dry-run", 0, NULL, &a.dry_run},
        {"json", 0, NULL, &a.json},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (pos == NULL)
        return no_memory("the arguments");
    size_t npos = 0;
    int rc =
        cli_parse_args(argc, argv, opts, sizeof opts / sizeof opts[0], pos, (size_t)argc, &npos);
    if (rc != CLI_ARGS_OK) {
        free(pos);
        return help_finish(cmd, rc);
    }
    id_list ids = {NULL, 0, 0};
    for (size_t i = 0; i < npos && rc == 0; i++)
        if (ids_add(&ids, pos[i], strlen(pos[i])) != 0)
            rc = no_memory("the IDs");
    free(pos);
    if (rc == 0)
        rc = call_with(cmd, action, &a, &ids);
    ids_free(&ids);
    return rc;
}

int cmd_attach(int argc, char **argv) {
    return call_main(argc, argv, ECSKP_ACTION_ATTACH_KEY_PAIR, "attach");
}

int cmd_detach(int argc, char **argv) {
    return call_main(argc, argv, ECSKP_ACTION_DETACH_KEY_PAIR, "detach");
}
