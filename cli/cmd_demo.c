/* cmd_demo.c - `ecskp demo`: the documented examples, encoded, signed, decoded and checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "demo_data.h"
#include "help.h"
#include "ops.h"
#include "report.h"

typedef struct tally {
    size_t checks, passed;
} tally;

/* Prints `text` with every line indented; multi-line artifacts (V3) stay readable. */
static void indented(const char *label, const char *text) {
    printf("    %-24s ", label);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n') {
            printf("\n    %-24s ", "");
            continue;
        }
        putchar(*p);
    }
    putchar('\n');
}

static void check(tally *t, const char *what, const char *got, const char *want,
                  const char *origin) {
    t->checks++;
    if (got != NULL && strcmp(got, want) == 0) {
        t->passed++;
        printf("    ok    %s  [%s]\n", what, origin);
        return;
    }
    printf("    FAIL  %s  [%s]\n", what, origin);
    indented("expected", want);
    indented("got", got != NULL ? got : "(nothing)");
}

static void run_request(const demo_request *r, size_t n, tally *t) {
    printf("\n[%zu] %s\n    source: %s\n", n, r->title, r->source);
    indented("request", r->request);
    cJSON *req = cJSON_Parse(r->request);
    cJSON *out = NULL;
    char *query = NULL;
    ecskp_diag d;
    ecskp_status st;
    ecskp_method method =
        r->method != NULL && strcmp(r->method, "GET") == 0 ? ECSKP_METHOD_GET : ECSKP_METHOD_POST;
    if (r->kind == DEMO_QUERY) {
        st = op_encode(req, &query, &d);
    } else if (r->kind == DEMO_SIGN_V1) {
        printf("    %-24s %s, secret \"%s\" (the documented example's)\n", "method", r->method,
               r->secret);
        st = op_sign_v1(req, method, r->secret, strlen(r->secret), &out, &d);
    } else {
        printf("    %-24s %s, host %s, secret \"%s\" (the documented example's)\n", "method",
               r->method, r->host, r->secret);
        op_v3_options o = {method, r->host, NULL, NULL, 0, 1};
        st = op_sign_v3(req, &o, r->secret, strlen(r->secret), &out, &d);
    }
    if (st != ECSKP_OK) {
        char detail[512];
        cli_detail(st, &d, detail, sizeof detail);
        printf("    refused: %s: %s\n", ecskp_status_name(st), detail);
    } else if (query != NULL) {
        indented("canonical_query", query);
    } else if (out != NULL) {
        for (const cJSON *m = out->child; m != NULL; m = m->next)
            if (cJSON_IsString(m))
                indented(m->string, m->valuestring);
    }
    for (size_t i = 0; i < sizeof r->expect / sizeof r->expect[0]; i++) {
        const demo_expect *e = &r->expect[i];
        if (e->artifact == NULL)
            break;
        const char *got = NULL;
        if (query != NULL && strcmp(e->artifact, "canonical_query") == 0)
            got = query;
        else if (out != NULL)
            got = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(out, e->artifact));
        check(t, e->artifact, got, e->value, e->origin);
    }
    free(query);
    cJSON_Delete(out);
    cJSON_Delete(req);
}

static void run_body(const demo_body *b, size_t n, tally *t) {
    printf("\n[%zu] %s\n    source: %s\n", n, b->title, b->source);
    printf("    body (%s, %s", b->format, b->action);
    if (b->http_status != 0)
        printf(", HTTP %d", b->http_status);
    printf("):\n");
    const char *p = b->body;
    while (*p != '\0') {
        size_t len = strcspn(p, "\n");
        printf("      | %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
    }
    ecskp_decode_options o;
    memset(&o, 0, sizeof o);
    (void)ecskp_action_from_name(b->action, &o.action);
    (void)ecskp_format_from_name(b->format, &o.format);
    o.http_status = b->http_status;
    char *json = NULL;
    ecskp_diag d;
    ecskp_status st = op_decode(b->body, strlen(b->body), &o, &json, &d);
    if (st != ECSKP_OK) {
        char detail[512];
        cli_detail(st, &d, detail, sizeof detail);
        printf("    refused: %s: %s\n", ecskp_status_name(st), detail);
    } else {
        indented("decoded", json);
    }
    check(t, "normalized output", json, b->expect, b->origin);
    free(json);
}

int cmd_demo(int argc, char **argv) {
    const char *pos[1];
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, NULL, 0, pos, 0, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish("demo", rc);
    printf("ecskp demo: the documented examples, encoded, signed and decoded.\n"
           "Each check names where its expected value comes from: the documentation, or an\n"
           "independent computation (Python's hmac/hashlib), never ecskp's own output.\n");
    if (!ecskp_signing_available())
        printf("note: this build has no libcrypto, so the signing checks fail\n");
    tally t = {0, 0};
    size_t n = 0;
    for (size_t i = 0; i < demo_request_count; i++)
        run_request(&demo_requests[i], ++n, &t);
    for (size_t i = 0; i < demo_body_count; i++)
        run_body(&demo_bodies[i], ++n, &t);
    printf("\ndemo: %zu of %zu checks reproduced\n", t.passed, t.checks);
    if (t.passed != t.checks) {
        (void)fprintf(stderr,
                      "ecskp: demo: %zu documented value(s) not reproduced; see the FAIL lines\n",
                      t.checks - t.passed);
        return CLI_EXIT_REFUSED;
    }
    return CLI_EXIT_ACCEPTED;
}
